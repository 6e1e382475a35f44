// The stage pages' data: every show in every language, built once per build from the book
// (src/lib/stage/beats.ts) and handed to the browser as JSON.
import type { SiteBook } from './book.ts';
import { buildShow, showsOf, type ShowData } from '../model/views/stage-show.ts';
import type { ShowDef } from '../model/shows.ts';
import { languageCodes } from '../model/settings.ts';
import { STRINGS, t, type StringKey } from '../i18n/index.ts';

const cache = new Map<string, ShowData>();

export function stageShows(book: SiteBook): ShowDef[] {
  return showsOf(book);
}

export function showData(book: SiteBook, show: ShowDef, lang: string): ShowData {
  const key = `${show.id}/${lang}`;
  let data = cache.get(key);
  if (!data || !import.meta.env.PROD) {
    data = buildShow(book, show, lang, {
      base: book.settings.site.base,
      images: book.images,
      episodeLabel: (n) => t(lang, 'episode.number', { number: n }),
    });
    cache.set(key, data);
  }
  return data;
}

/** The paths of one kind of stage page: every language × the default show, or × the other shows. */
export function stagePaths(
  book: SiteBook,
  which: 'default' | 'others',
): Array<{ params: Record<string, string>; props: { showId: string } }> {
  const shows = stageShows(book).filter((s) => (which === 'default' ? s.isDefault : !s.isDefault));
  return languageCodes(book.settings).flatMap((lang) =>
    shows.map((s) => ({
      params: (which === 'default' ? { lang } : { lang, show: s.id }) as Record<string, string>,
      props: { showId: s.id },
    })),
  );
}

/** The interface strings the stage scripts need, in `lang`. */
export function stageStrings(lang: string): Record<string, string> {
  const keys = Object.keys(STRINGS.en!).filter((k) => k.startsWith('stage.')) as StringKey[];
  return Object.fromEntries(keys.map((k) => [k, t(lang, k)]));
}

/** JSON that is safe inside a <script type="application/json"> element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
