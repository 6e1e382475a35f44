// What a rebuild compares and shares: the files a printed page links (the PDF's key) and the
// book's snapshot that the build's other processes read instead of parsing the book again.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadSharedBook, shareBook } from '../../src/model/book-snapshot.ts';
import { loadBook } from '../../src/model/book.ts';
import { linkedFiles, printKey } from '../../src/outputs/pdf/reuse.ts';
import { KIT, MINIMAL } from './helpers-temp-book.ts';

test('linkedFiles: the same-site files of src, href, srcset and url(), under the base, that exist', (t) => {
  const out = mkdtempSync(join(tmpdir(), 'planches-links-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  mkdirSync(join(out, 'panels'));
  for (const f of ['panels/a.svg', 'panels/b-480.avif', 'panels/b-960.avif', 'style.css', 'font.woff2'])
    writeFileSync(join(out, f), f);
  const html = `<img src="/livre/panels/a.svg?v=1"><img srcset="/livre/panels/b-480.avif 480w, /livre/panels/b-960.avif 960w">
    <link href="/livre/style.css"><a href="https://elsewhere.example/x.css">x</a><img src="/livre/missing.png"><a href="/other/style.css">`;
  const css = '@font-face { src: url("/livre/font.woff2") format("woff2") }';
  assert.deepEqual(
    linkedFiles(html + css, '/livre/', out).map((p) => p.slice(out.length + 1)),
    ['font.woff2', 'panels/a.svg', 'panels/b-480.avif', 'panels/b-960.avif', 'style.css'],
  );
});

test('printKey changes with a linked file two links away (a style sheet’s font), not with an unlinked one', (t) => {
  const out = mkdtempSync(join(tmpdir(), 'planches-key-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  mkdirSync(join(out, 'fr/print'), { recursive: true });
  writeFileSync(join(out, 'fr/print/index.html'), '<link href="/s.css">');
  writeFileSync(join(out, 's.css'), '@font-face{src:url(/f.woff2)}');
  writeFileSync(join(out, 'f.woff2'), 'one');
  writeFileSync(join(out, 'unrelated.svg'), 'one');
  const key = () =>
    printKey({ outDir: out, base: '/', pages: ['fr/print/index.html'], kit: KIT, settings: { id: 'x' } });
  const first = key();
  writeFileSync(join(out, 'unrelated.svg'), 'two');
  assert.equal(key(), first);
  writeFileSync(join(out, 'f.woff2'), 'two');
  assert.notEqual(key(), first);
});

test('loadSharedBook reads the build’s snapshot of the same book, else the files', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'planches-snap-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const book = loadBook(MINIMAL);
  book.episodes[0]!.original.title = 'Changed in the snapshot only';
  const unshare = shareBook(book, join(dir, 'book.v8'));
  try {
    assert.equal(loadSharedBook(MINIMAL).episodes[0]!.original.title, 'Changed in the snapshot only');
    // Another book is loaded from its own files.
    assert.notEqual(loadSharedBook(join(KIT, 'test/fixtures/books/talk')).root, MINIMAL);
  } finally {
    unshare();
  }
  assert.notEqual(loadSharedBook(MINIMAL).episodes[0]!.original.title, 'Changed in the snapshot only');
});
