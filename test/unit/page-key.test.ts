// The episode page's key (what the incremental build compares): it must change when anything the
// page shows changes, and only then — a key that misses a change publishes a stale page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadBook, type Book } from '../../src/model/book.ts';
import type { ImageManifest } from '../../src/model/image-manifest.ts';
import { episodePageKey, stableJson } from '../../src/model/views/page-key.ts';
import { EP1, EP2, tempBook } from './helpers-temp-book.ts';

const noImages = (): ImageManifest => ({ panels: {}, covers: {}, posters: {}, social: {} });

function keys(book: Book, images = noImages(), fonts: unknown = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of book.episodes)
    for (const lang of ['fr', 'en']) out[`${e.slug}/${lang}`] = episodePageKey({ book, images, fonts }, e, lang);
  return out;
}

test('stableJson: key order does not matter, bytes are fingerprinted, nested values kept', () => {
  assert.equal(stableJson({ b: 1, a: { d: [1, 2], c: 'x' } }), stableJson({ a: { c: 'x', d: [1, 2] }, b: 1 }));
  assert.notEqual(stableJson({ a: [1, 2] }), stableJson({ a: [2, 1] }));
  const one = stableJson({ art: Buffer.from('<svg>1</svg>') });
  assert.match(one, /"art":"bytes:[0-9a-f]{40}"/);
  assert.notEqual(one, stableJson({ art: Buffer.from('<svg>2</svg>') }));
});

test('the same book loaded twice gives the same keys; every page has its own', (t) => {
  const b = tempBook(t);
  const first = keys(loadBook(b.book));
  assert.deepEqual(keys(loadBook(b.book)), first);
  assert.equal(new Set(Object.values(first)).size, Object.keys(first).length);
});

test("a paragraph changed: that episode's pages change, not its neighbour's", (t) => {
  const b = tempBook(t);
  const before = keys(loadBook(b.book));
  const ep2 = EP2.split('/').pop()!;
  const ep1 = EP1.split('/').pop()!;
  b.edit(`${EP2}/fr.mdx`, /\n\n([^\n<#][^\n]*)\n/, '\n\n$1 Une phrase de plus.\n');
  const after = keys(loadBook(b.book));
  assert.notEqual(after[`${ep2}/fr`], before[`${ep2}/fr`]);
  assert.equal(after[`${ep1}/fr`], before[`${ep1}/fr`]);
  assert.equal(after[`${ep1}/en`], before[`${ep1}/en`]);
});

test("a title changed: the neighbour's page changes too (its pager shows the title)", (t) => {
  const b = tempBook(t);
  const before = keys(loadBook(b.book));
  const ep1 = EP1.split('/').pop()!;
  b.edit(`${EP2}/fr.mdx`, /^title: .*$/m, 'title: Un tout autre titre');
  const after = keys(loadBook(b.book));
  assert.notEqual(after[`${ep1}/fr`], before[`${ep1}/fr`]);
});

test("a panel's image entry, the fonts or the settings changed: the pages that show them change", (t) => {
  const b = tempBook(t);
  const book = loadBook(b.book);
  const ep1 = book.episodes[0]!;
  const ep2 = book.episodes[1]!;
  const frame = ep1.panels[0]!.frames[0]!.key;
  const images = noImages();
  const before = keys(book, images);
  const redrawn = noImages();
  redrawn.panels[frame] = { fr: { file: 'x-1234.svg' } } as unknown as ImageManifest['panels'][string];
  const after = keys(book, redrawn);
  assert.notEqual(after[`${ep1.slug}/fr`], before[`${ep1.slug}/fr`]);
  assert.equal(after[`${ep2.slug}/fr`], before[`${ep2.slug}/fr`]);
  // Book-wide inputs reach every page (fresh objects: the book-wide part is memoised per book).
  const newFonts = keys(loadBook(b.book), images, { site: 'literata-abcd.woff2' });
  assert.notEqual(newFonts[`${ep2.slug}/fr`], before[`${ep2.slug}/fr`]);
  b.edit('content/book.yaml', /^(\s*base: ).*$/m, '$1/livres/');
  const moved = keys(loadBook(b.book));
  assert.notEqual(moved[`${ep2.slug}/en`], before[`${ep2.slug}/en`]);
});
