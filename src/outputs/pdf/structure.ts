// What the finished PDF needs beyond what Chromium writes: exact page boxes, and a tag tree that
// assistive technology and validators read better. Edits in place with pdf-lib (no page copied).
//
// - Page boxes: Chromium's page is 0.4 mm too large on the right and at the foot (page-css.ts
//   OVERSIZE); MediaBox, CropBox, TrimBox and BleedBox are set to the exact trimmed size,
//   anchored at the top left where Chromium laid the page out.
// - Figures: Chromium writes the <figure> as a Figure element without /Alt around the <img>'s own
//   Figure; the wrapper gets the image's alternative text (or, when it has no image, the text of
//   its caption), so that no Figure lacks one.
// - Links: every link annotation gets /Contents (its address, or the title of the part of the
//   book it goes to), which screen readers announce.
// - NonStruct: a grouping element with a single structure child is folded into it (Chromium
//   writes one for every <div> and <span>); the rest become Div, the standard grouping element.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { mmToPt, type PageGeometry } from '../../model/print/geometry.ts';

/**
 * Crops every page to the exact trimmed size (`g`, mm) plus `bleed` (mm) all round, anchored at
 * the top left where Chromium laid the page out: MediaBox, CropBox and BleedBox the whole, TrimBox
 * the trimmed page.
 */
export function setPageBoxes(doc: PDFDocument, g: Pick<PageGeometry, 'width' | 'height'>, bleed = 0): void {
  const w = mmToPt(g.width);
  const h = mmToPt(g.height);
  const b = mmToPt(bleed);
  for (const page of doc.getPages()) {
    const media = page.getMediaBox();
    const top = media.y + media.height;
    const y = top - h - 2 * b;
    page.setMediaBox(0, y, w + 2 * b, h + 2 * b);
    page.setCropBox(0, y, w + 2 * b, h + 2 * b);
    page.setBleedBox(0, y, w + 2 * b, h + 2 * b);
    page.setTrimBox(b, y + b, w, h);
  }
}

const N = (s: string) => PDFName.of(s);

function text(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : undefined;
}

interface StructStats {
  figuresWithoutAlt: number;
  nonStruct: number;
  linksWithoutContents: number;
}

/** Counts what fixStructure repairs (for tests and the measuring script). */
export function structureStats(doc: PDFDocument): StructStats {
  const stats = { figuresWithoutAlt: 0, nonStruct: 0, linksWithoutContents: 0 };
  walk(doc, (el) => {
    const s = el.lookupMaybe(N('S'), PDFName)?.decodeText();
    if (s === 'Figure' && !text(el.lookup(N('Alt')))) stats.figuresWithoutAlt++;
    if (s === 'NonStruct') stats.nonStruct++;
  });
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    for (let i = 0; annots && i < annots.size(); i++) {
      const a = annots.lookup(i);
      if (
        a instanceof PDFDict &&
        a.lookupMaybe(N('Subtype'), PDFName)?.decodeText() === 'Link' &&
        !text(a.lookup(N('Contents')))
      )
        stats.linksWithoutContents++;
    }
  }
  return stats;
}

/** Calls `visit` on every structure element, parents before children. */
function walk(doc: PDFDocument, visit: (el: PDFDict, parent: PDFDict | undefined) => void): void {
  const root = doc.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
  if (!root) return;
  const seen = new Set<PDFDict>();
  const go = (node: PDFObject | undefined, parent: PDFDict | undefined) => {
    const el = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (el instanceof PDFArray) {
      for (let i = 0; i < el.size(); i++) go(el.get(i), parent);
      return;
    }
    if (!(el instanceof PDFDict) || seen.has(el)) return;
    seen.add(el);
    if (el.has(N('S'))) visit(el, parent);
    go(el.get(N('K')), el.has(N('S')) ? el : parent);
  };
  go(root.get(N('K')), undefined);
}

/**
 * The pages (from 0) on which the tagged Figures whose /Alt is one of `alts` are printed: one
 * list per alt (a strip's frames, for the checks that it prints on one page). The <img>'s own
 * Figure carries /Pg; the <figure>'s wrapper, with every frame's text, matches none.
 */
export function figurePages(doc: PDFDocument, alts: string[]): number[][] {
  const pages = doc.getPages().map((p) => String(p.ref));
  const found: number[][] = alts.map(() => []);
  walk(doc, (el) => {
    const alt = text(el.lookup(N('Alt')));
    const pg = el.get(N('Pg'));
    if (!alt || !pg) return;
    alts.forEach((a, i) => {
      if (alt === a) found[i]!.push(pages.indexOf(String(pg)));
    });
  });
  return found;
}

/** Structure children (not marked content) of an element. */
function kids(doc: PDFDocument, el: PDFDict): PDFDict[] {
  const k = el.get(N('K'));
  const list = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  return list
    .map((x) => (x instanceof PDFRef ? doc.context.lookup(x) : x))
    .filter((x): x is PDFDict => x instanceof PDFDict && x.has(N('S')));
}

function allText(doc: PDFDocument, el: PDFDict): string {
  const alt = text(el.lookup(N('Alt')));
  if (alt) return alt;
  return kids(doc, el)
    .map((k) => allText(doc, k))
    .filter(Boolean)
    .join(' ');
}

export function fixStructure(doc: PDFDocument, linkTitles: ReadonlyMap<string, string> = new Map()): StructStats {
  const before = structureStats(doc);
  walk(doc, (el) => {
    const s = el.lookupMaybe(N('S'), PDFName)?.decodeText();
    if (s === 'Figure' && !text(el.lookup(N('Alt')))) {
      const inner = kids(doc, el).find((k) => k.lookupMaybe(N('S'), PDFName)?.decodeText() === 'Figure');
      const alt = (inner && text(inner.lookup(N('Alt')))) || allText(doc, el);
      if (alt) el.set(N('Alt'), PDFHexString.fromText(alt));
    }
    // A generic group: Div is the standard element for it (ISO 32000 14.8.4.2).
    if (s === 'NonStruct') el.set(N('S'), N('Div'));
  });
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    for (let i = 0; annots && i < annots.size(); i++) {
      const a = annots.lookup(i);
      if (!(a instanceof PDFDict) || a.lookupMaybe(N('Subtype'), PDFName)?.decodeText() !== 'Link') continue;
      if (text(a.lookup(N('Contents')))) continue;
      const action = a.lookupMaybe(N('A'), PDFDict);
      const uri = text(action?.lookup(N('URI')));
      const dest = a.lookup(N('Dest')) ?? action?.lookup(N('D'));
      const name = dest instanceof PDFName ? dest.decodeText() : text(dest);
      const label = uri ?? (name ? (linkTitles.get(name) ?? name) : undefined);
      if (label) a.set(N('Contents'), PDFHexString.fromText(label));
    }
  }
  return before;
}
