// Sets bubble text with the book's own font file: measured and drawn as glyph outlines, so the
// "fits its bubble" check measures exactly what is drawn, on every machine (no system fonts).
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { sha256 } from '../model/hash.ts';

export interface LoadedFont {
  font: Font;
  /** Fingerprint of the font file: part of every panel's cache key. */
  hash: string;
}

const fonts = new Map<string, LoadedFont>();

export function loadFont(path: string): LoadedFont {
  let f = fonts.get(path);
  if (!f) {
    const data = readFileSync(path);
    const opened = fontkit.create(data);
    // A collection (.ttc) holds several faces: the kit needs one font file per face.
    if ('fonts' in opened)
      throw new Error(`${path} is a font collection: give the kit a single .ttf, .otf or .woff font.`);
    f = { font: opened, hash: sha256(data).slice(0, 16) };
    fonts.set(path, f);
  }
  return f;
}

export interface SetLine {
  /** SVG path data for the line's glyphs, in font units (y up), starting at x = 0. */
  d: string;
  width: number; // in font units
}

export interface SetText {
  lines: SetLine[];
  /** Font size in art pixels. */
  size: number;
  lineHeight: number; // in art pixels
}

/** Characters a font may lack, and what to draw instead. */
function substitute(text: string, font: Font): string {
  let t = text;
  if (!font.hasGlyphForCodePoint(0x202f))
    t = t.replace(/\u202F/g, font.hasGlyphForCodePoint(0x2009) ? '\u2009' : '\u00A0');
  return t;
}

/** Characters that draw nothing and need no glyph: spaces, joiners, variation selectors. */
const INVISIBLE = /^(?:\s|\u200B|\u200C|\u200D|\u2060|[\uFE00-\uFE0F])$/u;

/** Look-alikes a lettering font is more likely to have, to suggest in the message. */
const LOOK_ALIKES: Record<string, string[]> = {
  '⋅': ['·', '.'],
  '•': ['·'],
  '➡': ['→', '->'],
  '→': ['->'],
  '⬅': ['←', '<-'],
  '✓': ['✔', 'v'],
  '…': ['...'],
  '—': ['–', '-'],
  '€': ['EUR'],
};

export interface MissingGlyph {
  char: string;
  /** "U+1F986" */
  code: string;
  /** Something the font can draw instead, when a look-alike is known. */
  instead?: string;
}

/**
 * The characters of `text` that `font` cannot draw (after the substitutions the layout makes), in
 * order, once each. A bubble must never show an empty box: the build refuses these.
 */
export function missingGlyphs(font: Font, text: string): MissingGlyph[] {
  const out = new Map<string, MissingGlyph>();
  for (const char of substitute(text, font)) {
    if (INVISIBLE.test(char) || out.has(char)) continue;
    const cp = char.codePointAt(0)!;
    if (font.hasGlyphForCodePoint(cp)) continue;
    const instead = LOOK_ALIKES[char]?.find((c) => [...c].every((x) => font.hasGlyphForCodePoint(x.codePointAt(0)!)));
    out.set(char, {
      char,
      code: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
      ...(instead ? { instead } : {}),
    });
  }
  return [...out.values()];
}

// Shaping is the costly part of fitting (profiled: most of the layout pass), and fitting tries
// the same candidate lines at every size: widths are remembered per font.
const widths = new WeakMap<Font, Map<string, number>>();

function measure(font: Font, text: string): number {
  let known = widths.get(font);
  if (!known || known.size > 100_000) {
    known = new Map();
    widths.set(font, known);
  }
  let w = known.get(text);
  if (w === undefined) {
    const run = font.layout(text);
    w = run.positions.reduce((sum, p) => sum + p.xAdvance, 0);
    known.set(text, w);
  }
  return w;
}

/** A glyph outline's commands, as fontkit gives them (font units, y up). */
export interface OutlineCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

const LETTER: Record<OutlineCommand['command'], string> = {
  moveTo: 'm',
  lineTo: 'l',
  quadraticCurveTo: 'q',
  bezierCurveTo: 'c',
  closePath: 'z',
};

/**
 * The path data of glyph outlines placed at their offsets, in relative commands on whole font units.
 * Lettering is most of a panel's bytes: absolute coordinates a line long (8429.5) cost about three
 * times what small deltas do, even compressed (the hamster-wheel panel: 21.7 → 7.8 kB gzipped),
 * and a font unit is a few hundredths of an art pixel. Deltas are taken between rounded points,
 * so rounding never accumulates along a line.
 */
export function relativeOutline(glyphs: Array<{ commands: OutlineCommand[]; dx: number; dy: number }>): string {
  let out = '';
  let last = '';
  let pen = { x: 0, y: 0 };
  let start = pen;
  const num = (v: number, first: boolean) => (first || v < 0 ? String(v) : ` ${v}`);
  for (const { commands, dx, dy } of glyphs) {
    for (const { command, args } of commands) {
      const letter = LETTER[command];
      if (letter === 'z') {
        out += 'z';
        last = 'z';
        pen = start;
        continue;
      }
      const points: Array<{ x: number; y: number }> = [];
      for (let i = 0; i < args.length; i += 2)
        points.push({ x: Math.round(args[i]! + dx), y: Math.round(args[i + 1]! + dy) });
      const deltas = points.flatMap((p) => [p.x - pen.x, p.y - pen.y]);
      // A repeated command letter may be left out (after "m", a bare pair is a line).
      const implicit = letter === last || (letter === 'l' && last === 'm');
      out += (implicit ? '' : letter) + deltas.map((v, i) => num(v, i === 0 && !implicit)).join('');
      last = letter;
      pen = points[points.length - 1]!;
      if (letter === 'm') start = pen;
    }
  }
  return out;
}

function draw(font: Font, text: string): SetLine {
  const run = font.layout(text);
  let x = 0;
  const glyphs: Array<{ commands: OutlineCommand[]; dx: number; dy: number }> = [];
  run.glyphs.forEach((g, i) => {
    const pos = run.positions[i]!;
    glyphs.push({
      commands: (g.path as unknown as { commands: OutlineCommand[] }).commands,
      dx: x + pos.xOffset,
      dy: pos.yOffset,
    });
    x += pos.xAdvance;
  });
  return { d: relativeOutline(glyphs), width: x };
}

/**
 * Wraps `text` into lines no wider than `maxWidth` (font units), breaking at ordinary spaces
 * only (never at no-break spaces). Returns undefined if a single word is wider than the line.
 */
function wrap(font: Font, text: string, maxWidth: number): string[] | undefined {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(/ +/).filter(Boolean);
    let line = '';
    for (const w of words) {
      const candidate = line ? `${line} ${w}` : w;
      if (measure(font, candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (!line || measure(font, w) > maxWidth) return undefined;
      lines.push(line);
      line = w;
    }
    if (line) lines.push(line);
  }
  return lines;
}

export interface FitOptions {
  width: number;
  height: number;
  maxSize: number;
  minSize: number;
  lineHeight?: number; // multiple of the size
}

/**
 * The largest size (down to minSize, in steps of 0.5 px) at which `text` fits the area.
 * Returns undefined when it cannot fit even at minSize: the caller reports it to the author.
 */
export function fitText(loaded: LoadedFont, rawText: string, opts: FitOptions): SetText | undefined {
  const { font } = loaded;
  const text = substitute(rawText.trim(), font);
  const lh = opts.lineHeight ?? 1.18;
  for (let size = opts.maxSize; size >= opts.minSize; size -= 0.5) {
    const scale = size / font.unitsPerEm;
    const lines = wrap(font, text, opts.width / scale);
    if (!lines) continue;
    const height = lines.length * size * lh;
    if (height <= opts.height) {
      return { lines: lines.map((l) => draw(font, l)), size, lineHeight: size * lh };
    }
  }
  return undefined;
}
