// Who did what (src/model/views/credits.ts): roles as the settings give them, grouped for readers,
// translators only in the languages they translated into, names per language.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ContentError } from '../../src/model/errors.ts';
import { settingsSchema } from '../../src/model/schemas/settings.ts';
import { loadSettings } from '../../src/model/settings.ts';
import { creditGroups, creditLine, credited, namesWith, rolesOf } from '../../src/model/views/credits.ts';
import { coverCredit } from '../../src/images/cover.ts';

const settings = settingsSchema.parse({
  id: 'book',
  original: 'fr',
  languages: [
    { code: 'fr', name: 'Français' },
    { code: 'en', name: 'English' },
  ],
  title: { fr: 'Livre', en: 'Book' },
  description: { fr: 'd', en: 'd' },
  authors: [
    { name: 'Pouhiou', role: 'author' },
    { name: 'Gee', role: 'original-illustrator' },
    {
      name: { fr: 'les contributeurs', en: 'the contributors' },
      role: ['translator', 'dialogue', 'illustrator'],
      languages: ['en'],
    },
  ],
  licence: { name: { fr: 'DP', en: 'PD' }, statement: { fr: 's', en: 's' }, url: 'https://example.org/' },
  site: { url: 'https://book.example' },
  cover: 'art/cover.svg',
  published: '2022-12-01',
});

test('roles come in one order whatever order the settings list them in', () => {
  assert.deepEqual(rolesOf(settings.authors[2]!), ['illustrator', 'dialogue', 'translator']);
  assert.deepEqual(rolesOf(settings.authors[0]!), ['author']);
});

test('a translator is credited in the languages translated into, never in the original', () => {
  assert.deepEqual(credited(settings, 'fr')[2]!.roles, ['illustrator', 'dialogue']);
  assert.deepEqual(credited(settings, 'en')[2]!.roles, ['illustrator', 'dialogue', 'translator']);
  assert.deepEqual(namesWith(settings, 'fr', 'translator'), []);
  assert.deepEqual(namesWith(settings, 'en', 'translator'), ['the contributors']);
});

test('names per language, falling back to the original’s', () => {
  assert.deepEqual(namesWith(settings, 'fr', 'illustrator'), ['les contributeurs']);
  assert.deepEqual(namesWith(settings, 'es', 'illustrator'), ['les contributeurs']);
});

test('groups read as a reader reads credits: the text first, the original book’s drawings last', () => {
  assert.deepEqual(
    creditGroups(settings, 'en').map((g) => creditLine(g, 'en')),
    [
      'Text: Pouhiou',
      'Drawings, bubble dialogue and translation: the contributors',
      'Drawings of the original book: Gee',
    ],
  );
  assert.deepEqual(
    creditGroups(settings, 'fr').map((g) => creditLine(g, 'fr')),
    [
      'Texte\u00A0: Pouhiou',
      'Dessins et dialogues des bulles\u00A0: les contributeurs',
      'Dessins du livre original\u00A0: Gee',
    ],
  );
});

test('the cover names who wrote the text, not the original’s illustrator', () => {
  assert.equal(coverCredit(settings, 'fr'), 'Pouhiou');
});

test('a role that does not exist, and languages without translating, are refused with the field and line', () => {
  const minimal = new URL('../fixtures/books/minimal/content/book.yaml', import.meta.url).pathname;
  const withAuthors = (authors: string) => {
    const root = mkdtempSync(join(tmpdir(), 'planches-credits-'));
    mkdirSync(join(root, 'content'));
    writeFileSync(
      join(root, 'content/book.yaml'),
      readFileSync(minimal, 'utf8').replace(/^authors:\n( {2}.*\n)+/m, `authors:\n${authors}`),
    );
    return root;
  };
  const message = (root: string) => {
    try {
      loadSettings(root);
      return '';
    } catch (e) {
      assert.ok(e instanceof ContentError, String(e));
      return e.message;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  assert.match(
    message(withAuthors('  - name: A\n    role: painter\n')),
    /content\/book\.yaml:\d+ \(authors\.0\.role\): .*author, illustrator, dialogue, translator, original-illustrator/,
  );
  assert.match(
    message(withAuthors('  - name: A\n    role: author\n    languages: [en]\n')),
    /content\/book\.yaml:\d+ \(authors\.0\.languages\): languages says which languages a translator translated into/,
  );
});
