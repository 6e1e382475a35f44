// The published SVG of a vector panel: the art, only the library drawings it uses (directly or
// through other drawings), and the bubbles, with the whitespace between tags folded. Vector art is
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

/** Paper white behind the art, as the raster variants are flattened on (never the page's dark mode). */
const PAPER = '<rect width="100%" height="100%" fill="#fff"/>';

/** The panel as published: paper, the library drawings it uses, the art, the bubbles. */
export function vectorPanel(art: string, library: string, overlay: string): string {
  const used = library ? pruneLibrary(library, art + overlay) : '';
  return foldSvg(composeSvg(art, used, overlay, PAPER));
}
