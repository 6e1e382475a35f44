// The EPUBs of each language, as readers download them: the EPUB (SVG panels, for tablets, phones
// and computers) and the e-ink EPUB (PNG panels, for e-ink readers and Kindle conversion).
import { routes } from '../../shared/addresses.ts';
import type { Download } from '../contract.ts';
import type { Settings } from '../../model/schemas/settings.ts';

/** The EPUB's two flavours: `standard` shows the panels as SVG, `eink` as PNG (src/images/render.ts). */
export type EpubFlavour = 'standard' | 'eink';
export const EPUB_FLAVOURS: readonly EpubFlavour[] = ['standard', 'eink'];

/** Where the EPUB of `lang` is written, relative to the build folder and the site's base. */
export const epubFile = (settings: Pick<Settings, 'id'>, lang: string, flavour: EpubFlavour = 'standard'): string =>
  routes.bookFile(settings.id, lang, 'epub', flavour === 'standard' ? undefined : flavour);

export function epubDownloads(settings: Settings, lang: string): Download[] {
  const epub = { lang, format: 'epub', type: 'application/epub+zip' };
  return [
    { ...epub, path: epubFile(settings, lang), label: 'EPUB' },
    { ...epub, path: epubFile(settings, lang, 'eink'), label: 'EPUB', detail: 'download.eink' },
  ];
}
