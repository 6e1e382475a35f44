// Builds the sample book and every valid test fixture with one checkout of the kit, or compares two
// such sets of builds file by file: the check that a refactor changed no output.
//   node scripts/compare-builds.ts build [--kit DIR] --out DIR   build every book with the kit in DIR
//   node scripts/compare-builds.ts diff BEFORE AFTER             list every file that differs
//
// File names that carry a content hash (Astro's assets, the panel images' cache keys, which include
// a hash of the drawing code) differ as soon as that code moves, even when every byte it makes is the
// same. `diff` therefore compares files by their name with the hash taken out, and reads names with
// the hash taken out inside every text file; EPUBs are compared entry by entry the same way, PDFs
// byte for byte.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { readZip } from '../src/outputs/zip.ts';

/** The books built: the sample at the root and under a sub-path, and every fixture that builds. */
const BOOKS: Array<{ name: string; book: string; args?: string[] }> = [
  { name: 'sample', book: '.' },
  { name: 'sample-subpath', book: '.', args: ['--base', '/planches/'] },
  { name: 'minimal', book: 'test/fixtures/books/minimal' },
  { name: 'trilingual', book: 'test/fixtures/books/trilingual' },
  { name: 'talk', book: 'test/fixtures/books/talk' },
  { name: 'crlf-bom', book: 'test/fixtures/books/odd/crlf-bom' },
  { name: 'hostile-text', book: 'test/fixtures/books/odd/hostile-text' },
  { name: 'missing-translation', book: 'test/fixtures/books/odd/missing-translation' },
  { name: 'nfd-title', book: 'test/fixtures/books/odd/nfd-title' },
];

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { kit: { type: 'string', default: '.' }, out: { type: 'string' } },
});

/** "search.CrbqzDsk.js" → "search.#.js"; "maze.fr.0123456789ab.svg" → "maze.fr.#.svg". */
const ASSET = /\.([A-Za-z0-9_-]{7,16})(?=\.(?:js|mjs|css|svg|png|jpe?g|avif|webp|woff2?)\b)/g;
const unhash = (s: string) => s.replace(ASSET, (all, h: string) => (/[0-9A-Z]/.test(h) ? '.#' : all));
const TEXT = /\.(html|css|js|mjs|json|xml|svg|txt|xhtml|opf|ncx|ics|example|webmanifest)$|_headers$/;

function build(kit: string, out: string): void {
  for (const b of BOOKS) {
    // Each book from a copy without its image cache, so that both checkouts draw every image.
    const copy = join(out, 'books', b.name);
    rmSync(copy, { recursive: true, force: true });
    cpSync(join(kit, b.book, 'content'), join(copy, 'content'), { recursive: true });
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      ['scripts/build.ts', '--book', copy, '--out', join(out, 'dist', b.name), ...(b.args ?? [])],
      { cwd: kit, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
    );
    if (r.status !== 0) throw new Error(`${b.name} did not build:\n${r.stderr}\n${r.stdout.slice(-2000)}`);
    console.log(`built ${b.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

/**
 * The files of a build by comparable name. Pagefind names its fragments (one per page) by a hash of
 * their content, which holds the hashed image names: a fragment is named by its content with the
 * hashes taken out. Its index and meta files only point at fragments by those hashes, so they are
 * left out: when every fragment is the same, they are made from the same input.
 */
function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const rel = relative(dir, p);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^pagefind\/fragment\//.test(rel)) {
        const content = unhash(gunzipSync(readFileSync(p)).toString('utf8'));
        found.set(`pagefind/fragment/${createHash('sha256').update(content).digest('hex').slice(0, 12)}`, p);
      } else if (!/^pagefind\/(index\/|pagefind\.[^/]*\.pf_meta$|pagefind-entry\.json$)/.test(rel)) {
        found.set(unhash(rel), p);
      }
    }
  };
  walk(dir);
  return found;
}

/** The file as compared: text with the hashes taken out of the names it mentions, else bytes. */
function comparable(name: string, data: Buffer): Buffer | string {
  // Pagefind's fragments are gzipped; the names they hold (thumbnails) carry hashes too.
  if (name.startsWith('pagefind/fragment/')) return unhash(gunzipSync(data).toString('utf8'));
  return TEXT.test(name) ? unhash(data.toString('utf8')) : data;
}

function same(a: Buffer | string, b: Buffer | string): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a.toString() === b.toString() : a.equals(b);
}

function compareFile(name: string, a: string, b: string): string[] {
  const da = readFileSync(a);
  const db = readFileSync(b);
  if (name.endsWith('.epub')) {
    const ea = new Map(readZip(da).map((e) => [unhash(e.name), e.data]));
    const eb = new Map(readZip(db).map((e) => [unhash(e.name), e.data]));
    const out: string[] = [];
    for (const k of new Set([...ea.keys(), ...eb.keys()])) {
      const x = ea.get(k);
      const y = eb.get(k);
      if (!x || !y) out.push(`${name}: ${k} only ${x ? 'before' : 'after'}`);
      else if (!same(comparable(k, x), comparable(k, y))) out.push(`${name}: ${k} differs`);
    }
    return out;
  }
  return same(comparable(name, da), comparable(name, db)) ? [] : [`${name} differs`];
}

function diff(before: string, after: string): number {
  let problems = 0;
  let compared = 0;
  for (const b of BOOKS) {
    const fa = files(join(before, 'dist', b.name));
    const fb = files(join(after, 'dist', b.name));
    const lines: string[] = [];
    for (const k of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
      const x = fa.get(k);
      const y = fb.get(k);
      if (!x || !y) lines.push(`${k} only ${x ? 'before' : 'after'}`);
      else lines.push(...compareFile(k, x, y));
      compared++;
    }
    console.log(`${b.name}: ${fa.size} files before, ${fb.size} after, ${lines.length} differences`);
    for (const l of lines.slice(0, 40)) console.log(`  ${l}`);
    if (lines.length > 40) console.log(`  … and ${lines.length - 40} more`);
    problems += lines.length;
  }
  console.log(`\n${compared} files compared, ${problems} differences.`);
  return problems;
}

const [command, ...rest] = positionals;
if (command === 'build' && values.out) {
  mkdirSync(values.out, { recursive: true });
  build(resolve(values.kit), resolve(values.out));
} else if (command === 'diff' && rest.length === 2 && rest.every((d) => existsSync(d))) {
  process.exit(diff(resolve(rest[0]!), resolve(rest[1]!)) ? 1 : 0);
} else {
  console.error(
    'usage: node scripts/compare-builds.ts build [--kit DIR] --out DIR\n       node scripts/compare-builds.ts diff BEFORE AFTER',
  );
  process.exit(2);
}
