// Finishes the PDF that Chromium printed, in place, with pdf-lib: metadata (Info and XMP),
// /Lang, page labels, the outline rebuilt from the book's parts, a content-derived trailer /ID.
// Pages are never copied (copyPages would drop Chromium's tag tree and named destinations):
// the document is loaded, edited and saved as one.
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { xmpPacket, type PdfMetadata } from './metadata.ts';
import { pageLabelRanges } from './plan.ts';

export interface Destination {
  /** 0-based page index. */
  page: number;
  /** The destination array as Chromium wrote it: [pageRef /XYZ left top zoom]. */
  array: PDFArray;
}

export interface OutlineEntry {
  title: string;
  /** The named destination (an element id) the bookmark opens. */
  dest: string;
  /** Bookmarks under this one (an episode's sections; a section's sub-sections), closed at first. */
  children?: OutlineEntry[];
}

/** The named destinations: Chromium writes one for every element that a link in the page targets. */
export function readDestinations(doc: PDFDocument): Map<string, Destination> {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const out = new Map<string, Destination>();
  const add = (name: string, value: PDFObject | undefined) => {
    let v = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (v instanceof PDFDict) v = v.lookup(PDFName.of('D'));
    if (!(v instanceof PDFArray)) return;
    const target = v.get(0);
    const page = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
    if (page !== undefined) out.set(name, { page, array: v });
  };
  // PDF 1.1 style: a /Dests dictionary in the catalog (what Chromium writes)…
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) add(key.decodeText(), value);
  // …or PDF 1.2 style: a name tree under /Names /Dests.
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookup(i, PDFDict));
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict));
  return out;
}

/** Deletes an outline (sub)tree's objects, so that the old bookmarks leave no orphans behind. */
function deleteOutline(doc: PDFDocument, ref: PDFObject | undefined): void {
  let item = ref instanceof PDFRef ? ref : undefined;
  const seen = new Set<string>();
  while (item && !seen.has(item.toString())) {
    seen.add(item.toString());
    const dict = doc.context.lookup(item, PDFDict);
    deleteOutline(doc, dict.get(PDFName.of('First')));
    const next = dict.get(PDFName.of('Next'));
    doc.context.delete(item);
    item = next instanceof PDFRef ? next : undefined;
  }
}

/** Replaces the outline by the book's bookmarks, each opening its part's first page; an episode's
 * sections are nested under it (closed, so the top level stays one line per part). */
export function setOutline(doc: PDFDocument, entries: OutlineEntry[], dests: Map<string, Destination>): void {
  const old = doc.catalog.get(PDFName.of('Outlines'));
  if (old instanceof PDFRef) {
    deleteOutline(doc, doc.context.lookup(old, PDFDict).get(PDFName.of('First')));
    doc.context.delete(old);
  }
  const all = (list: OutlineEntry[]): OutlineEntry[] => list.flatMap((e) => [e, ...all(e.children ?? [])]);
  const missing = all(entries)
    .filter((e) => !dests.has(e.dest))
    .map((e) => e.dest);
  if (missing.length)
    throw new Error(`no destination in the printed PDF for ${missing.map((m) => `#${m}`).join(', ')}`);
  const root = doc.context.nextRef();
  /** Writes `list` under `parent`; returns the number of items it holds (all levels). */
  const level = (list: OutlineEntry[], parent: PDFRef): { first?: PDFRef; last?: PDFRef; count: number } => {
    const refs = list.map(() => doc.context.nextRef());
    let count = list.length;
    list.forEach((e, i) => {
      const d = dests.get(e.dest)!;
      const dict = doc.context.obj({
        Title: PDFHexString.fromText(e.title),
        Parent: parent,
        // The top of the part's first page (Chromium's own destination, page and position).
        Dest: d.array,
      });
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (e.children?.length) {
        const sub = level(e.children, refs[i]!);
        dict.set(PDFName.of('First'), sub.first!);
        dict.set(PDFName.of('Last'), sub.last!);
        // A negative count: the item is closed (its children are hidden until opened).
        dict.set(PDFName.of('Count'), PDFNumber.of(-sub.count));
      }
      doc.context.assign(refs[i]!, dict);
    });
    // Closed children are not counted in the parent's open descendants.
    count = list.length;
    return { first: refs[0], last: refs[refs.length - 1], count };
  };
  const top = level(entries, root);
  const outlines = doc.context.obj({ Type: 'Outlines', Count: top.count });
  if (top.first && top.last) {
    outlines.set(PDFName.of('First'), top.first);
    outlines.set(PDFName.of('Last'), top.last);
  }
  doc.context.assign(root, outlines);
  doc.catalog.set(PDFName.of('Outlines'), root);
  // Open the bookmarks panel: a book with 100 episodes is navigated by them.
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

export function setPageLabels(doc: PDFDocument, firstBodyPage: number): void {
  const nums: PDFObject[] = [];
  for (const r of pageLabelRanges(firstBodyPage)) {
    nums.push(PDFNumber.of(r.start), doc.context.obj({ S: r.style, St: r.first }));
  }
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: doc.context.obj(nums) }));
}

export function setMetadata(doc: PDFDocument, m: PdfMetadata, producer: string): void {
  const date = (d: Date) => PDFString.fromDate(d);
  const info = doc.context.obj({
    Title: PDFHexString.fromText(m.title),
    Author: PDFHexString.fromText(m.authors.join(', ')),
    Subject: PDFHexString.fromText(m.subject),
    Keywords: PDFHexString.fromText(m.keywords.join(', ')),
    Creator: PDFHexString.fromText(m.creator),
    Producer: PDFHexString.fromText(producer),
    CreationDate: date(m.created),
    ModDate: date(m.modified),
  });
  const oldInfo = doc.context.trailerInfo.Info;
  if (oldInfo instanceof PDFRef) doc.context.delete(oldInfo);
  doc.context.trailerInfo.Info = doc.context.register(info);
  const oldXmp = doc.catalog.get(PDFName.of('Metadata'));
  if (oldXmp instanceof PDFRef) doc.context.delete(oldXmp);
  const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket(m, producer)), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(m.lang));
  // Viewers show the title, not the file name, in their title bar.
  doc.catalog.set(PDFName.of('ViewerPreferences'), doc.context.obj({ DisplayDocTitle: true }));
}

/** Saves with a trailer /ID derived from the document itself: the same content gives the same bytes. */
export async function saveWithContentId(doc: PDFDocument): Promise<Uint8Array> {
  // Object streams (PDF 1.5) make the file smaller; say so in the header.
  doc.context.header = PDFHeader.forVersion(1, 7);
  const zero = PDFHexString.of('0'.repeat(32));
  doc.context.trailerInfo.ID = doc.context.obj([zero, zero]);
  const draft = await doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
  const id = PDFHexString.of(createHash('sha256').update(draft).digest('hex').slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}

/** The producer line: Chromium's PDF backend (from the printed file) and pdf-lib. */
export function producerOf(doc: PDFDocument, finisher: string): string {
  const skia = doc.getProducer();
  return skia ? `${skia}; ${finisher}` : finisher;
}

export async function loadPrinted(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}
