// The book as pages see it: loaded once per build through the content collection.
import { getEntry } from 'astro:content';
import type { Book } from '../lib/book.ts';
import type { ImageManifest } from '../lib/panels/render.ts';

export type SiteBook = Book & { images: ImageManifest };

let cached: SiteBook | undefined;

/** Shown by Astro's error overlay in `npm run dev`: the author's problem, without a stack. */
class ContentProblemsError extends Error {
  constructor(message: string) {
    super(`The book has problems to fix:\n\n${message}`);
    this.name = 'ContentError';
    this.stack = this.message;
  }
}

export async function getBook(): Promise<SiteBook> {
  if (cached && import.meta.env.PROD) return cached;
  const entry = await getEntry('book', 'book');
  if (!entry) throw new Error('The book was not loaded: see the errors above.');
  const error = (entry.data as { error?: string }).error;
  if (error) throw new ContentProblemsError(error);
  cached = entry.data as unknown as SiteBook;
  return cached;
}
