// The print cover: one sheet with the back cover, the spine and the front cover, plus bleed all
// round, as a printer asks for it. Its spine is as wide as the interior is thick: the number of
// leaves (two pages each) times the paper's thickness (settings print.paperThickness, mm).
import type { PageGeometry } from '../../model/print/geometry.ts';

export interface CoverSheet {
  /** Millimetres: the whole sheet, bleed included. */
  width: number;
  height: number;
  spine: number;
  bleed: number;
  /** The trimmed size of one cover (front or back). */
  page: { width: number; height: number };
}

/** Spine text only where it can be read and printed without drifting onto a cover. */
export const MIN_SPINE_TEXT = 6;

export function coverSheet(g: PageGeometry, interiorPages: number, paperThickness: number, bleed: number): CoverSheet {
  if (!Number.isInteger(interiorPages) || interiorPages < 1)
    throw new RangeError(`no cover for ${interiorPages} pages`);
  const spine = Math.round(Math.ceil(interiorPages / 2) * paperThickness * 100) / 100;
  return {
    width: 2 * g.width + spine + 2 * bleed,
    height: g.height + 2 * bleed,
    spine,
    bleed,
    page: { width: g.width, height: g.height },
  };
}

/** The page rules and sizes given to the cover page at print time (see print-cover.css). */
export function coverCss(sheet: CoverSheet, oversize: number): string {
  const mm = (n: number) => `${+n.toFixed(3)}mm`;
  return [
    `@page { size: ${mm(sheet.width + oversize)} ${mm(sheet.height + oversize)}; margin: 0; }`,
    `:root { --bleed: ${mm(sheet.bleed)}; --spine: ${mm(sheet.spine)}; --cover-width: ${mm(sheet.page.width)}; --cover-height: ${mm(sheet.page.height)}; --sheet-width: ${mm(sheet.width)}; --sheet-height: ${mm(sheet.height)}; }`,
    sheet.spine >= MIN_SPINE_TEXT ? '' : '.print-cover__spine-text { display: none; }',
  ].join('\n');
}
