// Print twice: planning the second print from the first (blank pages, page numbers, labels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  folio,
  pageLabelRanges,
  planMismatches,
  planPages,
  roman,
  type PlacedPart,
} from '../../src/outputs/pdf/plan.ts';

const part = (id: string, page: number, recto: boolean, matter: 'front' | 'body' = 'body'): PlacedPart => ({
  id,
  label: id,
  page,
  recto,
  matter,
});

test('parts marked recto are moved to right-hand pages by blank pages, and everything after shifts', () => {
  // cover 0, title 1 (left: needs a blank), licence 2, contents 3 (after the shift: 4, right), ep1 at 5 → 6.
  const plan = planPages(
    [
      part('cover', 0, false, 'front'),
      part('title', 1, true, 'front'),
      part('licence', 2, false, 'front'),
      part('contents', 3, true, 'front'),
      part('e1', 4, true),
      part('e2', 9, true),
      part('about', 12, false),
    ],
    14,
  );
  assert.deepEqual(plan.blanks, ['title', 'e1', 'e2']);
  assert.deepEqual(Object.fromEntries(plan.starts), {
    cover: 0,
    title: 2,
    licence: 3,
    contents: 4,
    e1: 6,
    e2: 12,
    about: 15,
  });
  assert.equal(plan.firstBodyPage, 6);
  assert.equal(plan.pageCount, 17);
  for (const id of ['title', 'contents', 'e1', 'e2'])
    assert.equal(plan.starts.get(id)! % 2, 0, `${id} on a right-hand page`);
});

test('no blank page when parts already open on the right', () => {
  const plan = planPages([part('cover', 0, false, 'front'), part('e1', 2, true), part('e2', 4, true)], 6);
  assert.deepEqual(plan.blanks, []);
  assert.equal(plan.pageCount, 6);
});

test('a book without episodes, or parts out of order, is an error', () => {
  assert.throws(() => planPages([part('cover', 0, false, 'front')], 1), /no episodes/);
  assert.throws(() => planPages([part('a', 4, false), part('b', 2, false)], 6), /out of order/);
});

test('folios: roman numerals before the body, arabic from 1 on its first page', () => {
  assert.equal(folio(0, 6), 'i');
  assert.equal(folio(4, 6), 'v');
  assert.equal(folio(6, 6), '1');
  assert.equal(folio(30, 6), '25');
  assert.equal(roman(1994), 'mcmxciv');
  assert.equal(roman(49), 'xlix');
  assert.throws(() => roman(0), RangeError);
});

test('page labels follow the folios', () => {
  assert.deepEqual(pageLabelRanges(6), [
    { start: 0, style: 'r', first: 1 },
    { start: 6, style: 'D', first: 1 },
  ]);
  assert.deepEqual(pageLabelRanges(0), [{ start: 0, style: 'D', first: 1 }]);
});

test('the second print is checked against the plan', () => {
  const plan = planPages([part('cover', 0, false, 'front'), part('e1', 1, true)], 3);
  assert.deepEqual(
    planMismatches(
      plan,
      new Map([
        ['cover', 0],
        ['e1', 2],
      ]),
    ),
    [],
  );
  const wrong = planMismatches(
    plan,
    new Map([
      ['cover', 0],
      ['e1', 3],
    ]),
  );
  assert.equal(wrong.length, 1);
  assert.match(wrong[0]!, /"e1" was planned on page 3 but printed on page 4/);
  assert.match(planMismatches(plan, new Map([['cover', 0]]))[0]!, /no page/);
});
