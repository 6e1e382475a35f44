// Composites every panel in every language (bubbles and text drawn over the textless art). Vector
// art (SVG) is published as one self-contained SVG per panel and language, which every output shows
// (site, PDF, EPUB, stage), and rasterised once to a PNG (RASTER_PANEL) for the outputs whose
// readers draw no SVG (the e-ink EPUB, the CBZ). Raster art is encoded for each output: AVIF and
// WebP at several widths for the site, one PNG for the EPUB, the PDF and as the <img> fallback.
// Results are cached by the hash of everything that goes into them, so a rebuild only redoes what
// changed.
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import sharp, { type Sharp } from 'sharp';
import type { Book } from '../model/book.ts';
import { ContentError, type ContentProblem } from '../model/errors.ts';
import { sha256 } from '../model/hash.ts';
import { languageCodes } from '../model/settings.ts';
import { drawBubble, setBubbleText } from './bubbles.ts';
import { libraryPoses, tailsInHeads } from './speakers.ts';
import { panelText, type PanelText } from '../model/views/panel-text.ts';
import { loadFont, missingGlyphs } from './text-layout.ts';
import { checkSvg } from '../model/svg-safety.ts';
import { inPool, IMAGE_CONCURRENCY } from './pool.ts';
import { compactNumbers, composeSvg, vectorPanel } from './svg-output.ts';
import { coverArtFile, coverOverlay, coverSize } from './cover.ts';
import { renderPosters, renderSocialImages } from './posters.ts';
import { renderFigures } from './figures.ts';
import { withJfifHeader } from './jfif.ts';
import type { BubbleLayout, ImageManifest, PanelImage, Variant } from '../model/image-manifest.ts';
import type { PanelArt } from '../model/schemas/panels.ts';
import { readBookBytes } from '../model/read.ts';

/** Encoder settings, chosen by measuring (docs/benchmarks.md). Changing them changes every cache key. */
export const ENCODING = {
  widths: [480, 800, 1200, 1600],
  // effort 1 (4:4:4) is 40 % faster than 2 for ~8 % more bytes and no visible loss on flat art;
  // q45 at effort 0 showed blocking on outlines (measured: docs/benchmarks.md).
  avif: { quality: 55, effort: 1 },
  webp: { quality: 80, effort: 4 },
  png: { width: 1200, palette: true, quality: 90, effort: 3, compressionLevel: 9 },
  // The EPUB's cover: baseline (mozjpeg would make it progressive) with a JFIF header, which
  // older reading systems, stores and pandoc need to read its size.
  jpeg: { quality: 86, progressive: false, mozjpeg: false },
  version: 2,
} as const;

/** Bump when the published SVG changes shape (svg-output.ts): it is part of every vector cache key. */
const VECTOR_OUTPUT = 'svg-2';

/**
 * The PNG of a vector panel for readers that draw no SVG, or draw it badly (the e-ink EPUB, its
 * Kindle conversions, the CBZ), rasterised by librsvg from the published SVG. 1440 px wide: a
 * panel across a 6-inch reader (1072 px at 300 ppi) up to a 10-inch one (1404 px) is never
 * enlarged. A palette PNG: the art is flat colour and outlined lettering, which JPEG blurs and
 * makes larger (measured on the sample: 75–110 kB as PNG, 110–175 kB as JPEG q82).
 */
export const RASTER_PANEL = { width: 1440, palette: true, quality: 90, effort: 3, compressionLevel: 9 } as const;

export interface RenderStats {
  images: number;
  /** Raster encodes (AVIF, WebP, PNG, JPEG). */
  encodes: number;
  /** Vector panels written (no encoding). */
  written: number;
  cached: number;
  seconds: number;
  /** Seconds per part: panels, covers, posters, link-preview cards. */
  parts: Record<'panels' | 'covers' | 'posters' | 'social', number>;
}

const require = createRequire(import.meta.url);
export const BUBBLE_FONT = require.resolve('@fontsource/comic-neue/files/comic-neue-latin-700-normal.woff2');
export const LIBRARY_FILE = 'content/art/library.svg';
/** Where composited panels are cached, relative to the book's folder. */

/** Shared drawings (characters, props) that every SVG panel may <use href="#id">. */
export function loadLibrary(root: string, problems: ContentProblem[]): string {
  const path = join(root, LIBRARY_FILE);
  if (!existsSync(path)) return '';
  const text = readBookBytes(root, LIBRARY_FILE).toString('utf8');
  for (const f of checkSvg(text))
    problems.push({ file: LIBRARY_FILE, line: f.line, message: `contains ${f.message}.` });
  return [...text.matchAll(/<defs\b[^>]*>([\s\S]*?)<\/defs>/gi)].map((m) => m[1]).join('\n');
}

/** Encodes every variant of `image` from one full-size render; returns the number of encodes. */
export async function encodeVariants(
  full: Buffer,
  image: { avif: Variant[]; webp: Variant[]; file: Variant; jpeg?: Variant },
  cacheDir: string,
): Promise<number> {
  let n = 0;
  const write = async (v: Variant, pipeline: Sharp | Buffer) => {
    const target = join(cacheDir, v.file);
    const tmp = `${target}.tmp-${process.pid}`;
    if (Buffer.isBuffer(pipeline)) writeFileSync(tmp, pipeline);
    else await pipeline.toFile(tmp);
    renameSync(tmp, target);
    n++;
  };
  for (const v of image.avif) await write(v, sharp(full).resize({ width: v.width }).avif(ENCODING.avif));
  for (const v of image.webp) await write(v, sharp(full).resize({ width: v.width }).webp(ENCODING.webp));
  const { palette, quality, effort, compressionLevel } = ENCODING.png;
  await write(
    image.file,
    sharp(full).resize({ width: image.file.width }).png({ palette, quality, effort, compressionLevel }),
  );
  if (image.jpeg)
    await write(
      image.jpeg,
      withJfifHeader(await sharp(full).resize({ width: image.jpeg.width }).jpeg(ENCODING.jpeg).toBuffer()),
    );
  return n;
}

export interface RenderOptions {
  cacheDir: string;
  /** Which languages to render (default: all). */
  langs?: string[];
  log?: (line: string) => void;
  /** Images worked on at once (default: one per core, at least two). */
  concurrency?: number;
}

/** One image to make: a panel, or one frame of a strip, in one language. */
interface Job {
  panel: PanelArt;
  lang: string;
  episode: number;
}

/** The files of one panel in one language, named with its inputs' hash. */
function plannedImage(panel: PanelArt, lang: string, key: string): PanelImage {
  const name = (suffix: string) => `${panel.key}.${lang}.${key}${suffix}`;
  if (panel.format === 'svg')
    return {
      width: panel.width,
      height: panel.height,
      avif: [],
      webp: [],
      file: { width: panel.width, file: name('.svg') },
      raster: { width: RASTER_PANEL.width, file: name(`-${RASTER_PANEL.width}.png`) },
      // A strip is shown on cards and in search results by its first frame (frame 0): the others need none.
      ...(panel.frame ? {} : { thumb: { width: panel.width, file: name('-thumb.svg') } }),
    };
  const widths = ENCODING.widths.filter((w, i) => w <= Math.max(panel.width, ENCODING.widths[0]!) || i === 0);
  const largest = Math.max(...widths);
  return {
    width: largest,
    height: Math.round((panel.height * largest) / panel.width),
    avif: widths.map((w) => ({ width: w, file: name(`-${w}.avif`) })),
    webp: widths.map((w) => ({ width: w, file: name(`-${w}.webp`) })),
    file: { width: Math.min(ENCODING.png.width, largest), file: name('.png') },
  };
}

/**
 * Fingerprint of the code that draws a panel from its inputs: part of every cache key, since
 * images are cached by their inputs, not by their drawing. If the sources cannot be read (a
 * bundled copy), caching is off for this run rather than risking stale images.
 */
const DRAWING_CODE = (() => {
  const files = ['render.ts', 'bubbles.ts', 'text-layout.ts', 'svg-output.ts', 'cover.ts'];
  const dirs = [fileURLToPath(new URL('.', import.meta.url)), join(process.cwd(), 'src/images')];
  const dir = dirs.find((d) => files.every((f) => existsSync(join(d, f))));
  return dir
    ? sha256(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\0')).slice(0, 16)
    : `uncached-${process.pid}-${Date.now()}`;
})();

/** The bubble layouts of the panel images the last run made, by image file (none if unreadable). */
function previousLayouts(cacheDir: string): Map<string, BubbleLayout[]> {
  const out = new Map<string, BubbleLayout[]>();
  try {
    const last = JSON.parse(readFileSync(join(cacheDir, 'manifest.json'), 'utf8')) as ImageManifest;
    for (const byLang of Object.values(last.panels))
      for (const img of Object.values(byLang)) if (img.bubbles) out.set(img.file.file, img.bubbles);
  } catch {
    // No usable manifest: every panel is laid out and drawn again.
  }
  return out;
}

export async function renderPanels(
  book: Book,
  opts: RenderOptions,
): Promise<{ manifest: ImageManifest; stats: RenderStats }> {
  const t0 = performance.now();
  const problems: ContentProblem[] = [];
  const library = loadLibrary(book.root, problems);
  const font = loadFont(BUBBLE_FONT);
  const langs = opts.langs ?? languageCodes(book.settings);
  const jobs: Job[] = book.episodes.flatMap((e) =>
    e.panels.flatMap((p) => p.frames.flatMap((panel) => langs.map((lang) => ({ panel, lang, episode: e.number })))),
  );
  const artCache = new Map<string, { data: Buffer; hash: string }>();
  const readArt = (p: PanelArt) => {
    let a = artCache.get(p.artPath);
    if (!a) {
      const data = readBookBytes(book.root, p.artPath);
      a = { data, hash: sha256(data) };
      artCache.set(p.artPath, a);
    }
    return a;
  };
  // First pass: each image's name from the hash of its inputs (art, library, bubble shapes, this
  // language's texts, font, the drawing code), so a cached image needs no text layout at all
  // (profiled: laying out 1,600 bubbles took 4 s on every rebuild).
  const libHash = sha256(library);
  // Tails point at their speaker without touching a face: no tip inside a head box (speakers.ts).
  const poses = libraryPoses(library);
  for (const e of book.episodes)
    for (const panel of e.panels.flatMap((p) => p.frames)) {
      if (panel.format !== 'svg') continue;
      for (const { bubble: b, hit, suggestion: to } of tailsInHeads(
        readArt(panel).data.toString('utf8'),
        poses,
        panel.bubbles,
        panel.width,
      )) {
        const box = hit.head;
        problems.push({
          file: `${panel.dir}/panels.yaml`,
          field: `${panel.field}.bubbles.${b.id}.tail`,
          message: `in episode ${e.number}, ${panel.label}, bubble "${b.id}" (every language): the tail ends inside the head of "${hit.pose}" (x ${Math.round(box.x)}–${Math.round(box.x + box.w)}, y ${Math.round(box.y)}–${Math.round(box.y + box.h)}); a tail points at its speaker without touching the face. Aim it outside the head, for instance tail: { x: ${to.x}, y: ${to.y} }, or move the bubble.`,
        });
      }
    }
  const planned = new Map<Job, { image: PanelImage; text: PanelText }>();
  for (const job of jobs) {
    const { panel, lang } = job;
    const text = panelText(panel, lang, book.settings);
    // Every bubble, cached or not: a character the bubble font cannot draw would be an empty box.
    text.lines.forEach((line, i) => {
      // A fallback line (the original shown in a translation) is reported once, for its own language.
      if (line.lang !== lang) return;
      const missing = missingGlyphs(font.font, line.text);
      if (!missing.length) return;
      const b = panel.bubbles[i]!;
      problems.push({
        file: `${panel.dir}/panels.yaml`,
        field: `${panel.field}.bubbles.${b.id}.text.${line.lang}`,
        message: `in episode ${job.episode}, ${panel.label}, bubble "${b.id}": the ${line.lang} text has ${missing.length === 1 ? 'a character' : 'characters'} that the bubble font (${font.font.familyName}) cannot draw, which would show as empty boxes: ${missing
          .map((m) => `"${m.char}" (${m.code}${m.instead ? `; write "${m.instead}" instead` : ''})`)
          .join(', ')}. Replace ${missing.length === 1 ? 'it' : 'them'}, or say it in words.`,
      });
    });
    const shapes = panel.bubbles.map(({ text: _t, translates: _s, ...shape }) => shape);
    const key = sha256(
      JSON.stringify({
        art: readArt(panel).hash,
        lib: panel.format === 'svg' ? libHash : '',
        shapes,
        lines: text.lines.map((l) => l.text),
        font: font.hash,
        code: DRAWING_CODE,
        out: panel.format === 'svg' ? [VECTOR_OUTPUT, RASTER_PANEL] : ENCODING,
        w: panel.width,
        h: panel.height,
      }),
    ).slice(0, 12);
    planned.set(job, { image: plannedImage(panel, lang, key), text });
  }
  if (problems.length) throw new ContentError(problems);
  // A cached image keeps the bubble layout the last run recorded for it (same name, same inputs).
  const laidOut = previousLayouts(opts.cacheDir);
  const isCached = (image: PanelImage) =>
    laidOut.has(image.file.file) &&
    [
      ...image.avif,
      ...image.webp,
      image.file,
      ...(image.raster ? [image.raster] : []),
      ...(image.thumb ? [image.thumb] : []),
    ].every((v) => existsSync(join(opts.cacheDir, v.file)));
  const todo = jobs.filter((job) => !isCached(planned.get(job)!.image));
  // Second pass, for what must be drawn: lay out every bubble, so that all problems are reported
  // before any image is made.
  const overlays = new Map<Job, string>();
  for (const job of todo) {
    const { text, image } = planned.get(job)!;
    const parts: string[] = [];
    const layouts: BubbleLayout[] = [];
    // From art pixels to the image's own (a raster panel's largest variant may be smaller).
    const k = image.width / job.panel.width;
    const px = (n: number) => Math.round(n * k * 100) / 100;
    job.panel.bubbles.forEach((b, i) => {
      const line = text.lines[i]!;
      const set = setBubbleText(b, line.text, font, { artWidth: job.panel.width });
      if (!set) {
        problems.push({
          file: `${job.panel.dir}/panels.yaml`,
          field: `${job.panel.field}.bubbles.${b.id}.text.${line.lang}`,
          message: `in episode ${job.episode}, ${job.panel.label}, bubble "${b.id}": the ${line.lang} text cannot fit its box (${b.box.w}×${b.box.h}) even at the smallest allowed size. Make the box larger or the text shorter.`,
        });
        return;
      }
      parts.push(drawBubble(b, set, font, { artWidth: job.panel.width }));
      layouts.push({
        id: b.id,
        x: px(b.box.x),
        y: px(b.box.y),
        w: px(b.box.w),
        h: px(b.box.h),
        ...(b.tail ? { tail: { x: px(b.tail.x), y: px(b.tail.y) } } : {}),
        text: px(set.size),
      });
    });
    overlays.set(job, `<g class="bubbles">${parts.join('')}</g>`);
    laidOut.set(image.file.file, layouts);
  }
  if (problems.length) throw new ContentError(problems);

  mkdirSync(opts.cacheDir, { recursive: true });
  const manifest: ImageManifest = { panels: {}, covers: {}, posters: {}, social: {} };
  const stats: RenderStats = {
    images: jobs.length,
    encodes: 0,
    written: 0,
    cached: jobs.length - todo.length,
    seconds: 0,
    parts: { panels: 0, covers: 0, posters: 0, social: 0 },
  };
  for (const job of jobs) {
    const { image } = planned.get(job)!;
    manifest.panels[job.panel.key] = {
      ...manifest.panels[job.panel.key],
      [job.lang]: { ...image, bubbles: laidOut.get(image.file.file)! },
    };
  }
  let lap = performance.now();
  const split = (part: keyof RenderStats['parts']) => {
    stats.parts[part] = (performance.now() - lap) / 1000;
    lap = performance.now();
  };
  const work = async (job: Job) => {
    const { panel } = job;
    const art = readArt(panel).data;
    const overlay = overlays.get(job)!;
    const { image } = planned.get(job)!;
    const decodeError = (e: unknown) =>
      new ContentError([
        {
          file: panel.artPath,
          message: `in episode ${job.episode}, ${panel.label}: the art could not be decoded (${(e as Error).message.split('\n')[0]}). Check that the file is a complete, valid image.`,
        },
      ]);
    if (panel.format === 'svg') {
      const target = join(opts.cacheDir, image.file.file);
      const svg = vectorPanel(art.toString('utf8'), library, overlay);
      const problem = artProblems.get(panel.artPath);
      if (problem) throw decodeError(problem);
      const tmp = `${target}.tmp-${process.pid}`;
      writeFileSync(tmp, svg);
      renameSync(tmp, target);
      stats.written++;
      if (image.thumb) {
        // The card's and search result's picture: the art alone (lettering is unreadable at
        // 96–400 px), a few kB compressed where a 480 px AVIF of the panel was 9–10.
        const thumb = join(opts.cacheDir, image.thumb.file);
        writeFileSync(`${thumb}.tmp-${process.pid}`, vectorPanel(art.toString('utf8'), library, ''));
        renameSync(`${thumb}.tmp-${process.pid}`, thumb);
      }
      if (image.raster) {
        const { width, ...png } = RASTER_PANEL;
        const out = join(opts.cacheDir, image.raster.file);
        const drawn = await sharp(Buffer.from(svg), {
          density: (72 * width) / panel.width,
          limitInputPixels: 80_000_000,
        })
          .resize({ width })
          .flatten({ background: '#ffffff' })
          .png(png)
          .toBuffer();
        writeFileSync(`${out}.tmp-${process.pid}`, drawn);
        renameSync(`${out}.tmp-${process.pid}`, out);
        stats.encodes++;
      }
      return;
    }
    try {
      const overlaySvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${panel.width}" height="${panel.height}" viewBox="0 0 ${panel.width} ${panel.height}">${overlay}</svg>`;
      // sharp resizes before it composites within one pipeline: composite at the art's own size first.
      const drawn = await sharp(art, { limitInputPixels: 80_000_000 })
        .composite([{ input: Buffer.from(overlaySvg) }])
        .png({ compressionLevel: 0 })
        .toBuffer();
      // Then once at full size, flattened on paper white; every variant is resized from it.
      const full = await sharp(drawn, { limitInputPixels: 80_000_000 })
        .resize({ width: image.width })
        .flatten({ background: '#ffffff' })
        .png({ compressionLevel: 1 })
        .toBuffer();
      const n = await encodeVariants(full, image, opts.cacheDir);
      stats.encodes += n; // not `+= await`: images run side by side and would overwrite each other's counts
    } catch (e) {
      throw decodeError(e);
    }
  };
  // Vector art must be accepted by librsvg (what the raster path and the social cards use); each
  // drawing is checked once with the library drawings it uses, not per language (the bubbles are
  // ours), side by side, before the SVGs are written. A tiny render: the parse is what is checked.
  const artProblems = new Map<string, unknown>();
  const arts = [
    ...new Map(todo.filter((j) => j.panel.format === 'svg').map((j) => [j.panel.artPath, j.panel])).values(),
  ];
  await inPool(arts, opts.concurrency ?? IMAGE_CONCURRENCY, async (panel) => {
    const svg = Buffer.from(vectorPanel(readArt(panel).data.toString('utf8'), library, ''));
    await sharp(svg, { density: Math.max(1, (72 * 16) / panel.width), limitInputPixels: 80_000_000 })
      .resize({ width: 16 })
      .raw()
      .toBuffer()
      .catch((e: unknown) => artProblems.set(panel.artPath, e));
  });
  await inPool(todo, opts.concurrency ?? IMAGE_CONCURRENCY, work);
  split('panels');
  // Covers: the same pipeline, with the title set on the cover art.
  const coverArt = readBookBytes(book.root, coverArtFile(book)).toString('utf8');
  const { width: cw, height: ch } = coverSize(book);
  await inPool(langs, opts.concurrency ?? IMAGE_CONCURRENCY, async (lang) => {
    const overlay = coverOverlay(book, lang, cw, ch);
    const key = sha256(
      JSON.stringify({ art: sha256(coverArt), lib: sha256(library), overlay, enc: ENCODING, code: DRAWING_CODE }),
    ).slice(0, 12);
    const name = (suffix: string) => `cover.${lang}.${key}${suffix}`;
    const h = (w: number) => Math.round((ch * w) / cw);
    // The site shows the cover as SVG (13 kB compressed, in whole units, where its 400 px AVIF was 25, and sharp
    // at every size); the PNG is the print edition's and the posters', the JPEG the EPUB's and CBZ's.
    const image = {
      width: 800,
      height: h(800),
      avif: [],
      webp: [],
      file: { width: 800, file: name('.png') },
      jpeg: { width: 1200, file: name('.jpg') },
      svg: { width: cw, file: name('.svg') },
    };
    manifest.covers[lang] = image;
    stats.images++;
    if ([image.svg, image.file, image.jpeg].every((v) => existsSync(join(opts.cacheDir, v.file)))) {
      stats.cached++;
      return;
    }
    const vector = join(opts.cacheDir, image.svg.file);
    writeFileSync(`${vector}.tmp-${process.pid}`, compactNumbers(vectorPanel(coverArt, library, overlay), 0));
    renameSync(`${vector}.tmp-${process.pid}`, vector);
    const svg = composeSvg(coverArt, library, overlay);
    const full = await sharp(Buffer.from(svg), { density: (72 * 1200) / cw })
      .resize({ width: 1200 })
      .flatten({ background: '#ffffff' })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const n = await encodeVariants(full, image, opts.cacheDir);
    stats.encodes += n;
  });
  split('covers');
  // Made from the panels and the cover above: the talk's posters and the link-preview images.
  stats.encodes += await renderPosters(book, manifest, library, opts.cacheDir);
  split('posters');
  stats.encodes += await renderSocialImages(book, manifest, langs, opts.cacheDir);
  split('social');
  // Illustrations that are not panels (<Figure>): the same pipeline, no bubbles (figures.ts).
  const figs = await renderFigures(book, opts.cacheDir, opts.concurrency ?? IMAGE_CONCURRENCY, {
    encoding: ENCODING,
    encodeVariants,
  });
  manifest.figures = figs.figures;
  stats.encodes += figs.encodes;
  stats.images += Object.keys(figs.figures).length;
  stats.cached += figs.cached;
  stats.seconds = (performance.now() - t0) / 1000;
  opts.log?.(
    `${stats.images} panel images (${stats.cached} from cache, ${stats.written} vector panels written, ${stats.encodes} encodes) in ${stats.seconds.toFixed(1)} s (${Object.entries(
      stats.parts,
    )
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')})`,
  );
  writeFileSync(join(opts.cacheDir, 'manifest.json'), JSON.stringify(manifest));
  return { manifest, stats };
}
