// Reads the output of poppler's `pdftotext -bbox-layout` (XHTML: page › flow › block › line ›
// word, each with its box in PDF points, origin at the top left) into plain data. The measuring
// tools (scripts/measure-pdf.ts) work on this, so they judge any PDF the same way: ours, and the
// XeLaTeX and WeasyPrint yardsticks.

export interface Word {
  text: string;
  xMin: number;
  xMax: number;
  /** Which of poppler's lines the word came from, when pieces of one line were joined. */
  seg?: number;
}

export interface Line {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** Index of poppler's block on the page (its guess at a paragraph). */
  block: number;
  words: Word[];
}

export interface TextPage {
  /** 1-based physical page number. */
  number: number;
  width: number;
  height: number;
  lines: Line[];
}

const ATTR = /(\w+)="([^"]*)"/g;
const attrs = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(ATTR)].map((m) => [m[1]!, m[2]!]));
const num = (a: Record<string, string>, k: string): number => {
  const v = Number(a[k]);
  if (!Number.isFinite(v)) throw new Error(`pdftotext -bbox-layout: a box without a numeric ${k}`);
  return v;
};
const entities = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

/** Parses `pdftotext -bbox-layout` output. Lines come in poppler's reading order. */
export function parseBboxLayout(xhtml: string): TextPage[] {
  const pages: TextPage[] = [];
  const TOKEN = /<(page|block|line|word)\b([^>]*)>|<\/(line)>/g;
  let page: TextPage | undefined;
  let line: Line | undefined;
  let block = -1;
  for (const m of xhtml.matchAll(TOKEN)) {
    const [, tag, rest, close] = m;
    if (close) {
      if (line && page && line.words.length) page.lines.push(line);
      line = undefined;
      continue;
    }
    const a = attrs(rest ?? '');
    if (tag === 'page') {
      page = { number: pages.length + 1, width: num(a, 'width'), height: num(a, 'height'), lines: [] };
      pages.push(page);
      block = -1;
    } else if (tag === 'block') block++;
    else if (tag === 'line')
      line = {
        xMin: num(a, 'xMin'),
        yMin: num(a, 'yMin'),
        xMax: num(a, 'xMax'),
        yMax: num(a, 'yMax'),
        block,
        words: [],
      };
    else if (tag === 'word' && line) {
      const end = xhtml.indexOf('</word>', m.index);
      const text = entities(xhtml.slice(m.index + m[0].length, end));
      line.words.push({ text, xMin: num(a, 'xMin'), xMax: num(a, 'xMax') });
    }
  }
  return pages;
}
