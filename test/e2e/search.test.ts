// Search in Chromium on the built sample book: per-language indexes, panel text, accents,
// anchors, keyboard, accessibility, and nothing loaded before the reader searches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBook } from '../../src/model/book.ts';
import { episodeView } from '../../src/model/views/episode.ts';
import { panelText } from '../../src/model/views/panel-text.ts';
import { axe, settledTop, useSite } from './helpers.ts';

const site = useSite();
const book = loadBook('.');
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 5);
// Pagefind stems words and ignores accents: compare unaccented 5-letter stems, so that a cognate
// ("delegate" / "déléguer") does not count as absent from the French book.
const stem = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').slice(0, 5);

/** A word found only in one English bubble: in no English paragraph and nowhere in French. */
function englishBubbleOnlyWord(): { word: string; panel: string; slug: string } {
  const prose = new Set<string>();
  const french = new Set<string>();
  for (const e of book.episodes) {
    for (const b of episodeView(book, e, 'en').blocks)
      if (b.type === 'paragraph') for (const w of words(b.text)) prose.add(w);
    for (const b of episodeView(book, e, 'fr').blocks)
      if (b.type === 'paragraph') for (const w of words(b.text)) french.add(stem(w));
    for (const w of words(episodeView(book, e, 'en').title.text)) prose.add(w);
    for (const p of e.panels.flatMap((x) => x.frames))
      for (const w of words(panelText(p, 'fr', book.settings).searchable)) french.add(stem(w));
    for (const w of words(episodeView(book, e, 'fr').title.text)) french.add(stem(w));
  }
  // The longest such word: French stemming of a short English word can match French prefixes.
  const candidates = book.episodes.flatMap((e) =>
    e.panels
      .flatMap((x) => x.frames)
      .flatMap((p) =>
        panelText(p, 'en', book.settings).lines.flatMap((line) =>
          words(line.text)
            .filter((x) => !prose.has(x) && !french.has(stem(x)))
            .map((word) => ({ word, panel: p.panelId, slug: e.slug })),
        ),
      ),
  );
  const best = candidates.sort((a, b) => b.word.length - a.word.length || a.word.localeCompare(b.word))[0];
  if (!best) throw new Error('the sample book has no English bubble word absent elsewhere');
  return best;
}

async function search(path: string, query: string) {
  const { page, context } = await site.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(site.url(path), { waitUntil: 'networkidle' });
  assert.ok(
    !requests.some((p) => p.includes('/pagefind/')),
    'nothing of the search is loaded before the reader searches',
  );
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input', '"/" focuses the search box');
  await page.keyboard.type(query);
  // Results of earlier keystrokes may show first: wait for those of the whole query.
  await page.waitForFunction((q) => document.querySelector<HTMLElement>('#search-results')?.dataset.query === q, query);
  return { page, context, requests };
}

test('a word only in an English bubble finds that panel on the English site, nothing on the French one', async () => {
  const { word, panel, slug } = englishBubbleOnlyWord();
  const en = await search(`/en/${slug}/`, word);
  const links = await en.page.locator('.search-result a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.includes(`/en/${slug}/#panel-${panel}`), `"${word}" → ${links.join(', ')}`);
  const thumb = en.page.locator(`.search-result a[href$="#panel-${panel}"] img`);
  assert.equal(await thumb.count(), 1, 'a match in a panel shows its thumbnail');
  assert.ok(en.requests.some((p) => p.endsWith('/pagefind/pagefind.js')));
  assert.deepEqual(await axe(en.page), [], 'axe with results open');
  await en.context.close();
  const fr = await search(`/fr/${slug}/`, word);
  assert.deepEqual(await fr.page.locator('.search-result').allTextContents(), [], `"${word}" on the French site`);
  assert.match((await fr.page.locator('.site-search__status').textContent())!, /Rien ne correspond/);
  await fr.context.close();
});

test('a French word with accents, and the same word typed without them, finds the French episode', async () => {
  for (const q of ['expérimentations', 'experimentations']) {
    const { page, context } = await search('/fr/', q);
    const titles = await page.locator('.search-result__title').allTextContents();
    assert.ok(
      titles.some((t) => t.startsWith('19. Donner de l’exercice')),
      `${q} → ${titles.join(' | ')}`,
    );
    await context.close();
  }
});

test('a result lands on its paragraph anchor; Esc closes the results', async () => {
  const { page, context } = await search('/en/', 'guinea');
  const link = page.locator('.search-result a[href*="#p"]').first();
  const href = (await link.getAttribute('href'))!;
  await page.keyboard.press('ArrowDown');
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest('.search-result') !== null),
    true,
    '↓ moves into the results',
  );
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#search-results').isHidden(), true);
  await page.keyboard.type(' pig');
  await page.waitForTimeout(400);
  await link.click();
  await page.waitForURL((u) => u.href.endsWith(href));
  const id = href.split('#')[1]!;
  const top = await settledTop(page, `#${id}`);
  assert.ok(top >= 0 && top < 300, `#${id} is at the top of the view (${top})`);
  await context.close();
});

test('without JavaScript the search page says that search needs it', async () => {
  const { page, context } = await site.newPage({ javaScriptEnabled: false });
  await page.goto(site.url('/en/'));
  await page.fill('#search-input', 'bastard');
  await page.press('#search-input', 'Enter');
  await page.waitForURL(/\/en\/search\/\?q=bastard/);
  assert.match((await page.locator('main').textContent())!, /Search needs JavaScript/);
  await context.close();
});
