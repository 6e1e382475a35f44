// Every figure of a built PDF in one object (scripts/measure-pdf.ts prints it; the end-to-end
// tests assert on it). Runs poppler (pdftotext, pdftoppm) and qpdf, then the pure analysis.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mmToPt, type PageGeometry } from '../../../model/print/geometry.ts';
import { parseBboxLayout, type TextPage } from './bbox.ts';
import {
  inkExtent,
  partFigures,
  spacing,
  textBlock,
  widowsAndOrphans,
  type BookGeometry,
  type Break,
  type Ink,
  type Part,
  type PartFigures,
  type SpacingFigures,
} from './analyse.ts';

export interface PdfFigures {
  file: string;
  pages: number;
  /** 0-based index of the first page numbered 1 (page labels), 0 when the PDF has none. */
  firstBodyPage: number;
  spacing: SpacingFigures;
  widows: Break[];
  orphans: Break[];
  parts: PartFigures[];
  /** The worst mid-part blank share, and where. */
  worstBlank: { page: number; share: number } | undefined;
  /** Mid-part pages with more than 15 % of the text block empty. */
  holes: Array<{ page: number; share: number }>;
  headsOnOpeners: number;
  /** Parts whose last page has fewer than 5 lines' worth of ink. */
  shortEnds: Array<{ label: string; page: number; lines: number }>;
}

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });

/** The text block's margins in points, from the book's page geometry (millimetres). */
export function marginsPt(m: PageGeometry['margins']): BookGeometry['margins'] {
  return { top: mmToPt(m.top), bottom: mmToPt(m.bottom), inner: mmToPt(m.inner), outer: mmToPt(m.outer) };
}

/** Reads a binary PGM (P5) file, as pdftoppm -gray writes it. */
export function readPgm(bytes: Uint8Array): { width: number; height: number; gray: Uint8Array } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!m) throw new Error('not a binary PGM file');
  return { width: Number(m[1]), height: Number(m[2]), gray: bytes.subarray(m[0].length) };
}

/** Ink inside the text block of every page, from a render at `dpi`. */
export function pageInk(pdf: string, g: BookGeometry, dpi = 36): Array<Ink | null> {
  const dir = mkdtempSync(join(tmpdir(), 'planches-ink-'));
  try {
    run('pdftoppm', ['-r', String(dpi), '-gray', pdf, join(dir, 'p')]);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort();
    return files.map((f, i) => {
      const { width, height, gray } = readPgm(readFileSync(join(dir, f)));
      return inkExtent(gray, width, height, dpi / 72, textBlock(g, i + 1));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bookmarks (as parts) and the first page labelled 1, from qpdf. */
export function outlineOf(pdf: string): { parts: Part[]; firstBodyPage: number } {
  const j = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', '--json-key=pagelabels', pdf])) as {
    outlines: Array<{ title: string; destpageposfrom1: number | null }>;
    pagelabels: Array<{ index: number; label: { '/S'?: string; '/St'?: number } }>;
  };
  const arabic = j.pagelabels.find((l) => l.label['/S'] === '/D' && (l.label['/St'] ?? 1) === 1);
  const parts = j.outlines
    .filter((o) => typeof o.destpageposfrom1 === 'number')
    .map((o) => ({ label: o.title, page: o.destpageposfrom1! }))
    .sort((a, b) => a.page - b.page);
  return { parts, firstBodyPage: arabic?.index ?? 0 };
}

export function measurePdf(pdf: string, margins: BookGeometry['margins'], lines?: TextPage[]): PdfFigures {
  const pages = lines ?? parseBboxLayout(run('pdftotext', ['-bbox-layout', pdf, '-']));
  const first = pages[0];
  if (!first) throw new Error(`${pdf} has no pages`);
  const g: BookGeometry = { width: first.width, height: first.height, margins };
  const ink = pageInk(pdf, g);
  const { parts, firstBodyPage } = outlineOf(pdf);
  const figures = partFigures(pages, ink, g, parts, pages.length);
  const body = figures.filter((p) => p.first > firstBodyPage);
  const partOf = (page: number) => body.find((p) => page >= p.first && page <= p.last);
  const { widows, orphans } = widowsAndOrphans(pages, ink, g, (page) => {
    const p = partOf(page);
    return !!p && page + 1 <= p.last;
  });
  const blanks = body.flatMap((p) => p.blanks);
  const worstBlank = [...blanks].sort((a, b) => b.share - a.share)[0];
  return {
    file: pdf,
    pages: pages.length,
    firstBodyPage,
    spacing: spacing(
      pages.filter((p) => p.number > firstBodyPage),
      g,
    ),
    widows,
    orphans,
    parts: figures,
    worstBlank,
    holes: blanks.filter((b) => b.share > 0.15),
    headsOnOpeners: figures.filter((p) => p.first > firstBodyPage && p.headOnOpener).length,
    shortEnds: body
      .filter((p) => p.lastPageLines < 5)
      .map((p) => ({ label: p.label, page: p.last, lines: Math.round(p.lastPageLines * 10) / 10 })),
  };
}
