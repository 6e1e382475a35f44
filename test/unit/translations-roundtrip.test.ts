// `npm run translations`: PO export and import on a copy of the sample book. The round trip must
// leave every file byte for byte as it was; one changed translation must change exactly that
// unit; stale originals, broken inline codes and files for another book are refused, and then
// nothing at all is written. The exported files must pass gettext's own `msgfmt -c`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBook } from '../../src/model/book.ts';
import { filesOf } from './helpers-temp-book.ts';
import { exportTranslations } from '../../src/authoring/translations-export.ts';
import { importTranslations } from '../../src/authoring/translations-import.ts';
import { parsePo, writePo } from '../../src/authoring/po.ts';
import { STRINGS } from '../../src/i18n/index.ts';

const EP19 = 'content/episodes/19-donner-de-l-exercice-a-ses-cobayes';
const PO19 = '19-donner-de-l-exercice-a-ses-cobayes.po';

/** A copy of the sample book (never the real one). */
function copyBook(): string {
  const dir = mkdtempSync(join(tmpdir(), 'planches-translations-'));
  cpSync('content', join(dir, 'content'), { recursive: true });
  return dir;
}

/** Every file of the book's content/, relative path → bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [path, bytes] of filesOf(join(dir, 'content'))) out.set(join('content', path), bytes);
  return out;
}

/** The files whose bytes differ between two snapshots. */
const changedFiles = (a: Map<string, Buffer>, b: Map<string, Buffer>): string[] =>
  [...new Set([...a.keys(), ...b.keys()])].filter((k) => !a.get(k)?.equals(b.get(k) ?? Buffer.alloc(0))).sort();

/** The lines that differ between two texts with the same line count, as [before, after]. */
function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, `the line count changed:\n${after}`);
  return a.flatMap((l, i): Array<[string, string]> => (l === b[i] ? [] : [[l, b[i]!]]));
}

/** Lines only in `before` and lines only in `after` (in order), for edits that add lines. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((l) => !b.includes(l)), added: b.filter((l) => !a.includes(l)) };
}

const exportAll = (dir: string, lang: string, numbers: number[] = []) =>
  new Map(exportTranslations(loadBook(dir, { drafts: true }), lang, numbers).map((f) => [f.name, f.text]));

/** Imports PO texts into the book in `dir` as the CLI does (all or nothing). */
function importInto(dir: string, files: Array<[string, string]>): string[] {
  const result = importTranslations(
    loadBook(dir, { drafts: true }),
    files.map(([file, text]) => ({ file, text })),
  );
  for (const w of result.writes) writeFileSync(join(dir, w.file), w.text);
  return result.report;
}

/** A PO text with one entry's translation (and fuzzy flag) changed. */
function edit(text: string, id: string, change: { target?: string; fuzzy?: boolean }): string {
  const po = parsePo(text, 'test.po');
  const e = po.entries.find((x) => x.id === id);
  assert.ok(e, `no unit ${id}`);
  if (change.target !== undefined) e.target = change.target;
  if (change.fuzzy !== undefined) e.fuzzy = change.fuzzy;
  return writePo(po);
}

const replaceIn = (dir: string, file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(join(dir, file), 'utf8');
  const next = text.replace(from, to);
  assert.notEqual(next, text, `${from} not found in ${file}`);
  writeFileSync(join(dir, file), next);
};

test('the exported files pass msgfmt -c, for a language under way and for a new one', () => {
  const dir = copyBook();
  const files = [...exportAll(dir, 'en'), ...[...exportAll(dir, 'it', [19])].map(([n, t]) => [`it-${n}`, t] as const)];
  assert.equal(files.length, 5 + 2, 'book.po and one file per episode (en), book.po and episode 19 (it)');
  for (const [name, text] of files) {
    const path = join(dir, name);
    writeFileSync(path, text);
    const r = spawnSync('msgfmt', ['-c', '-o', '/dev/null', path], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  }
  // Each unit has its stable id, its original, the translation, a note and the original's place.
  const ep = parsePo(exportAll(dir, 'en').get(PO19)!, PO19);
  assert.deepEqual(
    ep.entries.slice(0, 4).map((e) => e.id),
    ['title', 'summary', 'p1', 'p2'],
  );
  const p3 = ep.entries.find((e) => e.id === 'p3')!;
  assert.match(p3.target, /<1>Mein Kampf<\/1>/, 'emphasis is an inline code, not Markdown');
  assert.ok(p3.notes.some((n) => n.includes('<1>…</1> emphasis')));
  const bubble = ep.entries.find((e) => e.id === 'panel hamster-wheel b2')!;
  assert.equal(bubble.target, 'A good bastard is a smart slacker. They run. Cheers!');
  assert.ok(bubble.notes.some((n) => n.includes('speaker narrator (Le Connard)') && n.includes('box 500×195')));
  assert.equal(bubble.reference, `${EP19}/panels.yaml`);
  assert.ok(p3.notes.length && ep.entries.every((e) => e.notes[0]?.startsWith('episode 19')));
});

test('export, then import with no change: every file of the book stays byte for byte the same', () => {
  const dir = copyBook();
  const before = snapshot(dir);
  const r = spawnSync(process.execPath, ['scripts/translations.ts', 'export', 'en', '--book', dir], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const out = join(dir, 'translations/en');
  const files = readdirSync(out).map((n) => join(out, n));
  assert.equal(files.length, 5);
  // A translator's tool rewrites the file in its own way: gettext's msgcat wraps lines at 79
  // columns, as Poedit and Weblate do. The import reads that too.
  const wrapped = join(out, PO19);
  assert.equal(spawnSync('msgcat', ['-o', wrapped, wrapped]).status, 0);
  assert.notEqual(readFileSync(wrapped, 'utf8'), exportAll(dir, 'en').get(PO19), 'msgcat rewrapped the lines');
  const imp = spawnSync(process.execPath, ['scripts/translations.ts', 'import', '--book', dir, ...files], {
    encoding: 'utf8',
  });
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(imp.stdout, /Nothing changed/);
  assert.deepEqual(changedFiles(before, snapshot(dir)), []);
});

test('one translation changed in the PO: exactly that unit changes, in the .mdx and in panels.yaml', () => {
  const dir = copyBook();
  // Comments and layout of panels.yaml must survive the import.
  replaceIn(dir, `${EP19}/panels.yaml`, 'panels:\n', 'panels:\n  # The first panel: the wheel.\n');
  replaceIn(dir, `${EP19}/panels.yaml`, 'kind: caption\n', 'kind: caption # read first\n');
  const before = snapshot(dir);
  let po = exportAll(dir, 'en').get(PO19)!;
  po = edit(po, 'p3', {
    target: parsePo(po, PO19)
      .entries.find((e) => e.id === 'p3')!
      .target.replace('the entire text of <1>Mein Kampf</1>', 'all of <1>Mein Kampf</1>'),
  });
  const report = importInto(dir, [[PO19, po]]);
  assert.deepEqual(report, [`${PO19}: 1 unit(s) written into ${EP19}/en.mdx`]);
  const after = snapshot(dir);
  assert.deepEqual(changedFiles(before, after), [`${EP19}/en.mdx`]);
  const lines = changedLines(before.get(`${EP19}/en.mdx`)!.toString(), after.get(`${EP19}/en.mdx`)!.toString());
  assert.equal(lines.length, 1);
  assert.match(lines[0]![1], /slip all of \*Mein Kampf\* into/);
  assert.equal(lines[0]![0].replace('the entire text of', 'all of'), lines[0]![1]);

  // A bubble: only its en: line changes; the comments, the flow maps and the quotes stay.
  const middle = snapshot(dir);
  const po2 = edit(exportAll(dir, 'en').get(PO19)!, 'panel hamster-wheel b2', {
    target: 'A good bastard is a lazy genius. They run. “Cheers!”',
  });
  importInto(dir, [[PO19, po2]]);
  const end = snapshot(dir);
  assert.deepEqual(changedFiles(middle, end), [`${EP19}/panels.yaml`]);
  assert.deepEqual(
    changedLines(middle.get(`${EP19}/panels.yaml`)!.toString(), end.get(`${EP19}/panels.yaml`)!.toString()),
    [
      [
        '          en: "A good bastard is a smart slacker. They run. Cheers!"',
        '          en: "A good bastard is a lazy genius. They run. “Cheers!”"',
      ],
    ],
  );
  const book = loadBook(dir);
  const ep = book.episodes.find((e) => e.number === 19)!;
  assert.equal(ep.panels[0]!.frames[0]!.bubbles[1]!.text.en, 'A good bastard is a lazy genius. They run. “Cheers!”');
});

test('an original changed after the export: that unit is refused, naming file and unit, and nothing is written', () => {
  const dir = copyBook();
  const po = edit(exportAll(dir, 'en').get(PO19)!, 'p1', { target: 'Animal experiments are out of fashion.' });
  const other = edit(exportAll(dir, 'en').get('book.po')!, 'book title', { target: 'The Pro Bastard’s Guide' });
  replaceIn(dir, `${EP19}/fr.mdx`, 'Les expérimentations sur les animaux', 'Les expériences sur les animaux');
  const before = snapshot(dir);
  assert.throws(
    () =>
      importInto(dir, [
        ['book.po', other],
        [PO19, po],
      ]),
    (e: Error) =>
      e.message.startsWith('nothing was imported') &&
      e.message.includes(`${PO19}: unit "p1": its original changed since this file was exported`) &&
      e.message.includes('now “Les expériences sur les animaux'),
  );
  assert.deepEqual(changedFiles(before, snapshot(dir)), [], 'the valid book.po was not written either');
});

test('a fuzzy unit reviewed (flag cleared) is stamped; left fuzzy, it is not', () => {
  const dir = copyBook();
  replaceIn(dir, `${EP19}/fr.mdx`, 'Les expérimentations sur les animaux', 'Les expériences sur les animaux');
  const po = exportAll(dir, 'en').get(PO19)!;
  const p1 = parsePo(po, PO19).entries.find((e) => e.id === 'p1')!;
  assert.equal(p1.fuzzy, true, 'the original changed since the translation was stamped');
  assert.match(po, /#, fuzzy\nmsgctxt "p1"/);
  const before = snapshot(dir);
  assert.deepEqual(importInto(dir, [[PO19, po]]), [`${PO19}: 0 unit(s) written`]);
  assert.deepEqual(changedFiles(before, snapshot(dir)), []);
  importInto(dir, [[PO19, edit(po, 'p1', { fuzzy: false })]]);
  const after = snapshot(dir);
  assert.deepEqual(changedFiles(before, after), [`${EP19}/en.mdx`]);
  const lines = changedLines(before.get(`${EP19}/en.mdx`)!.toString(), after.get(`${EP19}/en.mdx`)!.toString());
  assert.equal(lines.length, 1);
  assert.equal(lines[0]![0], '  p1: 53abd09d');
  assert.match(lines[0]![1], /^ {2}p1: [0-9a-f]{8}$/);
  assert.equal(parsePo(exportAll(dir, 'en').get(PO19)!, PO19).entries.find((e) => e.id === 'p1')!.fuzzy, false);
});

test('broken inline codes are refused, with file, unit and what is wrong', () => {
  const dir = copyBook();
  const po = exportAll(dir, 'en').get(PO19)!;
  const p3 = parsePo(po, PO19).entries.find((e) => e.id === 'p3')!.target;
  const before = snapshot(dir);
  const cases: Array<[string, string, RegExp]> = [
    ['p3', p3.replace('</1>', ''), /unit "p3": broken inline code: <1> is not closed/],
    ['p3', p3.replace('<1>Mein Kampf</1>', '<3>Mein Kampf</3>'), /unit "p3": broken inline code: <3> is not one of/],
    [
      'p3',
      p3.replace('<1>Mein Kampf</1>', '</1>Mein Kampf<1>'),
      /unit "p3": broken inline code: <\/1> closes a code that was not opened/,
    ],
    [
      'p3',
      p3.replace('<1>Mein Kampf</1>', '<1/>Mein Kampf'),
      /unit "p3": broken inline code: <1\/>: code 1 surrounds words/,
    ],
    [
      'p1',
      'Animal <1>tests</1>.',
      /unit "p1": broken inline code: <1> is not one of this unit's codes \(it has none\)/,
    ],
    ['panel maze b1', 'A <1>maze</1>', /unit "panel maze b1": this text takes no inline codes, but it has <1>/],
  ];
  for (const [id, target, message] of cases)
    assert.throws(
      () => importInto(dir, [[PO19, edit(po, id, { target })]]),
      (e: Error) => message.test(e.message) && e.message.includes(`${PO19}: unit "${id}"`),
      `${id}: ${target.slice(0, 60)}`,
    );
  assert.deepEqual(changedFiles(before, snapshot(dir)), []);
});

test('a PO file for another book, or for a language the book does not have, is refused', () => {
  const dir = copyBook();
  const po = edit(exportAll(dir, 'en').get(PO19)!, 'p1', { target: 'Changed.' });
  const before = snapshot(dir);
  assert.throws(
    () =>
      importInto(dir, [
        [
          'other.po',
          po.replace('X-Planches-Book: guide-du-connard-professionnel', 'X-Planches-Book: pepper-and-carrot'),
        ],
      ]),
    /other\.po: this file is for the book "pepper-and-carrot", not for "guide-du-connard-professionnel"/,
  );
  const foreign = writePo({ comments: [], headers: { Language: 'en' }, entries: parsePo(po, PO19).entries });
  assert.throws(() => importInto(dir, [['weblate.po', foreign]]), /weblate\.po: this file is for no Planches book/);
  assert.throws(
    () => importInto(dir, [['de.po', po.replace('"Language: en\\n"', '"Language: de\\n"')]]),
    /de\.po: its Language header is "de"; the book's translated languages are en/,
  );
  assert.deepEqual(changedFiles(before, snapshot(dir)), []);
});

test('sections, list items and figures: each is a unit, written back in place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'planches-translations-sections-'));
  cpSync('test/fixtures/books/sections', dir, { recursive: true });
  const ep1 = 'content/episodes/1-declaration-des-droits-de-l-homme';
  const ep2 = 'content/episodes/2-physiologie-du-gout';
  const files = exportAll(dir, 'en');
  const [name1, name2] = [...files.keys()].filter((n) => n !== 'book.po');
  const ids = parsePo(files.get(name1!)!, name1!).entries.map((e) => e.id);
  assert.ok(
    ids.includes('h1') && ids.some((i) => /\.caption$/.test(i)) && ids.some((i) => /\.alt$/.test(i)),
    ids.join(),
  );
  const items = parsePo(files.get(name2!)!, name2!).entries.filter((e) => e.notes[0]?.includes('list item'));
  assert.ok(items.length >= 18, 'every aphorism of the list is a unit');
  const before = snapshot(dir);
  const heading = parsePo(files.get(name1!)!, name1!).entries.find((e) => e.id === 'h1')!;
  const caption = parsePo(files.get(name1!)!, name1!).entries.find((e) => /\.caption$/.test(e.id))!;
  let po1 = edit(files.get(name1!)!, 'h1', { target: 'The Preamble' });
  po1 = edit(po1, caption.id, { target: `${caption.target} (engraved)` });
  const po2 = edit(files.get(name2!)!, items[3]!.id, {
    target: 'Tell me what you eat and I shall tell you who you are.',
  });
  importInto(dir, [
    [name1!, po1],
    [name2!, po2],
  ]);
  const after = snapshot(dir);
  assert.deepEqual(changedFiles(before, after), [`${ep1}/en.mdx`, `${ep2}/en.mdx`]);
  // The two texts change where they are; the frontmatter gains their stamps; nothing else moves.
  const d1 = lineDiff(before.get(`${ep1}/en.mdx`)!.toString(), after.get(`${ep1}/en.mdx`)!.toString());
  assert.deepEqual(d1.removed, [`## ${heading.target}`, caption.target]);
  assert.deepEqual(
    d1.added.filter((l) => !/^ {2}(h1|f\d+\.caption): [0-9a-f]{8}$/.test(l)),
    ['translates:', '## The Preamble', `${caption.target} (engraved)`],
  );
  const d2 = lineDiff(before.get(`${ep2}/en.mdx`)!.toString(), after.get(`${ep2}/en.mdx`)!.toString());
  assert.deepEqual(d2.removed, ['4. Tell me what you eat, and I will tell you what you are.']);
  assert.deepEqual(
    d2.added.filter((l) => !/^ {2}[\w.]+: [0-9a-f]{8}$/.test(l) && l !== 'translates:'),
    ['4. Tell me what you eat and I shall tell you who you are.'],
  );
  loadBook(dir);
});

test('a new language starts from an export, with the UI strings in book.po, and its import adds it', async () => {
  const dir = copyBook();
  const kit = join(dir, 'kit');
  cpSync('src/i18n/index.ts', join(kit, 'src/i18n/index.ts'));
  const load = () => loadBook(dir, { drafts: true, unfinishedLanguages: true });
  const files = exportTranslations(load(), 'it', [19]);
  const bookPo = parsePo(files[0]!.text, 'book.po');
  const ui = bookPo.entries.filter((e) => e.id.startsWith('ui '));
  assert.ok(ui.length > 200, 'every interface string');
  assert.ok(ui.some((e) => e.id === 'ui nav.readIn' && e.source.includes('{language}')));
  const translate = (text: string, name: string, skip = '') => {
    const po = parsePo(text, name);
    for (const e of po.entries) if (e.id !== skip) e.target = e.id === 'ui lang.name' ? 'Italiano' : `(it) ${e.source}`;
    return writePo(po);
  };
  const episode: [string, string] = [files[1]!.name, translate(files[1]!.text, files[1]!.name)];
  const before = snapshot(dir);
  // Alone, an episode of a language the book does not have is refused; so is an incomplete book.po.
  assert.throws(() => importInto(dir, [episode]), /its Language header is "it"/);
  assert.throws(
    () =>
      importTranslations(
        load(),
        [
          { file: 'book.po', text: translate(files[0]!.text, 'book.po', 'book title') },
          { file: episode[0], text: episode[1] },
        ],
        { kitRoot: kit },
      ),
    /book\.po: a new language needs these units translated \(and not fuzzy\) before it can be added: book title\./,
  );
  const broken = translate(files[0]!.text, 'book.po').replace('(it) Lire en {language}', '(it) Lire en {lingua}');
  assert.throws(
    () => importTranslations(load(), [{ file: 'book.po', text: broken }], { kitRoot: kit }),
    /unit "ui nav\.readIn": keep the placeholders \{language\} as they are; the translation has \{lingua\}/,
  );
  assert.deepEqual(changedFiles(before, snapshot(dir)), []);
  const result = importTranslations(
    load(),
    [
      { file: 'book.po', text: translate(files[0]!.text, 'book.po') },
      { file: episode[0], text: episode[1] },
    ],
    { kitRoot: kit },
  );
  for (const w of result.writes) writeFileSync(join(dir, w.file), w.text);
  assert.deepEqual(
    result.kitWrites.map((w) => w.file),
    ['src/i18n/it.ts', 'src/i18n/index.ts'],
  );
  // book.yaml: only lines added (the language, its texts), every line of the author's kept.
  const yamlBefore = before.get('content/book.yaml')!.toString().split('\n');
  const yamlAfter = readFileSync(join(dir, 'content/book.yaml'), 'utf8').split('\n');
  assert.deepEqual(
    yamlAfter.filter((l) => l && yamlBefore.includes(l)),
    yamlBefore.filter((l) => l),
    'no line of book.yaml rewritten',
  );
  assert.ok(yamlAfter.includes('  - code: it') && yamlAfter.includes('    name: Italiano'));
  const book = load();
  const ep = book.episodes.find((e) => e.number === 19)!;
  assert.equal(ep.translations.it?.title, '(it) Donner de l’exercice à ses cobayes');
  assert.equal(book.settings.title.it, '(it) Le Guide du Connard Professionnel');
  assert.match(readFileSync(join(dir, ep.dir, 'it.mdx'), 'utf8'), /^---\ntitle: "\(it\) Donner/);
  // The strings module: the keys of en.ts, formatted as Biome formats it, registered in index.ts.
  for (const w of result.kitWrites) {
    mkdirSync(dirname(join(kit, w.file)), { recursive: true });
    writeFileSync(join(kit, w.file), w.text);
    const fmt = spawnSync('npx', ['biome', 'format', `--stdin-file-path=${w.file}`], {
      input: w.text,
      encoding: 'utf8',
    });
    assert.equal(fmt.stdout, w.text, `${w.file} as Biome formats it`);
  }
  cpSync('src/i18n/types.ts', join(kit, 'src/i18n/types.ts'));
  const it = ((await import(pathToFileURL(join(kit, 'src/i18n/it.ts')).href)) as { default: Record<string, string> })
    .default;
  assert.deepEqual(Object.keys(it), Object.keys(STRINGS.en!));
  assert.equal(it['nav.readIn'], '(it) Lire en {language}');
  assert.match(result.kitWrites[1]!.text, /import it from '\.\/it\.ts';\n/);
  assert.match(result.kitWrites[1]!.text, /STRINGS: Record<string, Strings> = \{ en, es, fr, it \}/);
});
