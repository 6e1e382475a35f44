// The book's cover per language: the textless cover art with the title, subtitle and authors
// set on it in the book's serif (glyph outlines, as for the bubbles), for the site, EPUB and PDF.
import { createRequire } from 'node:module';
import type { Book } from '../model/book.ts';
import { pick } from '../model/settings.ts';
import { typographize } from '../shared/typography.ts';
import { fitText, loadFont, type LoadedFont, type SetText } from './text-layout.ts';
import { svgSize } from '../model/svg-safety.ts';
import { namesWith } from '../model/views/credits.ts';
import { readBookBytes } from '../model/read.ts';

const require = createRequire(import.meta.url);
export const TITLE_FONT = require.resolve('@fontsource/literata/files/literata-latin-700-normal.woff2');
export const TEXT_FONT = require.resolve('@fontsource/literata/files/literata-latin-400-normal.woff2');

/** The cover art, relative to the book's folder. */
export function coverArtFile(book: Book): string {
  return `content/${book.settings.cover}`;
}

/** Who the cover names: who wrote the text (the title page and the About page credit everyone). */
export function coverCredit(settings: Book['settings'], lang: string): string {
  return namesWith(settings, lang, 'author').join(' · ');
}

function lines(set: SetText, font: LoadedFont, x: number, top: number, width: number, fill: string): string {
  const scale = set.size / font.font.unitsPerEm;
  const ascent = (font.font.ascent / font.font.unitsPerEm) * set.size;
  return set.lines
    .map((l, i) => {
      const lx = x + (width - l.width * scale) / 2;
      const baseline = top + i * set.lineHeight + ascent * 0.92;
      return `<path fill="${fill}" transform="translate(${lx.toFixed(2)} ${baseline.toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})" d="${l.d}"/>`;
    })
    .join('');
}

/** The cover's text as an SVG group, in the cover art's coordinates. */
export function coverOverlay(book: Book, lang: string, width: number, height: number): string {
  const { settings } = book;
  const unit = width / 1200;
  const bold = loadFont(TITLE_FONT);
  const regular = loadFont(TEXT_FONT);
  const margin = 90 * unit;
  const w = width - 2 * margin;
  const title = typographize(pick(settings.title, lang, settings), lang);
  const subtitle = settings.subtitle ? typographize(pick(settings.subtitle, lang, settings), lang) : '';
  const people = coverCredit(settings, lang);
  const parts: string[] = [];
  let y = 110 * unit;
  // Everything fits in the cover art's light band, which ends at y = 620 (content/art/cover.svg):
  // the authors and subtitle are set first, and the title takes the height that is left (a long
  // title, such as the French one on three lines, gets a smaller size rather than pushing the
  // authors onto the drawing, where they could not be read).
  const bottom = 600 * unit;
  const p = fitText(bold, people, { width: w, height: 80 * unit, maxSize: 44 * unit, minSize: 24 * unit });
  const s = subtitle
    ? fitText(regular, subtitle, { width: w, height: 120 * unit, maxSize: 46 * unit, minSize: 26 * unit })
    : undefined;
  const reserved =
    26 * unit + (s ? s.lines.length * s.lineHeight + 18 * unit : 0) + (p ? p.lines.length * p.lineHeight : 0);
  const t = fitText(bold, title, {
    width: w,
    height: Math.min(360 * unit, bottom - y - reserved),
    maxSize: 118 * unit,
    minSize: 48 * unit,
    lineHeight: 1.08,
  });
  if (t) {
    parts.push(lines(t, bold, margin, y, w, '#1d1b26'));
    y += t.lines.length * t.lineHeight + 26 * unit;
  }
  if (s) {
    parts.push(lines(s, regular, margin, y, w, '#1d1b26'));
    y += s.lines.length * s.lineHeight + 18 * unit;
  }
  if (p) parts.push(lines(p, bold, margin, y, w, '#a8322a'));
  void height;
  return `<g class="cover-text">${parts.join('')}</g>`;
}

export function coverSize(book: Book): { width: number; height: number } {
  const size = svgSize(readBookBytes(book.root, coverArtFile(book)).toString('utf8'));
  return size ?? { width: 1200, height: 1700 };
}
