// The book as pages see it: loaded once per build through the content collection.
import { getEntry } from 'astro:content';
import type { Book } from '../lib/book.ts';

let cached: Book | undefined;

export async function getBook(): Promise<Book> {
  if (cached && import.meta.env.PROD) return cached;
  const entry = await getEntry('book', 'book');
  if (!entry) throw new Error('The book was not loaded: see the errors above.');
  cached = entry.data as unknown as Book;
  return cached;
}
