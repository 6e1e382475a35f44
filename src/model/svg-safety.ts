// Panel art comes from authors and illustrators and ends up in readers' browsers, e-readers and
// PDFs. An SVG may only draw: no scripts, no event handlers, no embedded HTML, nothing loaded
// from elsewhere, no entity tricks. We reject rather than silently rewrite, so that what the
// illustrator previews is what readers get.

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
  if (!/<svg\b/i.test(text)) findings.push({ line: 1, message: 'no <svg> root element: this is not an SVG file' });
  return findings;
}

/** Reads the drawing size of an SVG from its viewBox (preferred) or width/height. */
export function svgSize(text: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return undefined;
  const vb = /viewBox\s*=\s*["']\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(root);
  if (vb) return { width: Number(vb[3]), height: Number(vb[4]) };
  const w = /\swidth\s*=\s*["']([\d.]+)(px)?["']/i.exec(root);
  const h = /\sheight\s*=\s*["']([\d.]+)(px)?["']/i.exec(root);
  if (w && h) return { width: Number(w[1]), height: Number(h[1]) };
  return undefined;
}
