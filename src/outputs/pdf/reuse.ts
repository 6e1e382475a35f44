// A language's PDFs are printed again only when what they are printed from changed: one episode
// changed in the French original should not reprint an English book whose print edition came
// out the same. The key is everything Chromium reads (the print edition's and the cover's HTML,
// their page rules, every file they link, read from the build folder) plus the kit's own code and
// lockfile; a match copies the previous files from the book's cache (.cache/pdf/<lang>/).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const PDF_CACHE_DIR = '.cache/pdf';

/** The hash of every file under `dir` (sorted by path), for the kit's code: computed once. */
const treeHashes = new Map<string, string>();
function treeHash(dir: string): string {
  let h = treeHashes.get(dir);
  if (h === undefined) {
    const hash = createHash('sha256');
    const walk = (d: string) => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else hash.update(relative(dir, p)).update('\0').update(readFileSync(p));
      }
    };
    walk(dir);
    h = hash.digest('hex');
    treeHashes.set(dir, h);
  }
  return h;
}

/** The same-site files an HTML or CSS text links (src, href, srcset, url()), as paths in the build folder. */
export function linkedFiles(text: string, base: string, outDir: string): string[] {
  const refs = new Set<string>();
  for (const m of text.matchAll(/\b(?:src|href)="([^"]+)"/g)) refs.add(m[1]!);
  for (const m of text.matchAll(/\bsrcset="([^"]+)"/g))
    for (const part of m[1]!.split(',')) refs.add(part.trim().split(/\s+/)[0]!);
  for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) refs.add(m[1]!);
  const files: string[] = [];
  for (const ref of refs) {
    if (!ref.startsWith(base) || ref.startsWith('//')) continue;
    const path = join(outDir, ref.slice(base.length).split(/[?#]/)[0]!);
    if (existsSync(path) && statSync(path).isFile()) files.push(path);
  }
  return files.sort();
}

/**
 * The key of a language's PDFs: the pages Chromium prints (`pages`: paths under the build folder),
 * the files they link and those files' own links (a style sheet's fonts), the settings, the kit.
 */
export function printKey(o: { outDir: string; base: string; pages: string[]; kit: string; settings: unknown }): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(o.settings)).update(treeHash(join(o.kit, 'src')));
  const lock = join(o.kit, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  const seen = new Set<string>();
  const add = (path: string, depth: number) => {
    if (seen.has(path)) return;
    seen.add(path);
    const bytes = readFileSync(path);
    hash.update(relative(o.outDir, path)).update('\0').update(bytes);
    if (depth < 2 && /\.(html|css)$/.test(path))
      for (const f of linkedFiles(bytes.toString('utf8'), o.base, o.outDir)) add(f, depth + 1);
  };
  for (const p of o.pages) add(join(o.outDir, p), 0);
  return hash.digest('hex');
}

/** The cache of one language's PDFs. */
export function pdfCache(bookRoot: string, lang: string) {
  const dir = join(bookRoot, PDF_CACHE_DIR, lang);
  const keyFile = join(dir, 'key');
  return {
    /** Copies the files printed under `key` into the build folder, and returns what was saved with them. */
    restore<T>(key: string, files: string[], outDir: string): T | undefined {
      if (!existsSync(keyFile) || readFileSync(keyFile, 'utf8') !== key) return undefined;
      if (!files.every((f) => existsSync(join(dir, 'files', f)))) return undefined;
      for (const f of files) {
        mkdirSync(dirname(join(outDir, f)), { recursive: true });
        copyFileSync(join(dir, 'files', f), join(outDir, f));
      }
      return JSON.parse(readFileSync(join(dir, 'about.json'), 'utf8')) as T;
    },
    /** Keeps the files just printed, under `key` (the key is written last: a cut-off save is no match). */
    save(key: string, files: string[], outDir: string, about: unknown): void {
      rmSync(dir, { recursive: true, force: true });
      for (const f of files) {
        mkdirSync(dirname(join(dir, 'files', f)), { recursive: true });
        copyFileSync(join(outDir, f), join(dir, 'files', f));
      }
      writeFileSync(join(dir, 'about.json'), JSON.stringify(about));
      writeFileSync(keyFile, key);
    },
  };
}
