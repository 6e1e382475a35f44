// The panel pipeline alone, on the sample book and on a generated book of 100+ panels, with an
// empty cache then a warm one: image time, vector panels written and raster encodes, bytes per
// panel per format and width (SVG also gzipped), and the peak memory of this process.
// Usage: node scripts/bench-panels.ts [--episodes 25]
import { cpSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook } from '../src/model/book.ts';
import { renderPanels, ENCODING } from '../src/images/render.ts';
import type { ImageManifest } from '../src/model/image-manifest.ts';
import { generateBook } from './generate-book.ts';

const { values } = parseArgs({ options: { episodes: { type: 'string', default: '25' } } });
const work = '.build/bench-panels';
rmSync(work, { recursive: true, force: true });
cpSync('content', join(work, 'sample/content'), { recursive: true });
const generated = generateBook({ episodes: Number(values.episodes), out: join(work, 'generated') });

function sizes(manifest: ImageManifest, cacheDir: string): string[] {
  const acc = new Map<string, number[]>();
  for (const langs of Object.values(manifest.panels)) {
    for (const img of Object.values(langs)) {
      for (const [fmt, list] of [
        ['avif', img.avif],
        ['webp', img.webp],
        [img.file.file.split('.').pop()!, [img.file]],
      ] as const) {
        for (const v of list) {
          const key = `${fmt} ${v.width}`;
          (acc.get(key) ?? acc.set(key, []).get(key)!).push(statSync(join(cacheDir, v.file)).size);
          // An SVG travels compressed (what a reader downloads): its gzip size too.
          if (fmt === 'svg')
            (acc.get('svg gzip') ?? acc.set('svg gzip', []).get('svg gzip')!).push(
              gzipSync(readFileSync(join(cacheDir, v.file))).length,
            );
        }
      }
    }
  }
  return [...acc].map(
    ([k, xs]) => `${k.padEnd(10)} ${(xs.reduce((a, b) => a + b, 0) / xs.length / 1024).toFixed(1).padStart(6)} KB avg`,
  );
}

for (const [name, root] of [
  ['sample', join(work, 'sample')],
  [`generated (${values.episodes} episodes)`, generated],
] as const) {
  const book = loadBook(root);
  const panels = book.episodes.reduce((s, e) => s + e.panels.length, 0);
  const cacheDir = join(root, '.cache/panels');
  for (const run of ['empty cache', 'warm cache']) {
    const r = await renderPanels(book, { cacheDir });
    const s = r.stats;
    console.log(
      `${name}, ${panels} panels × ${book.settings.languages.length} languages, ${run}: ${s.seconds.toFixed(1)} s, ${s.written} vector panels written, ${s.encodes} raster encodes (covers, cards, raster art), ${s.cached}/${s.images} images from cache`,
    );
    if (run === 'empty cache')
      console.log(
        sizes(r.manifest, cacheDir)
          .map((l) => `   ${l}`)
          .join('\n'),
      );
  }
}
console.log(
  `peak memory (RSS) of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; encoder settings: ${JSON.stringify(ENCODING)}`,
);
