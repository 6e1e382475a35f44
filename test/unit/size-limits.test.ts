// Size limits before reading (src/model/read.ts): each kind of file has a limit (SVG 5 MB, text
// 1 MB, raster images 20 MB; book.yaml `limits:` raises them), checked on the file's size before a
// byte is read; the message names the file, its size, the limit and the setting to raise it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBook } from '../../src/model/book.ts';
import { build, EP1, messages, tempBook, untouched } from './helpers-temp-book.ts';

const ART = `${EP1}/art/cave.svg`;
/** The minimal book's panel art, padded with a comment to `bytes`. */
const bigSvg = (svg: string, bytes: number) =>
  svg.replace('</svg>', `<!--${'x'.repeat(bytes - svg.length - 7)}--></svg>`);

test('an SVG over 5 MB is refused with its size, the limit and the setting; the build writes nothing', (t) => {
  const b = tempBook(t);
  b.write(ART, bigSvg(b.read(ART), 6_200_000));
  const expected = `${ART}: this file is 6.2 MB, over the limit of 5 MB for an SVG drawing: simplify or optimise the drawing (Inkscape's "Optimized SVG", svgo; embedded bitmaps are the usual cause), or raise the limit in content/book.yaml (limits: { svg: 7 }, in megabytes).`;
  assert.deepEqual(messages(b.book), [expected]);
  const r = build(b);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `\n✗ Build failed. ${b.out} was left as it was.\n\n${expected}\n\n`);
  untouched(b);
});

test('the book raises the limit: the same SVG loads', (t) => {
  const b = tempBook(t);
  b.write(ART, bigSvg(b.read(ART), 6_200_000));
  b.edit('content/book.yaml', 'fixture: true', 'fixture: true\nlimits:\n  svg: 7');
  const book = loadBook(b.book);
  assert.equal(book.episodes[0]!.panels[0]!.frames[0]!.width, 300);
  b.edit('content/book.yaml', 'svg: 7', 'svg: "7 MB"');
  assert.deepEqual(messages(b.book), [
    'content/book.yaml:42 (limits.svg): expected a size in megabytes, like 5, found string "7 MB".',
  ]);
});

test('text files over 1 MB, a cover over the SVG limit, a PNG over 20 MB: each named, in one run', (t) => {
  const b = tempBook(t);
  b.write(`${EP1}/en.mdx`, `${b.read(`${EP1}/en.mdx`)}\n${'Word after word. '.repeat(70_000)}\n`);
  b.write('content/art/cover.svg', bigSvg(b.read('content/art/cover.svg'), 5_100_000));
  b.edit(`${EP1}/panels.yaml`, 'art: art/cave.svg', 'art: art/cave.png');
  // A sparse file of 3 GB: refused at once, which shows that nothing of it is read.
  const png = openSync(join(b.book, EP1, 'art/cave.png'), 'w');
  ftruncateSync(png, 3e9);
  closeSync(png);
  const started = performance.now();
  assert.deepEqual(messages(b.book), [
    `${EP1}/en.mdx: this file is 1.2 MB, over the limit of 1 MB for a text file (YAML, MDX, WebVTT): split the text (an episode is a few thousand words), or raise the limit in content/book.yaml (limits: { text: 2 }, in megabytes).`,
    `${EP1}/art/cave.png: this file is 3000 MB, over the limit of 20 MB for a raster image (PNG, JPEG, WebP): export it smaller or more compressed, or raise the limit in content/book.yaml (limits: { image: 3000 }, in megabytes).`,
    'content/art/cover.svg: this file is 5.1 MB, over the limit of 5 MB for an SVG drawing: simplify or optimise the drawing (Inkscape\'s "Optimized SVG", svgo; embedded bitmaps are the usual cause), or raise the limit in content/book.yaml (limits: { svg: 6 }, in megabytes).',
  ]);
  assert.ok(performance.now() - started < 2000, 'the 3 GB file was not read');
});

test('a panel and a cover linked out of the book: content problems, all in one run', (t) => {
  const b = tempBook(t);
  const outside = join(b.out, '..', 'outside.svg');
  writeFileSync(outside, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"><text>CANARY</text></svg>');
  for (const f of [ART, 'content/art/cover.svg']) {
    rmSync(join(b.book, f));
    symlinkSync(outside, join(b.book, f));
  }
  const real = realpathSync(outside);
  const link = `is a link to ${real}, outside the book's folder: copy the file into the book instead.`;
  assert.deepEqual(messages(b.book), [`${ART}: this file ${link}`, `content/art/cover.svg: this file ${link}`]);
});
