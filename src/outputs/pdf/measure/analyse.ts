// The measures a typographer takes of a printed book, computed from the lines of a PDF (bbox.ts)
// and from where its pages have ink (a low-resolution render). Pure functions: the same measures
// for any PDF, whoever typeset it, so that our PDF is compared like with like with XeLaTeX's and
// WeasyPrint's (scripts/measure-pdf.ts).
//
// Definitions (also in docs/architecture.md, "Measuring the PDF"):
// - text block: where the body text may go on a page, from the page size and margins (left and
//   right-hand pages mirror the inner and outer margins).
// - full line: a body line that runs from the left edge (or its paragraph indent) to the right
//   edge of the text block: a justified line. Its word spaces are the gaps between poppler's words.
// - loose line: a full line with a word space wider than 1.5× the median word space of its page
//   (lines taller than 1.25× the page's median line, headings, are not counted).
// - widow: a paragraph's last line alone at the top of a page; orphan: a paragraph's first line
//   alone at the foot of a page. A paragraph starts with an indented line, or below a gap (after
//   a heading or a panel, where it is not indented), never with a small letter.
// - blank share: the part of the text block's height below the last ink on a page.
import type { Line, TextPage } from './bbox.ts';

export interface TextBlock {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where a page has ink inside its text block (points from the top), or null if none. */
export interface Ink {
  top: number;
  bottom: number;
}

export interface Part {
  label: string;
  /** 1-based first page. */
  page: number;
}

export interface BookGeometry {
  /** Points. */
  width: number;
  height: number;
  margins: { top: number; bottom: number; inner: number; outer: number };
}

/** The text block of 1-based page `n` (odd pages are right-hand pages: inner margin on the left). */
export function textBlock(g: BookGeometry, n: number): TextBlock {
  const recto = n % 2 === 1;
  const left = recto ? g.margins.inner : g.margins.outer;
  const right = g.width - (recto ? g.margins.outer : g.margins.inner);
  return { left, right, top: g.margins.top, bottom: g.height - g.margins.bottom };
}

const TOL = 2;

/** Lines of text inside the text block, top to bottom; the 1px invisible transcripts left out.
 * Pieces that poppler split off one line (an emoji sits on its own baseline) are joined again. */
export function bodyLines(page: TextPage, block: TextBlock): Line[] {
  const lines = page.lines
    .filter(
      (l) =>
        l.yMax - l.yMin >= 5 &&
        l.yMin >= block.top - TOL &&
        l.yMax <= block.bottom + TOL &&
        l.xMin >= block.left - TOL &&
        l.xMax <= block.right + TOL,
    )
    .sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
  const out: Line[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    const overlap = prev ? Math.min(prev.yMax, l.yMax) - Math.max(prev.yMin, l.yMin) : 0;
    if (prev && overlap > 0.5 * Math.min(prev.yMax - prev.yMin, l.yMax - l.yMin)) {
      out[out.length - 1] = {
        xMin: Math.min(prev.xMin, l.xMin),
        xMax: Math.max(prev.xMax, l.xMax),
        yMin: Math.min(prev.yMin, l.yMin),
        yMax: Math.max(prev.yMax, l.yMax),
        block: prev.block,
        words: [...prev.words, ...l.words.map((w) => ({ ...w, seg: (prev.words.at(-1)?.seg ?? 0) + 1 }))].sort(
          (a, b) => a.xMin - b.xMin,
        ),
      };
    } else out.push(l);
  }
  return out;
}

export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The gaps between consecutive words of a line (points). */
export function wordSpaces(line: Line): number[] {
  const out: number[] = [];
  for (let i = 1; i < line.words.length; i++) {
    const a = line.words[i - 1]!;
    const b = line.words[i]!;
    // Between two pieces of a line that poppler split, a gap as wide as the line is high holds
    // something else than a space (an emoji, which is no text to poppler).
    const gap = b.xMin - a.xMax;
    if ((a.seg ?? 0) === (b.seg ?? 0) || gap < line.yMax - line.yMin) out.push(gap);
  }
  return out;
}

/** A line that reaches the right edge of the text block: justified, not a paragraph's end. */
export function isFull(line: Line, block: TextBlock): boolean {
  return line.words.length >= 3 && line.xMax >= block.right - 1.5 && line.xMin <= block.left + 30;
}

export interface LooseLine {
  page: number;
  ratio: number;
  text: string;
}

export interface SpacingFigures {
  fullLines: number;
  /** Lines that stick out of the text block on the right (TeX's overfull lines). */
  overfull: number;
  /** Short lines inside a paragraph (the next line goes on with a small letter): set ragged. */
  ragged: number;
  /** Full lines with a word space > 1.5× their page's median space. */
  loose: number;
  /** Full lines with a word space > 2× their page's median space. */
  veryLoose: number;
  /** loose / fullLines. */
  share: number;
  worst?: LooseLine;
  /** The loosest lines, worst first (at most 10). */
  loosest: LooseLine[];
}

export function spacing(pages: TextPage[], g: BookGeometry): SpacingFigures {
  let fullLines = 0;
  let loose = 0;
  let veryLoose = 0;
  let overfull = 0;
  let ragged = 0;
  const all: LooseLine[] = [];
  for (const page of pages) {
    const block = textBlock(g, page.number);
    overfull += page.lines.filter(
      (l) =>
        l.yMax - l.yMin >= 5 &&
        l.yMin >= block.top - TOL &&
        l.yMax <= block.bottom + TOL &&
        l.xMin >= block.left - TOL &&
        l.xMin < block.right &&
        l.xMax > block.right + 1,
    ).length;
    const lines = bodyLines(page, block);
    for (let i = 0; i + 1 < lines.length; i++) {
      const l = lines[i]!;
      const next = lines[i + 1]!;
      if (
        !isFull(l, block) &&
        l.words.length >= 3 &&
        next.yMin - l.yMax < 8 &&
        next.xMin <= block.left + 3 &&
        /^\p{Ll}/u.test(next.words[0]?.text ?? '')
      )
        ragged++;
    }
    // A heading that happens to run the block's width is display type, not a justified line: its
    // spaces are wider because its letters are (an opener's bold title read as 2.2×).
    const bodyHeight = median(lines.map((l) => l.yMax - l.yMin));
    const full = lines.filter((l) => isFull(l, block) && l.yMax - l.yMin <= 1.25 * bodyHeight);
    // The page's median space: over every line of body text, justified or not.
    const spaces = lines.flatMap(wordSpaces).filter((s) => s > 0.3);
    if (spaces.length < 5) continue;
    const m = median(spaces);
    for (const l of full) {
      const gaps = wordSpaces(l);
      if (!gaps.length) continue;
      const widest = Math.max(...gaps);
      const ratio = widest / m;
      fullLines++;
      if (ratio > 1.5) loose++;
      if (ratio > 2) veryLoose++;
      all.push({ page: page.number, ratio, text: l.words.map((w) => w.text).join(' ') });
    }
  }
  all.sort((a, b) => b.ratio - a.ratio);
  return {
    fullLines,
    overfull,
    ragged,
    loose,
    veryLoose,
    share: fullLines ? loose / fullLines : 0,
    worst: all[0],
    loosest: all.slice(0, 10).filter((l) => l.ratio > 1.5),
  };
}

/** The height of one body line: the most common line pitch (baseline to baseline) in the book. */
export function linePitch(pages: TextPage[], g: BookGeometry): number {
  const counts = new Map<number, number>();
  for (const page of pages) {
    const lines = bodyLines(page, textBlock(g, page.number));
    for (let i = 1; i < lines.length; i++) {
      const d = Math.round((lines[i]!.yMax - lines[i - 1]!.yMax) * 4) / 4;
      if (d > 4 && d < 40) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  let best = 14;
  let n = 0;
  for (const [d, c] of counts)
    if (c > n) {
      best = d;
      n = c;
    }
  return best;
}

export interface Break {
  /** The page the line is alone on (1-based). */
  page: number;
  text: string;
}

interface Pair {
  page: number;
  /** Lines of the page, and whether text runs on from the page before / to the page after. */
  lines: Line[];
}

/**
 * Widows and orphans between consecutive pages of the same part. Text runs on from page p to page
 * p + 1 when p's last ink is a full line (no panel below it) and p + 1's first ink is a line that
 * is not indented (no panel or heading above it). Then a widow is p + 1's first line ending the
 * paragraph (short, followed by a new paragraph or nothing); an orphan is p's last line starting one
 * (indented, or below a short line, or below a gap).
 */
export function widowsAndOrphans(
  pages: TextPage[],
  ink: Array<Ink | null>,
  g: BookGeometry,
  sameFlow: (page: number) => boolean,
): { widows: Break[]; orphans: Break[] } {
  const pitch = linePitch(pages, g);
  const widows: Break[] = [];
  const orphans: Break[] = [];
  const text = (l: Line) => l.words.map((w) => w.text).join(' ');
  const info: Pair[] = pages.map((p) => ({ page: p.number, lines: bodyLines(p, textBlock(g, p.number)) }));
  const indented = (l: Line, b: TextBlock) => l.xMin > b.left + 3;
  const short = (l: Line, b: TextBlock) => l.xMax < b.right - 3;
  const startsParagraph = (lines: Line[], i: number, b: TextBlock) => {
    const l = lines[i]!;
    const prev = lines[i - 1];
    // A line that starts with a small letter goes on from the line above (which may have been
    // set ragged, and so looks like a paragraph's end).
    if (/^\p{Ll}/u.test(l.words[0]?.text ?? '')) return false;
    // Paragraphs are indented, except after a heading or a panel, which leave a gap above.
    if (indented(l, b)) return true;
    return !prev || l.yMin - prev.yMax > pitch * 0.6;
  };
  for (let i = 0; i + 1 < info.length; i++) {
    const a = info[i]!;
    const b = info[i + 1]!;
    if (!sameFlow(a.page) || !a.lines.length || !b.lines.length) continue;
    const ba = textBlock(g, a.page);
    const bb = textBlock(g, b.page);
    const last = a.lines[a.lines.length - 1]!;
    const first = b.lines[0]!;
    const inkA = ink[i];
    const inkB = ink[i + 1];
    // Something other than text below a's last line, or above b's first: no run-on.
    if (inkA && inkA.bottom - last.yMax > pitch * 0.5) continue;
    if (inkB && first.yMin - inkB.top > pitch * 0.5) continue;
    if (short(last, ba) || indented(first, bb)) continue;
    const next = b.lines[1];
    if (short(first, bb) && (!next || startsParagraph(b.lines, 1, bb)))
      widows.push({ page: b.page, text: text(first) });
    if (startsParagraph(a.lines, a.lines.length - 1, ba)) orphans.push({ page: a.page, text: text(last) });
  }
  return { widows, orphans };
}

/** The share of the text block's height left empty below the last ink of the page. */
export function blankShare(ink: Ink | null, block: TextBlock): number {
  const h = block.bottom - block.top;
  if (!ink) return 1;
  return Math.max(0, Math.min(1, (block.bottom - ink.bottom) / h));
}

/**
 * Where a page has ink inside the text block, from a grey render (one byte a pixel, `scale`
 * pixels a point): the first and last rows with a pixel darker than `threshold`.
 */
export function inkExtent(
  gray: Uint8Array,
  width: number,
  height: number,
  scale: number,
  block: TextBlock,
  threshold = 200,
): Ink | null {
  const x0 = Math.max(0, Math.floor(block.left * scale));
  const x1 = Math.min(width, Math.ceil(block.right * scale));
  const y0 = Math.max(0, Math.floor((block.top - TOL) * scale));
  const y1 = Math.min(height, Math.ceil((block.bottom + TOL) * scale));
  let top = -1;
  let bottom = -1;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) {
      if (gray[row + x]! < threshold) {
        if (top < 0) top = y;
        bottom = y;
        break;
      }
    }
  }
  return top < 0 ? null : { top: top / scale, bottom: (bottom + 1) / scale };
}

export interface PartFigures {
  label: string;
  first: number;
  last: number;
  /** Mid-part pages (not the part's last page) and their blank share. */
  blanks: Array<{ page: number; share: number }>;
  /** Lines on the part's last page: its text lines, or its ink's height in lines if more (a panel). */
  lastPageLines: number;
  /** The part's first page has text in the top margin (a running head). */
  headOnOpener: boolean;
}

/**
 * Per part (`parts` in page order; `body` the ones to judge): its pages, the blank share of every
 * page but its last, how full its last page is, whether its opening page carries a running head.
 * A part's pages run to the page before the next part, less the blank pages at its end.
 */
export function partFigures(
  pages: TextPage[],
  ink: Array<Ink | null>,
  g: BookGeometry,
  parts: Part[],
  end = pages.length,
): PartFigures[] {
  const pitch = linePitch(pages, g);
  return parts.map((part, i) => {
    let last = (parts[i + 1]?.page ?? end + 1) - 1;
    while (last > part.page && !ink[last - 1]) last--;
    const blanks: Array<{ page: number; share: number }> = [];
    for (let p = part.page; p < last; p++)
      blanks.push({ page: p, share: blankShare(ink[p - 1] ?? null, textBlock(g, p)) });
    const lastInk = ink[last - 1];
    const opener = pages[part.page - 1];
    const block = textBlock(g, part.page);
    // Ink of n lines is (n - 1) pitches and one line's ink, under n pitches: lines are counted too
    // (text in the text block, not the 1 px transcripts under panels).
    const endBlock = textBlock(g, last);
    const textLines =
      pages[last - 1]?.lines.filter(
        (l) => l.yMin >= endBlock.top - 1 && l.yMax <= endBlock.bottom + 1 && l.yMax - l.yMin >= 5,
      ).length ?? 0;
    return {
      label: part.label,
      first: part.page,
      last,
      blanks,
      lastPageLines: Math.max(textLines, lastInk ? (lastInk.bottom - lastInk.top) / pitch : 0),
      headOnOpener: !!opener?.lines.some((l) => l.yMax < block.top - 1 && l.yMax - l.yMin >= 5),
    };
  });
}
