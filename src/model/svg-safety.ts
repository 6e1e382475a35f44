// Panel art comes from authors and illustrators and ends up in readers' browsers, e-readers and
// PDFs. An SVG may only draw: no scripts, no event handlers, no embedded HTML, nothing loaded
// from elsewhere, no entity tricks. We reject rather than silently rewrite, so that what the
// illustrator previews is what readers get.

import { firstForbidden } from './characters.ts';

export interface SvgFinding {
  line: number;
  message: string;
}

const RULES: Array<{ re: RegExp; message: string }> = [
  {
    re: /<!DOCTYPE|<!ENTITY/i,
    message: 'a DOCTYPE or ENTITY declaration (entities can expand without limit); remove it',
  },
  { re: /<script\b/i, message: 'a <script> element; art may not run code' },
  { re: /\son[a-z]+\s*=/i, message: 'an event handler attribute (on…=); art may not run code' },
  { re: /<foreignObject\b/i, message: 'a <foreignObject> element (embedded HTML); draw it with SVG shapes instead' },
  {
    re: /\b(?:xlink:)?href\s*=\s*["'](?!#)/i,
    message: 'a reference to another file or address (href not starting with "#"); put everything in this file',
  },
  { re: /url\(\s*["']?(?!#)/i, message: 'a url(…) that is not a reference inside this file (url(#id))' },
  { re: /@import\b/i, message: 'a CSS @import; panel art may not load anything' },
  { re: /javascript:/i, message: 'a javascript: address' },
  {
    re: /<(?:iframe|embed|object|audio|video|animate[a-zA-Z]*|set)\b/i,
    message: 'an element that embeds or animates content; art is a still drawing',
  },
];

export function checkSvg(text: string): SvgFinding[] {
  const findings: SvgFinding[] = [];
  for (const rule of RULES) {
    const m = rule.re.exec(text);
    if (m) findings.push({ line: text.slice(0, m.index).split('\n').length, message: rule.message });
  }
  // XML allows none of them, and renderers differ on what they make of one.
  const odd = firstForbidden(text);
  if (odd) findings.push({ line: odd.line, message: `${odd.why} (column ${odd.column}); remove it` });
  if (!/<svg\b/i.test(text)) findings.push({ line: 1, message: 'no <svg> root element: this is not an SVG file' });
  return findings;
}

// CSS pixels per unit. Renderers size an SVG from its width/height when they are absolute, so
// those, not the viewBox, decide how many pixels a render decodes.
const UNIT_PX: Record<string, number> = {
  '': 1,
  px: 1,
  pt: 4 / 3,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
};

/** How far above its viewBox an SVG's width/height may draw it: renders scale from the viewBox. */
export const MAX_SVG_SCALE = 4;

export interface SvgSize {
  width: number;
  height: number;
  /** The root's width/height in pixels, when both are given in absolute units. */
  rendered?: { width: number; height: number; attrs: string };
}

function absoluteLength(root: string, name: string): { px: number; text: string } | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+(?:e[+-]?\\d+)?)\\s*([a-z]*)\\s*["']`, 'i').exec(root);
  const unit = UNIT_PX[m?.[2]?.toLowerCase() ?? 'none'];
  if (!m || unit === undefined) return undefined;
  return { px: Number(m[1]) * unit, text: `${m[1]}${m[2]}` };
}

/** Reads the drawing size of an SVG from its viewBox (preferred) or width/height. */
export function svgSize(text: string): SvgSize | undefined {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return undefined;
  const w = absoluteLength(root, 'width');
  const h = absoluteLength(root, 'height');
  const rendered = w && h ? { width: w.px, height: h.px, attrs: `width="${w.text}" height="${h.text}"` } : undefined;
  const vb = /viewBox\s*=\s*["']\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(root);
  if (vb) return { width: Number(vb[3]), height: Number(vb[4]), ...(rendered ? { rendered } : {}) };
  if (rendered) return { width: rendered.width, height: rendered.height, rendered };
  return undefined;
}

/**
 * Why an SVG of this size cannot be rendered, or undefined. Checked before any render: sharp
 * would otherwise stop, many seconds in, with a bare "Input image exceeds pixel limit".
 */
export function svgSizeProblem(file: string, size: SvgSize, maxPixels: number): string | undefined {
  const r = size.rendered;
  if (!r) return undefined;
  const scale = Math.max(r.width / size.width, r.height / size.height);
  // At or below the viewBox size, the caller's pixel check on the viewBox already covers it.
  if (scale <= 1 || (r.width * r.height <= maxPixels && scale <= MAX_SVG_SCALE)) return undefined;
  const px = `${Math.round(r.width)}×${Math.round(r.height)}`;
  return (
    `${file} has ${r.attrs} on its <svg> root: it would render at ${px} pixels, ` +
    `${Math.round(scale * 10) / 10} times its viewBox (${size.width}×${size.height}); the limits are ` +
    `${maxPixels / 1e6} megapixels and ${MAX_SVG_SCALE} times the viewBox. ` +
    `Write width="${size.width}" height="${size.height}" instead, or remove width and height`
  );
}
