// `npm test`: every test of the kit, in order of cost. Unit tests run in-process; then the
// sample book is built (with all its outputs) and the end-to-end tests run on the real files.
//   --unit   unit tests only      --e2e   skip the unit tests
import { spawnSync } from 'node:child_process';
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
const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(dir, f));

if (!args.has('--e2e')) run('unit tests', ['--test', '--test-reporter=spec', ...files('test/unit')]);
if (!args.has('--unit')) {
  run('build the sample book', ['scripts/build.ts']);
  run('build the sample book under a sub-path', [
    'scripts/build.ts',
    '--base',
    '/planches/',
    '--out',
    '.build/subpath/planches',
  ]);
  // The other books the end-to-end tests read, built once here rather than in each test file.
  for (const name of ['repro', 'trilingual', 'hostile']) {
    run(`build ${name}`, [
      '--input-type=module',
      '-e',
      `import { buildFixture } from './test/e2e/helpers.ts'; buildFixture('${name}');`,
    ]);
  }
  run('end-to-end tests', ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files('test/e2e')]);
}
console.log(`\nAll tests passed in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
