// The nginx example the build writes (dist/nginx.conf.example) really serves the book: nginx from
// Debian runs it on 127.0.0.1 over the sub-path build, and the answers are checked for types,
// compression, security headers and the 404 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SUBPATH_DIST } from './helpers.ts';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => spawnSync(p, ['-v']).status === 0);
const dir = mkdtempSync(join(tmpdir(), 'planches-nginx-'));
let port = 0;

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });

before(async () => {
  assert.ok(NGINX, 'nginx is installed (Debian package nginx-light; scripts/setup.sh and .ci/run install it)');
  port = await freePort();
  const root = `${resolve(SUBPATH_DIST)}/`;
  const snippet = readFileSync(join(SUBPATH_DIST, 'nginx.conf.example'), 'utf8').replace('/var/www/planches/', root);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  include /etc/nginx/mime.types;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  fastcgi_temp_path ${dir}/fastcgi;\n  uwsgi_temp_path ${dir}/uwsgi;\n  scgi_temp_path ${dir}/scgi;\n  server {\n    listen 127.0.0.1:${port};\n${snippet.replace('include mime.types;', 'include /etc/nginx/mime.types;')}\n  }\n}\n`,
  );
  const started = spawnSync(NGINX!, ['-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    encoding: 'utf8',
  });
  assert.equal(started.status, 0, started.stderr);
});

after(() => {
  if (NGINX) spawnSync(NGINX, ['-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-s', 'stop']);
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string) =>
  fetch(`http://127.0.0.1:${port}/planches/${path}`, { headers: { 'Accept-Encoding': 'gzip' } });

test('pages are served as HTML with the security headers', async () => {
  for (const path of ['', 'fr/', 'en/20-capter-l-attention-des-cons/']) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/, path);
    assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none';.*frame-ancestors 'self'/, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await r.text(), /<html lang=/);
  }
});

test('panels are SVG, compressed; downloads have their types', async () => {
  const svg = readdirSync(join(SUBPATH_DIST, 'panels')).find((f) => f.endsWith('.svg'))!;
  const r = await get(`panels/${svg}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/svg+xml');
  assert.equal(r.headers.get('content-encoding'), 'gzip');
  assert.match(await r.text(), /^<svg /, 'fetch inflates it back to the SVG');
  const epub = readdirSync(join(SUBPATH_DIST, 'fr')).find((f) => f.endsWith('.epub'))!;
  assert.equal((await get(`fr/${epub}`)).headers.get('content-type'), 'application/epub+zip');
  const pdf = readdirSync(join(SUBPATH_DIST, 'fr')).find((f) => f.endsWith('.pdf'))!;
  assert.equal((await get(`fr/${pdf}`)).headers.get('content-type'), 'application/pdf');
});

test('a missing page answers 404 with the book’s bilingual 404 page', async () => {
  const r = await get('fr/no-such-episode/');
  assert.equal(r.status, 404);
  const body = await r.text();
  assert.match(body, /<html lang=/);
  assert.equal(body, readFileSync(join(SUBPATH_DIST, '404.html'), 'utf8'));
});
