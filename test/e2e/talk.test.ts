// The recorded talk on the site, in Chromium, against a PeerTube stand-in served by this test on
// 127.0.0.1: the click-to-load facade, the embed and its parameters, the panels following the
// video, "see this panel performed", the performances list and its iCalendar file, sharing, and
// the link-preview metadata. The fixture book (test/fixtures/books/talk) is copied to a temp
// folder with the stand-in's port and built there.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Frame, Page } from 'playwright-core';
import { axe, useSite } from './helpers.ts';
import { startSilentInstance, startStandIn, type StandIn } from './peertube-standin.ts';

const KIT = new URL('../..', import.meta.url).pathname;
const FIXTURE = join(KIT, 'test/fixtures/books/talk');
const EP = '/en/1-la-cave/';
const SHORT_ID = '9wvVKpR3dv8fQ8nZ5Rt2fq';

let standin: StandIn;
/** The first copy of episode 4's excerpt: an instance that never answers. */
let silent: StandIn;
let work: string;
let dist: string;

async function prepare(): Promise<void> {
  standin = await startStandIn();
  silent = await startSilentInstance();
  work = mkdtempSync(join(tmpdir(), 'planches-talk-'));
  const book = join(work, 'book');
  cpSync(FIXTURE, book, { recursive: true, filter: (src) => !src.includes('/.cache') });
  const port = new URL(standin.origin).port;
  const silentPort = new URL(silent.origin).port;
  for (const file of [
    'content/book.yaml',
    'content/episodes/1-la-cave/talk.yaml',
    'content/episodes/2-le-grenier/talk.yaml',
    'content/episodes/4-la-remise/talk.yaml',
  ]) {
    const path = join(book, file);
    writeFileSync(
      path,
      readFileSync(path, 'utf8')
        .replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`)
        .replaceAll('127.0.0.1:8788', `127.0.0.1:${silentPort}`),
    );
  }
  dist = join(work, 'dist');
  const r = spawnSync(process.execPath, [join(KIT, 'scripts/build.ts'), '--book', book, '--out', dist], {
    cwd: KIT,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error(`the fixture book did not build:\n${r.stdout}\n${r.stderr}`);
}

after(async () => {
  await standin?.close();
  await silent?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const site = useSite({ prepare, dist: () => dist, allowOrigins: () => [standin.origin, silent.origin] });

/** The player's frame, once the embed has loaded in it. */
async function playerFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe.talk__player').elementHandle();
  const frame = (await handle!.contentFrame())!;
  await frame.waitForFunction(() => 'standin' in window);
  return frame;
}

const highlighted = (page: Page) =>
  page.locator('figure.panel--now').evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.panel));

test('nothing reaches the PeerTube instance, and no player code loads, before the reader presses play', async () => {
  const { page, context } = await site.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(site.url(EP), { waitUntil: 'networkidle' });
  await page.locator('[data-talk-start]').hover();
  await page.mouse.wheel(0, 20000);
  await page.waitForTimeout(800);
  await page.goto(site.url('/fr/1-la-cave/'), { waitUntil: 'networkidle' });
  await page.goto(site.url('/en/'), { waitUntil: 'networkidle' });
  assert.deepEqual(standin.requests, [], 'the stand-in received requests before any click');
  assert.deepEqual(silent.requests, [], 'nor the other instance');
  assert.ok(
    !scripts.some((s) => /\/talk\.[\w-]+\.js$/.test(s)),
    `the player's code loaded up front: ${scripts.join(', ')}`,
  );
  const bytes = [...new Set(scripts)]
    .filter((s) => !s.includes('/search'))
    .reduce((sum, p) => sum + gzipSync(readFileSync(join(dist, p))).length, 0);
  assert.ok(bytes <= 5 * 1024, `${bytes} bytes of JavaScript up front`);
  assert.deepEqual(site.foreign, []);
  await context.close();
});

test('the Content-Security-Policy allows frames from the excerpt’s instance only, on the pages that show it', async () => {
  const { page, context } = await site.newPage();
  const csp = async (path: string) => {
    await page.goto(site.url(path));
    return (await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'))!;
  };
  const episode = await csp(EP);
  assert.match(episode, new RegExp(`frame-src ${standin.origin};`));
  assert.equal(episode.match(/https?:\/\//g)?.length, 1, `one other origin in all: ${episode}`);
  for (const path of ['/en/', '/en/about/']) assert.match(await csp(path), /frame-src 'none'/, path);
  await context.close();
});

test('the facade shows the poster, the title, the length and where the video comes from', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(EP));
  const talk = page.locator('[data-talk]');
  assert.equal(await talk.locator('h2').textContent(), 'Going down to the cellar');
  assert.match((await talk.locator('.talk__length').textContent())!, /2\s*min.*35\s*s/);
  assert.equal(await talk.locator('.talk__length').getAttribute('datetime'), 'PT2M35S');
  const poster = talk.locator('.talk__poster img');
  assert.match((await poster.getAttribute('src'))!, /^\/panels\/poster\.1-la-cave\.[0-9a-f]{12}\.jpg$/);
  assert.equal(await poster.getAttribute('alt'), '', 'the poster is decorative: the title is text');
  const host = new URL(standin.origin).host;
  const privacy = (await talk.locator('.talk__privacy').textContent())!.replace(/\s+/g, ' ');
  assert.equal(
    privacy,
    `Playing loads the video from Vidéos de test (${host}), which then sees your IP address (read its privacy policy).`,
  );
  assert.equal(await talk.locator('.talk__privacy a').getAttribute('href'), `${standin.origin}/about/privacy`);
  // Its accessible name says what it does, for what.
  const name = await page.locator('[data-talk-start]').evaluate((a) => a.textContent!.replace(/\s+/g, ' ').trim());
  assert.match(name, /^Play the excerpt — Going down to the cellar, 2\s*min.*35\s*s/);
  // The French page: the same sentence in French, and the French title.
  await page.goto(site.url('/fr/1-la-cave/'));
  assert.equal(await page.locator('[data-talk] h2').textContent(), 'La descente à la cave');
  assert.equal(
    (await page.locator('.talk__privacy').textContent())!.replace(/\s+/g, ' '),
    `La lecture charge la vidéo depuis Vidéos de test (${host}), qui voit alors votre adresse IP (lire sa politique de confidentialité).`,
  );
  // An excerpt with no English title shows the original one, marked as French; its poster is the author's.
  await page.goto(site.url('/en/2-le-grenier/'));
  assert.equal(await page.locator('[data-talk] h2').getAttribute('lang'), 'fr');
  assert.match((await page.locator('.talk__poster img').getAttribute('src'))!, /poster\.2-le-grenier\./);
  assert.deepEqual(standin.requests, []);
  await context.close();
});

test('axe finds no violation with the facade, light and dark, desktop and phone', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const { page, context } = await site.newPage({ colorScheme, viewport });
      await page.goto(site.url(EP));
      assert.deepEqual(await axe(page), [], `${colorScheme} ${viewport.width}px`);
      await context.close();
    }
  }
});

test('without JavaScript the facade and the panels link to the video’s page at their time', async () => {
  const { page, context } = await site.newPage({ javaScriptEnabled: false });
  await page.goto(site.url(EP));
  assert.equal(
    await page.locator('[data-talk-start]').getAttribute('href'),
    `${standin.origin}/w/${SHORT_ID}?start=90&stop=245`,
  );
  assert.equal(
    await page.locator('#panel-lampe [data-talk-seek]').getAttribute('href'),
    `${standin.origin}/w/${SHORT_ID}?start=150&stop=245`,
  );
  assert.equal(await page.locator('[data-talk-start]').getAttribute('referrerpolicy'), 'no-referrer');
  await page.goto(site.url('/en/2-le-grenier/'));
  assert.equal(
    await page.locator('[data-talk-start]').getAttribute('href'),
    `${standin.origin}/videos/watch/3f2b8c1e-5d4a-4c7b-9e21-0a6f4d8b2c17?start=300&stop=360`,
  );
  // Following the link is an ordinary navigation to the video's page.
  await page.locator('[data-talk-start]').click();
  await page.waitForURL(`${standin.origin}/videos/watch/**`);
  await context.close();
  standin.requests.length = 0;
});

test('pressing play loads the embed in place, with the excerpt’s settings, and moves focus into it', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(EP));
  const box = (await page.locator('[data-talk-frame]').boundingBox())!;
  await page.locator('[data-talk-start]').click();
  const iframe = page.locator('iframe.talk__player');
  await iframe.waitFor();
  const src = new URL((await iframe.getAttribute('src'))!);
  assert.equal(src.origin, standin.origin);
  assert.equal(src.pathname, `/videos/embed/${SHORT_ID}`);
  assert.deepEqual(Object.fromEntries(src.searchParams), {
    start: '90',
    stop: '245',
    subtitle: 'en',
    api: '1',
    p2p: '0',
    warningTitle: '0',
    title: '0',
    peertubeLink: '0',
    autoplay: '1',
  });
  assert.deepEqual((await iframe.getAttribute('sandbox'))!.split(' ').sort(), [
    'allow-popups',
    'allow-popups-to-escape-sandbox',
    'allow-same-origin',
    'allow-scripts',
  ]);
  assert.equal(await iframe.getAttribute('referrerpolicy'), 'no-referrer');
  assert.equal(await iframe.getAttribute('title'), 'Video: Going down to the cellar');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'talk__player', 'focus is in the player');
  const after = (await page.locator('[data-talk-frame]').boundingBox())!;
  assert.deepEqual(
    [after.width, after.height].map(Math.round),
    [box.width, box.height].map(Math.round),
    'the player takes the facade’s place',
  );
  const frame = await playerFrame(page);
  assert.ok(
    standin.requests.some((r) => r.startsWith(`/videos/embed/${SHORT_ID}?`)),
    standin.requests.join('\n'),
  );
  // The two ends talk: the embed autoplays and the page hears its status.
  await frame.waitForFunction(() => (window as unknown as { standin: { state: string } }).standin.state === 'playing');
  assert.deepEqual(await axe(page), [], 'with the player loaded');
  await context.close();
});

test('the panel being performed is highlighted as the video plays', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(EP));
  await page.locator('[data-talk-start]').click();
  const frame = await playerFrame(page);
  const at = (s: number) =>
    frame.evaluate(
      (p) => (window as unknown as { standin: { setPosition(p: number): void } }).standin.setPosition(p),
      s,
    );
  // 1:30 to 1:40: the excerpt has started, no panel is performed yet.
  await at(95);
  await page.waitForTimeout(700);
  assert.deepEqual(await highlighted(page), []);
  await at(101);
  await page.waitForFunction(() => document.querySelector('#panel-cave.panel--now'));
  assert.deepEqual(await highlighted(page), ['cave']);
  assert.ok(await page.locator('#panel-cave [data-talk-now]').isVisible());
  assert.equal(await page.locator('#panel-cave [data-talk-now]').textContent(), 'Now in the video');
  await at(155);
  await page.waitForFunction(() => document.querySelector('#panel-lampe.panel--now'));
  assert.deepEqual(await highlighted(page), ['lampe']);
  assert.ok(!(await page.locator('#panel-cave [data-talk-now]').isVisible()));
  await at(210);
  await page.waitForFunction(() => document.querySelector('#panel-etagere.panel--now'));
  assert.deepEqual(await highlighted(page), ['etagere']);
  // Back before a panel (the reader drags the seek bar), and past the end of the excerpt.
  await at(120);
  await page.waitForFunction(() => document.querySelector('#panel-cave.panel--now'));
  assert.deepEqual(await highlighted(page), ['cave']);
  await at(250);
  await page.waitForFunction(() => !document.querySelector('.panel--now'));
  await context.close();
});

test('“see this panel performed” starts the video at that panel, loaded or not', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(EP));
  const link = page.locator('#panel-lampe [data-talk-seek]');
  assert.equal(await link.textContent(), 'See this panel performed');
  assert.match(
    (await page.locator('#panel-lampe .panel__performed-at').textContent())!,
    /at 2:30 in the video, from 127\.0\.0\.1:\d+/,
  );
  // Not loaded yet: the embed loads starting at the panel's time.
  await link.click();
  const iframe = page.locator('iframe.talk__player');
  await iframe.waitFor();
  const src = new URL((await iframe.getAttribute('src'))!);
  assert.equal(src.searchParams.get('start'), '150');
  assert.equal(src.searchParams.get('stop'), '245');
  const frame = await playerFrame(page);
  assert.equal(
    await frame.evaluate(() => (window as unknown as { standin: { position: number } }).standin.position >= 150),
    true,
  );
  // Loaded: the page asks the embed to seek and play, and brings the player into view.
  await page.locator('#panel-etagere [data-talk-seek]').click();
  await frame.waitForFunction(() =>
    (window as unknown as { standin: { calls: Array<{ method: string }> } }).standin.calls.some(
      (c) => c.method === 'seek',
    ),
  );
  const calls = await frame.evaluate(
    () => (window as unknown as { standin: { calls: Array<{ method: string; params: unknown }> } }).standin.calls,
  );
  const seek = calls.find((c) => c.method === 'seek');
  assert.deepEqual(seek, { method: 'seek', params: 200 });
  assert.ok(
    calls.some((c) => c.method === 'play'),
    JSON.stringify(calls),
  );
  await page.waitForFunction(() => document.querySelector('#panel-etagere.panel--now'));
  await page.waitForTimeout(600);
  const top = await iframe.evaluate((f) => f.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 900, `the player is in view (top ${top})`);
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'talk__player');
  await context.close();
});

test('the performances: upcoming first by the reader’s clock, past after; all by date without JavaScript', async () => {
  const seen = standin.requests.length;
  // Without JavaScript: one list, by date.
  const nojs = await site.newPage({ javaScriptEnabled: false });
  await nojs.page.goto(site.url('/en/'));
  const dates = (p: Page, list = '.performances') =>
    p.locator(`${list} .performance`).evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.date));
  assert.deepEqual(await dates(nojs.page), ['2022-12-06', '2030-01-10', '2031-05-20']);
  assert.equal(await nojs.page.locator('.performances h3').count(), 0);
  assert.equal(
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, with the breaks between its blocks.
    (await nojs.page.locator('.performance').nth(2).innerText()).replace(/\s+/g, ' '),
    'Tuesday, May 20, 2031 8:30 PM, local time Théâtre de la Cave, Lyon The event on Mobilizon',
  );
  assert.equal(
    (await nojs.page.locator('.performance').nth(1).textContent())!.replace(/\s+/g, ' ').trim(),
    'Thursday, January 10, 2030 CancelledNantes',
  );
  await nojs.context.close();

  // In 2026: two dates to come (one cancelled), one past.
  const { page, context } = await site.newPage({ locale: 'en-GB' });
  await page.clock.setFixedTime(new Date('2026-03-01T12:00:00Z'));
  await page.goto(site.url('/en/'));
  await page.waitForSelector('[data-performances][data-arranged]');
  const headings = await page.locator('.performances h3').allTextContents();
  assert.deepEqual(headings, ['Coming up', 'Past performances']);
  const dataDates = (list: string) =>
    page
      .locator(`ol[data-performances-list="${list}"] li`)
      .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.date));
  assert.deepEqual(await dataDates('upcoming'), ['2030-01-10', '2031-05-20']);
  assert.deepEqual(await dataDates('past'), ['2022-12-06']);
  const lists = page.locator('.performances ol');
  assert.deepEqual(
    await lists
      .nth(0)
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.date)),
    ['2030-01-10', '2031-05-20'],
  );
  assert.deepEqual(
    await lists
      .nth(1)
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.date)),
    ['2022-12-06'],
  );
  // Dates and times as a British browser writes them; statuses shown.
  const may = page.locator('.performance[data-date="2031-05-20"]');
  assert.equal(
    await may.locator('.performance__date').textContent(),
    'Tuesday, 20 May 2031',
    'the British order, not the page’s American one',
  );
  assert.equal(await may.locator('.performance__time').textContent(), '20:30, local time');
  assert.equal(await may.locator('time').getAttribute('datetime'), '2031-05-20T20:30+02:00');
  assert.equal(
    await page.locator('.performance[data-date="2030-01-10"] .performance__status').textContent(),
    'Cancelled',
  );
  assert.equal(
    await page.locator('.performance[data-date="2022-12-06"] .performance__status').textContent(),
    'Sold out',
  );
  assert.equal(
    await may.locator('a').getAttribute('href'),
    'https://mobilizon.example/events/7c1d2f3a-8b9e-4d5c-a1b2-c3d4e5f6a7b8',
  );
  assert.deepEqual(await axe(page), []);
  await context.close();

  // During the show it is still upcoming; once it is over (1h30 after 20:30 in Lyon), it is past.
  for (const [now, upcoming] of [
    ['2031-05-20T19:45:00Z', ['2031-05-20']],
    ['2031-05-20T20:01:00Z', []],
  ] as const) {
    const s = await site.newPage();
    await s.page.clock.setFixedTime(new Date(now));
    await s.page.goto(site.url('/en/'));
    await s.page.waitForSelector('[data-performances][data-arranged]');
    assert.deepEqual(
      await s.page
        .locator('ol[data-performances-list="upcoming"] li')
        .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.date)),
      upcoming,
      now,
    );
    if (!upcoming.length)
      assert.equal(await s.page.locator('.performances__none').textContent(), 'No new date has been announced yet.');
    // The calendar link only while a date is still to come.
    assert.equal(await s.page.locator('.performances__calendar').isVisible(), upcoming.length > 0, now);
    await s.context.close();
  }
  // In French, with the French page's words.
  const fr = await site.newPage({ locale: 'fr-FR' });
  await fr.page.clock.setFixedTime(new Date('2026-03-01T12:00:00Z'));
  await fr.page.goto(site.url('/fr/'));
  await fr.page.waitForSelector('[data-performances][data-arranged]');
  assert.deepEqual(await fr.page.locator('.performances h3').allTextContents(), ['Prochaines dates', 'Dates passées']);
  assert.equal(
    await fr.page.locator('.performance[data-date="2031-05-20"] .performance__date').textContent(),
    'mardi 20 mai 2031',
  );
  assert.equal(
    await fr.page.locator('.performance[data-date="2031-05-20"] .performance__time').textContent(),
    '20:30, heure locale',
  );
  await fr.context.close();
  assert.equal(standin.requests.length, seen);
});

/** A minimal iCalendar reader: unfolds lines, then one record per VEVENT (property name → value, with parameters). */
function parseICalendar(text: string): {
  lines: string[];
  calendar: Record<string, string>;
  events: Array<Record<string, string>>;
} {
  assert.ok(text.endsWith('\r\n'), 'lines end with CRLF');
  assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
  const raw = text.split('\r\n').slice(0, -1);
  for (const l of raw) assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `a line longer than 75 octets: ${l}`);
  // Unfold: a line starting with a space continues the previous one.
  const lines: string[] = [];
  for (const l of raw) {
    if (l.startsWith(' ') && lines.length) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const calendar: Record<string, string> = {};
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | undefined;
  for (const l of lines) {
    const i = l.indexOf(':');
    const key = l.slice(0, i);
    const value = l.slice(i + 1);
    if (l === 'BEGIN:VEVENT') current = {};
    else if (l === 'END:VEVENT') {
      events.push(current!);
      current = undefined;
    } else (current ?? calendar)[key] = value;
  }
  return { lines, calendar, events };
}

test('the iCalendar file lists every performance, all-day where no time is known, with stamps from the content', async () => {
  for (const lang of ['en', 'fr']) {
    const res = await fetch(site.url(`/${lang}/performances.ics`));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/calendar/);
    const { lines, calendar, events } = parseICalendar(await res.text());
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(lines.at(-1), 'END:VCALENDAR');
    assert.equal(calendar.VERSION, '2.0');
    assert.ok(calendar.PRODID);
    assert.equal(
      calendar['X-WR-CALNAME'],
      lang === 'en' ? 'The Staged Book\\, on stage' : 'Le Livre Joué\\, sur scène',
    );
    assert.equal(events.length, 3);
    const [paris, nantes, lyon] = events as [Record<string, string>, Record<string, string>, Record<string, string>];
    // No time known: an all-day event.
    assert.equal(paris['DTSTART;VALUE=DATE'], '20221206');
    assert.equal(paris['DTEND;VALUE=DATE'], '20221207');
    assert.equal(paris.DTSTAMP, '20240115T000000Z', 'stamped with the book’s date, not the clock');
    assert.equal(paris.UID, 'livre-conference-20221206@talk.example');
    assert.equal(paris.LOCATION, 'Paris');
    assert.equal(paris.STATUS, 'CONFIRMED');
    assert.match(paris[`DESCRIPTION;LANGUAGE=${lang}`]!, lang === 'en' ? /^Sold out\\n/ : /^Complet\\n/);
    // Cancelled: said in the status and the summary.
    assert.equal(nantes.STATUS, 'CANCELLED');
    assert.equal(
      nantes[`SUMMARY;LANGUAGE=${lang}`]!.replace(/[\u00a0\u202f]/g, ' '),
      lang === 'en'
        ? 'Cancelled: The Staged Book\\, on stage — Nantes'
        : 'Annulé : Le Livre Joué\\, sur scène — Nantes',
    );
    // A time at the venue: in UTC, with its duration; stamped with its own `updated` date.
    assert.equal(lyon.DTSTART, '20310520T183000Z');
    assert.equal(lyon.DTEND, '20310520T200000Z');
    assert.equal(lyon.DTSTAMP, '20240201T000000Z');
    assert.equal(lyon.LOCATION, 'Théâtre de la Cave\\, Lyon');
    assert.equal(lyon.URL, 'https://mobilizon.example/events/7c1d2f3a-8b9e-4d5c-a1b2-c3d4e5f6a7b8');
    assert.equal(new Set(events.map((e) => e.UID)).size, 3, 'each event has its own UID');
  }
  // The home page links to it.
  const { page, context } = await site.newPage();
  await page.goto(site.url('/fr/'));
  assert.equal(await page.locator('.performances__calendar a').getAttribute('href'), '/fr/performances.ics');
  await context.close();
});

test('sharing sends nothing until used: copy the link, e-mail, Mastodon on the reader’s own server', async () => {
  const seen = standin.requests.length;
  const { page, context } = await site.newPage();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url('/')).origin });
  const before = site.foreign.length;
  await page.goto(site.url(EP));
  const share = page.locator('[data-share]');
  assert.equal(
    await share.locator('a[href^="mailto:"]').getAttribute('href'),
    `mailto:?subject=The%20Cellar&body=The%20Cellar%0Ahttps%3A%2F%2Ftalk.example%2Fen%2F1-la-cave%2F`,
  );
  await share.getByRole('button', { name: 'Copy the link' }).click();
  await page.waitForFunction(
    () => document.querySelector('[data-share-status]')?.textContent === 'The link is copied.',
  );
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'https://talk.example/en/1-la-cave/');

  const toggle = share.getByRole('button', { name: 'Share on Mastodon' });
  await toggle.click();
  // The share code loads on this first click: the toggle opens once it has arrived.
  for (let i = 0; i < 50 && (await toggle.getAttribute('aria-expanded')) !== 'true'; i++)
    await page.waitForTimeout(100);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const input = share.getByLabel('Your Mastodon server');
  await page.waitForFunction(() => document.activeElement?.id === 'share-instance');
  // Not a server: said, and nothing opens.
  await input.fill('javascript:alert(1)');
  await share.getByRole('button', { name: 'Open its share page' }).click();
  await page.waitForFunction(() =>
    document.querySelector('[data-share-status]')?.textContent?.startsWith('This does not look like'),
  );
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(site.foreign.length, before, 'nothing was sent anywhere');
  // The reader's server: its share page opens with the title and address.
  await input.fill('@reader@Mastodon.Example');
  // (The test's network blocks other hosts: the share page's request is caught, not sent.)
  const [request] = await Promise.all([
    context.waitForEvent('request', (r) => r.url().startsWith('https://mastodon.example/')),
    share.getByRole('button', { name: 'Open its share page' }).click(),
  ]);
  assert.ok(request.isNavigationRequest());
  assert.ok(page.url().endsWith(EP), 'it opens in a new tab, the episode stays');
  const opened = new URL(request.url());
  assert.equal(opened.origin, 'https://mastodon.example');
  assert.equal(opened.pathname, '/share');
  assert.equal(opened.searchParams.get('text'), 'The Cellar\nhttps://talk.example/en/1-la-cave/');
  assert.equal(await page.evaluate(() => localStorage.getItem('planches.mastodon')), 'mastodon.example');
  // Remembered next time, and forgotten on request.
  await page.reload();
  await share.getByRole('button', { name: 'Share on Mastodon' }).click();
  await page.waitForFunction(
    () => (document.querySelector('#share-instance') as HTMLInputElement).value === 'mastodon.example',
  );
  await share.getByRole('button', { name: 'Forget this server' }).click();
  await page.waitForFunction(() => localStorage.getItem('planches.mastodon') === null);
  assert.equal(await share.getByLabel('Your Mastodon server').inputValue(), '');
  // The status is written after the storage is cleared: wait for it rather than read it at once.
  await page.waitForFunction(
    () =>
      document.querySelector('[data-share-status]')?.textContent === 'This browser no longer remembers your server.',
  );
  assert.deepEqual(await axe(page), []);
  assert.equal(standin.requests.length, seen);
  await context.close();
  site.foreign.length = before;
});

test('link previews: Open Graph with an image of the first panel made at build time, and fediverse:creator', async () => {
  const { page, context } = await site.newPage();
  for (const lang of ['en', 'fr']) {
    await page.goto(site.url(`/${lang}/1-la-cave/`));
    const meta = (p: string) => page.getAttribute(`meta[property="${p}"]`, 'content');
    assert.equal(await meta('og:type'), 'article');
    assert.equal(await meta('og:title'), lang === 'en' ? 'The Cellar' : 'La cave');
    assert.equal(await meta('og:url'), `https://talk.example/${lang}/1-la-cave/`);
    const image = (await meta('og:image'))!;
    assert.match(
      image,
      new RegExp(`^https://talk\\.example/panels/social\\.1-la-cave\\.${lang}\\.[0-9a-f]{12}\\.jpg$`),
    );
    assert.equal(
      await meta('og:image:alt'),
      lang === 'en' ? 'A dark cellar, a lamp on the ceiling.' : 'Une cave sombre, une lampe au plafond.',
    );
    const file = join(dist, new URL(image).pathname);
    assert.ok(existsSync(file), file);
    const info = await sharp(file).metadata();
    assert.deepEqual([info.format, info.width, info.height], ['jpeg', 1200, 630]);
    assert.equal(await page.getAttribute('meta[name="fediverse:creator"]', 'content'), '@alice@social.example');
  }
  // The other pages show the cover.
  await page.goto(site.url('/en/'));
  assert.match((await page.getAttribute('meta[property="og:image"]', 'content'))!, /social\.book\.en\./);
  await context.close();
  // Every poster and card is in the built site, and nothing else refers to the instance.
  const files = readdirSync(join(dist, 'panels'));
  assert.ok(
    files.some((f) => f.startsWith('poster.1-la-cave.')) && files.some((f) => f.startsWith('poster.2-le-grenier.')),
  );
});

type StandinWindow = {
  standin: {
    calls: Array<{ method: string; params: unknown }>;
    state: string;
    position: number;
    showing: string | null;
    setPosition(p: number): void;
  };
};

test('the stage cues the episode’s excerpt, read from its talk.yaml by the real build', async () => {
  const html = readFileSync(join(dist, 'en/stage/index.html'), 'utf8');
  const json = /<script type="application\/json" id="stage-data">(.*?)<\/script>/s.exec(html)![1]!;
  const { show } = JSON.parse(json) as {
    show: { beats: Array<{ episode: number; script: Array<{ type: string }>; cue?: { peertube?: unknown } }> };
  };
  const cued = show.beats.filter((b) => b.script.some((i) => i.type === 'talk'));
  // The surtitles while the excerpt plays: the book's WebVTT lines, cut to the excerpt.
  const captions = (cued[0]?.cue?.peertube as { captions?: Record<string, Array<{ start: number; text: string }>> })
    ?.captions;
  assert.deepEqual(Object.keys(captions ?? {}), ['fr', 'en']);
  assert.deepEqual(captions!.en![0], { start: 91, end: 98.5, text: 'It was dark in the cellar.' });
  assert.equal(captions!.fr!.length, 4);
  for (const b of cued) delete (b.cue?.peertube as { captions?: unknown } | undefined)?.captions;
  assert.deepEqual(
    cued.map((b) => [b.episode, b.cue?.peertube]),
    [
      [1, { url: `${standin.origin}/w/${SHORT_ID}`, start: 90, stop: 245 }],
      [2, { url: `${standin.origin}/videos/watch/3f2b8c1e-5d4a-4c7b-9e21-0a6f4d8b2c17`, start: 300, stop: 360 }],
      [3, undefined],
      [4, { url: `${silent.origin}/w/2y84q2MQUMWPbiEcxNXMgC`, start: 60, stop: 100 }],
    ],
  );
  // The audience screen may frame those instances, and only them.
  const audience = readFileSync(join(dist, 'en/stage/audience/index.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(audience)![1]!;
  assert.match(csp, new RegExp(`frame-src ${standin.origin} ${silent.origin}`));
});

test('the reader’s captions are selected: subtitle= in the address, then setCaption once the embed is ready', async () => {
  for (const lang of ['en', 'fr']) {
    const { page, context } = await site.newPage();
    await page.goto(site.url(`/${lang}/1-la-cave/`));
    await page.locator('[data-talk-start]').click();
    const frame = await playerFrame(page);
    const src = new URL((await page.locator('iframe.talk__player').getAttribute('src'))!);
    assert.equal(src.searchParams.get('subtitle'), lang);
    await frame.waitForFunction(() =>
      (window as unknown as StandinWindow).standin.calls.some((c) => c.method === 'setCaption'),
    );
    const calls = await frame.evaluate(() =>
      (window as unknown as StandinWindow).standin.calls.filter((c) => /Caption/.test(c.method)),
    );
    assert.deepEqual(calls, [
      { method: 'getCaptions', params: undefined },
      { method: 'setCaption', params: lang },
    ]);
    assert.equal(await frame.evaluate(() => (window as unknown as StandinWindow).standin.showing), lang);
    await context.close();
  }
});

test('the excerpt stays an excerpt: paused at its end each time, after a seek past it too; “Play the whole talk” leaves it', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(EP));
  await page.locator('[data-talk-start]').click();
  const frame = await playerFrame(page);
  const pauses = () =>
    frame.evaluate(() => (window as unknown as StandinWindow).standin.calls.filter((c) => c.method === 'pause').length);
  const at = (p: number) => frame.evaluate((x) => (window as unknown as StandinWindow).standin.setPosition(x), p);
  await frame.waitForFunction(() => (window as unknown as StandinWindow).standin.state === 'playing');
  // Just before the end: the stand-in's own stop= pauses once, as PeerTube's does.
  await at(244.5);
  await frame.waitForFunction(() => (window as unknown as StandinWindow).standin.state === 'paused');
  // The reader drags past the end and plays: PeerTube would play on; the page pauses it.
  await at(250);
  await frame.waitForFunction(() => (window as unknown as StandinWindow).standin.state === 'paused');
  const first = await pauses();
  assert.ok(first >= 1, 'the page asked the embed to pause');
  assert.equal(await page.locator('[data-talk-status]').textContent(), 'End of the excerpt.');
  // And again, each time.
  await at(300);
  await frame.waitForFunction(
    (n) => (window as unknown as StandinWindow).standin.calls.filter((c) => c.method === 'pause').length > n,
    first,
  );
  // Inside the excerpt it plays on, and the status is cleared.
  await at(120);
  await page.waitForTimeout(1200);
  assert.equal(await frame.evaluate(() => (window as unknown as StandinWindow).standin.state), 'playing');
  assert.equal(await page.locator('[data-talk-status]').textContent(), '');
  // The whole talk: a visible link to the video from the excerpt's start, with no stop.
  const whole = page.locator('[data-talk-whole]');
  assert.ok(await whole.isVisible());
  assert.equal(await whole.textContent(), 'Play the whole talk');
  assert.equal(await whole.getAttribute('href'), `${standin.origin}/w/${SHORT_ID}?start=90`);
  assert.equal(
    await page.locator('.talk__links a[download]').getAttribute('href'),
    `${standin.origin}/download/videos/${SHORT_ID}-720.mp4`,
  );
  await context.close();
});

test('the transcript: the excerpt’s lines in the reader’s language, a toggle under the player, and found by search', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url(EP));
  const details = page.locator('details#talk-transcript');
  assert.equal(await details.locator('summary').textContent(), 'Transcript');
  assert.equal(await details.locator('ol').isVisible(), false, 'closed until asked');
  await details.locator('summary').click();
  const lines = await details.locator('li').evaluateAll((lis) => lis.map((li) => li.textContent!.replace(/\s+/g, ' ')));
  assert.deepEqual(lines, [
    '1:31 The Narrator: It was dark in the cellar.',
    "1:41 The Narrator: You couldn't see a thing, not even the tip of your nose.",
    '2:31 And then, click: the lamp came on.',
    '3:21 Shelves, jars, labels & dates.',
  ]);
  // A line's time sends the video there.
  await details.locator('a[data-talk-seek="151"]').click();
  const iframe = page.locator('iframe.talk__player');
  await iframe.waitFor();
  assert.equal(new URL((await iframe.getAttribute('src'))!).searchParams.get('start'), '151');
  assert.deepEqual(await axe(page), []);
  // French page: the French lines.
  await page.goto(site.url('/fr/1-la-cave/'));
  assert.match((await page.locator('#talk-transcript li').first().textContent())!, /Il faisait noir dans la cave/);
  // Search finds a word said only in the talk, and lands on the transcript, opened.
  await page.goto(site.url('/en/'), { waitUntil: 'networkidle' });
  await page.keyboard.press('/');
  await page.keyboard.type('nose');
  await page.waitForFunction(() => document.querySelector<HTMLElement>('#search-results')?.dataset.query === 'nose');
  const href = (await page.locator('.search-result a').first().getAttribute('href'))!;
  assert.equal(href, '/en/1-la-cave/#talk-transcript');
  await page.locator('.search-result a').first().click();
  await page.waitForURL((u) => u.href.endsWith(href));
  await page.waitForFunction(() => (document.querySelector('#talk-transcript') as HTMLDetailsElement).open);
  await context.close();
});

test('a copy elsewhere is offered when the first instance does not answer, then the transcript', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url('/en/4-la-remise/'));
  const privacy = () => page.locator('.talk__privacy').evaluate((p) => p.textContent!.replace(/\s+/g, ' '));
  assert.match(await privacy(), /from Miroir muet \(127\.0\.0\.1:\d+\)/);
  await page.locator('[data-talk-start]').click();
  const iframe = page.locator('iframe.talk__player');
  await iframe.waitFor();
  assert.equal(new URL((await iframe.getAttribute('src'))!).origin, silent.origin);
  // Nothing more happens by itself: after the book's patience (2 s), the reader is told and offered.
  const trouble = page.locator('[data-talk-trouble]');
  await trouble.waitFor({ state: 'visible', timeout: 6000 });
  const standinHost = new URL(standin.origin).host;
  assert.deepEqual(await trouble.locator('p').allTextContents(), [
    `The video has not loaded from ${new URL(silent.origin).host}.`,
    `Try the copy on ${standinHost} Read the transcript`,
  ]);
  assert.ok(!standin.requests.some((r) => r.includes('2y84q2MQUMWPbiEcxNXMgC')), 'the copy is not loaded by itself');
  assert.deepEqual(await axe(page), []);
  await page.getByRole('button', { name: `Try the copy on ${standinHost}` }).click();
  await page.waitForFunction(
    (o) => document.querySelector('iframe.talk__player')?.getAttribute('src')?.startsWith(o),
    standin.origin,
  );
  const src = new URL((await iframe.getAttribute('src'))!);
  assert.equal(src.pathname, '/videos/embed/2y84q2MQUMWPbiEcxNXMgC');
  assert.equal(src.searchParams.get('start'), '62', 'the copy’s own start');
  assert.equal(src.searchParams.get('stop'), '102');
  await playerFrame(page);
  assert.ok(await trouble.isHidden());
  // The privacy sentence now names the instance actually used.
  assert.match(await privacy(), new RegExp(`from Vidéos de test \\(${standinHost.replace(/\./g, '\\.')}\\)`));
  assert.equal(await page.locator('[data-talk-privacy]').getAttribute('href'), `${standin.origin}/about/privacy`);
  // The transcript (the French one: there is no English file) is marked as French.
  assert.equal(await page.locator('#talk-transcript ol').getAttribute('lang'), 'fr');
  await context.close();
});

test('an episode with <Talk /> and no excerpt says so, with the performances, in both languages and in print', async () => {
  const { page, context } = await site.newPage();
  await page.clock.setFixedTime(new Date('2026-03-01T12:00:00Z'));
  for (const [lang, sentence, past] of [
    ['en', 'This scene is part of the theatrical talk. Its recording is not published yet.', 'Past performances'],
    [
      'fr',
      'Cette scène fait partie de la conférence théâtralisée. Son enregistrement n’est pas encore publié.',
      'Dates passées',
    ],
  ] as const) {
    await page.goto(site.url(`/${lang}/3-le-jardin/`));
    const block = page.locator('[data-talk-pending]');
    assert.equal(
      (await block.locator('.talk__pending').textContent())!.replace(/\u202f|\u00a0/g, ' '),
      sentence.replace(/\u202f|\u00a0/g, ' '),
    );
    await page.waitForSelector('[data-talk-pending][data-arranged]');
    assert.ok((await block.locator('h3').allTextContents()).includes(past));
    assert.deepEqual(
      await block
        .locator('ol[data-performances-list="past"] li')
        .evaluateAll((l) => l.map((li) => (li as HTMLElement).dataset.date)),
      ['2022-12-06'],
    );
    assert.deepEqual(await axe(page), [], lang);
    const pdf = spawnSync('pdftotext', [join(dist, `${lang}/livre-conference-${lang}.pdf`), '-'], {
      encoding: 'utf8',
    }).stdout;
    // The print edition is hyphenated: soft hyphens and hyphens at line ends are not the sentence's.
    const unbroken = (s: string) => s.replace(/\u00AD|-\n/g, '').replace(/\s+/g, ' ');
    assert.ok(unbroken(pdf).includes(sentence.split('.')[0]!), `the ${lang} PDF`);
    const epub = spawnSync('unzip', ['-p', join(dist, `${lang}/livre-conference-${lang}.epub`)], {
      encoding: 'utf8',
    }).stdout;
    assert.ok(unbroken(epub).includes(sentence.split('.')[0]!), `the ${lang} EPUB`);
  }
  // The transcript is printed in place of the video.
  const pdf = spawnSync('pdftotext', [join(dist, 'en/livre-conference-en.pdf'), '-'], { encoding: 'utf8' }).stdout;
  assert.match(
    pdf.replace(/\u00AD|-\n/g, '').replace(/\s+/g, ' '),
    /Transcript of the excerpt: 1:31 The Narrator: It was dark in the cellar\./,
  );
  await context.close();
});
