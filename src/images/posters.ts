// Images made from the panels for the talk and for sharing, with the same sharp pipeline and
// cache as the panels themselves (nothing is fetched from the network):
// - the talk excerpt's poster (16:9, shown on the click-to-load facade): the author's image when
//   talk.yaml names one, otherwise a strip of up to three of the episode's panels, drawn without
//   their bubbles (the facade sets the title over it in the reader's language), on the book's ink;
// - the Open Graph image of each page (1200×630, what link previews show): for an episode, its
//   first panel with the bubbles of the page's language; for the other pages, the cover.
import { inPool, IMAGE_CONCURRENCY } from './pool.ts';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Book } from '../model/book.ts';
import { sha256 } from '../model/hash.ts';
import type { ImageManifest, PosterImage, Variant } from '../model/image-manifest.ts';
import { composeSvg } from './svg-output.ts';
import { coverArtFile } from './cover.ts';
import type { PanelArt } from '../model/schemas/panels.ts';
import { readBookBytes } from '../model/read.ts';

type Pipeline = ReturnType<typeof sharp>;
type Overlay = Parameters<Pipeline['composite']>[0][number];

export const POSTER = {
  width: 1280,
  height: 720,
  widths: [640, 1280],
  gutter: 14,
  background: '#1d1b26',
  maxPanels: 3,
  frame: 4,
  version: 3,
} as const;
export const SOCIAL = { width: 1200, height: 630, margin: 36, background: '#fbf7ef', version: 2 } as const;

export const BOOK_PAGES = '';

async function writeVariant(cacheDir: string, v: Variant, pipeline: Pipeline): Promise<void> {
  const target = join(cacheDir, v.file);
  const tmp = `${target}.tmp-${process.pid}`;
  await pipeline.toFile(tmp);
  renameSync(tmp, target);
}

/** The art of a panel without its bubbles, as a PNG about `width` pixels wide. */
async function textlessArt(book: Book, panel: PanelArt, library: string, width: number): Promise<Buffer> {
  const art = readBookBytes(book.root, panel.artPath);
  if (panel.format === 'svg') {
    const svg = composeSvg(art.toString('utf8'), library, '');
    return sharp(Buffer.from(svg), { density: Math.min(600, (72 * width) / panel.width), limitInputPixels: 80_000_000 })
      .png()
      .toBuffer();
  }
  return sharp(art, { limitInputPixels: 80_000_000 }).png().toBuffer();
}

/**
 * Which drawings make the poster: the panels the excerpt covers, in the order performed, else the
 * first ones; a strip gives its frames, in order (a two-frame strip is the poster's two halves).
 */
export function posterPanels(book: Book, slug: string): PanelArt[] {
  const episode = book.episodes.find((e) => e.slug === slug)!;
  const byId = new Map(episode.panels.map((p) => [p.id, p]));
  const cued = (episode.talk?.cues ?? []).flatMap((c) => byId.get(c.panel)?.frames ?? []);
  const placed = episode.original.blocks.flatMap((b) => (b.type === 'panel' ? (byId.get(b.id)?.frames ?? []) : []));
  return (cued.length ? cued : placed).slice(0, POSTER.maxPanels);
}

export async function renderPosters(
  book: Book,
  manifest: ImageManifest,
  library: string,
  cacheDir: string,
): Promise<number> {
  let encodes = 0;
  manifest.posters = {};
  for (const episode of book.episodes) {
    const talk = episode.talk;
    if (!talk) continue;
    const panels = talk.poster ? [] : posterPanels(book, episode.slug);
    const source: PosterImage['source'] = talk.poster ? 'author' : panels.length ? 'panels' : 'cover';
    const inputs = talk.poster
      ? [sha256(readBookBytes(book.root, talk.poster))]
      : panels.length
        ? panels.map((p) => sha256(readBookBytes(book.root, p.artPath)))
        : [sha256(readBookBytes(book.root, coverArtFile(book)))];
    const key = sha256(JSON.stringify({ inputs, lib: sha256(library), POSTER })).slice(0, 12);
    const name = (suffix: string) => `poster.${episode.slug}.${key}${suffix}`;
    const image: PosterImage = {
      width: POSTER.width,
      height: POSTER.height,
      avif: POSTER.widths.map((w) => ({ width: w, file: name(`-${w}.avif`) })),
      webp: POSTER.widths.map((w) => ({ width: w, file: name(`-${w}.webp`) })),
      jpeg: { width: POSTER.width, file: name('.jpg') },
      source,
    };
    manifest.posters[episode.slug] = image;
    if ([...image.avif, ...image.webp, image.jpeg].every((v) => existsSync(join(cacheDir, v.file)))) continue;
    const { width: W, height: H, gutter: g } = POSTER;
    let full: Buffer;
    if (talk.poster) {
      const input = readBookBytes(book.root, talk.poster);
      full = await sharp(input, {
        density: talk.poster.endsWith('.svg') ? 300 : undefined,
        limitInputPixels: 80_000_000,
      })
        .resize(W, H, { fit: 'cover' })
        .flatten({ background: POSTER.background })
        .png({ compressionLevel: 1 })
        .toBuffer();
    } else {
      // A comic-book page: one panel fills the frame; two sit side by side; with three, the
      // first is large on the left and the next two are stacked on the right.
      const boxes = tileBoxes(Math.max(1, panels.length), W, H, g);
      const layers: Overlay[] = [];
      for (const [i, box] of boxes.entries()) {
        const art = panels[i]
          ? await textlessArt(book, panels[i]!, library, box.w * 2)
          : await sharp(
              Buffer.from(composeSvg(readBookBytes(book.root, coverArtFile(book)).toString('utf8'), library, '')),
              {
                density: 150,
              },
            )
              .png()
              .toBuffer();
        // A paper-coloured frame around each panel, as on a printed page.
        const b = POSTER.frame;
        const tile = await sharp(
          await sharp(art)
            .resize(box.w - 2 * b, box.h - 2 * b, { fit: 'cover' })
            .flatten({ background: '#ffffff' })
            .png()
            .toBuffer(),
        )
          .extend({ top: b, bottom: b, left: b, right: b, background: '#fbf7ef' })
          .png()
          .toBuffer();
        layers.push({ input: tile, left: box.x, top: box.y });
      }
      full = await sharp({ create: { width: W, height: H, channels: 3, background: POSTER.background } })
        .composite(layers)
        .png({ compressionLevel: 1 })
        .toBuffer();
    }
    for (const v of image.avif)
      await writeVariant(cacheDir, v, sharp(full).resize({ width: v.width }).avif({ quality: 55, effort: 2 }));
    for (const v of image.webp)
      await writeVariant(cacheDir, v, sharp(full).resize({ width: v.width }).webp({ quality: 80 }));
    await writeVariant(cacheDir, image.jpeg, sharp(full).jpeg({ quality: 82, mozjpeg: true }));
    encodes += image.avif.length + image.webp.length + 1;
  }
  return encodes;
}

/** Where each panel sits on the poster. */
export function tileBoxes(
  n: number,
  W: number,
  H: number,
  g: number,
): Array<{ x: number; y: number; w: number; h: number }> {
  if (n <= 1) return [{ x: g, y: g, w: W - 2 * g, h: H - 2 * g }];
  if (n === 2) {
    const w = Math.floor((W - 3 * g) / 2);
    return [
      { x: g, y: g, w, h: H - 2 * g },
      { x: 2 * g + w, y: g, w: W - 3 * g - w, h: H - 2 * g },
    ];
  }
  const w1 = Math.round((W - 3 * g) * 0.62);
  const w2 = W - 3 * g - w1;
  const h2 = Math.floor((H - 3 * g) / 2);
  return [
    { x: g, y: g, w: w1, h: H - 2 * g },
    { x: 2 * g + w1, y: g, w: w2, h: h2 },
    { x: 2 * g + w1, y: 2 * g + h2, w: w2, h: H - 3 * g - h2 },
  ];
}

/**
 * A source image (a composited panel or the cover, of known size) fitted into the 1200×630 card on
 * paper, in one pipeline: resized, flattened, framed, encoded (plain JPEG: mozjpeg took twice the
 * time for cards only link previews fetch — docs/benchmarks.md).
 */
async function socialCard(
  source: Buffer,
  size: { width: number; height: number },
  cacheDir: string,
  file: string,
): Promise<void> {
  const { width: W, height: H, margin: m } = SOCIAL;
  const scale = Math.min((W - 2 * m) / size.width, (H - 2 * m) / size.height);
  const w = Math.round(size.width * scale);
  const h = Math.round(size.height * scale);
  const left = Math.floor((W - w) / 2);
  const top = Math.floor((H - h) / 2);
  await writeVariant(
    cacheDir,
    { width: W, file },
    sharp(source, { limitInputPixels: 80_000_000 })
      .resize(w, h, { fit: 'fill' })
      .flatten({ background: '#ffffff' })
      .extend({ left, right: W - w - left, top, bottom: H - h - top, background: SOCIAL.background })
      .jpeg({ quality: 84 }),
  );
}

export async function renderSocialImages(
  book: Book,
  manifest: ImageManifest,
  langs: string[],
  cacheDir: string,
): Promise<number> {
  let encodes = 0;
  manifest.social = {};
  const tasks: Array<() => Promise<void>> = [];
  // Registers the card in the manifest now; the image is made below, side by side with others.
  const make = (slot: string, lang: string, source: { file: string; width: number; height: number }) => {
    const key = sha256(JSON.stringify({ sourceFile: source.file, SOCIAL })).slice(0, 12);
    const file = `social.${slot || 'book'}.${lang}.${key}.jpg`;
    manifest.social[slot] = { ...manifest.social[slot], [lang]: { file, width: SOCIAL.width, height: SOCIAL.height } };
    if (existsSync(join(cacheDir, file))) return;
    tasks.push(async () => {
      await socialCard(readFileSync(join(cacheDir, source.file)), source, cacheDir, file);
      encodes++;
    });
  };
  for (const lang of langs) {
    const cover = manifest.covers[lang];
    if (cover) make(BOOK_PAGES, lang, { file: cover.file.file, width: cover.width, height: cover.height });
    for (const episode of book.episodes) {
      const first = episode.original.blocks.find((b) => b.type === 'panel');
      // A strip's card is its first frame.
      const key = first?.type === 'panel' ? episode.panels.find((p) => p.id === first.id)?.frames[0]?.key : undefined;
      const img = key ? manifest.panels[key]?.[lang] : undefined;
      if (img) make(episode.slug, lang, { file: img.file.file, width: img.width, height: img.height });
      else {
        const bookCard = manifest.social[BOOK_PAGES]?.[lang];
        if (bookCard) manifest.social[episode.slug] = { ...manifest.social[episode.slug], [lang]: bookCard };
      }
    }
  }
  await inPool(tasks, IMAGE_CONCURRENCY, (task) => task());
  return encodes;
}
