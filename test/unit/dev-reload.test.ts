// `npm run dev` reloads the book after every save, keeping the parsed texts of the files that did
// not change (LoadOptions.parsed) and, after an edit of the prose alone, the images: the reload
// must still see every change and every problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBook, parseMemo } from '../../src/model/book.ts';
import { ContentError } from '../../src/model/errors.ts';
import { imageInputs } from '../../src/model/image-manifest.ts';
import { keepsImages } from '../../src/astro-adapter/book.ts';
import { bookCharacters } from '../../src/fonts/code-points.ts';
import { EP1, EP2, tempBook } from './helpers-temp-book.ts';

const paragraph = (book: ReturnType<typeof loadBook>, n: number) =>
  JSON.stringify(book.episodes.find((e) => e.number === n)!.original.blocks[0]);

test('an unchanged file is reused, a changed one parsed again', (t) => {
  const b = tempBook(t);
  const parsed = parseMemo();
  const first = loadBook(b.book, { parsed });
  assert.equal(parsed.size, 4, 'both episodes, both languages');
  b.edit(`${EP1}/fr.mdx`, 'Il faisait noir', 'Il faisait tout noir');
  const second = loadBook(b.book, { parsed });
  assert.match(paragraph(second, 1), /Il faisait tout noir/);
  // The other episode's text is the very object parsed the first time: it was not parsed again.
  assert.equal(second.episodes[1]!.original.blocks, first.episodes[1]!.original.blocks);
  assert.notEqual(second.episodes[0]!.original.blocks, first.episodes[0]!.original.blocks);
});

test('a problem is reported on every load while it stands, and gone once fixed', (t) => {
  const b = tempBook(t);
  const parsed = parseMemo();
  loadBook(b.book, { parsed });
  const good = b.read(`${EP2}/en.mdx`);
  b.write(`${EP2}/en.mdx`, good.replace('---\n', '---\nnonsense: 1\n'));
  for (let i = 0; i < 2; i++) {
    // The second time the broken file is unchanged: its problem comes from the memo.
    assert.throws(
      () => loadBook(b.book, { parsed }),
      (e) => e instanceof ContentError && e.message.includes(`${EP2}/en.mdx:2`) && e.message.includes('nonsense'),
    );
  }
  b.write(`${EP2}/en.mdx`, good);
  assert.equal(loadBook(b.book, { parsed }).episodes.length, 2);
});

test('the same text loaded with other options is parsed again', (t) => {
  const b = tempBook(t);
  const parsed = parseMemo();
  loadBook(b.book, { parsed });
  const kept = parsed.get(`${EP1}/fr.mdx`);
  b.edit('content/book.yaml', /^/, 'httpLinks: true\n');
  try {
    loadBook(b.book, { parsed });
  } catch {
    // Whether the fixture accepts the setting does not matter here: only that the file was parsed anew.
  }
  assert.notEqual(parsed.get(`${EP1}/fr.mdx`), kept);
});

test('the images are drawn again when what they show changes, not for the prose', (t) => {
  const b = tempBook(t);
  const before = imageInputs(loadBook(b.book));
  b.edit(`${EP1}/fr.mdx`, 'Il faisait noir', 'Il faisait tout noir');
  assert.equal(imageInputs(loadBook(b.book)), before, 'a sentence changed');
  for (const lang of ['fr', 'en']) b.edit(`${EP1}/${lang}.mdx`, '<Panel id="cave" />\n', '');
  assert.notEqual(imageInputs(loadBook(b.book)), before, 'the panel no longer placed');
  const other = tempBook(t);
  const start = imageInputs(loadBook(other.book));
  other.edit(`${EP1}/panels.yaml`, 'fr: Il fait noir !', 'fr: Il fait nuit !');
  assert.notEqual(imageInputs(loadBook(other.book)), start, "a bubble's text changed");
});

test('only an edit of an .mdx text keeps the images', () => {
  assert.equal(keepsImages('/book/content/episodes/1-x/fr.mdx'), true);
  for (const path of [
    '/book/content/episodes/1-x/panels.yaml',
    '/book/content/art/a.svg',
    '/book/content/episodes',
    undefined,
  ])
    assert.equal(keepsImages(path), false, String(path));
});

test("the book's characters, kept by string, follow an edit", (t) => {
  const b = tempBook(t);
  const first = bookCharacters(loadBook(b.book));
  assert.equal(bookCharacters(loadBook(b.book)), first, 'the same book, the same characters');
  assert.ok(!first.includes('Ω'));
  b.edit(`${EP1}/fr.mdx`, 'Il faisait noir', 'Il faisait Ω noir');
  const after = bookCharacters(loadBook(b.book));
  assert.ok(after.includes('Ω'));
  assert.equal(after.replace('Ω', ''), first);
});
