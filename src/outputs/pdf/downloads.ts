// The PDFs of each language, as readers download them: the book to read on a screen or print at home
// (with its cover as page 1), and for a printer the interior (no cover, the page count a multiple
// of 4) and the cover sheet (back, spine and front, with bleed).
import { routes } from '../../shared/addresses.ts';
import type { Settings } from '../../model/schemas/settings.ts';
import type { Download } from '../contract.ts';

/** Where the PDF of `lang` is written, relative to the build folder and the site's base. */
export const pdfFile = (settings: Pick<Settings, 'id'>, lang: string): string =>
  routes.bookFile(settings.id, lang, 'pdf');

/** The interior for a printer. */
export const printInteriorFile = (settings: Pick<Settings, 'id'>, lang: string): string =>
  routes.bookFile(settings.id, lang, 'pdf', 'print-interior');

/** The print cover: back, spine and front on one sheet. */
export const printCoverFile = (settings: Pick<Settings, 'id'>, lang: string): string =>
  routes.bookFile(settings.id, lang, 'pdf', 'print-cover');

export function pdfDownloads(settings: Settings, lang: string): Download[] {
  const pdf = { lang, format: 'pdf', type: 'application/pdf' };
  return [
    // The label says the page size: a reader choosing what to print needs it.
    { ...pdf, path: pdfFile(settings, lang), label: `PDF ${settings.print.pageSize}` },
    {
      ...pdf,
      path: printInteriorFile(settings, lang),
      label: `PDF ${settings.print.pageSize}`,
      note: 'download.printInterior',
    },
    { ...pdf, path: printCoverFile(settings, lang), label: 'PDF', note: 'download.printCover' },
  ];
}
