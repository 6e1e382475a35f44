// The published SVG of a vector panel: only the library drawings it uses, nothing else folded away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import {
  composeSvg,
  expandUses,
  foldSvg,
  pruneLibrary,
  symbolTransform,
  topLevelElements,
  vectorPanel,
} from '../../src/images/svg-output.ts';
import { loadLibrary } from '../../src/images/render.ts';

const LIBRARY = `
  <!-- people -->
  <g id="head"><circle r="5"/></g>
  <symbol id="narrator" viewBox="0 0 10 10"><use href="#head"/><path d="M0 0"/></symbol>
  <g id="rat"><ellipse rx="3" ry="2"/></g>
  <linearGradient id="sky"><stop offset="0"/></linearGradient>
  <path id="cloud" fill="url(#sky)" d="M1 1"/>
  <style>.x{fill:red}</style>
`;

test('top-level elements are found with their ids, nested ones stay inside', () => {
  const els = topLevelElements(LIBRARY);
  assert.deepEqual(
    els.map((e) => e.id),
    ['head', 'narrator', 'rat', 'sky', 'cloud', undefined],
  );
  assert.equal(els[1]!.text, '<symbol id="narrator" viewBox="0 0 10 10"><use href="#head"/><path d="M0 0"/></symbol>');
});

test('the library is pruned to what the panel uses, following references, keeping id-less parts', () => {
  const kept = pruneLibrary(LIBRARY, '<use href="#narrator" x="3"/><use xlink:href="#cloud"/>');
  assert.match(kept, /id="narrator"/);
  assert.match(kept, /id="head"/, 'used by the narrator');
  assert.match(kept, /id="cloud"/);
  assert.match(kept, /id="sky"/, 'used by the cloud through url(#sky)');
  assert.doesNotMatch(kept, /id="rat"/);
  assert.match(kept, /<style>/);
  assert.equal(pruneLibrary(LIBRARY, '<rect/>').includes('id='), false);
});

test('folding drops comments and the XML declaration, keeps one line break between tags', () => {
  assert.equal(
    foldSvg('<?xml version="1.0"?>\n<svg>  <!-- a -->\n  <g>\n <text>a b</text></g></svg>\n'),
    '<svg>\n<g>\n<text>a b</text></g></svg>',
  );
});

test('the panel puts paper, what stays of the library, the art with its drawings copied in, and the bubbles in that order', () => {
  const out = vectorPanel(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><use href="#rat"/></svg>',
    LIBRARY,
    '<g class="bubbles"/>',
  );
  assert.equal(
    out,
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="100%" height="100%" fill="#fff"/><defs><style>.x{fill:red}</style></defs><g><ellipse rx="3" ry="2"/></g><g class="bubbles"/></svg>',
  );
});

test('a symbol is placed in its <use> box as preserveAspectRatio says', () => {
  // 0 0 10 20 into a 40×40 box at (5, 0): meet scales by 2, centred horizontally (10 px free each side).
  assert.equal(symbolTransform('0 0 10 20', undefined, { x: 5, y: 0, w: 40, h: 40 }), 'translate(15 0) scale(2 2)');
  assert.equal(
    symbolTransform('0 0 10 20', 'xMinYMin meet', { x: 5, y: 0, w: 40, h: 40 }),
    'translate(5 0) scale(2 2)',
  );
  assert.equal(symbolTransform('-2 0 10 20', 'none', { x: 0, y: 0, w: 40, h: 40 }), 'translate(8 0) scale(4 2)');
  assert.equal(
    symbolTransform('0 0 10 20', 'xMidYMax slice', { x: 0, y: 0, w: 40, h: 40 }),
    'translate(0 -40) scale(4 4)',
  );
  assert.throws(() => symbolTransform('0 0 1 1', 'middle', { x: 0, y: 0, w: 1, h: 1 }), /preserveAspectRatio="middle"/);
});

test('every <use> becomes a copy of what it draws, with its transform and paint; url(#) definitions stay', () => {
  const svg = `<svg viewBox="0 0 100 100"><defs>${LIBRARY}</defs><use href="#narrator" x="10" y="0" width="20" height="20" transform="scale(-1 1)" fill="red"/><use href="#cloud"/></svg>`;
  const out = expandUses(svg);
  assert.doesNotMatch(out, /<use\b|<symbol\b|href=/);
  assert.match(
    out,
    /<g transform="scale\(-1 1\)" fill="red"><g transform="translate\(10 0\) scale\(2 2\)"><g><circle r="5"\/><\/g><path d="M0 0"\/><\/g><\/g>/,
  );
  assert.match(out, /<path fill="url\(#sky\)" d="M1 1"\/>/, 'the copy has no id of its own');
  assert.match(out, /<defs><linearGradient id="sky">/, 'the gradient it paints with stays');
  assert.doesNotMatch(out, /id="(narrator|head|rat|cloud)"/);
  assert.throws(() => expandUses('<svg><use href="#nobody"/></svg>'), /<use href="#nobody"> draws nothing/);
  assert.throws(
    () => expandUses('<svg><defs><g id="a"><use href="#a"/></g></defs><use href="#a"/></svg>'),
    /loop of definitions/,
  );
});

test('the sample book’s panels look the same with their uses copied out (librsvg, pixel by pixel)', async () => {
  const kit = resolve(import.meta.dirname, '../..');
  const library = loadLibrary(kit, []);
  const dir = join(kit, 'content/episodes/19-donner-de-l-exercice-a-ses-cobayes/panels');
  // golden-cage has a mirrored character, hamster-wheel three characters, maze a hand outside its symbol's box.
  for (const name of ['golden-cage.svg', 'hamster-wheel.svg', 'maze.svg']) {
    assert.ok(readdirSync(dir).includes(name), `${name} is in the sample book`);
    const art = readFileSync(join(dir, name), 'utf8');
    const withUses = composeSvg(art, pruneLibrary(library, art), '', '<rect width="100%" height="100%" fill="#fff"/>');
    assert.match(withUses, /<use\b/);
    const expanded = vectorPanel(art, library, '');
    assert.doesNotMatch(expanded, /<use\b/);
    const px = (s: string) => sharp(Buffer.from(s)).resize({ width: 400 }).removeAlpha().raw().toBuffer();
    const [a, b] = await Promise.all([px(withUses), px(expanded)]);
    let far = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 40) far++;
    // Symbols clip to their box, copies do not: a hand reaching out of its box is now drawn whole
    // (a few dozen pixels of maze); everything else is the same to the pixel.
    assert.ok(far / a.length < 0.002, `${name}: ${far} of ${a.length} channel values differ`);
  }
});
