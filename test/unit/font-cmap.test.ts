// The cmap reader and writer (src/fonts/cmap.ts) and the pipeline's subset faces drawing U+202F
// (src/fonts/make.ts), checked with fontkit, which reads the font as a reading system would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import {
  aliasCodePoint,
  type CharMap,
  NARROW_NO_BREAK_SPACE_SOURCES,
  readCmap,
  replaceTable,
  sfntTables,
  writeCmap,
} from '../../src/fonts/cmap.ts';
import { subsetWithNarrowSpace } from '../../src/fonts/make.ts';
import { FACES } from '../../src/fonts/faces.ts';

const require = createRequire(import.meta.url);
type Font = { hasGlyphForCodePoint(cp: number): boolean; glyphForCodePoint(cp: number): { id: number } };
const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as unknown as Font;
const literata = readFileSync(require.resolve('@fontsource/literata/files/literata-latin-400-normal.woff2'));
const TEXT = 'Le 1\u202f000\u202f% « oui » — thin\u2009space, nbsp\u00a0!';

test('writeCmap and readCmap round-trip format 4 and format 12 maps', () => {
  const map: CharMap = new Map([
    [0x20, 1],
    [0x41, 2],
    [0x42, 3],
    [0x43, 4],
    [0x61, 9],
    [0xe9, 5],
    [0x202f, 1],
    [0xfffd, 7],
    [0x1f600, 8],
    [0x1f601, 10],
  ]);
  assert.deepEqual(
    [...readCmap(writeCmap(map))].sort((a, b) => a[0] - b[0]),
    [...map].sort((a, b) => a[0] - b[0]),
  );
  const bmp: CharMap = new Map([...map].filter(([cp]) => cp <= 0xffff));
  const table = writeCmap(bmp);
  // BMP only: two encoding records (0/3, 3/1) sharing one format 4 subtable.
  assert.equal(new DataView(table.buffer).getUint16(2), 2);
  assert.deepEqual(
    [...readCmap(table)].sort((a, b) => a[0] - b[0]),
    [...bmp].sort((a, b) => a[0] - b[0]),
  );
});

test('aliasCodePoint maps U+202F to the thin space glyph in a real subset font, checksums intact', async () => {
  const sfnt = await subsetFont(literata, TEXT.replace(/\u202f/g, ''), { targetFormat: 'truetype' });
  assert.equal(open(sfnt).hasGlyphForCodePoint(0x202f), false, 'Literata has no U+202F of its own');
  const patched = aliasCodePoint(sfnt, 0x202f, NARROW_NO_BREAK_SPACE_SOURCES);
  const font = open(patched);
  assert.equal(font.hasGlyphForCodePoint(0x202f), true);
  assert.equal(font.glyphForCodePoint(0x202f).id, font.glyphForCodePoint(0x2009).id);
  assert.equal(font.glyphForCodePoint(0x41).id, open(sfnt).glyphForCodePoint(0x41).id, 'other mappings kept');
  // Every table's checksum, and the whole font's (head.checkSumAdjustment), as the spec computes them.
  const v = new DataView(patched.buffer, patched.byteOffset);
  const sum = (from: number, length: number) => {
    let s = 0;
    for (let i = 0; i < Math.ceil(length / 4) * 4; i += 4) s = (s + v.getUint32(from + i)) >>> 0;
    return s;
  };
  for (const [i, t] of sfntTables(patched).entries()) {
    const stored = v.getUint32(12 + i * 16 + 4);
    const adjust = t.tag === 'head' ? v.getUint32(t.offset + 8) : 0;
    assert.equal(stored, (sum(t.offset, t.length) - adjust) >>> 0, `${t.tag} checksum`);
  }
  assert.equal(sum(0, patched.byteLength), 0xb1b0afba);
  // A font that maps it already, or has no source glyph, is left as it was.
  assert.equal(aliasCodePoint(patched, 0x202f, [0x2009]), patched);
  assert.equal(aliasCodePoint(sfnt, 0x202f, [0x2003]), sfnt);
});

test('replaceTable refuses a font without the table and a WOFF2 file', () => {
  assert.throws(() => sfntTables(literata), /not an sfnt font/);
  assert.throws(
    () => replaceTable(new Uint8Array([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 'cmap', new Uint8Array(4)),
    /no cmap/,
  );
});

test('every face of every role, subset by the pipeline, draws U+202F (WOFF2 out)', async () => {
  const faces = new Map(Object.values(FACES).flatMap((list) => list.map((f) => [f.name, f] as const)));
  for (const face of faces.values()) {
    const out = await subsetWithNarrowSpace(readFileSync(face.source), TEXT, face.axes);
    assert.equal(out.subarray(0, 4).toString('latin1'), 'wOF2', face.name);
    const font = open(out);
    assert.ok(font.hasGlyphForCodePoint(0x202f), `${face.name} draws U+202F`);
    const from = NARROW_NO_BREAK_SPACE_SOURCES.find((cp) => font.hasGlyphForCodePoint(cp))!;
    assert.equal(font.glyphForCodePoint(0x202f).id, font.glyphForCodePoint(from).id, face.name);
    if (face.family === 'Literata') assert.equal(from, 0x2009, `${face.name}: the thin space's glyph`);
  }
});

test('a face whose characters have no thin space still draws U+202F with the thin space glyph', async () => {
  const thin = (open(literata).glyphForCodePoint(0x2009) as unknown as { advanceWidth: number }).advanceWidth;
  const font = open(await subsetWithNarrowSpace(literata, 'a\u202fb'));
  assert.ok(font.hasGlyphForCodePoint(0x202f));
  assert.equal((font.glyphForCodePoint(0x202f) as unknown as { advanceWidth: number }).advanceWidth, thin);
});
