// The panel compositor on small books: bubbles that cannot fit, corrupt art, the cache, and the
// text layout measured with the font file itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadBook } from '../../src/model/book.ts';
import { ContentError } from '../../src/model/errors.ts';
import { renderPanels, BUBBLE_FONT } from '../../src/images/render.ts';
import { fitText, loadFont } from '../../src/images/text-layout.ts';
import { setBubbleText } from '../../src/images/bubbles.ts';

const copy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'planches-render-'));
  cpSync('test/fixtures/books/minimal', dir, { recursive: true });
  return dir;
};
const setBubble = (dir: string, from: string, to: string) => {
  const f = join(dir, 'content/episodes/1-la-cave/panels.yaml');
  writeFileSync(f, readFileSync(f, 'utf8').replace(from, to));
};

test('text that cannot fit its bubble stops the build, naming episode, panel, bubble and language', async () => {
  const dir = copy();
  // Sizes scale with the art (this one is 300 px wide): the text must be far too long.
  setBubble(dir, "en: It's dark!", `en: "${'It is so very dark down here that I cannot see my own hand. '.repeat(4)}"`);
  await assert.rejects(renderPanels(loadBook(dir), { cacheDir: join(dir, '.cache') }), (e: unknown) => {
    assert.ok(e instanceof ContentError);
    assert.match(
      e.message,
      /content\/episodes\/1-la-cave\/panels\.yaml \(panels\.cave\.bubbles\.noir\.text\.en\): in episode 1, panel "cave", bubble "noir": the en text cannot fit its box \(120×40\)/,
    );
    return true;
  });
});

test('a single word too long for its bubble is reported, not cut', async () => {
  const dir = copy();
  setBubble(dir, 'fr: Plus tard.', 'fr: Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement');
  await assert.rejects(
    renderPanels(loadBook(dir), { cacheDir: join(dir, '.cache') }),
    /bubble "plus-tard": the fr text cannot fit/,
  );
});

test('art that passes the quick checks but cannot be decoded gives a clear error', async () => {
  const dir = copy();
  const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#888' } })
    .png()
    .toBuffer();
  // Keep the signature, header and IEND; scramble the compressed pixels.
  const bad = Buffer.from(png);
  for (let i = 40; i < bad.length - 20; i++) bad[i] = 0x5a;
  writeFileSync(join(dir, 'content/episodes/1-la-cave/art/cave.png'), bad);
  setBubble(dir, 'art: art/cave.svg', 'art: art/cave.png');
  await assert.rejects(renderPanels(loadBook(dir), { cacheDir: join(dir, '.cache') }), (e: unknown) => {
    assert.ok(e instanceof ContentError);
    assert.match(e.message, /1-la-cave\/art\/cave\.png: in episode 1, panel "cave": the art could not be decoded/);
    return true;
  });
});

test('SVG art that librsvg cannot parse gives a clear error, and no SVG is published', async () => {
  const dir = copy();
  const file = join(dir, 'content/episodes/1-la-cave/art/cave.svg');
  // Passes the model's checks (a size, nothing unsafe) but is not well-formed XML.
  writeFileSync(file, readFileSync(file, 'utf8').replace('</defs>', '</defs><g><rect width="3" height="3"></g>'));
  const cacheDir = join(dir, '.cache');
  await assert.rejects(renderPanels(loadBook(dir), { cacheDir }), (e: unknown) => {
    assert.ok(e instanceof ContentError);
    assert.match(
      e.message,
      /1-la-cave\/art\/cave\.svg: in episode 1, panel "cave": the art could not be decoded \(.+\)\. Check that the file is a complete, valid image\./,
    );
    return true;
  });
  assert.deepEqual(
    readdirSync(cacheDir).filter((f) => f.endsWith('.svg')),
    [],
  );
});

test('a second render encodes nothing; changing one bubble re-encodes only that panel and language', async () => {
  const dir = copy();
  const cacheDir = join(dir, '.cache');
  const first = await renderPanels(loadBook(dir), { cacheDir });
  assert.ok(first.stats.written > 0 && first.stats.encodes > 0, 'vector panels written, covers and cards encoded');
  const second = await renderPanels(loadBook(dir), { cacheDir });
  assert.equal(second.stats.encodes, 0);
  assert.equal(second.stats.written, 0);
  assert.equal(second.stats.cached, second.stats.images);
  assert.deepEqual(second.manifest.panels, first.manifest.panels, 'a cached panel keeps its bubble layout');
  setBubble(dir, 'en: Later.', 'en: Much later.');
  const third = await renderPanels(loadBook(dir), { cacheDir });
  assert.equal(third.stats.images - third.stats.cached, 1, 'only the English composite of that panel');
  assert.equal(third.stats.written, 1);
  assert.equal(third.manifest.panels.cave!.fr!.file.file, first.manifest.panels.cave!.fr!.file.file);
  assert.notEqual(third.manifest.panels.cave!.en!.file.file, first.manifest.panels.cave!.en!.file.file);
});

test('vector art is published as one SVG per language: bubbles drawn in, paper behind, one PNG for e-ink', async () => {
  const dir = copy();
  const cacheDir = join(dir, '.cache');
  const { manifest } = await renderPanels(loadBook(dir), { cacheDir });
  const fr = manifest.panels.cave!.fr!;
  assert.deepEqual([fr.avif, fr.webp], [[], []]);
  // The raster path (e-ink EPUB, CBZ): the same SVG through librsvg, 1440 px wide.
  assert.match(fr.raster!.file, /^cave\.fr\.[0-9a-f]{12}-1440\.png$/);
  const png = await sharp(join(cacheDir, fr.raster!.file)).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([png.info.width, png.info.height], [1440, 960]);
  assert.ok(png.data[0]! < 60, 'the dark cave in the corner, as in the SVG');
  assert.match(fr.file.file, /^cave\.fr\.[0-9a-f]{12}\.svg$/);
  assert.deepEqual([fr.width, fr.height], [300, 200]);
  // The bubbles as laid out, in reading order, in the image's pixels: what the guided viewer uses.
  assert.deepEqual(
    fr.bubbles!.map((b) => [b.id, b.x, b.y, b.w, b.h, b.tail]),
    [
      ['noir', 10, 10, 120, 40, { x: 100, y: 120 }],
      ['plus-tard', 200, 150, 90, 40, undefined],
    ],
  );
  // The text size is the one the lettering was set at.
  const panel = loadBook(dir).episodes[0]!.panels[0]!.frames[0]!;
  assert.deepEqual(
    fr.bubbles!.map((b) => b.text),
    panel.bubbles.map((b) => setBubbleText(b, b.text.fr!, loadFont(BUBBLE_FONT), { artWidth: 300 })!.size),
  );
  const svg = readFileSync(join(cacheDir, fr.file.file), 'utf8');
  assert.match(svg, /^<svg [^>]*viewBox="0 0 300 200"[^>]*><rect width="100%" height="100%" fill="#fff"\/>/);
  assert.equal((svg.match(/class="bubble"/g) ?? []).length, 2, 'both bubbles of the panel');
  assert.doesNotMatch(svg, /<!--|<\?xml/);
  // librsvg draws it: dark art on the left, a white bubble where the fixture puts one.
  const { data, info } = await sharp(Buffer.from(svg)).raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.width, 300);
  assert.ok(data[0]! < 60, 'the dark cave in the corner');
});

test('raster art still gets AVIF and WebP widths and a PNG', async () => {
  const dir = copy();
  const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#446' } })
    .png()
    .toBuffer();
  writeFileSync(join(dir, 'content/episodes/1-la-cave/art/cave.png'), png);
  setBubble(dir, 'art: art/cave.svg', 'art: art/cave.png');
  // Lettering scales with the art: twice as wide, so the boxes too.
  setBubble(dir, 'box: { x: 10, y: 10, w: 120, h: 40 }', 'box: { x: 20, y: 20, w: 300, h: 100 }');
  setBubble(dir, 'box: { x: 200, y: 150, w: 90, h: 40 }', 'box: { x: 300, y: 300, w: 200, h: 60 }');
  const cacheDir = join(dir, '.cache');
  const { manifest } = await renderPanels(loadBook(dir), { cacheDir });
  const en = manifest.panels.cave!.en!;
  assert.deepEqual(
    en.avif.map((v) => v.width),
    [480],
  );
  assert.deepEqual(
    en.webp.map((v) => v.width),
    [480],
  );
  assert.match(en.file.file, /\.png$/);
  // Bubble boxes and text sizes follow the image (480 px wide), not the art (600).
  assert.deepEqual(
    en.bubbles!.map((b) => [b.x, b.y, b.w, b.h]),
    [
      [16, 16, 240, 80],
      [240, 240, 160, 48],
    ],
  );
  for (const v of [...en.avif, ...en.webp, en.file]) assert.ok(readdirSync(cacheDir).includes(v.file), v.file);
});

test('text layout: wraps at ordinary spaces only, shrinks to fit, never below the minimum', () => {
  const font = loadFont(BUBBLE_FONT);
  const wide = fitText(font, 'Et la sortie ? Oh, elle est là.', { width: 600, height: 200, maxSize: 40, minSize: 20 })!;
  assert.equal(wide.size, 40);
  assert.equal(wide.lines.length, 1);
  const narrow = fitText(font, 'Et la sortie ? Oh, elle est là.', {
    width: 200,
    height: 200,
    maxSize: 40,
    minSize: 20,
  })!;
  assert.ok(narrow.lines.length > 1);
  // "sortie" and "?" are joined by a no-break space: never split there.
  const nb = fitText(font, 'sortie\u202F?', { width: 10_000, height: 100, maxSize: 20, minSize: 20 })!;
  assert.equal(nb.lines.length, 1);
  assert.equal(
    fitText(font, 'Anticonstitutionnellement', { width: 100, height: 100, maxSize: 30, minSize: 20 }),
    undefined,
  );
});
