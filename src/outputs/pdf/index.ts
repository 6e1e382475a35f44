// The PDF per language, made by scripts/build.ts once Astro has built the site, from the built print
// edition (/<lang>/print/): served on 127.0.0.1, printed by Chromium twice, finished with pdf-lib.
//
// Why twice: Chromium has no target-counter() or string-set. The first print tells where each
// part of the book starts (from Chromium's named destinations); the page is then completed —
// blank pages so that parts open on a right-hand page, page numbers from 1 on the first episode
// (a @counter-style), the contents' page numbers — and printed again. The second print is checked
// against the plan. See docs/architecture.md ("The PDF") for the measurements behind this choice.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PDFDocument } from 'pdf-lib';
import type { Book } from '../../model/book.ts';
import { languageCodes, pick } from '../../model/settings.ts';
import { serveStatic } from '../../server/static.ts';
import { launchBrowser } from '../../server/browser.ts';
import { routes } from '../../shared/addresses.ts';
import type { OutputContext } from '../contract.ts';
import { pdfFile, printCoverFile, printInteriorFile } from './downloads.ts';
import { printCover } from './print-cover.ts';
import { CREATOR, openEdition } from './edition.ts';
import { folio, padding, planMismatches, planPages, runningHeads, type PagePlan, type Part } from './plan.ts';
import { folioCounterStyle, runningHeadCss, runningHeadStyle } from '../../model/print/page-css.ts';
import { mmToPt, pageGeometry, textArea } from '../../model/print/geometry.ts';
import type { Frame } from './layout/fit.ts';
import { makeUp } from './makeup.ts';
import { markBlocks } from './layout/in-page.ts';
import { pageMapFile, pageMarks, type PageMap, type PlacedEntry } from './page-map.ts';
import { pdfCache, printKey } from './reuse.ts';
import { fixStructure, setPageBoxes } from './structure.ts';
import { typographize } from '../../shared/typography.ts';
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

/** The output's step: one PDF per language, and for a printer its interior and cover. */
export async function run(context: OutputContext): Promise<string> {
  const results = await buildPdfs(context);
  return results.map((p) => `${p.lang} ${p.pages} pages`).join(', ');
}

/** Makes the PDFs of every language into the build folder. Throws (failing the build) on any problem. */
export async function buildPdfs({
  dir: outDir,
  book,
  log,
  kit,
}: Pick<OutputContext, 'dir' | 'book' | 'log' | 'kit'>): Promise<PdfResult[]> {
  const server = await serveStatic(outDir, { base: book.settings.site.base });
  let browser: Browser | undefined;
  const results: PdfResult[] = [];
  try {
    for (const lang of languageCodes(book.settings)) {
      const t0 = performance.now();
      const files = [
        pdfFile(book.settings, lang),
        printInteriorFile(book.settings, lang),
        printCoverFile(book.settings, lang),
        pageMapFile(lang),
      ];
      // Nothing Chromium would read changed: the previous print of this language is the same book.
      const cache = pdfCache(book.root, lang);
      const key = printKey({
        outDir,
        base: book.settings.site.base,
        pages: [`${routes.print(lang)}index.html`, `${routes.printCover(lang)}index.html`],
        kit,
        settings: book.settings,
      });
      const kept = cache.restore<{ pages: number; bytes: number }>(key, files, outDir);
      if (kept) {
        results.push({ lang, file: files[0]!, ...kept, seconds: (performance.now() - t0) / 1000 });
        log(
          `PDF ${files[0]}: nothing it is printed from changed since the previous build: its ${kept.pages} pages kept`,
        );
        continue;
      }
      browser ??= await launchBrowser();
      const url = new URL(routes.print(lang), server.url).href;
      let printed: PrintedBook;
      try {
        printed = await printBook(browser, url, book, lang, undefined, log);
      } catch (e) {
        throw new Error(`The ${lang} PDF could not be made from ${url}: ${(e as Error).message}`, { cause: e });
      }
      const { bytes, pages } = printed;
      const file = pdfFile(book.settings, lang);
      mkdirSync(dirname(join(outDir, file)), { recursive: true });
      writeFileSync(join(outDir, file), bytes);
      writeFileSync(join(outDir, printInteriorFile(book.settings, lang)), printed.interior);
      writeFileSync(join(outDir, pageMapFile(lang)), `${JSON.stringify(printed.pageMap)}\n`);
      let cover: Uint8Array;
      try {
        cover = await printCover(
          browser,
          new URL(routes.printCover(lang), server.url).href,
          book,
          lang,
          printed.interiorPages,
        );
      } catch (e) {
        throw new Error(`The ${lang} print cover could not be made: ${(e as Error).message}`, { cause: e });
      }
      writeFileSync(join(outDir, printCoverFile(book.settings, lang)), cover);
      cache.save(key, files, outDir, { pages, bytes: bytes.length });
      const seconds = (performance.now() - t0) / 1000;
      results.push({ lang, file, pages, bytes: bytes.length, seconds });
      log(
        `PDF ${file}: ${pages} pages, ${(bytes.length / 1e6).toFixed(1)} MB; for print: interior ${printed.interiorPages} pages, cover; in ${seconds.toFixed(1)} s`,
      );
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

/** What printBook makes: the screen PDF (with its cover) and the interior for a printer. */
export interface PrintedBook {
  bytes: Uint8Array;
  pages: number;
  /** The interior for print: no cover, blank pages added to make a multiple of 4, exact boxes. */
  interior: Uint8Array;
  interiorPages: number;
  /** Where each printed page begins in the print edition (page-map.ts). */
  pageMap: PageMap;
}

/**
 * The text block and line pitch of the print edition's pages, in points, in the coordinates of
 * Chromium's named destinations: their tops are measured from the top of the page's content
 * area (not of the page), so the text block runs from 0 to its height.
 */
function frameOf(book: Book): () => Frame {
  const area = textArea(pageGeometry(book.settings.print));
  // 10 pt type on a 1.45 line height (src/styles/print.css).
  return () => ({ top: 0, bottom: mmToPt(area.height), pitch: 14.5 });
}

/**
 * Prints the print edition at `url`: cheap prints to make up the pages (src/outputs/pdf-makeup.ts)
 * and to plan blank pages and numbers, then the final tagged print, finished in place; then the
 * interior for a printer, from the same page without the cover.
 */
export async function printBook(
  browser: Browser,
  url: string,
  book: Book,
  lang: string,
  timings?: Record<string, number>,
  log?: (line: string) => void,
): Promise<PrintedBook> {
  const lap = stopwatch(timings);
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const page = await openEdition(context.newPage(), url);
    const parts = await readParts(page);
    lap('open');

    // Cheap prints: only the page breaks matter, so images are hidden (their boxes keep their
    // size, so the layout is the same) and there is no tag tree. The final print is checked
    // against the last one anyway.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('img, svg { visibility: hidden !important; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    const cheap = () => page.pdf({ ...PRINT_OPTIONS, tagged: false, outline: false });
    const made = await makeUp(page, cheap, frameOf(book), (line) => log?.(`${lang} ${line}`));
    const dests1 = made.dests;
    const firstPages = made.doc.getPageCount();
    await page.evaluate(() => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter(
        (s) => ![...s.cssRules].some((r) => r.cssText.startsWith('img, svg { visibility: hidden')),
      );
    });
    const placed = parts.map((p) => {
      const d = dests1.get(p.id);
      if (!d) throw new Error(`the first print has no destination for #${p.id}`);
      return { ...p, page: d.page };
    });
    const plan = planPages(placed, firstPages);
    lap('first print');

    // Complete the page and print again.
    const heads = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-part="episode"], [data-part="about"]')].map((el) => [
          el.id,
          el.dataset.title ?? el.querySelector('h2')?.textContent ?? '',
        ]),
      ),
    );
    const bookTitle = typographize(pick(book.settings.title, lang, book.settings), lang);
    const headStyle = runningHeadStyle(pageGeometry(book.settings.print));
    const completion = (p: PagePlan, shift: number) => ({
      numbers: Object.fromEntries([...p.starts].map(([id, index]) => [id, folio(index, p.firstBodyPage)])),
      counterStyle: [
        folioCounterStyle(p.firstBodyPage + 1 - shift, p.pageCount - p.firstBodyPage),
        runningHeadCss(
          [...Array(shift).fill(''), ...runningHeads(p, new Map(Object.entries(heads)), bookTitle)].slice(
            0,
            p.pageCount + shift,
          ),
          Object.keys(heads),
          headStyle,
        ),
      ].join('\n'),
    });
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
      { blanks: plan.blanks, ...completion(plan, 0) },
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

    // Where each part and block landed in the final print: the page map the EPUB reads.
    const blocksNow = new Map((await page.evaluate(markBlocks)).map((p) => [p.id, p.blocks]));
    const entries: PlacedEntry[] = [];
    for (const part of parts) {
      const at = dests.get(part.id);
      if (at) entries.push({ part: part.id, id: part.id, isPart: true, start: at.page, end: at.page });
      for (const b of blocksNow.get(part.id) ?? []) {
        const start = dests.get(b.id);
        if (!start) continue;
        const end = b.endId ? dests.get(b.endId) : undefined;
        entries.push({ part: part.id, id: b.id, isPart: false, start: start.page, end: end?.page ?? start.page });
      }
    }
    const pageMap: PageMap = {
      lang,
      pageCount: plan.pageCount,
      marks: pageMarks(entries, plan.pageCount, (i) => folio(i, plan.firstBodyPage)),
    };

    // Finish in place.
    const meta = pdfMetadata(book.settings, lang, { creator: CREATOR, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH });
    const finishDoc = (d: PDFDocument, firstBody: number, outline: boolean | 'interior') => {
      setMetadata(d, meta, producerOf(d, 'pdf-lib'));
      setPageLabels(d, firstBody);
      setPageBoxes(d, pageGeometry(book.settings.print));
      if (outline)
        setOutline(d, outlineOf(parts.filter((p) => outline === true || p.id !== 'cover')), readDestinations(d));
    };
    finishDoc(doc, plan.firstBodyPage, true);
    fixStructure(doc, new Map(parts.map((p) => [p.id, p.label])));
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

    // The interior for a printer: the same pages without the cover and its blank back (so every
    // page keeps its side), then blank pages to a multiple of 4. Untagged: it goes to a press; the
    // screen PDF is the accessible one.
    const coverPages = plan.starts.get('title-page') ?? 0;
    const interiorPlan: PagePlan = {
      blanks: plan.blanks,
      starts: new Map([...plan.starts].filter(([id]) => id !== 'cover').map(([id, i]) => [id, i - coverPages])),
      firstBodyPage: plan.firstBodyPage - coverPages,
      pageCount: plan.pageCount - coverPages,
    };
    const pad = padding(interiorPlan.pageCount);
    const { counterStyle } = completion(interiorPlan, 0);
    await page.evaluate(
      ({ counterStyle, pad }) => {
        document.querySelector<HTMLElement>('[data-part="cover"]')?.style.setProperty('display', 'none');
        document.querySelector<HTMLElement>('[data-part="title"]')?.style.setProperty('break-before', 'auto');
        for (let i = 0; i < pad; i++) {
          const blank = document.createElement('div');
          blank.className = 'blank-page';
          blank.setAttribute('aria-hidden', 'true');
          document.body.append(blank);
        }
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(counterStyle);
        // The screen edition's numbers and heads give way to the interior's.
        const mine = (s: CSSStyleSheet) => [...s.cssRules].some((r) => r.cssText.includes('planches-head'));
        document.adoptedStyleSheets = [...document.adoptedStyleSheets.filter((s) => !mine(s)), sheet];
      },
      { counterStyle, pad },
    );
    const inner = await loadPrinted(await page.pdf({ ...PRINT_OPTIONS, tagged: false }));
    if (inner.getPageCount() !== interiorPlan.pageCount + pad)
      throw new Error(
        `the interior for print has ${inner.getPageCount()} pages, ${interiorPlan.pageCount + pad} were planned`,
      );
    finishDoc(inner, interiorPlan.firstBodyPage, 'interior');
    const interior = await saveWithContentId(inner);
    lap('interior');
    return { bytes, pages: doc.getPageCount(), interior, interiorPages: inner.getPageCount(), pageMap };
  } finally {
    await context.close();
  }
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
