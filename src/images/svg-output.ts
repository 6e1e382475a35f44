// The published SVG of a vector panel: the art, the library drawings it uses (directly or
// through other drawings) copied where it uses them (no <use>, see expandUses), and the bubbles, with the whitespace between tags folded. Vector art is
// published as vector: it stays sharp at every screen density and zoom, weighs less than the
// raster variants, and costs no encoding (measured: docs/benchmarks.md).

/** Top-level elements of an XML fragment with the id each one carries (if any). */
export function topLevelElements(xml: string): Array<{ id?: string; text: string }> {
  const out: Array<{ id?: string; text: string }> = [];
  const tag = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)\b[^>]*?(\/?)>/g;
  let depth = 0;
  let start = -1;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[0].startsWith('<!--')) continue;
    const [whole, closing, , selfClosing] = m;
    if (closing) {
      depth--;
      if (depth === 0 && start >= 0) {
        const text = xml.slice(start, m.index + whole.length);
        out.push({ id: idOf(text), text });
        start = -1;
      }
    } else if (selfClosing) {
      if (depth === 0) out.push({ id: idOf(whole), text: whole });
    } else {
      if (depth === 0) start = m.index;
      depth++;
    }
  }
  return out;
}

function idOf(element: string): string | undefined {
  return /^<[^>]*?\sid="([^"]+)"/.exec(element)?.[1];
}

/** Ids referenced by href="#…", xlink:href="#…" or url(#…). */
export function referencedIds(text: string): string[] {
  return [...text.matchAll(/(?:href="#|url\(#)([^")]+)/g)].map((m) => m[1]!);
}

/** The library's definitions that `uses` needs, following references between drawings. */
export function pruneLibrary(library: string, uses: string): string {
  const elements = topLevelElements(library);
  const byId = new Map(elements.flatMap((e) => (e.id ? [[e.id, e] as const] : [])));
  const keep = new Set<string>();
  const todo = referencedIds(uses);
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    const el = byId.get(id);
    if (!el || keep.has(id)) continue;
    keep.add(id);
    todo.push(...referencedIds(el.text));
  }
  // Elements without an id (styles, say) are kept: something may depend on them.
  return elements
    .filter((e) => (e.id ? keep.has(e.id) : true))
    .map((e) => e.text)
    .join('');
}

/** Folds the whitespace between tags and drops comments and the XML declaration. */
export function foldSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '>\n<')
    .trim();
}

/**
 * The drawing's SVG with the library's definitions and the bubbles added: `underlay` first (under
 * the art), then `<defs>`, the art, the overlay. Art without an <svg> element is returned as is.
 */
export function composeSvg(art: string, library: string, overlay: string, underlay = ''): string {
  const open = /<svg\b[^>]*>/i.exec(art);
  if (!open) return art;
  const at = open.index + open[0].length;
  const close = art.lastIndexOf('</svg>');
  return `${art.slice(0, at)}${underlay}${library ? `<defs>${library}</defs>` : ''}${art.slice(at, close)}${overlay}</svg>`;
}

/** The attributes of a start tag, in order ("href", "x"…; a prefix stays in the name: "xlink:href"). */
function attributes(tag: string): Map<string, string> {
  return new Map([...tag.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const));
}

/** Marks where the kept definitions go while the uses are copied out (a character no SVG holds). */
const DEFS_HERE = '\u0000defs\u0000';
const USE = /<use\b[^>]*?(?:\/>|>\s*<\/use>)/g;
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number.parseFloat(v));

/**
 * The transform that puts a symbol's viewBox into the box (x, y, w, h) of the <use> that draws
 * it, per SVG's preserveAspectRatio (default "xMidYMid meet").
 */
export function symbolTransform(
  viewBox: string,
  par: string | undefined,
  box: { x: number; y: number; w: number; h: number },
): string {
  const [vx = 0, vy = 0, vw = box.w, vh = box.h] = viewBox
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const m = /^\s*(none|x(Min|Mid|Max)Y(Min|Mid|Max))(?:\s+(meet|slice))?\s*$/.exec(par ?? 'xMidYMid meet');
  if (!m) throw new Error(`preserveAspectRatio="${par}" is not a value SVG knows.`);
  let sx = box.w / vw;
  let sy = box.h / vh;
  let tx = box.x;
  let ty = box.y;
  if (m[1] !== 'none') {
    sx = sy = m[4] === 'slice' ? Math.max(sx, sy) : Math.min(sx, sy);
    const free = { x: box.w - vw * sx, y: box.h - vh * sy };
    const at = (a: string | undefined) => (a === 'Min' ? 0 : a === 'Mid' ? 0.5 : 1);
    tx += free.x * at(m[2]);
    ty += free.y * at(m[3]);
  }
  const r = (n: number) => Number(n.toFixed(4));
  return `translate(${r(tx - vx * sx)} ${r(ty - vy * sy)}) scale(${r(sx)} ${r(sy)})`;
}

/**
 * The SVG with every <use> of a definition replaced by a copy of what it draws, and the
 * definitions only <use> needed dropped: a self-contained drawing. Reading systems differ in
 * what they draw of <use> and <symbol> (calibre's MOBI rasteriser drew none of the characters:
 * "link #… is undefined"); a copy they all draw. Definitions referenced otherwise (url(#…):
 * gradients, clips) stay in <defs>.
 */
export function expandUses(svg: string): string {
  const defs = [...svg.matchAll(/<defs\b[^>]*>([\s\S]*?)<\/defs>/gi)].map((m) => m[1]!).join('');
  if (!/<use\b/.test(svg)) return svg;
  const byId = new Map(topLevelElements(defs).flatMap((e) => (e.id ? [[e.id, e.text] as const] : [])));
  // The definitions that stay go where the first <defs> was (after the paper, before the art).
  let seen = 0;
  const body = svg.replace(/<defs\b[^>]*>[\s\S]*?<\/defs>/gi, () => (seen++ === 0 ? DEFS_HERE : ''));
  const expand = (text: string, depth: number): string =>
    text.replace(USE, (use) => {
      const a = attributes(use);
      const ref = a.get('href') ?? a.get('xlink:href') ?? '';
      const def = ref.startsWith('#') ? byId.get(ref.slice(1)) : undefined;
      if (!def) throw new Error(`<use href="${ref}"> draws nothing: no definition has that id.`);
      if (depth > 16) throw new Error(`<use href="${ref}"> is part of a loop of definitions using each other.`);
      const open = /^<([A-Za-z][\w:.-]*)\b[^>]*?(\/?)>/.exec(def)!;
      const d = attributes(open[0]);
      const x = num(a.get('x'), 0);
      const y = num(a.get('y'), 0);
      // What the <use> carries besides its geometry (fill, class, opacity…) is inherited by the copy.
      const kept = [...a].filter(
        ([k]) => !['href', 'xlink:href', 'x', 'y', 'width', 'height', 'transform'].includes(k),
      );
      const own = a.get('transform');
      const at = (inner: string) =>
        `<g${own ? ` transform="${own}"` : ''}${kept.map(([k, v]) => ` ${k}="${v}"`).join('')}>${inner}</g>`;
      if (open[1] === 'symbol') {
        const inner = open[2] ? '' : def.slice(open[0].length, def.lastIndexOf('</symbol>'));
        const vb = d.get('viewBox');
        const w = num(a.get('width'), vb ? Number(vb.trim().split(/[\s,]+/)[2]) : 0);
        const h = num(a.get('height'), vb ? Number(vb.trim().split(/[\s,]+/)[3]) : 0);
        const place = vb ? symbolTransform(vb, d.get('preserveAspectRatio'), { x, y, w, h }) : `translate(${x} ${y})`;
        const rest = [...d].filter(
          ([k]) => !['id', 'viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y'].includes(k),
        );
        return at(
          `<g transform="${place}"${rest.map(([k, v]) => ` ${k}="${v}"`).join('')}>${expand(inner, depth + 1)}</g>`,
        );
      }
      // Any other element: drawn as is (without its id, which the copy must not repeat), moved by x, y.
      const copy = def.replace(/^(<[A-Za-z][\w:.-]*\b[^>]*?)\s+id="[^"]*"/, '$1');
      const moved =
        x || y ? `<g transform="translate(${x} ${y})">${expand(copy, depth + 1)}</g>` : expand(copy, depth + 1);
      return own || kept.length ? at(moved) : moved;
    });
  const drawn = expand(body, 0);
  const still = defs ? pruneLibrary(defs, drawn) : '';
  return drawn.replace(DEFS_HERE, still ? `<defs>${still}</defs>` : '');
}

/** Attributes holding lengths and coordinates in user units (never transform or viewBox, whose scales need their digits). */
const GEOMETRY = new Set(
  'x y x1 y1 x2 y2 cx cy r rx ry width height d points stroke-width stroke-dasharray stroke-dashoffset font-size'.split(
    ' ',
  ),
);

/**
 * Coordinates written to one decimal. Drawings made by scripts carry 15-digit floats
 * (1594.5385851314936): the sample's cover art is 17.3 kB compressed as drawn, 6.5 kB so (7.8 with
 * two decimals); a tenth of a unit of a 1200-unit drawing is a tenth of a pixel in the 1440 px
 * raster (the sample's panels, rendered at 1200 px, differ from their unrounded drawing on 111 of
 * 110 million channels, by 21/255 at most: anti-aliased edges). `digits` 0 (whole units, line
 * weights kept) is for a drawing the site only ever shows small: the cover, at most 448 device
 * pixels wide for 1200 units.
 */
export function compactNumbers(svg: string, digits: 0 | 1 = 1): string {
  const scale = 10 ** digits;
  const long = digits ? /-?\d*\.\d{2,}/g : /-?\d*\.\d+/g;
  return svg.replace(/<[A-Za-z][^>]*>/g, (tag) =>
    tag.replace(/\s([\w:-]+)="([^"]*)"/g, (all, name: string, value: string) =>
      // Whole units keep line weights as drawn: 2.5 → 3 would thicken a line by a fifth.
      GEOMETRY.has(name) && !(digits === 0 && name.startsWith('stroke'))
        ? ` ${name}="${value.replace(long, (n) => String(Math.round(Number(n) * scale) / scale))}"`
        : all,
    ),
  );
}

/** Paper white behind the art, as the raster variants are flattened on (never the page's dark mode). */
const PAPER = '<rect width="100%" height="100%" fill="#fff"/>';

/** The panel as published: paper, the art with the library drawings it uses drawn in place, the bubbles. */
export function vectorPanel(art: string, library: string, overlay: string): string {
  const used = library ? pruneLibrary(library, art + overlay) : '';
  return compactNumbers(foldSvg(expandUses(composeSvg(art, used, overlay, PAPER))));
}
