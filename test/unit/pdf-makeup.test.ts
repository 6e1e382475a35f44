// The PDF make-up's choice of corrections (src/outputs/pdf/layout/fit.ts), on layouts measured
// from the English sample's episode 22, where the last panel used to leave the episode ending on
// four lines: a panel at the foot of the page before lets no line flow past it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseFixes,
  findProblems,
  type Frame,
  type PartLayout,
  type PlacedBlock,
} from '../../src/outputs/pdf/layout/fit.ts';

const frame: Frame = { top: 0, bottom: 493, pitch: 14.5 };
const p = (id: string, page: number, top: number, endPage: number, bottom: number, height: number): PlacedBlock => ({
  id,
  kind: 'p',
  movable: true,
  start: { page, top },
  end: { page: endPage, bottom },
  height,
});
const panel = (id: string, page: number, top: number, height: number): PlacedBlock => ({
  id,
  kind: 'panel',
  movable: false,
  start: { page, top },
  end: { page, bottom: top + height },
  height,
  scale: 1,
});
const text = [
  p('p35', 23, 448, 24, 33, 58),
  p('p36', 24, 29, 24, 76, 43),
  p('p37', 24, 72, 24, 149, 72),
  p('p38', 24, 145, 24, 222, 72),
];

test('a last panel that does not fit goes up past a paragraph that then ends the part on enough lines', () => {
  // The panel alone on the last page, 214 pt left empty above it.
  const part: PartLayout = {
    id: 'episode-22',
    blocks: [...text, p('p39', 24, 217, 24, 264, 43), p('p40', 24, 260, 24, 279, 14), panel('bunker', 25, 0, 266)],
  };
  const [problem] = findProblems(part, frame);
  assert.equal(problem?.kind, 'hole');
  // Past p39 and p40 would leave them, four lines, alone on the last page; past p38 with two more
  // lines of air around the panel splits p38 three and two and ends on six.
  assert.deepEqual(chooseFixes(part, problem!, frame, new Set()), [
    { kind: 'lift', panel: 'bunker', before: 'p38' },
    { kind: 'pad', id: 'bunker', pt: 29 },
  ]);
});

test('a short end under a panel: the panel goes up so that text runs on, not the text above it loosened', () => {
  const part: PartLayout = {
    id: 'episode-22',
    blocks: [...text, panel('bunker', 24, 226, 266), p('p39', 25, 0, 25, 48, 43), p('p40', 25, 43, 25, 62, 14)],
  };
  const problems = findProblems(part, frame);
  assert.deepEqual(
    problems.map((x) => x.kind),
    ['short-end'],
  );
  const fixes = chooseFixes(part, problems[0]!, frame, new Set());
  assert.deepEqual(fixes[0], { kind: 'lift', panel: 'bunker', before: 'p38' });
  assert.ok(!fixes.some((f) => f.kind === 'tighten'), 'tightening above the panel cannot pull lines past it');
  // Once tried, it is not proposed again (the make-up moves on to its other corrections).
  const tried = new Set(['lift:bunker:p38', 'pad:bunker:29', 'pad:bunker:14.5']);
  assert.notDeepEqual(chooseFixes(part, problems[0]!, frame, tried)[0], fixes[0]);
});
