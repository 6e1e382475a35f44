// The panel model, shared by every output: textless art plus per-language bubbles and captions.
// panels.yaml in an episode folder defines the episode's panels; the episode file places them.
import { existsSync, statSync } from 'node:fs';
import { join, relative, extname, resolve, sep } from 'node:path';
import { imageSize } from 'image-size';
import type { ContentProblem } from './errors.ts';
import { languageCodes } from './settings.ts';
import { parseYaml, zodProblems } from './yaml-source.ts';
import { BookFileError, readBookArt, readBookBytes, readBookText } from './read.ts';
import { checkSvg, svgSize, svgSizeProblem } from './svg-safety.ts';
import type { Settings } from './schemas/settings.ts';
import { panelsFileSchema, type PanelDef } from './schemas/panels.ts';

const FORMATS: Record<string, PanelDef['format']> = {
  '.svg': 'svg',
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
};
/** Larger art is a mistake (or an attack): it would take gigabytes to decode. */
export const MAX_ART_PIXELS = 40_000_000;

/** Cheap structural check that a raster file was not cut short (its header alone can look fine). */
export function rasterComplete(data: Buffer, format: PanelDef['format']): boolean {
  if (format === 'png')
    return data.length > 12 && data.subarray(data.length - 8, data.length - 4).toString('latin1') === 'IEND';
  if (format === 'jpeg') return data.subarray(Math.max(0, data.length - 64)).includes(Buffer.from([0xff, 0xd9]));
  if (format === 'webp') return data.length >= 12 && data.readUInt32LE(4) + 8 === data.length;
  return true;
}

/** Loads an episode's panels.yaml. Returns undefined when the episode has no panels file. */
export function loadPanels(
  root: string,
  epDir: string,
  settings: Settings,
  problems: ContentProblem[],
): PanelDef[] | undefined {
  const path = join(epDir, 'panels.yaml');
  if (!existsSync(path)) return undefined;
  const dir = relative(root, epDir).split(sep).join('/');
  const file = `${dir}/panels.yaml`;
  const read = readBookText(root, file);
  if (!('text' in read)) {
    problems.push(read);
    return [];
  }
  // An empty file (or comments only): say so, not "(panels): this field is required".
  if (!read.text.replace(/^\s*#.*$/gm, '').trim()) {
    problems.push({
      file,
      message:
        'this file is empty: write "panels:" and the episode\'s panels under it (see docs/authoring.md, "Drawing panels"), or "panels: []" while there are none.',
    });
    return [];
  }
  const src = parseYaml(read.text, file);
  if (!('data' in src)) {
    problems.push(src);
    return [];
  }
  const parsed = panelsFileSchema.safeParse(src.data);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, src));
    return [];
  }
  const langs = languageCodes(settings);
  const out: PanelDef[] = [];
  const seen = new Set<string>();
  parsed.data.panels.forEach((panel, i) => {
    const at = (path: PropertyKey[], field: string, message: string) =>
      problems.push({
        file,
        line: src.lineOf(['panels', i, ...path]),
        field: `panels.${panel.id}${field ? `.${field}` : ''}`,
        message,
      });
    if (seen.has(panel.id)) at(['id'], '', `panel id "${panel.id}" is used twice in this file.`);
    seen.add(panel.id);
    const checkLangs = (value: Record<string, string>, path: PropertyKey[], field: string) => {
      for (const k of Object.keys(value))
        if (!langs.includes(k))
          at([...path, k], `${field}.${k}`, `unknown language "${k}": the book's languages are ${langs.join(', ')}.`);
      if (!value[settings.original]?.trim())
        at(path, field, `missing the text in the original language (${settings.original}).`);
    };
    checkLangs(panel.alt, ['alt'], 'alt');
    // Art: inside the episode folder, present, of a known format, decodable size, and safe.
    const artAbs = resolve(epDir, panel.art);
    const format = FORMATS[extname(panel.art).toLowerCase()];
    let width = 0;
    let height = 0;
    if (!artAbs.startsWith(resolve(epDir) + sep)) {
      at(['art'], 'art', `the art must be inside the episode folder (got "${panel.art}").`);
    } else if (!format) {
      at(['art'], 'art', `"${panel.art}" is not a supported art format: use SVG, PNG, JPEG or WebP.`);
    } else if (!existsSync(artAbs)) {
      at(['art'], 'art', `the art file ${dir}/${panel.art} does not exist.`);
    } else if (statSync(artAbs).size === 0) {
      at(['art'], 'art', `the art file ${dir}/${panel.art} is empty (0 bytes).`);
    } else if (format === 'svg') {
      // A link out of the book or a file over the size limit is reported by readBookArt.
      const text = readBookArt(root, `${dir}/${panel.art}`, problems)?.toString('utf8');
      if (text !== undefined) {
        for (const f of checkSvg(text)) at(['art'], 'art', `${dir}/${panel.art} line ${f.line} contains ${f.message}.`);
        const size = svgSize(text);
        const tooBig = size && svgSizeProblem(`${dir}/${panel.art}`, size, MAX_ART_PIXELS);
        if (!size) at(['art'], 'art', `${dir}/${panel.art} has no viewBox or width/height: give the drawing a size.`);
        else if (tooBig) at(['art'], 'art', `${tooBig}.`);
        else ({ width, height } = size);
      }
    } else {
      try {
        const data = readBookBytes(root, `${dir}/${panel.art}`);
        const size = imageSize(data);
        width = size.width ?? 0;
        height = size.height ?? 0;
        if (!width || !height || !rasterComplete(data, format)) throw new Error('incomplete');
      } catch (e) {
        if (e instanceof BookFileError) problems.push(e.problem);
        else
          at(
            ['art'],
            'art',
            `${dir}/${panel.art} cannot be read as a ${format.toUpperCase()} image (truncated or corrupt?).`,
          );
      }
    }
    if (width * height > MAX_ART_PIXELS) {
      at(
        ['art'],
        'art',
        `${dir}/${panel.art} is ${width}×${height} pixels; the limit is ${MAX_ART_PIXELS / 1e6} megapixels. Export it smaller.`,
      );
    }
    const bubbleIds = new Set<string>();
    panel.bubbles.forEach((b, j) => {
      const bat = (path: PropertyKey[], field: string, message: string) =>
        at(['bubbles', j, ...path], `bubbles.${b.id}${field ? `.${field}` : ''}`, message);
      if (bubbleIds.has(b.id)) bat(['id'], '', `bubble id "${b.id}" is used twice in this panel.`);
      bubbleIds.add(b.id);
      checkLangs(b.text, ['bubbles', j, 'text'], `bubbles.${b.id}.text`);
      if (b.kind !== 'caption' && !b.tail)
        bat([], 'tail', `a ${b.kind} bubble needs a tail: the point { x, y } its tail aims at.`);
      if (b.kind === 'caption' && b.tail)
        bat(['tail'], 'tail', 'a caption has no tail; remove "tail" or make it a speech bubble.');
      if (b.speaker && !settings.characters[b.speaker]) {
        bat(
          ['speaker'],
          'speaker',
          `unknown speaker "${b.speaker}": declare it under characters: in content/book.yaml (known: ${Object.keys(settings.characters).join(', ') || 'none'}).`,
        );
      }
      if (width && height && (b.box.x + b.box.w > width || b.box.y + b.box.h > height)) {
        bat(
          ['box'],
          'box',
          `the bubble's box (x ${b.box.x}, y ${b.box.y}, ${b.box.w}×${b.box.h}) goes outside the art, which is ${width}×${height}.`,
        );
      }
    });
    out.push({ ...panel, artPath: `${dir}/${panel.art}`, format: format ?? 'svg', width, height, dir });
  });
  return out;
}
