// `npm run build`: validates the book, builds every output into a staging folder, and replaces
// dist/ only when all of them succeeded. A failed build leaves the previous dist/ untouched.
//   --strict        missing or outdated translations are errors (for releases)
//   --base /path/   serve under a sub-path (overrides content/book.yaml)
//   --out DIR       write somewhere else than dist/
//   --book DIR      build the book in DIR (its content/ folder) instead of this one
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook } from '../src/lib/book.ts';
import { ContentError } from '../src/lib/errors.ts';
import { PANEL_CACHE_DIR, type RenderStats } from '../src/lib/panels/render.ts';
import { strictProblems } from '../src/lib/authoring/status.ts';
import type { Book } from '../src/lib/book.ts';
import type { ImageManifest } from '../src/lib/panels/render.ts';
import { buildOptions } from '../src/data/options.ts';
import { buildSearchIndex } from '../src/outputs/search.ts';
import { buildPdfs } from '../src/outputs/pdf.ts';
import { buildEpubs } from '../src/outputs/epub.ts';
import { hyphenatePrintEditions } from '../src/outputs/hyphenate.ts';

const { values } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    base: { type: 'string' },
    out: { type: 'string', default: 'dist' },
    book: { type: 'string', default: '.' },
    timings: { type: 'string' },
  },
});
const kit = resolve(import.meta.dirname, '..');
const root = resolve(values.book);
const out = resolve(values.out);
const started = performance.now();
/** Seconds per stage, for --timings (read by `npm run bench`). */
const timings: Record<string, number> = {};
const step = (label: string, key = label) => {
  const t0 = performance.now();
  return (detail = '') => {
    timings[key] = (performance.now() - t0) / 1000;
    console.log(`✓ ${label}${detail ? ` — ${detail}` : ''} (${timings[key]!.toFixed(1)} s)`);
  };
};

function fail(message: string): never {
  console.error(`\n✗ Build failed. ${out} was left as it was.\n\n${message}\n`);
  process.exit(1);
}

let done = step('content checked', 'content');
let book: Book;
try {
  // The same options Astro's loader reads from the environment (src/data/options.ts).
  book = loadBook(root, { base: values.base ?? buildOptions().base, url: buildOptions().url });
  done(`${book.episodes.length} episodes, ${book.settings.languages.length} languages`);
  if (values.strict) {
    const missing = strictProblems(book);
    if (missing.length) {
      fail(
        `--strict: ${missing.length} translation part(s) are missing or outdated (see npm run status):\n${missing.map((p) => `  - ${p.file}: ${p.message}`).join('\n')}`,
      );
    }
    console.log('✓ strict: every translation is complete and up to date');
  }
} catch (e) {
  if (e instanceof ContentError) fail(e.message);
  throw e;
}

// The images in their own process (scripts/panels.ts): the memory they take is returned before
// Chromium prints the PDFs. Content problems found there (a text too long for its bubble, art that
// cannot be decoded) come back as its message.
done = step('panel images', 'images');
const panels = spawnSync(process.execPath, [join(kit, 'scripts/panels.ts'), '--book', root, '--json'], {
  cwd: kit,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
});
if (panels.status !== 0) fail(panels.stderr.trim() || `The panel images could not be made (exit ${panels.status}).`);
const stats = JSON.parse(panels.stdout.trim().split('\n').pop()!) as RenderStats;
const manifest = JSON.parse(readFileSync(join(root, PANEL_CACHE_DIR, 'manifest.json'), 'utf8')) as ImageManifest;
done(
  `${stats.images} images, ${stats.written} vector panels written, ${stats.encodes} encoded, ${stats.cached} from cache`,
);

const staging = join(kit, '.build', `staging-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
done = step('site built', 'site');
const astro = spawnSync(process.execPath, [join(kit, 'node_modules/astro/bin/astro.mjs'), 'build'], {
  cwd: kit,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    PLANCHES_BOOK: root,
    PLANCHES_OUT_DIR: staging,
    PLANCHES_BASE: values.base ?? process.env.PLANCHES_BASE ?? '',
  },
});
if (astro.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  fail('The site build stopped (see the messages above).');
}
done();

// The later outputs, made from the built site once Astro's process has ended (its memory is not
// held while Chromium prints). PDFs before EPUBs: the EPUB step ends by filling every download's
// size into the pages.
const log = { info: (line: string) => console.log(`  ${line}`) };
async function output(label: string, key: string, work: () => Promise<string>): Promise<void> {
  const finished = step(label, key);
  try {
    finished(await work());
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    fail(`The ${label} could not be made: ${e instanceof Error ? e.message : String(e)}`);
  }
}
await output('search index', 'search', async () => {
  const r = await buildSearchIndex(staging);
  return `${r.pages} pages`;
});
// Soft hyphens into the print editions, which the PDFs and EPUBs are made from (issue 18).
await output('hyphenation', 'hyphenation', async () => {
  const r = await hyphenatePrintEditions(staging, book.settings);
  return r.map((h) => `${h.lang} ${h.breaks} break points`).join(', ');
});
await output('PDFs', 'pdf', async () => {
  const r = await buildPdfs(staging, book, log);
  return r.map((p) => `${p.lang} ${p.pages} pages`).join(', ');
});
await output('EPUBs', 'epub', async () => {
  const r = await buildEpubs(staging, { ...book, images: manifest }, log.info);
  return `${r.length} files`;
});

/** Renames a folder; across file systems (an --out in a tmpfs /tmp), copies it then removes it. */
function moveDir(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

// Swap: the old output is moved aside first, so there is never a half-written dist/.
const old = join(kit, '.build', `previous-${process.pid}`);
mkdirSync(dirname(out), { recursive: true });
if (existsSync(out)) moveDir(out, old);
moveDir(staging, out);
rmSync(old, { recursive: true, force: true });
console.log(`\nBuilt ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
if (values.timings) {
  const report = {
    content: timings.content,
    images: timings.images,
    pages: timings.site,
    search: timings.search,
    pdf: timings.pdf,
    epub: timings.epub,
    total: (performance.now() - started) / 1000,
  };
  writeFileSync(values.timings, JSON.stringify(report, null, 2));
}
