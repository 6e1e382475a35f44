// The CBZ of each language, as readers download it: the cover and every panel, for comic readers.
import { routes } from '../../shared/addresses.ts';
import type { Download } from '../contract.ts';
import type { Settings } from '../../model/schemas/settings.ts';

/** Where the CBZ of `lang` is written, relative to the build folder and the site's base. */
export const cbzFile = (settings: Pick<Settings, 'id'>, lang: string): string =>
  routes.bookFile(settings.id, lang, 'cbz');

export function cbzDownloads(settings: Settings, lang: string): Download[] {
  return [
    {
      lang,
      format: 'cbz',
      path: cbzFile(settings, lang),
      type: 'application/vnd.comicbook+zip',
      label: 'CBZ',
      detail: 'download.cbz',
    },
  ];
}
