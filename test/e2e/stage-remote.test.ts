// The phone remote, end to end: `npm run stage -- --remote` (on 127.0.0.1 here: tests listen on
// nothing else), a laptop browser on the presenter screen and a phone browser on the printed
// address. The phone pairs from the QR code's address, sends next and blackout, and shows what
// the presenter shows; a browser that has not paired is refused; with the phone gone, the laptop
// goes on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../src/server/browser.ts';
import { DIST } from './helpers.ts';

let browser: Browser;
let stage: ChildProcess;
let printed = '';

before(async () => {
  stage = spawn(
    process.execPath,
    ['scripts/stage.ts', '--remote', '--host', '127.0.0.1', '--port', '0', '--dist', DIST],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm run stage did not start:\n${printed}`)), 30_000);
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('Ctrl+C stops the server')) {
        clearTimeout(timer);
        ok();
      }
    };
    stage.stdout!.on('data', read);
    stage.stderr!.on('data', read);
    stage.once('exit', (code) => fail(new Error(`npm run stage exited (${code}):\n${printed}`)));
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  stage?.kill('SIGTERM');
});

const beatOf = (p: Page) => p.evaluate(() => Number(document.documentElement.dataset.beat));

test('npm run stage -- --remote prints the phone’s address as a QR code with the pairing code', () => {
  const phone = /open\n\s+(http:\/\/127\.0\.0\.1:\d+\/fr\/stage\/remote\/#code=(\d{6}))/.exec(printed);
  assert.ok(phone, `the phone's address:\n${printed}`);
  const code = /pairing code: (\d{3}) (\d{3})/.exec(printed);
  assert.ok(code, 'the pairing code');
  assert.equal(`${code[1]}${code[2]}`, phone[2], 'the address carries the same code');
  assert.match(printed, /[▀▄█]{10,}/, 'a QR code drawn in the terminal');
  assert.doesNotMatch(
    printed,
    /Listening on 0\.0\.0\.0/,
    'with --host 127.0.0.1, nothing listens beyond this computer',
  );
});

test('a paired phone drives the presenter (next, blackout) and shows its beats and timer; an unpaired browser is refused', async () => {
  const phoneUrl = /(http:\/\/127\.0\.0\.1:\d+\/fr\/stage\/remote\/#code=\d{6})/.exec(printed)![1]!;
  const origin = new URL(phoneUrl).origin;
  const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const presenter = await laptop.newPage();
  await presenter.goto(`${origin}/fr/stage/`);
  await presenter.waitForSelector('html[data-ready=true]');
  await presenter.waitForSelector('[data-remote]:not([hidden])');
  assert.match(
    (await presenter.textContent('[data-remote]'))!,
    /\d{3} \d{3} · 0/,
    'the presenter shows the code, no phone yet',
  );

  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const phone = await phoneCtx.newPage();
  await phone.goto(phoneUrl);
  await phone.waitForSelector('[data-live]:not([hidden])');
  assert.equal(new URL(phone.url()).hash, '', 'the code leaves the address bar once used');
  await phone.waitForFunction(() => document.querySelector('[data-now]')!.textContent!.includes('Tableau 1'));
  assert.match((await phone.textContent('[data-next]'))!, /Tableau 2/);
  assert.match((await phone.textContent('[data-link]'))!, /Relié/);
  // The buttons are thumb-sized and on the first screen.
  for (const sel of ['[data-command=prev]', '[data-command=next]', '[data-command=blackout]']) {
    const box = (await phone.locator(sel).boundingBox())!;
    assert.ok(box.height >= 48 && box.width >= 120 && box.y + box.height <= 844, `${sel}: ${JSON.stringify(box)}`);
  }

  // Next, as the clicker: a long script is paged first, then the beat changes.
  for (let i = 0; i < 12 && (await beatOf(presenter)) === 0; i++) {
    await phone.tap('[data-command=next]');
    await presenter.waitForTimeout(250);
  }
  assert.equal(await beatOf(presenter), 1, 'the presenter moved to beat 2');
  await phone.waitForFunction(() => document.querySelector('[data-now]')!.textContent!.includes('Tableau 2'));
  await phone.tap('[data-command=blackout]');
  await presenter.waitForSelector('html[data-blackout=true]');
  await phone.waitForSelector('[data-command=blackout][aria-pressed=true]');
  await phone.tap('[data-command=blackout]');
  await presenter.waitForSelector('html[data-blackout=false]');
  await presenter.waitForFunction(() => /· 1/.test(document.querySelector('[data-remote]')!.textContent!), null, {
    timeout: 5000,
  });

  // A browser that never paired: its commands and reads are refused, and nothing moves.
  const stranger = await browser.newContext();
  const refused = await stranger.request.post(`${origin}/stage-remote/command`, {
    data: { command: 'next' },
    headers: { Authorization: `Bearer ${'0'.repeat(64)}` },
  });
  assert.equal(refused.status(), 401);
  assert.equal((await stranger.request.get(`${origin}/stage-remote/status`)).status(), 401);
  assert.equal((await stranger.request.post(`${origin}/stage-remote/pair`, { data: { code: 'nope' } })).status(), 403);
  await presenter.waitForTimeout(300);
  assert.equal(await beatOf(presenter), 1, 'an unpaired command moved nothing');
  await stranger.close();

  // The phone goes away: the laptop's keys go on as before.
  await phoneCtx.close();
  await presenter.keyboard.press('ArrowRight');
  await presenter.waitForFunction(() => document.documentElement.dataset.beat === '2');
  await laptop.close();
});
