// `npm test`: every test of the kit, in order of cost. First the static checks (types of every
// file, lint, format); then the unit tests; then the sample book is built (with all its outputs)
// and the end-to-end tests run on the real files.
//   --checks   the static checks only (npm run check)
//   --unit     the unit tests only (npm run test:unit)
//   --e2e      the builds and end-to-end tests only
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const started = performance.now();
const run = (label: string, cmd: string[], env: Record<string, string> = {}) => {
  console.log(`\n▶ ${label}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, cmd, {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  console.log(`  ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
};
/** Runs the commands `width` at a time; each one's output is printed whole when it ends. */
async function runSideBySide(jobs: Array<{ label: string; cmd: string[] }>, width: number): Promise<void> {
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { label, cmd } = job;
      const t0 = performance.now();
      const child = spawn(process.execPath, cmd, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)));
      console.log(`\n▶ ${label}${output.trim() ? `\n${output.trimEnd()}` : ''}`);
      console.log(`  ${label}: ${code === 0 ? 'ok' : 'FAILED'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      if (code !== 0) process.exit(code);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}
const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(dir, f));

const only = ['--checks', '--unit', '--e2e'].find((a) => args.has(a));
const wanted = (part: string) => !only || only === part;

if (wanted('--checks')) {
  // Astro's generated types (.astro/types.d.ts) first: both type checkers read them.
  run('astro sync', ['node_modules/astro/bin/astro.mjs', 'sync']);
  // .astro files and every .ts file of tsconfig.json (src, scripts, test); hints fail too.
  run('types: astro check', ['node_modules/astro/bin/astro.mjs', 'check', '--minimumFailingSeverity', 'hint']);
  run('types: tsc --noEmit', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
  // Lint and format, as CI reads them: any difference from the formatter's output fails.
  run('lint and format: biome ci', ['node_modules/@biomejs/biome/bin/biome', 'ci', '--error-on-warnings', '.']);
}
if (wanted('--unit')) run('unit tests', ['--test', '--test-reporter=spec', ...files('test/unit')]);
if (wanted('--e2e')) {
  run('build the sample book', ['scripts/build.ts']);
  // With a public address too: the sample keeps the example one, which the site does not link to.
  run('build the sample book under a sub-path', [
    'scripts/build.ts',
    '--base',
    '/planches/',
    '--url',
    'https://livres.example.org/',
    '--out',
    '.build/subpath/planches',
  ]);
  // The other books the end-to-end tests read, built once here rather than in each test file; two
  // at a time (each is its own book with its own caches, and a build leaves a core idle much of the
  // time: Astro and Chromium printing are single-threaded).
  await runSideBySide(
    ['repro', 'trilingual', 'hostile', 'sections', 'generated'].map((name) => ({
      label: `build ${name}`,
      cmd: [
        '--input-type=module',
        '-e',
        `import { buildFixture } from './test/e2e/helpers.ts'; buildFixture('${name}');`,
      ],
    })),
    2,
  );
  run('end-to-end tests', ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files('test/e2e')]);
}
console.log(`\nAll tests passed in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
