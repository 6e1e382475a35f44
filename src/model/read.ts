// Every file of the book is read through here: its text files (book.yaml, episodes, pages,
// panels.yaml, talk.yaml) and its art (panels, library, cover, posters). One place, so that every
// file gets the same checks and the same clear message when it cannot be read.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ContentProblem } from './errors.ts';

/** Normalizes what editors may add (a byte-order mark, CRLF or CR line ends) before parsing. */
export function normalizeText(text: string): string {
  // NFC: what readers type and what search compares is composed Unicode.
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n').normalize('NFC');
}

/** A path as the author knows it: relative to the book's folder, with forward slashes. */
export function bookPath(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}

/**
 * A text file of the book (`file` relative to the book's folder), as UTF-8 and normalized; or the
 * problem to report when it is not readable UTF-8 text.
 */
export function readBookText(root: string, file: string): { text: string } | ContentProblem {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, file));
  } catch (e) {
    return {
      file,
      message: `this file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    };
  }
  try {
    return { text: normalizeText(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { file, message: 'this file is not readable UTF-8 text: save it as UTF-8.' };
  }
}

/** A file of the book as it is (art: SVG or raster), `file` relative to the book's folder. */
export function readBookBytes(root: string, file: string): Buffer {
  return readFileSync(join(root, file));
}
