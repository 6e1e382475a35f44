// Functions that run inside the print edition's page, in Chromium (passed to page.evaluate: each
// is self-contained, it may use nothing from this module's scope). They mark the blocks whose
// positions the prints tell (src/outputs/pdf/layout/fit.ts decides from them), apply the corrections,
// and set ragged the justified lines that would still gape.
import type { BlockKind, Fix } from './fit.ts';
import type { BreakOptions, Item } from './linebreak.ts';

export interface BlockInfo {
  id: string;
  kind: BlockKind;
  movable: boolean;
  /** The id of the marker at the end of its last line (paragraphs). */
  endId?: string;
}

export interface PartInfo {
  id: string;
  blocks: BlockInfo[];
}

/**
 * Marks every block of the episodes and the back matter: an id on each, an empty marker at the
 * end of each paragraph, and a hidden link to both (Chromium writes a named destination, with its
 * page and position, for every element a link points to). The print lays its text at the width of
 * the text block, so the screen layout measured here is the same: the body is given that width.
 * Called again after corrections, it returns the blocks in their new order (and marks nothing twice).
 */
export function markBlocks(): PartInfo[] {
  let nav = document.querySelector<HTMLElement>('nav[data-layout-marks]');
  if (!nav) {
    const sheet = new CSSStyleSheet();
    // The end marker has a box (an empty inline would be placed at the foot of the page before
    // when its line opens a page): no width, and less tall than the line, which it leaves alone.
    sheet.replaceSync('body { width: var(--text-width); } .pl-end { display: inline-block; width: 0; height: 0.7em; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    nav = document.createElement('nav');
    nav.hidden = true;
    nav.dataset.layoutMarks = '';
    document.body.append(nav);
  }
  const linked = new Set([...nav.querySelectorAll('a')].map((a) => a.getAttribute('href')));
  const link = (id: string) => {
    if (linked.has(`#${id}`)) return;
    const a = document.createElement('a');
    a.href = `#${id}`;
    nav.append(a);
  };
  const parts: PartInfo[] = [];
  for (const part of document.querySelectorAll<HTMLElement>('[data-part="episode"], [data-part="about"]')) {
    const body = part.querySelector<HTMLElement>('.episode-body');
    const header = part.querySelector<HTMLElement>('.chapter__header');
    const elements: HTMLElement[] = body
      ? [...(header ? [header] : []), ...[...body.children].filter((c): c is HTMLElement => c instanceof HTMLElement)]
      : [...part.children].filter((c): c is HTMLElement => c instanceof HTMLElement);
    const blocks: BlockInfo[] = [];
    elements.forEach((el, i) => {
      if (!el.id) el.id = `${part.id}-b${i}`;
      const tag = el.tagName;
      const p = tag === 'P' ? el : el.matches('.part') ? el.querySelector<HTMLElement>('p:last-of-type') : null;
      const kind: BlockKind = p
        ? 'p'
        : el.matches('figure.panel')
          ? 'panel'
          : /^H[1-6]$/.test(tag) || el.matches('.chapter__header')
            ? 'heading'
            : 'other';
      const info: BlockInfo = { id: el.id, kind, movable: tag === 'P' && !!body };
      if (p) {
        let end = p.querySelector<HTMLElement>(':scope > .pl-end');
        if (!end) {
          end = document.createElement('span');
          end.className = 'pl-end';
          end.id = `${el.id}-end`;
          p.append(end);
        }
        info.endId = end.id;
        link(end.id);
      }
      link(el.id);
      blocks.push(info);
    });
    parts.push({ id: part.id, blocks });
  }
  return parts;
}

/** Heights of blocks in points (panels with their margins), and the panels' scales. */
export function measureBlocks(ids: string[]): Record<string, { height: number; scale: number }> {
  const out: Record<string, { height: number; scale: number }> = {};
  for (const id of ids) {
    const el = document.getElementById(id);
    if (!el) continue;
    const s = getComputedStyle(el);
    const panel = el.matches('figure.panel');
    const h =
      el.getBoundingClientRect().height +
      (panel ? Number.parseFloat(s.marginTop) + Number.parseFloat(s.marginBottom) : 0);
    out[id] = { height: h * 0.75, scale: Number(el.dataset.scale ?? 1) };
  }
  return out;
}

/** Applies corrections; returns the keys of those that could not be made (fit.ts fixKey). */
export function applyFixes(fixes: Fix[]): string[] {
  const failed: string[] = [];
  const lines = (p: HTMLElement) => {
    const lh = Number.parseFloat(getComputedStyle(p).lineHeight);
    return Math.round(p.getBoundingClientRect().height / lh);
  };
  // Spacing steps a compositor allows: tracking within 2 %, word spaces within 5 % of an em.
  const TIGHTEN: Array<[string, string]> = [
    ['-0.005em', '0'],
    ['-0.01em', '0'],
    ['-0.01em', '-0.03em'],
    ['-0.015em', '-0.04em'],
    ['-0.02em', '-0.05em'],
  ];
  const LOOSEN: Array<[string, string]> = [
    ['0.005em', '0'],
    ['0.01em', '0'],
    ['0.015em', '0.02em'],
    ['0.02em', '0.04em'],
  ];
  const respace = (p: HTMLElement, steps: Array<[string, string]>, change: number) => {
    const before = lines(p);
    const reset = () => {
      if (p.id) globalThis.planchesSetLines?.([p.id]);
    };
    for (const [letter, word] of steps) {
      p.style.letterSpacing = letter;
      p.style.wordSpacing = word;
      reset();
      if (lines(p) === before + change) return true;
    }
    p.style.letterSpacing = '';
    p.style.wordSpacing = '';
    reset();
    return false;
  };
  for (const f of fixes) {
    if (f.kind === 'scale') {
      const el = document.getElementById(f.id);
      // A strip is one block: its frames (stacked, print.css) are scaled together.
      const imgs = [...(el?.querySelectorAll<HTMLElement>('.panel__art img, .panel__art svg') ?? [])];
      if (!el || !imgs.length) {
        failed.push(`scale:${f.id}`);
        continue;
      }
      el.dataset.scale = String(f.factor);
      for (const img of imgs) {
        img.style.maxWidth = `${f.factor * 100}%`;
        img.style.maxHeight =
          imgs.length > 1
            ? `calc((var(--text-height) - 4mm - ${imgs.length - 1} * var(--strip-gap)) / ${imgs.length} * ${f.factor})`
            : `calc((var(--text-height) - 4mm) * ${f.factor})`;
      }
    } else if (f.kind === 'move') {
      const panel = document.getElementById(f.panel);
      const ps = f.paragraphs.map((id) => document.getElementById(id));
      if (!panel || ps.some((p) => !p)) {
        failed.push(`move:${f.panel}:${f.paragraphs.join(',')}`);
        continue;
      }
      const after = panel.nextElementSibling;
      for (const p of ps) panel.before(p!);
      panel.dataset.moved = String(ps.length);
      // Indents change with the order (no indent after a panel, print.css): lines are set again.
      const next = panel.nextElementSibling;
      const again = [...ps.map((p) => p!.id), after?.id, next?.id].filter((id): id is string => !!id);
      globalThis.planchesSetLines?.(again);
    } else if (f.kind === 'lift') {
      const panel = document.getElementById(f.panel);
      const p = document.getElementById(f.before);
      if (!panel || !p) {
        failed.push(`lift:${f.panel}:${f.before}`);
        continue;
      }
      const after = panel.nextElementSibling;
      p.before(panel);
      panel.dataset.lifted = '';
      globalThis.planchesSetLines?.([p.id, after?.id].filter((id): id is string => !!id));
    } else if (f.kind === 'pad') {
      const el = document.getElementById(f.id);
      if (!el) {
        failed.push(`pad:${f.id}:${f.pt}`);
        continue;
      }
      // Over print.css's margin, half above and half below.
      const half = `calc(0.9em + ${f.pt / 2}pt)`;
      el.style.marginTop = half;
      el.style.marginBottom = half;
    } else if (f.kind === 'break') {
      const el = document.getElementById(f.id);
      if (el) el.style.breakBefore = 'page';
      else failed.push(`break:${f.id}`);
    } else {
      const el = document.getElementById(f.id);
      const p = el?.tagName === 'P' ? el : el?.querySelector<HTMLElement>('p:last-of-type');
      const ok = !!p && respace(p, f.kind === 'tighten' ? TIGHTEN : LOOSEN, f.kind === 'tighten' ? -1 : 1);
      if (!ok) failed.push(`${f.kind}:${f.id}`);
    }
  }
  return failed;
}

/**
 * Justified lines whose word spaces would stretch beyond `ratio` times the font's own space (at
 * the paragraph's size) are set ragged: a line break is put where the line already ends, so the line is aligned
 * to the start like a paragraph's last line, and nothing else moves (a soft hyphen where such
 * a line breaks is made a visible hyphen). Returns how many lines.
 */
export function raggedLines(ratio: number): number {
  let count = 0;
  const paragraphs = document.querySelectorAll<HTMLElement>('.episode-body p:not(.transcript p), .book-about p');
  for (const p of paragraphs) {
    if (getComputedStyle(p).textAlign !== 'justify') continue;
    // The natural space of this paragraph (its font, its spacing), measured unjustified.
    const probe = document.createElement('span');
    probe.style.cssText = 'display:inline-block;white-space:pre;text-indent:0';
    probe.textContent = ' ';
    probe.style.wordSpacing = 'normal';
    p.append(probe);
    const natural = probe.getBoundingClientRect().width;
    probe.remove();
    if (!(natural > 0)) continue;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const right = p.getBoundingClientRect().right;
    const spaces: Array<{ node: Text; at: number; top: number; width: number }> = [];
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const s = n.data;
      for (let i = s.indexOf(' '); i >= 0; i = s.indexOf(' ', i + 1)) {
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const r = range.getClientRects()[0];
        // A space where the line breaks hangs at its end: it is no word space.
        if (r && r.width > 0.1 && r.right < right - 1)
          spaces.push({ node: n, at: i, top: Math.round(r.top), width: r.width });
      }
    }
    const byLine = new Map<number, typeof spaces>();
    for (const s of spaces) byLine.set(s.top, [...(byLine.get(s.top) ?? []), s]);
    const tops = [...byLine.keys()].sort((a, b) => a - b);
    // The last line is not justified; every other line is.
    for (const top of tops.slice(0, -1)) {
      const line = byLine.get(top)!;
      const widest = Math.max(...line.map((s) => s.width));
      if (widest / natural <= ratio) continue;
      // Find where the next line starts: the first character after this line's last space whose
      // top is lower.
      const last = line[line.length - 1]!;
      const w2 = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      w2.currentNode = last.node;
      let node: Text | null = last.node;
      let i = last.at + 1;
      let found: { node: Text; at: number } | undefined;
      let before: { node: Text; at: number } | undefined;
      search: while (node) {
        for (; i < node.data.length; i++) {
          const c = node.data[i]!;
          if (c === ' ') continue;
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const r = range.getClientRects();
          const first = r[0];
          if (!first) {
            before = { node, at: i };
            continue;
          }
          if (r.length > 1 || Math.round(first.top) > top + 2) {
            found = r.length > 1 ? { node, at: i + 1 } : { node, at: i };
            break search;
          }
          before = { node, at: i };
        }
        node = w2.nextNode() as Text | null;
        i = 0;
      }
      if (!found) continue;
      // A line broken at a soft hyphen: a forced break there would drop the hyphen, so the soft
      // hyphen becomes a visible one.
      if (before && before.node.data[before.at] === '\u00AD') before.node.replaceData(before.at, 1, '-');
      const rest = found.node.splitText(found.at);
      const br = document.createElement('br');
      br.dataset.ragged = '';
      rest.before(br);
      count++;
    }
  }
  return count;
}

/** Breaks for a paragraph from its items: linebreak.ts breakLines, installed in the page. */
type BreakLines = (items: Item[], options: BreakOptions) => number[] | null;
declare global {
  var planchesBreakLines: BreakLines | undefined;
  var planchesSetLines: ((ids: string[] | null) => number) | undefined;
}

/**
 * Sets the lines of every justified paragraph (or of those with the given ids) with breakLines:
 * each word piece is measured where it stands, the breaks are chosen for the whole paragraph,
 * and every other break opportunity is taken away (the text between two chosen breaks is put in
 * `white-space: nowrap` spans), so that Chromium breaks exactly there and justifies each line.
 * A paragraph already set is first put back as it was. Returns how many paragraphs were set.
 */
export function setLines(ids: string[] | null): number {
  const breakLinesFn = globalThis.planchesBreakLines;
  if (!breakLinesFn) throw new Error('planchesBreakLines is not installed in the page');
  const SHY = '\u00AD';
  if (!document.documentElement.hasAttribute('data-pl-lines')) {
    document.documentElement.setAttribute('data-pl-lines', '');
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('span.pl-line { white-space: nowrap; } span.pl-last { word-spacing: normal; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  const unset = (p: HTMLElement) => {
    for (const span of p.querySelectorAll('span.pl-line')) span.replaceWith(...span.childNodes);
    p.normalize();
  };
  const paragraphs = ids
    ? ids
        .map((id) => document.getElementById(id))
        .filter((p): p is HTMLElement => p instanceof HTMLElement && p.tagName === 'P')
    : [...document.querySelectorAll<HTMLElement>('.episode-body p:not(.transcript p), .book-about p')];
  let count = 0;
  const range = document.createRange();
  for (const p of paragraphs) {
    unset(p);
    const style = getComputedStyle(p);
    if (style.textAlign !== 'justify' || p.querySelector('br')) continue;
    // Pieces: text between break opportunities (spaces, soft hyphens, after hard hyphens).
    interface Piece {
      node: Text;
      from: number;
      to: number;
      kind: 'word' | 'space' | 'shy' | 'hyphen';
    }
    const pieces: Piece[] = [];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const s = n.data;
      let i = 0;
      while (i < s.length) {
        const c = s[i]!;
        if (c === ' ' || c === '\n' || c === '\t') {
          let j = i + 1;
          while (j < s.length && /[ \n\t]/.test(s[j]!)) j++;
          pieces.push({ node: n, from: i, to: j, kind: 'space' });
          i = j;
        } else if (c === SHY) {
          pieces.push({ node: n, from: i, to: i + 1, kind: 'shy' });
          i++;
        } else {
          let j = i + 1;
          while (j < s.length && !/[ \n\t\u00AD]/.test(s[j]!) && s[j - 1] !== '-') j++;
          pieces.push({
            node: n,
            from: i,
            to: j,
            kind: s[j - 1] === '-' && j < s.length && /\p{L}/u.test(s[j]!) ? 'hyphen' : 'word',
          });
          i = j;
        }
      }
    }
    if (pieces.length < 8) continue;
    // Natural widths: a space and a hyphen in this paragraph's font, unjustified.
    const probe = document.createElement('span');
    probe.style.cssText = 'display:inline-block;white-space:pre;text-indent:0';
    probe.textContent = ' ';
    p.append(probe);
    // The space as set (print.css narrows it: that is its least width) and as the font has it.
    const space = probe.getBoundingClientRect().width;
    probe.style.wordSpacing = 'normal';
    const nominal = probe.getBoundingClientRect().width;
    probe.style.wordSpacing = '';
    probe.textContent = '-';
    const hyphen = probe.getBoundingClientRect().width;
    probe.remove();
    const width = (pc: Piece) => {
      range.setStart(pc.node, pc.from);
      range.setEnd(pc.node, pc.to);
      let w = 0;
      for (const r of range.getClientRects()) w += r.width;
      return w;
    };
    // Measured unjustified: justification widens no-break spaces inside pieces too.
    p.style.textAlign = 'left';
    const items: Item[] = [];
    const itemOf: number[] = [];
    pieces.forEach((pc, k) => {
      itemOf[k] = items.length;
      // The font's space, shrinking to the least width set, stretching by half of itself at
      // badness 100.
      if (pc.kind === 'space')
        items.push({ type: 'glue', width: nominal, stretch: nominal / 2, shrink: Math.max(0, nominal - space) });
      else if (pc.kind === 'shy') items.push({ type: 'penalty', width: hyphen, penalty: 25, flagged: true });
      else {
        items.push({ type: 'box', width: width(pc) });
        if (pc.kind === 'hyphen') items.push({ type: 'penalty', width: 0, penalty: 50, flagged: true });
      }
    });
    p.style.textAlign = '';
    // Trailing spaces are not glue.
    while (items.length && items[items.length - 1]!.type !== 'box') items.pop();
    const measure = p.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
    const indent = Number.parseFloat(style.textIndent) || 0;
    const breaks = breakLinesFn(items, { first: measure - indent - 0.5, rest: measure - 0.5 });
    if (!breaks) continue;
    const chosen = new Set(breaks);
    // Where each chosen break falls: the piece (a space, a soft hyphen) or after a hard hyphen.
    const cuts = new Set<number>();
    pieces.forEach((pc, k) => {
      const item = itemOf[k]!;
      if ((pc.kind === 'space' || pc.kind === 'shy') && chosen.has(item)) cuts.add(k);
      if (pc.kind === 'hyphen' && chosen.has(item + 1)) cuts.add(k + 0.5);
    });
    // The last line is not justified: its spaces get the font's own width back (print.css
    // narrows them for the justified lines), when that still fits.
    const lastCut = Math.max(-1, ...[...cuts].map(Math.floor));
    let tail = 0;
    for (let k = lastCut + 1; k < pieces.length; k++) {
      const item = items[itemOf[k]!];
      if (item && item.type !== 'penalty') tail += item.width;
    }
    const widenLast = tail < measure - (breaks.length ? 0 : indent) - 2;
    // Rebuild each text node: runs of pieces between cuts in nowrap spans, the cut pieces bare.
    const byNode = new Map<Text, Array<{ piece: Piece; k: number }>>();
    pieces.forEach((piece, k) => {
      byNode.set(piece.node, [...(byNode.get(piece.node) ?? []), { piece, k }]);
    });
    for (const [node, list] of byNode) {
      const frag = document.createDocumentFragment();
      let run = '';
      let last = false;
      const flush = () => {
        if (!run) return;
        const span = document.createElement('span');
        span.className = last && widenLast ? 'pl-line pl-last' : 'pl-line';
        span.textContent = run;
        frag.append(span);
        run = '';
      };
      for (const { piece, k } of list) {
        const text = node.data.slice(piece.from, piece.to);
        if (k > lastCut && !last) {
          flush();
          last = true;
        }
        if (cuts.has(k)) {
          flush();
          frag.append(text);
        } else {
          run += text;
          if (cuts.has(k + 0.5)) flush();
        }
      }
      flush();
      node.replaceWith(frag);
    }
    // Any line wider than the measure (a width measured wrong, a word too long) would make
    // Chromium shrink the whole page to fit: such a paragraph keeps Chromium's own breaks. So
    // does one that did not come out in the planned number of lines.
    const lh = Number.parseFloat(style.lineHeight);
    const planned = breaks.length + 1;
    const overflows = [...p.querySelectorAll('span.pl-line')].some(
      (span) => span.getBoundingClientRect().right > p.getBoundingClientRect().right + 0.5,
    );
    if (overflows || Math.round(p.getBoundingClientRect().height / lh) !== planned) {
      unset(p);
      continue;
    }
    count++;
  }
  return count;
}

/** Paragraphs whose set lines no longer fit (an indent changed) go back to Chromium's breaking. */
export function unsetOverflowing(): number {
  let n = 0;
  for (const p of document.querySelectorAll<HTMLElement>('p')) {
    const right = p.getBoundingClientRect().right + 0.5;
    if (![...p.querySelectorAll('span.pl-line')].some((s) => s.getBoundingClientRect().right > right)) continue;
    for (const span of p.querySelectorAll('span.pl-line')) span.replaceWith(...span.childNodes);
    p.normalize();
    n++;
  }
  return n;
}
