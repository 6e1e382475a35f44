// Line breaking for a whole paragraph at once (Knuth and Plass, "Breaking paragraphs into lines",
// 1981: the method of TeX), instead of Chromium's first-fit, which fills each line in turn and
// leaves the next one to gape. The paragraph is boxes (word pieces), glue (spaces) and penalties
// (soft hyphens, hard hyphens); the breaks chosen are the ones that make the sum of demerits
// smallest. Chromium stretches spaces to justify but never shrinks them: the print edition sets
// its spaces at their least width (print.css word-spacing), and a glue's width here is the
// font's own space, which may shrink down to that least width and stretch beyond it.
//
// Self-contained (no imports, no outer names): the PDF step also sends this function's source
// into the print edition's page, where the words are measured (in-page.ts setLines).

export type Item =
  | { type: 'box'; width: number }
  | { type: 'glue'; width: number; stretch: number; shrink: number }
  | { type: 'penalty'; width: number; penalty: number; flagged: boolean };

export interface BreakOptions {
  /** Width of the first line and of the others (the first may be indented). */
  first: number;
  rest: number;
  /** Tolerances tried in turn: the largest stretch ratio a line may have. */
  tolerances?: number[];
  /** Added for two hyphenated lines in a row. */
  doubleHyphenDemerits?: number;
  /** A last line shorter than this share of the measure is a runt: these demerits are added. */
  runt?: { share: number; demerits: number };
}

/** The indexes of the items where lines break (a glue or a penalty); the last line's end excluded. */
export function breakLines(items: Item[], options: BreakOptions): number[] | null {
  const tolerances = options.tolerances ?? [1, 1.5, 2, 4];
  const double = options.doubleHyphenDemerits ?? 3000;
  const runt = options.runt ?? { share: 0.12, demerits: 2000 };
  const n = items.length;
  // Prefix sums of natural width, stretch and shrink, items 0..i-1.
  const W = new Float64Array(n + 1);
  const S = new Float64Array(n + 1);
  const Z = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    W[i + 1] = W[i]! + (it.type === 'penalty' ? 0 : it.width);
    S[i + 1] = S[i]! + (it.type === 'glue' ? it.stretch : 0);
    Z[i + 1] = Z[i]! + (it.type === 'glue' ? it.shrink : 0);
  }
  const legal = (i: number) => {
    const it = items[i]!;
    if (it.type === 'glue') return i > 0 && items[i - 1]!.type === 'box';
    return it.type === 'penalty';
  };
  // After a break at i, the next line starts at the first box after it.
  const startAfter = (i: number) => {
    let j = i + 1;
    while (j < n && items[j]!.type !== 'box') j++;
    return j;
  };
  interface Node {
    at: number;
    start: number;
    line: number;
    demerits: number;
    flagged: boolean;
    prev: Node | null;
  }
  for (const tolerance of tolerances) {
    let active: Node[] = [{ at: -1, start: startAfter(-1), line: 0, demerits: 0, flagged: false, prev: null }];
    let best: Node | null = null;
    for (let b = 0; b <= n && active.length; b++) {
      const last = b === n;
      if (!last && !legal(b)) continue;
      const it = items[b];
      const pw = it?.type === 'penalty' ? it.width : 0;
      const pen = it?.type === 'penalty' ? it.penalty : 0;
      const flagged = it?.type === 'penalty' ? it.flagged : false;
      let candidate: Node | null = null;
      const survivors: Node[] = [];
      for (const a of active) {
        const width = options[a.line === 0 ? 'first' : 'rest'];
        const natural = W[b]! - W[a.start]! + pw;
        const shrink = Z[b]! - Z[a.start]!;
        // Too long even shrunk as far as it goes: now, and for every later break too.
        if (natural - shrink > width + 0.01) continue;
        survivors.push(a);
        let ratio: number;
        if (last) ratio = natural > width ? (width - natural) / shrink : 0;
        else if (natural >= width) ratio = shrink > 0 ? (width - natural) / shrink : 0;
        else {
          const stretch = S[b]! - S[a.start]!;
          ratio = stretch > 0 ? (width - natural) / stretch : Number.POSITIVE_INFINITY;
        }
        if (ratio > tolerance) continue;
        const badness = 100 * Math.abs(ratio) ** 3;
        let d = (10 + badness) ** 2 + (pen >= 0 ? pen * pen : -(pen * pen));
        if (flagged && a.flagged) d += double;
        if (last && natural < runt.share * width) d += runt.demerits;
        const total = a.demerits + d;
        if (!candidate || total < candidate.demerits)
          candidate = { at: b, start: startAfter(b), line: a.line + 1, demerits: total, flagged, prev: a };
      }
      active = survivors;
      if (candidate) {
        if (last) best = candidate;
        else active.push(candidate);
      }
    }
    if (best) {
      const out: number[] = [];
      for (let node = best.prev; node && node.at >= 0; node = node.prev) out.unshift(node.at);
      return out;
    }
  }
  return null;
}
