// The bytes of the published SVG: the lettering as relative commands on whole font units and
// coordinates to one decimal, which must draw what the unrounded data draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUBBLE_FONT } from '../../src/images/render.ts';
import { loadFont, type OutlineCommand, relativeOutline } from '../../src/images/text-layout.ts';
import { compactNumbers } from '../../src/images/svg-output.ts';

/** Absolute end and control points of relative path data (m, l, q, c, z; implicit repeats). */
function absolutePoints(d: string): number[][] {
  const tokens = d.match(/[mlqcz]|-?\d+/g) ?? [];
  const arity: Record<string, number> = { m: 2, l: 2, q: 4, c: 6 };
  const out: number[][] = [];
  let pen = [0, 0];
  let start = pen;
  let cmd = '';
  for (let i = 0; i < tokens.length; ) {
    if (/[mlqcz]/.test(tokens[i]!)) cmd = tokens[i++]!;
    else if (cmd === 'm') cmd = 'l';
    if (cmd === 'z') {
      pen = start;
      continue;
    }
    const n = tokens.slice(i, i + arity[cmd]!).map(Number);
    i += arity[cmd]!;
    const pts: number[] = [];
    for (let k = 0; k < n.length; k += 2) pts.push(pen[0]! + n[k]!, pen[1]! + n[k + 1]!);
    pen = pts.slice(-2);
    if (cmd === 'm') start = pen;
    out.push(pts);
  }
  return out;
}

test('a hand-made outline: deltas between rounded points, letters left out when repeated', () => {
  const square: OutlineCommand[] = [
    { command: 'moveTo', args: [10.4, 10] },
    { command: 'lineTo', args: [20, 10] },
    { command: 'lineTo', args: [20, 20.6] },
    { command: 'quadraticCurveTo', args: [15, 25, 10, 20] },
    { command: 'closePath', args: [] },
  ];
  assert.equal(
    relativeOutline([
      { commands: square, dx: 0, dy: 0 },
      { commands: square, dx: 100, dy: -5 },
    ]),
    'm10 10 10 0 0 11q-5 4-10-1zm100-5 10 0 0 11q-5 4-10-1z',
  );
});

test('a line of real lettering draws fontkit’s points to within half a font unit', () => {
  const { font } = loadFont(BUBBLE_FONT);
  const run = font.layout('Leçon 6 : Ne faites plus, faites faire ! « Où ? »');
  let x = 0;
  const glyphs = run.glyphs.map((g, i) => {
    const placed = {
      commands: (g.path as unknown as { commands: OutlineCommand[] }).commands,
      dx: x + run.positions[i]!.xOffset,
      dy: 0,
    };
    x += run.positions[i]!.xAdvance;
    return placed;
  });
  const expected = glyphs.flatMap(({ commands, dx, dy }) =>
    commands.filter((c) => c.command !== 'closePath').map((c) => c.args.map((v, k) => v + (k % 2 ? dy : dx))),
  );
  const got = absolutePoints(relativeOutline(glyphs));
  assert.equal(got.length, expected.length);
  for (const [i, pts] of got.entries())
    for (const [k, v] of pts.entries())
      assert.ok(Math.abs(v - expected[i]![k]!) <= 0.5, `point ${i}.${k}: ${v} vs ${expected[i]![k]}`);
});

test('published SVG coordinates are written to one decimal; transforms, view boxes and other attributes keep theirs', () => {
  const svg =
    '<svg viewBox="0 0 1200.12345 800"><g transform="rotate(-6.4321 0 1660.123)"><rect x="-36.95195836105941" y="1594.5385851314936" width="73.9" height="130.92282973701265" rx="10.347" fill="#1d1b26" opacity="0.155" data-head="1.2345 2 3 4"/><path d="M1.26,2.349 L-0.04,5"/></g></svg>';
  assert.equal(
    compactNumbers(svg),
    '<svg viewBox="0 0 1200.12345 800"><g transform="rotate(-6.4321 0 1660.123)"><rect x="-37" y="1594.5" width="73.9" height="130.9" rx="10.3" fill="#1d1b26" opacity="0.155" data-head="1.2345 2 3 4"/><path d="M1.3,2.3 L0,5"/></g></svg>',
  );
});

test('whole units for the small cover: coordinates rounded, line weights kept', () => {
  assert.equal(
    compactNumbers('<circle cx="10.46" cy="3.5" r="3.69" stroke-width="2.5" transform="scale(0.75)"/>', 0),
    '<circle cx="10" cy="4" r="4" stroke-width="2.5" transform="scale(0.75)"/>',
  );
});
