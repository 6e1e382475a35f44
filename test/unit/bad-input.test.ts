// Bad input: every book under test/fixtures/books/bad/ is a copy of books/minimal/ with ONE
// thing broken (test/fixtures/books/make-fixtures.ts writes them). Loading it must fail with a
// ContentError that names the right file, the line when the problem has one, and says what is
// wrong. The books under books/odd/ look unusual but are valid, and must load.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBook, type Book } from '../../src/model/book.ts';
import { ContentError, formatProblem, type ContentProblem } from '../../src/model/errors.ts';

const BOOKS = new URL('../fixtures/books', import.meta.url).pathname;
const EP1 = 'content/episodes/1-la-cave';
const EP2 = 'content/episodes/2-le-grenier';

interface Expected {
  case: string;
  /** The file the problem names, relative to the book's root. */
  file: string;
  /** The line it names; a list when several lines are equally right. */
  line?: number | number[];
  /** The field it names, when it names one. */
  field?: string;
  /** Phrases of the explanation that must appear in the problem's text. */
  includes: string[];
  /** Phrases that must not appear (a wrong explanation). */
  excludes?: string[];
  /** Whether this must be the only problem reported (default: yes, one thing is broken). */
  alone?: boolean;
}

const CASES: Expected[] = [
  // content/book.yaml
  { case: 'settings-missing', file: 'content/book.yaml', includes: ['settings file is missing'] },
  { case: 'settings-invalid-yaml', file: 'content/book.yaml', line: 3, includes: ['not valid YAML'] },
  {
    case: 'settings-title-missing-language',
    file: 'content/book.yaml',
    line: [9, 10],
    field: 'title.en',
    includes: ['missing the text in en', 'every language'],
  },
  // A wrong type: the field is there, so the message must not claim it is missing.
  {
    case: 'settings-languages-string',
    file: 'content/book.yaml',
    line: 4,
    field: 'languages',
    includes: ['found string "fr, en"'],
    excludes: ['required'],
  },
  // A typo: the line must be the typo's own line, not the top of the file.
  {
    case: 'settings-unknown-field',
    file: 'content/book.yaml',
    line: 12,
    includes: ['unknown field "subtitel"', 'check the spelling'],
  },
  {
    case: 'settings-unknown-language-key',
    file: 'content/book.yaml',
    line: 12,
    field: 'title.de',
    includes: ['unknown language "de"', 'fr, en'],
  },
  // The second problem (characters.narrator.es has no text in "es") follows from the first.
  {
    case: 'settings-original-not-in-languages',
    file: 'content/book.yaml',
    line: 3,
    field: 'original',
    includes: ['original language "es" must be one of the book\'s languages (fr, en)'],
    alone: false,
  },
  {
    case: 'settings-bad-site-url',
    file: 'content/book.yaml',
    line: 32,
    field: 'site.url',
    includes: ['expected the public address of the site', 'https://'],
  },
  {
    case: 'settings-bad-base',
    file: 'content/book.yaml',
    line: 33,
    field: 'site.base',
    includes: ['starts and ends with "/"'],
  },
  {
    case: 'settings-cover-missing',
    file: 'content/book.yaml',
    field: 'cover',
    includes: ['content/art/cover.svg does not exist'],
  },
  { case: 'settings-cover-svg-script', file: 'content/art/cover.svg', line: 2, includes: ['<script> element'] },
  // "de" is declared with every text, but the kit has no interface strings in German.
  { case: 'settings-language-without-strings', file: 'content/book.yaml', line: 9, includes: ['"de"'] },

  // Episode folders and files
  {
    case: 'episode-folder-bad-name',
    file: 'content/episodes/2_Le_Grenier',
    includes: ['"<number>-<slug>"', 'lowercase'],
  },
  { case: 'episode-original-missing', file: EP2, includes: ['original text is missing', 'fr.mdx'] },
  { case: 'episode-frontmatter-missing', file: `${EP2}/fr.mdx`, line: 1, includes: ['must start with a frontmatter'] },
  { case: 'episode-frontmatter-invalid-yaml', file: `${EP2}/fr.mdx`, line: 4, includes: ['not valid YAML'] },
  { case: 'episode-frontmatter-typo', file: `${EP2}/fr.mdx`, line: 4, includes: ['unknown field "sumary"'] },
  {
    case: 'episode-number-not-a-number',
    file: `${EP2}/fr.mdx`,
    line: 2,
    field: 'number',
    includes: ['expected'],
    excludes: ['required'],
  },
  {
    case: 'episode-number-mismatch',
    file: `${EP2}/fr.mdx`,
    line: 2,
    field: 'number',
    includes: ['folder name says episode 2', 'number: 3'],
  },
  {
    case: 'episode-duplicate-number',
    file: 'content/episodes/1-le-grenier/fr.mdx',
    line: 2,
    field: 'number',
    includes: [`episode number 1 is already used by ${EP1}/fr.mdx`],
  },
  {
    case: 'episode-duplicate-slug',
    file: 'content/episodes/2-la-cave',
    includes: [`the slug "la-cave" is already used by ${EP1}`],
  },
  { case: 'episode-unknown-language-file', file: `${EP1}/de.mdx`, includes: ['unknown language "de"', 'fr, en'] },
  // The translation then has paragraphs the original lacks: that second problem is expected.
  { case: 'episode-empty', file: `${EP2}/fr.mdx`, includes: ['this episode has no text'], alone: false },
  { case: 'episode-not-utf8', file: `${EP2}/fr.mdx`, includes: ['not readable UTF-8', 'save it as UTF-8'] },
  // CRLF line ends: the line numbers are still the editor's.
  {
    case: 'episode-crlf-heading-line',
    file: `${EP1}/fr.mdx`,
    line: 15,
    includes: ['a heading "# …" is a title', 'start sections with "## "'],
  },

  // Episode bodies (MDX)
  { case: 'mdx-import', file: `${EP1}/fr.mdx`, line: 7, includes: ['imports and exports are not allowed'] },
  {
    case: 'mdx-expression',
    file: `${EP1}/fr.mdx`,
    line: 11,
    includes: ['JavaScript expressions ({…}) are not allowed', 'escape it as "\\{"'],
  },
  {
    case: 'mdx-expression-attribute',
    file: `${EP1}/fr.mdx`,
    line: 9,
    includes: ['not a {…} expression', '<Panel id="maze" />'],
  },
  {
    case: 'mdx-unknown-component',
    file: `${EP1}/fr.mdx`,
    line: 15,
    includes: ['unknown component <Video>', '<Panel>'],
  },
  {
    case: 'mdx-html-in-paragraph',
    file: `${EP1}/fr.mdx`,
    line: 7,
    includes: ['<b> inside a paragraph is not allowed'],
  },
  {
    case: 'mdx-heading',
    file: `${EP1}/fr.mdx`,
    line: 15,
    includes: ['this heading has 4 "#": write "### " for a sub-section, or "## " for a section'],
  },
  {
    case: 'mdx-javascript-link',
    file: `${EP1}/fr.mdx`,
    line: 15,
    includes: ['must point to an https:// address', 'javascript:alert(1)'],
  },
  {
    case: 'untranslated-in-original',
    file: `${EP2}/fr.mdx`,
    line: 9,
    includes: ['<Untranslated /> belongs in translations only'],
  },

  // Translations
  {
    case: 'translation-missing-paragraph',
    file: `${EP2}/en.mdx`,
    line: 7,
    includes: [
      `does not follow the structure of ${EP2}/fr.mdx`,
      'the original has a paragraph where the translation has the end of the file',
    ],
  },
  {
    case: 'translation-panel-misplaced',
    file: `${EP1}/en.mdx`,
    line: 11,
    includes: ['after 1 paragraph(s) the original has <Panel id="cave" /> where the translation has a paragraph'],
  },
  {
    case: 'translation-bad-fingerprint',
    file: `${EP1}/en.mdx`,
    line: 6,
    field: 'translates.p2',
    includes: ['8-character fingerprint'],
  },

  // Panels
  {
    case: 'panel-not-defined',
    file: `${EP1}/fr.mdx`,
    line: 9,
    includes: [`<Panel id="grotte"> is not defined in ${EP1}/panels.yaml`, 'defined there: cave'],
  },
  // Only the YAML problem: not also "<Panel id="cave"> is not defined (defined there: none)".
  { case: 'panels-yaml-invalid', file: `${EP1}/panels.yaml`, line: 10, includes: ['not valid YAML'] },
  {
    case: 'panel-art-missing',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: [`the art file ${EP1}/art/cave.svg does not exist`],
  },
  {
    case: 'panel-art-empty',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['art/cave.svg is empty (0 bytes)'],
  },
  {
    case: 'panel-art-png-truncated',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['art/cave.png cannot be read as a PNG image'],
  },
  {
    case: 'panel-art-png-header-cut',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['art/cave.png cannot be read as a PNG image'],
  },
  {
    case: 'panel-art-png-too-large',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['20000×20000 pixels', 'megapixels'],
  },
  {
    case: 'panel-art-svg-too-large',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: [
      'art/cave.svg has width="20000" height="20000" on its <svg> root: it would render at 20000×20000 pixels, ' +
        '100 times its viewBox (300×200); the limits are 40 megapixels and 4 times the viewBox. ' +
        'Write width="300" height="200" instead, or remove width and height.',
    ],
  },
  {
    case: 'panel-art-outside-folder',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['must be inside the episode folder', '../../art/cover.svg'],
  },
  {
    case: 'svg-script',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['art/cave.svg line 2 contains a <script> element'],
  },
  {
    case: 'svg-onload',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['art/cave.svg line 1 contains an event handler attribute'],
  },
  {
    case: 'svg-foreign-object',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['art/cave.svg line 2 contains a <foreignObject> element'],
  },
  {
    case: 'svg-external-href',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['art/cave.svg line 2 contains a reference to another file or address'],
  },
  {
    case: 'svg-doctype-entity',
    file: `${EP1}/panels.yaml`,
    line: 3,
    field: 'panels.cave.art',
    includes: ['art/cave.svg line 2 contains a DOCTYPE or ENTITY declaration'],
  },
  {
    case: 'bubble-outside-art',
    file: `${EP1}/panels.yaml`,
    line: 18,
    field: 'panels.cave.bubbles.plus-tard.box',
    includes: ['goes outside the art, which is 300×200'],
  },
  {
    case: 'bubble-unknown-speaker',
    file: `${EP1}/panels.yaml`,
    line: 10,
    field: 'panels.cave.bubbles.noir.speaker',
    includes: ['unknown speaker "gee"', 'characters:'],
  },
  {
    case: 'bubble-speech-without-tail',
    file: `${EP1}/panels.yaml`,
    line: 8,
    field: 'panels.cave.bubbles.noir.tail',
    includes: ['speech bubble needs a tail'],
  },

  // Pages
  { case: 'page-unknown-language', file: 'content/pages/about.de.mdx', includes: ['unknown language "de"'] },
  {
    case: 'page-heading-level-1',
    file: 'content/pages/about.fr.mdx',
    line: 7,
    includes: ['a heading "# …" is a title', 'start sections with "## "'],
  },
];

/** Loads the book and returns the ContentError it must throw. */
function loadError(dir: string): ContentError {
  let book: Book | undefined;
  try {
    book = loadBook(dir);
  } catch (e) {
    if (!(e instanceof ContentError)) {
      assert.fail(
        `loadBook threw ${(e as Error)?.name}: ${(e as Error)?.message} instead of a ContentError (an author would see a stack trace)`,
      );
    }
    return e;
  }
  assert.fail(`loadBook accepted this book without any error (${book.episodes.length} episodes loaded)`);
}

const lineOk = (p: ContentProblem, line: Expected['line']) =>
  line === undefined || (Array.isArray(line) ? line.includes(p.line ?? -1) : p.line === line);

describe('broken books: one ContentError that says where and what', () => {
  test('every folder under books/bad/ has an expectation, and every expectation a folder', () => {
    const dirs = readdirSync(join(BOOKS, 'bad')).sort();
    const cases = CASES.map((c) => c.case).sort();
    assert.deepEqual(dirs, cases);
    assert.equal(new Set(cases).size, cases.length, 'a case is listed twice');
    assert.ok(cases.length >= 25);
  });

  for (const c of CASES) {
    test(c.case, () => {
      const err = loadError(join(BOOKS, 'bad', c.case));
      const all = err.problems.map(formatProblem);
      const sameFile = err.problems.filter((p) => p.file === c.file);
      assert.ok(sameFile.length, `no problem names ${c.file}; reported:\n  ${all.join('\n  ')}`);
      const match = sameFile.find(
        (p) =>
          lineOk(p, c.line) &&
          (c.field === undefined || p.field === c.field) &&
          c.includes.every((s) => formatProblem(p).includes(s)),
      );
      assert.ok(
        match,
        `expected a problem in ${c.file}` +
          (c.line !== undefined ? ` at line ${[c.line].flat().join(' or ')}` : '') +
          (c.field ? ` (field ${c.field})` : '') +
          ` saying ${c.includes.map((s) => JSON.stringify(s)).join(' and ')}; reported:\n  ${all.join('\n  ')}`,
      );
      const text = formatProblem(match);
      for (const bad of c.excludes ?? [])
        assert.ok(!text.includes(bad), `the explanation should not say "${bad}": ${text}`);
      // What the author sees is err.message: it carries the file:line of the problem.
      assert.ok(err.message.includes(text), 'the problem is in the error message');
      if (c.line !== undefined) assert.ok(err.message.includes(`${c.file}:${match.line}`));
      if (c.alone !== false) assert.deepEqual(all, [text], 'one thing is broken: one problem is expected');
    });
  }
});

describe('the minimal book', () => {
  test('loads, with its two episodes, one panel and the pages', () => {
    const book = loadBook(join(BOOKS, 'minimal'));
    assert.equal(book.settings.original, 'fr');
    assert.deepEqual(
      book.settings.languages.map((l) => l.code),
      ['fr', 'en'],
    );
    assert.deepEqual(
      book.episodes.map((e) => e.slug),
      ['1-la-cave', '2-le-grenier'],
    );
    const [cave, grenier] = book.episodes;
    assert.deepEqual(
      cave!.original.blocks.map((b) => b.type),
      ['paragraph', 'panel', 'paragraph', 'note', 'paragraph'],
    );
    assert.equal(cave!.panels.length, 1);
    const art = cave!.panels[0]!.frames[0]!;
    assert.deepEqual([art.format, art.width, art.height], ['svg', 300, 200]);
    assert.deepEqual(Object.keys(grenier!.translations), ['en']);
    assert.deepEqual(
      grenier!.translations.en!.blocks.map((b) => b.type),
      ['paragraph', 'untranslated', 'paragraph'],
    );
    assert.deepEqual(book.pages.map((p) => p.file).sort(), [
      'content/pages/about.en.mdx',
      'content/pages/about.fr.mdx',
    ]);
  });

  test('every problem is reported at once, in one error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'planches-two-problems-'));
    try {
      cpSync(join(BOOKS, 'minimal'), dir, { recursive: true });
      const fr = join(dir, EP1, 'fr.mdx');
      writeFileSync(fr, readFileSync(fr, 'utf8').replace('Il faisait noir', 'Il faisait <b>noir</b>'));
      const pages = join(dir, 'content/pages/about.en.mdx');
      writeFileSync(pages, readFileSync(pages, 'utf8').replace('## The authors', '# The authors'));
      const err = loadError(dir);
      assert.equal(err.problems.length, 2);
      assert.match(err.message, /^2 problems in the book's content:\n {2}- /);
      assert.ok(err.message.includes(`${EP1}/fr.mdx:7: <b> inside a paragraph`));
      assert.ok(err.message.includes('content/pages/about.en.mdx:7: a heading "# …" is a title'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('odd but valid books load', () => {
  test('CRLF line ends and a UTF-8 byte-order mark in every text file', () => {
    const book = loadBook(join(BOOKS, 'odd', 'crlf-bom'));
    const plain = loadBook(join(BOOKS, 'minimal'));
    assert.deepEqual(book.settings, plain.settings);
    assert.equal(book.episodes.length, 2);
    for (const [i, ep] of book.episodes.entries()) {
      const ref = plain.episodes[i]!;
      for (const t of [ep.original, ...Object.values(ep.translations)]) {
        assert.ok(!/[\r\uFEFF]/.test(t.title ?? ''), `CR or BOM in the title of ${t.file}`);
        assert.ok(!/[\r\uFEFF]/.test(t.summary ?? ''), `CR or BOM in the summary of ${t.file}`);
        for (const b of t.blocks)
          if (b.type === 'paragraph') assert.ok(!/[\r\uFEFF]/.test(b.raw), `CR or BOM in a paragraph of ${t.file}`);
      }
      // Same text, same fingerprints and same line numbers as the book saved with LF.
      assert.deepEqual(ep.original.blocks, ref.original.blocks);
      assert.deepEqual(ep.translations, ref.translations);
      assert.deepEqual(ep.panels, ref.panels);
    }
    assert.deepEqual(book.pages, plain.pages);
  });

  test('a title written in decomposed Unicode (NFD) loads', (t) => {
    const book = loadBook(join(BOOKS, 'odd', 'nfd-title'));
    const title = book.episodes[1]!.original.title;
    assert.equal(title.normalize('NFC'), 'Le grenier d’été');
    // Observed, not required: the loader keeps the title as typed (decomposed).
    t.diagnostic(
      `title kept as ${title === title.normalize('NFC') ? 'NFC' : 'NFD'} (${[...title].length} code points)`,
    );
  });

  test('an episode without a translation file loads, with no translation', () => {
    const book = loadBook(join(BOOKS, 'odd', 'missing-translation'));
    assert.deepEqual(Object.keys(book.episodes[1]!.translations), []);
    assert.deepEqual(Object.keys(book.episodes[0]!.translations), ['en']);
  });
});
