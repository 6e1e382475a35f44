// Every problem of every file in one run (a broken original no longer hides its translations', its
// frontmatter no longer hides its body), and the messages of issue 24 in the authors' words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, EP1, EP2, messages, tempBook, untouched } from './helpers-temp-book.ts';

const B_IN_PROSE =
  'inside a paragraph is not allowed: HTML and components cannot be mixed with prose (only <Lang fr>…</Lang>, to mark a phrase in another language). To write "<" in prose, escape it as "\\<".';

test('problems in fr.mdx and en.mdx, the frontmatter and the body, a page: all in one run', (t) => {
  const b = tempBook(t);
  b.edit(`${EP1}/fr.mdx`, 'number: 1', 'number: 0');
  b.edit(`${EP1}/fr.mdx`, 'Il faisait noir', 'Il faisait <b>noir</b>');
  b.edit(`${EP1}/en.mdx`, 'It was dark', 'It was <i>dark</i>');
  b.edit(`${EP1}/en.mdx`, 'translates:', 'translated:');
  b.edit(`${EP1}/panels.yaml`, 'x: 10,', 'x: .nan,');
  b.edit('content/pages/about.fr.mdx', /title: .*/, 'title: ""');
  b.edit('content/pages/about.fr.mdx', '## ', '#### ');
  assert.deepEqual(messages(b.book), [
    `${EP1}/fr.mdx:2 (number): expected the episode number, a whole number from 1 to 9999 (like 19), found 0.`,
    `${EP1}/fr.mdx:7: <b> ${B_IN_PROSE}`,
    `${EP1}/en.mdx:4 (translated): unknown field "translated" (check the spelling).`,
    `${EP1}/en.mdx:9: <i> ${B_IN_PROSE}`,
    `${EP1}/panels.yaml:11 (panels.0.bubbles.0.box.x): expected a number, found .nan (not a number).`,
    'content/pages/about.fr.mdx:2 (title): expected the page title.',
    'content/pages/about.fr.mdx:7: this heading has 4 "#": write "### " for a sub-section, or "## " for a section (headings go two levels deep).',
  ]);
});

test('the build prints them all and writes nothing', (t) => {
  const b = tempBook(t);
  b.edit(`${EP1}/fr.mdx`, 'Il faisait noir', 'Il faisait <b>noir</b>');
  b.edit(`${EP1}/en.mdx`, 'It was dark', 'It was <b>dark</b>');
  b.write(`${EP1}/panels.yaml`, '# nothing yet\n');
  const r = build(b);
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr,
    `\n✗ Build failed. ${b.out} was left as it was.\n\n3 problems in the book's content:\n` +
      `  - ${EP1}/fr.mdx:7: <b> ${B_IN_PROSE}\n` +
      `  - ${EP1}/en.mdx:9: <b> ${B_IN_PROSE}\n` +
      `  - ${EP1}/panels.yaml: this file is empty: write "panels:" and the episode's panels under it (see docs/authoring.md, "Drawing panels"), or "panels: []" while there are none.\n\n`,
  );
  untouched(b);
});

test('episode numbers: the range is said, with what was found', (t) => {
  const b = tempBook(t);
  const range = 'expected the episode number, a whole number from 1 to 9999 (like 19)';
  for (const [written, found] of [
    ['1e9', '1000000000'],
    ['-3', '-3'],
    ['2.5', '2.5'],
    ['.inf', '.inf (infinity)'],
  ] as const) {
    b.write(`${EP2}/fr.mdx`, b.read(`${EP2}/fr.mdx`).replace(/^number: .*$/m, `number: ${written}`));
    assert.deepEqual(messages(b.book), [`${EP2}/fr.mdx:2 (number): ${range}, found ${found}.`], written);
  }
});

test('dates: one that does not exist is told apart from one written otherwise', (t) => {
  const b = tempBook(t);
  b.edit('content/book.yaml', '2024-01-15', '2023-02-30');
  assert.deepEqual(messages(b.book), [
    'content/book.yaml:35 (published): 2023-02-30 is written YYYY-MM-DD but that day does not exist.',
  ]);
  b.edit('content/book.yaml', '2023-02-30', '15/01/2024');
  assert.deepEqual(messages(b.book), [
    'content/book.yaml:35 (published): expected a date written YYYY-MM-DD, like 2024-01-15.',
  ]);
  // A leap day exists in a leap year only.
  b.edit('content/book.yaml', '15/01/2024', '2024-02-29');
  b.edit('content/book.yaml', 'characters:', 'performances:\n  - date: 2023-02-29\ncharacters:');
  assert.deepEqual(messages(b.book), [
    'content/book.yaml:37 (performances.0.date): 2023-02-29 is written YYYY-MM-DD but that day does not exist.',
  ]);
});

test('a reference-style link, an iframe in a page, a heading too deep: what to write instead', (t) => {
  const b = tempBook(t);
  b.edit(`${EP1}/fr.mdx`, '[le site](https://example.org/cave)', '[le site][cave]');
  b.write(`${EP1}/fr.mdx`, `${b.read(`${EP1}/fr.mdx`)}\n[cave]: https://example.org/cave\n`);
  b.edit(
    'content/pages/about.en.mdx',
    '## The authors',
    '<iframe src="https://video.example/embed/1"></iframe>\n\n## The authors',
  );
  b.edit(`${EP2}/fr.mdx`, 'Elle l', '##### Plus bas\n\nElle l');
  assert.deepEqual(messages(b.book), [
    `${EP1}/fr.mdx:15: reference-style links ([text][name] with a line "[name]: https://…") are not supported: write the address in the link itself, like [text](https://example.org/).`,
    `${EP1}/fr.mdx:17: a line "[name]: https://…" gives an address to reference-style links, which are not supported: remove it, and write the address in the link itself, like [text](https://example.org/).`,
    `${EP2}/fr.mdx:11: this heading has 5 "#": write "### " for a sub-section, or "## " for a section (headings go two levels deep).`,
    'content/pages/about.en.mdx:7: unknown component <iframe>: a page may use only <Note>, <Untranslated>, <Lang> (a video is embedded with <Talk /> and talk.yaml, in an episode).',
  ]);
});
