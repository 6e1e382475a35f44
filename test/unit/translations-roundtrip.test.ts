// `npm run translations`: PO export and import on a copy of the sample book. The round trip must
// leave every file byte for byte as it was; one changed translation must change exactly that
// unit; stale originals, broken inline codes and files for another book are refused, and then
// nothing at all is written. The exported files must pass gettext's own `msgfmt -c`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadBook } from '../../src/model/book.ts';
import { exportTranslations } from '../../src/authoring/translations-export.ts';
import { importTranslations } from '../../src/authoring/translations-import.ts';
import { parsePo, writePo } from '../../src/authoring/po.ts';

const EP19 = 'content/episodes/19-donner-de-l-exercice-a-ses-cobayes';
const PO19 = '19-donner-de-l-exercice-a-ses-cobayes.po';

/** A copy of the sample book (never the real one). */
function copyBook(): string {
  const dir = mkdtempSync(join(tmpdir(), 'planches-translations-'));
  cpSync('content', join(dir, 'content'), { recursive: true });
  return dir;
}

/** Every file of the book, relative path → bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(join(dir, 'content'));
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
  assert.equal(ep.panels[0]!.bubbles[1]!.text.en, 'A good bastard is a lazy genius. They run. “Cheers!”');
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
