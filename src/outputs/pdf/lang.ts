// /Lang on the tagged PDF's structure elements. Chromium tags a `lang` span as its own structure
// element but writes no /Lang on it, so a screen reader reads "rôtisseur" with English rules. This
// finds, for each element of the print edition whose language differs from the book's, the
// structure element with the same text (in document order) and gives it that language.
//
// The text of a structure element is read from the page content it marks (its MCIDs): Chromium
// writes each glyph run as `<hex> Tj` in a Type0 font whose ToUnicode CMap gives the characters.
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';

/** A phrase or block of the print edition in another language, in document order. */
export interface LangRun {
  lang: string;
  text: string;
}

// Compared without spaces and hyphens: the print edition is hyphenated, and where a line breaks
// at a soft hyphen the PDF's text has a drawn hyphen and a line end the HTML's text does not.
const norm = (s: string) => s.replace(/[\s\u00AD\u2010-]+/g, '');

function streamText(doc: PDFDocument, obj: PDFObject | undefined): string {
  const o = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (o instanceof PDFArray)
    return o
      .asArray()
      .map((x) => streamText(doc, x))
      .join('');
  if (o instanceof PDFRawStream) return new TextDecoder('latin1').decode(decodePDFRawStream(o).decode());
  if (o instanceof PDFStream) return new TextDecoder('latin1').decode(o.getContents());
  return '';
}

/** glyph code (hex) → characters, from a ToUnicode CMap (bfchar and bfrange). */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hex = (h: string) => {
    let s = '';
    for (let i = 0; i + 4 <= h.length; i += 4) s += String.fromCharCode(Number.parseInt(h.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(m[1]!.toLowerCase(), hex(m[2]!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const from = Number.parseInt(m[1]!, 16);
      const to = Number.parseInt(m[2]!, 16);
      const start = hex(m[3]!);
      for (let c = from; c <= to && c - from < 65536; c++) {
        const last = start.charCodeAt(start.length - 1) + (c - from);
        map.set(c.toString(16).padStart(m[1]!.length, '0'), start.slice(0, -1) + String.fromCharCode(last));
      }
    }
  return map;
}

/** The text each marked-content id carries, page by page: `${pageIndex}:${mcid}` → text. */
function markedText(doc: PDFDocument): Map<string, string> {
  const out = new Map<string, string>();
  doc.getPages().forEach((page, pageIndex) => {
    const fonts = new Map<string, Map<string, string>>();
    const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref);
      if (font instanceof PDFDict)
        fonts.set(name.decodeText(), toUnicode(streamText(doc, font.get(PDFName.of('ToUnicode')))));
    }
    const content = streamText(doc, page.node.get(PDFName.of('Contents')));
    // Marked content nests: Chromium wraps a drawn hyphen (a soft hyphen at a line end) in a Span
    // with ActualText inside the paragraph's MCID. A stack keeps the MCID across it; glyphs under an
    // ActualText are that text instead (here a soft hyphen, which the comparison leaves out).
    const stack: Array<{ mcid?: number; actual?: string }> = [];
    const mcid = () => [...stack].reverse().find((m) => m.mcid !== undefined)?.mcid;
    const replaced = () => stack.some((m) => m.actual !== undefined);
    let font: Map<string, string> | undefined;
    for (const m of content.matchAll(
      /\/[^\s/<]+\s*(<<.*?>>)?\s*BDC|\bEMC\b|\/([^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj|\[([^\]]*)\]\s*TJ/gs,
    )) {
      // A TJ array (text with its own spacing): its strings, in order.
      const codes = m[4] !== undefined ? [...m[4].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!).join('') : m[3];
      if (m[0].endsWith('BDC')) {
        const props = m[1] ?? '';
        const id = /\/MCID\s+(\d+)/.exec(props)?.[1];
        const actual = /\/ActualText\s*<([0-9a-fA-F]*)>/.exec(props)?.[1];
        stack.push({
          ...(id !== undefined ? { mcid: Number(id) } : {}),
          ...(actual !== undefined ? { actual } : {}),
        });
      } else if (m[0] === 'EMC') stack.pop();
      else if (m[2] !== undefined) font = fonts.get(m[2]);
      else if (codes !== undefined && mcid() !== undefined && font && !replaced()) {
        const key = `${pageIndex}:${mcid()}`;
        let text = out.get(key) ?? '';
        // One code is 2 bytes (Identity-H).
        for (let i = 0; i + 4 <= codes.length; i += 4) text += font.get(codes.slice(i, i + 4).toLowerCase()) ?? '';
        out.set(key, text);
      }
    }
  });
  return out;
}

/** Sets /Lang on the structure elements whose text is each run's, in order; returns how many were set. */
export function setStructureLanguages(doc: PDFDocument, runs: LangRun[]): number {
  if (!runs.length) return 0;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return 0;
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const marked = markedText(doc);
  // Every structure element in document order, with its text.
  const elements: Array<{ dict: PDFDict; text: string }> = [];
  const visit = (obj: PDFObject | undefined, page: number | undefined): string => {
    const o = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
    if (o instanceof PDFNumber) return marked.get(`${page}:${o.asNumber()}`) ?? '';
    if (o instanceof PDFArray)
      return o
        .asArray()
        .map((k) => visit(k, page))
        .join('');
    if (!(o instanceof PDFDict)) return '';
    const pg = o.get(PDFName.of('Pg'));
    const here = pg instanceof PDFRef ? (pageIndex.get(pg.toString()) ?? page) : page;
    const mcid = o.get(PDFName.of('MCID'));
    if (mcid instanceof PDFNumber) return marked.get(`${here}:${mcid.asNumber()}`) ?? '';
    if (o.get(PDFName.of('Type'))?.toString() === '/OBJR') return '';
    const entry = { dict: o, text: '' };
    const isElement = o.get(PDFName.of('S')) !== undefined;
    if (isElement) elements.push(entry);
    const text = visit(o.get(PDFName.of('K')), here);
    entry.text = norm(text);
    return text;
  };
  visit(root.get(PDFName.of('K')), undefined);
  let from = 0;
  let set = 0;
  for (const run of runs) {
    const want = norm(run.text);
    if (!want) continue;
    const i = elements.findIndex((e, j) => j >= from && e.text === want);
    if (i === -1) continue;
    elements[i]!.dict.set(PDFName.of('Lang'), PDFString.of(run.lang));
    from = i + 1;
    set++;
  }
  return set;
}
