// The sizes of the book's downloadable files (src/outputs/index.ts lists them) on the site's pages.
//
// The files are made after the pages (the EPUB is cut from the built print edition), so a page
// cannot know a file's size while Astro renders it. Pages therefore render an empty marker
// (<span data-size-of="en/book-en.epub"></span>) and, once every output has run, the build's last
// step (fillSizesInPages, from scripts/build.ts) fills each marker with the file's size in the
// page's language. A marker whose file does not exist stops the build.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { t } from '../i18n/index.ts';

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

/** Fills the download size markers of every built page; returns how many pages had some. */
export function fillSizesInPages(outDir: string): number {
  let pages = 0;
  const sizeOf = (path: string) => {
    const f = join(outDir, path);
    return existsSync(f) && statSync(f).isFile() ? statSync(f).size : undefined;
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) {
        const html = readFileSync(p, 'utf8');
        if (!html.includes('data-size-of=')) continue;
        const out = fillDownloadSizes(html, sizeOf, p.slice(outDir.length + 1));
        if (out.filled) {
          writeFileSync(p, out.html);
          pages++;
        }
      }
    }
  };
  walk(outDir);
  return pages;
}
