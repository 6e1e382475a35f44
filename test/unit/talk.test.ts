// The talk excerpt's data: PeerTube addresses in both URL forms (short ids and UUIDs), times in
// the forms authors copy ("90", "1:30", "1m30s"), and every validation error, each naming the
// file, the field and the line an author must fix.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTime, formatClock, formatLength, isoDuration } from '../../src/shared/talk/time.ts';
import { parseVideoAddress, watchUrl, embedUrl, type VideoAddress } from '../../src/shared/talk/address.ts';
import { peertubeEmbed } from '../../src/shared/stage/cue.ts';
import { cueAt } from '../../src/shared/talk/cues.ts';
import { loadBook } from '../../src/model/book.ts';
import { ContentError, type ContentProblem } from '../../src/model/errors.ts';
import { episodeView } from '../../src/model/views/episode.ts';

const TALK_BOOK = new URL('../fixtures/books/talk', import.meta.url).pathname;
const SAMPLE = new URL('../..', import.meta.url).pathname;
const EP1 = 'content/episodes/1-la-cave';
const TALK = `${EP1}/talk.yaml`;
const SHORT = '9wvVKpR3dv8fQ8nZ5Rt2fq';
const UUID = '3f2b8c1e-5d4a-4c7b-9e21-0a6f4d8b2c17';

describe('times', () => {
  const ok: Array<[unknown, number]> = [
    [90, 90],
    ['90', 90],
    ['90s', 90],
    ['1m30s', 90],
    ['1m', 60],
    ['75m', 4500],
    ['1h2m3s', 3723],
    ['1h02m03s', 3723],
    ['1H30M', 5400],
    ['1:30', 90],
    ['01:30', 90],
    ['61:05', 3665],
    ['1:02:03', 3723],
    // Lengths as people write them (a show's plan, a performance's duration): the same grammar.
    ['8 min', 480],
    ['7 min 30 s', 450],
    ['7m 30s', 450],
    ['2min', 120],
    ['90 sec', 90],
    ['1h05', 3900],
    ['1 h 5 min', 3900],
    [0, 0],
    [' 2:00 ', 120],
  ];
  for (const [input, seconds] of ok) {
    test(`${JSON.stringify(input)} is ${seconds} s`, () => assert.deepEqual(parseTime(input), { seconds }));
  }
  const bad: Array<[unknown, RegExp]> = [
    [-5, /negative/],
    ['-1:30', /negative/],
    [1.5, /whole number of seconds/],
    ['1.5', /whole number of seconds/],
    ['1:75', /under 60/],
    ['1:60:00', /under 60/],
    ['1m90s', /seconds after minutes must be under 60/],
    ['1h75m', /minutes after hours must be under 60/],
    ['soon', /is not a time/],
    ['1m30', /is not a time/],
    ['5m5m', /is not a time/],
    ['30s 2m', /is not a time/],
    ['1.5h', /whole number/],
    ['eight minutes', /is not a time/],
    ['', /empty/],
    [null, /expected a time/],
    [true, /expected a time/],
    [Number.NaN, /not a time/],
  ];
  for (const [input, message] of bad) {
    test(`${JSON.stringify(input)} is refused`, () => {
      const r = parseTime(input);
      assert.ok('error' in r, `accepted ${JSON.stringify(input)}`);
      assert.match(r.error, message);
    });
  }
  test('clock, length and ISO forms', () => {
    assert.equal(formatClock(102), '1:42');
    assert.equal(formatClock(3723), '1:02:03');
    assert.equal(formatClock(5), '0:05');
    assert.equal(isoDuration(155), 'PT2M35S');
    assert.equal(isoDuration(3600), 'PT1H');
    assert.equal(isoDuration(0), 'PT0S');
    assert.match(formatLength(155, 'en'), /^2\smin.*35\ss/);
    assert.match(formatLength(155, 'fr'), /^2\smin.*35\ss$/);
    assert.match(formatLength(40, 'en'), /^40\ss/);
  });
});

describe('PeerTube video addresses', () => {
  const cases: Array<[string, Partial<VideoAddress>]> = [
    [
      `https://video.example/w/${SHORT}`,
      { origin: 'https://video.example', host: 'video.example', id: SHORT, idKind: 'short', form: 'w' },
    ],
    [`https://video.example/w/${UUID}`, { id: UUID, idKind: 'uuid', form: 'w' }],
    [`https://video.example/videos/watch/${UUID}`, { id: UUID, idKind: 'uuid', form: 'watch' }],
    [`https://video.example/videos/watch/${SHORT}`, { id: SHORT, idKind: 'short', form: 'watch' }],
    [`https://video.example/videos/embed/${SHORT}`, { id: SHORT, form: 'embed' }],
    [`https://video.example/w/${SHORT}/`, { id: SHORT }],
    [
      `https://Video.Example:8443/videos/watch/${UUID.toUpperCase()}`,
      { origin: 'https://video.example:8443', host: 'video.example:8443', id: UUID },
    ],
    [`  https://video.example/w/${SHORT}  `, { id: SHORT }],
  ];
  for (const [input, expected] of cases) {
    test(`reads ${input.trim()}`, () => {
      const r = parseVideoAddress(input);
      assert.ok('address' in r, 'error' in r ? r.error : '');
      for (const [k, v] of Object.entries(expected)) assert.equal(r.address[k as keyof VideoAddress], v, k);
    });
  }

  const errors: Array<[string, RegExp, boolean?]> = [
    [`http://video.example/w/${SHORT}`, /not a secure address.*https:\/\//],
    [`http://127.0.0.1:8787/w/${SHORT}`, /not a secure address/],
    ['javascript:alert(1)', /not a web address \(it starts with "javascript:"\)/],
    ['data:text/html,<b>hi</b>', /not a web address/],
    [`ftp://video.example/w/${SHORT}`, /not a web address/],
    ['video.example/w/abc', /not a web address/],
    ['', /expected the video’s address/],
    [`https://video.example/w/p/${SHORT}`, /is a playlist, not a video/],
    [`https://video.example/videos/watch/playlist/${UUID}`, /is a playlist, not a video/],
    ['https://video.example/c/my_channel/videos', /not a PeerTube video address: expected/],
    ['https://video.example/', /not a PeerTube video address/],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', /not a PeerTube video address/],
    ['https://video.example/w/123', /neither a video id .* nor a UUID/],
    ['https://video.example/w/0OIl0OIl0OIl0OIl0OIl0O', /neither a video id/],
    [`https://video.example/w/${SHORT}?start=1m30s`, /carries a time \(\?start=1m30s\).*"start" and "end" fields/],
    [`https://video.example/w/${SHORT}?stop=30`, /carries a time/],
    [`https://video.example/w/${SHORT}?playlistPosition=2`, /remove everything from "\?" on/],
    [`https://video.example/w/${SHORT}#comments`, /remove everything from "#" on/],
    [`https://me:secret@video.example/w/${SHORT}`, /user name or password/],
  ];
  for (const [input, message] of errors) {
    test(`refuses ${input || '(empty)'}`, () => {
      const r = parseVideoAddress(input);
      assert.ok('error' in r, `accepted ${input}`);
      assert.match(r.error, message);
    });
  }

  test('plain http on 127.0.0.1 only when the book is a test fixture', () => {
    assert.ok('address' in parseVideoAddress(`http://127.0.0.1:8787/w/${SHORT}`, { allowLocalHttp: true }));
    assert.ok('error' in parseVideoAddress(`http://localhost:8787/w/${SHORT}`, { allowLocalHttp: true }));
    assert.ok('error' in parseVideoAddress(`http://10.0.0.1/w/${SHORT}`, { allowLocalHttp: true }));
  });

  test('the watch link keeps the author’s form; the embed has the excerpt’s settings', () => {
    const w = (parseVideoAddress(`https://video.example/w/${SHORT}`) as { address: VideoAddress }).address;
    const v = (parseVideoAddress(`https://video.example/videos/watch/${UUID}`) as { address: VideoAddress }).address;
    const e = (parseVideoAddress(`https://video.example/videos/embed/${UUID}`) as { address: VideoAddress }).address;
    assert.equal(watchUrl(w, 90, 245), `https://video.example/w/${SHORT}?start=90&stop=245`);
    assert.equal(watchUrl(v, 0), `https://video.example/videos/watch/${UUID}`);
    assert.equal(watchUrl(e, 30), `https://video.example/videos/watch/${UUID}?start=30`);
    const embed = new URL(embedUrl(w, { start: 90, stop: 245 }));
    assert.equal(embed.pathname, `/videos/embed/${SHORT}`);
    assert.deepEqual(Object.fromEntries(embed.searchParams), {
      start: '90',
      stop: '245',
      api: '1',
      p2p: '0',
      warningTitle: '0',
      title: '0',
      peertubeLink: '0',
      autoplay: '1',
    });
    // The reader's caption track, by its language code on the instance.
    assert.equal(new URL(embedUrl(v, { start: 0, stop: 60, subtitle: 'en' })).searchParams.get('subtitle'), 'en');
    // The stage's builder is the same one (a later start, as the stage resumes a cued excerpt).
    assert.equal(peertubeEmbed(`https://video.example/w/${SHORT}`, 90, 245), embedUrl(w, { start: 90, stop: 245 }));
    assert.equal(
      new URL(peertubeEmbed(`https://video.example/videos/watch/${UUID}`, 100.7)!).searchParams.get('start'),
      '100',
    );
  });
});

test('the panel being performed is the last cue reached, until the excerpt ends', () => {
  const cues = [
    { panel: 'a', time: 100 },
    { panel: 'b', time: 150 },
  ];
  assert.equal(cueAt(cues, 90, 245), undefined);
  assert.equal(cueAt(cues, 100, 245)?.panel, 'a');
  assert.equal(cueAt(cues, 149.9, 245)?.panel, 'a');
  assert.equal(cueAt(cues, 150, 245)?.panel, 'b');
  assert.equal(cueAt(cues, 244, 245)?.panel, 'b');
  assert.equal(cueAt(cues, 245, 245), undefined);
  assert.equal(cueAt(cues, Number.NaN, 245), undefined);
  assert.equal(cueAt([], 120, 245), undefined);
});

// ── Validation in a book: each case is the talk fixture with one thing broken ──────────────

type Edit = [file: string, from: string | RegExp, to: string];

function problemsOf(edits: Edit[]): ContentProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'planches-talk-unit-'));
  try {
    cpSync(TALK_BOOK, dir, { recursive: true, filter: (src) => !src.includes('/.cache') });
    for (const [file, from, to] of edits) {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`the edit of ${file} changed nothing: ${String(from)}`);
      writeFileSync(path, next);
    }
    loadBook(dir);
    return [];
  } catch (e) {
    if (e instanceof ContentError) return e.problems;
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Case {
  name: string;
  edits: Edit[];
  file: string;
  /** The line named; a list when several are equally right. */
  line?: number | number[];
  field?: string;
  includes: string[];
}

const talkLine = (key: string) =>
  readFileSync(join(TALK_BOOK, TALK), 'utf8')
    .split('\n')
    .findIndex((l) => l.startsWith(`${key}:`) || l.trimStart().startsWith(`${key}:`)) + 1;
const settingsLine = (needle: string) =>
  readFileSync(join(TALK_BOOK, 'content/book.yaml'), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

const CASES: Case[] = [
  // talk.yaml: captions, mirrors, download
  {
    name: 'captions in a language the book does not have',
    edits: [[TALK, /^captions:\n/m, 'captions:\n  de:\n    track: de\n']],
    file: TALK,
    field: 'captions.de',
    includes: ['unknown language "de"'],
  },
  {
    name: 'a caption file that does not exist',
    edits: [[TALK, 'file: cave.en.vtt', 'file: missing.en.vtt']],
    file: TALK,
    field: 'captions.en.file',
    includes: ['missing.en.vtt does not exist'],
  },
  {
    name: 'a caption file that is not WebVTT',
    edits: [[`${EP1}/cave.en.vtt`, 'WEBVTT', 'WEBTTV']],
    file: `${EP1}/cave.en.vtt`,
    line: 1,
    includes: ['starts with the line "WEBVTT"'],
  },
  {
    name: 'a caption file with nothing said during the excerpt',
    edits: [
      [TALK, /^end: .*$/m, 'end: "1:30"'],
      [TALK, /^start: .*$/m, 'start: 89'],
    ],
    file: TALK,
    field: 'captions.fr.file',
    includes: ['has no line between the excerpt'],
  },
  {
    name: 'a mirror on an instance the book does not allow',
    edits: [[TALK, /^captions:/m, `mirrors:\n  - video: https://other.example/w/${SHORT}\ncaptions:`]],
    file: TALK,
    field: 'mirrors.0.video',
    includes: ['other.example is not one of the book’s PeerTube instances'],
  },
  {
    name: 'a mirror on the same instance',
    edits: [[TALK, /^captions:/m, `mirrors:\n  - video: http://127.0.0.1:8787/w/${SHORT}\ncaptions:`]],
    file: TALK,
    field: 'mirrors.0.video',
    includes: ['is listed twice'],
  },
  {
    name: 'a download from elsewhere',
    edits: [[TALK, /^download: .*$/m, 'download: https://files.example/talk.mp4']],
    file: TALK,
    field: 'download',
    includes: ["the download must come from the video's instance"],
  },
  // talk.yaml: the address
  {
    name: 'the video is not https',
    edits: [[TALK, /^video: .*$/m, `video: http://video.example/w/${SHORT}`]],
    file: TALK,
    line: talkLine('video'),
    field: 'video',
    includes: ['not a secure address', 'https://'],
  },
  {
    name: 'the video is on an instance the book does not allow',
    edits: [[TALK, /^video: .*$/m, `video: https://other.example/w/${SHORT}`]],
    file: TALK,
    line: talkLine('video'),
    field: 'video',
    includes: [
      'other.example is not one of the book’s PeerTube instances (http://127.0.0.1:8787, http://127.0.0.1:8788)',
      'talk.instances',
      'privacy policy',
    ],
  },
  {
    name: 'the address is not a PeerTube video',
    edits: [[TALK, /^video: .*$/m, 'video: http://127.0.0.1:8787/c/my_channel']],
    file: TALK,
    line: talkLine('video'),
    field: 'video',
    includes: ['not a PeerTube video address', '/w/<id>', '/videos/watch/<uuid>'],
  },
  {
    name: 'the address is a playlist',
    edits: [[TALK, /^video: .*$/m, `video: http://127.0.0.1:8787/w/p/${SHORT}`]],
    file: TALK,
    line: talkLine('video'),
    field: 'video',
    includes: ['is a playlist, not a video'],
  },
  {
    name: 'the address is javascript:',
    edits: [[TALK, /^video: .*$/m, 'video: "javascript:alert(1)"']],
    file: TALK,
    line: talkLine('video'),
    field: 'video',
    includes: ['not a web address', 'javascript:'],
  },
  {
    name: 'the address carries a start time',
    edits: [[TALK, /^video: .*$/m, `video: http://127.0.0.1:8787/w/${SHORT}?start=1m30s`]],
    file: TALK,
    line: talkLine('video'),
    field: 'video',
    includes: ['carries a time', '"start" and "end" fields'],
  },
  {
    name: 'the address is missing',
    edits: [[TALK, /^video: .*\n/m, '']],
    file: TALK,
    field: 'video',
    includes: ['this field is required', 'the video’s address'],
  },
  // talk.yaml: the times
  {
    name: 'a negative start',
    edits: [[TALK, /^start: .*$/m, 'start: -5']],
    file: TALK,
    line: talkLine('start'),
    field: 'start',
    includes: ['the start time -5 is negative'],
  },
  {
    name: 'an unreadable end',
    edits: [[TALK, /^end: .*$/m, 'end: later']],
    file: TALK,
    line: talkLine('end'),
    field: 'end',
    includes: ['the end time "later" is not a time', '1m30s'],
  },
  {
    name: 'an end before the start',
    edits: [[TALK, /^end: .*$/m, 'end: "1:00"']],
    file: TALK,
    line: talkLine('end'),
    field: 'end',
    includes: ['the excerpt ends (1:00) before it starts (1m30s)'],
  },
  {
    name: 'an end where it starts',
    edits: [[TALK, /^end: .*$/m, 'end: 90']],
    file: TALK,
    line: talkLine('end'),
    field: 'end',
    includes: ['ends (90) where it starts'],
  },
  {
    name: 'seconds over 60',
    edits: [[TALK, /^start: .*$/m, 'start: "1:75"']],
    file: TALK,
    line: talkLine('start'),
    field: 'start',
    includes: ['the seconds must be under 60'],
  },
  {
    name: 'a start that is not a time at all',
    edits: [[TALK, /^start: .*$/m, 'start: [1, 2]']],
    file: TALK,
    line: talkLine('start'),
    field: 'start',
    includes: ['expected a time'],
  },
  // talk.yaml: the rest
  {
    name: 'a typo in a field name',
    edits: [[TALK, /^start:/m, 'strat:']],
    file: TALK,
    line: talkLine('start'),
    includes: ['unknown field "strat"'],
  },
  {
    name: 'the title is missing in the original language',
    edits: [[TALK, /^ {2}fr: La descente à la cave\n/m, '']],
    file: TALK,
    field: 'title.fr',
    includes: ['missing the title in the original language (fr)'],
  },
  {
    name: 'a title in a language the book does not have',
    edits: [[TALK, /^ {2}en: Going down to the cellar$/m, '  de: In den Keller']],
    file: TALK,
    line: talkLine('de'),
    field: 'title.de',
    includes: ['unknown language "de"', 'fr, en'],
  },
  {
    name: 'a cue on a panel of another episode',
    edits: [[TALK, /^ {2}lampe: 150$/m, '  grenier: 150']],
    file: TALK,
    line: talkLine('grenier'),
    field: 'panels.grenier',
    includes: ['"grenier" is not a panel of this episode', 'cave, lampe, etagere'],
  },
  {
    name: 'a cue outside the excerpt',
    edits: [[TALK, /^ {2}lampe: 150$/m, '  lampe: 5m']],
    file: TALK,
    line: talkLine('lampe'),
    field: 'panels.lampe',
    includes: ['performed at 5m, outside the excerpt (1m30s to 4:05)'],
  },
  {
    name: 'an unreadable cue',
    edits: [[TALK, /^ {2}lampe: 150$/m, '  lampe: -2']],
    file: TALK,
    line: talkLine('lampe'),
    field: 'panels.lampe',
    includes: ['the time of panel "lampe"', 'negative'],
  },
  {
    name: 'two panels at the same moment',
    edits: [[TALK, /^ {2}lampe: 150$/m, '  lampe: "1:40"']],
    file: TALK,
    field: 'panels.lampe',
    includes: ['two panels are performed at the same moment (100 s)'],
  },
  {
    name: 'a poster that does not exist',
    edits: [[TALK, /^panels:/m, 'poster: affiche.jpg\npanels:']],
    file: TALK,
    field: 'poster',
    includes: ['the poster content/episodes/1-la-cave/affiche.jpg does not exist'],
  },
  {
    name: 'a poster outside the episode folder',
    edits: [[TALK, /^panels:/m, 'poster: ../../art/cover.svg\npanels:']],
    file: TALK,
    field: 'poster',
    includes: ['must be inside the episode folder'],
  },
  {
    name: 'a poster that is not an image',
    edits: [[TALK, /^panels:/m, 'poster: fr.mdx\npanels:']],
    file: TALK,
    field: 'poster',
    includes: ['must be a PNG, JPEG, WebP or SVG image'],
  },
  // The parser notices the unclosed list on the next line.
  {
    name: 'talk.yaml is not valid YAML',
    edits: [[TALK, /^start: .*$/m, 'start: [1:30']],
    file: TALK,
    line: [talkLine('start'), talkLine('start') + 1],
    includes: ['not valid YAML'],
  },
  // The episode text and its marker
  {
    name: 'an excerpt without <Talk /> in the text',
    edits: [
      [`${EP1}/fr.mdx`, '<Talk />\n\n', ''],
      [`${EP1}/en.mdx`, '<Talk />\n\n', ''],
    ],
    file: `${EP1}/fr.mdx`,
    includes: ['talk.yaml describes an excerpt of the talk', 'add a line <Talk />'],
  },
  {
    name: '<Talk /> placed twice',
    edits: [[`${EP1}/fr.mdx`, '<Panel id="etagere" />', '<Panel id="etagere" />\n\n<Talk />']],
    file: `${EP1}/fr.mdx`,
    includes: ['<Talk /> is placed twice'],
  },
  // content/book.yaml: the instances and the performances
  {
    name: 'an http instance in a book that is not a fixture',
    edits: [['content/book.yaml', /^fixture: true$/m, 'fixture: false']],
    file: 'content/book.yaml',
    field: 'talk.instances.0.url',
    line: settingsLine('- url: http://127.0.0.1:8787'),
    includes: ['not a secure address'],
  },
  {
    name: 'an instance with a path',
    edits: [['content/book.yaml', '- url: http://127.0.0.1:8787', '- url: http://127.0.0.1:8787/videos']],
    file: 'content/book.yaml',
    field: 'talk.instances.0.url',
    includes: ['write the instance’s address only, like http://127.0.0.1:8787'],
  },
  {
    name: 'an instance without a privacy page',
    edits: [['content/book.yaml', /^ {6}privacy: .*\n/m, '']],
    file: 'content/book.yaml',
    field: 'talk.instances.0.privacy',
    includes: ['privacy policy'],
  },
  {
    name: 'a privacy page that is not an address',
    edits: [['content/book.yaml', /privacy: .*$/m, 'privacy: "javascript:void(0)"']],
    file: 'content/book.yaml',
    field: 'talk.instances.0.privacy',
    includes: ['not a web address'],
  },
  {
    name: 'an instance listed twice',
    edits: [
      [
        'content/book.yaml',
        '      privacy: http://127.0.0.1:8787/about/privacy',
        '      privacy: http://127.0.0.1:8787/about/privacy\n    - url: http://127.0.0.1:8787/\n      privacy: http://127.0.0.1:8787/about',
      ],
    ],
    file: 'content/book.yaml',
    field: 'talk.instances.1.url',
    includes: ['is listed twice'],
  },
  {
    name: 'a time without its time zone',
    edits: [['content/book.yaml', '    timezone: Europe/Paris\n', '']],
    file: 'content/book.yaml',
    field: 'performances.1.timezone',
    line: settingsLine('time: "20:30"'),
    includes: ['a time needs its time zone'],
  },
  {
    name: 'a time zone that does not exist',
    edits: [['content/book.yaml', 'timezone: Europe/Paris', 'timezone: Europe/Lutece']],
    file: 'content/book.yaml',
    field: 'performances.1.timezone',
    line: settingsLine('timezone:'),
    includes: ['"Europe/Lutece" is not a time zone'],
  },
  {
    name: 'a time written wrong',
    edits: [['content/book.yaml', 'time: "20:30"', 'time: 8pm']],
    file: 'content/book.yaml',
    field: 'performances.1.time',
    line: settingsLine('time: "20:30"'),
    includes: ['expected a time written HH:MM'],
  },
  {
    name: 'a date written wrong',
    edits: [['content/book.yaml', 'date: 2030-01-10', 'date: 10/01/2030']],
    file: 'content/book.yaml',
    field: 'performances.2.date',
    line: settingsLine('date: 2030-01-10'),
    includes: ['expected a date written YYYY-MM-DD'],
  },
  {
    name: 'an unreadable duration',
    edits: [['content/book.yaml', 'duration: 1h30m', 'duration: long']],
    file: 'content/book.yaml',
    field: 'performances.1.duration',
    line: settingsLine('duration:'),
    includes: ['the duration "long" is not a time'],
  },
  {
    name: 'a Mobilizon address that is not an event',
    edits: [
      [
        'content/book.yaml',
        'mobilizon: https://mobilizon.example/events/',
        'mobilizon: https://mobilizon.example/@group/',
      ],
    ],
    file: 'content/book.yaml',
    field: 'performances.1.mobilizon',
    line: settingsLine('mobilizon:'),
    includes: ['not a Mobilizon event address', '/events/<id>'],
  },
  {
    name: 'a Mobilizon address that is not https',
    edits: [['content/book.yaml', 'mobilizon: https://', 'mobilizon: http://']],
    file: 'content/book.yaml',
    field: 'performances.1.mobilizon',
    includes: ['not a secure address'],
  },
  {
    name: 'an unknown status',
    edits: [['content/book.yaml', 'status: cancelled', 'status: canceled']],
    file: 'content/book.yaml',
    field: 'performances.2.status',
    line: settingsLine('status: cancelled'),
    includes: ['expected one of "sold-out", "cancelled", "postponed"'],
  },
  {
    name: 'the same performance twice',
    edits: [['content/book.yaml', 'date: 2030-01-10', 'date: 2022-12-06']],
    file: 'content/book.yaml',
    field: 'performances.2.date',
    includes: ['another performance is already on 2022-12-06'],
  },
  {
    name: 'a Fediverse handle written wrong',
    edits: [['content/book.yaml', '"@alice@social.example"', '"alice at social.example"']],
    file: 'content/book.yaml',
    field: 'authors.0.fediverse',
    line: settingsLine('fediverse:'),
    includes: ['expected a Fediverse handle like "@name@instance.example"'],
  },
];

describe('every mistake stops the build with a message naming the file, field and line', () => {
  test('the talk fixture itself is valid', () => assert.deepEqual(problemsOf([]), []));
  for (const c of CASES) {
    test(c.name, () => {
      const problems = problemsOf(c.edits);
      assert.ok(problems.length > 0, 'no problem reported');
      const p = problems.find((x) => x.file === c.file && c.includes.every((s) => x.message.includes(s)));
      assert.ok(
        p,
        `expected a problem in ${c.file} saying ${JSON.stringify(c.includes)}; got:\n${problems.map((x) => `${x.file}:${x.line} (${x.field}) ${x.message}`).join('\n')}`,
      );
      if (c.field) assert.equal(p.field, c.field);
      if (Array.isArray(c.line))
        assert.ok(c.line.includes(p.line!), `line ${p.line}, expected one of ${c.line.join(', ')}`);
      else if (c.line) assert.equal(p.line, c.line, 'line');
      else assert.ok(p.line === undefined || p.line > 0);
    });
  }
});

test('the excerpt in the model and in each language’s view', () => {
  const book = loadBook(TALK_BOOK);
  const [ep1, ep2] = book.episodes as [(typeof book.episodes)[number], (typeof book.episodes)[number]];
  assert.equal(ep1.talk?.start, 90);
  assert.equal(ep1.talk?.end, 245);
  assert.deepEqual(ep1.talk?.cues, [
    { panel: 'cave', time: 100 },
    { panel: 'lampe', time: 150 },
    { panel: 'etagere', time: 200 },
  ]);
  assert.equal(ep2.talk?.poster, 'content/episodes/2-le-grenier/poster.png');
  const en = episodeView(book, ep2, 'en');
  assert.deepEqual(
    en.talk?.title,
    { text: 'Le grenier', lang: 'fr' },
    'no English title: the original one, marked French',
  );
  assert.equal(en.talk?.watchUrl, `http://127.0.0.1:8787/videos/watch/${UUID}?start=300&stop=360`);
  assert.equal(en.talk?.instanceLabel, 'Vidéos de test (127.0.0.1:8787)');
  const talkBlock = episodeView(book, ep1, 'fr').blocks.find((b) => b.type === 'talk');
  assert.equal(talkBlock?.type === 'talk' && talkBlock.excerpt?.title.text, 'La descente à la cave');
});

test('the sample book: no invented excerpt, and the two Paris dates of December 2022 with nothing invented', () => {
  const book = loadBook(SAMPLE);
  assert.deepEqual(
    book.episodes.filter((e) => e.talk).map((e) => e.slug),
    [],
    'the source gives no video address',
  );
  assert.deepEqual(book.settings.talk.instances, []);
  assert.deepEqual(book.settings.performances, [
    { date: '2022-12-06', city: 'Paris' },
    { date: '2022-12-08', city: 'Paris' },
  ]);
  // Episodes 20 to 22 keep their <Talk /> marker for when an author adds the excerpt.
  assert.deepEqual(
    book.episodes.filter((e) => e.original.blocks.some((b) => b.type === 'talk')).map((e) => e.number),
    [20, 21, 22],
  );
  assert.ok(
    book.settings.authors.every((a) => a.fediverse === undefined),
    'no invented handle',
  );
});
