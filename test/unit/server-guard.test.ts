// The static server and the stage-media handler answer only with real files inside their root:
// `..` (plain or percent-encoded) and symlinks out are refused, and the outside file's bytes
// never reach the response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../../src/server/static.ts';
import { mediaHandler, stageVideos } from '../../src/server/stage-media.ts';

const CANARY = 'CANARY-OUTSIDE-THE-ROOT';

/** A raw GET: the path is sent exactly as written (fetch would resolve `..` itself). */
function get(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('the servers refuse `..`, encoded `..` and symlinks out of their root', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'planches-serve-'));
  const book = join(dir, 'book');
  const dist = join(book, 'dist');
  mkdirSync(join(book, 'videos'), { recursive: true });
  mkdirSync(dist);
  writeFileSync(join(dir, 'secret.txt'), CANARY);
  writeFileSync(join(dist, 'index.html'), '<p>home</p>');
  writeFileSync(join(dist, '404.html'), '<p>not here</p>');
  writeFileSync(join(dist, 'inside.txt'), 'inside');
  symlinkSync(join(dir, 'secret.txt'), join(dist, 'out.txt'));
  symlinkSync(dir, join(dist, 'outdir'));
  symlinkSync(join(dist, 'inside.txt'), join(dist, 'in.txt'));
  writeFileSync(join(book, 'videos', 'ok.mp4'), 'video');
  symlinkSync(join(dir, 'secret.txt'), join(book, 'videos', 'out.mp4'));
  const videos = stageVideos(book, [
    { number: 1, original: { stage: { video: 'videos/ok.mp4' } } },
    { number: 2, original: { stage: { video: 'videos/out.mp4' } } },
    { number: 3, original: { stage: { video: '../secret.txt' } } },
  ]);
  assert.deepEqual(
    videos.map((v) => [v.file, v.exists, Boolean(v.outside)]),
    [
      ['videos/ok.mp4', true, false],
      ['videos/out.mp4', false, true],
    ],
  );
  const s = await serveStatic(dist, { handle: mediaHandler('/', videos) });
  try {
    assert.equal((await get(s.url, '/in.txt')).body, 'inside');
    assert.equal((await get(s.url, '/stage-media/videos/ok.mp4')).body, 'video');
    for (const path of [
      '/out.txt',
      '/outdir/secret.txt',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/stage-media/videos/out.mp4',
      '/stage-media/../../secret.txt',
      '/stage-media/..%2f..%2fsecret.txt',
    ]) {
      const r = await get(s.url, path);
      assert.ok([400, 403, 404].includes(r.status), `${path}: ${r.status}`);
      assert.ok(!r.body.includes(CANARY), `${path} leaked the outside file`);
    }
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
