// The book's downloadable files (the EPUB and the PDF of each language) and their sizes on the
// site's pages.
//
// The files are made after the pages (the EPUB is cut from the built print edition), so a page
// cannot know a file's size while Astro renders it. Pages therefore render an empty marker
// (<span data-size-of="en/book-en.epub"></span>) and, once every file exists, the build script
// (scripts/build.ts, at the end of the EPUB step) fills each marker with the file's size in the page's language
// (fillDownloadSizes). A marker whose file does not exist stops the build.
import type { Settings } from './settings.ts';
import { languageCodes } from './settings.ts';
import { t } from '../i18n/index.ts';
import { pdfPath } from './pdf/names.ts';

export type DownloadFormat = 'epub' | 'pdf';

export interface Download {
  lang: string;
  format: DownloadFormat;
  /** Path under the site's base (and under the build folder): "en/book-en.epub". */
  path: string;
  /** Media type, for the link's type attribute. */
  type: string;
  /** The format's name as readers know it. */
  label: string;
}

/** Where the EPUB of `lang` is written, relative to the build folder and the site's base. */
export function epubPath(settings: Pick<Settings, 'id'>, lang: string): string {
  return `${lang}/${settings.id}-${lang}.epub`;
}

/** Every download of the book, the page's language first, then the book's order; EPUB, then PDF. */
export function downloads(settings: Settings, pageLang: string): Download[] {
  const langs = languageCodes(settings);
  const ordered = [pageLang, ...langs.filter((l) => l !== pageLang)].filter((l) => langs.includes(l));
  return ordered.flatMap((lang): Download[] => [
    { lang, format: 'epub', path: epubPath(settings, lang), type: 'application/epub+zip', label: 'EPUB' },
    // The PDF's label says its page size: a reader choosing what to print needs it.
    {
      lang,
      format: 'pdf',
      path: pdfPath(settings.id, lang),
      type: 'application/pdf',
      label: `PDF ${settings.print.pageSize}`,
    },
  ]);
}

/** "1.2 MB", "1,2 Mo", "840 kB": SI units, in the language's number format and words. */
export function formatSize(bytes: number, lang: string): string {
  if (bytes >= 1_000_000) {
    const size = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      bytes / 1_000_000,
    );
    return t(lang, 'download.MB', { size });
  }
  const size = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1000)));
  return t(lang, 'download.kB', { size });
}

const MARKER = /<span([^>]*?) data-size-of="([^"]*)"([^>]*)><\/span>/g;

/**
 * Fills the size markers of a built page. `sizeOf` gives a file's size in bytes (undefined
 * when the file does not exist, which is an error). Returns the page and how many were filled.
 */
export function fillDownloadSizes(
  html: string,
  sizeOf: (path: string) => number | undefined,
  file = 'a page',
): { html: string; filled: number } {
  const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1];
  let filled = 0;
  const out = html.replace(MARKER, (_all, before: string, path: string, after: string) => {
    if (!lang) throw new Error(`${file} has download sizes to fill but no <html lang>.`);
    const bytes = sizeOf(decodeEntities(path));
    if (bytes === undefined) throw new Error(`${file} offers ${path} for download, but the build did not make it.`);
    filled++;
    return `<span${before}${after}>${formatSize(bytes, lang)}</span>`;
  });
  return { html: out, filled };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"');
}
