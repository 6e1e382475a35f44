// `node scripts/pdf-sheet.ts file.pdf out.png [--dpi 30] [--from N --to M]`: the pages of a PDF
// as spreads (left and right pages side by side, page 1 alone on the right, as a bound book
// opens), on one contact sheet, to look at a whole book's make-up at once.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dpi: { type: 'string', default: '30' },
    from: { type: 'string' },
    to: { type: 'string' },
    columns: { type: 'string', default: '4' },
  },
});
const [pdf, out] = positionals;
if (!pdf || !out) {
  console.error('usage: node scripts/pdf-sheet.ts file.pdf out.png [--dpi 30] [--from N --to M] [--columns 4]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'planches-sheet-'));
try {
  const range = [...(values.from ? ['-f', values.from] : []), ...(values.to ? ['-l', values.to] : [])];
  execFileSync('pdftoppm', ['-r', values.dpi, ...range, '-png', pdf, join(dir, 'p')]);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort();
  const first = Number(values.from ?? 1);
  const meta = await sharp(join(dir, files[0]!)).metadata();
  const w = meta.width;
  const h = meta.height;
  const gap = 12;
  const cols = Number(values.columns);
  // Spread k holds pages 2k (left) and 2k + 1 (right).
  const spreads = new Map<number, Array<{ file: string; right: boolean }>>();
  files.forEach((f, i) => {
    const page = first + i;
    const k = Math.floor(page / 2);
    spreads.set(k, [...(spreads.get(k) ?? []), { file: f, right: page % 2 === 1 }]);
  });
  const keys = [...spreads.keys()].sort((a, b) => a - b);
  const rows = Math.ceil(keys.length / cols);
  const composites = keys.flatMap((k, i) => {
    const x0 = (i % cols) * (2 * w + gap);
    const y0 = Math.floor(i / cols) * (h + gap);
    return spreads.get(k)!.map((p) => ({ input: join(dir, p.file), left: x0 + (p.right ? w : 0), top: y0 }));
  });
  await sharp({
    create: { width: cols * (2 * w + gap), height: rows * (h + gap), channels: 3, background: '#9a9a9a' },
  })
    .composite(composites)
    .png()
    .toFile(out);
  console.log(`${out}: ${files.length} pages in ${keys.length} spreads`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
