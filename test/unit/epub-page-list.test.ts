// The print edition's page numbers in the EPUB: the PDF's page map (src/outputs/pdf/page-map.ts)
// and the page-break markers the cutter places from it (src/outputs/epub/page-breaks.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageMarks, type PageMark, type PlacedEntry } from '../../src/outputs/pdf/page-map.ts';
import { cutPrintEdition } from '../../src/outputs/epub/chapters.ts';
import { playOrder } from '../../src/outputs/epub/generator.ts';

const entry = (part: string, id: string, start: number, end = start): PlacedEntry => ({
  part,
  id,
  isPart: part === id,
  start,
  end,
});

test('pageMarks: a mark per page with content; a run-on page marked at the next block; blank pages skipped', () => {
  const entries = [
    entry('cover', 'cover', 0),
    entry('ep', 'ep', 2),
    entry('ep', 'p1', 2),
    entry('ep', 'p2', 2, 4), // runs over page 3 onto page 4
    entry('ep', 'fig', 4),
    entry('ep', 'p3', 4, 5), // the part's last block runs onto page 5
    entry('about', 'about', 7),
  ];
  const marks = pageMarks(entries, 8, (i) => String(i + 1));
  assert.deepEqual(
    marks.map((m) => [m.label, m.part, m.targets.map((t) => `${t.where}:${t.id}`).join(' ')]),
    [
      ['1', 'cover', 'start:cover'],
      ['3', 'ep', 'start:ep before:p1 before:p2 before:fig before:p3'],
      ['4', 'ep', 'before:fig before:p3'], // p2 runs on over it, nothing starts: marked at the next block
      ['5', 'ep', 'before:fig before:p3'],
      ['6', 'ep', ''], // p3, the part's last block, runs on: the mark goes to the part's end
      // Page 7 is blank (nothing starts or runs on): no mark.
      ['8', 'about', 'start:about'],
    ],
  );
});

let out: string;
before(() => {
  out = mkdtempSync(join(tmpdir(), 'planches-pages-'));
  mkdirSync(join(out, 'panels'));
  writeFileSync(join(out, 'panels', 'cage.en.1.png'), 'x');
});
after(() => rmSync(out, { recursive: true, force: true }));

const BOOK = `<!DOCTYPE html><html lang="en"><head><title>B</title></head><body>
<section class="book-title" id="title-page" data-part="title"><h1>B</h1></section>
<nav id="contents" data-part="contents"><h2>Contents</h2></nav>
<article class="chapter" id="episode-1" data-part="episode" data-episode="1" data-title="One"><header class="chapter__header"><h2 class="chapter__title">One</h2></header><div class="episode-body"><p id="e1-p1">A.</p><figure class="panel" id="panel-cage"><img src="/panels/cage.en.1.png" alt="A cage."></figure><p id="e1-p2">B.</p><p data-print-only>QR</p><p id="e1-p3">C.</p></div></article>
<section class="book-about" id="about" data-part="about"><h2>About</h2><p>One.</p><p>Two.</p></section>
</body></html>`;

const cut = (marks: PageMark[]) =>
  cutPrintEdition(BOOK, {
    lang: 'en',
    base: '/',
    siteUrl: 'https://b.example',
    outDir: out,
    labels: { cover: 'Cover', episode: (n, t) => `Episode ${n}: ${t}` },
    pageMarks: marks,
  });
const m = (label: string, part: string, ...targets: string[]): PageMark => ({
  label,
  part,
  targets: targets.map((t) => ({ id: t.replace(/^\^/, ''), where: t.startsWith('^') ? 'start' : 'before' })),
});
const SPAN = (n: string) => `<span role="doc-pagebreak" id="page-${n}" title="${n}" epub:type="pagebreak"></span>`;

test('markers go where the page map says: part starts, before blocks, the block ids the PDF step gives', () => {
  const book = cut([
    m('iii', 'title-page', '^title-page'),
    m('v', 'contents', '^contents'),
    m('1', 'episode-1', '^episode-1', 'episode-1-b0'),
    m('2', 'episode-1', 'e1-p2', 'episode-1-b4', 'e1-p3'),
    // The print-only block (episode-1-b4) is not in the EPUB: the page begins at the next one.
    m('3', 'episode-1', 'episode-1-b4', 'e1-p3'),
    m('4', 'about', '^about', 'about-b0'),
    m('5', 'about', 'about-b2'),
    m('6', 'about'),
  ]);
  assert.deepEqual(
    book.pageBreaks.map((b) => `${b.label}@${b.file}#${b.id}`),
    [
      'iii@title.xhtml#page-iii',
      '1@episode-1.xhtml#page-1',
      '2@episode-1.xhtml#page-2',
      '3@episode-1.xhtml#page-3',
      '4@about.xhtml#page-4',
      '5@about.xhtml#page-5',
      '6@about.xhtml#page-6',
    ],
  );
  const xhtml = (f: string) => book.parts.find((p) => p.file === f)!.xhtml;
  assert.match(xhtml('title.xhtml'), new RegExp(`^<section [^>]*>${SPAN('iii')}<h1`));
  const ep = xhtml('episode-1.xhtml');
  assert.ok(
    ep.includes(`<section class="chapter" id="episode-1" epub:type="chapter" role="doc-chapter">${SPAN('1')}<header`),
    ep,
  );
  assert.ok(ep.includes(`${SPAN('2')}<p id="e1-p2">B.</p>${SPAN('3')}<p id="e1-p3">`), ep);
  const about = xhtml('about.xhtml');
  assert.ok(
    about.includes(`<p id="about-b1">One.</p>${SPAN('5')}<p id="about-b2">Two.</p>${SPAN('6')}</section>`),
    about,
  );
});

test('a page never begins before the previous one (a block the make-up moved): it begins at it', () => {
  // Page 2 begins at the panel in print, but the panel comes before e1-p2 (page 1's mark) in the EPUB.
  const book = cut([m('1', 'episode-1', 'e1-p2'), m('2', 'episode-1', 'panel-cage')]);
  const ep = book.parts.find((p) => p.file === 'episode-1.xhtml')!.xhtml;
  assert.ok(ep.includes(`${SPAN('1')}${SPAN('2')}<p id="e1-p2">`), ep);
});

test('without a page map there are no markers and no new ids', () => {
  const book = cutPrintEdition(BOOK, {
    lang: 'en',
    base: '/',
    siteUrl: 'https://b.example',
    outDir: out,
    labels: { cover: 'Cover', episode: (n, t) => `Episode ${n}: ${t}` },
  });
  assert.deepEqual(book.pageBreaks, []);
  assert.ok(!book.parts.some((p) => /pagebreak|-b\d/.test(p.xhtml)));
});

test('a page given twice is refused', () => {
  assert.throws(() => cut([m('1', 'episode-1', 'e1-p1'), m('1', 'episode-1', 'e1-p2')]), /page 1 twice/);
});

test('the NCX numbers navigation points and page targets together, in reading order', () => {
  const book = cut([
    m('iii', 'title-page', '^title-page'),
    m('1', 'episode-1', '^episode-1'),
    m('2', 'episode-1', 'e1-p2'),
    m('3', 'about', '^about'),
  ]);
  assert.deepEqual(Object.entries(playOrder(book)), [
    ['title.xhtml#page-iii', 1],
    ['episode-1.xhtml', 2],
    ['episode-1.xhtml#page-1', 3],
    ['episode-1.xhtml#page-2', 4],
    ['about.xhtml', 5],
    ['about.xhtml#page-3', 6],
  ]);
});
