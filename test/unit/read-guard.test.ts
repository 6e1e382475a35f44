// A file the book names must really lie inside the book's folder: a symlink out of it is refused
// with a message naming the link and where it points, and the outside file is never read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBookBytes, readBookText } from '../../src/model/read.ts';

test('a symlink out of the book is refused, one inside is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'planches-guard-'));
  try {
    const book = join(dir, 'book');
    mkdirSync(book);
    writeFileSync(join(dir, 'secret.txt'), 'CANARY-OUTSIDE');
    writeFileSync(join(book, 'inside.txt'), 'inside');
    symlinkSync(join(dir, 'secret.txt'), join(book, 'out.svg'));
    symlinkSync(join(book, 'inside.txt'), join(book, 'in.svg'));
    const problem = readBookText(book, 'out.svg');
    assert.ok('message' in problem);
    assert.equal(problem.file, 'out.svg');
    assert.match(problem.message, /^this file is a link to .*secret\.txt, outside the book's folder/);
    assert.throws(
      () => readBookBytes(book, 'out.svg'),
      /^BookFileError: out\.svg: this file is a link to .*secret\.txt, outside/,
    );
    assert.equal(readBookBytes(book, 'in.svg').toString(), 'inside');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
