// The printed page: settings, geometry and the generated page rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mmToPt, pageGeometry, textArea } from '../../src/model/print/geometry.ts';
import { cssString, folioCounterStyle, pageCss, pageName } from '../../src/model/print/page-css.ts';
import { settingsSchema } from '../../src/model/schemas/settings.ts';

const minimal = {
  id: 'book',
  original: 'fr',
  languages: [{ code: 'fr', name: 'Français' }],
  title: { fr: 'Titre' },
  description: { fr: 'Description' },
  authors: [{ name: 'A', role: 'author' }],
  licence: { name: { fr: 'L' }, statement: { fr: 'S' }, url: 'https://example.org/' },
  site: { url: 'https://example.org' },
  cover: 'art/cover.svg',
  published: '2022-12-01',
};

test('the print settings default to A5 and accept a page size and margins', () => {
  const s = settingsSchema.parse(minimal);
  assert.equal(s.print.pageSize, 'A5');
  const a4 = settingsSchema.parse({ ...minimal, print: { pageSize: 'A4', margins: { inner: 25 } } });
  assert.equal(a4.print.pageSize, 'A4');
  assert.equal(pageGeometry(a4.print).margins.inner, 25);
  assert.equal(settingsSchema.safeParse({ ...minimal, print: { pageSize: 'A3' } }).success, false);
  assert.equal(
    settingsSchema.safeParse({ ...minimal, print: { margins: { top: 2 } } }).success,
    false,
    'a 2 mm margin is refused',
  );
  assert.equal(settingsSchema.safeParse({ ...minimal, print: { size: 'A5' } }).success, false, 'unknown field');
});

test('A5 geometry: 148 × 210 mm, a wider inner margin for the binding', () => {
  const g = pageGeometry({ pageSize: 'A5' });
  assert.equal(g.width, 148);
  assert.equal(g.height, 210);
  assert.ok(g.margins.inner > g.margins.outer);
  assert.ok(g.margins.bottom > g.margins.top, 'room for the page number at the foot');
  const area = textArea(g);
  assert.ok(area.width > 100 && area.width < 120, `text width ${area.width} mm`);
  assert.ok(Math.abs(mmToPt(148) - 419.53) < 0.01);
});

test('page rules: size, mirrored margins, running heads per episode, no heads on cover and title pages', () => {
  const css = pageCss({
    geometry: pageGeometry({ pageSize: 'A5' }),
    bookTitle: 'Le "Guide"',
    parts: [
      { id: 'episode-19', title: 'Donner de l’exercice' },
      { id: 'about', title: 'À propos' },
    ],
  });
  // Printed 0.4 mm larger at the outer edge and the foot, which the PDF step crops off (OVERSIZE):
  // an image that reaches the trimmed edge leaves no white sliver there.
  assert.match(css, /@page \{\s*size: 148\.4mm 210\.4mm;/);
  assert.match(css, /@page :left \{[^}]*margin-left: 13\.5mm; margin-right: 18\.9mm;/);
  assert.match(css, /@page :right \{[^}]*margin-left: 18\.5mm; margin-right: 13\.9mm;/);
  assert.match(css, /@top-left \{ content: "Le \\"Guide\\""/, 'book title on left pages, quotes escaped');
  assert.match(css, /@page part-episode-19:right \{ @top-right \{ content: "Donner de l’exercice"/);
  assert.match(css, /#episode-19 \{ page: part-episode-19; \}/);
  assert.match(css, /#about \{ page: part-about; \}/);
  for (const name of ['cover', 'bare']) {
    const block = css.slice(css.indexOf(`@page ${name} {`));
    const body = block.slice(0, block.indexOf('\n}'));
    for (const box of ['top-left', 'top-right', 'bottom-left', 'bottom-right'])
      assert.match(body, new RegExp(`@${box} \\{ content: none; \\}`), `${name}: ${box}`);
  }
  assert.match(css, /@page front:right \{[^}]*counter\(page, lower-roman\)/);
  assert.match(css, /--text-height: /);
});

test('CSS strings and page names are safe', () => {
  assert.equal(cssString('a\\b"c\nd'), '"a\\\\b\\"c\\A d"');
  assert.equal(pageName('episode-19'), 'part-episode-19');
  assert.equal(pageName('a b'), 'part-a_b');
});

test('the folio counter style numbers the body from 1', () => {
  const css = folioCounterStyle(7, 3);
  assert.equal(css, '@counter-style planches-folio { system: fixed 7; symbols: "1" "2" "3"; fallback: decimal; }');
});
