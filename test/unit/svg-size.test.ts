// The pixels a render decodes come from an SVG's width/height when they are absolute, not from
// its viewBox: a small viewBox must not hide a huge width/height.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { svgSize, svgSizeProblem } from '../../src/model/svg-safety.ts';

const svg = (attrs: string) => `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}><rect/></svg>`;
const problem = (attrs: string) => {
  const size = svgSize(svg(attrs));
  assert.ok(size);
  return svgSizeProblem('a.svg', size, 40_000_000);
};

test('width/height that match or modestly scale the viewBox pass', () => {
  assert.equal(problem('viewBox="0 0 300 200" width="300" height="200"'), undefined);
  assert.equal(problem('viewBox="0 0 100 100" width="100mm" height="100mm"'), undefined); // ×3.78
  assert.equal(problem('viewBox="0 0 300 200" width="100%" height="100%"'), undefined); // relative
  assert.equal(problem('viewBox="0 0 300 200"'), undefined);
  // No viewBox: width/height are the drawing's size, left to the caller's own pixel check.
  assert.equal(problem('width="20000" height="20000"'), undefined);
});

test('a huge or far-scaled width/height is refused, naming the fix', () => {
  assert.match(problem('viewBox="0 0 300 200" width="20000" height="20000"') ?? '', /^a\.svg has width="20000"/);
  assert.match(problem('viewBox="0 0 300 200" width="2e4px" height="2e4px"') ?? '', /20000×20000 pixels/);
  assert.match(problem('viewBox="0 0 10 10" width="1in" height="1in"') ?? '', /9\.6 times its viewBox/);
});
