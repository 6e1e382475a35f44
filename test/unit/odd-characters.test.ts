// Characters that are valid UTF-8 but must not pass silently (src/model/characters.ts): NUL, lone
// surrogates and non-characters anywhere (file:line:column), bidi controls and zero-width spaces in
// titles, summaries, ids and names; direction marks and emoji joiners stay allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBook } from '../../src/model/book.ts';
import { build, EP1, EP2, loadError, messages, tempBook, untouched } from './helpers-temp-book.ts';

const FR = `${EP1}/fr.mdx`;
const REORDERS = 'an invisible character that reorders the text after it';
const SPLITS = 'an invisible character that splits the word for search and copying';
const TAIL =
  'Titles, summaries, ids and names are copied into other pages, the EPUB contents and the PDF: delete it (it shows nothing, so retype the text around it). Only the direction marks U+200E and U+200F, and a joiner inside an emoji, are allowed there.';

test('a NUL byte in an episode: file:line:column', (t) => {
  const b = tempBook(t);
  b.edit(FR, 'noir dans', 'noir\0dans');
  assert.deepEqual(messages(b.book), [
    `${FR}:7:16: this file contains a NUL character (U+0000), which is invisible, becomes "�" in the outputs and stops some tools: remove it.`,
  ]);
});

test('non-characters, counted: U+FFFE, U+FDD0 and a plane-end U+1FFFF', (t) => {
  const b = tempBook(t);
  b.edit(FR, 'rien du tout', 'rien\uFFFE du \uFDD0tout \u{1FFFF}');
  assert.deepEqual(messages(b.book), [
    `${FR}:7:49: this file contains U+FFFE, a "non-character" that Unicode reserves and no text uses: remove it (2 more like it in this file).`,
  ]);
});

test('a lone surrogate or NUL written as a YAML escape: the value is refused at its place', (t) => {
  const b = tempBook(t);
  b.edit(FR, '"La cave"', '"La \\uD800cave"');
  assert.deepEqual(messages(b.book), [
    `${FR}:3:8: this value contains a lone surrogate (U+D800), half of a character that cannot be shown (it becomes "�"; an escape such as "\\uD800" makes one): remove it.`,
  ]);
  b.edit(FR, '"La \\uD800cave"', '"La cave"');
  b.edit(`${EP1}/panels.yaml`, 'fr: Il fait noir !', 'fr: "Il fait\\0 noir !"');
  assert.deepEqual(messages(b.book), [
    `${EP1}/panels.yaml:14:15: this value contains a NUL character (U+0000), which is invisible, becomes "�" in the outputs and stops some tools: remove it.`,
  ]);
});

test('bidi overrides and isolates in titles, summaries, names and headings', (t) => {
  const b = tempBook(t);
  b.edit(FR, '"La cave"', '"La \u202Eevac"');
  b.edit(FR, "Où l'on", "Où \u2067l'on");
  b.edit('content/book.yaml', 'en: The Little Book', 'en: The Little \u202BBook');
  b.edit('content/book.yaml', 'name: Alice Autrice', 'name: "Alice \u2069Autrice"');
  b.edit('content/pages/about.en.mdx', /title: .*/, 'title: "About\u202A"');
  const all = loadError(b.book).problems;
  // book.yaml is read first and stops the rest.
  assert.deepEqual(
    all.map((p) => `${p.file}:${p.line} (${p.field}): ${p.message}`),
    [
      `content/book.yaml:11 (title.en): this text contains U+202B RIGHT-TO-LEFT EMBEDDING (character 12), ${REORDERS}. ${TAIL}`,
      `content/book.yaml:16 (authors.0.name): this text contains U+2069 POP DIRECTIONAL ISOLATE (character 7), ${REORDERS}. ${TAIL}`,
    ],
  );
  b.edit('content/book.yaml', '\u202B', '');
  b.edit('content/book.yaml', '\u2069', '');
  assert.deepEqual(messages(b.book), [
    `${FR}:3 (title): the title contains U+202E RIGHT-TO-LEFT OVERRIDE (character 4), ${REORDERS}. ${TAIL}`,
    `${FR}:4 (summary): the summary contains U+2067 RIGHT-TO-LEFT ISOLATE (character 4), ${REORDERS}. ${TAIL}`,
    `content/pages/about.en.mdx:2 (title): the title contains U+202A LEFT-TO-RIGHT EMBEDDING (character 6), ${REORDERS}. ${TAIL}`,
  ]);
  // Headings are the titles of sections (the episode's and the EPUB's contents).
  b.write(
    FR,
    b
      .read(FR)
      .replace(/\u202E|\u2067/g, '')
      .replace('Puis la lumière', '## La \u2066lumière\n\nPuis la lumière'),
  );
  b.edit(`${EP1}/en.mdx`, 'Then the light', '## The light\n\nThen the light');
  b.edit('content/pages/about.en.mdx', '\u202A', '');
  assert.deepEqual(messages(b.book), [
    `${FR}:11: the heading contains U+2066 LEFT-TO-RIGHT ISOLATE (character 4), ${REORDERS}. ${TAIL}`,
  ]);
});

test('zero-width spaces and a stray joiner; an id that looks right says which character is wrong', (t) => {
  const b = tempBook(t);
  b.edit(`${EP2}/fr.mdx`, '"Le grenier"', '"Le\u200Bgrenier"');
  b.edit(`${EP1}/en.mdx`, '"The Cellar"', '"The\uFEFF Cellar"');
  b.edit(`${EP1}/panels.yaml`, 'id: noir', 'id: "no\u200Dir"');
  b.edit(`${EP1}/panels.yaml`, 'speaker: narrator', 'speaker: "narr\u200Bator"');
  assert.deepEqual(messages(b.book), [
    `${EP1}/en.mdx:2 (title): the title contains U+FEFF ZERO WIDTH NO-BREAK SPACE (character 4), ${SPLITS}. ${TAIL}`,
    `${EP1}/panels.yaml:8 (panels.0.bubbles.0.id): this text contains U+200D ZERO WIDTH JOINER (character 3), ${SPLITS}. ${TAIL}`,
    `${EP1}/panels.yaml:10 (panels.0.bubbles.0.speaker): this text contains U+200B ZERO WIDTH SPACE (character 5), ${SPLITS}. ${TAIL}`,
    `${EP2}/fr.mdx:3 (title): the title contains U+200B ZERO WIDTH SPACE (character 3), ${SPLITS}. ${TAIL}`,
  ]);
});

test('allowed: LRM/RLM, a joiner inside emoji sequences, bidi controls in prose', (t) => {
  const b = tempBook(t);
  b.edit(FR, '"La cave"', '"La cave \u200F(كهف)\u200E 👩‍💻 👨🏽‍🔧 🏳️‍🌈"');
  b.edit(FR, 'On n', 'Le mot \u2067كهف\u2069 dit cave. On n');
  const book = loadBook(b.book);
  assert.equal(book.episodes[0]!.original.title, 'La cave \u200F(كهف)\u200E 👩‍💻 👨🏽‍🔧 🏳️‍🌈');
});

test('the build refuses them, every file at once, and writes nothing', (t) => {
  const b = tempBook(t);
  b.edit(FR, 'noir dans', 'noir\0dans');
  b.edit(`${EP2}/en.mdx`, /title: .*/, 'title: "The\u200BAttic"');
  b.edit('content/pages/about.fr.mdx', /title: .*/, 'title: "\\uDC00"');
  const r = build(b);
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr,
    `\n✗ Build failed. ${b.out} was left as it was.\n\n3 problems in the book's content:\n` +
      `  - ${FR}:7:16: this file contains a NUL character (U+0000), which is invisible, becomes "�" in the outputs and stops some tools: remove it.\n` +
      `  - ${EP2}/en.mdx:2 (title): the title contains U+200B ZERO WIDTH SPACE (character 4), ${SPLITS}. ${TAIL}\n` +
      `  - content/pages/about.fr.mdx:2:8: this value contains a lone surrogate (U+DC00), half of a character that cannot be shown (it becomes "�"; an escape such as "\\uDC00" makes one): remove it.\n\n`,
  );
  untouched(b);
});

test('in an SVG (panel art, cover): the same characters are refused with their line and column', (t) => {
  const b = tempBook(t);
  b.edit(`${EP1}/art/cave.svg`, /(<svg[^>]*>)/, '$1\n<desc>x\0</desc>');
  b.edit('content/art/cover.svg', /(<svg[^>]*>)/, '$1\n<desc>\uFFFF</desc>');
  assert.deepEqual(messages(b.book), [
    `${EP1}/panels.yaml:3 (panels.cave.art): ${EP1}/art/cave.svg line 2 contains a NUL character (U+0000), which is invisible, becomes "�" in the outputs and stops some tools (column 8); remove it.`,
    'content/art/cover.svg:2: contains U+FFFF, a "non-character" that Unicode reserves and no text uses (column 7); remove it.',
  ]);
});
