// The panel-by-panel view and the English panels, in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, useSite } from './helpers.ts';

const site = useSite();
const EP = '/en/19-donner-de-l-exercice-a-ses-cobayes/';

test('English pages show the English composites, French pages the French ones', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(EP));
  // Each panel's <img> and, for raster art, the <source> sets of its <picture>.
  const sources = (p: typeof page) =>
    p
      .locator('figure.panel img')
      .evaluateAll((imgs) =>
        imgs.flatMap((img) =>
          [...(img.closest('picture')?.querySelectorAll('source') ?? [])]
            .map((s) => (s as HTMLSourceElement).srcset)
            .concat((img as HTMLImageElement).src),
        ),
      );
  const srcs = await sources(page);
  assert.ok(srcs.length >= 3);
  assert.ok(
    srcs.every((s) => s.split(', ').every((c) => /\.en\.[0-9a-f]{12}/.test(c))),
    srcs.join('\n'),
  );
  await page.goto(site.url(EP.replace('/en/', '/fr/')));
  const fr = await sources(page);
  assert.ok(
    fr.every((s) => s.split(', ').every((c) => /\.fr\.[0-9a-f]{12}/.test(c))),
    fr.join('\n'),
  );
  // Panels reserve their space: no layout shift while images load.
  const sized = await page
    .locator('figure.panel img')
    .evaluateAll((imgs) => imgs.every((i) => i.getAttribute('width') && i.getAttribute('height')));
  assert.ok(sized);
  // The first panel is drawn (its SVG decodes in the browser), at the size it announced.
  const first = page.locator('figure.panel img').first();
  await first.scrollIntoViewIfNeeded();
  await first.evaluate((i: HTMLImageElement) => i.decode());
  const natural = await first.evaluate((i: HTMLImageElement) => [
    i.naturalWidth,
    i.naturalHeight,
    Number(i.getAttribute('width')),
    Number(i.getAttribute('height')),
  ]);
  assert.ok(natural[0]! > 0 && natural[0] === natural[2] && natural[1] === natural[3], natural.join(' '));
  await context.close();
});

test('the guided view: keys, position, closing, and the page follows', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(EP));
  const total = await page.locator('figure.panel').count();
  assert.deepEqual(await axe(page), [], 'closed');
  await page.locator('figure.panel').nth(1).locator('[data-viewer-open]').click();
  const dialog = page.locator('dialog.viewer');
  await dialog.waitFor();
  assert.match((await dialog.locator('.viewer__position').textContent())!, new RegExp(`^Panel 2 of ${total}\\.`));
  assert.deepEqual(await axe(page), [], 'open');
  await page.keyboard.press('ArrowRight');
  assert.match((await dialog.locator('.viewer__position').textContent())!, new RegExp(`^Panel 3 of ${total}`));
  // The arrows belong to the viewer: the page did not move to the next episode.
  await page.waitForTimeout(300);
  assert.ok(page.url().endsWith(EP));
  await page.keyboard.press('End');
  assert.match((await dialog.locator('.viewer__position').textContent())!, new RegExp(`^Panel ${total} of ${total}`));
  assert.equal(await dialog.locator('.viewer__nav--next').isDisabled(), true);
  await page.keyboard.press('ArrowLeft');
  const shownId = await page.evaluate(
    () => document.querySelectorAll('figure.panel')[document.querySelectorAll('figure.panel').length - 2]!.id,
  );
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  const top = await page.locator(`#${shownId}`).evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 200, `the page shows the panel last seen (${shownId} at ${top})`);
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest('figure')?.id),
    shownId,
    'focus returns to that panel',
  );
  await context.close();
});

test('the guided view follows swipes on a touch screen', async () => {
  const { page, context } = await site.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(site.url(EP));
  await page.locator('figure.panel').first().locator('[data-viewer-open]').click();
  const stage = page.locator('.viewer__stage');
  const box = (await stage.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.8, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, y, { steps: 5 });
  await page.mouse.up();
  assert.match((await page.locator('.viewer__position').textContent())!, /^Panel 2 of/);
  await context.close();
});
