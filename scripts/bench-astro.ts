// `npm run bench:astro`: the kit's pages beside plain Astro (issue 27's yardstick). For two sizes
// of a generated book (scripts/generate-book.ts), the same episodes' text in both languages is
// written as Markdown into a minimal Astro project (.build/yardstick-astro/book-<n>/: a content
// collection with a glob loader, one layout, one `[lang]/[slug].astro` page, no kit), and both it
// and the kit's site are built by the kit's own Astro, cold (no Astro cache), one after the other.
// Two sizes separate a fixed cost (start-up, Vite bundling) from a per-page cost (the slope between
// them); the ratio kit / plain of the per-page costs is the yardstick.
//
// In the plain project a panel is a plain <img> (its alt text, the kit's address for the picture,
// which is not copied: neither build processes images). The kit's page count is every HTML page
// Astro writes (episodes, home, about, print, stage screens…): the pages that grow with the book
// are the episode pages and the print edition, which is one page holding every episode.
//
// Usage: node scripts/bench-astro.ts [--sizes 50,200] [--profile] [--keep]
//   --profile  also build the kit's largest size under `node --cpu-prof` and print the functions
//              that cost the most (self and total time; the kit's own files apart)
//   --runs N   build each project and size N times, interleaved, and keep the fastest (default 3: on
//              a shared machine the fastest run is the one least slowed by others)
//   --keep     reuse a generated book of the same size and its panel images if present
//   --profile-only N   only the profile, of the kit's build of N episodes (to compare a change)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook, type Book } from '../src/model/book.ts';
import { shareBook } from '../src/model/book-snapshot.ts';
import { FONT_CACHE_DIR, makeFonts } from '../src/fonts/make.ts';
import { languageCodes } from '../src/model/settings.ts';
import { panelText } from '../src/model/views/panel-text.ts';
import type { Block } from '../src/model/episode/blocks.ts';
import type { Inline } from '../src/shared/text.ts';
import { generateBook } from './generate-book.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50,200' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    'profile-only': { type: 'string' },
  },
});
const kit = resolve(import.meta.dirname, '..');
const work = join(kit, '.build');
const astroBin = join(kit, 'node_modules/astro/bin/astro.mjs');
const sizes = values.sizes.split(',').map(Number);
if (sizes.length !== 2 || sizes.some((n) => !Number.isInteger(n) || n < 1) || sizes[0]! >= sizes[1]!)
  throw new Error(`--sizes ${values.sizes}: expected two episode counts, smaller first, like 50,200`);

/** The generated book of n episodes with its panel images and fonts (what the kit's pages read). */
function prepareBook(n: number): Book {
  const root = join(work, `yardstick-book-${n}`);
  const episodesDir = join(root, 'content/episodes');
  const have = existsSync(episodesDir) ? readdirSync(episodesDir).length : 0;
  if (!values.keep || have !== n) generateBook({ episodes: n, out: root });
  const panels = spawnSync(process.execPath, [join(kit, 'scripts/panels.ts'), '--book', root, '--json'], {
    cwd: kit,
    encoding: 'utf8',
  });
  if (panels.status !== 0) throw new Error(`panel images of ${root}: ${panels.stderr}`);
  return loadBook(root);
}

// ── The plain project ────────────────────────────────────────────────────────────────────────────

const mdEscape = (s: string) => s.replace(/([\\`*_[\]<>])/g, '\\$1');
function markdown(inlines: Inline[]): string {
  return inlines
    .map((i) =>
      i.type === 'text'
        ? mdEscape(i.value)
        : i.type === 'break'
          ? '  \n'
          : i.type === 'em'
            ? `*${markdown(i.children)}*`
            : i.type === 'strong'
              ? `**${markdown(i.children)}**`
              : i.type === 'link'
                ? `[${markdown(i.children)}](${i.href})`
                : markdown(i.children),
    )
    .join('');
}
const htmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** An episode's blocks as Markdown: prose and headings as they are, the kit's blocks as their text. */
function episodeMarkdown(book: Book, episodeIndex: number, lang: string, blocks: Block[]): string {
  const episode = book.episodes[episodeIndex]!;
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push(markdown(b.inlines));
    else if (b.type === 'heading') out.push(`${'#'.repeat(b.depth)} ${markdown(b.inlines)}`);
    else if (b.type === 'list')
      out.push(b.items.map((item, k) => `${b.ordered ? `${k + 1}.` : '-'} ${markdown(item.inlines)}`).join('\n'));
    else if (b.type === 'panel') {
      const panel = episode.panels.find((p) => p.id === b.id);
      for (const frame of panel?.frames ?? []) {
        const alt = panelText(frame, lang, book.settings).alt.text;
        out.push(`<img src="/images/${htmlAttr(frame.key)}-${lang}.svg" alt="${htmlAttr(alt)}">`);
      }
    } else if (b.type === 'figure') out.push(mdEscape(b.alt?.raw ?? ''));
    else if (b.type === 'note') out.push(mdEscape(b.text));
  }
  return out.filter((s) => s.trim()).join('\n\n');
}

const yaml = (s: string) => JSON.stringify(s);

function writePlainProject(book: Book, dir: string): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src/layouts'), { recursive: true });
  mkdirSync(join(dir, 'src/pages/[lang]'), { recursive: true });
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nexport default defineConfig({ trailingSlash: 'always', build: { format: 'directory' }, devToolbar: { enabled: false } });\n`,
  );
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const episodes = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './episodes' }),
  schema: z.object({ lang: z.string(), episode: z.string(), number: z.number(), title: z.string(), summary: z.string() }),
});
export const collections = { episodes };
`,
  );
  writeFileSync(
    join(dir, 'src/layouts/Page.astro'),
    `---
const { lang, title, description, book } = Astro.props;
---
<!doctype html>
<html lang={lang}>
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{title} · {book}</title>
    <meta name="description" content={description} />
  </head>
  <body>
    <header><a href={\`/\${lang}/\`}>{book}</a></header>
    <main><slot /></main>
  </body>
</html>
`,
  );
  writeFileSync(
    join(dir, 'src/pages/[lang]/[slug].astro'),
    `---
import { getCollection, render } from 'astro:content';
import Page from '../../layouts/Page.astro';

export async function getStaticPaths() {
  const entries = await getCollection('episodes');
  return entries.map((entry) => ({ params: { lang: entry.data.lang, slug: entry.data.episode }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<Page lang={entry.data.lang} title={entry.data.title} description={entry.data.summary} book=${yaml(book.settings.title[book.settings.original] ?? '')}>
  <article>
    <p>{entry.data.number}</p>
    <h1>{entry.data.title}</h1>
    <Content />
  </article>
</Page>
`,
  );
  let files = 0;
  for (const lang of languageCodes(book.settings)) {
    mkdirSync(join(dir, 'episodes', lang), { recursive: true });
    book.episodes.forEach((episode, k) => {
      const text = lang === book.settings.original ? episode.original : episode.translations[lang];
      if (!text) return;
      const front = [
        `lang: ${lang}`,
        `episode: ${episode.slug}`,
        `number: ${episode.number}`,
        `title: ${yaml(text.title ?? episode.original.title)}`,
        `summary: ${yaml(text.summary ?? episode.original.summary)}`,
      ];
      writeFileSync(
        join(dir, 'episodes', lang, `${episode.slug}.md`),
        `---\n${front.join('\n')}\n---\n\n${episodeMarkdown(book, k, lang, text.blocks)}\n`,
      );
      files++;
    });
  }
  return files;
}

// ── Building ─────────────────────────────────────────────────────────────────────────────────────

interface Run {
  seconds: number;
  pages: number;
  /** What Astro itself reports for rendering the pages ("N page(s) built in"… is the whole build). */
  log: string;
}

function countHtml(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile() && e.name.endsWith('.html')) n++;
  return n;
}

/** One cold `astro build` (its caches removed first), timed from start to exit. */
function astroBuild(cwd: string, out: string, env: Record<string, string>, caches: string[], nodeArgs: string[] = []) {
  for (const c of caches) rmSync(c, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  return new Promise<Run>((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, astroBin, 'build'], {
      cwd,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('exit', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) fail(new Error(`astro build in ${cwd} stopped (${code}):\n${log.slice(-3000)}`));
      else done({ seconds, pages: countHtml(out), log });
    });
  });
}

const kitCaches = (book: Book) => [
  join(book.root, '.cache/astro'),
  join(kit, 'node_modules/.astro'),
  join(kit, 'node_modules/.vite'),
  join(kit, '.astro'),
];
/** The book's snapshot file, written once (what scripts/build.ts hands its processes). */
function snapshotOf(book: Book): string {
  const file = join(work, `yardstick-book-${book.episodes.length}.v8`);
  shareBook(book, file);
  return file;
}
const kitBuild = (book: Book, nodeArgs: string[] = []) =>
  astroBuild(
    kit,
    join(work, 'yardstick-kit', `book-${book.episodes.length}`),
    {
      PLANCHES_BOOK: book.root,
      PLANCHES_OUT_DIR: join(work, 'yardstick-kit', `book-${book.episodes.length}`),
      // As in `npm run build`: Astro's process reads the book the build loaded (src/model/book-snapshot.ts).
      PLANCHES_BOOK_SNAPSHOT: snapshotOf(book),
    },
    kitCaches(book),
    nodeArgs,
  );
const plainBuild = (dir: string) =>
  astroBuild(dir, join(dir, 'dist'), {}, [join(dir, 'node_modules/.astro'), join(dir, '.astro')]);

// ── The run ──────────────────────────────────────────────────────────────────────────────────────

const results: Array<{ project: 'kit' | 'plain'; episodes: number; run: Run }> = [];
const books: Book[] = [];
const profileOnly = values['profile-only'] ? Number(values['profile-only']) : undefined;
if (profileOnly) {
  const book = prepareBook(profileOnly);
  await makeFonts(book, { cacheDir: join(book.root, FONT_CACHE_DIR) });
  await profileKit(book);
  process.exit(0);
}
for (const n of sizes) {
  const book = prepareBook(n);
  await makeFonts(book, { cacheDir: join(book.root, FONT_CACHE_DIR) });
  books.push(book);
  writePlainProject(book, join(work, 'yardstick-astro', `book-${n}`));
}
// Interleaved (plain, kit; small, large; again), so that both projects meet the same machine.
const fastest = new Map<string, Run>();
for (let i = 0; i < Number(values.runs); i++)
  for (const [k, n] of sizes.entries()) {
    const runs: Array<['plain' | 'kit', Run]> = [
      ['plain', await plainBuild(join(work, 'yardstick-astro', `book-${n}`))],
      ['kit', await kitBuild(books[k]!)],
    ];
    for (const [project, run] of runs) {
      const key = `${project}/${n}`;
      if (!fastest.has(key) || run.seconds < fastest.get(key)!.seconds) fastest.set(key, run);
    }
    console.error(
      `  run ${i + 1}: ${n} episodes, plain ${runs[0]![1].seconds.toFixed(1)} s, kit ${runs[1]![1].seconds.toFixed(1)} s`,
    );
  }
for (const project of ['plain', 'kit'] as const)
  for (const n of sizes) results.push({ project, episodes: n, run: fastest.get(`${project}/${n}`)! });

const f1 = (x: number) => x.toFixed(1);
const rows: string[] = [];
const slope: Record<string, number> = {};
for (const project of ['plain', 'kit'] as const) {
  const [a, b] = results.filter((r) => r.project === project).map((r) => r.run);
  const perPage = (b!.seconds - a!.seconds) / (b!.pages - a!.pages);
  slope[project] = perPage;
  const fixed = a!.seconds - perPage * a!.pages;
  for (const [k, r] of [a!, b!].entries())
    rows.push(
      `| ${project} | ${sizes[k]} | ${r.pages} | ${f1(r.seconds)} | ${f1(fixed)} | ${(perPage * 1000).toFixed(1)} |`,
    );
}
console.log(
  `\nCold astro build (fastest of ${values.runs}), ${sizes.join(' and ')} episodes × ${languageCodes(books[0]!.settings).length} languages:`,
);
console.log('| project | episodes | pages | total s | fixed s | ms per page |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
console.log(`\nRatio kit / plain, per page: ${(slope.kit! / slope.plain!).toFixed(2)}×`);
// Per episode page (what a reader opens): the kit's extra pages that grow with the book (the
// print edition holds every episode) are charged to the episode pages.
const episodePages = (n: number) => n * languageCodes(books[0]!.settings).length;
const perEpisode = (project: string) => {
  const [a, b] = results.filter((r) => r.project === project).map((r) => r.run.seconds);
  return (b! - a!) / (episodePages(sizes[1]!) - episodePages(sizes[0]!));
};
console.log(
  `Per episode page (all the time that grows with the book): plain ${(perEpisode('plain') * 1000).toFixed(1)} ms, kit ${(perEpisode('kit') * 1000).toFixed(1)} ms, ratio ${(perEpisode('kit') / perEpisode('plain')).toFixed(2)}×`,
);
// Astro's own account: the time it logs per page rendered ("├─ /fr/001-…/index.html (+12ms)"),
// for the episode pages only, and for all the pages it generated.
const routeTimes = (log: string) =>
  [...log.matchAll(/[├└]─ \/(\S+?)index\.html \(\+(\d+)ms\)/g)].map((m) => ({ path: m[1]!, ms: Number(m[2]) }));
console.log('\nRendering alone (Astro\'s "+N ms" per page), ms:');
console.log('| project | episodes | all pages, sum | episode pages, mean | median |');
console.log('| --- | --- | --- | --- | --- |');
mkdirSync(join(work, 'yardstick-logs'), { recursive: true });
for (const r of results) {
  writeFileSync(join(work, 'yardstick-logs', `${r.project}-${r.episodes}.log`), r.run.log);
  const all = routeTimes(r.run.log);
  const episodes = all
    .filter((x) => /^[a-z]{2}\/\d+-episode-\d+\/$/.test(x.path))
    .map((x) => x.ms)
    .sort((a, b) => a - b);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  console.log(
    `| ${r.project} | ${r.episodes} | ${sum(all.map((x) => x.ms))} | ${(sum(episodes) / episodes.length).toFixed(1)} | ${episodes[Math.floor(episodes.length / 2)]} |`,
  );
}

// ── The profile ──────────────────────────────────────────────────────────────────────────────────

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

if (values.profile) await profileKit(books[1]!);

async function profileKit(book: Book): Promise<void> {
  const dir = join(work, 'yardstick-prof');
  rmSync(dir, { recursive: true, force: true });
  const run = await kitBuild(book, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  console.log(
    `\nProfile of the kit's build of ${book.episodes.length} episodes (${run.seconds.toFixed(1)} s under --cpu-prof):`,
  );
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const where = (n: ProfileNode) => {
      const url = n.callFrame.url.replace(/^file:\/\//, '');
      const file = url.startsWith(kit) ? relative(kit, url) : url;
      return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
    };
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    const byFile = new Map<string, number>();
    let all = 0;
    p.samples.forEach((id, k) => {
      const dt = (p.timeDeltas[k] ?? 0) / 1000;
      all += dt;
      const leaf = byId.get(id)!;
      self.set(where(leaf), (self.get(where(leaf)) ?? 0) + dt);
      const url = leaf.callFrame.url.replace(/^file:\/\//, '');
      const group = url.startsWith(join(kit, 'src'))
        ? 'kit src/'
        : url.includes('/node_modules/')
          ? url.replace(/.*\/node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
          : url.includes('/.prerender/') || url.includes('/chunks/')
            ? `built ${url.replace(/.*\/((chunks|pages)\/.*?)(_[\w-]{8})?\.mjs$/, '$1')}`
            : url
              ? 'other'
              : leaf.callFrame.functionName;
      byFile.set(group, (byFile.get(group) ?? 0) + dt);
      // Total time: each function once per sample, however deep it recurses.
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const key = where(byId.get(n)!);
        if (seen.has(key)) continue;
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + dt);
      }
    });
    if (all < 1000) continue;
    const top = (m: Map<string, number>, k: number, keep: (key: string) => boolean = () => true) =>
      [...m]
        .filter(([key]) => keep(key))
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([key, ms]) => `  ${(ms / 1000).toFixed(2).padStart(6)} s  ${key}`)
        .join('\n');
    console.log(`${file}: ${(all / 1000).toFixed(1)} s sampled`);
    console.log(`Self time by package:\n${top(byFile, 12)}`);
    console.log(`Self time, top functions:\n${top(self, 20)}`);
    console.log(`Total time, the kit's own functions (src/):\n${top(total, 25, (k) => / src\//.test(k))}`);
    // The pages and components are bundled: their functions are in Astro's built chunks.
    console.log(
      `Total time, functions of the built pages (the kit's .astro files and what they import):\n${top(total, 30, (k) => /\.prerender\//.test(k))}`,
    );
  }
}
