// Helpers shared by the pages: the episodes of a language in order, their neighbours, and the
// alternates of a page in every language.
import type { Book, Episode } from '../model/book.ts';
import { episodeView, type EpisodeView } from '../model/views/episode.ts';
import { languageCodes } from '../model/settings.ts';

export function views(book: Book, lang: string): EpisodeView[] {
  return book.episodes.map((e) => episodeView(book, e, lang));
}

export function alternatesOf(book: Book, route: (lang: string) => string): Array<{ lang: string; path: string }> {
  return languageCodes(book.settings).map((lang) => ({ lang, path: route(lang) }));
}

export function neighbours(book: Book, episode: Episode): { prev?: Episode; next?: Episode } {
  const i = book.episodes.indexOf(episode);
  return { prev: book.episodes[i - 1], next: book.episodes[i + 1] };
}

/** The name of language `code` written in language `inLang` ("French", "anglais"). */
export function languageName(code: string, inLang: string): string {
  try {
    return new Intl.DisplayNames([inLang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The book's about page in `lang`, or in the original language when it is not translated. */
export function aboutPage(book: Book, lang: string): Book['pages'][number] | undefined {
  const find = (l: string) => book.pages.find((p) => p.id === 'about' && p.lang === l);
  return find(lang) ?? find(book.settings.original);
}

/** getStaticPaths for pages that exist once per language. */
export async function languagePaths(): Promise<Array<{ params: { lang: string } }>> {
  const { getBook } = await import('./book.ts');
  const book = await getBook();
  return languageCodes(book.settings).map((lang) => ({ params: { lang } }));
}
