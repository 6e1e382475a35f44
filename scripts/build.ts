// `npm run build`: validates the book, builds every output into a staging folder, and replaces
// dist/ only when all of them succeeded. A failed build leaves the previous dist/ untouched.
//   --strict        missing or outdated translations and warnings are errors (for releases)
//   --base /path/   serve under a sub-path (overrides content/book.yaml)
//   --url https://… publish at this address (overrides site.url in content/book.yaml)
//   --out DIR       write somewhere else than dist/
//   --book DIR      build the book in DIR (its content/ folder) instead of this one
//   --drafts        build draft episodes too (marked as drafts, out of feeds and the sitemap)
//   --debug         on a fault of the kit (not of the book), print the stack trace too
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook, type Book } from '../src/model/book.ts';
import { shareBook } from '../src/model/book-snapshot.ts';
import { ContentError, formatProblem, startStep, UNEXPECTED_HEADER, unexpectedFailure } from '../src/model/errors.ts';
import { bookOptions, setBookOptions } from '../src/model/options.ts';
import type { RenderStats } from '../src/images/render.ts';
import { readManifest } from '../src/model/image-manifest.ts';
import { FONT_CACHE_DIR, makeFonts } from '../src/fonts/make.ts';
import { strictProblems } from '../src/authoring/status.ts';
import { OUTPUTS } from '../src/outputs/index.ts';
import { fillSizesInPages } from '../src/outputs/downloads.ts';

const { values } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    base: { type: 'string' },
    url: { type: 'string' },
    out: { type: 'string', default: 'dist' },
    book: { type: 'string', default: '.' },
    timings: { type: 'string' },
    drafts: { type: 'boolean', default: false },
    debug: { type: 'boolean', default: false },
  },
});
const kit = resolve(import.meta.dirname, '..');
const root = resolve(values.book);
// The book and the base path enter here, once: every process of the build reads them from its
// environment (src/model/options.ts).
const out = resolve(values.out);
if (values.url !== undefined && !/^https?:\/\/[^/\s]+/.test(values.url)) {
  console.error(
    `\n✗ Build failed. ${out} was left as it was.\n\n--url ${JSON.stringify(values.url)}: expected the site's address, like https://books.example.org/\n`,
  );
  process.exit(1);
}
setBookOptions({ bookRoot: root, base: values.base, url: values.url, drafts: values.drafts });
const started = performance.now();
/** Seconds per stage, for --timings (read by `npm run bench`). */
const timings: Record<string, number> = {};
const step = (label: string, key = label, doing = `making the ${label}`) => {
  startStep(doing);
  const t0 = performance.now();
  return (detail = '') => {
    timings[key] = (performance.now() - t0) / 1000;
    console.log(`✓ ${label}${detail ? ` — ${detail}` : ''} (${timings[key]!.toFixed(1)} s)`);
  };
};

/** The staging folder, once made: removed on any failure, so that nothing half-built stays. */
let staging: string | undefined;

/** Removes the book's snapshot that the build's processes read (src/model/book-snapshot.ts). */
let unshare = () => {};

function fail(message: string): never {
  unshare();
  if (staging) rmSync(staging, { recursive: true, force: true });
  // A fault of the kit carries its own "Build failed: <what> while <step>" header.
  if (message.startsWith(UNEXPECTED_HEADER)) console.error(`\n✗ ${message}\n\n${out} was left as it was.\n`);
  else console.error(`\n✗ Build failed. ${out} was left as it was.\n\n${message}\n`);
  process.exit(1);
}

// The last resort: any exception nobody expected becomes one readable message (what, during which
// step, on which file) instead of a stack trace; the stack only with --debug. dist/ is untouched
// because it is only replaced at the very end.
process.on('uncaughtException', (e) => fail(unexpectedFailure(e, values.debug)));

let done = step('content checked', 'content', 'checking the content');
let book: Book;
try {
  book = loadBook(root, bookOptions());
  done(`${book.episodes.length} episodes, ${book.settings.languages.length} languages`);
  // Warnings do not stop a build, but a release (--strict) has none.
  if (book.warnings.length && values.strict) {
    fail(
      `--strict: ${book.warnings.length} warning(s) to fix:\n${book.warnings.map((w) => `  - ${formatProblem(w)}`).join('\n')}`,
    );
  }
  for (const w of book.warnings) console.log(`⚠ ${formatProblem(w)}`);
  for (const e of book.episodes.filter((x) => x.draft))
    console.log(
      `⚠ ${e.original.file}: built as a draft (--drafts): marked on every page, out of feeds and the sitemap`,
    );
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
  fail(unexpectedFailure(e, values.debug));
}

// The images process and Astro's read the book as loaded here instead of parsing it again.
mkdirSync(join(kit, '.build'), { recursive: true });
unshare = shareBook(book, join(kit, '.build', `book-${process.pid}.v8`));

// The images in their own process (scripts/panels.ts): the memory they take is returned before
// Chromium prints the PDFs. Content problems found there (a text too long for its bubble, art that
// cannot be decoded) come back as its message.
done = step('panel images', 'images');
const panelArgs = [join(kit, 'scripts/panels.ts'), '--book', root, '--json', ...(values.debug ? ['--debug'] : [])];
const panels = spawnSync(process.execPath, panelArgs, {
  cwd: kit,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
});
if (panels.status !== 0) fail(panels.stderr.trim() || `The panel images could not be made (exit ${panels.status}).`);
const stats = JSON.parse(panels.stdout.trim().split('\n').pop()!) as RenderStats;
const images = readManifest(root);
done(
  `${stats.images} images, ${stats.written} vector panels written, ${stats.encodes} encoded, ${stats.cached} from cache`,
);

// The fonts, subset to the book's characters (src/fonts/): before the pages, which link them.
done = step('fonts');
const fonts = await makeFonts(book, { cacheDir: join(root, FONT_CACHE_DIR) });
done(
  Object.entries(fonts.roles)
    .map(([role, r]) => `${role} ${(r.faces.reduce((n, f) => n + f.bytes, 0) / 1024).toFixed(1)} KB`)
    .join(', '),
);

const stagingDir = join(kit, '.build', `staging-${process.pid}`);
staging = stagingDir;
rmSync(stagingDir, { recursive: true, force: true });
mkdirSync(stagingDir, { recursive: true });

// The outputs, in order (src/outputs/index.ts): the site's pages first, then what is made from them.
const context = { book, images, fonts, dir: stagingDir, kit, log: (line: string) => console.log(`  ${line}`) };
for (const output of OUTPUTS) {
  const skipped = output.skip?.(book);
  if (skipped) {
    console.log(`– ${output.label} — not made: ${skipped}`);
    continue;
  }
  const finished = step(output.label, output.id);
  try {
    const { run } = await output.load();
    finished(await run(context));
  } catch (e) {
    const stack = values.debug && e instanceof Error && e.stack ? `\n\n${e.stack}` : '';
    fail(`The ${output.label} could not be made: ${e instanceof Error ? e.message : String(e)}${stack}`);
  }
}
// Last, once every file exists: the size of each download on every page that offers it.
startStep('filling in the download sizes');
const filled = fillSizesInPages(stagingDir);
console.log(`✓ download sizes — ${filled} pages`);

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
startStep(`replacing ${out}`);
const old = join(kit, '.build', `previous-${process.pid}`);
mkdirSync(dirname(out), { recursive: true });
if (existsSync(out)) moveDir(out, old);
moveDir(stagingDir, out);
staging = undefined;
unshare();
rmSync(old, { recursive: true, force: true });
console.log(`\nBuilt ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
if (values.timings) {
  const report = {
    content: timings.content,
    images: timings.images,
    fonts: timings.fonts,
    pages: timings.site,
    search: timings.search,
    pdf: timings.pdf,
    epub: timings.epub,
    total: (performance.now() - started) / 1000,
  };
  writeFileSync(values.timings, JSON.stringify(report, null, 2));
}
