// The print cover PDF of one language: the cover page of the print edition (/<lang>/print/cover/)
// given its size (the spine from the interior's page count and the paper's thickness, the bleed
// from the settings), printed by Chromium, then given exact boxes: MediaBox and BleedBox the whole
// sheet, TrimBox the sheet less the bleed.
import type { Browser } from 'playwright-core';
import type { Book } from '../../model/book.ts';
import { coverCss, coverSheet } from './cover.ts';
import { loadPrinted, producerOf, saveWithContentId, setMetadata } from './finish.ts';
import { pageGeometry } from '../../model/print/geometry.ts';
import { pdfMetadata } from './metadata.ts';
import { OVERSIZE } from '../../model/print/page-css.ts';
import { setPageBoxes } from './structure.ts';
import { CREATOR, openEdition } from './edition.ts';

export async function printCover(
  browser: Browser,
  url: string,
  book: Book,
  lang: string,
  interiorPages: number,
): Promise<Uint8Array> {
  const g = pageGeometry(book.settings.print);
  const { bleed, paperThickness } = book.settings.print;
  const sheet = coverSheet(g, interiorPages, paperThickness, bleed);
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const page = await openEdition(context.newPage(), url);
    await page.evaluate(
      async (css) => {
        const s = new CSSStyleSheet();
        s.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];
        await document.fonts.ready;
      },
      coverCss(sheet, OVERSIZE),
    );
    const doc = await loadPrinted(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false }));
    if (doc.getPageCount() !== 1) throw new Error(`the cover printed on ${doc.getPageCount()} pages, not one`);
    const meta = pdfMetadata(book.settings, lang, { creator: CREATOR, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH });
    setMetadata(doc, meta, producerOf(doc, 'pdf-lib'));
    // The sheet: the two covers and the spine side by side, trimmed to that, with bleed around.
    setPageBoxes(doc, { ...g, width: 2 * g.width + sheet.spine }, bleed);
    return await saveWithContentId(doc);
  } finally {
    await context.close();
  }
}
