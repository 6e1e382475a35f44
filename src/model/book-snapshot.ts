// The book as the build loaded it, handed to the build's other processes (the images process and
// Astro's) as a file: parsing a 200-episode book takes 1.2 s, reading its snapshot 20 ms. The
// snapshot is the build's own (one file per build process, removed when it ends); anything that
// is not a build (npm run dev, npm run panels alone) loads the book from its files.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { loadBook, type Book, type LoadOptions } from './book.ts';

const VARIABLE = 'PLANCHES_BOOK_SNAPSHOT';

/** Writes the snapshot and names it to the processes this one starts; returns a function that removes it. */
export function shareBook(book: Book, file: string): () => void {
  writeFileSync(file, serialize(book));
  process.env[VARIABLE] = file;
  return () => {
    delete process.env[VARIABLE];
    rmSync(file, { force: true });
  };
}

/** The build's snapshot of the book at `root` when there is one, else the book loaded from its files. */
export function loadSharedBook(root: string, options: LoadOptions = {}): Book {
  const file = process.env[VARIABLE];
  if (file && existsSync(file)) {
    const book = deserialize(readFileSync(file)) as Book;
    if (book.root === root) return book;
  }
  return loadBook(root, options);
}
