// Draws speech bubbles, thought bubbles and captions over the art, with their text set inside,
// as an SVG group in the art's coordinates.
import { fitText, type LoadedFont, type SetText } from './text-layout.ts';
import type { Bubble } from '../model/schemas/panels.ts';
import { tailBase, tailTip } from './speakers.ts';

export const INK = '#1d1b26';
const BUBBLE_FILL = '#ffffff';
const CAPTION_FILL = '#fff1c1';

export interface BubbleStyle {
  /** Art width in pixels: strokes and font sizes scale with it (tuned for 1200). */
  artWidth: number;
}

export interface Placed {
  svg: string;
  set: SetText;
}

/** The box where text goes inside a bubble: rounded bubbles lose more to their corners. */
export function textArea(b: Bubble, unit: number): { x: number; y: number; w: number; h: number } {
  const padX = b.kind === 'caption' ? 14 * unit : Math.min(b.box.w * 0.12, 40 * unit) + 8 * unit;
  const padY = b.kind === 'caption' ? 10 * unit : Math.min(b.box.h * 0.14, 30 * unit) + 4 * unit;
  return {
    x: b.box.x + padX,
    y: b.box.y + padY,
    w: Math.max(1, b.box.w - 2 * padX),
    h: Math.max(1, b.box.h - 2 * padY),
  };
}

/**
 * Lettering sizes in art pixels. The minimum is what a phone reader can read inline: a panel as
 * wide as a 360 px screen shows 37 of 1200 units at 11.1 CSS px (issue 17).
 */
export function sizeLimits(artWidth: number): { maxSize: number; minSize: number } {
  const unit = artWidth / 1200;
  return { maxSize: 46 * unit, minSize: 37 * unit };
}

/** Sets one bubble's text; undefined when it cannot fit at the smallest allowed size. */
export function setBubbleText(b: Bubble, text: string, font: LoadedFont, style: BubbleStyle): SetText | undefined {
  const unit = style.artWidth / 1200;
  const area = textArea(b, unit);
  return fitText(font, text, { width: area.w, height: area.h, ...sizeLimits(style.artWidth) });
}

const f = (n: number) => Number(n.toFixed(2));

export function drawBubble(b: Bubble, set: SetText, font: LoadedFont, style: BubbleStyle): string {
  const unit = style.artWidth / 1200;
  const stroke = f(4 * unit);
  const { x, y, w, h } = b.box;
  const parts: string[] = [];
  const attrs = `stroke="${INK}" stroke-width="${stroke}" stroke-linejoin="round"`;
  if (b.kind === 'caption') {
    parts.push(
      `<rect x="${f(x)}" y="${f(y)}" width="${f(w)}" height="${f(h)}" rx="${f(6 * unit)}" fill="${CAPTION_FILL}" ${attrs}/>`,
    );
  } else if (b.kind === 'speech') {
    const rx = f(Math.min(w, h) * 0.42);
    const [ax, ay, bx, by] = tailBase(b, unit);
    // The tip stops short of the target, so that it points at the speaker without touching.
    const tip = tailTip(b, unit);
    const tail = `M${f(ax)} ${f(ay)}L${f(tip.x)} ${f(tip.y)}L${f(bx)} ${f(by)}Z`;
    parts.push(`<path d="${tail}" fill="${BUBBLE_FILL}" ${attrs}/>`);
    parts.push(
      `<rect x="${f(x)}" y="${f(y)}" width="${f(w)}" height="${f(h)}" rx="${rx}" fill="${BUBBLE_FILL}" ${attrs}/>`,
    );
    // Cover the bubble's outline where the tail joins it.
    parts.push(`<path d="${tail}" fill="${BUBBLE_FILL}" stroke="none" transform="translate(0 0)"/>`);
  } else {
    // Thought: a soft ellipse and a trail of shrinking circles towards the thinker.
    parts.push(
      `<ellipse cx="${f(x + w / 2)}" cy="${f(y + h / 2)}" rx="${f(w / 2)}" ry="${f(h / 2)}" fill="${BUBBLE_FILL}" ${attrs}/>`,
    );
    const t = tailTip(b, unit);
    const sx = x + w / 2;
    const sy = y + h / 2;
    // Start the trail at the ellipse's edge in the direction of the tail.
    const ang = Math.atan2(t.y - sy, t.x - sx);
    const ex = sx + (w / 2) * Math.cos(ang);
    const ey = sy + (h / 2) * Math.sin(ang);
    [0.25, 0.55, 0.85].forEach((k, i) => {
      const r = (14 - i * 4) * unit;
      parts.push(
        `<circle cx="${f(ex + (t.x - ex) * k)}" cy="${f(ey + (t.y - ey) * k)}" r="${f(r)}" fill="${BUBBLE_FILL}" ${attrs}/>`,
      );
    });
  }
  // The text: lines centred in the text area, drawn as outlines of the font's glyphs.
  const area = textArea(b, unit);
  const scale = set.size / font.font.unitsPerEm;
  const block = set.lines.length * set.lineHeight;
  const top = area.y + (area.h - block) / 2;
  // Baseline: ascent-based, centred within the line box.
  const ascent = (font.font.ascent / font.font.unitsPerEm) * set.size;
  const descent = (-font.font.descent / font.font.unitsPerEm) * set.size;
  const inner = (set.lineHeight - (ascent + descent)) / 2;
  set.lines.forEach((line, i) => {
    const lx = area.x + (area.w - line.width * scale) / 2;
    const baseline = top + i * set.lineHeight + inner + ascent;
    parts.push(
      `<path fill="${INK}" transform="translate(${f(lx)} ${f(baseline)}) scale(${f(scale * 1000) / 1000} ${-f(scale * 1000) / 1000})" d="${line.d}"/>`,
    );
  });
  return `<g class="bubble" data-bubble="${b.id}">${parts.join('')}</g>`;
}
