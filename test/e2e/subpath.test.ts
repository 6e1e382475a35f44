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
  await page.click('.card__title a >> nth=1');
  await page.waitForURL(/\/planches\/fr\/20-capter-l-attention-des-cons\/$/);
  await page.waitForLoadState('networkidle');
  assert.ok(
    await page.evaluate(() => getComputedStyle(document.body).fontFamily.includes('Literata')),
    'the stylesheet applies',
  );
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/\/planches\/fr\/21-que-faire-de-l-attention-des-cons\/$/);
  await page.click('a[data-lang-switch]');
  await page.waitForURL(/\/planches\/en\/21-que-faire-de-l-attention-des-cons\//);
  await page.waitForLoadState('networkidle');
  const canonical = await page.getAttribute('link[rel=canonical]', 'href');
  assert.equal(canonical, 'https://livres.example.org/planches/en/21-que-faire-de-l-attention-des-cons/');
  assert.deepEqual(failed, []);
  assert.deepEqual(site.foreign, []);
  await context.close();
});

test('the stage screens work under a sub-path: the audience window, the panels, the script', async () => {
  const { page, context } = await site.newPage();
  const failed: string[] = [];
  context.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(site.url('/fr/stage/'), { waitUntil: 'networkidle' });
  await page.waitForSelector('html[data-ready="true"]');
  const [audience] = await Promise.all([page.waitForEvent('popup'), page.click('[data-open-audience]')]);
  await audience.waitForURL(/\/planches\/fr\/stage\/audience\/$/);
  await audience.waitForSelector('html[data-painted-beat="0"]');
  await page.keyboard.press('ArrowRight');
  await audience.waitForSelector('html[data-painted-beat="1"]');
  const shown = await audience.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('[data-frame] img.is-current')].map((i) => [
      i.naturalWidth > 0,
      new URL(i.src).pathname,
    ]),
  );
  assert.equal(shown.length, 1);
  assert.ok(shown[0]![0], 'the panel loaded');
  assert.match(String(shown[0]![1]), /^\/planches\/panels\//);
  assert.equal(await audience.locator('.sa-missing').count(), 0);
  await page.goto(site.url('/fr/stage/script/'), { waitUntil: 'networkidle' });
  assert.ok((await page.locator('article.ss-beat img').count()) > 10);
  assert.deepEqual(failed, []);
  assert.deepEqual(site.foreign, []);
  await context.close();
});
