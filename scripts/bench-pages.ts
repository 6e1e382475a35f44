// Page weight and speed of the built sample book, measured in Chromium (median of 5 runs):
// bytes transferred (compressed) for the first view of the home page and an episode page at
// phone and desktop sizes, by type; LCP and CLS of an episode page under 4× CPU and slow 4G.
// Usage: node scripts/bench-pages.ts [--dist dist] [--runs 5] [--list]
//   --list   also print every file of each first view with its bytes (what to cut next)
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { serveStatic } from '../src/server/static.ts';
import { launchBrowser } from '../src/server/browser.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '5' },
    episode: { type: 'string', default: '19-donner-de-l-exercice-a-ses-cobayes/' },
    list: { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const server = await serveStatic(values.dist);
const browser = await launchBrowser();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const VIEWPORTS = {
  phone: { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  desktop: { width: 1366, height: 900, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
};
const kind = (type: string, url: string) =>
  type === 'Document'
    ? 'html'
    : type === 'Stylesheet'
      ? 'css'
      : type === 'Font'
        ? 'fonts'
        : type === 'Image'
          ? 'images'
          : type === 'Script' || url.endsWith('.js')
            ? 'js'
            : 'other';

async function firstView(path: string, vp: keyof typeof VIEWPORTS, throttle: boolean) {
  const { width, height, deviceScaleFactor, isMobile, hasTouch } = VIEWPORTS[vp];
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, isMobile, hasTouch });
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) {
    // Lighthouse's "slow 4G": 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up; and a 4× slower CPU.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  const types = new Map<string, { type: string; url: string }>();
  const bytes: Record<string, number> = { html: 0, css: 0, fonts: 0, images: 0, js: 0, other: 0 };
  const files: Array<{ url: string; bytes: number }> = [];
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { type: e.type, url: e.response.url }));
  cdp.on('Network.loadingFinished', (e) => {
    const t = types.get(e.requestId);
    if (!t) return;
    bytes[kind(t.type, t.url)]! += e.encodedDataLength;
    files.push({ url: new URL(t.url).pathname, bytes: e.encodedDataLength });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number; __cls: number };
    w.__lcp = 0;
    w.__cls = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => {
        const s = e as unknown as { value: number; hadRecentInput: boolean };
        if (!s.hadRecentInput) w.__cls += s.value;
      }),
    ).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  const { lcp, cls } = await page.evaluate(() => ({
    lcp: (window as unknown as { __lcp: number }).__lcp,
    cls: (window as unknown as { __cls: number }).__cls,
  }));
  await context.close();
  return { bytes, files, lcp, cls };
}

const kb = (n: number) => (n / 1024).toFixed(1);
console.log(`First view, bytes transferred (KB, compressed, median of ${RUNS}):`);
console.log('page        viewport  html   css    fonts  images js     total');
for (const [name, path] of [
  ['home fr', 'fr/'],
  ['home en', 'en/'],
  ['episode fr', `fr/${values.episode}`],
  ['episode en', `en/${values.episode}`],
] as const) {
  for (const vp of ['phone', 'desktop'] as const) {
    const runs: Array<Awaited<ReturnType<typeof firstView>>> = [];
    for (let i = 0; i < RUNS; i++) runs.push(await firstView(path, vp, false));
    const m = (k: string) => median(runs.map((r) => r.bytes[k]!));
    const total = median(runs.map((r) => Object.values(r.bytes).reduce((a, b) => a + b, 0)));
    console.log(
      `${name.padEnd(11)} ${vp.padEnd(9)} ${kb(m('html')).padEnd(6)} ${kb(m('css')).padEnd(6)} ${kb(m('fonts')).padEnd(6)} ${kb(m('images')).padEnd(6)} ${kb(m('js')).padEnd(6)} ${kb(total)}`,
    );
    if (values.list) for (const f of runs[0]!.files) console.log(`    ${kb(f.bytes).padStart(6)}  ${f.url}`);
  }
}
const throttled = [];
for (let i = 0; i < RUNS; i++) throttled.push(await firstView(`fr/${values.episode}`, 'phone', true));
console.log(
  `\nEpisode page at phone size, 4× CPU and slow 4G (median of ${RUNS}): LCP ${median(throttled.map((r) => r.lcp)).toFixed(0)} ms (worst ${Math.max(...throttled.map((r) => r.lcp)).toFixed(0)}), CLS ${median(throttled.map((r) => r.cls)).toFixed(3)} (worst ${Math.max(...throttled.map((r) => r.cls)).toFixed(3)})`,
);
await browser.close();
await server.close();
