// Every file of the book is read through here: its text files (book.yaml, episodes, pages,
// panels.yaml, talk.yaml) and its art (panels, library, cover, posters). One place, so that every
// file gets the same checks and the same clear message when it cannot be read.
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { noteFile, type ContentProblem } from './errors.ts';
import { forbiddenCharacter } from './characters.ts';

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
 * The real path of a file the book names, after resolving every symlink; throws a clear message
 * when it lies outside the book's folder (a link out would publish any readable file).
 */
export function realBookPath(root: string, file: string): string {
  noteFile(file);
  const real = realpathSync(join(root, file));
  const rel = relative(realpathSync(root), real);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`${file} is a link to ${real}, outside the book's folder: copy the file into the book instead.`);
  }
  return real;
}

/**
 * A text file of the book (`file` relative to the book's folder), as UTF-8 and normalized; or the
 * problem to report when it is not readable UTF-8 text.
 */
export function readBookText(root: string, file: string): { text: string } | ContentProblem {
  let bytes: Buffer;
  try {
    bytes = readFileSync(realBookPath(root, file));
  } catch (e) {
    if (!(e as NodeJS.ErrnoException).code) return { file, message: (e as Error).message };
    return {
      file,
      message: `this file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    };
  }
  let text: string;
  try {
    text = normalizeText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { file, message: 'this file is not readable UTF-8 text: save it as UTF-8.' };
  }
  // Valid UTF-8 may still hold what no text uses (NUL, non-characters): refused with its place.
  const odd = forbiddenCharacter(text);
  return odd ? { file, line: odd.line, column: odd.column, message: odd.message } : { text };
}

/** A file of the book as it is (art: SVG or raster), `file` relative to the book's folder. */
export function readBookBytes(root: string, file: string): Buffer {
  return readFileSync(realBookPath(root, file));
}
