// The book as Astro sees it: loaded once per Astro process and shared by astro.config.mjs, the
// integration and every page. Astro bundles the configuration and the pages apart, so the one
// loaded copy is kept on globalThis rather than in this module. In `npm run dev` the integration
// forgets it when content/ changes, and the next page loads the book again.
import { ContentError } from '../model/errors.ts';
import { loadBook, parseMemo, type Book, type ParseMemo } from '../model/book.ts';
import { bookOptions } from '../model/options.ts';
import { loadSettings } from '../model/settings.ts';
import { readManifest, type ImageManifest } from '../model/image-manifest.ts';
import type { Settings } from '../model/schemas/settings.ts';
import { readFontManifest, type FontManifest } from '../fonts/make.ts';

export type SiteBook = Book & { images: ImageManifest; fonts: FontManifest };

declare global {
  /** The loaded book of this process (or why it could not be loaded). */
  var planchesBook: { book: Book } | { error: unknown } | undefined;
  /** The book with its images, as pages get it. */
  var planchesSiteBook: Promise<SiteBook> | undefined;
  /** The episodes' parsed texts, kept when the book is forgotten: a reload parses only what changed. */
  var planchesParsed: ParseMemo | undefined;
}

/** Shown by Astro's error overlay in `npm run dev`: the author's problem, without a stack. */
class ContentProblemsError extends Error {
  constructor(message: string) {
    super(`The book has problems to fix:\n\n${message}`);
    this.name = 'ContentError';
    this.stack = this.message;
  }
}

/** The book, validated; throws its ContentError (every problem found) when it has problems. */
export function loadedBook(): Book {
  if (!globalThis.planchesBook) {
    const options = bookOptions();
    try {
      globalThis.planchesParsed ??= parseMemo();
      globalThis.planchesBook = { book: loadBook(options.bookRoot, { ...options, parsed: globalThis.planchesParsed }) };
    } catch (error) {
      globalThis.planchesBook = { error };
    }
  }
  const loaded = globalThis.planchesBook;
  if ('error' in loaded) throw loaded.error;
  return loaded.book;
}

/**
 * The settings astro.config.mjs needs (the site's address and base path): the loaded book's. When
 * the book has problems, book.yaml alone is read, so that `npm run dev` starts and shows the
 * problems in the browser (a build never gets here with problems: scripts/build.ts checked first).
 */
export function siteSettings(): Settings {
  try {
    return loadedBook().settings;
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    const options = bookOptions();
    return loadSettings(options.bookRoot, options);
  }
}

/** The book and its image manifest, for the pages. */
export function getBook(): Promise<SiteBook> {
  globalThis.planchesSiteBook ??= withImages();
  return globalThis.planchesSiteBook;
}

async function withImages(): Promise<SiteBook> {
  let book: Book;
  try {
    book = loadedBook();
  } catch (e) {
    throw e instanceof ContentError ? new ContentProblemsError(e.message) : e;
  }
  // A build reads what its images step made; `npm run dev` draws them here (from the cache when
  // nothing changed), since it has no images step.
  if (!import.meta.env.DEV) return { ...book, images: readManifest(book.root), fonts: readFontManifest(book.root) };
  const { renderPanels } = await import('../images/render.ts');
  const { PANEL_CACHE_DIR } = await import('../model/image-manifest.ts');
  const { join } = await import('node:path');
  try {
    const { makeFonts, FONT_CACHE_DIR } = await import('../fonts/make.ts');
    const { manifest } = await renderPanels(book, { cacheDir: join(book.root, PANEL_CACHE_DIR) });
    const fonts = await makeFonts(book, { cacheDir: join(book.root, FONT_CACHE_DIR) });
    return { ...book, images: manifest, fonts };
  } catch (e) {
    throw e instanceof ContentError ? new ContentProblemsError(e.message) : e;
  }
}

/** Drops the loaded book: the next page loads it again (`npm run dev`, after an edit). */
export function forgetBook(): void {
  globalThis.planchesBook = undefined;
  globalThis.planchesSiteBook = undefined;
}
