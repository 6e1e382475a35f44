// A book in three languages (test/fixtures/books/trilingual: French original, English, Spanish
// partly translated): fallback notices, lang attributes, outdated parts, strict builds, and the
// all-or-nothing build that keeps the previous output when it fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axe, ensureBuilt, useSite } from './helpers.ts';

const out = mkdtempSync(join(tmpdir(), 'planches-trilingual-'));
const build = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/build.ts', '--book', 'test/fixtures/books/trilingual', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
const dist = ensureBuilt('trilingual').out;
const site = useSite({ dist });

test('every language has its home, episodes and interface; the switch offers the two others', async () => {
  const { page, context } = await site.newPage();
  for (const [lang, h1] of [
    ['fr', 'Le Petit Livre'],
    ['en', 'The Little Book'],
    ['es', 'El Librito'],
  ]) {
    await page.goto(site.url(`/${lang}/`));
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.textContent('h1'), h1);
  }
  assert.equal(await page.textContent('.skip-link'), 'Ir al contenido');
  const others = await page
    .locator('a[data-lang-switch]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('hreflang')));
  assert.deepEqual(others, ['fr', 'en']);
  await context.close();
});

test('a partly translated episode shows the original where needed, with lang and a notice', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url('/es/1-la-cave/'));
  assert.equal(await page.textContent('h1'), 'La bodega');
  assert.match((await page.textContent('.notice'))!, /Partes de este episodio aún no están traducidas/);
  assert.equal(await page.getAttribute('#p1', 'lang'), null, 'translated paragraph inherits es');
  assert.equal(await page.getAttribute('#p2', 'lang'), 'fr');
  assert.equal(await page.locator('.part--untranslated .part__label').textContent(), 'Aún sin traducir');
  // The bubble translated into Spanish is in the Spanish transcript; the other falls back to French.
  const lines = await page
    .locator('[data-transcript] li')
    .evaluateAll((ls) => ls.map((l) => `${l.getAttribute('lang') ?? 'es'}: ${l.textContent}`));
  assert.ok(
    lines.some((l) => l.startsWith('es:') && l.includes('¡Está oscuro!')),
    lines.join(' | '),
  );
  assert.ok(
    lines.some((l) => l.startsWith('fr:') && l.includes('Plus tard.')),
    lines.join(' | '),
  );
  assert.deepEqual(await axe(page), []);
  await page.goto(site.url('/es/2-le-grenier/'));
  assert.match((await page.textContent('.notice'))!, /Este episodio aún no está traducido al español/);
  assert.equal(await page.getAttribute('h1', 'lang'), 'fr');
  assert.equal(await page.locator('.episode-body p[lang=fr]').count(), 3);
  await context.close();
});

test('an outdated paragraph carries the "original has changed" notice', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url('/en/1-la-cave/'));
  assert.equal(await page.locator('.part--outdated #p2').count(), 1);
  assert.equal(
    await page.locator('.part--outdated .part__label').textContent(),
    'The original has changed since this was translated.',
  );
  await context.close();
});

test('the translation page lists what is left to do in each language', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url('/es/translation/'));
  const headings = await page.locator('h2').allTextContents();
  assert.equal(headings.length, 2);
  assert.match(headings[0]!, /español/i, 'the page language comes first');
  assert.match((await page.locator('.translation-status__language').first().textContent())!, /p2 — sin traducir/);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('--strict refuses the book and lists every missing translation; the old output stays whole', () => {
  const target = join(out, 'strict');
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'index.html'), 'previous build');
  const r = build('--strict', '--out', target);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--strict: \d+ translation part\(s\) are missing or outdated/);
  assert.match(r.stderr, /1-la-cave\/es\.mdx: es: p2 is not translated\./);
  assert.match(r.stderr, /1-la-cave\/en\.mdx: en: p2 is outdated/);
  assert.equal(readFileSync(join(target, 'index.html'), 'utf8'), 'previous build');
});

test('a problem found while drawing the panels (made in their own process) stops the build with its message', () => {
  const book = mkdtempSync(join(tmpdir(), 'planches-broken-'));
  spawnSync('cp', ['-r', 'test/fixtures/books/minimal/.', book]);
  const panels = join(book, 'content/episodes/1-la-cave/panels.yaml');
  writeFileSync(
    panels,
    readFileSync(panels, 'utf8').replace("en: It's dark!", `en: "${'It is so very dark down here. '.repeat(12)}"`),
  );
  const target = join(out, 'keep-panels');
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'index.html'), 'previous build');
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--book', book, '--out', target], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Build failed\. .* was left as it was/);
  assert.match(
    r.stderr,
    /1-la-cave\/panels\.yaml \(panels\.cave\.bubbles\.noir\.text\.en\): in episode 1, panel "cave", bubble "noir": the en text cannot fit its box/,
  );
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(readFileSync(join(target, 'index.html'), 'utf8'), 'previous build');
  rmSync(book, { recursive: true, force: true });
});

test('a content error stops the build with its message and leaves the previous output untouched', () => {
  const book = mkdtempSync(join(tmpdir(), 'planches-broken-'));
  spawnSync('cp', ['-r', 'test/fixtures/books/minimal/.', book]);
  const fr = join(book, 'content/episodes/1-la-cave/fr.mdx');
  writeFileSync(fr, `${readFileSync(fr, 'utf8')}\nimport x from "y"\n`);
  const target = join(out, 'keep');
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'index.html'), 'previous build');
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--book', book, '--out', target], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /content\/episodes\/1-la-cave\/fr\.mdx:\d+: imports and exports are not allowed in an episode/,
  );
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(readFileSync(join(target, 'index.html'), 'utf8'), 'previous build');
  assert.ok(!existsSync(join(target, 'fr')));
  rmSync(book, { recursive: true, force: true });
});
