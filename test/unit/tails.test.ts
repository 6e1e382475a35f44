// Tails point at their speaker without touching a face: no sample bubble's tail tip falls inside a
// character's head box (the per-pose anchors of content/art/library.svg), and the check the build
// runs reports one that does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBook } from '../../src/model/book.ts';
import { loadLibrary } from '../../src/images/render.ts';
import { libraryPoses, panelHeads, tailsInHeads, tailTip } from '../../src/images/speakers.ts';
import type { Bubble } from '../../src/model/schemas/panels.ts';

test('no sample tail tip is inside a head box', () => {
  const book = loadBook('.');
  const poses = libraryPoses(loadLibrary(book.root, []));
  let tails = 0;
  let heads = 0;
  for (const e of book.episodes)
    for (const panel of e.panels.flatMap((p) => p.frames)) {
      if (panel.format !== 'svg') continue;
      const svg = readFileSync(join(book.root, panel.artPath), 'utf8');
      heads += panelHeads(svg, poses).length;
      tails += panel.bubbles.filter((b) => b.tail && b.kind !== 'caption').length;
      const bad = tailsInHeads(svg, poses, panel.bubbles, panel.width).map(
        (h) => `episode ${e.number}, panel ${panel.id}, bubble ${h.bubble.id}: tip in ${h.hit.pose}`,
      );
      assert.deepEqual(bad, []);
    }
  // The check must have something to check: the sample's characters are anchored.
  assert.ok(heads >= 30, `${heads} anchored heads`);
  assert.ok(tails >= 20, `${tails} tails`);
});

test('a tail aimed at a face is reported, with a target outside the head', () => {
  const library = `<symbol id="narrator-x" viewBox="0 0 300 600" data-head="100 0 100 150" data-mouth="150 120"></symbol>`;
  const poses = libraryPoses(library);
  const svg = `<svg viewBox="0 0 1200 800"><g transform="translate(800,200)"><use href="#narrator-x" x="0" y="0" width="300" height="600"/></g></svg>`;
  const bubble: Bubble = {
    id: 'b1',
    kind: 'speech',
    speaker: 'narrator',
    box: { x: 500, y: 20, w: 400, h: 150 },
    tail: { x: 950, y: 320 },
    text: { fr: 'x' },
  };
  const [hit] = tailsInHeads(svg, poses, [bubble], 1200);
  assert.ok(hit, 'reported');
  assert.equal(hit.hit.pose, 'narrator-x');
  assert.deepEqual(hit.hit.head, { x: 900, y: 200, w: 100, h: 150 });
  const moved = { ...bubble, tail: hit.suggestion };
  const tip = tailTip(moved, 1);
  assert.ok(!(tip.x > 900 && tip.x < 1000 && tip.y > 200 && tip.y < 350), `suggested tip ${tip.x},${tip.y}`);
  assert.deepEqual(tailsInHeads(svg, poses, [moved], 1200), []);
});
