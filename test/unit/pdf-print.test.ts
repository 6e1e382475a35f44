// The PDF for a printer, its pure parts: the cover sheet's size (spine from the page count and the
// paper's thickness, bleed all round) and the widow and orphan detector the end-to-end tests and
// scripts/measure-pdf.ts rely on, on lines whose breaks are known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageGeometry } from '../../src/model/print/geometry.ts';
import { coverCss, coverSheet, MIN_SPINE_TEXT } from '../../src/outputs/pdf/cover.ts';
import { spacing, widowsAndOrphans, type BookGeometry } from '../../src/outputs/pdf/measure/analyse.ts';
import type { Line, TextPage } from '../../src/outputs/pdf/measure/bbox.ts';

const a5 = pageGeometry({ pageSize: 'A5' });

test('cover: the spine is the number of leaves times the paper thickness, the bleed all round', () => {
  const s = coverSheet(a5, 32, 0.1, 3);
  assert.equal(s.spine, 1.6);
  assert.equal(s.width, 2 * 148 + 1.6 + 6);
  assert.equal(s.height, 210 + 6);
  assert.deepEqual(s.page, { width: 148, height: 210 });
  // An odd page count still takes a whole leaf; the thickness is rounded to 1/100 mm.
  assert.equal(coverSheet(a5, 33, 0.1, 3).spine, 1.7);
  assert.equal(coverSheet(a5, 28, 0.07, 0).spine, 0.98);
  assert.equal(coverSheet(a5, 28, 0.07, 0).width, 296.98);
  assert.equal(coverSheet(a5, 400, 0.1, 5).spine, 20);
});

test('cover: no sheet for no pages or a broken count', () => {
  assert.throws(() => coverSheet(a5, 0, 0.1, 3), /no cover for 0 pages/);
  assert.throws(() => coverSheet(a5, 2.5, 0.1, 3), RangeError);
});

test('cover: the spine text only where the spine can carry it', () => {
  const thin = coverCss(coverSheet(a5, 32, 0.1, 3), 0);
  const thick = coverCss(coverSheet(a5, 2 * Math.ceil(MIN_SPINE_TEXT / 0.1), 0.1, 3), 0);
  assert.match(thin, /\.print-cover__spine-text \{ display: none; \}/);
  assert.doesNotMatch(thick, /spine-text/);
  assert.match(thin, /@page \{ size: 303\.6mm 216mm; margin: 0; \}/);
  assert.match(thin, /--bleed: 3mm; --spine: 1\.6mm/);
});

// A page of 300 × 400 pt, text block 50–250 wide on every page, 50–350 high, lines 14 pt apart.
const g: BookGeometry = { width: 300, height: 400, margins: { top: 50, bottom: 50, inner: 50, outer: 50 } };
const line = (y: number, text: string, { indent = 0, short = false } = {}): Line => {
  const words = text.split(' ');
  const xMin = 50 + indent;
  const xMax = short ? 150 : 250;
  const step = (xMax - xMin) / words.length;
  return {
    xMin,
    xMax,
    yMin: y,
    yMax: y + 10,
    block: 0,
    words: words.map((w, i) => ({ text: w, xMin: xMin + i * step, xMax: xMin + (i + 1) * step - 4 })),
  };
};
/** A page full of justified lines of one paragraph, with `first`/`last` lines replacing its ends. */
const page = (number: number, lines: Line[]): TextPage => ({ number, width: 300, height: 400, lines });
const full = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => line(from + i * 14, `suite du texte ligne ${i} pleine`));
const ink = (pages: TextPage[]) => pages.map((p) => ({ top: p.lines[0]!.yMin, bottom: p.lines.at(-1)!.yMax }));

test('detector: a page opening with the last line of a paragraph is a widow', () => {
  const pages = [
    page(1, full(50, 21)),
    page(2, [
      line(50, 'monde.', { short: true }),
      line(64, 'Nouveau paragraphe qui commence', { indent: 12 }),
      ...full(78, 19),
    ]),
  ];
  const r = widowsAndOrphans(pages, ink(pages), g, () => true);
  assert.deepEqual(r.widows, [{ page: 2, text: 'monde.' }]);
  assert.deepEqual(r.orphans, []);
});

test('detector: a page ending with the first line of a paragraph is an orphan', () => {
  const pages = [
    page(1, [...full(50, 20), line(330, 'Un paragraphe commence ici', { indent: 12 })]),
    page(2, full(50, 21)),
  ];
  const r = widowsAndOrphans(pages, ink(pages), g, () => true);
  assert.deepEqual(r.orphans, [{ page: 1, text: 'Un paragraphe commence ici' }]);
  assert.deepEqual(r.widows, []);
});

test('detector: two lines carried over, a new paragraph at the top, or another part: nothing', () => {
  const twoLines = [
    page(1, full(50, 21)),
    page(2, [
      line(50, 'encore une ligne pleine du texte'),
      line(64, 'monde.', { short: true }),
      line(78, 'Nouveau paragraphe qui commence', { indent: 12 }),
      ...full(92, 18),
    ]),
  ];
  assert.deepEqual(
    widowsAndOrphans(twoLines, ink(twoLines), g, () => true),
    { widows: [], orphans: [] },
  );
  const newParagraph = [page(1, full(50, 21)), page(2, [line(50, 'Un paragraphe', { indent: 12 }), ...full(64, 20)])];
  assert.deepEqual(
    widowsAndOrphans(newParagraph, ink(newParagraph), g, () => true),
    { widows: [], orphans: [] },
  );
  const widow = [page(1, full(50, 21)), page(2, [line(50, 'monde.', { short: true }), ...full(64, 20)])];
  assert.equal(
    widowsAndOrphans(widow, ink(widow), g, () => true).widows.length,
    0,
    'a short line followed by more of the same paragraph',
  );
  // A panel above page 2's first line (ink starts well above it): no run-on, so no widow.
  const panel = [
    page(1, full(50, 21)),
    page(2, [line(200, 'monde.', { short: true }), line(214, 'Nouveau paragraphe', { indent: 12 })]),
  ];
  const panelInk = [ink(panel)[0]!, { top: 50, bottom: 224 }];
  assert.deepEqual(widowsAndOrphans(panel, panelInk, g, () => true).widows, []);
  // The same widow across the end of a part does not count.
  const end = [
    page(1, full(50, 21)),
    page(2, [line(50, 'monde.', { short: true }), line(64, 'Nouveau paragraphe qui commence', { indent: 12 })]),
  ];
  assert.deepEqual(widowsAndOrphans(end, ink(end), g, () => false).widows, []);
  assert.equal(widowsAndOrphans(end, ink(end), g, () => true).widows.length, 1);
});

test('spacing: a heading that runs the block’s width is not a loose justified line', () => {
  const body = full(80, 12);
  // A 24 pt title across the block, its word spaces three times the body’s.
  const title: Line = {
    xMin: 50,
    xMax: 250,
    yMin: 50,
    yMax: 74,
    block: 0,
    words: ['Conclusion', ':', 'le', 'SWOT'].map((text, i) => ({ text, xMin: 50 + i * 50, xMax: 50 + i * 50 + 20 })),
  };
  const figures = spacing([page(1, [title, ...body])], g);
  assert.equal(figures.fullLines, 12);
  assert.equal(figures.veryLoose, 0);
  // The same words at body height are a very loose line.
  const loose = spacing([page(1, [{ ...title, yMax: 60 }, ...body])], g);
  assert.equal(loose.fullLines, 13);
  assert.equal(loose.veryLoose, 1);
});
