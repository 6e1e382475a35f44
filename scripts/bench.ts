// `npm run bench`: builds generated books of growing size (scripts/generate-book.ts), each with
// an empty cache and again after one episode changed, and prints the wall time per stage, the
// peak memory of the whole build (all its processes; the site part apart), output sizes, and time
// per episode. Every size gets every output (the 200-episode book with PDFs takes ≈ 3 minutes).
//   --quick            one small book (10 episodes): under a minute, run in CI (printed, not asserted)
//   --sizes 25,50      the book sizes (default 25,50,100,200)
// Runs per size: "cold" (empty caches), "1 changed" (a paragraph and a bubble of episode 1 in the
// French original: both languages' pages of it change, the English one marks the paragraph as
// outdated), "1 en only" (a paragraph of episode 2's English translation: the French book is the same).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateBook } from './generate-book.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, sizes: { type: 'string' } } });
const sizes = (values.sizes ?? (values.quick ? '10' : '25,50,100,200')).split(',').map(Number);
const work = '.build/bench';

/**
 * Memory (bytes) of a process and all its descendants, from /proc: the sum of their RSS (which
 * counts pages shared between processes, such as Chromium's libraries, once per process) and the
 * sum of their PSS (shared pages divided among their users: the memory the build really holds).
 */
function treeMemory(root: number): { rss: number; pss: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const pss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      rss.set(Number(d), Number(fields[21]) * 4096);
      const rollup = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${d}/smaps_rollup`, 'utf8'));
      pss.set(Number(d), rollup ? Number(rollup[1]) * 1024 : 0);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      /* the process ended meanwhile */
    }
  }
  const total = { rss: 0, pss: 0 };
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    total.rss += rss.get(p) ?? 0;
    total.pss += pss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

function du(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((sum, f) => sum + du(join(path, f)), 0) : s.size;
}

async function build(
  book: string,
  out: string,
): Promise<{ timings: Record<string, number>; peak: { rss: number; pss: number; sitePss: number }; ok: boolean }> {
  const timingsFile = `${out}.timings.json`;
  const child = spawn(process.execPath, ['scripts/build.ts', '--book', book, '--out', out, '--timings', timingsFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  // The site part (content, images, pages, search) ends when the build reports the search index.
  let sitePart = true;
  child.stdout.on('data', (d) => {
    if (/✓ search index/.test(String(d))) sitePart = false;
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const peak = { rss: 0, pss: 0, sitePss: 0 };
  const timer = setInterval(() => {
    const m = treeMemory(child.pid!);
    peak.rss = Math.max(peak.rss, m.rss);
    peak.pss = Math.max(peak.pss, m.pss);
    if (sitePart) peak.sitePss = Math.max(peak.sitePss, m.pss);
  }, 250);
  const code = await new Promise<number>((ok) => child.on('close', (c) => ok(c ?? 1)));
  clearInterval(timer);
  if (code !== 0) console.error(err.slice(-2000));
  return {
    timings: code === 0 ? (JSON.parse(readFileSync(timingsFile, 'utf8')) as Record<string, number>) : {},
    peak,
    ok: code === 0,
  };
}

const rows: string[] = [];
/** The site alone (what the 200-episode budget covers): content, images, fonts, pages and search. */
const site = (t: Record<string, number>) =>
  t.total === undefined
    ? undefined
    : (t.content ?? 0) + (t.images ?? 0) + (t.fonts ?? 0) + (t.pages ?? 0) + (t.search ?? 0);
const f1 = (n: number | undefined) => (n === undefined ? '-' : n.toFixed(1));
const mb = (n: number) => (n / 1048576).toFixed(0);
console.log(
  `Planches benchmark, ${new Date().toISOString().slice(0, 10)}, ${sizes.join('/')} episodes × 2 languages × 4 panels\n`,
);
const header =
  'episodes run      content images pages  search site   epub   pdf    total  s/episode site PSS PSS MB  RSS MB  dist MB epub MB pdf MB';
for (const n of sizes) {
  const book = generateBook({ episodes: n, out: join(work, `book-${n}`) });
  const out = join(work, `out-${n}`);
  rmSync(join(book, '.cache'), { recursive: true, force: true });
  const runs: Array<[string, Awaited<ReturnType<typeof build>>]> = [['cold', await build(book, out)]];
  // Change one episode: a paragraph and a bubble of episode 1, in the original.
  const ep = join(book, 'content/episodes', readdirSync(join(book, 'content/episodes')).sort()[0]!);
  const fr = join(ep, 'fr.mdx');
  writeFileSync(fr, readFileSync(fr, 'utf8').replace(/\n\n([^<\n][^\n]*)\n/, '\n\n$1 Une phrase de plus.\n'));
  const py = join(ep, 'panels.yaml');
  writeFileSync(py, readFileSync(py, 'utf8').replace(/fr: (["']?)(.)/, 'fr: $1Oh ! $2'));
  runs.push(['1 changed', await build(book, out)]);
  // Then one translation alone: a paragraph of episode 2 in English (the French book is the same).
  const en = join(join(book, 'content/episodes', readdirSync(join(book, 'content/episodes')).sort()[1]!), 'en.mdx');
  writeFileSync(en, readFileSync(en, 'utf8').replace(/\n\n([^<\n][^\n]*)\n/, '\n\n$1 One more sentence.\n'));
  runs.push(['1 en only', await build(book, out)]);
  const files = existsSync(join(out, 'fr')) ? readdirSync(join(out, 'fr')) : [];
  const epubs = files.filter((f) => f.endsWith('.epub')).map((f) => statSync(join(out, 'fr', f)).size);
  const pdfs = files.filter((f) => f.endsWith('.pdf')).map((f) => statSync(join(out, 'fr', f)).size);
  for (const [label, r] of runs) {
    const t = r.timings;
    rows.push(
      `${String(n).padEnd(8)} ${label.padEnd(9)} ${f1(t.content).padEnd(7)} ${f1(t.images).padEnd(6)} ${f1(t.pages).padEnd(6)} ${f1(t.search).padEnd(6)} ${f1(site(t)).padEnd(6)} ${f1(t.epub).padEnd(6)} ${f1(t.pdf).padEnd(6)} ${f1(t.total).padEnd(6)} ${(t.total! / n).toFixed(2).padEnd(9)} ${mb(r.peak.sitePss).padEnd(8)} ${mb(r.peak.pss).padEnd(7)} ${mb(r.peak.rss).padEnd(7)} ${mb(du(out)).padEnd(7)} ${(epubs[0] ? epubs[0] / 1048576 : 0).toFixed(1).padEnd(7)} ${(pdfs[0] ? pdfs[0] / 1048576 : 0).toFixed(1)}${r.ok ? '' : '  FAILED'}`,
    );
  }
  console.log(`${[header, ...rows].join('\n')}\n`);
}
console.log(
  'Times in seconds (wall). "pages" is the site step (Astro, then the images linked in and the stage’s offline list); "site" is content + images + fonts + pages + search; epub and pdf are per book (both languages). EPUB/PDF sizes are the French files. Memory in MB: peaks of the build’s processes summed, “site PSS” until the search index is made (PSS shares pages among processes; RSS counts shared pages once per process).',
);
