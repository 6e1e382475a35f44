// The show survives its server (issue 20): the stage's service worker keeps every file of the
// show in the browser. With the stage server killed mid-show, then the browser offline, both
// screens go on for 20 beats, are reloaded, and every picture is drawn — the one on screen,
// loaded and decoded. The presenter shows what the audience window reports: the server gone,
// full screen lost, pictures that failed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DIST } from './helpers.ts';
import { serveStatic, type StaticServer } from '../../src/server/static.ts';
import { launchBrowser } from '../../src/server/browser.ts';
import type { ShowData } from '../../src/shared/stage/show-data.ts';

const PRESENTER = 'fr/stage/';
const AUDIENCE = 'fr/stage/audience/';
let browser: Browser;
const servers: StaticServer[] = [];

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const s of servers) {
    s.server.closeAllConnections();
    await s.close();
  }
});

async function serve(): Promise<StaticServer> {
  const s = await serveStatic(DIST, { base: '/' });
  servers.push(s);
  return s;
}

/** A context whose pages' errors are collected (failed requests to the dead server excepted: they are the point). */
async function context(options: { serviceWorkers?: 'allow' | 'block' } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
  const errors: string[] = [];
  const watch = (p: Page, name: string) => {
    p.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
    p.on('console', (m) => {
      if (
        m.type() === 'error' &&
        !/Failed to load resource|ERR_(CONNECTION_REFUSED|INTERNET_DISCONNECTED)/.test(m.text())
      )
        errors.push(`${name} console: ${m.text()}`);
    });
  };
  return { ctx, errors, watch };
}

async function open(ctx: BrowserContext, watch: (p: Page, n: string) => void, url: string, name: string) {
  const p = await ctx.newPage();
  watch(p, name);
  await p.goto(url);
  return p;
}

const painted = (p: Page, beat: number) => p.waitForSelector(`html[data-painted-beat="${beat}"]`, { timeout: 8000 });

/** What the audience window has on screen at `beat`: its one opaque picture, drawn, and the right file; or the title card. */
async function assertDrawn(audience: Page, show: ShowData, beat: number, when: string): Promise<void> {
  const seen = await audience.evaluate(() => {
    const shown = [...document.querySelectorAll<HTMLImageElement>('[data-frame] img')].filter(
      (i) => getComputedStyle(i).opacity !== '0',
    );
    const card = document.querySelector<HTMLElement>('[data-titlecard]')!;
    return {
      count: shown.length,
      file: shown[0]?.src.split('/').pop() ?? '',
      drawn: shown.every((i) => i.complete && i.naturalWidth > 0),
      card: !card.hidden,
      missing: Boolean(document.querySelector('.sa-missing')),
    };
  });
  const b = show.beats[beat]!;
  assert.equal(seen.missing, false, `${when}, beat ${beat + 1}: the audience shows alt text instead of the picture`);
  if (!b.image) {
    assert.ok(seen.card && seen.count === 0, `${when}, beat ${beat + 1}: the title card is not shown`);
    return;
  }
  assert.equal(seen.count, 1, `${when}, beat ${beat + 1}: ${seen.count} pictures on screen`);
  assert.ok(seen.drawn, `${when}, beat ${beat + 1}: the picture on screen is not drawn (complete, naturalWidth > 0)`);
  const files = b.image.sources.map((v) => v.src.split('/').pop());
  assert.ok(
    files.includes(seen.file),
    `${when}, beat ${beat + 1}: shows ${seen.file}, expected one of ${files.join(', ')}`,
  );
}

/** The presenter's Now and Next pictures are drawn (the title cards are drawn by the page). */
async function assertPresenterDrawn(presenter: Page, beat: number, when: string): Promise<void> {
  const broken = await presenter.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('[data-now] img, [data-next] img')]
      .filter((i) => !(i.complete && i.naturalWidth > 0))
      .map((i) => i.src),
  );
  assert.deepEqual(broken, [], `${when}, beat ${beat + 1}: the presenter's pictures are broken`);
}

async function step(presenter: Page, audience: Page, show: ShowData, key: string, beat: number, when: string) {
  await presenter.keyboard.press(key);
  await painted(audience, beat);
  await presenter.waitForSelector(`[data-now] img, [data-now] .sp-titlecard`);
  await presenter.waitForFunction(() =>
    [...document.querySelectorAll<HTMLImageElement>('[data-now] img, [data-next] img')].every((i) => i.complete),
  );
  await assertDrawn(audience, show, beat, when);
  await assertPresenterDrawn(presenter, beat, when);
}

test('killed server, reloads, offline: both screens go on and every picture is drawn', async () => {
  const server = await serve();
  const { ctx, errors, watch } = await context();
  const url = (p: string) => new URL(p, server.url).href;
  const presenter = await open(ctx, watch, url(PRESENTER), 'presenter');
  await presenter.waitForSelector('html[data-ready="true"]');
  // The ready-offline check before curtain: every file kept, sizes listed.
  await presenter.waitForSelector('html[data-offline="ready"]', { timeout: 30_000 });
  assert.match((await presenter.textContent('[data-offline-status]'))!, /Prêt hors ligne\s:\s\d+ fichiers \(/);
  await presenter.keyboard.press('o');
  await presenter.waitForSelector('dialog[data-offline-dialog][open] [data-offline-files] tr');
  const rows = await presenter.$$eval('[data-offline-files] tr', (trs) =>
    trs.map((tr) => ({
      cached: tr.getAttribute('data-cached'),
      cells: [...tr.querySelectorAll('td')].map((c) => c.textContent),
    })),
  );
  assert.ok(rows.length > 20, `${rows.length} files listed`);
  assert.ok(
    rows.every((r) => r.cached === 'true' && /\d (kB|MB)$/.test(r.cells[2] ?? '')),
    'every file kept, with its size',
  );
  for (const kind of ['page', 'script', 'style', 'font', 'panel'])
    assert.ok(
      rows.some((r) => r.cells[1] === kind),
      `the list has a ${kind}`,
    );
  await presenter.keyboard.press('Escape');
  const show: ShowData = await presenter.evaluate(
    () => JSON.parse(document.getElementById('stage-data')!.textContent!).show,
  );
  assert.ok(show.beats.length >= 21, `${show.beats.length} beats`);

  const audience = await open(ctx, watch, url(AUDIENCE), 'audience');
  await painted(audience, 0);
  await presenter.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.equal(await audience.evaluate(() => navigator.serviceWorker.controller !== null), true);
  // Full screen (a click on the audience window): the presenter knows it.
  await audience.click('[data-audience]');
  await presenter.waitForSelector('html[data-audience-fullscreen="true"]');
  assert.equal(await presenter.isVisible('[data-issue-fullscreen]'), false);

  // The stage server dies (a closed terminal, a crash).
  server.server.closeAllConnections();
  await server.close();
  for (let beat = 1; beat <= 20; beat++) await step(presenter, audience, show, 'ArrowRight', beat, 'server killed');
  // Both windows found out, and said so.
  await presenter.waitForSelector('html[data-server="down"]');
  await presenter.waitForSelector('html[data-audience-server="false"]');
  assert.match((await presenter.textContent('[data-server]'))!, /injoignable\s:\sle spectacle se joue depuis la copie/);
  assert.equal(await presenter.getAttribute('html', 'data-audience-failed'), '');

  // Reloading the audience window: same beat, drawn, and its full screen is lost — said on the presenter.
  await audience.reload();
  await painted(audience, 20);
  await assertDrawn(audience, show, 20, 'audience reloaded');
  await presenter.waitForSelector('html[data-audience-fullscreen="false"]');
  assert.match((await presenter.textContent('[data-issue-fullscreen]'))!, /cliquez dans sa fenêtre/);
  assert.equal(await presenter.isVisible('[data-issue-fullscreen]'), true);
  await presenter.reload();
  await presenter.waitForSelector('html[data-ready="true"]');
  assert.equal(await presenter.getAttribute('html', 'data-beat'), '20');

  // The network goes too: reload both, and back through the show.
  await ctx.setOffline(true);
  await audience.reload();
  await painted(audience, 20);
  await presenter.reload();
  await presenter.waitForSelector('html[data-ready="true"]');
  await assertDrawn(audience, show, 20, 'offline, reloaded');
  for (let beat = 19; beat >= 0; beat--) await step(presenter, audience, show, 'ArrowLeft', beat, 'offline');
  assert.equal(await presenter.getAttribute('html', 'data-audience-failed'), '');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a picture that fails on the audience screen is named on the presenter', async () => {
  const server = await serve();
  // No worker here: the file really fails.
  const { ctx, watch } = await context({ serviceWorkers: 'block' });
  const url = (p: string) => new URL(p, server.url).href;
  const presenter = await open(ctx, watch, url(PRESENTER), 'presenter');
  await presenter.waitForSelector('html[data-ready="true"]');
  const show: ShowData = await presenter.evaluate(
    () => JSON.parse(document.getElementById('stage-data')!.textContent!).show,
  );
  const beat = show.beats.findIndex((b, i) => i > 0 && b.image);
  const files = show.beats[beat]!.image!.sources.map((v) => v.src.split('/').pop()!);
  await ctx.route('**/panels/**', (route) =>
    files.some((f) => route.request().url().endsWith(f)) ? route.abort() : route.continue(),
  );
  const audience = await open(ctx, watch, url(AUDIENCE), 'audience');
  await painted(audience, 0);
  await presenter.waitForSelector(`html[data-audience-failed="${beat + 1}"]`);
  assert.match(
    (await presenter.textContent('[data-issue-failed]'))!,
    new RegExp(`images non chargées\\s:\\stemps ${beat + 1}$`),
  );
  await ctx.close();
});
