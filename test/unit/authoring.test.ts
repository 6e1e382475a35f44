// Scaffolding, translation status (translated / untranslated / outdated, down to paragraphs
// and bubbles), stamping, and strict mode, on copies of the fixture books.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadBook } from '../../src/model/book.ts';
import { scaffoldEpisode, slugify } from '../../src/authoring/scaffold.ts';
import { episodeStatus, formatStatus, strictProblems, translationStatus } from '../../src/authoring/status.ts';
import { stampPanels, stampTranslation } from '../../src/authoring/stamp.ts';

const copy = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `planches-${name}-`));
  cpSync(join('test/fixtures/books', name), dir, { recursive: true });
  return dir;
};

test('slugify makes an address from a French title', () => {
  assert.equal(slugify('Que faire de l’attention des cons ?'), 'que-faire-de-l-attention-des-cons');
  assert.equal(slugify('Été 2022 : l’œuvre'), 'ete-2022-l-oeuvre');
  assert.equal(slugify('  Le  bunker!! '), 'le-bunker');
});

test('new-episode creates the original, empty panel data and untranslated translations', () => {
  const dir = copy('minimal');
  const r = spawnSync(process.execPath, ['scripts/new-episode.ts', '--book', dir, '3', 'Le jardin secret'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Created content\/episodes\/3-le-jardin-secret\//);
  // A draft with a placeholder in French: a build refuses it, naming both; --drafts loads it.
  assert.throws(
    () => loadBook(dir),
    (e: Error) =>
      e.message.includes('content/episodes/3-le-jardin-secret/fr.mdx:10: this is the placeholder') &&
      e.message.includes('(draft): this episode is marked "draft: true"') &&
      e.message.includes('(summary): the summary is empty'),
  );
  const text = readFileSync(join(dir, 'content/episodes/3-le-jardin-secret/fr.mdx'), 'utf8');
  assert.match(text, /^<Placeholder>Écrivez ici le premier paragraphe de l’épisode\.<\/Placeholder>$/m);
  const book = loadBook(dir, { drafts: true });
  const ep = book.episodes.find((e) => e.number === 3)!;
  assert.equal(ep.draft, true);
  assert.equal(ep.original.title, 'Le jardin secret');
  assert.deepEqual(ep.panels, []);
  assert.ok(existsSync(join(dir, ep.dir, 'en.mdx')));
  assert.equal(episodeStatus(book, ep, 'en').paragraphs.untranslated, 1, 'the new translation is marked untranslated');
  // Refusals: an existing number, an existing slug.
  const again = spawnSync(process.execPath, ['scripts/new-episode.ts', '--book', dir, '3', 'Autre chose'], {
    encoding: 'utf8',
  });
  assert.equal(again.status, 1);
  assert.match(again.stderr, /Episode number 3 already exists: content\/episodes\/3-le-jardin-secret/);
  const book2 = loadBook(dir, { drafts: true });
  assert.throws(
    () => scaffoldEpisode(book2, 9, 'La cave'),
    /address "la-cave" already exists: content\/episodes\/1-la-cave/,
  );
  assert.throws(() => scaffoldEpisode(book2, 0, 'X'), /whole number above 0/);
});

test('status counts translated, untranslated and outdated paragraphs and bubbles', () => {
  const dir = copy('minimal');
  // Make one bubble outdated: stamp English panel texts, then change the French original.
  const book = loadBook(dir);
  stampPanels(book, book.episodes[0]!, 'en');
  const panels = join(dir, book.episodes[0]!.dir, 'panels.yaml');
  writeFileSync(panels, readFileSync(panels, 'utf8').replace('fr: Il fait noir !', 'fr: Il fait tout noir !'));
  const after = loadBook(dir);
  const st = episodeStatus(after, after.episodes[0]!, 'en');
  const byPart = Object.fromEntries(st.parts.map((p) => [p.part, p.status]));
  assert.equal(byPart['panel cave, bubble noir'], 'outdated');
  assert.equal(byPart['panel cave, bubble plus-tard'], 'translated');
  assert.equal(byPart.p2, 'outdated', 'the fixture records a wrong fingerprint for p2');
  assert.equal(byPart.p1, 'translated');
  const grenier = episodeStatus(after, after.episodes[1]!, 'en');
  assert.ok(grenier.paragraphs.translated + grenier.paragraphs.untranslated + grenier.paragraphs.outdated === 3);
  const table = formatStatus(translationStatus(after));
  assert.match(table, /en: \d+ translated, \d+ untranslated, 2 outdated/);
  assert.match(table, /1 panel cave, bubble noir: outdated/);
});

test('stamping a translation marks it up to date; changing the original makes that paragraph outdated', () => {
  const dir = copy('minimal');
  let book = loadBook(dir);
  const ep = book.episodes[0]!;
  stampTranslation(book, ep, 'en');
  book = loadBook(dir);
  assert.equal(episodeStatus(book, book.episodes[0]!, 'en').counts.outdated, 0);
  const fr = join(dir, ep.dir, 'fr.mdx');
  writeFileSync(fr, readFileSync(fr, 'utf8').replace("On n'y voyait rien du tout.", "On n'y voyait goutte."));
  book = loadBook(dir);
  const parts = episodeStatus(book, book.episodes[0]!, 'en')
    .parts.filter((p) => p.status === 'outdated')
    .map((p) => p.part);
  assert.deepEqual(parts, ['p1']);
  // The rest of the translation file is kept as it was.
  assert.match(
    readFileSync(join(dir, ep.dir, 'en.mdx'), 'utf8'),
    /^---\ntitle: "The Cellar"\nsummary: "In which we go down to the cellar."\ntranslates:\n {2}title: [0-9a-f]{8}\n/,
  );
});

test('strict mode lists every missing or outdated part', () => {
  const book = loadBook('test/fixtures/books/trilingual');
  const problems = strictProblems(book);
  const es = problems.filter((p) => p.message.startsWith('es:'));
  assert.ok(
    es.some((p) => p.file.endsWith('1-la-cave/es.mdx') && p.message === 'es: p2 is not translated.'),
    JSON.stringify(es),
  );
  assert.ok(es.some((p) => p.file.endsWith('2-le-grenier/es.mdx') && p.message === 'es: title is not translated.'));
  assert.ok(
    es.some((p) => p.file.endsWith('1-la-cave/panels.yaml') && /bubble plus-tard is not translated/.test(p.message)),
  );
  assert.ok(problems.some((p) => p.message === 'en: p2 is outdated (the original changed since it was translated).'));
  // The sample book is complete and stamped.
  assert.deepEqual(strictProblems(loadBook('.')), []);
});

test('the three-language book loads with Spanish partly translated', () => {
  const book = loadBook('test/fixtures/books/trilingual');
  assert.deepEqual(
    book.settings.languages.map((l) => l.code),
    ['fr', 'en', 'es'],
  );
  const es = translationStatus(book).find((s) => s.lang === 'es')!;
  assert.ok(es.totals.translated > 0 && es.totals.untranslated > 0);
});
