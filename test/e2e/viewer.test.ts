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

// Every viewer step, as the reader sees it: at phone portrait and landscape, laptop and desktop
// sizes, for every panel of every episode in both languages, the document does not widen, the
// dialog and the panel stay inside the screen, and every control is whole, on screen, large enough
// for a thumb, not covered, and not covering the panel.
const SIZES = [
  { width: 390, height: 844 },
  { width: 844, height: 390 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const EPISODES = [
  '19-donner-de-l-exercice-a-ses-cobayes',
  '20-capter-l-attention-des-cons',
  '21-que-faire-de-l-attention-des-cons',
  '22-conclusion-le-swot-de-la-connardise',
];

/** What is wrong with the viewer's current step, measured in the page (empty when it fits). */
function viewerFaults(): string[] {
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  const faults: string[] = [];
  const box = (r: DOMRect) =>
    `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
  const inside = (r: DOMRect, o: { left: number; top: number; right: number; bottom: number }) =>
    r.left >= o.left - 0.5 && r.top >= o.top - 0.5 && r.right <= o.right + 0.5 && r.bottom <= o.bottom + 0.5;
  const screen = { left: 0, top: 0, right: vw, bottom: vh };
  const overlap = (a: DOMRect, b: DOMRect) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const dialog = document.querySelector('dialog.viewer')!;
  const img = dialog.querySelector('.viewer__stage img')!;
  const d = dialog.getBoundingClientRect();
  const i = img.getBoundingClientRect();
  if (document.documentElement.scrollWidth > vw)
    faults.push(`document ${document.documentElement.scrollWidth} px wide`);
  if (!inside(d, screen)) faults.push(`dialog at ${box(d)}`);
  if (!inside(i, screen) || !inside(i, d) || i.width < 1) faults.push(`image at ${box(i)}`);
  for (const sel of ['.viewer__nav--prev', '.viewer__nav--next', '.viewer__close']) {
    const r = dialog.querySelector(sel)!.getBoundingClientRect();
    if (!inside(r, screen)) faults.push(`${sel} at ${box(r)}`);
    else if (r.width < 44 || r.height < 44) faults.push(`${sel} only ${box(r)}`);
    else if (!dialog.querySelector(sel)!.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)))
      faults.push(`${sel} covered`);
    if (overlap(r, i)) faults.push(`${sel} covers the image`);
  }
  const text = dialog.querySelector<HTMLElement>('.viewer__description')!;
  const t = text.getBoundingClientRect();
  if (!inside(t, screen)) faults.push(`description at ${box(t)}`);
  if (text.scrollWidth > text.clientWidth + 1 || text.scrollHeight > text.clientHeight + 1)
    faults.push(
      `description cut (${text.scrollWidth}×${text.scrollHeight} in ${text.clientWidth}×${text.clientHeight})`,
    );
  if (overlap(t, i)) faults.push('description covers the image');
  return faults;
}

test('every viewer step fits the screen at phone, landscape, laptop and desktop sizes', async () => {
  const faults: string[] = [];
  let steps = 0;
  for (const viewport of SIZES) {
    const { page, context } = await site.newPage({ viewport });
    for (const lang of ['fr', 'en']) {
      for (const ep of EPISODES) {
        await page.goto(site.url(`/${lang}/${ep}/`));
        const total = await page.locator('figure.panel img').count();
        await page.locator('[data-viewer-open]').first().click();
        await page.locator('dialog.viewer').waitFor();
        for (let n = 1; n <= total; n++) {
          if (n > 1) await page.keyboard.press('ArrowRight');
          const position = (await page.locator('.viewer__position').textContent())!;
          assert.match(position, new RegExp(`^\\D*${n}\\D+${total}\\.$`), `${lang} ${ep} step ${n}`);
          steps++;
          // Measured as the reader sees the step: once its panel is drawn.
          await page.locator('.viewer__stage img').evaluate((i: HTMLImageElement) => i.decode());
          const f = await page.evaluate(viewerFaults);
          if (f.length) faults.push(`${viewport.width}×${viewport.height} ${lang} ${ep} panel ${n}: ${f.join('; ')}`);
        }
        await page.keyboard.press('Escape');
      }
    }
    await context.close();
  }
  assert.ok(steps >= 4 * 2 * 17, `${steps} steps`);
  assert.deepEqual(faults, [], `${faults.length} of ${steps} steps do not fit:\n${faults.join('\n')}`);
});
