// The EPUB of each language, as readers download it.
import { routes } from '../../shared/addresses.ts';
import type { Download } from '../contract.ts';
import type { Settings } from '../../model/schemas/settings.ts';

/** Where the EPUB of `lang` is written, relative to the build folder and the site's base. */
export const epubFile = (settings: Pick<Settings, 'id'>, lang: string): string =>
  routes.bookFile(settings.id, lang, 'epub');

export function epubDownloads(settings: Settings, lang: string): Download[] {
  return [{ lang, format: 'epub', path: epubFile(settings, lang), type: 'application/epub+zip', label: 'EPUB' }];
}
