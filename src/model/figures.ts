// Illustrations that are not panels (<Figure src="…" />): image files of the episode, checked as
// panel art is (inside the episode folder, a known format, complete, not too large, SVG that only
// draws) and then made by the same image pipeline (src/images/render.ts). A figure has no bubbles,
// so one image serves every language.
import { existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { imageSize } from 'image-size';
import type { ContentProblem } from './errors.ts';
import { readBookArt } from './read.ts';
import { checkSvg, svgSize, svgSizeProblem } from './svg-safety.ts';
import { MAX_ART_PIXELS, rasterComplete } from './panels.ts';
import type { Block } from './episode/blocks.ts';

export interface FigureDef {
  /** The manifest's key for this image: the episode folder and the file, "content/episodes/…/figures/map.png". */
  artPath: string;
  /** As written in the episode: relative to its folder. */
  src: string;
  format: 'svg' | 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
}

const FORMATS: Record<string, FigureDef['format']> = {
  '.svg': 'svg',
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
};

/** Checks the image of every <Figure> of an original; returns one definition per file. */
export function loadFigures(
  root: string,
  epDir: string,
  relDir: string,
  file: string,
  blocks: Block[],
  problems: ContentProblem[],
): FigureDef[] {
  const out = new Map<string, FigureDef>();
  for (const b of blocks) {
    if (b.type !== 'figure') continue;
    const at = (message: string) =>
      problems.push({ file, line: b.line, message: `<Figure src="${b.src}">: ${message}` });
    if (!b.alt) at('a figure needs its alt text in the original: alt="what the image shows".');
    if (out.has(b.src)) {
      at('this image is shown twice in the episode; each figure appears once.');
      continue;
    }
    const abs = resolve(epDir, b.src);
    const rel = `${relDir}/${b.src}`;
    const format = FORMATS[extname(b.src).toLowerCase()];
    if (!abs.startsWith(resolve(epDir) + sep) || !format) {
      at('the image is a file inside the episode folder (SVG, PNG, JPEG or WebP).');
      continue;
    }
    if (!existsSync(abs)) {
      at(`the image ${rel} does not exist.`);
      continue;
    }
    if (statSync(abs).size === 0) {
      at(`the image ${rel} is empty (0 bytes).`);
      continue;
    }
    let width = 0;
    let height = 0;
    const data = readBookArt(root, rel, problems);
    if (!data) continue;
    if (format === 'svg') {
      const text = data.toString('utf8');
      const findings = checkSvg(text);
      for (const f of findings) at(`${rel} line ${f.line} contains ${f.message}.`);
      const size = svgSize(text);
      const tooBig = size && svgSizeProblem(rel, size, MAX_ART_PIXELS);
      if (!size) at(`${rel} has no viewBox or width/height: give the drawing a size.`);
      else if (tooBig) at(`${tooBig}.`);
      else ({ width, height } = size);
      if (findings.length || !size || tooBig) continue;
    } else {
      try {
        const size = imageSize(data);
        width = size.width ?? 0;
        height = size.height ?? 0;
        if (!width || !height || !rasterComplete(data, format)) throw new Error('incomplete');
      } catch {
        at(`${rel} cannot be read as a ${format.toUpperCase()} image (truncated or corrupt?).`);
        continue;
      }
    }
    if (width * height > MAX_ART_PIXELS) {
      at(`${rel} is ${width}×${height} pixels; the limit is ${MAX_ART_PIXELS / 1e6} megapixels. Export it smaller.`);
      continue;
    }
    out.set(b.src, { artPath: rel, src: b.src, format, width, height });
  }
  return [...out.values()];
}
