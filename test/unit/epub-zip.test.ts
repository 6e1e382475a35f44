// The EPUB's ZIP writer and reader (src/outputs/zip.ts): what makes the EPUB reproducible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dosDateTime, readZip, writeZip, type ZipEntry } from '../../src/outputs/zip.ts';

const DATE = new Date('2022-12-01T00:00:00Z');
const entries = (): ZipEntry[] => [
  { name: 'mimetype', data: Buffer.from('application/epub+zip'), store: true },
  { name: 'META-INF/container.xml', data: Buffer.from('<container/>'.repeat(20)) },
  { name: 'OEBPS/images/a.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), store: true },
];

test('entries come back as written, in the order written', () => {
  const zip = writeZip(entries(), DATE);
  const back = readZip(zip);
  assert.deepEqual(
    back.map((e) => e.name),
    ['mimetype', 'META-INF/container.xml', 'OEBPS/images/a.png'],
  );
  assert.equal(back[1]!.data.toString(), '<container/>'.repeat(20));
  assert.deepEqual([...back[2]!.data], [0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  assert.equal(back[0]!.method, 0, 'mimetype is stored');
  assert.equal(back[1]!.method, 8, 'text is deflated');
});

test('mimetype sits at offset 0 with its name and content readable at the fixed OCF offsets', () => {
  const zip = writeZip(entries(), DATE);
  assert.equal(zip.subarray(30, 38).toString(), 'mimetype');
  assert.equal(zip.subarray(38, 58).toString(), 'application/epub+zip');
});

test('same entries and date give the same bytes; another date gives other bytes', () => {
  const a = writeZip(entries(), DATE);
  const b = writeZip(entries(), DATE);
  assert.ok(a.equals(b));
  assert.ok(!a.equals(writeZip(entries(), new Date('2023-01-01T00:00:00Z'))));
});

test('the date does not depend on the time zone (it is written in UTC)', () => {
  const run = (tz: string) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { dosDateTime } from ${JSON.stringify(new URL('../../src/outputs/zip.ts', import.meta.url).href)}; console.log(JSON.stringify(dosDateTime(new Date('2022-12-01T23:30:00Z'))))`,
      ],
      { env: { ...process.env, TZ: tz }, encoding: 'utf8' },
    ).stdout.trim();
  assert.equal(run('Pacific/Kiritimati'), run('America/Los_Angeles'));
  assert.deepEqual(dosDateTime(new Date('2022-12-01T23:30:00Z')), {
    date: ((2022 - 1980) << 9) | (12 << 5) | 1,
    time: (23 << 11) | (30 << 5),
  });
});

test('dates before 1980 are clamped (ZIP cannot say them)', () => {
  assert.deepEqual(dosDateTime(new Date(0)), dosDateTime(new Date('1980-01-01T00:00:00Z')));
});

test('a name written twice is refused', () => {
  assert.throws(() => writeZip([...entries(), { name: 'mimetype', data: Buffer.from('x') }], DATE), /written twice/);
});

test('a damaged archive is reported, not read silently', () => {
  const zip = writeZip(entries(), DATE);
  const bad = Buffer.from(zip);
  const i = bad.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  assert.ok(i > 0);
  bad.writeUInt8(bad.readUInt8(i + 5) ^ 0xff, i + 5); // a byte of the stored image
  assert.throws(() => readZip(bad), /damaged/);
  assert.throws(() => readZip(Buffer.from('not a zip at all')), /not a ZIP/);
});

test('unzip (Info-ZIP) accepts the archive', {
  skip: spawnSync('unzip', ['-v']).status !== 0 && 'unzip is not installed',
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'planches-zip-'));
  try {
    const file = join(dir, 'x.zip');
    writeFileSync(file, writeZip(entries(), DATE));
    const r = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No errors detected/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
