// Plain http:// addresses are refused (mixed content, privacy) unless book.yaml allows them; the
// site's address left at the example domain is a warning (src/model/links.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBook } from '../../src/model/book.ts';
import { formatProblem } from '../../src/model/errors.ts';
import { publicAddress } from '../../src/shared/addresses.ts';
import { build, EP1, messages, tempBook, untouched } from './helpers-temp-book.ts';

const refused = (url: string) =>
  `"${url}" uses plain http, which is refused: in the book's https pages and in EPUB readers it is mixed content (blocked, or marked as unsafe), and anyone on the reader's network can see what they open and change it (privacy). Write "${url.replace('http:', 'https:')}" if the site has it; if it has no https at all, allow plain http with "httpLinks: true" in content/book.yaml.`;

test('http:// links in an episode and a page are refused, saying why', (t) => {
  const b = tempBook(t);
  b.edit(`${EP1}/fr.mdx`, 'https://example.org/cave', 'http://example.org/cave');
  b.edit('content/pages/about.en.mdx', '## The authors', 'See [the old site](HTTP://old.example/).\n\n## The authors');
  assert.deepEqual(messages(b.book), [
    `${EP1}/fr.mdx:15: the link ${refused('http://example.org/cave')}`,
    `content/pages/about.en.mdx:7: the link "HTTP://old.example/" uses plain http, which is refused: in the book's https pages and in EPUB readers it is mixed content (blocked, or marked as unsafe), and anyone on the reader's network can see what they open and change it (privacy). Write "https://old.example/" if the site has it; if it has no https at all, allow plain http with "httpLinks: true" in content/book.yaml.`,
  ]);
  // Other schemes keep their own message, now saying https.
  b.edit(`${EP1}/fr.mdx`, 'http://example.org/cave', 'ftp://example.org/cave');
  b.edit('content/pages/about.en.mdx', 'HTTP://old.example/', 'https://old.example/');
  assert.deepEqual(messages(b.book), [
    `${EP1}/fr.mdx:15: a link must point to an https:// address, not "ftp://example.org/cave".`,
  ]);
});

test('the licence address too; httpLinks: true allows them all', (t) => {
  const b = tempBook(t);
  b.edit('content/book.yaml', 'https://creativecommons.org/', 'http://creativecommons.org/');
  b.edit(`${EP1}/fr.mdx`, 'https://example.org/cave', 'http://example.org/cave');
  const r = build(b);
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr,
    `\n✗ Build failed. ${b.out} was left as it was.\n\ncontent/book.yaml:30 (licence.url): the licence's address ${refused('http://creativecommons.org/publicdomain/zero/1.0/')}\n\n`,
  );
  untouched(b);
  b.edit('content/book.yaml', 'fixture: true', 'fixture: true\nhttpLinks: true');
  const book = loadBook(b.book);
  assert.equal(book.settings.licence.url, 'http://creativecommons.org/publicdomain/zero/1.0/');
  assert.deepEqual(
    book.episodes[0]!.original.blocks.flatMap((x) =>
      x.type === 'paragraph' ? x.inlines.flatMap((i) => (i.type === 'link' ? [i.href] : [])) : [],
    ),
    ['http://example.org/cave'],
  );
});

test('site.url left at the example domain is a warning, naming the line', (t) => {
  const b = tempBook(t);
  assert.deepEqual(loadBook(b.book).warnings, []);
  b.edit('content/book.yaml', 'https://minimal.example', 'https://planches.example');
  assert.deepEqual(loadBook(b.book).warnings.map(formatProblem), [
    "content/book.yaml:32 (site.url): the site's address is still the example one (https://planches.example): set it to the address where dist/ will be served. Until then no output names an address: the PDF, its cover and the CBZ print none, the site has no RSS feed, no sitemap and no Open Graph address or image, its canonical and language links start at its root, and the share links give the address the page was opened at (or build with --url https://…).",
  ]);
});

test('files readers keep print no address while site.url is the example one', () => {
  assert.equal(publicAddress('https://planches.example', '/', 'en/'), undefined);
  assert.equal(publicAddress('https://planches.example/', '/planches/', 'fr/'), undefined);
  assert.equal(publicAddress('https://book.example.org', '/planches/', 'fr/'), 'https://book.example.org/planches/fr/');
  // Only the kit's own example domain: a book may well live under another .example name in tests.
  assert.equal(publicAddress('https://minimal.example', '/', 'en/'), 'https://minimal.example/en/');
});
