// Measures the stage presenter previews' visible share (inside the viewport and any clipping column) on every beat
// of the sample show at four laptop sizes (issue 20). Usage: npm run build, then npx node scripts/measure-stage-previews.ts [dist].
import { serveStatic } from '../src/server/static.ts';
import { launchBrowser } from '../src/server/browser.ts';
const dist = process.argv[2] ?? 'dist';
const server = await serveStatic(dist, { base: '/' });
const browser = await launchBrowser();
const sizes: [number, number][] = [
  [1280, 720],
  [1366, 768],
  [1536, 864],
  [1920, 1080],
];
for (const [w, h] of sizes) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  const p = await ctx.newPage();
  await p.goto(new URL('fr/stage/', server.url).href);
  await p.waitForSelector('html[data-ready="true"]');
  const n = await p.evaluate(() => JSON.parse(document.getElementById('stage-data')!.textContent!).show.beats.length);
  const rows: string[] = [];
  for (let b = 0; b < n; b++) {
    await p.waitForSelector(`html[data-beat="${b}"]`);
    const r = await p.evaluate(() => {
      const share = (el: Element | null) => {
        if (!el) return NaN;
        const r = el.getBoundingClientRect();
        let l = 0,
          t = 0,
          rr = innerWidth,
          bb = innerHeight;
        for (let a = el.parentElement; a; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowY !== 'visible' || s.overflowX !== 'visible') {
            const c = a.getBoundingClientRect();
            l = Math.max(l, c.left);
            t = Math.max(t, c.top);
            rr = Math.min(rr, c.right);
            bb = Math.min(bb, c.bottom);
          }
        }
        const iw = Math.max(0, Math.min(r.right, rr) - Math.max(r.left, l));
        const ih = Math.max(0, Math.min(r.bottom, bb) - Math.max(r.top, t));
        return r.width * r.height ? Math.round((100 * iw * ih) / (r.width * r.height)) : NaN;
      };
      const text = document.querySelector('[data-script]')!;
      const fs = parseFloat(getComputedStyle(text).fontSize);
      return {
        now: share(document.querySelector('[data-now]')),
        next: share(document.querySelector('[data-next]')),
        fs,
        cue: !document.querySelector('[data-cue]')!.hasAttribute('hidden'),
      };
    });
    rows.push(`${b + 1}${r.cue ? '*' : ''}:${r.now}/${r.next}`);
    if (b === 0) rows.unshift(`script font ${r.fs}px`);
    await p.keyboard.press('ArrowRight');
  }
  console.log(`${w}x${h}`, rows.join(' '));
  await ctx.close();
}
await browser.close();
await server.close();
