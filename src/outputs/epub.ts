// The EPUB of each language, made by scripts/build.ts once Astro has built the pages, inside the
// build's all-or-nothing step: the built print edition dist/<lang>/print/index.html is cut into
// chapters (src/lib/epub/chapters.ts), packaged by epub-gen-memory with the kit's templates
// and metadata, re-packed reproducibly, and written to dist/<lang>/<book-id>-<lang>.epub.
// Then the pages' download links get the files' sizes (src/lib/downloads.ts).
// Any problem throws: the build stops and the previous dist/ stays as it was.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Book } from '../lib/book.ts';
import type { ImageManifest } from '../lib/panels/render.ts';
import { languageCodes } from '../lib/settings.ts';
import { cutPrintEdition } from '../lib/epub/chapters.ts';
import { epubMetadata, epubModified } from '../lib/epub/package.ts';
import { assembleEpub, type Font } from '../lib/epub/generator.ts';
import { epubPath, fillDownloadSizes } from '../lib/downloads.ts';
import { t } from '../i18n/index.ts';

const require = createRequire(import.meta.url);

/** The faces the EPUB's stylesheet (src/lib/epub/epub.css) declares, from @fontsource/literata. */
export const EPUB_FONTS: Font[] = ['400-normal', '400-italic', '700-normal', '700-italic'].map((style) => {
  const filename = `literata-latin-${style}.woff2`;
  return { filename, path: require.resolve(`@fontsource/literata/files/${filename}`) };
});

export const EPUB_CSS_FILE = new URL('../lib/epub/epub.css', import.meta.url);

export interface EpubResult {
  lang: string;
  /** Absolute path of the EPUB. */
  file: string;
  bytes: number;
  seconds: number;
}

export async function buildEpubs(
  outDir: string,
  book: Book & { images: ImageManifest },
  log: (line: string) => void,
): Promise<EpubResult[]> {
  const { settings } = book;
  const css = readFileSync(EPUB_CSS_FILE, 'utf8');
  const modified = epubModified(settings, process.env.SOURCE_DATE_EPOCH);
  const results: EpubResult[] = [];
  for (const lang of languageCodes(settings)) {
    const t0 = performance.now();
    const fail = (message: string): never => {
      throw new Error(`EPUB (${lang}): ${message}`);
    };
    const printFile = join(outDir, lang, 'print', 'index.html');
    if (!existsSync(printFile)) fail(`the print edition ${printFile} was not built.`);
    const cover = book.images.covers[lang]?.jpeg;
    if (!cover) fail('the image manifest has no JPEG cover for this language.');
    const coverPath = join(outDir, 'panels', cover!.file);
    if (!existsSync(coverPath)) fail(`the cover ${coverPath} was not copied into the build.`);
    const cut = cutPrintEdition(readFileSync(printFile, 'utf8'), {
      lang,
      base: settings.site.base,
      siteUrl: settings.site.url,
      outDir,
      coverFile: cover!.file,
      labels: { cover: t(lang, 'epub.cover'), episode: (number, title) => t(lang, 'episode.label', { number, title }) },
    });
    const bytes = await assembleEpub({
      book: cut,
      meta: epubMetadata(settings, lang, modified),
      css,
      fonts: EPUB_FONTS,
      cover: coverPath,
      labels: {
        contents: t(lang, 'print.contents'),
        landmarks: t(lang, 'epub.landmarks'),
        start: t(lang, 'epub.start'),
      },
    });
    const file = join(outDir, epubPath(settings, lang));
    writeFileSync(file, bytes);
    const result = { lang, file, bytes: bytes.length, seconds: (performance.now() - t0) / 1000 };
    results.push(result);
    log(
      `EPUB ${lang}: ${epubPath(settings, lang)}, ${(result.bytes / 1e6).toFixed(2)} MB, ${cut.parts.length} documents, in ${result.seconds.toFixed(1)} s`,
    );
  }
  const pages = fillSizesInPages(outDir);
  log(`download sizes filled in ${pages} pages`);
  return results;
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
