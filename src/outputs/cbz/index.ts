// The CBZ of each language, for comic readers (Komga, Kavita, YACReader, KOReader): a ZIP of the
// cover and every panel in reading order, as pictures, with a ComicInfo.xml (comicinfo.ts). Its
// pages are the EPUB's (the built print edition, cut by src/outputs/epub/chapters.ts) with each SVG
// panel as its PNG (the image pipeline's raster variant); its metadata is the EPUB's. Written to
// dist/<lang>/<book-id>-<lang>.cbz, reproducibly (one fixed date in the ZIP, src/outputs/zip.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { imageSize } from 'image-size';
import { languageCodes, pick } from '../../model/settings.ts';
import { rasterFile } from '../../model/image-manifest.ts';
import { namesWith } from '../../model/views/credits.ts';
import { publicAddress, routes } from '../../shared/addresses.ts';
import { typographize } from '../../shared/typography.ts';
import { t } from '../../i18n/index.ts';
import { cutPrintEdition } from '../epub/chapters.ts';
import { epubMetadata, epubModified } from '../epub/package.ts';
import { writeZip, type ZipEntry } from '../zip.ts';
import type { OutputContext } from '../contract.ts';
import { comicInfoXml, type ComicPage } from './comicinfo.ts';
import { cbzFile } from './downloads.ts';

export async function run(context: OutputContext): Promise<string> {
  return buildCbzs(context)
    .map((m) => `${m.lang} ${m.pages} pages ${(m.bytes / 1e6).toFixed(2)} MB`)
    .join(', ');
}

export function buildCbzs({
  dir: outDir,
  book,
  images,
  log,
}: Pick<OutputContext, 'dir' | 'book' | 'images' | 'log'>): Array<{ lang: string; pages: number; bytes: number }> {
  const { settings } = book;
  const modified = epubModified(settings, process.env.SOURCE_DATE_EPOCH);
  const panels = Object.values(images.panels).flatMap((byLang) => Object.values(byLang));
  const rasters = new Map(panels.map((img) => [img.file.file, rasterFile(img).file] as const));
  const pictures = new Set(rasters.values());
  return languageCodes(settings).map((lang) => {
    const t0 = performance.now();
    const fail = (message: string): never => {
      throw new Error(`CBZ (${lang}): ${message}`);
    };
    const printFile = join(outDir, lang, 'print', 'index.html');
    if (!existsSync(printFile)) fail(`the print edition ${printFile} was not built.`);
    const cover = images.covers[lang]?.jpeg ?? fail('the image manifest has no JPEG cover for this language.');
    const cut = cutPrintEdition(readFileSync(printFile, 'utf8'), {
      lang,
      base: settings.site.base,
      siteUrl: settings.site.url,
      outDir,
      coverFile: cover.file,
      imageFor: rasters,
      labels: { cover: t(lang, 'epub.cover'), episode: (number, title) => t(lang, 'episode.label', { number, title }) },
    });
    // The cover, then the panels in the order the book shows them (each once); not the other
    // pictures (figures, posters): a comic reader shows panels.
    const files = [
      ...new Set(
        cut.parts.flatMap((p) => p.images).filter((f) => basename(f) === cover.file || pictures.has(basename(f))),
      ),
    ];
    if (basename(files[0] ?? '') !== cover.file) fail('the print edition does not open on the cover.');
    if (files.length < 2) fail('the print edition shows no panel.');
    const digits = Math.max(2, String(files.length - 1).length);
    const entries: ZipEntry[] = [];
    const pages: ComicPage[] = files.map((f, i) => {
      const data = readFileSync(f);
      const size = imageSize(data);
      if (!size.width || !size.height) fail(`${f} is not an image whose size can be read.`);
      // 00-cover.jpg, 01-hamster-wheel.png…: readers sort pages by file name. A strip's frames
      // are a page each (a page turn is the comic's timing): 09-consent-banner-hunt.png.
      const stem =
        i === 0
          ? 'cover'
          : basename(f)
              .replace(/\.[^.]+\.[0-9a-f]{12}.*$/, '')
              .replace('.', '-');
      entries.push({ name: `${String(i).padStart(digits, '0')}-${stem}${extname(f)}`, data, store: true });
      return { width: size.width, height: size.height, size: data.length, ...(i === 0 && { cover: true }) };
    });
    const meta = epubMetadata(settings, lang, modified);
    const ty = (s: string) => typographize(s, lang);
    const translators = namesWith(settings, lang, 'translator');
    const licence = `${ty(pick(settings.licence.name, lang, settings))} (${settings.licence.url}). ${ty(pick(settings.licence.statement, lang, settings))}`;
    const xml = comicInfoXml({
      title: meta.title,
      series: meta.series?.name,
      number: meta.series?.position,
      summary: meta.description,
      notes: [
        licence,
        ...(translators.length ? [ty(t(lang, 'cbz.translatedBy', { names: translators.join(', ') }))] : []),
      ].join(' '),
      published: settings.published,
      writers: [...new Set([...namesWith(settings, lang, 'author'), ...namesWith(settings, lang, 'dialogue')])],
      pencillers: namesWith(settings, lang, 'illustrator'),
      translators,
      publisher: settings.publisher,
      web: publicAddress(settings.site.url, settings.site.base, routes.home(lang)),
      lang,
      pages,
    });
    entries.push({ name: 'ComicInfo.xml', data: Buffer.from(xml, 'utf8') });
    const zip = writeZip(entries, modified);
    writeFileSync(join(outDir, cbzFile(settings, lang)), zip);
    log(
      `CBZ ${lang}: ${cbzFile(settings, lang)}, ${pages.length} pages, ${(zip.length / 1e6).toFixed(2)} MB, in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return { lang, pages: pages.length, bytes: zip.length };
  });
}
