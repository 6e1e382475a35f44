// The PDFs for a printer, checked on the built files with the figures scripts/measure-pdf.ts
// prints (src/outputs/pdf/measure/): no widow or orphan, no hole in the middle of an episode, no
// running head on a chapter opener, no episode or book ending on a page of fewer than 5 lines, the interior's page count a multiple of 4, every Figure with
// /Alt, the exact page size, and a cover sheet with its bleed and trim boxes where the settings say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFPage } from 'pdf-lib';
import { loadSettings, languageCodes } from '../../src/model/settings.ts';
import type { Settings } from '../../src/model/schemas/settings.ts';
import { mmToPt, pageGeometry } from '../../src/model/print/geometry.ts';
import { pdfFile, printCoverFile, printInteriorFile } from '../../src/outputs/pdf/downloads.ts';
import { coverSheet } from '../../src/outputs/pdf/cover.ts';
import { figurePages, structureStats } from '../../src/outputs/pdf/structure.ts';
import { loadBook } from '../../src/model/book.ts';
import { framesText } from '../../src/model/views/panel-text.ts';
import { marginsPt, measurePdf, type PdfFigures } from '../../src/outputs/pdf/measure/report.ts';
import { BUILDS, DIST, ensureBuilt, pdfFonts } from './helpers.ts';

const load = (pdf: string) => PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
type Box = { x: number; y: number; width: number; height: number };
/** A page box as written in the page's own dictionary (pdf-lib's getters fall back to others). */
function ownBox(page: PDFPage, name: string): Box | undefined {
  const a = page.node.lookupMaybe(PDFName.of(name), PDFArray);
  if (!a) return undefined;
  const [x1, y1, x2, y2] = a.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN));
  return { x: x1!, y: y1!, width: x2! - x1!, height: y2! - y1! };
}
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.01 &&
  inner.y >= outer.y - 0.01 &&
  inner.x + inner.width <= outer.x + outer.width + 0.01 &&
  inner.y + inner.height <= outer.y + outer.height + 0.01;

/** What is wrong with a sheet as a print cover: trim, bleed, sizes (empty when nothing is). */
function coverProblems(doc: PDFDocument, interiorPages: number, settings: Settings): string[] {
  const g = pageGeometry(settings.print);
  const pages = doc.getPages();
  if (pages.length !== 1) return [`${pages.length} pages, expected one sheet`];
  const page = pages[0]!;
  const trim = ownBox(page, 'TrimBox');
  const bleedBox = ownBox(page, 'BleedBox');
  const media = ownBox(page, 'MediaBox');
  if (!trim || !bleedBox || !media) return ['no TrimBox, BleedBox or MediaBox of its own'];
  const out: string[] = [];
  if (!inside(trim, bleedBox)) out.push('TrimBox is not inside BleedBox');
  if (!inside(bleedBox, media)) out.push('BleedBox is not inside MediaBox');
  const b = mmToPt(settings.print.bleed);
  const sides = {
    left: trim.x - bleedBox.x,
    bottom: trim.y - bleedBox.y,
    right: bleedBox.x + bleedBox.width - (trim.x + trim.width),
    top: bleedBox.y + bleedBox.height - (trim.y + trim.height),
  };
  for (const [side, v] of Object.entries(sides))
    if (Math.abs(v - b) > 0.01) out.push(`bleed ${side} ${v.toFixed(2)} pt, expected ${b.toFixed(2)}`);
  const sheet = coverSheet(g, interiorPages, settings.print.paperThickness, settings.print.bleed);
  const w = 2 * mmToPt(g.width) + mmToPt(sheet.spine);
  if (Math.abs(trim.width - w) > 0.01) out.push(`trim width ${trim.width.toFixed(2)} pt, expected ${w.toFixed(2)}`);
  if (Math.abs(trim.height - mmToPt(g.height)) > 0.01)
    out.push(`trim height ${trim.height.toFixed(2)} pt, expected ${mmToPt(g.height).toFixed(2)}`);
  return out;
}

/**
 * The pages (numbered from 1, as the measure counts them) just before a page where one of the
 * book's strips prints. A strip is one block of about three quarters of the text area (its
 * frames stacked at a legible size, print.css), so it takes a page nearly to itself: the page
 * before it may end short, as before a plate, when what follows cannot fill it (on the sample,
 * the English episode 20 ends with its strip after the cookies panel).
 */
async function pagesBeforeStrips(root: string | undefined, pdf: string, lang: string): Promise<Set<number>> {
  if (!root) return new Set();
  const book = loadBook(root);
  const strips = book.episodes.flatMap((e) => e.panels).filter((p) => p.strip);
  const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
  const out = new Set<number>();
  for (const p of strips) {
    const first = figurePages(doc, [framesText(p, lang, book.settings)[0]!.alt.text])[0]![0];
    // The strip's page, counted from 0, is the number of the page before it counted from 1.
    if (first !== undefined && first > 0) out.add(first);
  }
  return out;
}

/** Every check, on the PDFs of one built book (`root`: its folder, when it has strips). */
function checkBook(name: string, settings: Settings, dist: string, root?: string): void {
  const g = pageGeometry(settings.print);
  const interior = (lang: string) => join(dist, printInteriorFile(settings, lang));
  const screen = (lang: string) => join(dist, pdfFile(settings, lang));
  const cover = (lang: string) => join(dist, printCoverFile(settings, lang));
  const figures = new Map<string, PdfFigures>();
  const measured = (pdf: string) => {
    if (!figures.has(pdf)) figures.set(pdf, measurePdf(pdf, marginsPt(g.margins)));
    return figures.get(pdf)!;
  };
  for (const lang of languageCodes(settings)) {
    for (const [which, pdf] of [
      ['the print interior', interior(lang)],
      ['the screen PDF', screen(lang)],
    ] as const)
      test(`${name} ${lang}: ${which} has no widow, no orphan, no hole and no running head on an opener`, async () => {
        const f = measured(pdf);
        // Found in the tagged screen PDF (the interior is untagged), shifted by its missing cover pages.
        const shift = measured(screen(lang)).firstBodyPage - f.firstBodyPage;
        const beforeStrip = new Set([...(await pagesBeforeStrips(root, screen(lang), lang))].map((n) => n - shift));
        const at = (b: { page: number; text: string }) => `page ${b.page}: "${b.text}"`;
        assert.deepEqual(f.widows.map(at), [], 'widows (a page opening with the last line of a paragraph)');
        assert.deepEqual(f.orphans.map(at), [], 'orphans (a page ending with the first line of a paragraph)');
        assert.deepEqual(
          f.holes
            .filter((h) => !beforeStrip.has(h.page))
            .map((h) => `page ${h.page}: ${(h.share * 100).toFixed(1)} % blank`),
          [],
          'mid-episode pages with more than 15 % of the text block empty',
        );
        assert.equal(f.headsOnOpeners, 0, 'running heads on chapter-opening pages');
        assert.deepEqual(
          f.shortEnds.map((e) => `${e.label}, page ${e.page}: ${e.lines} lines`),
          [],
          'episodes or book ending with fewer than 5 lines on their last page',
        );
        // The measure found the episodes: a figure of 0 widows over no parts would prove nothing.
        assert.ok(f.parts.filter((p) => p.first > f.firstBodyPage).length >= 2, 'episodes found from the bookmarks');
      });

    test(`${name} ${lang}: the print interior's page count is a multiple of 4, every page exactly ${g.size}`, async () => {
      const doc = await load(interior(lang));
      assert.equal(doc.getPageCount() % 4, 0, `${doc.getPageCount()} pages`);
      const [w, h] = [mmToPt(g.width), mmToPt(g.height)];
      for (const [i, page] of doc.getPages().entries()) {
        const trim = ownBox(page, 'TrimBox') ?? ownBox(page, 'MediaBox');
        assert.ok(trim, `page ${i + 1} has no box`);
        assert.ok(
          Math.abs(trim.width - w) < 0.01 && Math.abs(trim.height - h) < 0.01,
          `page ${i + 1} is ${trim.width.toFixed(2)} × ${trim.height.toFixed(2)} pt, expected ${w.toFixed(2)} × ${h.toFixed(2)}`,
        );
      }
    });

    // The tagged PDF is the screen one; the interior goes to a press untagged (src/outputs/pdf/index.ts).
    test(`${name} ${lang}: every Figure of the tagged PDF has /Alt`, async () => {
      const doc = await load(screen(lang));
      let figuresSeen = 0;
      for (const [, obj] of doc.context.enumerateIndirectObjects())
        if (obj instanceof PDFDict && obj.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() === 'Figure')
          figuresSeen++;
      assert.ok(figuresSeen > 0, 'no Figure at all: the check would prove nothing');
      assert.equal(structureStats(doc).figuresWithoutAlt, 0, 'Figures without /Alt');
    });

    test(`${name} ${lang}: the print cover has its trim inside its bleed, the bleed of the settings and the exact size`, async () => {
      const pages = (await load(interior(lang))).getPageCount();
      assert.deepEqual(coverProblems(await load(cover(lang)), pages, settings), []);
      // The same check fails on a page without bleed (the interior's first page).
      const one = await PDFDocument.create();
      const [copy] = await one.copyPages(await load(interior(lang)), [0]);
      one.addPage(copy!);
      assert.notDeepEqual(coverProblems(one, pages, settings), []);
    });

    test(`${name} ${lang}: every font of the print interior and the print cover is embedded`, () => {
      for (const pdf of [interior(lang), cover(lang)]) {
        const fonts = pdfFonts(pdf);
        assert.ok(fonts.length >= 1, `${pdf}: no font listed (the title is meant to be text)`);
        for (const f of fonts) assert.ok(f.embedded, `${pdf}: not embedded: ${f.row}`);
      }
    });
  }
}

checkBook('sample', loadSettings(process.env.PLANCHES_BOOK ?? '.'), DIST, process.env.PLANCHES_BOOK ?? '.');
const generated = ensureBuilt('generated').out;
checkBook('generated', loadSettings(BUILDS.generated.book), generated);
