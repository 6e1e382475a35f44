// Every built page: valid HTML (html-validate), no broken internal link or anchor (at the root
// and under a sub-path), and a Chromium crawl of every page in every language that fails on
// any request to another host, any console error, or a page without its security policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';
import { DIST, SUBPATH_DIST, ensureBuilt, useSite } from './helpers.ts';

const walk = (d: string): string[] =>
  readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const pages = (dist: string) => walk(dist).filter((f) => f.endsWith('.html'));

test('every page passes html-validate with 0 errors', async () => {
  const hv = new HtmlValidate(new FileSystemConfigLoader());
  const errors: string[] = [];
  const files = pages(DIST);
  assert.ok(files.length >= 20, `${files.length} pages`);
  for (const f of files) {
    const report = await hv.validateFile(f);
    for (const r of report.results)
      for (const m of r.messages) errors.push(`${relative(DIST, f)}:${m.line} ${m.ruleId}: ${m.message}`);
  }
  console.log(`html-validate: ${files.length} pages, ${errors.length} errors`);
  assert.deepEqual(errors, []);
});

/** Internal links, images, scripts, styles and #anchors that do not resolve inside `dist`. */
function brokenLinks(dist: string, base: string): { checked: number; broken: string[] } {
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let s = ids.get(file);
    if (!s) {
      s = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
      ids.set(file, s);
    }
    return s;
  };
  const broken: string[] = [];
  let checked = 0;
  for (const file of pages(dist)) {
    const html = readFileSync(file, 'utf8');
    const pageUrl = new URL(`http://site${base}${relative(dist, file).replace(/index\.html$/, '')}`);
    const refs = [...html.matchAll(/\s(?:href|src)="([^"]+)"/g)]
      .map((m) => m[1]!)
      .concat(
        [...html.matchAll(/\ssrcset="([^"]+)"/g)].flatMap((m) =>
          m[1]!.split(',').map((c) => c.trim().split(/\s+/)[0]!),
        ),
      );
    for (const ref of refs) {
      const url = new URL(ref.replace(/&amp;/g, '&'), pageUrl);
      if (url.host !== 'site') continue;
      checked++;
      if (!url.pathname.startsWith(base)) {
        broken.push(`${relative(dist, file)}: ${ref} is outside the base path ${base}`);
        continue;
      }
      let target = join(dist, decodeURIComponent(url.pathname.slice(base.length)));
      if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
      if (!existsSync(target)) {
        broken.push(`${relative(dist, file)}: ${ref} → missing ${relative(dist, target)}`);
        continue;
      }
      if (url.hash && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) {
        broken.push(`${relative(dist, file)}: ${ref} → no #${url.hash.slice(1)} in ${relative(dist, target)}`);
      }
    }
  }
  return { checked, broken };
}

test('no broken internal link or anchor, at the root and under a sub-path', () => {
  for (const [dist, base] of [
    [DIST, '/'],
    [SUBPATH_DIST, '/planches/'],
  ] as const) {
    const { checked, broken } = brokenLinks(dist, base);
    console.log(`links under ${base}: ${checked} checked, ${broken.length} broken`);
    assert.ok(checked > 200);
    assert.deepEqual(broken, []);
  }
});

const site = useSite();

test('a crawl of every page: no other host, no console error, a Content-Security-Policy everywhere', async () => {
  const { page, context } = await site.newPage();
  const problems: string[] = [];
  let current = '';
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${current}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${current}: ${e.message}`));
  let requests = 0;
  page.on('request', () => requests++);
  const paths = pages(DIST).map((f) => `/${relative(DIST, f).replace(/index\.html$/, '')}`);
  for (const path of paths) {
    current = path;
    await page.goto(site.url(path), { waitUntil: 'networkidle' });
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').count();
    if (csp !== 1) problems.push(`${path}: ${csp} Content-Security-Policy meta tags`);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(150);
  }
  console.log(`crawl: ${paths.length} pages, ${requests} requests, ${site.foreign.length} to other hosts`);
  assert.deepEqual(problems, []);
  assert.deepEqual(site.foreign, []);
  await context.close();
});

test('two builds of the same content, the second with an empty image cache, give byte-identical site files', () => {
  const repro = ensureBuilt('repro').out;
  const files = walk(DIST)
    .filter((f) => /\.(html|xml|xhtml|css|js|json|ics|txt)$|_headers$/.test(f))
    .map((f) => relative(DIST, f));
  assert.ok(files.length > 30);
  const differ = files.filter(
    (f) => !existsSync(join(repro, f)) || !readFileSync(join(DIST, f)).equals(readFileSync(join(repro, f))),
  );
  const panels = walk(join(DIST, 'panels')).map((f) => relative(DIST, f));
  const panelDiffer = panels.filter(
    (f) => !existsSync(join(repro, f)) || !readFileSync(join(DIST, f)).equals(readFileSync(join(repro, f))),
  );
  console.log(
    `reproducibility: ${files.length} site files and ${panels.length} panel images compared, ${differ.length + panelDiffer.length} differ`,
  );
  assert.deepEqual(differ, []);
  assert.deepEqual(panelDiffer, []);
});
