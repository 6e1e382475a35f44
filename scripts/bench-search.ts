// Search figures: index size per language, bytes transferred for a first and a following query
// (Chromium's network log), and Pagefind indexing time for the built sample and for a generated
// book of 200 episodes × 2 languages (its episode pages written as the site writes them: prose,
// panel alt texts and transcripts in <article data-pagefind-body>; images are not needed to index).
// Usage: node scripts/bench-search.ts [--dist dist] [--episodes 200]
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook } from '../src/model/book.ts';
import { episodeView } from '../src/model/views/episode.ts';
import { framesText } from '../src/model/views/panel-text.ts';
import { escapeXml } from '../src/shared/xml.ts';
import { buildSearchIndex } from '../src/outputs/search/index.ts';
import { serveStatic } from '../src/server/static.ts';
import { launchBrowser } from '../src/server/browser.ts';
import { generateBook } from './generate-book.ts';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, episodes: { type: 'string', default: '200' } },
});
const du = (p: string): number =>
  statSync(p).isDirectory() ? readdirSync(p).reduce((s, f) => s + du(join(p, f)), 0) : statSync(p).size;

// 1. Index size per language (the files Pagefind writes for that language).
const pf = join(values.dist, 'pagefind');
for (const lang of ['fr', 'en']) {
  const files = [join(pf, 'index'), join(pf, 'fragment')].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.startsWith(`${lang}_`))
      .map((f) => join(d, f)),
  );
  const meta = readdirSync(pf)
    .filter((f) => f.startsWith(`pagefind.${lang}_`))
    .map((f) => join(pf, f));
  const wasm = readdirSync(pf)
    .filter((f) => f.startsWith(`wasm.${lang}`))
    .map((f) => join(pf, f));
  const sum = (xs: string[]) => xs.reduce((s, f) => s + du(f), 0);
  console.log(
    `index ${lang}: ${(sum([...files, ...meta]) / 1024).toFixed(1)} KB index and fragments (+ ${(sum(wasm) / 1024).toFixed(1)} KB WebAssembly)`,
  );
}

// 2. Bytes for the first and a following query, as the reader's browser fetches them.
const server = await serveStatic(values.dist);
const browser = await launchBrowser();
const page = await (await browser.newContext()).newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Network.enable');
let bytes = 0;
const urls = new Map<string, string>();
cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
cdp.on('Network.loadingFinished', (e) => {
  const u = urls.get(e.requestId) ?? '';
  if (u.includes('/pagefind/') || u.includes('/_astro/search')) bytes += e.encodedDataLength;
});
await page.goto(new URL('en/', server.url).href, { waitUntil: 'networkidle' });
for (const [label, q] of [
  ['first query', 'bastard'],
  ['following query', 'cookies'],
] as const) {
  bytes = 0;
  await page.fill('#search-input', q);
  await page.waitForFunction(
    (query) => document.querySelector<HTMLElement>('#search-results')?.dataset.query === query,
    q,
  );
  await page.waitForLoadState('networkidle');
  console.log(`${label} ("${q}"): ${(bytes / 1024).toFixed(1)} KB transferred`);
}
await browser.close();
await server.close();

// 3. Indexing time: the sample's built site, then a generated 200-episode book.
let t = await buildSearchIndex(values.dist);
console.log(`indexing the sample: ${t.pages} pages in ${t.seconds.toFixed(2)} s`);
const n = Number(values.episodes);
const genRoot = generateBook({ episodes: n, out: `.build/bench-search/book-${n}` });
const book = loadBook(genRoot);
const site = `.build/bench-search/site-${n}`;
rmSync(site, { recursive: true, force: true });
for (const lang of book.settings.languages.map((l) => l.code)) {
  for (const e of book.episodes) {
    const v = episodeView(book, e, lang);
    const body = v.blocks
      .map((b) => {
        if (b.type === 'paragraph') return `<p id="${b.id}">${escapeXml(b.text)}</p>`;
        if (b.type === 'panel' && b.panel) {
          const frames = framesText(b.panel, lang, book.settings);
          return `<figure id="panel-${b.id}">${frames.map((pt) => `<img src="x.png" alt="${escapeXml(pt.alt.text)}" data-pagefind-index-attrs="alt"><ul>${pt.lines.map((l) => `<li>${escapeXml(l.text)}</li>`).join('')}</ul>`).join('')}</figure>`;
        }
        return '';
      })
      .join('');
    mkdirSync(join(site, lang, e.slug), { recursive: true });
    writeFileSync(
      join(site, lang, e.slug, 'index.html'),
      `<!doctype html><html lang="${lang}"><head><title>${escapeXml(v.title.text)}</title></head><body><article data-pagefind-body><h1>${escapeXml(v.title.text)}</h1>${body}</article></body></html>`,
    );
  }
}
t = await buildSearchIndex(site);
console.log(
  `indexing a generated book: ${n} episodes × 2 languages = ${t.pages} pages in ${t.seconds.toFixed(1)} s; index ${(du(join(site, 'pagefind')) / 1048576).toFixed(1)} MB in all`,
);
