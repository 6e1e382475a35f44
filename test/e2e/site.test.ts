// The reading site, in Chromium, on the real built sample book.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { axe, DIST, SUBPATH_DIST, settledTop, useSite } from './helpers.ts';

const site = useSite();
const EP19 = '19-donner-de-l-exercice-a-ses-cobayes';
const EP20 = '20-capter-l-attention-des-cons';

test('the language chooser links to both books and hints the browser language', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url('/'));
  const links = await page.locator('.chooser a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['/fr/', '/en/']);
  assert.equal(page.url(), site.url('/'), 'no forced redirect');
  // Chromium's default language here is en-US: the English option is pointed out.
  const preferred = await page.locator('.chooser__option--preferred').getAttribute('lang');
  assert.equal(preferred, 'en');
  await context.close();
});

for (const [lang, title, firstEpisode] of [
  ['fr', 'Le Guide du Connard Professionnel', 'Donner de l’exercice à ses cobayes'],
  ['en', 'The Professional Bastard’s Guide', 'Putting Your Guinea Pigs Through Their Paces'],
] as const) {
  test(`home page in ${lang}: title, cover, four episodes`, async () => {
    const { page, context } = await site.newPage();
    await page.goto(site.url(`/${lang}/`));
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.textContent('h1'), title);
    const items = page.locator('.cards > .card');
    assert.equal(await items.count(), 4);
    assert.equal((await items.first().locator('.card__name').textContent())?.trim(), firstEpisode);
    const cover = page.locator('.hero__cover img');
    assert.ok(
      await cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      'cover image loads',
    );
    await context.close();
  });
}

test('an episode reads fully, with typography of its language', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(`/fr/${EP19}/`));
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.textContent('h1'), 'Donner de l’exercice à ses cobayes');
  const ids = await page.locator('.episode-body > p[id]').evaluateAll((ps) => ps.map((p) => p.id));
  assert.deepEqual(ids, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
  const p1 = await page.textContent('#p1');
  assert.match(
    p1!,
    /Sociologie, anthropologie, ethnologie\u00A0: les sciences sociales/,
    'no-break space before the colon',
  );
  await page.goto(site.url(`/fr/21-que-faire-de-l-attention-des-cons/`));
  assert.equal(
    await page.textContent('h1'),
    'Que faire de l’attention des cons\u202F?',
    'narrow no-break space before ?',
  );
  await page.goto(site.url(`/en/21-que-faire-de-l-attention-des-cons/`));
  const h1 = await page.textContent('h1');
  assert.ok(h1 && !/\s\?/.test(h1), `English title has no space before "?": ${h1}`);
  await context.close();
});

test('on a 360 px phone every panel takes the whole screen width (its lettering then ≥ 11 CSS px)', async () => {
  // The lettering's size in art units is checked by test/unit/bubble-lettering.test.ts; here, that
  // the page shows the art at the width that check assumes.
  const { page, context } = await site.newPage({ viewport: { width: 360, height: 740 } });
  for (const lang of ['fr', 'en']) {
    await page.goto(site.url(`/${lang}/${EP19}/`));
    const boxes = await page
      .locator('.panel__art img')
      .evaluateAll((imgs) => imgs.map((i) => i.getBoundingClientRect()).map((r) => [r.left, r.width]));
    assert.equal(boxes.length, 5);
    for (const [left, width] of boxes) assert.deepEqual([left, width], [0, 360], lang);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'no sideways scroll');
  }
  await context.close();
});

test('← and → move between episodes, but not while typing in a field', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(`/en/${EP19}/`));
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(site.url(`/en/${EP20}/`));
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(site.url(`/en/${EP19}/`));
  // A text field keeps its arrows.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'probe';
    document.querySelector('main')!.prepend(input);
  });
  await page.focus('#probe');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  assert.equal(page.url(), site.url(`/en/${EP19}/`));
  await context.close();
});

test('the language switch keeps the episode and the paragraph being read', async () => {
  const { page, context } = await site.newPage({ viewport: { width: 390, height: 800 } });
  await page.goto(site.url(`/fr/${EP20}/`));
  await page.locator('#p12').evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
  await page.waitForTimeout(100);
  await page.click('a[data-lang-switch]');
  await page.waitForURL(/\/en\/20-capter-l-attention-des-cons\/#p1[12]$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const id = new URL(page.url()).hash.slice(1);
  const top = await settledTop(page, `#${id}`);
  assert.ok(top >= -5 && top < 400, `the paragraph is in view (top = ${top})`);
  await context.close();
});

test('pages have hreflang alternates, a canonical URL and a Content-Security-Policy', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(`/en/${EP19}/`));
  const alternates = await page
    .locator('link[rel=alternate][hreflang]')
    .evaluateAll((ls) => ls.map((l) => `${l.getAttribute('hreflang')} ${l.getAttribute('href')}`));
  // The sample keeps the example address: its links are written from the site's root (the same
  // links with a real address are checked on the sub-path build).
  assert.deepEqual(alternates, [`fr /fr/${EP19}/`, `en /en/${EP19}/`, `x-default /fr/${EP19}/`]);
  assert.equal(await page.getAttribute('link[rel=canonical]', 'href'), `/en/${EP19}/`);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp!, /default-src 'none'/);
  assert.match(csp!, /script-src 'self' 'wasm-unsafe-eval';/, 'reading pages allow exactly what Pagefind needs');
  assert.doesNotMatch(csp!, /unsafe-inline|'unsafe-eval'|https?:/);
  await context.close();
});

test('the 404 page speaks both languages', async () => {
  const { page, context } = await site.newPage();
  const res = await page.goto(site.url('/no/such/page/'));
  assert.equal(res?.status(), 404);
  assert.equal(await page.locator('.not-found section[lang=fr]').count(), 1);
  assert.equal(await page.locator('.not-found section[lang=en]').count(), 1);
  await context.close();
});

test('with a public address the feeds and sitemap are valid XML and every address in them is absolute', async () => {
  const { page, context } = await site.newPage();
  for (const file of ['fr/rss.xml', 'en/rss.xml', 'sitemap.xml']) {
    const text = readFileSync(join(SUBPATH_DIST, file), 'utf8');
    const ok = await page.evaluate(
      (t) => !new DOMParser().parseFromString(t, 'application/xml').querySelector('parsererror'),
      text,
    );
    assert.ok(ok, `${file} parses as XML`);
    const addresses = [...text.matchAll(/<(?:link|loc)>([^<]*)</g), ...text.matchAll(/href="([^"]*)"/g)].map(
      (m) => m[1],
    );
    assert.ok(addresses.length > 4, `${file} lists addresses`);
    for (const a of addresses) assert.match(a!, /^https:\/\/livres\.example\.org\/planches\//, `${file}: ${a}`);
  }
  const rss = readFileSync(join(SUBPATH_DIST, 'en/rss.xml'), 'utf8');
  assert.equal((rss.match(/<item>/g) ?? []).length, 4);
  const html = readFileSync(join(SUBPATH_DIST, `en/${EP19}/index.html`), 'utf8');
  assert.match(html, /<meta property="og:url" content="https:\/\/livres\.example\.org\/planches\/en\//);
  assert.match(html, /<meta property="og:image" content="https:\/\/livres\.example\.org\/planches\/panels\//);
  assert.match(html, /<link rel="alternate" type="application\/rss\+xml"/);
  assert.match(html, /data-url="https:\/\/livres\.example\.org\/planches\/en\//, 'the share links');
  await context.close();
});

test('with the example address no page, feed or file names it: no feed, no sitemap, no Open Graph address', async () => {
  const named: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (
        /\.(html|xml|ics|json|txt|css|js|webmanifest)$/.test(name) &&
        readFileSync(path, 'utf8').includes('planches.example')
      )
        named.push(path);
    }
  };
  walk(DIST);
  assert.deepEqual(named, []);
  for (const file of ['fr/rss.xml', 'en/rss.xml', 'sitemap.xml'])
    assert.ok(!existsSync(join(DIST, file)), `no ${file}`);
  const html = readFileSync(join(DIST, `fr/${EP19}/index.html`), 'utf8');
  assert.doesNotMatch(html, /og:url|og:image|application\/rss\+xml|rss\.xml/);
  // The share actions give the address the page was opened at.
  const { page, context } = await site.newPage();
  await page.goto(site.url(`/fr/${EP19}/`));
  const mail = await page.getAttribute('[data-share-mail]', 'href');
  assert.ok(decodeURIComponent(mail!).endsWith(`\n${site.url(`/fr/${EP19}/`)}`), mail!);
  await context.close();
});

for (const lang of ['fr', 'en']) {
  for (const [kind, path] of [
    ['home', `/${lang}/`],
    ['episode', `/${lang}/${EP20}/`],
    ['about', `/${lang}/about/`],
  ] as const) {
    test(`axe finds no WCAG 2.2 AA violation: ${kind} (${lang}), light and dark`, async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, context } = await site.newPage({ colorScheme });
        await page.goto(site.url(path));
        assert.deepEqual(await axe(page), [], `${path} in ${colorScheme} mode`);
        await context.close();
      }
    });
  }
}

test('axe finds no violation on the language chooser and the 404 page', async () => {
  for (const path of ['/', '/missing/']) {
    const { page, context } = await site.newPage();
    await page.goto(site.url(path));
    assert.deepEqual(await axe(page), [], path);
    await context.close();
  }
});

test('the transcript toggle shows and hides a panel transcript, which stays readable by screen readers', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(`/en/${EP19}/`));
  const toggle = page.locator('.transcript-toggle').first();
  if ((await toggle.count()) === 0) {
    assert.fail('the sample book has panels with transcripts');
  }
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  const box = page.locator('[data-transcript]').first();
  assert.ok(await box.evaluate((el) => el.classList.contains('visually-hidden')));
  const snapshot = await page.locator('.panel').first().ariaSnapshot();
  assert.match(snapshot, /listitem/, 'transcript lines are in the accessibility tree while folded');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await box.isVisible());
  await context.close();
});

test('no page requests another host', async () => {
  const paths = ['/', '/fr/', '/en/', `/fr/${EP19}/`, `/en/${EP20}/`, '/fr/about/', '/en/about/', '/missing/'];
  for (const path of paths) {
    const { page, context } = await site.newPage();
    await page.goto(site.url(path), { waitUntil: 'networkidle' });
    await page.mouse.wheel(0, 20000);
    await page.waitForTimeout(200);
    await context.close();
  }
  assert.deepEqual(site.foreign, []);
});

test('reading pages load at most 5 KB of JavaScript up front (compressed)', async () => {
  const { page, context } = await site.newPage();
  for (const path of ['/', '/fr/', `/fr/${EP19}/`, '/en/about/']) {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(site.url(path), { waitUntil: 'networkidle' });
    const bytes = scripts.reduce((sum, p) => sum + gzipSync(readFileSync(join(DIST, p))).length, 0);
    assert.ok(bytes <= 5 * 1024, `${path}: ${bytes} bytes of JavaScript`);
    page.removeAllListeners('request');
  }
  await context.close();
});

test('every page works without JavaScript: text, panels and transcripts are there', async () => {
  const { page, context } = await site.newPage({ javaScriptEnabled: false });
  await page.goto(site.url(`/en/${EP19}/`));
  assert.ok((await page.locator('.episode-body p').count()) >= 6);
  const transcripts = page.locator('[data-transcript]');
  if (await transcripts.count())
    assert.ok(await transcripts.first().isVisible(), 'transcripts are shown without JavaScript');
  await context.close();
});

void statSync;
void readdirSync;

test('the one 404 page reads first in the language of the address, with one h1', async () => {
  for (const [path, first, h1, title] of [
    ['/en/nope/', 'en', 'Page not found', 'Page not found · The Professional Bastard’s Guide'],
    ['/fr/nope/', 'fr', 'Page introuvable', 'Page introuvable · Le Guide du Connard Professionnel'],
    ['/nope/', 'fr', 'Page introuvable', 'Page introuvable · Le Guide du Connard Professionnel'],
  ] as const) {
    const { page, context } = await site.newPage({ viewport: { width: 390, height: 844 } });
    const res = await page.goto(site.url(path));
    assert.equal(res?.status(), 404, path);
    await page.waitForLoadState('networkidle');
    const order = await page.locator('.not-found > section').evaluateAll((ss) => ss.map((s) => s.getAttribute('lang')));
    assert.equal(order[0], first, path);
    assert.equal(order.length, 2, path);
    assert.deepEqual(await page.locator('h1').allTextContents(), [h1], path);
    // What the reader sees first, at the top of the screen, is that section's heading.
    const box = await page.locator('.not-found > section').first().locator('h1').boundingBox();
    assert.ok(box && box.y < 844 / 2, `${path}: h1 at y=${box?.y}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), first, path);
    assert.equal(await page.title(), title, path);
    assert.deepEqual(await axe(page), [], path);
    await context.close();
  }
});
