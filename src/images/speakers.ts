// Where the characters' heads are in a panel, so that a bubble's tail points at its speaker
// without touching the face. Each pose of the character library (content/art/library.svg) gives
// its head box and mouth in the pose's own coordinates (`data-head="x y w h"`,
// `data-mouth="x y"` on the <symbol>); a panel places poses with <use>, whose box, viewBox
// fitting and transforms (its own and its groups') carry them into the panel's coordinates.
import type { Bubble } from '../model/schemas/panels.ts';

export interface Point {
  x: number;
  y: number;
}
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Pose {
  viewBox: Box;
  head?: Box;
  mouth?: Point;
}
export interface PlacedHead {
  /** The pose's symbol id, e.g. "narrator-toast". */
  pose: string;
  head: Box;
  mouth: Point;
}

/** How far short of its target a tail stops, in 1200-unit art pixels. */
export const TAIL_GAP = 22;

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1] ??
  new RegExp(`\\s${name}\\s*=\\s*'([^']*)'`).exec(tag)?.[1];
const numbers = (s: string | undefined): number[] =>
  (s ?? '')
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

/** The library's poses: every <symbol> with its viewBox, and its anchors when it has them. */
export function libraryPoses(library: string): Map<string, Pose> {
  const poses = new Map<string, Pose>();
  for (const [tag] of library.matchAll(/<symbol\b[^>]*>/g)) {
    const id = attr(tag, 'id');
    const vb = numbers(attr(tag, 'viewBox'));
    if (!id || vb.length !== 4) continue;
    const head = numbers(attr(tag, 'data-head'));
    const mouth = numbers(attr(tag, 'data-mouth'));
    poses.set(id, {
      viewBox: { x: vb[0]!, y: vb[1]!, w: vb[2]!, h: vb[3]! },
      ...(head.length === 4 ? { head: { x: head[0]!, y: head[1]!, w: head[2]!, h: head[3]! } } : {}),
      ...(mouth.length === 2 ? { mouth: { x: mouth[0]!, y: mouth[1]! } } : {}),
    });
  }
  return poses;
}

/** A 2D affine matrix [a b c d e f], as SVG writes it. */
type M = [number, number, number, number, number, number];
const ID: M = [1, 0, 0, 1, 0, 0];
const mul = (p: M, q: M): M => [
  p[0] * q[0] + p[2] * q[1],
  p[1] * q[0] + p[3] * q[1],
  p[0] * q[2] + p[2] * q[3],
  p[1] * q[2] + p[3] * q[3],
  p[0] * q[4] + p[2] * q[5] + p[4],
  p[1] * q[4] + p[3] * q[5] + p[5],
];
const apply = (m: M, p: Point): Point => ({ x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] });

function parseTransform(t: string | undefined): M {
  let m = ID;
  for (const [, op, args] of (t ?? '').matchAll(/(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g)) {
    const n = numbers(args);
    let step: M = ID;
    if (op === 'matrix' && n.length === 6) step = n as M;
    else if (op === 'translate') step = [1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0];
    else if (op === 'scale') step = [n[0] ?? 1, 0, 0, n[1] ?? n[0] ?? 1, 0, 0];
    else if (op === 'rotate') {
      const r = ((n[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [n[1] ?? 0, n[2] ?? 0];
      step = mul(mul([1, 0, 0, 1, cx, cy], [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]), [
        1,
        0,
        0,
        1,
        -cx,
        -cy,
      ]);
    } else if (op === 'skewX') step = [1, 0, Math.tan(((n[0] ?? 0) * Math.PI) / 180), 1, 0, 0];
    else if (op === 'skewY') step = [1, Math.tan(((n[0] ?? 0) * Math.PI) / 180), 0, 1, 0, 0];
    m = mul(m, step);
  }
  return m;
}

/** The axis-aligned box around a box carried by a matrix. */
function carry(m: M, b: Box): Box {
  const pts = [
    { x: b.x, y: b.y },
    { x: b.x + b.w, y: b.y },
    { x: b.x, y: b.y + b.h },
    { x: b.x + b.w, y: b.y + b.h },
  ].map((p) => apply(m, p));
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** Every anchored pose the panel's art places, with its head box and mouth in art pixels. */
export function panelHeads(svg: string, poses: Map<string, Pose>): PlacedHead[] {
  const out: PlacedHead[] = [];
  // Transforms of the open groups; what sits in <defs> or <symbol> is not drawn where written.
  const stack: M[] = [ID];
  let hidden = 0;
  for (const [tag, close, name] of svg.matchAll(/<(\/?)([a-zA-Z]+)\b[^>]*?>/g)) {
    const selfClosing = tag.endsWith('/>');
    if (name === 'defs' || name === 'symbol') {
      if (close) hidden--;
      else if (!selfClosing) hidden++;
      continue;
    }
    if (name === 'g' || name === 'svg' || name === 'a') {
      if (close) stack.pop();
      else if (!selfClosing) stack.push(mul(stack.at(-1)!, parseTransform(attr(tag, 'transform'))));
      continue;
    }
    if (name !== 'use' || close || hidden > 0) continue;
    const id = (attr(tag, 'href') ?? attr(tag, 'xlink:href'))?.replace(/^#/, '');
    const pose = id ? poses.get(id) : undefined;
    if (!id || !pose?.head || !pose.mouth) continue;
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(attr(tag, k) ?? 0));
    const vb = pose.viewBox;
    // <use> of a <symbol>: the viewBox fitted into the box (preserveAspectRatio xMidYMid meet).
    const s = Math.min((w || vb.w) / vb.w, (h || vb.h) / vb.h);
    const fit: M = [
      s,
      0,
      0,
      s,
      x! + ((w || vb.w) - vb.w * s) / 2 - vb.x * s,
      y! + ((h || vb.h) - vb.h * s) / 2 - vb.y * s,
    ];
    const m = mul(mul(stack.at(-1)!, parseTransform(attr(tag, 'transform'))), fit);
    out.push({ pose: id, head: carry(m, pose.head), mouth: apply(m, pose.mouth) });
  }
  return out;
}

/** Where a speech bubble's tail leaves its box: two base points around the side nearest its target. */
export function tailBase(b: Bubble, unit: number): [number, number, number, number] {
  const t = b.tail!;
  const cx = b.box.x + b.box.w / 2;
  const cy = b.box.y + b.box.h / 2;
  const dx = t.x - cx;
  const dy = t.y - cy;
  const half = Math.min(22 * unit, b.box.w * 0.12, b.box.h * 0.2);
  if (Math.abs(dy) * b.box.w >= Math.abs(dx) * b.box.h) {
    // The tail leaves from the top or bottom edge.
    const x = Math.min(Math.max(cx + dx * 0.35, b.box.x + b.box.w * 0.22), b.box.x + b.box.w * 0.78);
    const y = dy > 0 ? b.box.y + b.box.h - half * 0.6 : b.box.y + half * 0.6;
    return [x - half, y, x + half, y];
  }
  const y = Math.min(Math.max(cy + dy * 0.35, b.box.y + b.box.h * 0.3), b.box.y + b.box.h * 0.7);
  const x = dx > 0 ? b.box.x + b.box.w - half * 0.6 : b.box.x + half * 0.6;
  return [x, y - half, x, y + half];
}

/** Where the tail ends: on the line from its base to its target, TAIL_GAP short of the target. */
export function tailTip(b: Bubble, unit: number): Point {
  const t = b.tail!;
  const [ax, ay, bx, by] =
    b.kind === 'speech'
      ? tailBase(b, unit)
      : [b.box.x + b.box.w / 2, b.box.y + b.box.h / 2, b.box.x + b.box.w / 2, b.box.y + b.box.h / 2];
  const sx = (ax + bx) / 2;
  const sy = (ay + by) / 2;
  const len = Math.hypot(t.x - sx, t.y - sy);
  // A tail always keeps at least half its length.
  const gap = Math.min(TAIL_GAP * unit, len / 2);
  return len ? { x: t.x - ((t.x - sx) / len) * gap, y: t.y - ((t.y - sy) / len) * gap } : { x: t.x, y: t.y };
}

const inside = (p: Point, b: Box) => p.x > b.x && p.x < b.x + b.w && p.y > b.y && p.y < b.y + b.h;

/** The heads a bubble's tail tip falls inside (none is right). */
export function headsUnderTip(b: Bubble, unit: number, heads: PlacedHead[]): PlacedHead[] {
  if (!b.tail || b.kind === 'caption') return [];
  const tip = tailTip(b, unit);
  return heads.filter((h) => inside(tip, h.head));
}

/**
 * A target for a tail that reaches the speaker's head but stops outside it: on the line from the
 * bubble towards the mouth, TAIL_GAP beyond where that line meets the head box (for the message).
 */
export function suggestedTarget(b: Bubble, unit: number, head: PlacedHead): Point {
  const cx = b.box.x + b.box.w / 2;
  const cy = b.box.y + b.box.h / 2;
  const { mouth: m, head: h } = head;
  // Walk from the mouth back towards the bubble until out of the head box, then one gap more.
  const len = Math.hypot(cx - m.x, cy - m.y) || 1;
  const ux = (cx - m.x) / len;
  const uy = (cy - m.y) / len;
  let d = 0;
  while (d < len && inside({ x: m.x + ux * d, y: m.y + uy * d }, h)) d += 1;
  d += 4 * unit;
  return { x: Math.round(m.x + ux * d), y: Math.round(m.y + uy * d) };
}
