// For illustrators: every panel's art with its bubbles AND their boxes, ids and tail points
// drawn over it, in every language, into .build/panel-preview/ (open index.html).
// Usage: node scripts/preview-panels.ts [--book .] [--out .build/panel-preview] [--panel id]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { loadBook } from '../src/model/book.ts';
import { ContentError } from '../src/model/errors.ts';
import { loadLibrary, BUBBLE_FONT } from '../src/images/render.ts';
import { composeSvg } from '../src/images/svg-output.ts';
import { drawBubble, setBubbleText, textArea } from '../src/images/bubbles.ts';
import { panelText } from '../src/model/views/panel-text.ts';
import { fitText, loadFont } from '../src/images/text-layout.ts';
import { TEXT_FONT } from '../src/images/cover.ts';
import { escapeXml } from '../src/shared/xml.ts';

const { values } = parseArgs({
  options: {
    book: { type: 'string', default: '.' },
    out: { type: 'string', default: '.build/panel-preview' },
    panel: { type: 'string' },
  },
});
try {
  const book = loadBook(resolve(values.book));
  const library = loadLibrary(book.root, []);
  const bubbleFont = loadFont(BUBBLE_FONT);
  const labelFont = loadFont(TEXT_FONT);
  mkdirSync(values.out, { recursive: true });
  const label = (text: string, x: number, y: number, size: number) => {
    const set = fitText(labelFont, text, { width: 2000, height: size * 2, maxSize: size, minSize: size });
    if (!set) return '';
    const s = set.size / labelFont.font.unitsPerEm;
    const w = set.lines[0]!.width * s;
    return `<rect x="${x - 3}" y="${y - size}" width="${w + 6}" height="${size * 1.3}" fill="#c2185b"/><path fill="#fff" transform="translate(${x} ${y}) scale(${s} ${-s})" d="${set.lines[0]!.d}"/>`;
  };
  const html: string[] = [];
  for (const e of book.episodes) {
    html.push(`<h2>${e.number} · ${escapeXml(e.original.title)}</h2>`);
    for (const p of e.panels.filter((x) => !values.panel || x.id === values.panel).flatMap((x) => x.frames)) {
      html.push(`<h3>${p.key} <small>${p.width}×${p.height} · ${escapeXml(p.artPath)}</small></h3><div class="row">`);
      for (const lang of book.settings.languages.map((l) => l.code)) {
        const text = panelText(p, lang, book.settings);
        const unit = p.width / 1200;
        const parts: string[] = [];
        p.bubbles.forEach((b, i) => {
          const line = text.lines[i]!;
          const set = setBubbleText(b, line.text, bubbleFont, { artWidth: p.width });
          if (set) parts.push(drawBubble(b, set, bubbleFont, { artWidth: p.width }));
          const area = textArea(b, unit);
          const dash = `stroke="#c2185b" stroke-width="${2 * unit}" stroke-dasharray="${8 * unit} ${5 * unit}" fill="none"`;
          parts.push(`<rect x="${b.box.x}" y="${b.box.y}" width="${b.box.w}" height="${b.box.h}" ${dash}/>`);
          parts.push(
            `<rect x="${area.x}" y="${area.y}" width="${area.w}" height="${area.h}" stroke="#1565c0" stroke-width="${1.5 * unit}" fill="none"/>`,
          );
          if (b.tail) parts.push(`<circle cx="${b.tail.x}" cy="${b.tail.y}" r="${7 * unit}" fill="#c2185b"/>`);
          parts.push(
            label(
              `${b.id} (${b.kind}${set ? `, ${set.size.toFixed(0)}px` : ', DOES NOT FIT'}) x${b.box.x} y${b.box.y} ${b.box.w}×${b.box.h}`,
              b.box.x + 4,
              b.box.y + 18 * unit,
              16 * unit,
            ),
          );
        });
        const overlay = `<g>${parts.join('')}</g>`;
        const art = readFileSync(join(book.root, p.artPath));
        const file = `${p.key}.${lang}.png`;
        const img =
          p.format === 'svg'
            ? sharp(Buffer.from(composeSvg(art.toString('utf8'), library, overlay)))
            : sharp(art).composite([
                {
                  input: Buffer.from(
                    `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${p.height}">${overlay}</svg>`,
                  ),
                },
              ]);
        await img.resize({ width: 1200 }).png().toFile(join(values.out, file));
        html.push(
          `<figure><img src="${file}" alt="${escapeXml(text.alt.text)}"><figcaption>${lang}</figcaption></figure>`,
        );
      }
      html.push('</div>');
    }
  }
  writeFileSync(
    join(values.out, 'index.html'),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Panel preview</title><style>body{font:15px system-ui;margin:1rem 2rem}.row{display:flex;gap:1rem;flex-wrap:wrap}figure{margin:0;max-width:48%}img{width:100%;border:1px solid #999}small{color:#666;font-weight:400}</style><h1>Panel preview: boxes (dashed), text areas (blue), tail points (dots)</h1>${html.join('\n')}</html>`,
  );
  console.log(`Open ${join(values.out, 'index.html')}`);
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
  process.exit(e instanceof ContentError ? 1 : 2);
}
