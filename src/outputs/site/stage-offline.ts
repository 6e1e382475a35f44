// The stage's offline copy, written after Astro built the pages: for each language, the list of
// every file its stage screens need (offline.json: pages, scripts, styles, fonts, panels, with
// their sizes) and the service worker that keeps them (sw.js, src/client/stage/service-worker.ts
// with that list before it). The list is found from the built files themselves — what the stage
// pages link, what their styles and scripts import, every panel variant in the shows' data — so
// that it is exactly what the browser would ask for.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import ts from 'typescript';
import { routes } from '../../shared/addresses.ts';

export interface OfflineFile {
  /** The address, from the site's root ("/fr/stage/", "/_astro/stage.x.css"). */
  url: string;
  size: number;
  kind: 'page' | 'script' | 'style' | 'font' | 'image' | 'panel';
}

export interface OfflineManifest {
  version: string;
  files: OfflineFile[];
}

const KINDS: Record<string, OfflineFile['kind']> = {
  '.js': 'script',
  '.css': 'style',
  '.woff2': 'font',
  '.svg': 'image',
  '.png': 'image',
  '.jpg': 'image',
  '.webp': 'image',
  '.avif': 'image',
};

/** The stage pages of `lang` under dist (every show's presenter, audience and script), as addresses. */
function stagePages(dir: string, base: string, lang: string): string[] {
  const root = join(dir, lang, 'stage');
  const found: string[] = [];
  const walk = (rel: string) => {
    const here = join(root, rel);
    if (existsSync(join(here, 'index.html'))) found.push(`${base}${lang}/stage/${rel}`);
    for (const d of readdirSync(here, { withFileTypes: true })) if (d.isDirectory()) walk(`${rel}${d.name}/`);
  };
  if (existsSync(root)) walk('');
  return found.sort();
}

/** The list of one language's stage files. Throws, naming the page, when a page links a file the build lacks. */
export function offlineManifest(dir: string, base: string, lang: string): OfflineManifest {
  const files = new Map<string, OfflineFile>();
  const fileOf = (url: string) => join(dir, decodeURIComponent(url.slice(base.length)));
  const queue: string[] = [];
  const add = (url: string, kind: OfflineFile['kind'], from: string) => {
    if (files.has(url)) return;
    const file = url.endsWith('/') ? join(fileOf(url), 'index.html') : fileOf(url);
    if (!existsSync(file)) throw new Error(`${from} links ${url}, which is not in the build (${file}).`);
    files.set(url, { url, size: statSync(file).size, kind });
    queue.push(url);
  };
  for (const page of stagePages(dir, base, lang)) add(page, 'page', 'the stage');
  // Every file reached from the pages, their styles and their scripts.
  while (queue.length) {
    const url = queue.shift()!;
    const entry = files.get(url)!;
    const text =
      entry.kind === 'page' || entry.kind === 'style' || entry.kind === 'script'
        ? readFileSync(url.endsWith('/') ? join(fileOf(url), 'index.html') : fileOf(url), 'utf8')
        : '';
    const refs: string[] = [];
    if (entry.kind === 'page') {
      for (const m of text.matchAll(/\b(?:src|href)="([^"]+)"/g)) refs.push(m[1]!);
      // The show's data: every variant of every panel (the audience picks one by its screen's size).
      for (const m of text.matchAll(/"src":"([^"]+)"/g)) refs.push(m[1]!);
    } else if (entry.kind === 'style') {
      for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) refs.push(m[1]!);
    } else if (entry.kind === 'script') {
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+\.js)"/g)) refs.push(m[1]!);
    }
    for (const ref of refs) {
      if (/^(data|blob):/.test(ref)) continue;
      const target = new URL(ref, `http://stage${url}`);
      if (target.host !== 'stage' || !target.pathname.startsWith(base)) continue;
      const path = target.pathname;
      if (path.endsWith('/')) {
        // A link to a page: kept when it is one of this language's stage pages (already listed).
        continue;
      }
      const kind = path.includes('/panels/') ? 'panel' : KINDS[extname(path)];
      // The .woff fallbacks are never fetched: every browser that plays the show reads woff2.
      if (!kind) continue;
      add(path, kind, url);
    }
  }
  const list = [...files.values()].sort((a, b) => a.url.localeCompare(b.url));
  const hash = createHash('sha256');
  for (const f of list) {
    hash.update(f.url);
    hash.update(readFileSync(f.url.endsWith('/') ? join(fileOf(f.url), 'index.html') : fileOf(f.url)));
  }
  return { version: hash.digest('hex').slice(0, 16), files: list };
}

/** Writes offline.json and sw.js into every language's stage folder; returns how many files each keeps. */
export function writeStageOffline(dir: string, base: string, langs: string[], kit: string): string {
  const source = readFileSync(join(kit, 'src/client/stage/service-worker.ts'), 'utf8');
  // A classic worker script (every browser runs those): the types removed, no module syntax.
  const code = ts
    .transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } })
    .outputText.replace(/^export \{\};?\s*$/m, '');
  const counts: string[] = [];
  for (const lang of langs) {
    if (!existsSync(join(dir, lang, 'stage', 'index.html'))) continue;
    const manifest = offlineManifest(dir, base, lang);
    writeFileSync(join(dir, routes.stageFile(lang, 'offline.json')), `${JSON.stringify(manifest, null, 1)}\n`);
    writeFileSync(
      join(dir, routes.stageFile(lang, 'sw.js')),
      `// Planches stage: the offline copy of the ${lang} shows (written by the build).\nconst MANIFEST = ${JSON.stringify(manifest)};\n${code}`,
    );
    const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
    counts.push(`${lang} ${manifest.files.length} files (${(bytes / 1e6).toFixed(1)} MB)`);
  }
  return counts.join(', ');
}
