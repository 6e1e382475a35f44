// The stage's offline copy (issue 20): which files are served immutable, and the list of files a
// language's stage needs, found from a small built folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheControl } from '../../src/server/static.ts';
import { offlineManifest } from '../../src/outputs/site/stage-offline.ts';

test('hashed bundles and panels are immutable; pages, the worker and its list are revalidated', () => {
  assert.equal(cacheControl('_astro/stage.BC_jRzGj.css'), 'public, max-age=31536000, immutable');
  assert.equal(
    cacheControl('_astro/Presenter.astro_astro_type_script_index_0_lang.CINFMIpy.js'),
    'public, max-age=31536000, immutable',
  );
  assert.equal(cacheControl('panels/cookies.fr.60220f260940.svg'), 'public, max-age=31536000, immutable');
  for (const path of ['fr/stage/index.html', 'fr/stage/sw.js', 'fr/stage/offline.json', 'favicon.svg', '_astro/x.css'])
    assert.equal(cacheControl(path), 'no-cache', path);
});

function built(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'planches-offline-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('the list follows the stage pages, their styles and scripts, and every panel of the data', () => {
  const dir = built({
    'fr/stage/index.html':
      '<link href="/_astro/s.Abcdefgh.css"><script src="/_astro/p.Abcdefgh.js"></script><a href="/fr/">site</a>' +
      '<script type="application/json">{"sources":[{"width":600,"src":"/panels/a.fr.0123456789ab.webp"},{"width":1200,"src":"/panels/a.fr.0123456789ac.webp"}]}</script>',
    'fr/stage/audience/index.html': '<script src="/_astro/p.Abcdefgh.js"></script>',
    'fr/stage/festival/script/index.html': '<img src="/panels/b.fr.0123456789ab.svg">',
    '_astro/s.Abcdefgh.css':
      '@font-face{src:url(/_astro/f.Abcdefgh.woff2) format("woff2"),url(/_astro/f.Abcdefgh.woff)}',
    '_astro/p.Abcdefgh.js': 'import{a}from"./w.Abcdefgh.js";',
    '_astro/w.Abcdefgh.js': 'export const a=1;',
    '_astro/f.Abcdefgh.woff2': 'font',
    '_astro/f.Abcdefgh.woff': 'old font',
    'panels/a.fr.0123456789ab.webp': 'small',
    'panels/a.fr.0123456789ac.webp': 'large!',
    'panels/b.fr.0123456789ab.svg': '<svg/>',
    'fr/index.html': 'the site',
    'en/stage/index.html': '<img src="/panels/c.en.0123456789ab.svg">',
  });
  try {
    const m = offlineManifest(dir, '/', 'fr');
    assert.deepEqual(
      m.files.map((f) => `${f.kind} ${f.url} ${f.size}`),
      [
        'font /_astro/f.Abcdefgh.woff2 4',
        'script /_astro/p.Abcdefgh.js 31',
        'style /_astro/s.Abcdefgh.css 90',
        'script /_astro/w.Abcdefgh.js 17',
        'page /fr/stage/ 265',
        'page /fr/stage/audience/ 45',
        'page /fr/stage/festival/script/ 41',
        'panel /panels/a.fr.0123456789ab.webp 5',
        'panel /panels/a.fr.0123456789ac.webp 6',
        'panel /panels/b.fr.0123456789ab.svg 6',
      ],
    );
    assert.match(m.version, /^[0-9a-f]{16}$/);
    writeFileSync(join(dir, 'panels/b.fr.0123456789ab.svg'), '<svg></svg>');
    assert.notEqual(offlineManifest(dir, '/', 'fr').version, m.version, 'a changed file changes the version');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stage page that links a file the build lacks is an error naming both', () => {
  const dir = built({ 'fr/stage/index.html': '<script src="/_astro/gone.Abcdefgh.js"></script>' });
  try {
    assert.throws(
      () => offlineManifest(dir, '/', 'fr'),
      /\/fr\/stage\/ links \/_astro\/gone\.Abcdefgh\.js, which is not in the build/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
