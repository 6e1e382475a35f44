// Shared set-up for the end-to-end tests: the built sample book served on 127.0.0.1, Chromium,
// and a page that records every request that leaves the site.
import { after, before } from 'node:test';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { serveStatic, type StaticServer } from '../../src/server/static.ts';
import { launchBrowser } from '../../src/server/browser.ts';

export const DIST = process.env.PLANCHES_DIST ?? 'dist';
export const SUBPATH_DIST = '.build/subpath/planches';

export interface Harness {
  server: StaticServer;
  browser: Browser;
  /** Requests to any other host than the site's own, by page. */
  foreign: string[];
  newPage(options?: {
    viewport?: { width: number; height: number };
    colorScheme?: 'light' | 'dark';
    javaScriptEnabled?: boolean;
    locale?: string;
    /** A touch screen (touch events; what CDP's Input.dispatchTouchEvent needs). */
    hasTouch?: boolean;
  }): Promise<{ page: Page; context: BrowserContext }>;
  url(path: string): string;
}

export interface SiteOptions {
  /** The built site to serve (a function when it is built by the test's own before hook). */
  dist?: string | (() => string);
  base?: string;
  /** Other origins the pages may reach (a test's own stand-in servers); all others are blocked. */
  allowOrigins?: () => string[];
  /** Runs first (a test's own servers, its own build), before the site is served. */
  prepare?: () => Promise<void>;
}

export function useSite(options: SiteOptions = {}): Harness {
  const h = { foreign: [] as string[] } as Harness;
  before(async () => {
    await options.prepare?.();
    const dist = (typeof options.dist === 'function' ? options.dist() : options.dist) ?? DIST;
    if (!existsSync(dist)) throw new Error(`${dist} does not exist: run \`npm run build\` first (npm test does it).`);
    h.server = await serveStatic(dist, { base: options.base ?? '/' });
    h.browser = await launchBrowser();
  });
  after(async () => {
    await h.browser?.close();
    await h.server?.close();
  });
  h.url = (path: string) => new URL(path.replace(/^\//, ''), h.server.url).href;
  h.newPage = async (opts = {}) => {
    const context = await h.browser.newContext({
      viewport: opts.viewport ?? { width: 1280, height: 900 },
      colorScheme: opts.colorScheme ?? 'light',
      javaScriptEnabled: opts.javaScriptEnabled ?? true,
      ...(opts.locale ? { locale: opts.locale } : {}),
      ...(opts.hasTouch ? { hasTouch: true } : {}),
    });
    const origin = new URL(h.server.url).origin;
    // Anything not for the site is recorded and blocked: the test machine has no network anyway.
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
      if (options.allowOrigins?.().some((o) => u.startsWith(`${o}/`))) return route.continue();
      h.foreign.push(u);
      return route.abort();
    });
    const page = await context.newPage();
    return { page, context };
  };
  return h;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe violations as readable lines ("rule: target"), empty when the page passes. */
export async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`),
  );
}

/** Waits until an element stops moving (smooth scrolling to an anchor), then returns its top. */
export async function settledTop(page: Page, selector: string): Promise<number> {
  // The browser scrolls to the anchor once the page has loaded; then the scroll may be smooth.
  await page.waitForLoadState('load');
  await page.waitForTimeout(200);
  let last = Number.NaN;
  for (let i = 0; i < 40; i++) {
    const top = await page.locator(selector).evaluate((el) => el.getBoundingClientRect().top);
    if (top === last) return top;
    last = top;
    await page.waitForTimeout(100);
  }
  return last;
}

/**
 * Books built once for the whole end-to-end run (scripts/test.ts builds them before the tests;
 * a test file run on its own builds what it needs). Each has its build log beside it.
 */
export const BUILDS = {
  /** The sample book again, from a copy without its image cache: for reproducibility. */
  repro: { book: '.build/repro/book', out: '.build/repro/dist', copyFrom: '.' },
  trilingual: { book: 'test/fixtures/books/trilingual', out: '.build/fixtures/trilingual' },
  hostile: { book: 'test/fixtures/books/odd/hostile-text', out: '.build/fixtures/hostile' },
  /** Sections, lists, figures and language marks (issue 25). */
  sections: { book: 'test/fixtures/books/sections', out: '.build/fixtures/sections' },
  /** A book made by scripts/generate-book.ts (2 episodes): the print checks on text not tuned by hand. */
  generated: { book: '.build/fixtures/generated-book', out: '.build/fixtures/generated', generate: 2 },
} as const;

export function ensureBuilt(name: keyof typeof BUILDS): { code: number; stdout: string; stderr: string; out: string } {
  const b = BUILDS[name];
  const log = `${b.out}.log`;
  if (!existsSync(b.out) || !existsSync(log)) buildFixture(name);
  return { code: 0, stdout: readFileSync(log, 'utf8'), stderr: '', out: b.out };
}

export function buildFixture(name: keyof typeof BUILDS): void {
  const b = BUILDS[name];
  if ('copyFrom' in b) {
    rmSync(dirname(b.book), { recursive: true, force: true });
    cpSync(`${b.copyFrom}/content`, `${b.book}/content`, { recursive: true });
  }
  if ('generate' in b) {
    rmSync(b.book, { recursive: true, force: true });
    const g = spawnSync(process.execPath, ['scripts/generate-book.ts', String(b.generate), '--out', b.book], {
      encoding: 'utf8',
    });
    if (g.status !== 0) throw new Error(`generating ${name} failed:\n${g.stderr}`);
  }
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--book', b.book, '--out', b.out], {
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error(`building ${name} failed:\n${r.stderr}\n${r.stdout.slice(-3000)}`);
  writeFileSync(`${b.out}.log`, r.stdout);
}

/** The fonts of a PDF as poppler's pdffonts lists them, whether each is embedded, and its family
 * (read from its font descriptor with qpdf: pdffonts names a Type 3 font "[none]"). */
export function pdfFonts(pdf: string): Array<{ row: string; embedded: boolean; family: string }> {
  const show = (id: string) => execFileSync('qpdf', [`--show-object=${id}`, pdf], { encoding: 'utf8' });
  return execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((row) => {
      const f = row.trim().split(/\s+/);
      const descriptor = /\/FontDescriptor (\d+) 0 R/.exec(show(f[f.length - 2]!))?.[1];
      const family = descriptor ? (/\/FontFamily \(([^)]*)\)/.exec(show(descriptor))?.[1] ?? '') : '';
      return { row, embedded: f[f.length - 5] === 'yes', family };
    });
}
