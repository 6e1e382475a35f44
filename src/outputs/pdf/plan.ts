// Print twice: the first print tells on which page every part of the book starts; from that,
// plan the second print — blank pages so that the title page, the contents and every episode
// open on a right-hand page, page numbers that start at 1 on the first episode, the numbers in
// the contents, the page labels and the bookmarks. Pure functions, unit-tested.

export interface Part {
  /** The element's id in the print edition. */
  id: string;
  /** The bookmark's title. */
  label: string;
  /** front: before the episodes (roman numbers); body: the episodes and what follows them. */
  matter: 'front' | 'body';
  /** Must start on a right-hand (odd-numbered) page. */
  recto: boolean;
}

export interface PlacedPart extends Part {
  /** 0-based index of the part's first page in the PDF. */
  page: number;
}

export interface PagePlan {
  /** Ids of the parts that get a blank page before them. */
  blanks: string[];
  /** Where each part will start once the blank pages are in: 0-based page index. */
  starts: Map<string, number>;
  /** 0-based index of the first body page (page "1"). */
  firstBodyPage: number;
  /** Pages in the second print. */
  pageCount: number;
}

/**
 * Plans the blank pages. `placed` are the parts in document order with where the first print put
 * them; `pageCount` is the first print's page count. A blank page shifts everything after it by
 * one page without changing how any part is laid out (left and right pages have the same text
 * width), so one pass is enough; the second print is checked against this plan anyway.
 */
export function planPages(placed: PlacedPart[], pageCount: number): PagePlan {
  const blanks: string[] = [];
  const starts = new Map<string, number>();
  let shift = 0;
  let previous = -1;
  for (const part of placed) {
    if (part.page < previous)
      throw new Error(
        `the parts of the print edition are out of order: "${part.id}" starts on page ${part.page + 1}, before the part above it`,
      );
    previous = part.page;
    let page = part.page + shift;
    // 0-based even indexes are right-hand pages (page 1 is a right-hand page).
    if (part.recto && page % 2 === 1) {
      blanks.push(part.id);
      shift++;
      page++;
    }
    starts.set(part.id, page);
  }
  const body = placed.find((p) => p.matter === 'body');
  if (!body) throw new Error('the print edition has no episodes: nothing to number from page 1');
  return { blanks, starts, firstBodyPage: starts.get(body.id)!, pageCount: pageCount + shift };
}

/** The number printed on (and labelling) 0-based page `index`: roman before the body. */
export function folio(index: number, firstBodyPage: number): string {
  return index >= firstBodyPage ? String(index - firstBodyPage + 1) : roman(index + 1);
}

export function roman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`no roman numeral for ${n}`);
  const table: Array<[number, string]> = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

/** Page label ranges (PDF /PageLabels): roman from the first page, arabic from the first episode. */
export function pageLabelRanges(firstBodyPage: number): Array<{ start: number; style: 'r' | 'D'; first: number }> {
  const ranges: Array<{ start: number; style: 'r' | 'D'; first: number }> = [];
  if (firstBodyPage > 0) ranges.push({ start: 0, style: 'r', first: 1 });
  ranges.push({ start: firstBodyPage, style: 'D', first: 1 });
  return ranges;
}

/** Differences between where the plan put the parts and where the second print put them. */
export function planMismatches(plan: PagePlan, printed: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [id, page] of plan.starts) {
    const got = printed.get(id);
    if (got !== page)
      out.push(
        `"${id}" was planned on page ${page + 1} but printed on ${got === undefined ? 'no page' : `page ${got + 1}`}`,
      );
  }
  return out;
}

/**
 * The running head of every page (0-based index → text, "" for none): none in the front matter,
 * on a part's opening page or on a blank page; the book's title on left-hand pages, the part's
 * title on right-hand pages. `titles` gives each part's head, by id.
 */
export function runningHeads(
  plan: PagePlan,
  titles: ReadonlyMap<string, string>,
  bookTitle: string,
  blankPages: ReadonlySet<number> = new Set(),
): string[] {
  const starts = [...plan.starts].sort((a, b) => a[1] - b[1]);
  const openers = new Set(starts.map(([, page]) => page));
  const blanks = new Set([...plan.blanks.map((id) => plan.starts.get(id)! - 1), ...blankPages]);
  return Array.from({ length: plan.pageCount }, (_, i) => {
    if (i < plan.firstBodyPage || openers.has(i) || blanks.has(i)) return '';
    if (i % 2 === 1) return bookTitle;
    let id: string | undefined;
    for (const [part, page] of starts) if (page <= i) id = part;
    return (id && titles.get(id)) ?? '';
  });
}

/** Blank pages to add at the end so that a printer gets a page count that is a multiple of 4. */
export function padding(pageCount: number, multiple = 4): number {
  return (multiple - (pageCount % multiple)) % multiple;
}
