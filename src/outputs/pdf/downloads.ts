// The PDF of each language, as readers download it.
import { routes } from '../../shared/addresses.ts';
import type { Download } from '../contract.ts';
import type { Settings } from '../../model/schemas/settings.ts';

/** Where the PDF of `lang` is written, relative to the build folder and the site's base. */
export const pdfFile = (settings: Pick<Settings, 'id'>, lang: string): string =>
  routes.bookFile(settings.id, lang, 'pdf');

export function pdfDownloads(settings: Settings, lang: string): Download[] {
  // The label says the page size: a reader choosing what to print needs it.
  return [
    {
      lang,
      format: 'pdf',
      path: pdfFile(settings, lang),
      type: 'application/pdf',
      label: `PDF ${settings.print.pageSize}`,
    },
  ];
}
