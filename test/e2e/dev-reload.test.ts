// `npm run dev` keeps what did not change between two loads of the book (parsed texts, YAML, the
// images of the last load): in Chromium, a saved change must still show, in the file saved and in
// another one, and a content error must reach Astro's overlay, naming the file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../src/server/browser.ts';

const EP1 = 'content/episodes/1-la-cave';
const EP2 = 'content/episodes/2-le-grenier';
let dir: string;
let book: string;
let dev: ChildProcess;
let browser: Browser;
let page: Page;
let origin: string;
let log = '';

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(join(book, file), 'utf8');
  assert.ok(text.includes(from), `${file} has ${from}`);
  writeFileSync(join(book, file), text.replace(from, to));
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'planches-dev-'));
  book = join(dir, 'book');
  cpSync('test/fixtures/books/minimal', book, { recursive: true });
  const port = await new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
  origin = `http://127.0.0.1:${port}`;
  dev = spawn(
    process.execPath,
    ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PLANCHES_BOOK: book, PLANCHES_DRAFTS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  dev.stdout!.on('data', (d) => (log += d));
  dev.stderr!.on('data', (d) => (log += d));
  for (let i = 0; ; i++) {
    if (dev.exitCode !== null || i > 300) throw new Error(`astro dev did not start:\n${log}`);
    const res = await fetch(`${origin}/fr/1-la-cave/`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${origin}/fr/1-la-cave/`);
});

after(async () => {
  await browser?.close();
  if (dev?.pid && dev.exitCode === null) process.kill(-dev.pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('a saved sentence shows in the open page', async () => {
  edit(`${EP1}/fr.mdx`, 'Il faisait noir dans la cave.', 'Il faisait Sombrecave dans la cave.');
  await page.getByText('Sombrecave').waitFor({ timeout: 10_000 });
});

test("another episode's title, saved, shows in this page's link to it", async () => {
  edit(`${EP2}/fr.mdx`, 'title: "Le grenier"', 'title: "Le Grenierneuf"');
  await page.locator('main').getByText('Le Grenierneuf').first().waitFor({ timeout: 10_000 });
});

test("a panel's bubble, saved in panels.yaml, is drawn again", async () => {
  const src = () => page.locator('main img[src*="/panels/"], main object[data*="/panels/"]').first();
  await src().waitFor({ timeout: 10_000 });
  const before = await page.content();
  edit(`${EP1}/panels.yaml`, 'fr: Il fait noir !', 'fr: Il fait nuit !');
  // The image's name is the hash of what it draws: a new name once the bubble is drawn again.
  await page.waitForFunction(
    (old) => {
      const names = (html: string) => (html.match(/panels\/[^"?]+/g) ?? []).sort().join(' ');
      return document.querySelector('main') && names(document.documentElement.outerHTML) !== names(old);
    },
    before,
    { timeout: 15_000 },
  );
});

test('a content error shows in the overlay with the file, and goes once fixed', async () => {
  edit(`${EP1}/fr.mdx`, '---\n', '---\nnonsense: 1\n');
  await page.locator('vite-error-overlay').getByText(`${EP1}/fr.mdx:2`).first().waitFor({ timeout: 10_000 });
  edit(`${EP1}/fr.mdx`, 'nonsense: 1\n', '');
  await page.locator('vite-error-overlay').waitFor({ state: 'detached', timeout: 10_000 });
  await page.getByText('Sombrecave').waitFor({ timeout: 10_000 });
});
