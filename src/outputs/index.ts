// The outputs of the build, in the order scripts/build.ts runs them: each one reads the book and
// what the outputs before it wrote into the build folder (the search index and the EPUB read the
// built pages; the PDF prints the built print edition, and the EPUB takes its page numbers from it). Once all have run, the build fills in the
// size of every download on every page (src/outputs/downloads.ts), then swaps the folder in.
//
// Adding an output: a folder src/outputs/<id>/ whose index.ts exports `run` (see contract.ts), and
// one entry below (with `downloads` when readers download what it makes).
import { languageCodes } from '../model/settings.ts';
import type { Download, OutputEntry } from './contract.ts';
import { epubDownloads } from './epub/downloads.ts';
import { cbzDownloads } from './cbz/downloads.ts';
import { pdfDownloads } from './pdf/downloads.ts';
import type { Book } from '../model/book.ts';

export const OUTPUTS: readonly OutputEntry[] = [
  { id: 'site', label: 'site', load: () => import('./site/index.ts') },
  { id: 'search', label: 'search index', load: () => import('./search/index.ts') },
  // Soft hyphens into the print editions, which the EPUBs and PDFs are made from.
  { id: 'hyphenation', label: 'hyphenation', load: () => import('./hyphenation/index.ts') },
  // Before the EPUBs: the final print's page map (pdf/page-map.ts) gives them their page list.
  { id: 'pdf', label: 'PDFs', downloads: pdfDownloads, offerOrder: 1, load: () => import('./pdf/index.ts') },
  { id: 'epub', label: 'EPUBs', downloads: epubDownloads, load: () => import('./epub/index.ts') },
  // Pictures only, for comic readers: the cover and the panels of the print edition, as the EPUB cuts it.
  {
    id: 'cbz',
    label: 'CBZs',
    downloads: cbzDownloads,
    skip: (book) => (book.episodes.some((e) => e.panels.length) ? undefined : 'the book has no panels'),
    load: () => import('./cbz/index.ts'),
  },
];

/**
 * Every download of the book: the page's language first, then the book's order; by output within a
 * language. Files with a note (the printer's PDFs) are offered in the page's language only.
 */
export function downloads(book: Pick<Book, 'settings' | 'episodes'>, pageLang: string): Download[] {
  const { settings } = book;
  const langs = languageCodes(settings);
  const ordered = [pageLang, ...langs.filter((l) => l !== pageLang)].filter((l) => langs.includes(l));
  const made = OUTPUTS.filter((o) => !o.skip?.(book)).sort((a, b) => (a.offerOrder ?? 0) - (b.offerOrder ?? 0));
  return ordered.flatMap((lang) =>
    made.flatMap((o) => o.downloads?.(settings, lang) ?? []).filter((d) => lang === pageLang || !d.note),
  );
}
