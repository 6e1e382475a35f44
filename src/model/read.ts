// Every file of the book is read through here: its text files (book.yaml, episodes, pages,
// panels.yaml, talk.yaml) and its art (panels, library, cover, posters). One place, so that every
// file gets the same checks and the same clear message when it cannot be read: its real path must
// lie inside the book, and its size under the limit for its kind, before a byte of it is read.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';
import { ContentError, noteFile, type ContentProblem } from './errors.ts';
import { forbiddenCharacter } from './characters.ts';

/** A file the book names that must not be read (a link out of the book, too large): a content problem. */
export class BookFileError extends ContentError {
  readonly problem: ContentProblem;
  constructor(problem: ContentProblem) {
    super([problem]);
    this.name = 'BookFileError';
    this.problem = problem;
  }
}

/** The largest file of each kind, in megabytes (book.yaml `limits:`; stage videos are never read). */
export interface SizeLimits {
  svg: number;
  text: number;
  image: number;
}

export const DEFAULT_SIZE_LIMITS: SizeLimits = { svg: 5, text: 1, image: 20 };

const KIND_NAMES: Record<keyof SizeLimits, string> = {
  svg: 'an SVG drawing',
  text: 'a text file (YAML, MDX, WebVTT)',
  image: 'a raster image (PNG, JPEG, WebP)',
};

const KIND_ADVICE: Record<keyof SizeLimits, string> = {
  svg: 'simplify or optimise the drawing (Inkscape\'s "Optimized SVG", svgo; embedded bitmaps are the usual cause)',
  text: 'split the text (an episode is a few thousand words)',
  image: 'export it smaller or more compressed',
};

/** Each book's limits, set once its settings are read (settings.ts); the defaults until then. */
const limits = new Map<string, SizeLimits>();

export function setSizeLimits(root: string, value: SizeLimits): void {
  limits.set(root, value);
}

function kindOf(file: string, text: boolean): keyof SizeLimits {
  if (extname(file).toLowerCase() === '.svg') return 'svg';
  return text ? 'text' : 'image';
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

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
    throw new BookFileError({
      file,
      message: `this file is a link to ${real}, outside the book's folder: copy the file into the book instead.`,
    });
  }
  return real;
}

/** The real path, once its size is known to be under the limit for its kind (nothing read yet). */
function checkedPath(root: string, file: string, text: boolean): string {
  const real = realBookPath(root, file);
  const kind = kindOf(file, text);
  const limit = (limits.get(root) ?? DEFAULT_SIZE_LIMITS)[kind];
  const size = statSync(real).size;
  if (size > limit * 1e6) {
    throw new BookFileError({
      file,
      message:
        `this file is ${megabytes(size)}, over the limit of ${limit} MB for ${KIND_NAMES[kind]}: ${KIND_ADVICE[kind]}, ` +
        `or raise the limit in content/book.yaml (limits: { ${kind}: ${Math.ceil(size / 1e6)} }, in megabytes).`,
    });
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
    bytes = readFileSync(checkedPath(root, file, true));
  } catch (e) {
    if (e instanceof BookFileError) return e.problem;
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
  return readFileSync(checkedPath(root, file, false));
}

/** readBookBytes for the loader: a link out or a file too large is added to `problems` instead. */
export function readBookArt(root: string, file: string, problems: ContentProblem[]): Buffer | undefined {
  try {
    return readBookBytes(root, file);
  } catch (e) {
    if (!(e instanceof BookFileError)) throw e;
    problems.push(e.problem);
    return undefined;
  }
}
