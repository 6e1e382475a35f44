// The published SVG of a vector panel: only the library drawings it uses, nothing else folded away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldSvg, pruneLibrary, topLevelElements, vectorPanel } from '../../src/images/svg-output.ts';

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

test('the panel puts paper, the used drawings, the art and the bubbles in that order', () => {
  const out = vectorPanel(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><use href="#rat"/></svg>',
    LIBRARY,
    '<g class="bubbles"/>',
  );
  assert.equal(
    out,
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="100%" height="100%" fill="#fff"/><defs><g id="rat"><ellipse rx="3" ry="2"/></g><style>.x{fill:red}</style></defs><use href="#rat"/><g class="bubbles"/></svg>',
  );
});
