// The stage pages' data: every show in every language, built once per build from the book
// (src/model/views/stage-show.ts) and handed to the browser as JSON.
import type { SiteBook } from './book.ts';
import { buildShow, showsOf } from '../model/views/stage-show.ts';
import type { ShowDef } from '../model/shows.ts';
import { routes, type StageScreen } from '../shared/addresses.ts';
import { languageCodes } from '../model/settings.ts';
import { STRINGS, t, type StringKey } from '../i18n/index.ts';
import type { ShowData } from '../shared/stage/show-data.ts';

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

export interface StagePathProps {
  showId: string;
}

/** getStaticPaths of one stage screen: every language × show, the show's part of the address as `show`. */
export function stagePaths(
  book: SiteBook,
  screen: StageScreen,
): Array<{ params: { lang: string; show: string | undefined }; props: StagePathProps }> {
  return languageCodes(book.settings).flatMap((lang) =>
    stageShows(book).map((show) => {
      // routes.stage() gives /<lang>/stage/[<show>/][<screen>/]: the show's part is what comes between.
      const path = routes.stage(lang, show, screen);
      const tail = screen === 'presenter' ? '' : `${screen}/`;
      const part = path.slice(`${lang}/stage/`.length, path.length - tail.length).replace(/\/$/, '');
      return { params: { lang, show: part || undefined }, props: { showId: show.id } };
    }),
  );
}

/** The interface strings the stage scripts need, in `lang` (those under `prefix`: the phone remote takes its own). */
export function stageStrings(lang: string, prefix = 'stage.'): Record<string, string> {
  const keys = Object.keys(STRINGS.en!).filter((k) => k.startsWith(prefix)) as StringKey[];
  return Object.fromEntries(keys.map((k) => [k, t(lang, k)]));
}

/** JSON that is safe inside a <script type="application/json"> element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
