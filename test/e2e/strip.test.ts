// Strips (issue 23): a panel of 2 or 3 frames in every output, on the sample's "data-broker"
// (episode 21). The site lays the frames in a row on a wide screen and stacks them on a phone,
// each frame's lettering at the size the kit guarantees; the viewer steps through the frames
// before the next panel; the PDF keeps the strip on one page; the CBZ has a page per frame;
// search finds a second frame's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { figurePages } from '../../src/outputs/pdf/structure.ts';
import { axe, DIST, useSite } from './helpers.ts';
import { loadBook } from '../../src/model/book.ts';
import { framesText } from '../../src/model/views/panel-text.ts';
import { readZip } from '../../src/outputs/zip.ts';
import { cbzFile } from '../../src/outputs/cbz/downloads.ts';
import { routes } from '../../src/shared/addresses.ts';
import type { PanelLayout } from '../../src/shared/panel-layout.ts';

const site = useSite();
const book = loadBook('.');
const episode = book.episodes.find((e) => e.number === 21)!;
const strip = episode.panels.find((p) => p.id === 'data-broker')!;
const EP = `/en/${episode.slug}/`;
/** The lettering the kit guarantees on a 360 px phone at full width (issue 17, text-layout.ts). */
const MIN_CSS_PX = 11;

/** Each frame's box on the page, and its smallest lettering in CSS px as drawn at that size. */
const frames = (page: Page) =>
  page.locator('#panel-data-broker [data-frame]').evaluateAll((els) =>
    els.map((el) => {
      const img = el.querySelector('img')!;
      const r = img.getBoundingClientRect();
      const layout = JSON.parse((el as HTMLElement).dataset.bubbles!) as PanelLayout;
      const text = Math.min(...layout.bubbles.map((b) => b.text)) * (r.width / layout.width);
      return { x: r.x, y: r.y, width: r.width, height: r.height, text, alt: img.alt };
    }),
  );

test('the model: data-broker is a strip of two frames, each with its own art, alt and bubbles', () => {
  assert.equal(strip.strip, true);
  assert.deepEqual(
    strip.frames.map((f) => [f.key, f.bubbles.map((b) => b.id)]),
    [
      ['data-broker.handover', ['b1']],
      ['data-broker.offer', ['b2']],
    ],
  );
});

test('site: in a row at 1366 px, stacked at 390 px, in reading order, each frame legible', async () => {
  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const { page, context } = await site.newPage({ viewport });
    await page.goto(site.url(EP));
    await page.locator('#panel-data-broker').scrollIntoViewIfNeeded();
    const [a, b] = await frames(page);
    assert.ok(a && b, 'two frames');
    const alts = framesText(strip, 'en', book.settings).map((f) => f.alt.text);
    assert.deepEqual([a.alt, b.alt], alts, 'each frame its own alt text, in order');
    if (viewport.width > 1000) {
      assert.ok(Math.abs(a.y - b.y) < 1 && b.x > a.x + a.width - 1, `side by side (${JSON.stringify([a, b])})`);
      assert.ok(Math.abs(a.height - b.height) < 1, 'equal heights');
    } else {
      assert.ok(b.y >= a.y + a.height - 1 && Math.abs(a.x - b.x) < 1, `stacked (${JSON.stringify([a, b])})`);
    }
    for (const f of [a, b])
      assert.ok(f.text >= MIN_CSS_PX, `${viewport.width} px: lettering at ${f.text.toFixed(1)} CSS px`);
    // One figure, the frames an ordered list inside it.
    assert.equal(await page.locator('#panel-data-broker > ol.strip > li').count(), 2);
    assert.deepEqual(await axe(page), [], `axe at ${viewport.width} px`);
    await context.close();
  }
});

test('the viewer shows frame 1, then frame 2, then the next panel (and guided, each frame’s bubbles)', async () => {
  const { page, context } = await site.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(site.url(EP));
  const total = await page.locator('figure.panel').count();
  await page.locator('#panel-data-broker [data-viewer-open]').click();
  const where = () => page.locator('.viewer__position').textContent();
  assert.equal(await where(), `Panel 2 of ${total}, frame 1 of 2.`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await where(), `Panel 2 of ${total}, frame 2 of 2.`);
  const alt = framesText(strip, 'en', book.settings)[1]!.alt.text;
  assert.equal(await page.locator('.viewer__description').textContent(), alt, "the frame's own description");
  await page.keyboard.press('ArrowRight');
  assert.equal(await where(), `Panel 3 of ${total}.`);
  await context.close();

  const phone = await site.newPage({ viewport: { width: 390, height: 844 } });
  await phone.page.emulateMedia({ reducedMotion: 'reduce' });
  await phone.page.goto(site.url(EP));
  await phone.page.locator('#panel-data-broker [data-viewer-open]').click();
  const steps: string[] = [];
  for (let i = 0; i < 5; i++) {
    steps.push((await phone.page.locator('.viewer__position').textContent())!);
    await phone.page.keyboard.press('ArrowRight');
  }
  assert.deepEqual(steps, [
    `Panel 2 of ${total}, frame 1 of 2, bubble 1 of 1.`,
    `Panel 2 of ${total}, frame 1 of 2.`,
    `Panel 2 of ${total}, frame 2 of 2, bubble 1 of 1.`,
    `Panel 2 of ${total}, frame 2 of 2.`,
    `Panel 3 of ${total}, bubble 1 of 1.`,
  ]);
  // At a bubble of frame 2, the live region reads that frame's line.
  await phone.page.keyboard.press('ArrowLeft');
  await phone.page.keyboard.press('ArrowLeft');
  await phone.page.keyboard.press('ArrowLeft');
  const line = framesText(strip, 'en', book.settings)[1]!.lines[0]!.text;
  assert.ok((await phone.page.locator('.viewer__live').textContent())!.includes(line));
  await phone.context.close();
});

for (const lang of ['fr', 'en']) {
  test(`PDF (${lang}): every strip's frames print on one page`, async () => {
    const file = join(DIST, routes.bookFile(book.settings.id, lang, 'pdf'));
    for (const p of book.episodes.flatMap((e) => e.panels).filter((x) => x.strip)) {
      const alts = framesText(p, lang, book.settings).map((f) => f.alt.text);
      const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
      const pages = figurePages(doc, alts);
      assert.ok(
        pages.every((x) => x.length === 1),
        `${p.id}: each frame printed once (${JSON.stringify(pages)})`,
      );
      assert.equal(new Set(pages.flat()).size, 1, `${p.id}: one page (${JSON.stringify(pages)})`);
    }
  });

  test(`CBZ (${lang}): one page per frame, in reading order, listed in ComicInfo.xml`, () => {
    const entries = readZip(readFileSync(join(DIST, cbzFile(book.settings, lang))));
    const names = entries.map((e) => e.name);
    const at = (stem: string) => names.findIndex((n) => n.endsWith(`-${stem}.png`));
    const first = at('data-broker-handover');
    assert.ok(first > 0, names.join(', '));
    assert.equal(at('data-broker-offer'), first + 1, names.join(', '));
    const info = entries.find((e) => e.name === 'ComicInfo.xml')!.data.toString('utf8');
    assert.equal((info.match(/<Page /g) ?? []).length, names.length - 1, 'one <Page> per picture');
  });
}

test("search finds a word of the strip's second frame, on the strip", async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(EP), { waitUntil: 'networkidle' });
  await page.keyboard.press('/');
  const query = 'perfection';
  await page.keyboard.type(query);
  await page.waitForFunction((q) => document.querySelector<HTMLElement>('#search-results')?.dataset.query === q, query);
  const links = await page.locator('.search-result a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.includes(`${EP}#panel-data-broker`), `"${query}" → ${links.join(', ')}`);
  assert.equal(
    await page.locator(`.search-result a[href$="#panel-data-broker"] img`).count(),
    1,
    "the strip's thumbnail (its first frame)",
  );
  await context.close();
});
