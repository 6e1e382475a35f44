import type { Settings } from '../schemas/settings.ts';
// The printed page: its size and margins, from the book's `print` settings. Margins are those of
// a bound book: wider on the inner (binding) side, room at the foot for the page number. The
// defaults scale with the page, so that any size keeps the proportions of the A5 design.

export type PageSize = Settings['print']['pageSize'];

/** Width × height in millimetres. */
export const PAGE_DIMENSIONS: Record<PageSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A5: { width: 148, height: 210 },
  A6: { width: 105, height: 148 },
  B5: { width: 176, height: 250 },
  letter: { width: 215.9, height: 279.4 },
  'us-trade': { width: 152.4, height: 228.6 },
};

export interface PageGeometry {
  size: PageSize;
  /** Millimetres. */
  width: number;
  height: number;
  margins: { top: number; bottom: number; inner: number; outer: number };
}

const round = (mm: number) => Math.round(mm * 2) / 2;

export function pageGeometry(print: Pick<Settings['print'], 'pageSize' | 'margins'>): PageGeometry {
  const { width, height } = PAGE_DIMENSIONS[print.pageSize];
  const m = print.margins ?? {};
  return {
    size: print.pageSize,
    width,
    height,
    margins: {
      top: m.top ?? round(height * 0.075),
      bottom: m.bottom ?? round(height * 0.095),
      inner: m.inner ?? round(width * 0.125),
      outer: m.outer ?? round(width * 0.09),
    },
  };
}

/** PDF points (1/72 inch) from millimetres. */
export function mmToPt(mm: number): number {
  return (mm * 72) / 25.4;
}

/** The size of the text area, which panels must fit in whole. */
export function textArea(g: PageGeometry): { width: number; height: number } {
  return { width: g.width - g.margins.inner - g.margins.outer, height: g.height - g.margins.top - g.margins.bottom };
}
