// Which printed page each part of the print edition starts on, at paragraph granularity: the
// page map the PDF output writes beside the print edition (<lang>/print/page-map.json) once the
// final print is made, and that the EPUB output reads to place its page-break markers and page
// list, so that an EPUB reader can cite "p. 12" of the printed book. Pure: the PDF step gives the
// final print's destinations (where each marked block starts and, for a paragraph, ends).
import { z } from 'zod';

/** Where a page begins in the markup: before a block, or at the start of a part. */
export interface PageTarget {
  id: string;
  where: 'before' | 'start';
}

export interface PageMark {
  /** The number printed on the page (and its PDF page label): "iii", "12". */
  label: string;
  /** The part (data-part element id) the page begins in. */
  part: string;
  /**
   * The block that starts the page (or, when the page continues a paragraph, the block after
   * it), then the blocks after it in the part: a reader of the map takes the first it has
   * (the EPUB leaves some print-only blocks out). With none of them, the page begins at the
   * end of the part.
   */
  targets: PageTarget[];
}

export const pageMapSchema = z.object({
  lang: z.string(),
  pageCount: z.number().int().positive(),
  marks: z.array(
    z.object({
      label: z.string().min(1),
      part: z.string().min(1),
      targets: z.array(z.object({ id: z.string().min(1), where: z.enum(['before', 'start']) })),
    }),
  ),
});
export type PageMap = z.infer<typeof pageMapSchema>;

/** The page map's path in the build folder. */
export const pageMapFile = (lang: string) => `${lang}/print/page-map.json`;

/** A part or a block of it as the final print placed it (0-based page indexes). */
export interface PlacedEntry {
  part: string;
  id: string;
  /** The part's own element (its start), rather than a block inside it. */
  isPart: boolean;
  start: number;
  /** The page its last line is on (a paragraph across a page break); `start` otherwise. */
  end: number;
}

/** How many blocks after the first a mark names, for a reader that lacks some. */
const MORE_TARGETS = 6;

/**
 * One mark per printed page that has content, in page order. `entries` are in print order (each
 * part, then its blocks). A page on which nothing starts but a paragraph runs on is marked at the
 * next block (paragraph granularity); a page with neither (a blank page) has no mark.
 */
export function pageMarks(entries: PlacedEntry[], pageCount: number, label: (index: number) => string): PageMark[] {
  const marks: PageMark[] = [];
  for (let page = 0; page < pageCount; page++) {
    let i = entries.findIndex((e) => e.start === page);
    if (i < 0) {
      const runs = entries.findLastIndex((e) => e.start < page && e.end >= page);
      if (runs < 0) continue;
      i = runs + 1;
      const part = entries[runs]!.part;
      if (i >= entries.length || entries[i]!.part !== part) {
        marks.push({ label: label(page), part, targets: [] });
        continue;
      }
    }
    const first = entries[i]!;
    const targets: PageTarget[] = [];
    for (let k = i; k < entries.length && targets.length <= MORE_TARGETS; k++) {
      const e = entries[k]!;
      if (e.part !== first.part) break;
      targets.push({ id: e.id, where: e.isPart ? 'start' : 'before' });
    }
    marks.push({ label: label(page), part: first.part, targets });
  }
  return marks;
}
