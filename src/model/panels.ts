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
import { panelsFileSchema, type Bubble, type PanelArt, type PanelDef } from './schemas/panels.ts';

const FORMATS: Record<string, PanelArt['format']> = {
  '.svg': 'svg',
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
};
/** Larger art is a mistake (or an attack): it would take gigabytes to decode. */
export const MAX_ART_PIXELS = 40_000_000;

/** Cheap structural check that a raster file was not cut short (its header alone can look fine). */
export function rasterComplete(data: Buffer, format: PanelArt['format']): boolean {
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
    /** One drawing (the panel's, or a frame's) at `base` in the YAML, checked like any panel art. */
    const loadArt = (
      def: {
        id: string;
        art?: string;
        alt?: Record<string, string>;
        bubbles?: Bubble[];
        translates?: Record<string, string>;
      },
      base: PropertyKey[],
      prefix: string,
      frame: number | undefined,
    ): PanelArt => {
      const ref = (path: PropertyKey[]) => [...base, ...path];
      const f = (field: string) => [prefix, field].filter(Boolean).join('.');
      const art = def.art ?? '';
      const alt = def.alt ?? {};
      const bubbles = def.bubbles ?? [];
      if (def.alt) checkLangs(alt, ref(['alt']), f('alt'));
      else
        at(
          base,
          f('alt'),
          `${frame === undefined ? 'this panel' : `frame "${def.id}"`} has no alt text: write alt: { ${settings.original}: "what the drawing shows" }.`,
        );
      // Art: inside the episode folder, present, of a known format, decodable size, and safe.
      const artAbs = resolve(epDir, art);
      const format = FORMATS[extname(art).toLowerCase()];
      let width = 0;
      let height = 0;
      if (!artAbs.startsWith(resolve(epDir) + sep)) {
        at(ref(['art']), f('art'), `the art must be inside the episode folder (got "${art}").`);
      } else if (!format) {
        at(ref(['art']), f('art'), `"${art}" is not a supported art format: use SVG, PNG, JPEG or WebP.`);
      } else if (!existsSync(artAbs)) {
        at(ref(['art']), f('art'), `the art file ${dir}/${art} does not exist.`);
      } else if (statSync(artAbs).size === 0) {
        at(ref(['art']), f('art'), `the art file ${dir}/${art} is empty (0 bytes).`);
      } else if (format === 'svg') {
        // A link out of the book or a file over the size limit is reported by readBookArt.
        const text = readBookArt(root, `${dir}/${art}`, problems)?.toString('utf8');
        if (text !== undefined) {
          for (const x of checkSvg(text))
            at(ref(['art']), f('art'), `${dir}/${art} line ${x.line} contains ${x.message}.`);
          const size = svgSize(text);
          const tooBig = size && svgSizeProblem(`${dir}/${art}`, size, MAX_ART_PIXELS);
          if (!size)
            at(ref(['art']), f('art'), `${dir}/${art} has no viewBox or width/height: give the drawing a size.`);
          else if (tooBig) at(ref(['art']), f('art'), `${tooBig}.`);
          else ({ width, height } = size);
        }
      } else {
        try {
          const data = readBookBytes(root, `${dir}/${art}`);
          const size = imageSize(data);
          width = size.width ?? 0;
          height = size.height ?? 0;
          if (!width || !height || !rasterComplete(data, format)) throw new Error('incomplete');
        } catch (e) {
          if (e instanceof BookFileError) problems.push(e.problem);
          else
            at(
              ref(['art']),
              f('art'),
              `${dir}/${art} cannot be read as a ${format.toUpperCase()} image (truncated or corrupt?).`,
            );
        }
      }
      if (width * height > MAX_ART_PIXELS) {
        at(
          ref(['art']),
          f('art'),
          `${dir}/${art} is ${width}×${height} pixels; the limit is ${MAX_ART_PIXELS / 1e6} megapixels. Export it smaller.`,
        );
      }
      const where = frame === undefined ? 'panel' : 'frame';
      const bubbleIds = new Set<string>();
      bubbles.forEach((b, j) => {
        const bat = (path: PropertyKey[], field: string, message: string) =>
          at(ref(['bubbles', j, ...path]), f(`bubbles.${b.id}${field ? `.${field}` : ''}`), message);
        if (bubbleIds.has(b.id)) bat(['id'], '', `bubble id "${b.id}" is used twice in this ${where}.`);
        bubbleIds.add(b.id);
        checkLangs(b.text, ref(['bubbles', j, 'text']), f(`bubbles.${b.id}.text`));
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
      const strip = frame !== undefined;
      return {
        key: strip ? `${panel.id}.${def.id}` : panel.id,
        id: def.id,
        panelId: panel.id,
        ...(strip ? { frame } : {}),
        art,
        alt,
        bubbles,
        ...(def.translates ? { translates: def.translates } : {}),
        artPath: `${dir}/${art}`,
        format: format ?? 'svg',
        width,
        height,
        dir,
        field: `panels.${panel.id}${strip ? `.frames.${def.id}` : ''}`,
        label: `panel "${panel.id}"${strip ? `, frame "${def.id}"` : ''}`,
      };
    };
    if (panel.frames) {
      // A strip: its frames carry the art, alt and bubbles; the panel keeps only its id.
      const given = (['art', 'alt', 'bubbles', 'translates'] as const).filter((k) => panel[k] !== undefined);
      for (const k of given)
        at(
          [k],
          k,
          k === 'art'
            ? 'this panel has both "art" and "frames": a panel is one drawing (art) or a strip of 2 or 3 frames (frames), each frame with its own art. Remove one.'
            : `a strip has no ${k} of its own: each frame has its own ${k === 'translates' ? 'translates (under its alt)' : k}. Move it into the frame it belongs to.`,
        );
      const n = panel.frames.length;
      if (n < 2 || n > 3)
        at(
          ['frames'],
          'frames',
          `a strip has 2 or 3 frames, read left to right; this one has ${n}. ${n < 2 ? 'For one drawing, write art, alt and bubbles on the panel instead of frames.' : 'Make it two panels, or cut a frame.'}`,
        );
      const frameIds = new Set<string>();
      const frames = panel.frames.map((fr, j) => {
        if (frameIds.has(fr.id))
          at(
            ['frames', j, 'id'],
            `frames.${fr.id}`,
            `frame id "${fr.id}" is used twice in this strip: give each frame its own id.`,
          );
        frameIds.add(fr.id);
        if (!fr.art) {
          at(
            ['frames', j],
            `frames.${fr.id}.art`,
            `frame "${fr.id}" has no art: write art: panels/${panel.id}-${j + 1}.svg (the frame's drawing, relative to the episode folder).`,
          );
          return undefined;
        }
        return loadArt(fr, ['frames', j], `frames.${fr.id}`, j);
      });
      const drawn = frames.filter((x): x is PanelArt => !!x);
      // One proportion for every frame: the site lines them up at one height by giving each the
      // same width, and stacks them at the same width.
      const first = drawn.find((x) => x.width && x.height);
      for (const x of drawn)
        if (
          first &&
          x.width &&
          x.height &&
          Math.abs(x.width / x.height - first.width / first.height) > 0.01 * (first.width / first.height)
        )
          at(
            ['frames', panel.frames.indexOf(panel.frames.find((fr) => fr.id === x.id)!), 'art'],
            `frames.${x.id}.art`,
            `the frames of a strip have the same proportions, so that they line up at one height: ${x.artPath} is ${x.width}×${x.height} but ${first.artPath} is ${first.width}×${first.height}. Give frame "${x.id}" a viewBox of the same proportions.`,
          );
      out.push({ id: panel.id, dir, strip: true, frames: drawn });
      return;
    }
    if (!panel.art) {
      at(
        [],
        'art',
        'this panel has no art: write art: panels/<file>.svg (one drawing), or frames: with 2 or 3 frames (a strip), each with its art.',
      );
      return;
    }
    out.push({ id: panel.id, dir, strip: false, frames: [loadArt(panel, [], '', undefined)] });
  });
  return out;
}
