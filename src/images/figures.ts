// The images of <Figure> blocks: the same pipeline as panel art, without bubbles. An SVG is
// published as it is (it passed the same safety checks as panel art, and librsvg must read it);
// raster art gets the AVIF/WebP widths for the site and a PNG for the EPUB, the PDF and as the
// <img> fallback. One image serves every language; cached by the hash of the file and the settings.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Book } from '../model/book.ts';
import { ContentError } from '../model/errors.ts';
import { sha256 } from '../model/hash.ts';
import { readBookBytes } from '../model/read.ts';
import type { PanelImage } from '../model/image-manifest.ts';
import type { FigureDef } from '../model/figures.ts';
import { inPool } from './pool.ts';

/** What render.ts encodes with (passed in: render.ts imports this module, not the other way). */
export interface Encoder {
  encoding: { widths: readonly number[]; png: { width: number } };
  encodeVariants: (full: Buffer, image: PanelImage, cacheDir: string) => Promise<number>;
}

/** The published file names of a figure: readable (episode folder, file name) and content-hashed. */
export function plannedFigure(fig: FigureDef, key: string, ENCODING: Encoder['encoding']): PanelImage {
  const stem = fig.artPath
    .replace(/^content\/episodes\//, '')
    .replace(/\.[a-z]+$/i, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase();
  const name = (suffix: string) => `figure-${stem}.${key}${suffix}`;
  if (fig.format === 'svg')
    return { width: fig.width, height: fig.height, avif: [], webp: [], file: { width: fig.width, file: name('.svg') } };
  const widths = ENCODING.widths.filter((w, i) => w <= Math.max(fig.width, ENCODING.widths[0]!) || i === 0);
  const largest = Math.max(...widths);
  return {
    width: largest,
    height: Math.round((fig.height * largest) / fig.width),
    avif: widths.map((w) => ({ width: w, file: name(`-${w}.avif`) })),
    webp: widths.map((w) => ({ width: w, file: name(`-${w}.webp`) })),
    file: { width: Math.min(ENCODING.png.width, largest), file: name('.png') },
  };
}

/** Makes every figure's files into `cacheDir`; returns the manifest entries and the number of encodes. */
export async function renderFigures(
  book: Book,
  cacheDir: string,
  concurrency: number,
  encoder: Encoder,
): Promise<{ figures: Record<string, PanelImage>; encodes: number; cached: number }> {
  const figures: Record<string, PanelImage> = {};
  let encodes = 0;
  let cached = 0;
  const all = book.episodes.flatMap((e) => e.figures.map((f) => ({ f, episode: e.number })));
  await inPool(all, concurrency, async ({ f, episode }) => {
    const data = readBookBytes(book.root, f.artPath);
    const key = sha256(
      JSON.stringify({ art: sha256(data), out: f.format === 'svg' ? 'svg-1' : encoder.encoding, w: f.width }),
    ).slice(0, 12);
    const image = plannedFigure(f, key, encoder.encoding);
    figures[f.artPath] = image;
    if ([...image.avif, ...image.webp, image.file].every((v) => existsSync(join(cacheDir, v.file)))) {
      cached++;
      return;
    }
    const fail = (e: unknown) =>
      new ContentError([
        {
          file: f.artPath,
          message: `in episode ${episode}, figure "${f.src}": the image could not be decoded (${(e as Error).message.split('\n')[0]}). Check that the file is a complete, valid image.`,
        },
      ]);
    if (f.format === 'svg') {
      // librsvg must read it, as every other output's renderer will have to.
      await sharp(data, { density: Math.max(1, (72 * 16) / f.width), limitInputPixels: 80_000_000 })
        .resize({ width: 16 })
        .raw()
        .toBuffer()
        .catch((e: unknown) => {
          throw fail(e);
        });
      const target = join(cacheDir, image.file.file);
      writeFileSync(`${target}.tmp-${process.pid}`, data);
      renameSync(`${target}.tmp-${process.pid}`, target);
      return;
    }
    try {
      const full = await sharp(data, { limitInputPixels: 80_000_000 })
        .resize({ width: image.width })
        .flatten({ background: '#ffffff' })
        .png({ compressionLevel: 1 })
        .toBuffer();
      encodes += await encoder.encodeVariants(full, image, cacheDir);
    } catch (e) {
      throw fail(e);
    }
  });
  return { figures, encodes, cached };
}
