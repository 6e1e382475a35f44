// The EPUB's cmap check (src/outputs/epub/font-coverage.ts, checkFontCoverage in index.ts): every
// character of the body text is in an embedded font, or the build fails naming where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import { describeCoverage, fontCodePoints, uncoveredCharacters } from '../../src/outputs/epub/font-coverage.ts';
import { checkFontCoverage } from '../../src/outputs/epub/index.ts';
import { writeZip } from '../../src/outputs/zip.ts';
import { subsetWithNarrowSpace } from '../../src/fonts/make.ts';

const require = createRequire(import.meta.url);
const literata = readFileSync(require.resolve('@fontsource/literata/files/literata-latin-400-normal.woff2'));
const font = async (text: string) => subsetFont(literata, text, { targetFormat: 'woff2' });

const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Ωmega</title></head>
<body>
${body}
</body></html>`;

test('a character in none of the fonts is reported with its document, line, code point and context', async () => {
  const cps = fontCodePoints(await font('Le chat dort. ,'));
  const problems = uncoveredCharacters(
    [
      {
        name: 'OEBPS/episode-19.xhtml',
        xhtml: doc('<p>Le chat dort.</p>\n<p class="x">Le chat\u202fdort&#x202F;.</p>'),
      },
    ],
    [cps],
  );
  assert.deepEqual(
    problems.map((p) => [p.document, p.line, p.codePoint, p.context]),
    [
      ['OEBPS/episode-19.xhtml', 5, 0x202f, 'Le chat\u202fdort\u202f.'],
      ['OEBPS/episode-19.xhtml', 5, 0x202f, 'Le chat\u202fdort\u202f.'],
    ],
  );
  assert.equal(
    describeCoverage(problems[0]!),
    'OEBPS/episode-19.xhtml:5: "\u202f" (U+202F) is in none of the embedded fonts, in "Le chat\u202fdort\u202f."',
  );
});

test('in scope: body text only; emoji and default-ignorable characters are not asked of the fonts', async () => {
  const cps = fontCodePoints(await font('Hello '));
  const xhtml = doc(
    '<!-- Ω --><p title="Ω" aria-label="Ω">Hel\u00adlo 🐹 👍🏽 🇫🇷 \u200d\ufe0f</p><img alt="Ω" src="a.svg"/>',
  );
  assert.deepEqual(uncoveredCharacters([{ name: 'a.xhtml', xhtml }], [cps]), []);
  // The same text with a character the font lacks is caught, whichever of the fonts is asked.
  const bad = [{ name: 'a.xhtml', xhtml: doc('<p>Hello œ</p>') }];
  assert.equal(uncoveredCharacters(bad, [cps]).length, 1);
  assert.deepEqual(uncoveredCharacters(bad, [cps, fontCodePoints(await font('œ'))]), []);
});

/** A minimal EPUB: one font holding `text` (made by the font pipeline when `pipeline`), one document with `body`. */
const epub = async (body: string, text: string, pipeline = false) =>
  writeZip(
    [
      { name: 'mimetype', data: Buffer.from('application/epub+zip'), store: true },
      {
        name: 'OEBPS/fonts/literata.woff2',
        data: pipeline ? await subsetWithNarrowSpace(literata, text) : await font(text),
        store: true,
      },
      { name: 'OEBPS/about.xhtml', data: Buffer.from(doc(body)) },
    ],
    new Date(0),
  );
const fail = (message: string): never => {
  throw new Error(message);
};

test('checkFontCoverage reads the EPUB itself and fails the build naming the document', async () => {
  // Literata subset as it comes lacks U+202F; the pipeline's face (src/fonts/cmap.ts) has it.
  const bad = await epub('<p>Un\u202f%</p>', 'Un\u202f%');
  checkFontCoverage(await epub('<p>Un\u202f%</p>', 'Un\u202f%', true), fail);
  assert.throws(
    () => checkFontCoverage(bad, fail),
    /1 character\(s\)[\s\S]*OEBPS\/about\.xhtml:4: "\u202f" \(U\+202F\)/,
  );
});
