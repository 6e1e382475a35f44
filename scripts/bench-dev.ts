// `npm run bench:dev`: the authors' loop on a large book. Generates a 200-episode book, starts
// `astro dev` on it (as `npm run dev` does, drafts shown), opens an episode page in Chromium, then
// `--runs` times: saves a changed sentence in that episode's fr.mdx and measures save → the new
// text in the page's DOM (the integration sends a full reload); saves a content error (an unknown
// frontmatter field) and measures save → Astro's error overlay showing the book's problem with
// the file's name; restores the file and measures save → the page again. Prints median and worst.
//   --episodes 200   size of the generated book      --runs 5   edits of each kind
//   --episode 100    which episode's page is open    --keep     reuse .build/bench-dev/book if present
// The first load (the book read, the panels drawn into its cache, the fonts made) is timed apart:
// it is what `npm run dev` costs once, not on every save.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateBook } from './generate-book.ts';
import { launchBrowser } from '../src/server/browser.ts';
import { loadSettings } from '../src/model/settings.ts';

const { values } = parseArgs({
  options: {
    episodes: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
    episode: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
  },
});
const episodes = Number(values.episodes);
const runs = Number(values.runs);
const n = Math.min(Number(values.episode), episodes);
const out = '.build/bench-dev/book';
const book = resolve(out);
if (!values.keep || !existsSync(join(book, 'content'))) {
  const t = performance.now();
  generateBook({ episodes, out });
  console.log(`Generated ${episodes} episodes in ${out} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}
const slug = `${String(n).padStart(3, '0')}-episode-${n}`;
const fileRel = `content/episodes/${slug}/fr.mdx`;
const file = join(book, fileRel);
const original = readFileSync(file, 'utf8');

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

const port = await freePort();
const base = loadSettings(book).site.base;
const origin = `http://127.0.0.1:${port}`;
const pageUrl = `${origin}${base.endsWith('/') ? base : `${base}/`}fr/${slug}/`;
const started = performance.now();
// Astro's own script run by this Node (the shell's `node` may be an older one).
const dev = spawn(
  process.execPath,
  ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PLANCHES_BOOK: book, PLANCHES_DRAFTS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  },
);
let log = '';
dev.stdout.on('data', (d) => {
  log += d;
});
dev.stderr.on('data', (d) => {
  log += d;
});
const stop = () => {
  writeFileSync(file, original);
  if (dev.exitCode === null && dev.pid) process.kill(-dev.pid, 'SIGTERM');
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms = (v: number) => `${Math.round(v)} ms`;

try {
  // The server is up once it answers; the first page is the book loaded and its panels drawn.
  let ready = 0;
  let first = 0;
  for (;;) {
    if (dev.exitCode !== null) throw new Error(`astro dev exited (${dev.exitCode}):\n${log}`);
    try {
      const t = performance.now();
      const res = await fetch(pageUrl);
      if (!ready) ready = t;
      const body = await res.text();
      if (res.status !== 200) throw new Error(`first page: HTTP ${res.status}\n${body.slice(0, 2000)}`);
      first = performance.now();
      break;
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('first page')) throw e;
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
  console.log(
    `astro dev answering: ${seconds(ready - started)}; first page (book loaded, panels drawn): ${seconds(first - ready)}`,
  );
  // A second request: the page as served once the book is loaded, the floor for any reload.
  const tw = performance.now();
  await (await fetch(pageUrl)).text();
  console.log(`the page again, book loaded: ${ms(performance.now() - tw)}`);

  const browser = await launchBrowser();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(pageUrl);
  await page.waitForLoadState('load');

  const firstParagraph = /\n\n([^<\n][^\n]*)\n/.exec(original.slice(original.indexOf('---', 3)))!;
  const edits: number[] = [];
  const errors: number[] = [];
  const restores: number[] = [];
  for (let i = 1; i <= runs; i++) {
    // A changed sentence: the first paragraph with a marker put in front of it.
    // One word of letters and digits: the typography (spaces in numbers, quotes) leaves it alone.
    const marker = `Marqueur${i}x${Date.now().toString(36)}`;
    let t = performance.now();
    writeFileSync(file, original.replace(firstParagraph[1]!, `${marker}. ${firstParagraph[1]}`));
    await page.getByText(marker).waitFor({ timeout: 60_000 });
    edits.push(performance.now() - t);
    // A content error: an unknown frontmatter field, the overlay must name the file.
    t = performance.now();
    writeFileSync(file, original.replace('---\n', `---\nbench${i}: true\n`));
    await page.locator('vite-error-overlay').getByText(`${fileRel}:2`).first().waitFor({ timeout: 60_000 });
    errors.push(performance.now() - t);
    // Restored: the page again (the overlay gone, the original paragraph shown).
    t = performance.now();
    writeFileSync(file, original);
    // The error page has no <main>: the page is back once it has one and no overlay.
    await page.locator('vite-error-overlay').waitFor({ state: 'detached', timeout: 60_000 });
    await page.locator('main').waitFor({ timeout: 60_000 });
    restores.push(performance.now() - t);
    console.log(`run ${i}: edit ${ms(edits.at(-1)!)}, error ${ms(errors.at(-1)!)}, restore ${ms(restores.at(-1)!)}`);
  }
  await browser.close();
  const median = (a: number[]) => {
    const s = [...a].sort((x, y) => x - y);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  console.log('');
  console.log(`| save → page shows, ${episodes} episodes | median | worst |`);
  console.log('| --- | --- | --- |');
  for (const [name, a] of [
    ['changed sentence', edits],
    ['content error in the overlay', errors],
    ['restored', restores],
  ] as const)
    console.log(`| ${name} | ${ms(median(a))} | ${ms(Math.max(...a))} |`);
  console.log(
    `\n${runs} runs; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores`,
  );
} catch (e) {
  console.error(log.slice(-4000));
  throw e;
} finally {
  stop();
  // The dev server's own log, to see where a reload spends its time.
  if (process.env.BENCH_DEV_LOG) writeFileSync(process.env.BENCH_DEV_LOG, log);
}
