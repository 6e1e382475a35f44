// `npm run bench:stage`: the delay from a key press on the presenter screen to the new panel
// painted on the audience screen, over 50 changes of beat, in Chromium (the built dist/).
//   --changes 50   how many changes of beat      --gap 300   ms between two presses
//   --lang fr      which language's stage        --dist dist
//   --video        measure while a video plays on the audience screen: a 1280×720 WebM (made here
//                  with MediaRecorder from a moving canvas, as no sample video ships) loops in a
//                  corner of the audience window, so its decoding shares that window's frames
// Measured from the keydown event's time stamp on the presenter page to the end of the first
// frame of the audience page that shows the new beat (the audience screen notes it after a
// requestAnimationFrame and the task that follows, i.e. once that frame has been produced).
// Both are read as performance.timeOrigin + time, the same clock in both pages.
import { parseArgs } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';
import { serveStatic } from '../src/server/static.ts';
import { launchBrowser } from '../src/server/browser.ts';
import { loadSettings } from '../src/model/settings.ts';

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: '50' },
    gap: { type: 'string', default: '300' },
    lang: { type: 'string', default: 'fr' },
    dist: { type: 'string', default: 'dist' },
    width: { type: 'string', default: '1920' },
    height: { type: 'string', default: '1080' },
    video: { type: 'boolean', default: false },
  },
});
const changes = Number(values.changes);
const gap = Number(values.gap);
const base = loadSettings(process.cwd()).site.base;
const server = await serveStatic(values.dist, { base });
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const origin = new URL(server.url).origin;
await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));

// The video, recorded in a blank page (the stage pages' CSP allows media from 'self' only, so it
// is then served from the stage's own origin by the route below).
const VIDEO_URL = `${origin}/bench-video.webm`;
if (values.video) {
  const maker = await context.newPage();
  const base64: string = await maker.evaluate(async () => {
    const canvas = Object.assign(document.createElement('canvas'), { width: 1280, height: 720 });
    document.body.append(canvas);
    const g = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise((ok) => {
      recorder.onstop = ok;
    });
    recorder.start();
    const t0 = performance.now();
    await new Promise<void>((ok) => {
      const frame = (now: number) => {
        const t = (now - t0) / 1000;
        g.fillStyle = `hsl(${(t * 60) % 360} 60% 40%)`;
        g.fillRect(0, 0, 1280, 720);
        g.fillStyle = '#fff';
        for (let i = 0; i < 40; i++) g.fillRect((i * 97 + t * 300) % 1280, (i * 53) % 720, 60, 60);
        if (t < 4) requestAnimationFrame(frame);
        else ok();
      };
      requestAnimationFrame(frame);
    });
    recorder.stop();
    await done;
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  });
  await maker.close();
  const body = Buffer.from(base64, 'base64');
  await context.route(VIDEO_URL, (route) => route.fulfill({ status: 200, contentType: 'video/webm', body }));
}

const presenter = await context.newPage();
await presenter.goto(new URL(`${values.lang}/stage/`, server.url).href);
await presenter.waitForSelector('html[data-ready="true"]');
// The audience screen as performers open it: the presenter's button opens it as a popup, a
// window of its own (a second tab would be a hidden page, whose frames Chromium slows down).
const [audience] = await Promise.all([presenter.waitForEvent('popup'), presenter.click('[data-open-audience]')]);
await audience.setViewportSize({ width: Number(values.width), height: Number(values.height) });
await audience.waitForSelector('html[data-painted-beat="0"]');
if (values.video) {
  await audience.evaluate(async (src) => {
    const v = Object.assign(document.createElement('video'), { src, muted: true, loop: true, autoplay: true });
    v.style.cssText = 'position:fixed;right:0;bottom:0;width:640px;height:360px;z-index:9';
    v.dataset.bench = '';
    document.body.append(v);
    await v.play();
  }, VIDEO_URL);
}
await presenter.bringToFront();
await presenter
  .locator('body')
  .click({ position: { x: 5, y: 5 } })
  .catch(() => {});
// The key press's time, taken before the page's own handler runs.
await presenter.evaluate(() => {
  addEventListener(
    'keydown',
    (e) => {
      document.documentElement.dataset.keyAt = String(performance.timeOrigin + e.timeStamp);
    },
    { capture: true },
  );
});
const beats: number = await presenter.evaluate(
  () => JSON.parse(document.getElementById('stage-data')!.textContent!).show.beats.length,
);

const delays: Array<{ beat: number; ms: number; card: boolean }> = [];
let beat = 0;
let direction = 1;
for (let i = 0; i < changes; i++) {
  if (beat + direction < 0 || beat + direction >= beats) direction = -direction;
  beat += direction;
  await presenter.keyboard.press(direction > 0 ? 'ArrowRight' : 'ArrowLeft');
  await audience.waitForSelector(`html[data-painted-beat="${beat}"]`, { timeout: 10_000 });
  const keyAt = Number(await presenter.getAttribute('html', 'data-key-at'));
  const paintedAt = Number(await audience.getAttribute('html', 'data-painted-at'));
  const card = await audience.evaluate(() => !document.querySelector<HTMLElement>('[data-titlecard]')!.hidden);
  delays.push({ beat, ms: paintedAt - keyAt, card });
  if (values.video && i === changes - 1) {
    const playing = await audience.evaluate(() => {
      const v = document.querySelector<HTMLVideoElement>('video[data-bench]')!;
      return !v.paused && v.currentTime > 0;
    });
    if (!playing) throw new Error('the video stopped playing during the measurement');
  }
  await presenter.waitForTimeout(gap);
}
await browser.close();
await server.close();

const sorted = delays.map((d) => d.ms).sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median =
  sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]!
    : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
const worst = delays.reduce((a, b) => (b.ms > a.ms ? b : a));
console.log(
  `Key press on the presenter → new beat painted on the audience screen (${values.lang}, ${delays.length} changes, ${beats} beats, audience ${values.width}×${values.height}${values.video ? ', a 1280×720 WebM playing on it' : ''}, Chromium):`,
);
console.log(
  `  median ${median.toFixed(1)} ms · 90th percentile ${at(0.9).toFixed(1)} ms · 95th ${at(0.95).toFixed(1)} ms · worst ${worst.ms.toFixed(1)} ms (beat ${worst.beat + 1}${worst.card ? ', a title card' : ''}) · best ${sorted[0]!.toFixed(1)} ms`,
);
console.log(
  `  machine: ${availableParallelism()} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other work on the machine shows in the worst figures)`,
);
console.log(
  `  panels: median ${medianOf(delays.filter((d) => !d.card).map((d) => d.ms)).toFixed(1)} ms; title cards: median ${medianOf(delays.filter((d) => d.card).map((d) => d.ms)).toFixed(1)} ms`,
);

function medianOf(xs: number[]): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
