// The print edition's page numbers in the EPUB: a page-break marker where each printed page
// begins (at paragraph granularity, from the PDF's page map: src/outputs/pdf/page-map.ts), for
// the navigation document's page-list and the NCX pageList, so that readers can cite "p. 12".
import type { PageMark } from '../pdf/page-map.ts';
import { attr, children, findAll, findFirst, hasClass, parseHtml, setAttr, type Element } from './xhtml.ts';

export interface PageBreak {
  label: string;
  /** The document (file name in the EPUB) and the marker's id: "episode-19.xhtml", "page-12". */
  file: string;
  id: string;
}

/** The id of a page's marker. */
export const pageBreakId = (label: string) => `page-${label}`;

/**
 * Gives the blocks of an episode or the about page the ids the PDF step gives them in the page
 * (layout/in-page.ts markBlocks: `<part id>-b<index>` for a block without one, the index among
 * the chapter header and the episode body's children, or the part's children), so that the page
 * map names blocks the EPUB has. Run on the print edition's part before anything is removed.
 */
export function markBlockIds(part: Element): void {
  const body = findFirst(part, (e) => hasClass(e, 'episode-body'));
  const header = findFirst(part, (e) => hasClass(e, 'chapter__header'));
  const blocks = body ? [...(header ? [header] : []), ...children(body)] : children(part);
  const id = attr(part, 'id');
  blocks.forEach((el, i) => {
    if (!attr(el, 'id')) setAttr(el, 'id', `${id}-b${i}`);
  });
}

/**
 * A page-break marker, named by its `title`: axe-core (4.13, as Ace by DAISY runs it) allows the
 * doc-pagebreak role on <hr> only, so it takes the span for an element without a role and calls
 * an aria-label on it prohibited; a title names the separator just as well (DAISY's pagebreak
 * rule accepts either) and the marker stays an empty inline that no reading system draws.
 */
function marker(label: string, parent: Element): Element {
  const doc = parseHtml(`<span role="doc-pagebreak" id="${pageBreakId(label)}" title="${label}"></span>`);
  const span = findFirst(doc, (e) => e.tagName === 'span')!;
  setAttr(span, 'epub:type', 'pagebreak');
  span.parentNode = parent;
  return span;
}

/**
 * Inserts a marker for each page of `marks` into the parts (their elements, already cleaned), in
 * page order; returns the page list. A mark's first target the EPUB has is where its page begins;
 * a mark with none begins at the end of its part; a mark of a part the EPUB leaves out (the
 * printed contents) is dropped. Markers never go backwards in the reading order (a panel the
 * make-up moved after a paragraph): a page that would begin before the previous page's marker
 * begins at it.
 */
export function insertPageBreaks(
  parts: Array<{ file: string; el: Element }>,
  marks: PageMark[],
  fail: (message: string) => never,
): PageBreak[] {
  // Every element's place in the reading order, and where each part's elements are.
  const order = new Map<Element, number>();
  const partOf = new Map<string, { file: string; el: Element }>();
  const byId = new Map<string, Element>();
  let n = 0;
  for (const p of parts) {
    const id = attr(p.el, 'id');
    if (id) partOf.set(id, p);
    for (const e of [p.el, ...findAll(p.el, () => true)]) {
      order.set(e, n++);
      const eid = attr(e, 'id');
      if (eid && !byId.has(eid)) byId.set(eid, e);
    }
  }
  const breaks: PageBreak[] = [];
  let last: { span: Element; at: number; file: string } | undefined;
  const seen = new Set<string>();
  for (const mark of marks) {
    const part = partOf.get(mark.part);
    if (!part) continue;
    if (seen.has(mark.label)) fail(`the page map gives page ${mark.label} twice.`);
    seen.add(mark.label);
    const target = mark.targets.find((t) => byId.has(t.id) && isInside(byId.get(t.id)!, part.el));
    const el = target && byId.get(target.id)!;
    // Its place: before the target, just inside the part's start, or at the part's end.
    const at = el ? order.get(el)! - (target.where === 'before' ? 0.5 : -0.5) : endOf(part.el, order) + 0.5;
    let span: Element;
    let file = part.file;
    if (last && at < last.at) {
      span = insertAfter(last.span, mark.label);
      file = last.file;
    } else if (!el) {
      span = marker(mark.label, part.el);
      part.el.childNodes.push(span);
    } else if (target.where === 'start') {
      span = marker(mark.label, el);
      el.childNodes.unshift(span);
    } else {
      const parent = el.parentNode as Element;
      span = marker(mark.label, parent);
      parent.childNodes.splice(parent.childNodes.indexOf(el), 0, span);
    }
    last = { span, at: Math.max(at, last?.at ?? at), file };
    breaks.push({ label: mark.label, file, id: pageBreakId(mark.label) });
  }
  return breaks;
}

function isInside(el: Element, ancestor: Element): boolean {
  for (let e: Element | null = el; e; e = (e.parentNode as Element | null) ?? null) if (e === ancestor) return true;
  return false;
}

function endOf(el: Element, order: Map<Element, number>): number {
  const all = findAll(el, () => true);
  return order.get(all[all.length - 1] ?? el)!;
}

function insertAfter(previous: Element, label: string): Element {
  const parent = previous.parentNode as Element;
  const span = marker(label, parent);
  parent.childNodes.splice(parent.childNodes.indexOf(previous) + 1, 0, span);
  return span;
}
