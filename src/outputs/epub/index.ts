// The EPUBs of each language, made by scripts/build.ts once Astro has built the pages, inside the
// build's all-or-nothing step: the built print edition dist/<lang>/print/index.html is cut into
// chapters (chapters.ts), packaged by epub-gen-memory with the kit's templates
// and metadata, re-packed reproducibly, and written to dist/<lang>/<book-id>-<lang>.epub. A second
// flavour, dist/<lang>/<book-id>-<lang>-eink.epub, shows each SVG panel as its PNG (the image
// pipeline's `raster` variant): e-ink readers and Kindle conversions draw SVG badly or not at all.
// Any problem throws: the build stops and the previous dist/ stays as it was.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageCodes } from '../../model/settings.ts';
import { cutPrintEdition } from './chapters.ts';
import { epubMetadata, epubModified } from './package.ts';
import { assembleEpub, type Font } from './generator.ts';
import type { OutputContext } from '../contract.ts';
import { publicAddress, routes } from '../../shared/addresses.ts';
import { EPUB_FLAVOURS, epubFile, type EpubFlavour } from './downloads.ts';
import { t } from '../../i18n/index.ts';
import { FONT_CACHE_DIR, type FontManifest } from '../../fonts/make.ts';
import { readZip } from '../zip.ts';
import { pageMapFile, pageMapSchema, type PageMap } from '../pdf/page-map.ts';
import { pdfFile } from '../pdf/downloads.ts';
import type { Settings } from '../../model/schemas/settings.ts';
import { describeCoverage, fontCodePoints, uncoveredCharacters } from './font-coverage.ts';

/**
 * The faces the EPUB embeds: the font pipeline's "epub" role (src/fonts/faces.ts), static Literata
 * instances subset to the book's characters, read from `fontDir`; and their @font-face rules,
 * which come before epub.css. No font-display: it is a web page descriptor reading systems ignore.
 */
export function epubFonts(manifest: FontManifest, fontDir: string): { fonts: Font[]; css: string } {
  const faces = manifest.roles.epub.faces;
  if (!faces.length) throw new Error('the font pipeline gave the EPUB no face (src/fonts/faces.ts, role "epub").');
  return {
    fonts: faces.map((f) => ({ filename: f.file, path: join(fontDir, f.file) })),
    css: faces
      .map(
        (f) =>
          `@font-face {\n  font-family: "${f.family}";\n  font-style: ${f.style};\n  font-weight: ${f.weight};\n  src: url("fonts/${f.file}") format("woff2");\n}\n`,
      )
      .join(''),
  };
}

export const EPUB_CSS_FILE = new URL('./epub.css', import.meta.url);

export interface EpubResult {
  lang: string;
  flavour: EpubFlavour;
  /** Absolute path of the EPUB. */
  file: string;
  bytes: number;
  seconds: number;
}

/** The output's step: one EPUB per language. */
export async function run(context: OutputContext): Promise<string> {
  const results = await buildEpubs(context);
  return results
    .map((r) => `${r.lang}${r.flavour === 'standard' ? '' : ` ${r.flavour}`} ${(r.bytes / 1e6).toFixed(2)} MB`)
    .join(', ');
}

export async function buildEpubs({
  dir: outDir,
  book,
  images,
  fonts: fontManifest,
  log,
}: Pick<OutputContext, 'dir' | 'book' | 'images' | 'fonts' | 'log'>): Promise<EpubResult[]> {
  const { settings } = book;
  const { fonts, css: fontCss } = epubFonts(fontManifest, join(book.root, FONT_CACHE_DIR));
  const css = `${fontCss}\n${readFileSync(EPUB_CSS_FILE, 'utf8')}`;
  const modified = epubModified(settings, process.env.SOURCE_DATE_EPOCH);
  const results: EpubResult[] = [];
  // The print edition's pagination, from the PDF output (run before this one: src/outputs/index.ts).
  const pageMaps = new Map(languageCodes(settings).map((lang) => [lang, readPageMap(outDir, lang)]));
  // The e-ink flavour's image for each SVG panel of the build (every language's: a translation
  // may show the original's panel).
  const rasters = new Map(
    Object.values(images.panels)
      .flatMap((byLang) => Object.values(byLang))
      .flatMap((img) => (img.raster ? [[img.file.file, img.raster.file] as const] : [])),
  );
  for (const lang of languageCodes(settings))
    for (const flavour of EPUB_FLAVOURS) {
      const t0 = performance.now();
      const fail = (message: string): never => {
        throw new Error(`EPUB (${lang}${flavour === 'standard' ? '' : `, ${flavour}`}): ${message}`);
      };
      const printFile = join(outDir, lang, 'print', 'index.html');
      if (!existsSync(printFile)) fail(`the print edition ${printFile} was not built.`);
      const cover = images.covers[lang]?.jpeg;
      if (!cover) fail('the image manifest has no JPEG cover for this language.');
      const coverPath = join(outDir, routes.image(cover!.file));
      if (!existsSync(coverPath)) fail(`the cover ${coverPath} was not copied into the build.`);
      const cut = cutPrintEdition(readFileSync(printFile, 'utf8'), {
        pageMarks: pageMaps.get(lang)!.marks,
        lang,
        base: settings.site.base,
        siteUrl: settings.site.url,
        outDir,
        coverFile: cover!.file,
        ...(flavour === 'eink' ? { imageFor: rasters } : {}),
        labels: {
          cover: t(lang, 'epub.cover'),
          episode: (number, title) => t(lang, 'episode.label', { number, title }),
        },
      });
      const bytes = await assembleEpub({
        book: cut,
        meta: epubMetadata(settings, lang, modified, {
          ...(cut.pageBreaks.length && { pageBreakSource: pdfAddress(settings, lang) }),
        }),
        css,
        fonts,
        cover: coverPath,
        labels: {
          contents: t(lang, 'print.contents'),
          landmarks: t(lang, 'epub.landmarks'),
          start: t(lang, 'epub.start'),
          pages: t(lang, 'epub.pages'),
        },
      });
      checkFontCoverage(bytes, fail);
      const file = join(outDir, epubFile(settings, lang, flavour));
      writeFileSync(file, bytes);
      const result = { lang, flavour, file, bytes: bytes.length, seconds: (performance.now() - t0) / 1000 };
      results.push(result);
      log(
        `EPUB ${lang}: ${epubFile(settings, lang, flavour)}, ${(result.bytes / 1e6).toFixed(2)} MB, ${cut.parts.length} documents, ${cut.pageBreaks.length} page breaks, in ${result.seconds.toFixed(1)} s`,
      );
    }
  return results;
}

/** The page map the PDF output wrote for `lang` (src/outputs/pdf/page-map.ts). */
export function readPageMap(outDir: string, lang: string): PageMap {
  const file = join(outDir, pageMapFile(lang));
  if (!existsSync(file))
    throw new Error(`EPUB (${lang}): ${file} is missing: the PDF output writes it, and must run before the EPUB's.`);
  const parsed = pageMapSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success || parsed.data.lang !== lang)
    throw new Error(
      `EPUB (${lang}): ${file} is not a page map of the ${lang} print edition (${parsed.error?.message ?? `lang ${parsed.data?.lang}`}).`,
    );
  return parsed.data;
}

/**
 * The public address of the PDF edition, which the page numbers come from; while `site.url` is
 * still the example address (issue 24: no output names it), the PDF's file name.
 */
export function pdfAddress(settings: Settings, lang: string): string {
  const file = pdfFile(settings, lang);
  return publicAddress(settings.site.url, settings.site.base, file) ?? file.split('/').pop()!;
}

/**
 * Fails (through `fail`) when a character of the EPUB's text is in none of its embedded fonts
 * (font-coverage.ts says what text and which exception), naming each document, line and character.
 */
export function checkFontCoverage(epub: Uint8Array, fail: (message: string) => never): void {
  const entries = readZip(epub);
  const fonts = entries.filter((e) => /\.(woff2?|ttf|otf)$/i.test(e.name)).map((e) => fontCodePoints(e.data));
  const documents = entries
    .filter((e) => e.name.endsWith('.xhtml'))
    .map((e) => ({ name: e.name, xhtml: e.data.toString('utf8') }));
  const problems = uncoveredCharacters(documents, fonts);
  if (!problems.length) return;
  const shown = problems.slice(0, 20).map(describeCoverage);
  if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
  fail(
    `${problems.length} character(s) of the text would be drawn by a fallback font (add them to the fonts' characters, src/fonts/code-points.ts, or give the face a glyph, src/fonts/cmap.ts):\n  ${shown.join('\n  ')}`,
  );
}
