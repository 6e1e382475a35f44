// The PDF per language, made by scripts/build.ts once Astro has built the site, from the built print
// edition (/<lang>/print/): served on 127.0.0.1, printed by Chromium twice, finished with pdf-lib.
//
// Why twice: Chromium has no target-counter() or string-set. The first print tells where each
// part of the book starts (from Chromium's named destinations); the page is then completed —
// blank pages so that parts open on a right-hand page, page numbers from 1 on the first episode
// (a @counter-style), the contents' page numbers — and printed again. The second print is checked
// against the plan. See docs/architecture.md ("The PDF") for the measurements behind this choice.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Book } from '../../model/book.ts';
import { languageCodes } from '../../model/settings.ts';
import { serveStatic } from '../../server/static.ts';
import { launchBrowser } from '../../server/browser.ts';
import { routes } from '../../shared/addresses.ts';
import type { OutputContext } from '../contract.ts';
import { pdfFile } from './downloads.ts';
import { folio, planMismatches, planPages, type Part } from './plan.ts';
import { folioCounterStyle } from '../../model/print/page-css.ts';
import { pdfMetadata } from './metadata.ts';
import { setStructureLanguages } from './lang.ts';
import {
  loadPrinted,
  producerOf,
  readDestinations,
  saveWithContentId,
  setMetadata,
  setOutline,
  setPageLabels,
  type OutlineEntry,
} from './finish.ts';

export interface PdfResult {
  lang: string;
  /** Path of the PDF relative to the output folder. */
  file: string;
  pages: number;
  bytes: number;
  seconds: number;
}

/** Chromium's print options: tagged (a structure tree for assistive technology), with an outline
 * (which this step replaces), the page size and margins of the CSS @page rules. */
export const PRINT_OPTIONS = { tagged: true, outline: true, preferCSSPageSize: true, printBackground: true } as const;

const KIT = join(import.meta.dirname, '..', '..', '..');
const version = (JSON.parse(readFileSync(join(KIT, 'package.json'), 'utf8')) as { version: string }).version;
export const CREATOR = `Planches ${version}`;

/** The output's step: one PDF per language. */
export async function run(context: OutputContext): Promise<string> {
  const results = await buildPdfs(context);
  return results.map((p) => `${p.lang} ${p.pages} pages`).join(', ');
}

/** Makes one PDF per language into the build folder. Throws (failing the build) on any problem. */
export async function buildPdfs({
  dir: outDir,
  book,
  log,
}: Pick<OutputContext, 'dir' | 'book' | 'log'>): Promise<PdfResult[]> {
  const server = await serveStatic(outDir, { base: book.settings.site.base });
  let browser: Browser | undefined;
  const results: PdfResult[] = [];
  try {
    browser = await launchBrowser();
    for (const lang of languageCodes(book.settings)) {
      const t0 = performance.now();
      const url = new URL(routes.print(lang), server.url).href;
      let bytes: Uint8Array;
      let pages: number;
      try {
        ({ bytes, pages } = await printBook(browser, url, book, lang));
      } catch (e) {
        throw new Error(`The ${lang} PDF could not be made from ${url}: ${(e as Error).message}`, { cause: e });
      }
      const file = pdfFile(book.settings, lang);
      mkdirSync(dirname(join(outDir, file)), { recursive: true });
      writeFileSync(join(outDir, file), bytes);
      const seconds = (performance.now() - t0) / 1000;
      results.push({ lang, file, pages, bytes: bytes.length, seconds });
      log(`PDF ${file}: ${pages} pages, ${(bytes.length / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  return results;
}

/** Records the time of each phase into `timings` (seconds), for scripts/bench-pdf.ts. */
export function stopwatch(timings: Record<string, number> | undefined): (phase: string) => void {
  let t = performance.now();
  return (phase) => {
    const now = performance.now();
    if (timings) timings[phase] = (timings[phase] ?? 0) + (now - t) / 1000;
    t = now;
  };
}

/** Prints the print edition at `url` twice and finishes it. */
export async function printBook(
  browser: Browser,
  url: string,
  book: Book,
  lang: string,
  timings?: Record<string, number>,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const lap = stopwatch(timings);
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const page = await openEdition(context.newPage(), url);
    const parts = await readParts(page);
    lap('open');

    // First print: where does each part start? Only the page breaks matter, so it is made the
    // cheap way: images hidden (their boxes keep their size, so the layout is the same) and no
    // tag tree. The second print is checked against this one anyway.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('img, svg { visibility: hidden !important; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    // Only its destinations and page count are kept: the parsed document can go before the second print.
    const { dests1, firstPages } = await page
      .pdf({ ...PRINT_OPTIONS, tagged: false, outline: false })
      .then(async (bytes) => {
        const first = await loadPrinted(bytes);
        return { dests1: readDestinations(first), firstPages: first.getPageCount() };
      });
    await page.evaluate(() => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1);
    });
    const placed = parts.map((p) => {
      const d = dests1.get(p.id);
      if (!d) throw new Error(`the first print has no destination for #${p.id}`);
      return { ...p, page: d.page };
    });
    const plan = planPages(placed, firstPages);
    lap('first print');

    // Complete the page and print again.
    const numbers = Object.fromEntries([...plan.starts].map(([id, index]) => [id, folio(index, plan.firstBodyPage)]));
    await page.evaluate(
      ({ blanks, numbers, counterStyle }) => {
        for (const id of blanks) {
          const blank = document.createElement('div');
          blank.className = 'blank-page';
          blank.setAttribute('aria-hidden', 'true');
          document.getElementById(id)!.before(blank);
        }
        for (const el of document.querySelectorAll<HTMLElement>('[data-page-of]'))
          el.textContent = numbers[el.dataset.pageOf!] ?? '';
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(counterStyle);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      },
      {
        blanks: plan.blanks,
        numbers,
        counterStyle: folioCounterStyle(plan.firstBodyPage + 1, plan.pageCount - plan.firstBodyPage),
      },
    );
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const doc = await loadPrinted(await page.pdf(PRINT_OPTIONS));
    const dests = readDestinations(doc);
    const printed = new Map([...dests].map(([id, d]) => [id, d.page]));
    const wrong = planMismatches(plan, printed);
    if (doc.getPageCount() !== plan.pageCount)
      wrong.push(`the second print has ${doc.getPageCount()} pages, ${plan.pageCount} were planned`);
    if (wrong.length)
      throw new Error(`the second print does not follow the plan made from the first: ${wrong.join('; ')}`);
    lap('second print');

    // Finish in place.
    const meta = pdfMetadata(book.settings, lang, { creator: CREATOR, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH });
    setMetadata(doc, meta, producerOf(doc, 'pdf-lib'));
    setPageLabels(doc, plan.firstBodyPage);
    setOutline(doc, outlineOf(parts), dests);
    const languages = await page.evaluate((bookLang) => {
      // Elements in another language than the book's, in document order.
      // innerText, not textContent: the text as laid out, which is what the PDF's glyphs say.
      const rendered = (el: HTMLElement) =>
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the one to match
        el.innerText;
      return [...document.querySelectorAll<HTMLElement>('body [lang]')]
        .map((el) => ({ lang: el.lang, text: rendered(el) }))
        .filter((r) => r.lang && r.lang !== bookLang && r.text.trim());
    }, lang);
    setStructureLanguages(doc, languages);
    const bytes = await saveWithContentId(doc);
    lap('finish');
    return { bytes, pages: doc.getPageCount() };
  } finally {
    await context.close();
  }
}

/**
 * Opens the print edition ready to print: every image loaded and decoded (Chromium prints lazy
 * images blank), the fonts loaded, and a hidden list of links to every part, so that Chromium
 * writes a named destination for each (it does so for link targets only).
 */
export async function openEdition(pagePromise: Promise<Page>, url: string): Promise<Page> {
  const page = await pagePromise;
  const origin = new URL(url).origin;
  const failed: string[] = [];
  // The print edition needs nothing from elsewhere; anything else is refused.
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} (HTTP ${r.status()})`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`the print edition answered HTTP ${response?.status()}`);
  await page.emulateMedia({ media: 'print' });
  const broken = await page.evaluate(async () => {
    const images = [...document.images];
    for (const img of images) img.loading = 'eager';
    const bad: string[] = [];
    await Promise.all(images.map((img) => img.decode().catch(() => bad.push(img.currentSrc || img.src))));
    await document.fonts.ready;
    const nav = document.createElement('nav');
    nav.hidden = true;
    // Parts and the sections inside them (headings marked data-section) get a destination each.
    for (const el of document.querySelectorAll<HTMLElement>('[data-outline], [data-part] [data-section]')) {
      const a = document.createElement('a');
      a.href = `#${el.id}`;
      nav.append(a);
    }
    document.body.append(nav);
    return bad;
  });
  if (failed.length || broken.length) {
    throw new Error(
      `files of the print edition are missing or broken: ${[...new Set([...failed, ...broken])].join(', ')}`,
    );
  }
  return page;
}

/** A part of the book with the sections (headings marked data-section) it holds. */
export type OutlinedPart = Part & { sections?: Array<{ id: string; title: string; depth: 2 | 3 }> };

/** The bookmarks: one per part, an episode's sections (## and the ### under them) under it. */
export function outlineOf(parts: OutlinedPart[]): OutlineEntry[] {
  return parts.map((p) => {
    const children: OutlineEntry[] = [];
    for (const s of p.sections ?? []) {
      const entry = { title: s.title, dest: s.id };
      const parent = children[children.length - 1];
      if (s.depth === 3 && parent) {
        parent.children ??= [];
        parent.children.push(entry);
      } else children.push(entry);
    }
    return { title: p.label, dest: p.id, ...(children.length ? { children } : {}) };
  });
}

/** The parts of the book, in order, as the print edition marks them. */
export async function readParts(page: Page): Promise<OutlinedPart[]> {
  const parts = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-outline]')].map((el) => ({
      id: el.id,
      label: el.dataset.outline ?? '',
      matter: (el.dataset.matter === 'body' ? 'body' : 'front') as 'front' | 'body',
      recto: el.hasAttribute('data-recto'),
      sections: [...el.querySelectorAll<HTMLElement>('[data-section]')].map((h) => ({
        id: h.id,
        title: (h.dataset.sectionTitle ?? h.textContent ?? '').replace(/\s+/g, ' ').trim(),
        depth: (h.dataset.section === '3' ? 3 : 2) as 2 | 3,
      })),
    })),
  );
  const bad = parts.filter((p) => !p.id || !p.label);
  if (bad.length) throw new Error(`every part marked data-outline needs an id and a title (${bad.length} do not)`);
  return parts;
}
