// The same book built with base "/planches/" (npm test builds it into .build/subpath/planches).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUBPATH_DIST, useSite } from './helpers.ts';

const site = useSite({ dist: SUBPATH_DIST, base: '/planches/' });

test('the site works served under a sub-path: links, styles, fonts, images, scripts', async () => {
  const { page, context } = await site.newPage();
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(site.url('/'), { waitUntil: 'networkidle' });
  await page.click('a[hreflang=fr]');
  await page.waitForURL(/\/planches\/fr\/$/);
  await page.click('.toc__item a >> nth=1');
  await page.waitForURL(/\/planches\/fr\/20-capter-l-attention-des-cons\/$/);
  await page.waitForLoadState('networkidle');
  assert.ok(await page.evaluate(() => getComputedStyle(document.body).fontFamily.includes('Literata')), 'the stylesheet applies');
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/\/planches\/fr\/21-que-faire-de-l-attention-des-cons\/$/);
  await page.click('a[data-lang-switch]');
  await page.waitForURL(/\/planches\/en\/21-que-faire-de-l-attention-des-cons\//);
  await page.waitForLoadState('networkidle');
  const canonical = await page.getAttribute('link[rel=canonical]', 'href');
  assert.equal(canonical, 'https://planches.example/planches/en/21-que-faire-de-l-attention-des-cons/');
  assert.deepEqual(failed, []);
  assert.deepEqual(site.foreign, []);
  await context.close();
});
