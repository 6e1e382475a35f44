// Every address the kit makes is made here: the site's pages, the stage screens, the print edition
// and the files readers download, so that a base path (/planches/) and the public URL are applied
// the same way everywhere. Paths are relative to the site's base (and to the build folder).

export function joinBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

export type StageScreen = 'presenter' | 'audience' | 'script' | 'remote';

export const routes = {
  chooser: () => '',
  home: (lang: string) => `${lang}/`,
  episode: (lang: string, slug: string) => `${lang}/${slug}/`,
  about: (lang: string) => `${lang}/about/`,
  feed: (lang: string) => `${lang}/rss.xml`,
  calendar: (lang: string) => `${lang}/performances.ics`,
  notFound: () => '404.html',
  /** A file of the image pipeline (a panel, a cover, a poster, a card), copied into dist/panels/. */
  image: (file: string) => `panels/${file}`,
  /** A file of the font pipeline (a subset face, a style sheet of @font-face rules), copied into dist/fonts/. */
  font: (file: string) => `fonts/${file}`,
  /** The print edition: the whole book on one page, which the PDF is printed from and the EPUB cut from. */
  print: (lang: string) => `${lang}/print/`,
  /** The print cover's page (the back, spine and front on one sheet), which the print cover PDF is printed from. */
  printCover: (lang: string) => `${lang}/print/cover/`,
  /**
   * A stage screen. The first show lives at /<lang>/stage/, the others at /<lang>/stage/<show>/;
   * each has an audience screen and a printable script below it.
   */
  stage: (lang: string, show: { id: string; isDefault: boolean }, screen: StageScreen = 'presenter') =>
    (show.isDefault ? `${lang}/stage/` : `${lang}/stage/${show.id}/`) + (screen === 'presenter' ? '' : `${screen}/`),
  /**
   * A file of the stage's offline copy, in one language: its service worker (`sw.js`, whose folder
   * is its scope: every show's screens in that language) and the list of what it keeps (`offline.json`).
   */
  stageFile: (lang: string, file: 'sw.js' | 'offline.json') => `${lang}/stage/${file}`,
  /**
   * A file of the book in one language: dist/<lang>/<book-id>-<lang>[-<variant>].<extension>. The book id and
   * the language in the name keep downloaded files apart in a reader's folder; the language folder
   * keeps the file next to that language's pages.
   */
  bookFile: (bookId: string, lang: string, extension: string, variant?: string) =>
    `${lang}/${bookId}-${lang}${variant ? `-${variant}` : ''}.${extension}`,
};

/** The kit's example domain, in the sample's content/book.yaml and the docs. */
export const EXAMPLE_HOST = 'planches.example';

/** Whether the site's address is still the example one (a book that keeps it has no address yet). */
export function isExampleAddress(siteUrl: string): boolean {
  try {
    return new URL(siteUrl).hostname === EXAMPLE_HOST;
  } catch {
    return false;
  }
}

/**
 * The address to print in a file readers keep (the PDF, its cover, the CBZ): none while site.url is
 * still the example one, rather than a domain that is not the book's (the build warns about it).
 */
export function publicAddress(siteUrl: string, base: string, path: string): string | undefined {
  return isExampleAddress(siteUrl) ? undefined : absolute(siteUrl, base, path);
}

/** Absolute address for canonical links, feeds and sitemaps. */
export function absolute(siteUrl: string, base: string, path: string): string {
  return new URL(joinBase(base, path), siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}
