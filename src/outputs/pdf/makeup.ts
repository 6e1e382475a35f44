// Page make-up before the final print (src/outputs/pdf/index.ts): cheap prints (images hidden, no
// tags), each read for where every block of every part landed, each followed by the corrections
// that src/outputs/pdf/layout/fit.ts chooses (one problem per part per round: a correction moves
// everything after it in its part, and parts are independent, each opening a new page). A panel
// scaled down for a problem that the next print still shows gets its size back (a scaling that
// did not help would only make the drawing smaller). Stops when no part has a problem left, or after MAX_ROUNDS, or when nothing more can be tried; what
// is left is reported (a warning in the build's log, and the measuring tools' figures).
import type { Page } from 'playwright-core';
import type { PDFDocument } from 'pdf-lib';
import { PDFNumber } from 'pdf-lib';
import { loadPrinted, readDestinations, type Destination } from './finish.ts';
import {
  chooseFixes,
  findProblems,
  fixKey,
  type Fix,
  type Frame,
  type PartLayout,
  type PlacedBlock,
  type Problem,
} from './layout/fit.ts';
import {
  applyFixes,
  markBlocks,
  measureBlocks,
  raggedLines,
  setLines,
  unsetOverflowing,
  type PartInfo,
} from './layout/in-page.ts';
import { breakLines } from './layout/linebreak.ts';

export const MAX_ROUNDS = 16;
/** A justified line whose word spaces stretch more than this over their natural width goes ragged. */
export const RAGGED_RATIO = 1.5;

export interface MakeupResult {
  /** The last cheap print: its page count and destinations (the plan is made from them). */
  doc: PDFDocument;
  dests: Map<string, Destination>;
  rounds: number;
  fixes: Fix[];
  /** Problems no correction could solve. */
  left: Problem[];
}

/** Margins of the text block in points (top and bottom), and the body's line pitch. */
export interface MakeupFrame {
  top: number;
  bottom: number;
  pitch: number;
}

const topOf = (d: Destination, height: number): number => {
  const y = d.array.get(3);
  return y instanceof PDFNumber ? height - y.asNumber() : 0;
};

/** Where each block of each part landed in a print. */
export function placeBlocks(
  doc: PDFDocument,
  dests: Map<string, Destination>,
  parts: PartInfo[],
  sizes: Record<string, { height: number; scale: number }>,
  pitch: number,
): PartLayout[] {
  const heights = doc.getPages().map((p) => p.getHeight());
  return parts.map((part) => ({
    id: part.id,
    blocks: part.blocks.flatMap((b): PlacedBlock[] => {
      const start = dests.get(b.id);
      if (!start) return [];
      const top = topOf(start, heights[start.page]!);
      const size = sizes[b.id] ?? { height: 0, scale: 1 };
      const end = b.endId ? dests.get(b.endId) : undefined;
      return [
        {
          id: b.id,
          kind: b.kind,
          movable: b.movable,
          start: { page: start.page, top },
          end: end
            ? { page: end.page, bottom: topOf(end, heights[end.page]!) + pitch }
            : { page: start.page, bottom: top + size.height },
          height: size.height,
          scale: size.scale,
        },
      ];
    }),
  }));
}

/**
 * Makes up the pages of the open print edition (images already hidden by the caller). `print`
 * makes a cheap print. Leaves the page ready for the final print, with ragged lines set.
 */
export async function makeUp(
  page: Page,
  print: () => Promise<Uint8Array>,
  frameOf: (doc: PDFDocument) => Frame,
  log?: (line: string) => void,
): Promise<MakeupResult> {
  await page.evaluate(markBlocks);
  // The paragraph-at-once line breaking, in the page (its functions sent as source: the page's
  // own policy allows no script but its own, and these are the PDF step's, not the page's).
  await page.evaluate(`globalThis.planchesBreakLines = ${breakLines.toString()}`);
  await page.evaluate(`globalThis.planchesSetLines = ${setLines.toString()}`);
  const set = await page.evaluate(setLines, null);
  const tried = new Set<string>();
  const fixes: Fix[] = [];
  let rounds = 0;
  let left: Problem[] = [];
  let retried = false;
  let undone = 0;
  // Per part, the problem the last round's corrections were for and the panels' scales before
  // them: a panel scaled down for a problem still there after the print gets its size back.
  let pending = new Map<string, { problem: string; scales: Array<{ id: string; factor: number }> }>();
  const problemKey = (p: Problem) => `${p.kind}:${p.kind === 'short-end' ? '' : p.block}`;
  for (;;) {
    const doc = await loadPrinted(await print());
    rounds++;
    const dests = readDestinations(doc);
    const frame = frameOf(doc);
    // The blocks in their current order (corrections move some), and their sizes.
    const parts = await page.evaluate(markBlocks);
    const sizes = await page.evaluate(
      measureBlocks,
      parts.flatMap((p) => p.blocks.map((b) => b.id)),
    );
    const layouts = placeBlocks(doc, dests, parts, sizes, frame.pitch);
    const round: Fix[] = [];
    const undo: Fix[] = [];
    const next = new Map<string, { problem: string; scales: Array<{ id: string; factor: number }> }>();
    left = [];
    for (const layout of layouts) {
      const problems = findProblems(layout, frame);
      const before = pending.get(layout.id);
      if (before && problems.some((p) => problemKey(p) === before.problem))
        undo.push(...before.scales.map((s): Fix => ({ kind: 'scale', ...s })));
      for (const problem of problems) {
        const chosen = chooseFixes(layout, problem, frame, tried);
        if (chosen.length) {
          round.push(...chosen);
          const scales = chosen.flatMap((f) =>
            f.kind === 'scale' ? [{ id: f.id, factor: layout.blocks.find((b) => b.id === f.id)?.scale ?? 1 }] : [],
          );
          next.set(layout.id, { problem: problemKey(problem), scales });
          break;
        }
        left.push(problem);
      }
    }
    if ((!round.length && !undo.length) || rounds >= MAX_ROUNDS) {
      if (round.length) left = layouts.flatMap((l) => findProblems(l, frame));
      const unset = await page.evaluate(unsetOverflowing);
      if (unset) {
        // Their breaks changed: make up again from a fresh print (rare; once at most).
        if (!retried) {
          retried = true;
          continue;
        }
      }
      const ragged = await page.evaluate(raggedLines, RAGGED_RATIO);
      log?.(
        `make-up: ${set} paragraphs set whole, ${rounds} print(s), ${fixes.length} correction(s)${undone ? ` (${undone} scaling(s) undone)` : ''}, ${ragged} line(s) set ragged${left.length ? `; left: ${left.map(describe).join('; ')}` : ''}`,
      );
      return { doc, dests, rounds, fixes, left };
    }
    pending = next;
    for (const f of round) tried.add(fixKey(f));
    // Undone first: a correction of this round may scale the same panel again.
    if (undo.length) await page.evaluate(applyFixes, undo);
    undone += undo.length;
    const failed = await page.evaluate(applyFixes, round);
    fixes.push(...round.filter((f) => !failed.includes(fixKey(f))));
  }
}

export function describe(p: Problem): string {
  const at = `#${p.part} page ${p.page + 1}`;
  switch (p.kind) {
    case 'hole':
      return `${at}: ${Math.round(p.gap)} pt left empty above panel #${p.block}`;
    case 'widow':
      return `${at}: the last line of #${p.block} alone at the top`;
    case 'orphan':
      return `${at}: the first line of #${p.block} alone at the foot`;
    case 'short-end':
      return `${at}: the part ends with ${p.lines} line(s) on its last page`;
  }
}
