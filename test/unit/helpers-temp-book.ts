// Temp books for the trust tests: a copy of test/fixtures/books/minimal with files edited, loaded
// or built, and an output folder that must come out of a failed build exactly as it went in.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadBook, type Book } from '../../src/model/book.ts';
import { ContentError } from '../../src/model/errors.ts';

export const KIT = new URL('../..', import.meta.url).pathname;
export const MINIMAL = join(KIT, 'test/fixtures/books/minimal');
export const EP1 = 'content/episodes/1-la-cave';
export const EP2 = 'content/episodes/2-le-grenier';

export interface TempBook {
  /** The book's folder. */
  book: string;
  /** An output folder holding one marker file. */
  out: string;
  /** Replaces `from` by `to` in a file of the book (relative path); fails when `from` is not there. */
  edit(file: string, from: string | RegExp, to: string): void;
  write(file: string, text: string | Buffer): void;
  read(file: string): string;
}

export function tempBook(t: { after: (fn: () => void) => void }): TempBook {
  const dir = mkdtempSync(join(tmpdir(), 'planches-trust-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const book = join(dir, 'book');
  cpSync(MINIMAL, book, { recursive: true });
  const out = join(dir, 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'marker.txt'), 'the previous build');
  const read = (file: string) => readFileSync(join(book, file), 'utf8');
  return {
    book,
    out,
    read,
    write: (file, text) => writeFileSync(join(book, file), text),
    edit(file, from, to) {
      const text = read(file);
      const next = text.replace(from, to);
      assert.notEqual(next, text, `${file} does not contain ${from}`);
      writeFileSync(join(book, file), next);
    },
  };
}

/** The ContentError the book must be refused with. */
export function loadError(book: string): ContentError {
  let loaded: Book;
  try {
    loaded = loadBook(book);
  } catch (e) {
    assert.ok(e instanceof ContentError, `a ContentError, not ${(e as Error).name}: ${(e as Error).stack}`);
    return e;
  }
  assert.fail(`the book loaded (${loaded.episodes.length} episodes)`);
}

/** Every problem's text, as the build prints them. */
export function messages(book: string): string[] {
  const e = loadError(book);
  return e.problems.length === 1 ? [e.message] : e.message.split('\n  - ').slice(1);
}

/** `npm run build` of the book into its output folder. */
export function build(b: TempBook, ...args: string[]) {
  return spawnSync(process.execPath, [join(KIT, 'scripts/build.ts'), '--book', b.book, '--out', b.out, ...args], {
    cwd: KIT,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
}

/** A failed build left the output folder as it was. */
export function untouched(b: TempBook): void {
  assert.deepEqual(readdirSync(b.out), ['marker.txt']);
  assert.equal(readFileSync(join(b.out, 'marker.txt'), 'utf8'), 'the previous build');
}

/** Every file under `dir`: its path relative to `dir` → its bytes (to compare two trees). */
export function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}
