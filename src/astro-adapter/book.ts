// The book as Astro sees it: loaded once per Astro process and shared by astro.config.mjs, the
// integration and every page. Astro bundles the configuration and the pages apart, so the one
// loaded copy is kept on globalThis rather than in this module. In `npm run dev` the integration
// forgets it when content/ changes, and the next page loads the book again.
import { ContentError } from '../model/errors.ts';
import { parseMemo, type Book, type ParseMemo } from '../model/book.ts';
import { loadSharedBook } from '../model/book-snapshot.ts';
import { bookOptions } from '../model/options.ts';
import { loadSettings } from '../model/settings.ts';
import { imageInputs, readManifest, type ImageManifest } from '../model/image-manifest.ts';
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
  /** `npm run dev`: the images of the last load and what they were drawn from (imageInputs). */
  var planchesImages: { inputs: string; images: ImageManifest } | undefined;
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
      // A build hands over the book it loaded (its snapshot); npm run dev parses what changed.
      globalThis.planchesBook = {
        book: loadSharedBook(options.bookRoot, { ...options, parsed: globalThis.planchesParsed }),
      };
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
    // Going over every panel again, even all cached, takes seconds on a large book: an edit of the
    // prose alone keeps the last images (forgetBook drops them when any other file changed).
    const inputs = imageInputs(book);
    const kept = globalThis.planchesImages;
    const images =
      kept?.inputs === inputs
        ? kept.images
        : (await renderPanels(book, { cacheDir: join(book.root, PANEL_CACHE_DIR) })).manifest;
    globalThis.planchesImages = { inputs, images };
    const fonts = await makeFonts(book, { cacheDir: join(book.root, FONT_CACHE_DIR) });
    return { ...book, images, fonts };
  } catch (e) {
    throw e instanceof ContentError ? new ContentProblemsError(e.message) : e;
  }
}

/**
 * Drops the loaded book: the next page loads it again (`npm run dev`, after an edit of `changed`,
 * a path). The images are kept only when the file changed is an .mdx text, which no image reads.
 */
export function forgetBook(changed?: string): void {
  globalThis.planchesBook = undefined;
  globalThis.planchesSiteBook = undefined;
  if (!keepsImages(changed)) globalThis.planchesImages = undefined;
}

/** Whether the images may be kept after a change of this file (none named: everything is dropped). */
export function keepsImages(changed: string | undefined): boolean {
  return changed !== undefined && /\.mdx$/i.test(changed);
}
