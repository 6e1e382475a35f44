// The glossary check (src/model/glossary.ts): a panel's words that the episode's prose does not
// use are reported, with the panels.yaml field and line; the prose using them too is fine.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadBook } from '../../src/model/book.ts';
import { ContentError } from '../../src/model/errors.ts';
import { glossaryWarnings, uses } from '../../src/model/glossary.ts';

const MINIMAL = new URL('../fixtures/books/minimal/', import.meta.url).pathname;

function withGlossary(yaml: string): string {
  const root = mkdtempSync(join(tmpdir(), 'planches-glossary-'));
  cpSync(join(MINIMAL, 'content'), join(root, 'content'), { recursive: true });
  writeFileSync(join(root, 'content/glossary.yaml'), yaml);
  return root;
}

test('whole words, whatever the case and the apostrophe', () => {
  assert.equal(uses('It’s DARK here', "it's dark", 'en'), true);
  assert.equal(uses('darkness', 'dark', 'en'), false);
  assert.equal(uses('a test subject, again', 'test subject', 'en'), true);
});

test('a variant in a panel and not in the prose is a warning naming the field and line', () => {
  const root = withGlossary(
    'terms:\n  - id: dark\n    fr: noir\n    en: gloomy\n    variants:\n      en: [dark]\n  - id: then\n    fr: ensuite\n    en: then\n    variants:\n      fr: [tard]\n',
  );
  try {
    // The English prose says "dark" too: nothing to say there. The French caption "Plus tard."
    // uses "tard", which the French prose does not.
    const book = loadBook(root);
    assert.equal(book.warnings.length, 1, JSON.stringify(book.warnings));
    const w = book.warnings[0]!;
    assert.equal(w.file, 'content/episodes/1-la-cave/panels.yaml');
    assert.equal(w.field, 'panels.cave.bubbles.plus-tard.text.fr');
    assert.equal(w.line, 20);
    assert.match(w.message, /"tard" is a variant of the glossary's "ensuite" \(content\/glossary\.yaml, then\)/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the prose using the variant too is not a warning', () => {
  assert.deepEqual(
    glossaryWarnings(
      [{ id: 'x', words: { en: 'bastard' }, variants: { en: ['jerk'] }, note: undefined }],
      { en: 'What a jerk.' },
      [{ lang: 'en', text: 'Jerk!', file: 'f', field: 'g' }],
    ),
    [],
  );
});

test('a glossary in a language the book does not have, or without the original’s word, is refused', () => {
  const root = withGlossary('terms:\n  - id: x\n    en: word\n    de: Wort\n');
  try {
    assert.throws(
      () => loadBook(root),
      (e: unknown) =>
        e instanceof ContentError &&
        /content\/glossary\.yaml:\d+ \(terms\.0\.de\): unknown language "de"/.test(e.message) &&
        /terms\.0\.fr\): the term "x" has no word in the original language \(fr\)/.test(e.message),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the sample book’s panels use the words of its prose (what npm run build -- --strict requires)', () => {
  const book = loadBook(new URL('../../', import.meta.url).pathname);
  assert.ok(book.glossary.length >= 15, `${book.glossary.length} terms`);
  // The sample keeps the example address (https://planches.example), which is warned about on its own.
  assert.deepEqual(
    book.warnings.filter((w) => w.field !== 'site.url'),
    [],
  );
});
