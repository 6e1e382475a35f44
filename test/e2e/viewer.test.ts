// The panel-by-panel view (guided bubble by bubble on phones) and the English panels, in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axe, useSite } from './helpers.ts';
import { readManifest, type BubbleLayout } from '../../src/model/image-manifest.ts';
import { loadBook } from '../../src/model/book.ts';

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

// The guided view at phone size: its first panel has two bubbles (the sample's episode 19).
const PHONE = { width: 390, height: 844 };
/** The viewer's visible counter. */
const where = (page: Page) => page.locator('.viewer__position').textContent();
/** Where the shown panel's image is and how large it is drawn, once its step has settled. */
const settled = (page: Page) =>
  page.locator('.viewer__stage img').evaluate(async (i: HTMLImageElement) => {
    await i.decode();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const r = i.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, layout: i.offsetWidth };
  });

test('on a phone, swipes and taps move bubble by bubble, then to the whole panel', async () => {
  const { page, context } = await site.newPage({ viewport: PHONE });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(site.url(EP));
  await page.locator('figure.panel').first().locator('[data-viewer-open]').click();
  assert.match((await where(page))!, /^Panel 1 of \d+, bubble 1 of 2\.$/);
  assert.match((await page.locator('.viewer__live').textContent())!, /^Panel 1 of \d+, bubble 1 of 2\. Lesson 6/);
  assert.deepEqual(await axe(page), [], 'guided, at a zoomed bubble');
  const stage = page.locator('.viewer__stage');
  const box = (await stage.boundingBox())!;
  const y = box.y + box.height / 2;
  const swipe = async (from: number, to: number) => {
    await page.mouse.move(box.x + box.width * from, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * to, y, { steps: 5 });
    await page.mouse.up();
  };
  await swipe(0.8, 0.2);
  assert.match((await where(page))!, /^Panel 1 of \d+, bubble 2 of 2\.$/);
  await page.mouse.click(box.x + box.width * 0.8, y);
  assert.match((await where(page))!, /^Panel 1 of \d+\.$/, 'the whole panel after its bubbles');
  const whole = await settled(page);
  assert.ok(Math.abs(whole.width - whole.layout) < 0.5, `shown whole, not zoomed (${whole.width} px)`);
  await page.mouse.click(box.x + box.width * 0.15, y);
  assert.match((await where(page))!, /^Panel 1 of \d+, bubble 2 of 2\.$/, 'a tap on the left third goes back');
  await swipe(0.2, 0.8);
  assert.match((await where(page))!, /^Panel 1 of \d+, bubble 1 of 2\.$/);
  await page.keyboard.press('PageDown');
  assert.match((await where(page))!, /^Panel 2 of \d+, bubble 1 of \d\.$/, 'PageDown: the next panel');
  await context.close();
});

test('two fingers pinch-zoom the panel around their midpoint; a tap moves on', async () => {
  const { page, context } = await site.newPage({ viewport: PHONE, hasTouch: true });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(site.url(EP));
  await page.locator('figure.panel').first().locator('[data-viewer-open]').click();
  await page.locator('dialog.viewer').waitFor();
  await page.keyboard.press('End');
  const before = await settled(page);
  assert.ok(Math.abs(before.width - before.layout) < 0.5, 'the whole panel, not zoomed');
  const stage = (await page.locator('.viewer__stage').boundingBox())!;
  const cx = stage.x + stage.width / 2;
  const cy = stage.y + stage.height / 2;
  const cdp = await context.newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints:
        type === 'touchEnd'
          ? []
          : [
              { x: cx - spread, y: cy, id: 1 },
              { x: cx + spread, y: cy, id: 2 },
            ],
    });
  await touch('touchStart', 30);
  for (const spread of [45, 60, 75, 90]) await touch('touchMove', spread);
  await touch('touchEnd', 0);
  const after = await settled(page);
  const zoom = after.width / before.width;
  assert.ok(zoom > 2.7 && zoom < 3.3, `zoomed ${zoom.toFixed(2)}× for fingers 3× apart`);
  // The point that was under the fingers' midpoint is still under it.
  const u = (cx - before.x) / before.width;
  assert.ok(Math.abs(after.x + u * after.width - cx) < 3, `midpoint kept (${after.x + u * after.width} vs ${cx})`);
  assert.match((await where(page))!, /^Panel \d+ of \d+\.$/, 'a pinch is not a step');
  // One finger, on the left third: back to the panel's last bubble, framed for it.
  const tap = { x: stage.x + stage.width * 0.15, y: cy, id: 3 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [tap] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  assert.match((await where(page))!, /^Panel \d+ of \d+, bubble (\d+) of \1\.$/);
  const back = await settled(page);
  assert.notEqual(back.width, after.width, 'a step frames its bubble again');
  await context.close();
});

test('bubbles are panned to with motion, and cut to when the reader asks for less motion', async () => {
  const { page, context } = await site.newPage({ viewport: PHONE });
  await page.goto(site.url(EP));
  await page.locator('figure.panel').first().locator('[data-viewer-open]').click();
  await settled(page);
  const running = () => page.locator('.viewer__stage img').evaluate((i: HTMLImageElement) => i.getAnimations().length);
  await page.keyboard.press('ArrowRight');
  assert.ok((await running()) > 0, 'a pan between bubbles');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.keyboard.press('ArrowLeft');
  assert.equal(await running(), 0, 'a cut');
  await context.close();
});

// Every viewer step, as the reader sees it: at phone portrait and landscape, laptop and desktop
// sizes, for every panel of every episode in both languages, the document does not widen, the
// dialog and the panel stay inside the screen, and every control is whole, on screen, large enough
// for a thumb, not covered, and not covering the panel. On phones (the guided view) each panel's
// bubbles come first, in reading order, each with its lettering at 16 CSS px or more and its box
// on screen, then the whole panel; wider screens go panel by panel, the whole panel fitted.
const SIZES = [
  { width: 390, height: 844, guided: true },
  { width: 844, height: 390, guided: true },
  { width: 1280, height: 720, guided: false },
  { width: 1920, height: 1080, guided: false },
];
const EPISODES = [
  '19-donner-de-l-exercice-a-ses-cobayes',
  '20-capter-l-attention-des-cons',
  '21-que-faire-de-l-attention-des-cons',
  '22-conclusion-le-swot-de-la-connardise',
];
/** The bubbles as the image pipeline laid them out: what the lettering's size is measured from. */
const MANIFEST = readManifest(process.cwd());
/** The sample's panels by id: a strip's frames are keyed "<panel>.<frame>" in the manifest. */
const BOOK_PANELS = new Map(loadBook('.').episodes.flatMap((e) => e.panels.map((p) => [p.id, p] as const)));

interface StepReport {
  position: string;
  faults: string[];
  /** At a bubble step: the lettering's size on screen, in CSS px. */
  text?: number;
}

/** The viewer's current step, measured in the page once its panel is drawn. */
async function stepReport(arg: { bubble?: BubbleLayout; width: number; first: boolean }): Promise<StepReport> {
  const dialog = document.querySelector('dialog.viewer')!;
  const img = dialog.querySelector<HTMLImageElement>('.viewer__stage img')!;
  // A new panel is measured once drawn and framed (its image loads first); the next steps of
  // the same panel are framed at once (cuts, no pans: reduced motion).
  if (arg.first) {
    await img.decode();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
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
  const d = dialog.getBoundingClientRect();
  const drawn = img.getBoundingClientRect();
  const stage = dialog.querySelector('.viewer__stage')!.getBoundingClientRect();
  // What the reader sees of the panel: all of it at a whole-panel step, the part the stage
  // shows (it clips) at a zoomed bubble.
  const i = arg.bubble
    ? DOMRect.fromRect({
        x: Math.max(drawn.left, stage.left),
        y: Math.max(drawn.top, stage.top),
        width: Math.min(drawn.right, stage.right) - Math.max(drawn.left, stage.left),
        height: Math.min(drawn.bottom, stage.bottom) - Math.max(drawn.top, stage.top),
      })
    : drawn;
  if (document.documentElement.scrollWidth > vw)
    faults.push(`document ${document.documentElement.scrollWidth} px wide`);
  if (!inside(d, screen)) faults.push(`dialog at ${box(d)}`);
  if (!inside(i, screen) || !inside(i, d) || i.width < 1) faults.push(`image at ${box(i)}`);
  if (!arg.bubble && Math.abs(drawn.width - img.offsetWidth) > 0.5)
    faults.push(`the whole panel is drawn ${Math.round(drawn.width)} px wide, not ${img.offsetWidth} (zoomed)`);
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
  const position = dialog.querySelector('.viewer__position')!.textContent ?? '';
  const b = arg.bubble;
  if (!b) return { position, faults };
  // The bubble as drawn: its box and lettering scaled by the image's size on screen.
  const k = drawn.width / arg.width;
  const bubble = DOMRect.fromRect({ x: drawn.left + b.x * k, y: drawn.top + b.y * k, width: b.w * k, height: b.h * k });
  const shown = b.text * k;
  if (shown < 16) faults.push(`bubble ${b.id}'s lettering at ${shown.toFixed(1)} CSS px`);
  if (!inside(bubble, stage) || !inside(bubble, screen)) faults.push(`bubble ${b.id} at ${box(bubble)}, off the stage`);
  return { position, faults, text: shown };
}

test('every viewer step fits the screen at phone, landscape, laptop and desktop sizes', async () => {
  const faults: string[] = [];
  let steps = 0;
  let bubbleSteps = 0;
  let smallest = Infinity;
  for (const { guided, ...viewport } of SIZES) {
    const { page, context } = await site.newPage({ viewport });
    // Cuts, not pans: each step is measured where it lands.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const lang of ['fr', 'en']) {
      for (const ep of EPISODES) {
        await page.goto(site.url(`/${lang}/${ep}/`));
        const ids = await page
          .locator('figure.panel:has(img)')
          .evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.panel!));
        const total = ids.length;
        await page.locator('[data-viewer-open]').first().click();
        await page.locator('dialog.viewer').waitFor();
        // The steps expected, from the manifest: bubble by bubble when guided, then the whole panel;
        // a strip's frames one after another ("Panel 2 of 4, frame 1 of 2, bubble 1 of 1.").
        const expected = ids.flatMap((id, p) => {
          const frames = BOOK_PANELS.get(id)!.frames;
          return frames.flatMap((f, k) => {
            const image = MANIFEST.panels[f.key]![lang]!;
            const frame = frames.length > 1 ? `, \\D*${k + 1}\\D+${frames.length}` : '';
            return [
              ...(guided ? image.bubbles! : []).map((bubble, j, all) => ({
                re: new RegExp(`^\\D*${p + 1}\\D+${total}${frame}, \\D*${j + 1}\\D+${all.length}\\.$`),
                bubble,
                width: image.width,
                first: j === 0,
              })),
              {
                re: new RegExp(`^\\D*${p + 1}\\D+${total}${frame}\\.$`),
                bubble: undefined,
                width: image.width,
                first: !guided || !image.bubbles!.length,
              },
            ];
          });
        });
        for (const [n, step] of expected.entries()) {
          if (n > 0) await page.keyboard.press('ArrowRight');
          const report = await page.evaluate(stepReport, { bubble: step.bubble, width: step.width, first: step.first });
          assert.match(report.position, step.re, `${lang} ${ep} step ${n + 1}`);
          steps++;
          if (report.text !== undefined) {
            bubbleSteps++;
            smallest = Math.min(smallest, report.text);
          }
          if (report.faults.length)
            faults.push(
              `${viewport.width}×${viewport.height} ${lang} ${ep} ${report.position} ${report.faults.join('; ')}`,
            );
        }
        assert.equal(await page.locator('.viewer__nav--next').isDisabled(), true, `${lang} ${ep}: the last step`);
        await page.keyboard.press('Escape');
      }
    }
    await context.close();
  }
  assert.ok(steps >= 4 * 2 * 17, `${steps} steps`);
  assert.ok(bubbleSteps >= 2 * 2 * 17, `${bubbleSteps} bubble steps`);
  assert.deepEqual(faults, [], `${faults.length} of ${steps} steps do not fit:\n${faults.join('\n')}`);
  console.log(`${steps} steps, ${bubbleSteps} of them bubbles, smallest lettering ${smallest.toFixed(1)} CSS px`);
});
