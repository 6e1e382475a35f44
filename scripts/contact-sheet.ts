// Contact sheets of every composited panel, one per language (docs/panels-<lang>.png), made
// from the real build composites, so that art and bubbles can be reviewed at a glance.
// Usage: node scripts/contact-sheet.ts [--book .] [--out docs]
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { loadBook } from '../src/model/book.ts';
import { renderPanels } from '../src/images/render.ts';
import { PANEL_CACHE_DIR } from '../src/model/image-manifest.ts';
import { fitText, loadFont } from '../src/images/text-layout.ts';
import { TEXT_FONT } from '../src/images/cover.ts';

const { values } = parseArgs({
  options: { book: { type: 'string', default: '.' }, out: { type: 'string', default: 'docs' } },
});
const book = loadBook(resolve(values.book));
const cacheDir = join(book.root, PANEL_CACHE_DIR);
const { manifest } = await renderPanels(book, { cacheDir });
const font = loadFont(TEXT_FONT);
const COLS = 4;
const CELL_W = 400;
const LABEL_H = 34;

function label(text: string, width: number): string {
  const set = fitText(font, text, { width: width - 16, height: LABEL_H - 6, maxSize: 18, minSize: 9 });
  if (!set) return '';
  const scale = set.size / font.font.unitsPerEm;
  const line = set.lines[0]!;
  return `<path fill="#1d1b26" transform="translate(8 ${LABEL_H - 11}) scale(${scale} ${-scale})" d="${line.d}"/>`;
}

for (const lang of book.settings.languages.map((l) => l.code)) {
  const cells: Array<{ input: Buffer; left: number; top: number }> = [];
  const items = book.episodes.flatMap((e) => e.panels.map((p) => ({ e, p })));
  let y = 0;
  let rowH = 0;
  for (const [i, { e, p }] of items.entries()) {
    const col = i % COLS;
    if (col === 0 && i > 0) {
      y += rowH;
      rowH = 0;
    }
    // A strip is one cell: its frames side by side, in reading order, with a small gap.
    const imgs = p.frames.map((f) => manifest.panels[f.key]![lang]!);
    const gap = 4;
    const frameW = Math.floor((CELL_W - 8 - gap * (imgs.length - 1)) / imgs.length);
    const frames = await Promise.all(
      imgs.map((img) => sharp(join(cacheDir, img.file.file)).resize({ width: frameW }).png().toBuffer()),
    );
    const h = Math.max(...imgs.map((img) => Math.round((frameW * img.height) / img.width)));
    const thumb =
      frames.length === 1
        ? frames[0]!
        : await sharp({ create: { width: CELL_W - 8, height: h, channels: 3, background: '#fbf7ef' } })
            .composite(frames.map((input, k) => ({ input, left: k * (frameW + gap), top: 0 })))
            .png()
            .toBuffer();
    const name = p.strip ? `${e.number} · ${p.id} (strip, ${p.frames.length} frames)` : `${e.number} · ${p.id}`;
    const tag = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${CELL_W - 8}" height="${LABEL_H}">${label(name, CELL_W - 8)}</svg>`,
    );
    cells.push(
      { input: thumb, left: col * CELL_W + 4, top: y + 4 },
      { input: await sharp(tag).png().toBuffer(), left: col * CELL_W + 4, top: y + 4 + h },
    );
    rowH = Math.max(rowH, h + LABEL_H + 8);
  }
  const height = y + rowH;
  const file = join(values.out, `panels-${lang}.png`);
  await sharp({ create: { width: COLS * CELL_W, height, channels: 3, background: '#fbf7ef' } })
    .composite(cells)
    .png({ palette: true, quality: 80 })
    .toFile(file);
  console.log(`${file}: ${items.length} panels`);
}
