// The home, episode and search pages as a reader arriving on a phone sees them (issue 17, item 5):
// what is measured is geometry and what loads, not the markup alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './helpers.ts';

const site = useSite();
const EP19 = '19-donner-de-l-exercice-a-ses-cobayes';
const EP22 = '22-conclusion-le-swot-de-la-connardise';
const PHONE = { width: 390, height: 844 };

for (const lang of ['fr', 'en']) {
  test(`home page in ${lang} on a phone: the episodes come first, as cards with a lazy thumbnail`, async () => {
    const { page, context } = await site.newPage({ viewport: PHONE });
    const loaded: string[] = [];
    page.on('response', (r) => {
      if (/-thumb\.svg$/.test(r.url())) loaded.push(r.url());
    });
    await page.goto(site.url(`/${lang}/`), { waitUntil: 'networkidle' });
    // The first card's title is on the first screen (it was 2.5 screens down, under the introduction).
    const first = await page.locator('.card').first().boundingBox();
    const title = await page.locator('.card__title').first().boundingBox();
    assert.ok(first && title, 'a card');
    assert.ok(
      title.y + title.height <= PHONE.height,
      `the first card's title is on the first screen (bottom at ${title.y + title.height})`,
    );
    // One card per episode, each one link in a real heading, with number, title and summary.
    const cards = await page.locator('.card').evaluateAll((cs) =>
      cs.map((c) => ({
        links: c.querySelectorAll('a').length,
        heading: c.querySelector('h3 a') !== null,
        number: c.querySelector('.card__number')?.textContent ?? '',
        summary: (c.querySelector('.card__summary')?.textContent ?? '').length,
        lazy: c.querySelector('img')?.getAttribute('loading'),
        alt: c.querySelector('img')?.getAttribute('alt'),
        width: c.getBoundingClientRect().width,
      })),
    );
    assert.equal(cards.length, 4);
    for (const c of cards) {
      assert.equal(c.links, 1, 'one link per card');
      assert.ok(c.heading, 'the link is in an h3');
      assert.match(c.number, /\d+/);
      assert.ok(c.summary > 20, 'a summary');
      assert.equal(c.lazy, 'lazy');
      assert.equal(c.alt, '', 'the thumbnail is decorative: the link text names the episode');
      assert.equal(Math.round(c.width), PHONE.width - 40, 'a card is the column’s width');
    }
    // Lazy (the browser fetches what nears the screen): scrolled to, the last card's picture is its art-only SVG.
    const last = page.locator('.card img').last();
    await last.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const imgs = [...document.querySelectorAll<HTMLImageElement>('.card img')];
      return imgs.at(-1)!.complete && imgs.at(-1)!.naturalWidth > 0;
    });
    const drawn = await last.evaluate((i: HTMLImageElement) => [i.currentSrc, i.naturalWidth]);
    assert.match(String(drawn[0]), /-thumb\.svg$/, 'the art-only thumbnail, not the whole lettered panel');
    assert.ok(loaded.length >= 2, `thumbnails loaded: ${loaded.length}`);
    // The whole card is the link's target: a tap on the summary opens the episode.
    // (a mouse click at the summary's place: the link's box covers it, by design)
    await page.locator('.card__summary').first().scrollIntoViewIfNeeded();
    const summary = (await page.locator('.card__summary').first().boundingBox())!;
    await page.mouse.click(summary.x + summary.width / 2, summary.y + summary.height / 2);
    await page.waitForURL(new RegExp(`/${lang}/${EP19}/$`));
    await context.close();
  });
}

for (const viewport of [PHONE, { width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
  test(`home page at ${viewport.width} px: one left edge (header title, cover, text, cards, downloads)`, async () => {
    const { page, context } = await site.newPage({ viewport });
    await page.goto(site.url('/en/'), { waitUntil: 'networkidle' });
    const lefts = await page.evaluate(() =>
      Object.fromEntries(
        [
          '.site-title',
          '.hero__cover img',
          '.home__lead',
          '#episodes',
          '.card',
          '.intro p',
          '.downloads',
          '.performances',
        ].map((sel) => [sel, Math.round(document.querySelector(sel)!.getBoundingClientRect().left)]),
      ),
    );
    const edge = lefts['.site-title'];
    for (const [sel, left] of Object.entries(lefts))
      assert.equal(left, edge, `${sel} starts at ${left}, the header's title at ${edge}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width, 'no sideways scroll');
    await context.close();
  });
}

test('episode pages on a phone: the next episode is a full-width card, first; no key tips on a touch screen', async () => {
  const { page, context } = await site.newPage({ viewport: PHONE, hasTouch: true });
  for (const lang of ['fr', 'en']) {
    await page.goto(site.url(`/${lang}/${EP19}/`));
    const pager = await page.locator('.pager').boundingBox();
    const next = await page.locator('.pager__next').boundingBox();
    assert.ok(pager && next);
    assert.equal(Math.round(next.width), Math.round(pager.width), 'the next card spans the pager');
    const titleLines = await page
      .locator('.pager__next .pager__title')
      .evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
    assert.ok(titleLines <= 2, `the next title in ${titleLines} lines`);
    assert.equal(await page.locator('.keys-hint').isVisible(), false, 'no ← → tip on a touch screen');
    await page.goto(site.url(`/${lang}/${EP22}/`));
    const prev = await page.locator('.pager__prev').boundingBox();
    assert.ok(prev);
    assert.equal(Math.round(prev.width), Math.round(pager.width), 'the last episode’s previous card spans the pager');
  }
  await context.close();
  // With a mouse, side by side, and the tip shown.
  const desk = await site.newPage({ viewport: { width: 1280, height: 800 } });
  await desk.page.goto(site.url(`/en/20-capter-l-attention-des-cons/`));
  const a = await desk.page.locator('.pager__prev').boundingBox();
  const b = await desk.page.locator('.pager__next').boundingBox();
  assert.ok(a && b && Math.abs(a.y - b.y) < 1 && b.x > a.x, 'previous and next side by side');
  assert.equal(await desk.page.locator('.keys-hint').isVisible(), true, 'the tip for keyboard readers');
  await desk.context.close();
});

for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
  test(`the search page at ${viewport.width} px: its results fill the page under its heading, and every Tab stop is visible`, async () => {
    const { page, context } = await site.newPage({ viewport });
    await page.goto(site.url('/en/search/?q=data'));
    await page.waitForSelector('.site-search__results--page .search-result');
    const h1 = (await page.locator('main h1').boundingBox())!;
    const results = (await page.locator('.site-search__results').boundingBox())!;
    assert.ok(
      results.y >= h1.y + h1.height,
      `the results (top ${results.y}) are under the heading (bottom ${h1.y + h1.height}), not over it`,
    );
    assert.ok(await page.locator('main .site-search__results').count(), 'the results are part of the page');
    const column = (await page.locator('main article').boundingBox())!;
    assert.ok(Math.abs(results.width - column.width) < 1, 'as wide as the page’s column');
    // A click on the page (not on a result) leaves them there.
    await page.mouse.click(5, viewport.height - 5);
    assert.equal(await page.locator('.site-search__results').isVisible(), true);
    // Tab from the top of the page: every element that takes the focus is a visible box.
    await page.goto(site.url('/en/'));
    const stops: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const box = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        return { what: `${el.tagName.toLowerCase()}.${el.className}`, w: r.width, h: r.height };
      });
      stops.push(box.what);
      if (box.what.startsWith('a.skip-link')) continue; // shown on focus, by design
      assert.ok(box.w >= 8 && box.h >= 8, `Tab stop ${i + 1} (${box.what}) is ${box.w}×${box.h} px`);
    }
    assert.ok(
      stops.some((s) => s.startsWith('input')),
      `the search field is a Tab stop: ${stops.join(', ')}`,
    );
    await context.close();
  });
}
