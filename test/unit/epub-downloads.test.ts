// The download links' sizes (src/outputs/downloads.ts): written in the page's language, filled in
// after the build, and a link to a file the build did not make stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillDownloadSizes, formatSize } from '../../src/outputs/downloads.ts';
import { downloads } from '../../src/outputs/index.ts';
import { epubFile } from '../../src/outputs/epub/downloads.ts';
import { settingsSchema } from '../../src/model/schemas/settings.ts';
import type { Book } from '../../src/model/book.ts';

const settings = settingsSchema.parse({
  id: 'my-book',
  original: 'fr',
  languages: [
    { code: 'fr', name: 'Français' },
    { code: 'en', name: 'English' },
  ],
  title: { fr: 'Livre', en: 'Book' },
  description: { fr: 'd', en: 'd' },
  authors: [{ name: 'A', role: 'author' }],
  licence: { name: { fr: 'DP', en: 'PD' }, statement: { fr: 's', en: 's' }, url: 'https://example.org/' },
  site: { url: 'https://book.example' },
  cover: 'art/cover.svg',
  published: '2022-12-01',
});

// A book with one panel (the CBZ is made only for a book that has panels).
const book = { settings, episodes: [{ panels: [{}] }] } as unknown as Pick<Book, 'settings' | 'episodes'>;

test('a book without panels offers no CBZ, and every other file', () => {
  const paths = downloads({ settings, episodes: [] }, 'en').map((d) => d.path);
  assert.ok(!paths.some((p) => p.endsWith('.cbz')), paths.join(', '));
  assert.equal(paths.length, downloads(book, 'en').length - 2);
});

test('each language’s EPUB has its own address, named after the book', () => {
  assert.equal(epubFile(settings, 'en'), 'en/my-book-en.epub');
  assert.deepEqual(
    downloads(book, 'en').map((d) => d.path),
    [
      'en/my-book-en.epub',
      'en/my-book-en-eink.epub',
      'en/my-book-en.cbz',
      'en/my-book-en.pdf',
      // The printer's files, in the page's language only.
      'en/my-book-en-print-interior.pdf',
      'en/my-book-en-print-cover.pdf',
      'fr/my-book-fr.epub',
      'fr/my-book-fr-eink.epub',
      'fr/my-book-fr.cbz',
      'fr/my-book-fr.pdf',
    ],
  );
  assert.deepEqual(
    downloads(book, 'fr').map((d) => d.lang),
    ['fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'en', 'en', 'en', 'en'],
    'the page’s language first',
  );
  assert.deepEqual(
    downloads(book, 'fr').map((d) => d.note),
    [
      undefined,
      undefined,
      undefined,
      undefined,
      'download.printInterior',
      'download.printCover',
      undefined,
      undefined,
      undefined,
      undefined,
    ],
  );
  // The e-ink EPUB says what it is for, in every language.
  assert.deepEqual(
    downloads(book, 'fr').map((d) => d.detail),
    [
      undefined,
      'download.eink',
      'download.cbz',
      undefined,
      undefined,
      undefined,
      undefined,
      'download.eink',
      'download.cbz',
      undefined,
    ],
  );
  assert.equal(downloads(book, 'fr')[0]!.type, 'application/epub+zip');
  assert.deepEqual(downloads(book, 'fr')[3], {
    lang: 'fr',
    format: 'pdf',
    path: 'fr/my-book-fr.pdf',
    type: 'application/pdf',
    label: 'PDF A5',
  });
});

test('sizes read naturally in each language', () => {
  assert.equal(formatSize(1_234_567, 'en'), '1.2\u00A0MB');
  assert.equal(formatSize(1_234_567, 'fr'), '1,2\u00A0Mo');
  assert.equal(formatSize(840_400, 'en'), '840\u00A0kB');
  assert.equal(formatSize(840_400, 'fr'), '840\u00A0ko');
  assert.equal(formatSize(12, 'en'), '1\u00A0kB');
});

test('markers are filled with the size in the page’s language, and removed', () => {
  const html =
    '<html lang="fr"><body><a href="/en/my-book-en.epub">EPUB · anglais · <span class="downloads__size" data-size-of="en/my-book-en.epub"></span></a></body></html>';
  const out = fillDownloadSizes(html, (p) => (p === 'en/my-book-en.epub' ? 2_050_000 : undefined));
  assert.equal(out.filled, 1);
  assert.equal(
    out.html,
    '<html lang="fr"><body><a href="/en/my-book-en.epub">EPUB · anglais · <span class="downloads__size">2,1\u00A0Mo</span></a></body></html>',
  );
});

test('a link to a file the build did not make stops the build', () => {
  const html = '<html lang="en"><body><span data-size-of="en/gone.epub"></span></body></html>';
  assert.throws(
    () => fillDownloadSizes(html, () => undefined, 'en/index.html'),
    /en\/index.html offers en\/gone.epub for download, but the build did not make it/,
  );
});

test('a page without markers is left as it is', () => {
  const html = '<html lang="en"><body><p>Nothing to fill.</p></body></html>';
  assert.deepEqual(
    fillDownloadSizes(html, () => 1),
    { html, filled: 0 },
  );
});
