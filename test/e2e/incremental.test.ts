// Rebuilding after one change reuses what did not change (Astro's copies of unchanged episode
// pages, the PDFs of a language whose print edition is the same), and must publish exactly what a
// build from scratch publishes: every file of the two outputs is compared byte for byte.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { build, EP2, filesOf, tempBook } from '../unit/helpers-temp-book.ts';

test('one translated paragraph changed: unchanged pages and the other language’s PDFs are reused, and the output is what a fresh build makes', (t) => {
  const b = tempBook(t);
  const first = build(b);
  assert.equal(first.status, 0, first.stderr);
  assert.doesNotMatch(first.stdout, /\(restored\)|its \d+ pages kept/, 'an empty cache reuses nothing');

  b.edit(`${EP2}/en.mdx`, 'found nothing but an old notebook.', 'found nothing but an old notebook, and dust.');
  const again = build(b);
  assert.equal(again.status, 0, again.stderr);
  // Astro's log: one line per page, "(restored)" when it was copied from the previous build.
  const line = (path: string) => again.stdout.split('\n').find((l) => l.includes(path)) ?? '';
  assert.match(line('fr/1-la-cave/index.html'), /\(restored\)/);
  assert.match(line('en/1-la-cave/index.html'), /\(restored\)/);
  // (The French page of episode 2 is rendered again: its key covers every language of the episode.)
  assert.doesNotMatch(line('en/2-le-grenier/index.html'), /\(restored\)/, 'the changed page is rendered');
  assert.match(again.stdout, /PDF fr\/[^:]+\.pdf: nothing it is printed from changed since the previous build/);
  assert.doesNotMatch(again.stdout, /PDF en\/[^:]+\.pdf: nothing it is printed from changed/);
  const incremental = filesOf(b.out);
  assert.match(incremental.get('en/2-le-grenier/index.html')!.toString(), /an old notebook, and dust\./);

  // The same book from scratch.
  rmSync(join(b.book, '.cache'), { recursive: true, force: true });
  const fresh = build(b);
  assert.equal(fresh.status, 0, fresh.stderr);
  const scratch = filesOf(b.out);
  assert.deepEqual([...incremental.keys()].sort(), [...scratch.keys()].sort());
  const differ = [...scratch].filter(([path, bytes]) => !bytes.equals(incremental.get(path)!)).map(([p]) => p);
  assert.deepEqual(differ, [], 'files that differ from a build from scratch');
});
