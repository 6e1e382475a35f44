// Page make-up between prints: what a compositor does to a galley so that no page is left with a
// hole, a widow or an orphan, and no part ends on a page of a line or two. Chromium has no page
// floats and did not keep `widows: 2` everywhere, so the PDF step prints cheaply, reads where
// every block of every part landed (Chromium's named destinations, see src/outputs/pdf/index.ts),
// and asks this module for the next correction; then prints again. Pure functions, unit-tested.
//
// The corrections, in the order a compositor tries them:
// - a panel that does not fit on what is left of a page: scaled down if it loses at most 15 % of
//   its width; otherwise the paragraphs that follow it (at most two, past at most one more panel
//   that follows it directly, never past a heading or the end of the episode) move before it, so that text fills the page and the
//   panel goes to the next one; otherwise it is scaled down as far as allowed and up to three
//   paragraphs of the page are tightened by a line each; last, it goes up before the paragraphs
//   above it (up to three, ten lines at most) when it fits, scaled down if need be, where they
//   start. That lift is tried before the scaling when its outcome, predicted from the heights, is
//   clean (no widow or orphan, and a part's end of at least five lines), with up to two lines of
//   extra space around the panel if that is what makes it clean. The tagged reading order follows the new
//   order, which is the order the reader sees: text, then the panel it was moved past.
// - a widow: the paragraph is tightened by a line (letter- and word-spacing, at most 2 % and
//   5 %), else loosened by a line (its last two lines then go over together), else a panel on the
//   page before is scaled down by a line's height.
// - an orphan: the paragraph before is loosened by a line, else the paragraph starts the next page
//   (the page loses one line at its foot).
// - a part whose last page has fewer than 5 lines: paragraphs on its last pages are tightened by
//   a line each to pull those lines back, else its panels are scaled down together (by at most
//   15 %), else, when the page before ends with a panel (no line can flow past it), the panel goes
//   up before the paragraph(s) above it so that they run on onto the last page, else paragraphs before the last page are loosened to send it more lines, else the
//   paragraph that runs onto the last page starts it (at most four lines left empty before).
// - a widow that nothing else mends: its paragraph starts the next page, on the same condition.

export type BlockKind = 'p' | 'panel' | 'heading' | 'other';

export interface PlacedBlock {
  id: string;
  kind: BlockKind;
  /** A paragraph that may be moved before a panel (a direct child of the episode's text). */
  movable: boolean;
  /** Page (0-based) and top (points from the top of the page) of the block's first line or box. */
  start: { page: number; top: number };
  /** Page and bottom (points from the top) of its last line or box. */
  end: { page: number; bottom: number };
  /** Height of its box in points (unsplit); for a panel, with its margins. */
  height: number;
  /** A panel's current scale (1 = the width of the text). */
  scale?: number;
}

export interface PartLayout {
  id: string;
  blocks: PlacedBlock[];
}

export interface Frame {
  /** Top and bottom of the text block, points from the top of the page. */
  top: number;
  bottom: number;
  /** Baseline to baseline, points. */
  pitch: number;
}

export type Problem =
  | { kind: 'hole'; part: string; page: number; gap: number; block: string; index: number }
  | { kind: 'widow'; part: string; page: number; block: string; index: number }
  | { kind: 'orphan'; part: string; page: number; block: string; index: number }
  | { kind: 'short-end'; part: string; page: number; lines: number };

export type Fix =
  | { kind: 'scale'; id: string; factor: number }
  | { kind: 'move'; panel: string; paragraphs: string[] }
  | { kind: 'lift'; panel: string; before: string }
  | { kind: 'tighten'; id: string }
  | { kind: 'loosen'; id: string }
  | { kind: 'break'; id: string }
  /** More space around a panel, in points (half above, half below). */
  | { kind: 'pad'; id: string; pt: number };

/** The smallest scale a panel may be given (it loses at most 15 % of its width). */
export const MIN_SCALE = 0.85;
/** A page may be left this much empty at its foot without it counting as a hole (in lines). */
const HOLE_LINES = 2;
/** The last page of a part has at least this many lines. */
export const MIN_LAST_LINES = 5;

export const fixKey = (f: Fix): string =>
  f.kind === 'move'
    ? `move:${f.panel}:${f.paragraphs.join(',')}`
    : f.kind === 'lift'
      ? `lift:${f.panel}:${f.before}`
      : f.kind === 'pad'
        ? `pad:${f.id}:${f.pt}`
        : `${f.kind}:${f.id}`;

/** Every problem of a part, in page order. */
export function findProblems(part: PartLayout, frame: Frame): Problem[] {
  const out: Problem[] = [];
  const { blocks } = part;
  const { pitch } = frame;
  blocks.forEach((b, index) => {
    const prev = blocks[index - 1];
    if (prev && b.kind !== 'p' && b.start.page > prev.end.page) {
      const gap = frame.bottom - prev.end.bottom;
      if (gap > HOLE_LINES * pitch)
        out.push({ kind: 'hole', part: part.id, page: prev.end.page, gap, block: b.id, index });
    }
    if (b.kind === 'p' && b.end.page > b.start.page) {
      if (b.end.bottom - frame.top < 1.5 * pitch)
        out.push({ kind: 'widow', part: part.id, page: b.end.page, block: b.id, index });
      if (frame.bottom - b.start.top < 1.5 * pitch)
        out.push({ kind: 'orphan', part: part.id, page: b.start.page, block: b.id, index });
    }
  });
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (first && last && last.end.page > first.start.page) {
    // What is on the last page: from the first block that ends there (or runs onto it).
    const onLast = blocks.filter((b) => b.end.page === last.end.page);
    const top = Math.min(...onLast.map((b) => (b.start.page === last.end.page ? b.start.top : frame.top)));
    const lines = (last.end.bottom - top) / pitch;
    if (lines < MIN_LAST_LINES - 0.25)
      out.push({ kind: 'short-end', part: part.id, page: last.end.page, lines: Math.round(lines) });
  }
  // Page by page; on one page, a short end first (pulling its lines back mends a widow there too).
  return out.sort((a, b) => a.page - b.page || Number(b.kind === 'short-end') - Number(a.kind === 'short-end'));
}

/** The next correction for a problem, skipping those already tried (`tried`, by fixKey). */
export function chooseFixes(part: PartLayout, problem: Problem, frame: Frame, tried: ReadonlySet<string>): Fix[] {
  const { blocks } = part;
  const { pitch } = frame;
  const fresh = (f: Fix) => !tried.has(fixKey(f));
  const pick = (...candidates: Array<Fix | undefined>) => {
    const f = candidates.find((c): c is Fix => !!c && fresh(c));
    return f ? [f] : [];
  };
  const scaleBy = (b: PlacedBlock, gain: number): Fix | undefined => {
    if (b.kind !== 'panel') return undefined;
    const current = b.scale ?? 1;
    // The art scales; its margins do not (about 18 pt).
    const art = b.height - 18;
    const factor = Math.floor(((current * (art - gain)) / art) * 1000) / 1000;
    return factor >= MIN_SCALE && factor < current ? { kind: 'scale', id: b.id, factor } : undefined;
  };
  switch (problem.kind) {
    case 'hole': {
      const panel = blocks[problem.index]!;
      const scaled = scaleBy(panel, panel.height - problem.gap + 1);
      // The paragraphs after it; after the panel that follows it too, when two panels come
      // together (both then move past the same paragraphs).
      const following: PlacedBlock[] = [];
      let skipped = 0;
      for (const b of blocks.slice(problem.index + 1)) {
        if (b.kind === 'panel' && !following.length && skipped === 0) {
          skipped++;
          continue;
        }
        if (b.kind !== 'p' || !b.movable || following.length === 2) break;
        following.push(b);
      }
      let take = following.length;
      let sum = 0;
      for (let i = 0; i < following.length; i++) {
        sum += following[i]!.height;
        if (sum >= problem.gap - pitch) {
          take = i + 1;
          break;
        }
      }
      // Moving one paragraph, then two if one was not enough.
      const moves: Fix[] = [];
      for (let k = take; k <= following.length; k++)
        if (k > 0) moves.push({ kind: 'move', panel: panel.id, paragraphs: following.slice(0, k).map((b) => b.id) });
      const first = pick(scaled, ...moves);
      if (first.length) return first;
      const lifted = liftPanel(blocks, problem.index, problem.page, frame, fresh);
      if (lifted.length) return lifted;
      // Scaled down as far as allowed, and the paragraphs on the page tightened by a line each
      // for what is still missing.
      const art = panel.height - 18;
      const missing = panel.height - problem.gap + 1 - art * (1 - MIN_SCALE / (panel.scale ?? 1));
      const onPage = blocks.filter(
        (b) => b.kind === 'p' && (b.end.page === problem.page || b.start.page === problem.page),
      );
      const tighten = onPage.map((b): Fix => ({ kind: 'tighten', id: b.id })).filter(fresh);
      const lines = Math.ceil(missing / pitch);
      const floor = scaleBy(panel, art * (1 - MIN_SCALE / (panel.scale ?? 1)) - 0.5);
      if (missing > 0 && lines <= 3 && tighten.length >= lines && floor) return [floor, ...tighten.slice(0, lines)];
      // Two panels in a row: both scaled down together until the second fits under the first.
      const before = blocks[problem.index - 1];
      if (before?.kind === 'panel' && before.end.page === problem.page) {
        const arts = art + before.height - 18;
        const factor = 1 - (panel.height - problem.gap + 2) / arts;
        if (factor >= MIN_SCALE) {
          const both = [panel, before].map(
            (b): Fix => ({ kind: 'scale', id: b.id, factor: Math.floor((b.scale ?? 1) * factor * 1000) / 1000 }),
          );
          if (both.every(fresh)) return both;
        }
      }
      // Last: the panel goes up before the paragraph above it, when it fits where that one starts.
      // (past one paragraph, or two, never past anything else).
      // It may be scaled down (by at most 15 %) to fit there.
      for (const back of [1, 2, 3]) {
        const above = blocks.slice(problem.index - back, problem.index);
        const top = above[0];
        if (above.length < back || above.some((b) => b.kind !== 'p' || !b.movable) || !top) break;
        if (above.reduce((n, b) => n + b.height, 0) > 10 * pitch) break;
        if (top.start.page !== problem.page) continue;
        const room = frame.bottom - top.start.top;
        const lift: Fix = { kind: 'lift', panel: panel.id, before: top.id };
        if (!fresh(lift)) continue;
        if (panel.height <= room) return [lift];
        const fit = scaleBy(panel, panel.height - room + 1);
        if (fit) return [lift, fit];
      }
      return [];
    }
    case 'widow': {
      const p = blocks[problem.index]!;
      const panelBefore = blocks
        .slice(0, problem.index)
        .reverse()
        .find((b) => b.kind === 'panel' && b.start.page === problem.page - 1);
      // Last: the whole paragraph starts the next page, when that leaves at most four lines empty.
      const linesBefore = (frame.bottom - p.start.top) / pitch;
      return pick(
        { kind: 'tighten', id: p.id },
        { kind: 'loosen', id: p.id },
        panelBefore && scaleBy(panelBefore, pitch + 1),
        linesBefore <= 4.5 ? { kind: 'break', id: p.id } : undefined,
      );
    }
    case 'orphan': {
      const p = blocks[problem.index]!;
      const prev = blocks[problem.index - 1];
      return pick(prev?.kind === 'p' && prev.end.page === problem.page ? { kind: 'loosen', id: prev.id } : undefined, {
        kind: 'break',
        id: p.id,
      });
    }
    case 'short-end': {
      const need = problem.lines;
      const near = blocks.filter((b) => b.kind === 'p' && b.end.page >= problem.page - 1);
      const tighten = near
        .map((b): Fix => ({ kind: 'tighten', id: b.id }))
        .filter(fresh)
        .slice(0, need);
      if (tighten.length >= need && !underPanel(blocks, problem.page)) return tighten;
      const panels = blocks.filter((b) => b.kind === 'panel');
      const art = panels.reduce((s, b) => s + b.height - 18, 0);
      if (art > 0) {
        const factor = Math.floor((1 - (need * pitch + 2) / art) * 1000) / 1000;
        const scales = panels
          .map((b) => ({ kind: 'scale' as const, id: b.id, factor: Math.min(b.scale ?? 1, (b.scale ?? 1) * factor) }))
          .filter((f) => f.factor >= MIN_SCALE && fresh(f));
        if (factor >= MIN_SCALE && scales.length === panels.length) return scales;
      }
      // The page before ends with a panel: no line above it can flow over, the text after it must.
      const under = underPanel(blocks, problem.page);
      const lifted = under === undefined ? [] : liftPanel(blocks, under, problem.page - 1, frame, fresh, problem.lines);
      if (lifted.length) return lifted;
      // More lines: paragraphs on the page before (each sends one over) or on the last page itself.
      const before = blocks.filter(
        (b) => b.kind === 'p' && (b.end.page === problem.page - 1 || b.end.page === problem.page),
      );
      const loosen = before
        .map((b): Fix => ({ kind: 'loosen', id: b.id }))
        .filter(fresh)
        .slice(0, MIN_LAST_LINES - need);
      if (loosen.length >= MIN_LAST_LINES - need) return loosen;
      // Last: the paragraph that runs onto the last page starts it, when that leaves at most four
      // lines empty on the page before.
      const over = blocks.find(
        (b) => b.kind === 'p' && b.end.page === problem.page && b.start.page === problem.page - 1,
      );
      if (over && (frame.bottom - over.start.top) / pitch <= 4.5) return pick({ kind: 'break', id: over.id });
      return loosen;
    }
  }
}

/** The index of a panel that ends the page before `page`, directly before the first block of `page`. */
function underPanel(blocks: PlacedBlock[], page: number): number | undefined {
  const first = blocks.findIndex((b) => b.start.page === page);
  const panel = blocks[first - 1];
  return first >= 1 && panel?.kind === 'panel' && panel.end.page === page - 1 ? first - 1 : undefined;
}

/**
 * The panel at `index` goes up before the paragraphs above it on `page` (one to three, ten lines
 * at most), which then run on from under it onto the next page. Chosen only when the prediction
 * from the measured heights is clean: the paragraph split across the page break keeps two lines
 * on each side, and when the panel came last in its part (or `lastLines` says the part's last
 * page already holds that many lines, as in a short end) the part's last page gets at least
 * MIN_LAST_LINES. Where that needs the run-on text to start lower, the panel is given up to two
 * lines more space around it (half above, half below): more air around a drawing, never a hole.
 * The next print checks the prediction; what it missed is mended like any other problem.
 */
function liftPanel(
  blocks: PlacedBlock[],
  index: number,
  page: number,
  frame: Frame,
  fresh: (f: Fix) => boolean,
  lastLines?: number,
): Fix[] {
  const { pitch } = frame;
  const panel = blocks[index];
  if (panel?.kind !== 'panel') return [];
  const atEnd = lastLines !== undefined || index === blocks.length - 1;
  const lineCount = (b: PlacedBlock) => Math.max(1, Math.round(b.height / pitch));
  for (const back of [1, 2, 3]) {
    const lifted = blocks.slice(index - back, index);
    const top = lifted[0];
    if (lifted.length < back || !top || lifted.some((b) => b.kind !== 'p' || !b.movable)) break;
    if (lifted.reduce((n, b) => n + b.height, 0) > 10 * pitch) break;
    if (top.start.page !== page) continue;
    const lift: Fix = { kind: 'lift', panel: panel.id, before: top.id };
    if (!fresh(lift)) continue;
    // After the lifted paragraphs, in its part: what already runs onto the next page.
    const after = lastLines ?? 0;
    for (let pad = 0; pad <= 2; pad++) {
      // Lines of the lifted paragraphs that fit under the panel on this page.
      let room = Math.floor((frame.bottom - top.start.top - pad * pitch - panel.height) / pitch + 0.1);
      if (room < 0) break;
      let over = 0;
      let clean = true;
      for (const b of lifted) {
        const n = lineCount(b);
        const here = Math.max(0, Math.min(n, room));
        room -= here;
        over += n - here;
        if (here > 0 && here < n && (here < 2 || n - here < 2)) clean = false;
      }
      // Nothing runs over: the panel was not the problem, or the end stays where it was.
      if (over === 0 && lastLines !== undefined) clean = false;
      if (clean && atEnd && over > 0 && over + after < MIN_LAST_LINES) clean = false;
      const fixes: Fix[] = pad ? [lift, { kind: 'pad', id: panel.id, pt: pad * pitch }] : [lift];
      if (clean && fixes.every(fresh)) return fixes;
    }
  }
  return [];
}
