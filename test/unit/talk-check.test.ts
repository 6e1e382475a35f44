// npm run talk-check's questions and table, against the PeerTube stand-in on 127.0.0.1 (the real
// command needs the network and is never run by the tests): the fixture book's excerpts, with
// one video missing a caption track, one private and too short, and one copy on an instance that
// never answers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBook, type Book } from '../../src/model/book.ts';
import { chaptersOf, checkTalks, formatTalkTable, type CopyReport } from '../../src/authoring/talk-check.ts';
import { startSilentInstance, startStandIn, type StandIn } from '../e2e/peertube-standin.ts';

const FIXTURE = new URL('../fixtures/books/talk', import.meta.url).pathname;
let standin: StandIn;
let silent: StandIn;
let work: string;
let book: Book;
let reports: CopyReport[];

before(async () => {
  standin = await startStandIn({
    videos: {
      '9wvVKpR3dv8fQ8nZ5Rt2fq': { captions: ['fr'], duration: 1800 },
      '3f2b8c1e-5d4a-4c7b-9e21-0a6f4d8b2c17': { privacy: 3, duration: 330, downloadEnabled: false },
      '2y84q2MQUMWPbiEcxNXMgC': { embedAllowed: false },
    },
  });
  silent = await startSilentInstance();
  work = mkdtempSync(join(tmpdir(), 'planches-talk-check-'));
  cpSync(FIXTURE, work, { recursive: true, filter: (src) => !src.includes('/.cache') });
  for (const file of [
    'content/book.yaml',
    'content/episodes/1-la-cave/talk.yaml',
    'content/episodes/2-le-grenier/talk.yaml',
    'content/episodes/4-la-remise/talk.yaml',
  ]) {
    const path = join(work, file);
    writeFileSync(
      path,
      readFileSync(path, 'utf8')
        .replaceAll('127.0.0.1:8787', new URL(standin.origin).host)
        .replaceAll('127.0.0.1:8788', new URL(silent.origin).host),
    );
  }
  book = loadBook(work);
  reports = await checkTalks(book, (url) => fetch(url, { signal: AbortSignal.timeout(1500) }));
});

after(async () => {
  await standin?.close();
  await silent?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('each copy of each excerpt is asked about: the video, its captions, oEmbed, the embed allow-list', () => {
  assert.deepEqual(
    reports.map((r) => [r.episode, r.field, r.exists]),
    [
      [1, 'video', true],
      [2, 'video', true],
      [4, 'video', false],
      [4, 'mirrors.0', true],
    ],
  );
  const asked = standin.requests.filter((r) => r.includes('9wvVKpR3dv8fQ8nZ5Rt2fq'));
  assert.deepEqual(
    asked.map((r) => r.split('?')[0]),
    [
      '/api/v1/videos/9wvVKpR3dv8fQ8nZ5Rt2fq',
      '/api/v1/videos/9wvVKpR3dv8fQ8nZ5Rt2fq/captions',
      '/services/oembed',
      '/api/v1/videos/9wvVKpR3dv8fQ8nZ5Rt2fq/embed-privacy/allowed',
    ],
  );
  assert.ok(asked.at(-1)!.endsWith('?domain=talk.example'), 'asked for the site’s own domain');
  const first = reports[0]!;
  assert.deepEqual(
    [first.privacy, first.embeddable, first.duration, first.captions, first.downloadEnabled],
    ['public', true, 1800, ['fr'], true],
  );
  assert.match(first.downloadUrl!, /\/download\/videos\/9wvVKpR3dv8fQ8nZ5Rt2fq-720\.mp4$/, 'the largest file');
});

test('problems name the episode’s talk.yaml and the field', () => {
  const problems = reports.flatMap((r) => r.problems);
  const has = (re: RegExp) =>
    assert.ok(
      problems.some((p) => re.test(p)),
      `${re} in:\n${problems.join('\n')}`,
    );
  has(
    /^content\/episodes\/1-la-cave\/talk\.yaml \(captions\.en\.track\): .* has no "en" caption track for this video \(it has: fr\)\.$/,
  );
  has(/^content\/episodes\/2-le-grenier\/talk\.yaml \(video\): the video is private on .*: readers cannot play it/);
  has(
    /^content\/episodes\/2-le-grenier\/talk\.yaml \(end\): the excerpt ends at 6:00, but the video on .* lasts 5:30\.$/,
  );
  has(/^content\/episodes\/4-la-remise\/talk\.yaml \(video\): 127\.0\.0\.1:\d+ does not answer/);
  has(
    /^content\/episodes\/4-la-remise\/talk\.yaml \(mirrors\.0\): .* does not allow this video to be embedded on talk\.example/,
  );
  has(
    /^content\/episodes\/2-le-grenier\/talk\.yaml \(video\): .* does not offer this video for embedding \(oEmbed answered 404\)\.$/,
  );
  assert.equal(problems.length, 6, problems.join('\n'));
});

test('the table, one line per copy', () => {
  const lines = formatTalkTable(reports).split('\n');
  assert.match(lines[0]!, /^episode\s+copy\s+instance\s+exists\s+privacy\s+embed\s+length\s+captions\s+download$/);
  assert.match(lines[1]!, /^1\s+video\s+127\.0\.0\.1:\d+\s+yes\s+public\s+yes\s+30:00\s+fr\s+allowed$/);
  assert.match(lines[2]!, /^2\s+video\s+\S+\s+yes\s+private\s+NO\s+5:30\s+fr en\s+no$/);
  assert.match(lines[3]!, /^4\s+video\s+\S+\s+NO\s+–\s+–\s+–\s+–\s+–$/);
  assert.match(lines[4]!, /^4\s+mirrors\.0\s+\S+\s+yes\s+public\s+NO\s+10:00/);
});

test('the panel cues as chapters, to paste into PeerTube', () => {
  const ep = book.episodes.find((e) => e.number === 1)!;
  assert.deepEqual(chaptersOf(book, ep, 'en'), [
    '1:30 Going down to the cellar',
    '1:40 A dark cellar, a lamp on the ceiling.',
    `2:30 ${ep.panels.find((p) => p.id === 'lampe')!.frames[0]!.alt.en}`,
    `3:20 ${ep.panels.find((p) => p.id === 'etagere')!.frames[0]!.alt.en}`,
  ]);
});
