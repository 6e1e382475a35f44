// A build never ends in a raw stack trace: a fault of the kit becomes "Build failed: <what> while
// <step>, at <file>" with a hint to report it (the stack only with --debug), the YAML parser's
// limits (alias bombs, deep nesting) are content problems with their file and line, and in every
// case the output folder is left exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBook } from '../../src/model/book.ts';
import { startStep, noteFile, unexpectedFailure } from '../../src/model/errors.ts';
import { build, loadError, MINIMAL, tempBook } from './helpers-temp-book.ts';

const EP1 = 'content/episodes/1-la-cave';

const untouched = (out: string) => {
  assert.deepEqual(readdirSync(out), ['marker.txt']);
  assert.equal(readFileSync(join(out, 'marker.txt'), 'utf8'), 'the previous build');
};

test('the message names what, the step and the file; the stack only when debugging', () => {
  startStep('making the panel images');
  noteFile('content/episodes/1-la-cave/art/cave.svg');
  const e = new TypeError("Cannot read properties of undefined (reading 'width')");
  assert.equal(
    unexpectedFailure(e),
    "Build failed: TypeError: Cannot read properties of undefined (reading 'width') while making the panel images, at content/episodes/1-la-cave/art/cave.svg.\n" +
      'This is a fault of the kit, not a mistake in your book: please report it to the Planches maintainers with this message and what `npm run build -- --debug` prints (the same, with the stack trace).',
  );
  const debug = unexpectedFailure(e, true);
  assert.ok(debug.includes('with this message and the stack trace below.\n\nTypeError: Cannot read'));
  assert.ok(debug.includes('last-resort.test.ts'), 'the stack trace is there');
  startStep('filling in the download sizes');
  assert.equal(
    unexpectedFailure('a string').split('\n')[0],
    'Build failed: a string while filling in the download sizes.',
  );
});

test('an unexpected exception in the build: one readable message, no stack, dist untouched', (t) => {
  const b = tempBook(t);
  const { book, out } = b;
  // A link to nothing among the episode folders: the loader's stat() of it throws ENOENT.
  symlinkSync(join(book, 'nowhere'), join(book, 'content/episodes/3-lien'));
  const r = build(b);
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr,
    `\n✗ Build failed: ENOENT: no such file or directory, stat '${book}/content/episodes/3-lien' while checking the content, at content/episodes/3-lien.\n` +
      'This is a fault of the kit, not a mistake in your book: please report it to the Planches maintainers with this message and what `npm run build -- --debug` prints (the same, with the stack trace).\n' +
      `\n${out} was left as it was.\n\n`,
  );
  untouched(out);
  const debug = build(b, '--debug');
  assert.equal(debug.status, 1);
  assert.match(debug.stderr, /the stack trace below\.\n\nError: ENOENT[^\n]*\n {4}at statSync/);
  assert.match(debug.stderr, /at loadEpisodes \(file:\/\/.*src\/model\/book\.ts/);
  untouched(out);
});

/** Ten aliases of ten aliases of…: 10^9 values once expanded. */
const ALIAS_BOMB = (() => {
  let y = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++)
    y += `a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return y;
})();
const ALIAS_MESSAGE =
  'this YAML expands its aliases (*name) into more than 100 copies of what they name, the pattern of an "alias bomb" made to exhaust the build: write the values out, or use fewer aliases.';
const DEEP_MESSAGE =
  "this YAML is nested more than 64 levels deep (lists or mappings inside one another); the book's files need a few levels: flatten it. The limit protects the build from files made to exhaust it.";

test('an alias bomb in panels.yaml: "Build failed" with the file and line, dist untouched', (t) => {
  const b = tempBook(t);
  const { book, out } = b;
  const panels = join(book, EP1, 'panels.yaml');
  writeFileSync(panels, `# harmless-looking\n${ALIAS_BOMB}${readFileSync(panels, 'utf8')}`);
  assert.equal(loadError(book).message, `${EP1}/panels.yaml:3: ${ALIAS_MESSAGE}`);
  const r = build(b);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `\n✗ Build failed. ${out} was left as it was.\n\n${EP1}/panels.yaml:3: ${ALIAS_MESSAGE}\n\n`);
  untouched(out);
});

test('an alias bomb in book.yaml and in a frontmatter: the same, with their lines', (t) => {
  const { book } = tempBook(t);
  const settings = join(book, 'content/book.yaml');
  const text = readFileSync(settings, 'utf8');
  writeFileSync(settings, `${text}bomb:\n${ALIAS_BOMB.trimEnd().replace(/^/gm, '  ')}\n`);
  assert.equal(loadError(book).message, `content/book.yaml:43: ${ALIAS_MESSAGE}`);
  writeFileSync(settings, text);
  const fr = join(book, EP1, 'fr.mdx');
  writeFileSync(
    fr,
    readFileSync(fr, 'utf8').replace('---\n\n', `bomb:\n${ALIAS_BOMB.trimEnd().replace(/^/gm, '  ')}\n---\n\n`),
  );
  assert.equal(loadError(book).message, `${EP1}/fr.mdx:7: ${ALIAS_MESSAGE}`);
});

test('deep nesting: reported with the file and line, whether the parser overflows or not', (t) => {
  const { book } = tempBook(t);
  const panels = join(book, EP1, 'panels.yaml');
  // 5000 levels overflow the parser's stack; 100 levels parse but pass the limit.
  writeFileSync(panels, `panels:\n  - ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
  assert.equal(loadError(book).message, `${EP1}/panels.yaml:2: ${DEEP_MESSAGE}`);
  writeFileSync(panels, `# a comment\npanels:\n  - ${'['.repeat(100)}${']'.repeat(100)}\n`);
  assert.equal(loadError(book).message, `${EP1}/panels.yaml:3: ${DEEP_MESSAGE}`);
  // The real book's depth is far from the limit.
  writeFileSync(panels, readFileSync(join(MINIMAL, EP1, 'panels.yaml')));
  loadBook(book);
});
