// Measures the two ways of making the PDF on a built book: print twice (what the build does,
// src/outputs/pdf/index.ts) and Paged.js (CSS Paged Media polyfilled in the page, printed once).
// The figures in docs/architecture.md ("The PDF") come from here.
//
//   npx node scripts/generate-book.ts --episodes 100 --out .build/books/generated-100
//   npx node scripts/build.ts --book .build/books/generated-100 --out .build/books/generated-100/dist
//   npm install --no-save pagedjs@0.4.3        # only to measure Paged.js; the kit does not use it
//   npx node scripts/bench-pdf.ts --book .build/books/generated-100 --lang en
//
//   --book DIR     the book (its content/ folder)          --dist DIR   its build (default DIR/dist)
//   --lang L       the language to print (default: the original)
//   --method M     twice, pagedjs or both (default both)   --runs N     repeat each (default 1)
// PDFs are written to .build/bench/ to be looked at.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook } from '../src/model/book.ts';
import { serveStatic } from '../src/server/static.ts';
import { launchBrowser } from '../src/server/browser.ts';
import { routes } from '../src/shared/addresses.ts';
import { printBook, stopwatch, PRINT_OPTIONS } from '../src/outputs/pdf/index.ts';
import { openEdition } from '../src/outputs/pdf/edition.ts';
import { loadPrinted } from '../src/outputs/pdf/finish.ts';
import type { Browser } from 'playwright-core';

const { values } = parseArgs({
  options: {
    book: { type: 'string', default: '.' },
    dist: { type: 'string' },
    lang: { type: 'string' },
    method: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '1' },
  },
});
const root = resolve(values.book);
const dist = resolve(values.dist ?? join(root, 'dist'));
const book = loadBook(root);
const lang = values.lang ?? book.settings.original;
const outDir = resolve('.build/bench');
mkdirSync(outDir, { recursive: true });

/** Paged.js's own way to say what print-twice computes: right-hand openings, page numbers from
 * the first episode, running heads from string-set, the contents from target-counter(). */
const PAGED_CSS = `
.book-title, .book-contents, .chapter { break-before: right; }
.blank-page { display: none; }
.book-contents + .chapter { counter-reset: page 1; }
.chapter { string-set: chapter-title attr(data-title); }
.book-about { string-set: chapter-title content(text); }
@page :right { @top-right { content: string(chapter-title); font-family: 'Literata', serif; font-size: 8pt; font-style: italic; vertical-align: bottom; padding-bottom: 5mm; } }
@page :left { @bottom-left { content: counter(page); } }
@page :right { @bottom-right { content: counter(page); } }
.book-contents__page { display: none; }
.book-contents a::after { content: target-counter(attr(href), page); grid-column: 3; text-align: right; }
`;

async function pagedjs(
  browser: Browser,
  url: string,
  timings: Record<string, number>,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const lap = stopwatch(timings);
  const polyfill = join(import.meta.dirname, '..', 'node_modules/pagedjs/dist/paged.polyfill.js');
  if (!existsSync(polyfill))
    throw new Error('pagedjs is not installed: run `npm install --no-save pagedjs@0.4.3` to measure it');
  // Paged.js injects <style> elements: the page's Content-Security-Policy would refuse them.
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const page = await openEdition(context.newPage(), url);
    lap('open');
    await page.evaluate((css) => {
      const style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
      (window as unknown as { PagedConfig: unknown }).PagedConfig = { auto: false };
    }, PAGED_CSS);
    await page.addScriptTag({ path: polyfill });
    await page.evaluate(async () => {
      await (window as unknown as { PagedPolyfill: { preview(): Promise<unknown> } }).PagedPolyfill.preview();
      await Promise.all([...document.images].map((i) => i.decode().catch(() => undefined)));
    });
    lap('paginate');
    const bytes = await page.pdf(PRINT_OPTIONS);
    lap('print');
    const doc = await loadPrinted(bytes);
    return { bytes, pages: doc.getPageCount() };
  } finally {
    await context.close();
  }
}

/** CPU seconds (user + system) of each process under this one (Chromium's), from /proc. */
function descendantsCpu(): Map<number, number> {
  const tick = 100; // USER_HZ on Linux
  const stats = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return [
          {
            pid: Number(pid),
            ppid: Number(f[1]),
            cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick,
          },
        ];
      } catch {
        return [];
      }
    });
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of stats)
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
  }
  return new Map(stats.filter((p) => p.pid !== process.pid && mine.has(p.pid)).map((p) => [p.pid, p.cpu]));
}

/** Samples Chromium's CPU time while it works (its renderers exit with their page). */
function cpuSampler(): () => number {
  const seen = new Map<number, number>();
  const sample = () => {
    for (const [pid, cpu] of descendantsCpu()) seen.set(pid, cpu);
  };
  const timer = setInterval(sample, 200);
  return () => {
    sample();
    clearInterval(timer);
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
}

const server = await serveStatic(dist, { base: book.settings.site.base });
const url = new URL(routes.print(lang), server.url).href;
const methods = values.method === 'both' ? ['twice', 'pagedjs'] : [values.method!];
console.log(`${book.episodes.length} episodes, ${lang}, ${url}`);
try {
  for (let run = 1; run <= Number(values.runs); run++) {
    for (const method of methods) {
      const stopCpu = cpuSampler();
      const browser = await launchBrowser();
      try {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const timings: Record<string, number> = {};
        const { bytes, pages } =
          method === 'twice'
            ? await printBook(browser, url, book, lang, timings)
            : await pagedjs(browser, url, timings);
        const seconds = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const chromium = stopCpu();
        const file = join(outDir, `${book.settings.id}-${lang}-${method}.pdf`);
        writeFileSync(file, bytes);
        const phases = Object.entries(timings)
          .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
          .join(', ');
        console.log(
          `${method.padEnd(8)} run ${run}: ${seconds.toFixed(1)} s wall (${phases}); CPU: Chromium ${chromium.toFixed(1)} s, Node ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; ${pages} pages, ${(bytes.length / 1e6).toFixed(1)} MB → ${file}`,
        );
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  await server.close();
}
