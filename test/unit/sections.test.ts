// Sections, lists, figures, language marks (issue 25): the parser, translation mirroring, unit ids
// and fingerprints, the view's statuses and anchors, slugs, French numbers, bubble glyph coverage,
// licences, the nested PDF outline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, type PDFNumber, type PDFRef } from 'pdf-lib';
import { parseBody } from '../../src/model/episode/blocks.ts';
import { translatedUnits, unitIds } from '../../src/model/episode/units.ts';
import { loadBook } from '../../src/model/book.ts';
import type { ContentError } from '../../src/model/errors.ts';
import { episodeView } from '../../src/model/views/episode.ts';
import { licenceUrl } from '../../src/model/views/text-blocks.ts';
import { slugify } from '../../src/shared/slug.ts';
import { NNBSP, typographize } from '../../src/shared/typography.ts';
import { loadFont, missingGlyphs } from '../../src/images/text-layout.ts';
import { BUBBLE_FONT } from '../../src/images/render.ts';
import { setOutline } from '../../src/outputs/pdf/finish.ts';
import { stampTranslation } from '../../src/authoring/stamp.ts';
import { episodeStatus } from '../../src/authoring/status.ts';

const parse = (body: string) => parseBody(body, 'x.mdx', 4);

test('headings, nested lists, figures and language marks are read, with lines and fingerprints', () => {
  const { blocks, problems } = parse(
    [
      '## Les *sens*',
      '',
      '1. Premier',
      '2. Second',
      '   - sous-point <Lang en>in English</Lang>',
      '',
      '### Sous-section',
      '',
      '<Figure src="figures/a.png" alt="Une assiette" credit="Gee" licence="CC BY 4.0">',
      'Une *légende*',
      '</Figure>',
      '',
      '<Lang la>Alea jacta est.</Lang>',
    ].join('\n'),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    blocks.map((b) => `${b.type}@${b.line}`),
    ['heading@5', 'list@7', 'heading@11', 'figure@13', 'paragraph@17'],
  );
  const list = blocks[1]!;
  assert.ok(list.type === 'list' && list.ordered && list.items.length === 2);
  assert.equal(list.items[1]?.list?.items[0]?.inlines[1]?.type, 'lang');
  const fig = blocks[3]!;
  assert.ok(fig.type === 'figure');
  assert.equal(fig.caption?.raw, 'Une *légende*');
  assert.equal(fig.licence, 'CC BY 4.0');
  const p = blocks[4]!;
  assert.ok(p.type === 'paragraph' && p.inlines[0]?.type === 'lang' && p.inlines[0].lang === 'la');
  assert.deepEqual(
    unitIds(blocks).map((u) => u.id),
    ['h1', 'l1', 'h2', 'f1', 'p1'],
  );
  assert.deepEqual(unitIds(blocks)[1]!.items, [{ id: 'i1' }, { id: 'i2', list: [{ id: 'i3' }] }]);
});

test('what cannot be written is refused with the line and what to write', () => {
  const cases: Array<[string, RegExp]> = [
    ['# Titre', /a heading "# …" is a title/],
    ['#### Trop profond', /headings go two levels deep/],
    ['- un\n\n  deux paragraphes', /a list item holds one paragraph/],
    ['- a\n  - b\n    - c\n      - d', /lists nest 3 levels deep at most/],
    ['Un <Lang xx-1>mot</Lang>.', /"xx-1" is not a language code/],
    ['Un <Lang>mot</Lang>.', /names one language/],
    ['<Figure src="../a.png" alt="x" />', /a file inside the episode folder/],
    ['<Figure src="a.png" alt="x" licence="CC BY 4.0" />', /has a licence but no credit/],
    ['<Figure src="a.png" alt="x" source="ftp://x" />', /the source is the https:\/\/ address/],
    [
      '<Figure src="a.png" alt="x" source="http://x.example/" />',
      /<Figure source="…">: "http:\/\/x\.example\/" uses plain http, which is refused/,
    ],
    ['Un <Untranslated /> ici.', /<Untranslated \/> stands alone/],
  ];
  for (const [body, re] of cases) {
    const { problems } = parse(body);
    assert.ok(problems.length >= 1, body);
    assert.match(problems[0]!.message, re, body);
    // The line of the part at fault: the second paragraph of the item, the fourth level.
    const line = body.includes('deux paragraphes') ? 7 : body.includes('- d') ? 8 : 5;
    assert.equal(problems[0]!.line, line, body);
  }
});

/** A copy of the sections fixture, to edit. */
function sectionsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'planches-sections-'));
  cpSync('test/fixtures/books/sections/content', join(dir, 'content'), { recursive: true });
  return dir;
}
const EP2 = 'content/episodes/2-physiologie-du-gout';

test('a translation mirrors headings and lists; a missing item is reported with its place', () => {
  const dir = sectionsCopy();
  try {
    const en = join(dir, EP2, 'en.mdx');
    writeFileSync(en, readFileSync(en, 'utf8').replace(/^- Smell, .*\n/m, ''));
    assert.throws(
      () => loadBook(dir),
      (e: ContentError) =>
        e.problems.some(
          (p) =>
            p.file === `${EP2}/en.mdx` &&
            /the original has a bullet list of 6 item\(s\) where the translation has a bullet list of 5/.test(
              p.message,
            ),
        ),
    );
    writeFileSync(en, readFileSync(en, 'utf8').replace('### How Many Senses', '## How Many Senses'));
    assert.throws(() => loadBook(dir), /a heading "### …" where the translation has a heading "## …"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('headings, list items and figure texts have a status and a stamp, like paragraphs', () => {
  const dir = sectionsCopy();
  try {
    const en = join(dir, EP2, 'en.mdx');
    let text = readFileSync(en, 'utf8');
    text = text.replace('### How Many Senses', '### <Untranslated />').replace(/^- Touch, .*$/m, '- <Untranslated />');
    writeFileSync(en, text);
    let book = loadBook(dir);
    let ep = book.episodes[1]!;
    const view = episodeView(book, ep, 'en');
    const h = view.blocks.find((b) => b.type === 'heading' && b.id === 'h3');
    assert.ok(h?.type === 'heading' && h.status === 'untranslated' && h.lang === 'fr' && h.text === 'Nombre des sens');
    assert.equal(h.anchor, 'nombre-des-sens', 'an untranslated heading takes the anchor of the text shown');
    const parts = episodeStatus(book, ep, 'en').parts;
    assert.deepEqual(
      parts.filter((p) => p.status === 'untranslated').map((p) => p.part),
      ['h3', 'i25', 'f1.alt'].filter((x) => x !== 'f1.alt'),
    );
    assert.ok(parts.some((p) => p.part === 'f1.credit' && p.status === 'translated'));
    // Stamp, then change the French aphorism 4: that item, and only it, is outdated.
    stampTranslation(book, ep, 'en');
    const stamped = readFileSync(en, 'utf8');
    assert.match(stamped, /i4: [0-9a-f]{8}/);
    assert.match(stamped, /h1: [0-9a-f]{8}/);
    assert.match(stamped, /f1\.alt: [0-9a-f]{8}/);
    assert.doesNotMatch(stamped, /h3:|i25:/, 'untranslated parts get no stamp');
    const fr = join(dir, EP2, 'fr.mdx');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace('je te dirai ce que tu es.', 'je te dirai qui tu es.'));
    book = loadBook(dir);
    ep = book.episodes[1]!;
    const outdated = episodeStatus(book, ep, 'en').parts.filter((p) => p.status === 'outdated');
    assert.deepEqual(
      outdated.map((p) => p.part),
      ['i4'],
    );
    assert.deepEqual(translatedUnits(ep.original.blocks, ep.original.blocks).get('i4')?.length, 8);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('slugs are cut at a word boundary', () => {
  const title = 'Framasoft 2022 : une casserole mijotée grâce à vous, grâce à vos dons';
  const s = slugify(title);
  // The full slug is 61 characters: the last word goes whole, not cut to "v" (the "grace-a-v").
  assert.equal(s, 'framasoft-2022-une-casserole-mijotee-grace-a-vous-grace-a');
  assert.ok(s.length <= 60 && title.length > 60);
  assert.equal(slugify('Anticonstitutionnellement'.repeat(4)).length, 60, 'one long word is cut');
});

test('French numbers: narrow no-break spaces in numbers and before % and currency; idempotent; never in addresses', () => {
  const fr = (s: string) => typographize(s, 'fr');
  const n = NNBSP;
  assert.equal(fr('98 % des dons'), `98${n}% des dons`);
  assert.equal(fr('86% des particuliers'), `86${n}% des particuliers`);
  assert.equal(fr('50 000 € et 1 000 000 $'), `50${n}000${n}€ et 1${n}000${n}000${n}$`);
  assert.equal(fr('1\u00A0000 personnes'), `1${n}000 personnes`);
  assert.equal(fr('en 2022 150 personnes'), 'en 2022 150 personnes', 'a year is not a group of three');
  assert.equal(fr('3,5 % et 1 234,56 €'), `3,5${n}% et 1${n}234,56${n}€`);
  assert.equal(fr('https://ex.org/a?x=10%20&y=1 000'), 'https://ex.org/a?x=10%20&y=1 000');
  for (const s of ['98 % de 50 000 €', 'le 1 000e', 'À 10:30, 12 000 places']) assert.equal(fr(fr(s)), fr(s));
  assert.equal(typographize('98 % of 50 000', 'en'), '98 % of 50 000', 'English is left alone');
});

test('bubble glyph coverage: the characters the bubble font lacks are named, with a look-alike', () => {
  const font = loadFont(BUBBLE_FONT).font;
  assert.deepEqual(missingGlyphs(font, 'Les contributeur⋅ices ➡ 🦆 « bravo ! »'), [
    { char: '⋅', code: 'U+22C5', instead: '·' },
    { char: '➡', code: 'U+27A1', instead: '->' },
    { char: '🦆', code: 'U+1F986' },
  ]);
  assert.deepEqual(missingGlyphs(font, 'Tout va bien : « oui ! » — 50\u202F%'), []);
});

test('licences are linked when known', () => {
  assert.equal(licenceUrl('CC BY 4.0'), 'https://creativecommons.org/licenses/by/4.0/');
  assert.equal(licenceUrl('CC BY-SA 3.0'), 'https://creativecommons.org/licenses/by-sa/3.0/');
  assert.equal(licenceUrl('CC0'), 'https://creativecommons.org/publicdomain/zero/1.0/');
  assert.equal(licenceUrl('Art Libre'), undefined);
});

test('the PDF outline nests sections under their part, closed', async () => {
  const doc = await PDFDocument.create();
  const pages = [doc.addPage(), doc.addPage()];
  const dest = (i: number) => ({ page: i, array: doc.context.obj([pages[i]!.ref, 'XYZ', 0, 0, 0]) });
  const dests = new Map([
    ['a', dest(0)],
    ['s1', dest(1)],
    ['s2', dest(1)],
  ]);
  setOutline(
    doc,
    [{ title: 'A', dest: 'a', children: [{ title: 'S1', dest: 's1', children: [{ title: 'S2', dest: 's2' }] }] }],
    dests,
  );
  const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
  const a = doc.context.lookup(root.get(PDFName.of('First')) as PDFRef, PDFDict);
  assert.equal((a.get(PDFName.of('Count')) as PDFNumber).asNumber(), -1, 'closed, one child');
  const s1 = doc.context.lookup(a.get(PDFName.of('First')) as PDFRef, PDFDict);
  assert.ok(s1.get(PDFName.of('First')), 'sub-sections under their section');
  assert.throws(() => setOutline(doc, [{ title: 'X', dest: 'nowhere' }], dests), /#nowhere/);
});
