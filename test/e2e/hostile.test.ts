// Legal but hostile text: markup, script and entity-looking text in titles, prose, alt texts and
// bubbles must come out as text, escaped, in every output; and nothing ever runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, useSite } from './helpers.ts';

const out = ensureBuilt('hostile').out;
const site = useSite({ dist: out });
const walk = (d: string): string[] =>
  readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));

test('no author text becomes markup in any built file', () => {
  const files = walk(out).filter((f) => /\.(html|xml|xhtml)$/.test(f));
  assert.ok(files.length > 10);
  for (const f of files) {
    // Attribute values may hold "<" as text (that is valid and inert); strip them, then look
    // for markup that came from the author.
    const text = readFileSync(f, 'utf8').replace(/="[^"]*"/g, '=""');
    assert.doesNotMatch(text, /<script>alert|<img src=x|<b>Noir|<i>/, f);
  }
  const page = readFileSync(join(out, 'fr/1-la-cave/index.html'), 'utf8');
  assert.match(page, /&lt;img src=x onerror=alert\(2\)&gt;/);
  assert.match(page, /&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('in Chromium the text shows as typed and no script runs', async () => {
  const { page, context } = await site.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(site.url('/fr/1-la-cave/'), { waitUntil: 'networkidle' });
  assert.equal(await page.textContent('h1'), 'La cave <i>«\u202Fhantée\u202F»</i> & </title><script>alert(1)</script>');
  assert.equal(
    await page.locator('script:not([type=module]), img[src=x], b, i').count(),
    0,
    'no element made from author text',
  );
  assert.match((await page.textContent('#p1'))!, /<img src=x onerror=alert\(2\)> & <script>alert\(3\)<\/script>/);
  const alt = await page.getAttribute('figure.panel img', 'alt');
  assert.match(alt!, /<script>alert\(4\)<\/script> Une cave sombre\.$/);
  assert.match((await page.textContent('[data-transcript]'))!, /<b>Noir<\/b>&nbsp\u202F;!/);
  // A very long word wraps instead of widening the page.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.equal(overflow, 0);
  assert.deepEqual(dialogs, []);
  await context.close();
});
