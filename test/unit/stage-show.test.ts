// Shows and beats: durations as authors write them, the `shows:` settings and their errors,
// the default show, beats cut from an episode (opening beat, panels, notes, the talk cue,
// surtitle cards), the message protocol and the key maps.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDuration, formatClock } from '../../src/shared/stage/duration.ts';
import { loadBook, type Book } from '../../src/model/book.ts';
import { ContentError, formatProblem } from '../../src/model/errors.ts';
import {
  buildShow,
  cuesWithoutVideo,
  episodeBeats,
  showsOf,
  type BuildOptions,
} from '../../src/model/views/stage-show.ts';
import { estimateDuration } from '../../src/model/shows.ts';
import { initialState, reduce } from '../../src/shared/stage/state.ts';
import { channelKey, checkState, envelope, parseMessage, readSaved } from '../../src/shared/stage/protocol.ts';
import {
  AUDIENCE_KEYS,
  PRESENTER_KEYS,
  commandFor,
  isNamedLabel,
  isTypingTarget,
} from '../../src/shared/stage/keys.ts';
import { isStringKey, STRINGS } from '../../src/i18n/index.ts';
import { peertubeEmbed } from '../../src/shared/stage/cue.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const MINIMAL = new URL('../fixtures/books/minimal', import.meta.url).pathname;
const OPTIONS: BuildOptions = {
  base: '/',
  images: { panels: {}, covers: {}, posters: {}, social: {} },
  episodeLabel: (n) => `Episode ${n}`,
};

describe('durations', () => {
  test('as authors write them', () => {
    assert.equal(parseDuration('8m'), 480);
    assert.equal(parseDuration('7m30s'), 450);
    assert.equal(parseDuration('7m 30s'), 450);
    assert.equal(parseDuration('1h5m'), 3900);
    assert.equal(parseDuration('90s'), 90);
    assert.equal(parseDuration('90'), 90);
    assert.equal(parseDuration(450), 450);
    assert.equal(parseDuration('2min'), 120);
    // One grammar with the talk's times: a plan copied from a player's clock, a length said in words.
    assert.equal(parseDuration('7:30'), 450);
    assert.equal(parseDuration('8 min'), 480);
    assert.equal(parseDuration('1:02:03'), 3723);
  });

  test('what is not a duration', () => {
    for (const bad of ['', '8', 'eight minutes', '5m5m', '-3m', 0, -5, Number.NaN, '3x', true, null, '0s']) {
      if (bad === '8') continue; // a bare number of seconds is fine
      assert.equal(parseDuration(bad), undefined, String(bad));
    }
  });

  test('as performers read them', () => {
    assert.equal(formatClock(0), '0:00');
    assert.equal(formatClock(450), '7:30');
    assert.equal(formatClock(3723), '1:02:03');
    assert.equal(formatClock(-45), '−0:45');
    assert.equal(formatClock(45, { sign: true }), '+0:45');
    assert.equal(formatClock(59.2, { ceil: true }), '1:00');
    assert.equal(formatClock(59.9), '0:59');
  });
});

/** The minimal book with `shows:` appended to its book.yaml. */
function withShows(yaml: string, change?: (dir: string) => void): { dir: string; load: () => Book } {
  const dir = mkdtempSync(join(tmpdir(), 'planches-shows-'));
  cpSync(MINIMAL, dir, { recursive: true });
  writeFileSync(join(dir, 'content/book.yaml'), readFileSync(join(dir, 'content/book.yaml'), 'utf8') + yaml);
  change?.(dir);
  return { dir, load: () => loadBook(dir) };
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (e) {
    if (e instanceof ContentError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

describe('shows in content/book.yaml', () => {
  const lines = readFileSync(join(MINIMAL, 'content/book.yaml'), 'utf8').split('\n').length - 1;

  test('a valid show: order and planned durations as written', () => {
    const b = withShows(
      'shows:\n  premiere:\n    title: { fr: La première, en: Opening night }\n    episodes:\n      - { episode: 2, duration: 7m30s }\n      - { episode: 1, duration: 300 }\n',
    );
    try {
      const [show] = showsOf(b.load());
      assert.equal(show!.id, 'premiere');
      assert.equal(show!.isDefault, true);
      assert.deepEqual(show!.episodes, [
        { number: 2, planned: 450, estimated: false },
        { number: 1, planned: 300, estimated: false },
      ]);
    } finally {
      rmSync(b.dir, { recursive: true });
    }
  });

  test('the shows are resolved once per loaded book (every stage screen asks), again for a book loaded again', () => {
    const book = loadBook(MINIMAL);
    const shows = showsOf(book);
    assert.equal(showsOf(book), shows, 'the same array for the same book');
    assert.ok(Object.isFrozen(shows), 'shared, so not to be changed');
    const again = loadBook(MINIMAL);
    assert.notEqual(showsOf(again), shows);
    assert.deepEqual(showsOf(again), shows);
  });

  test('without shows: one default show, every episode in order, durations estimated', () => {
    const shows = showsOf(loadBook(MINIMAL));
    assert.equal(shows.length, 1);
    assert.equal(shows[0]!.id, 'default');
    assert.deepEqual(
      shows[0]!.episodes.map((e) => e.number),
      [1, 2],
    );
    assert.ok(shows[0]!.episodes.every((e) => e.estimated && e.planned >= 30));
    assert.equal(estimateDuration(700), 300, '700 words at 140 a minute: 5 minutes');
  });

  const bad: Array<{ name: string; yaml: string; line: number; field: string; includes: string }> = [
    {
      name: 'a duration that is not one',
      yaml: 'shows:\n  tour:\n    episodes:\n      - episode: 1\n        duration: 7 minutes\n',
      line: lines + 5,
      field: 'shows.tour.episodes.0.duration',
      includes:
        'the duration "7 minutes" is not a time: write seconds ("90"), minutes and seconds ("1m30s", "7 min 30 s", "1:30")',
    },
    {
      name: 'an episode that does not exist',
      yaml: 'shows:\n  tour:\n    episodes:\n      - { episode: 1, duration: 8m }\n      - { episode: 9, duration: 8m }\n',
      line: lines + 5,
      field: 'shows.tour.episodes.1.episode',
      includes: 'there is no episode 9 in this book (episodes: 1, 2)',
    },
    {
      name: 'an episode twice',
      yaml: 'shows:\n  tour:\n    episodes:\n      - { episode: 1, duration: 8m }\n      - { episode: 1, duration: 8m }\n',
      line: lines + 5,
      field: 'shows.tour.episodes.1.episode',
      includes: 'already in the show "tour"',
    },
    {
      name: 'a reserved id',
      yaml: 'shows:\n  audience:\n    episodes:\n      - { episode: 1, duration: 8m }\n',
      line: lines + 2,
      field: 'shows.audience',
      includes: 'page names of the stage mode',
    },
    {
      name: 'a bad id',
      yaml: 'shows:\n  Tour_2:\n    episodes:\n      - { episode: 1, duration: 8m }\n',
      line: lines + 2,
      field: 'shows.Tour_2',
      includes: 'is not a show id',
    },
    {
      name: 'no duration',
      yaml: 'shows:\n  tour:\n    episodes:\n      - { episode: 1 }\n',
      line: lines + 4,
      field: 'shows.tour.episodes.0.duration',
      includes: 'expected a duration',
    },
    {
      name: 'a title in an unknown language',
      yaml: 'shows:\n  tour:\n    title: { de: Tournee }\n    episodes:\n      - { episode: 1, duration: 8m }\n',
      line: lines + 3,
      field: 'shows.tour.title.de',
      includes: 'unknown language "de"',
    },
  ];
  for (const c of bad) {
    test(`reported with its line and field: ${c.name}`, () => {
      const b = withShows(c.yaml);
      try {
        const problems = problemsOf(b.load);
        assert.equal(problems.length, 1, problems.join('\n'));
        assert.ok(problems[0]!.startsWith(`content/book.yaml:${c.line} (${c.field}): `), problems.join('\n'));
        assert.ok(problems[0]!.includes(c.includes), problems.join('\n'));
      } finally {
        rmSync(b.dir, { recursive: true });
      }
    });
  }

  test('a misspelt field is named on its own line (and the field it should have been is missing)', () => {
    const b = withShows('shows:\n  tour:\n    episodse:\n      - { episode: 1, duration: 8m }\n');
    try {
      const problems = problemsOf(b.load);
      assert.ok(
        problems.includes(
          `content/book.yaml:${lines + 3} (shows.tour.episodse): unknown field "episodse" (check the spelling).`,
        ),
        problems.join('\n'),
      );
    } finally {
      rmSync(b.dir, { recursive: true });
    }
  });

  test('a stage video needs a <Talk /> marker in its episode, and must be a video inside the book', () => {
    const ep = 'content/episodes/1-la-cave/fr.mdx';
    const b = withShows('', (dir) => {
      const f = join(dir, ep);
      writeFileSync(f, readFileSync(f, 'utf8').replace('summary:', 'stage: { video: stage/cave.mp4 }\nsummary:'));
    });
    try {
      const problems = problemsOf(b.load);
      assert.deepEqual(problems, [
        `${ep}:4 (stage.video): a stage video is set but this episode has no <Talk /> marker to cue it: add <Talk /> where the excerpt is played.`,
      ]);
      writeFileSync(
        join(b.dir, ep),
        readFileSync(join(b.dir, ep), 'utf8').replace('stage/cave.mp4', '../../secret.mp4'),
      );
      assert.match(problemsOf(b.load)[0]!, /stage\.video.*inside the book's folder/);
    } finally {
      rmSync(b.dir, { recursive: true });
    }
  });
});

describe('beats', () => {
  const book = loadBook(MINIMAL);
  const cave = book.episodes[0]!;

  test('prose before the first panel is an opening beat (title card); each panel starts a beat', () => {
    const beats = episodeBeats(book, cave, 'fr', 0, OPTIONS);
    assert.deepEqual(
      beats.map((b) => [b.id, b.kind, b.n, b.of]),
      [
        ['1:opening', 'opening', 1, 2],
        ['1:cave', 'panel', 2, 2],
      ],
    );
    assert.equal(beats[0]!.image, undefined, 'the title card is drawn by the audience screen');
    assert.deepEqual(
      beats[0]!.script.map((s) => s.type),
      ['paragraph'],
    );
  });

  test("a beat's script is the prose after its panel until the next; notes stay in their beat", () => {
    const [, panel] = episodeBeats(book, cave, 'fr', 0, OPTIONS);
    assert.deepEqual(
      panel!.script.map((s) => s.type),
      ['paragraph', 'note', 'paragraph'],
    );
    assert.deepEqual(panel!.notes, [{ text: 'La narratrice allume la lampe', lang: 'fr' }]);
    assert.equal(panel!.words, 15);
  });

  test('surtitles are the other language, cut into cards that point back at their paragraph', () => {
    const [opening] = episodeBeats(book, cave, 'fr', 0, OPTIONS);
    assert.deepEqual(
      opening!.cards.en!.map((c) => c.text),
      ['It was dark in the cellar. You couldn’t see a thing.'],
    );
    assert.deepEqual(
      [opening!.cards.en![0]!.pid, opening!.cards.en![0]!.from, opening!.cards.en![0]!.to],
      ['p1', 0, 1],
    );
    // In English the surtitles are French; an untranslated English paragraph gives no English card.
    const grenierFr = episodeBeats(book, book.episodes[1]!, 'fr', 0, OPTIONS)[0]!;
    assert.deepEqual(
      grenierFr.cards.en!.map((c) => c.pid),
      ['p1', 'p3'],
    );
  });

  test('the notes of a translation are used in that language, in the same place', () => {
    const en = structuredClone(cave);
    en.translations.en!.blocks.splice(3, 0, { type: 'note', text: 'She switches on the lamp', line: 12 });
    const beats = episodeBeats(book, en, 'en', 0, OPTIONS);
    assert.deepEqual(beats[1]!.notes, [{ text: 'She switches on the lamp', lang: 'en' }]);
    // Without notes of its own, the translation shows the original's.
    assert.deepEqual(episodeBeats(book, cave, 'en', 0, OPTIONS)[1]!.notes, [
      { text: 'La narratrice allume la lampe', lang: 'fr' },
    ]);
  });

  test('a <Talk /> beat cues the local video and/or the PeerTube excerpt', () => {
    const ep = structuredClone(cave);
    ep.original.blocks.push({ type: 'talk', line: 20 });
    ep.original.stage = { video: 'stage/la cave.mp4' };
    const beats = episodeBeats(book, ep, 'fr', 0, {
      ...OPTIONS,
      base: '/planches/',
      talk: () => ({ url: 'https://video.example/w/abc', start: 30 }),
    });
    assert.deepEqual(beats[1]!.cue, {
      local: { src: '/planches/stage-media/stage/la%20cave.mp4', file: 'stage/la cave.mp4' },
      peertube: { url: 'https://video.example/w/abc', start: 30 },
    });
    assert.equal(beats[0]!.cue, undefined);
  });

  test('talk cues without a video: a <Talk /> marker with neither a local file nor a PeerTube excerpt', () => {
    const ep = structuredClone(cave);
    ep.original.blocks.push({ type: 'talk', line: 20 });
    const silent = episodeBeats(book, ep, 'fr', 4, { ...OPTIONS, talk: () => undefined });
    assert.deepEqual(cuesWithoutVideo({ beats: silent }), [{ beat: 6, id: silent[1]!.id, episode: ep.number }]);
    const peertube = episodeBeats(book, ep, 'fr', 4, {
      ...OPTIONS,
      talk: () => ({ url: 'https://video.example/w/abc' }),
    });
    assert.deepEqual(cuesWithoutVideo({ beats: peertube }), []);
    ep.original.stage = { video: 'stage/la cave.mp4' };
    assert.deepEqual(
      cuesWithoutVideo({ beats: episodeBeats(book, ep, 'fr', 4, { ...OPTIONS, talk: () => undefined }) }),
      [],
    );
    // A beat without a marker is never listed, even when its episode has no video.
    assert.deepEqual(cuesWithoutVideo({ beats: episodeBeats(book, cave, 'fr', 0, OPTIONS) }), []);
  });

  test("the sample book's default show: every episode, numbered beats, a stable fingerprint", () => {
    const sample = loadBook(ROOT);
    const [show] = showsOf(sample);
    const data = buildShow(sample, show!, 'fr', OPTIONS);
    assert.deepEqual(
      data.episodes.map((e) => e.number),
      [19, 20, 21, 22],
    );
    assert.deepEqual(
      data.beats.map((b) => b.index),
      data.beats.map((_, i) => i),
    );
    assert.equal(
      data.beats.length,
      data.episodes.reduce((s, e) => s + e.beats, 0),
    );
    assert.ok(data.beats.filter((b) => b.kind === 'opening').length === 4, 'every sample episode opens with prose');
    assert.deepEqual(data.surtitleLangs, ['en']);
    assert.deepEqual(buildShow(sample, show!, 'en', OPTIONS).surtitleLangs, ['fr']);
    assert.equal(buildShow(sample, show!, 'fr', OPTIONS).fingerprint, data.fingerprint);
    // Episodes 21 and 22 open with <Talk />: their opening beats hold the cue marker.
    assert.ok(data.beats.find((b) => b.id === '21:opening')!.script.some((s) => s.type === 'talk'));
    // The sample names no video and its episodes have no talk.yaml: every <Talk /> cue is silent.
    // (Each strip's second frame is a beat: consent-banner in episode 20, data-broker in 21.)
    assert.deepEqual(
      cuesWithoutVideo(data).map((c) => c.beat),
      [12, 13, 19],
    );
  });
});

describe('the message protocol', () => {
  const SHAPE = {
    show: 's',
    fingerprint: 'f',
    surtitleLangs: ['en'],
    beats: [
      { id: 'a', episode: 1, words: 1, cards: {} },
      { id: 'b', episode: 1, words: 1, cards: {} },
    ],
    episodes: [{ number: 1, planned: 60, firstBeat: 0, beats: 2, words: 2 }],
  };
  const key = channelKey('book', 's', 'fr');
  const bounds = { show: 's', beats: 2 };
  const state = reduce(initialState(SHAPE, 1000, 'w'), { type: 'next' }, SHAPE, 2000);

  test('a well-formed message passes, rebuilt field by field', () => {
    const m = parseMessage(
      JSON.parse(
        JSON.stringify(
          envelope(key, {
            kind: 'state',
            role: 'presenter',
            from: 'w',
            state: { ...state, extra: 'x' } as typeof state,
          }),
        ),
      ),
      key,
      bounds,
    );
    assert.ok(m && m.kind === 'state');
    assert.equal(m.state.beat, 1);
    assert.equal('extra' in m.state, false, 'unknown fields are dropped');
    assert.deepEqual(parseMessage(envelope(key, { kind: 'hello', role: 'audience', from: 'a' }), key, bounds), {
      kind: 'hello',
      role: 'audience',
      from: 'a',
    });
    const report = {
      beat: 1,
      blackout: false,
      visible: true,
      fullscreen: true,
      media: 'blocked' as const,
      failed: [3, 7],
      server: false,
    };
    assert.deepEqual(parseMessage(envelope(key, { kind: 'here', role: 'audience', from: 'a', report }), key, bounds), {
      kind: 'here',
      role: 'audience',
      from: 'a',
      report,
    });
  });

  const malformed: Array<[string, unknown]> = [
    ['nothing', undefined],
    ['a string', 'next'],
    ['another protocol', { type: 'reveal', state: {} }],
    ['a newer version', { ...envelope(key, { kind: 'hello', role: 'presenter', from: 'w' }), v: 2 }],
    ['another show', envelope(channelKey('book', 'other', 'fr'), { kind: 'hello', role: 'presenter', from: 'w' })],
    ['an unknown kind', envelope(key, { kind: 'explode', role: 'presenter', from: 'w' } as never)],
    ['an unknown role', envelope(key, { kind: 'hello', role: 'director', from: 'w' } as never)],
    [
      'a beat out of bounds',
      envelope(key, { kind: 'state', role: 'presenter', from: 'w', state: { ...state, beat: 2 } }),
    ],
    ['a negative beat', envelope(key, { kind: 'state', role: 'presenter', from: 'w', state: { ...state, beat: -1 } })],
    [
      'a beat as text',
      envelope(key, { kind: 'state', role: 'presenter', from: 'w', state: { ...state, beat: '1' as never } }),
    ],
    [
      'a timer as text',
      envelope(key, {
        kind: 'state',
        role: 'presenter',
        from: 'w',
        state: { ...state, timer: { since: 'now', banked: 0 } as never },
      }),
    ],
    [
      'an infinite time',
      envelope(key, {
        kind: 'state',
        role: 'presenter',
        from: 'w',
        state: { ...state, timer: { since: null, banked: Infinity } },
      }),
    ],
    [
      'a state of another show',
      envelope(key, { kind: 'state', role: 'presenter', from: 'w', state: { ...state, show: 'other' } }),
    ],
    [
      'a state of another version',
      envelope(key, { kind: 'state', role: 'presenter', from: 'w', state: { ...state, v: 9 } }),
    ],
    ['a missing state', envelope(key, { kind: 'state', role: 'presenter', from: 'w' } as never)],
    ['a bad report', envelope(key, { kind: 'here', role: 'audience', from: 'w', report: { beat: 'x' } as never })],
    [
      'a report with an unknown media state',
      envelope(key, {
        kind: 'here',
        role: 'audience',
        from: 'w',
        report: { beat: 0, blackout: false, visible: true, fullscreen: false, media: 'exploded' } as never,
      }),
    ],
    [
      'a report whose failed beats are not numbers',
      envelope(key, {
        kind: 'here',
        role: 'audience',
        from: 'w',
        report: {
          beat: 0,
          blackout: false,
          visible: true,
          fullscreen: false,
          media: 'none',
          failed: ['x'],
          server: true,
        } as never,
      }),
    ],
    ['no sender', envelope(key, { kind: 'hello', role: 'presenter', from: '' })],
  ];
  for (const [name, data] of malformed) {
    test(`ignored: ${name}`, () => assert.equal(parseMessage(data, key, bounds), undefined));
  }

  test('ignored: a message from another origin', () => {
    assert.equal(
      parseMessage(envelope(key, { kind: 'hello', role: 'presenter', from: 'w' }), key, bounds, {
        sender: 'http://evil.example',
        own: 'http://127.0.0.1:4322',
      }),
      undefined,
    );
  });

  test('a saved state: broken JSON or a foreign object is no state', () => {
    assert.equal(readSaved('{"v":1', bounds), undefined);
    assert.equal(readSaved('null', bounds), undefined);
    assert.equal(readSaved(JSON.stringify({ ...state, card: -3 }), bounds), undefined);
    assert.equal(readSaved(JSON.stringify(state), bounds)?.beat, 1);
    assert.equal(checkState(state, { show: 's', beats: 1 }), undefined, 'a saved beat beyond the show');
  });
});

describe('the key maps', () => {
  test('every description and named key of the help is an interface string', () => {
    for (const b of [...PRESENTER_KEYS, ...AUDIENCE_KEYS]) {
      assert.ok(isStringKey(b.text), `${b.command}: ${b.text}`);
      for (const label of b.labels) if (isNamedLabel(label)) assert.ok(isStringKey(label), `${b.command}: ${label}`);
    }
  });
  test('the keys the issue lists, on the presenter screen', () => {
    const k = (key: string, mods: Record<string, boolean> = {}) => commandFor(PRESENTER_KEYS, { key, ...mods });
    // The clicker's keys page through a long script before they change beat; the arrows ← → do not.
    for (const key of ['ArrowDown', 'PageDown', ' ']) assert.equal(k(key), 'pageNext', key);
    for (const key of ['ArrowUp', 'PageUp']) assert.equal(k(key), 'pagePrev', key);
    assert.equal(k('ArrowRight'), 'next');
    assert.equal(k('ArrowLeft'), 'prev');
    for (const key of ['ArrowRight', 'ArrowDown', 'PageDown', ' '])
      assert.equal(commandFor(AUDIENCE_KEYS, { key }), 'next', key);
    for (const key of ['b', 'B', '.']) assert.equal(k(key), 'blackout', key);
    assert.equal(k('Home'), 'first');
    assert.equal(k('End'), 'last');
    assert.equal(k('g'), 'goto');
    assert.equal(k('t'), 'timer');
    assert.equal(k('T', { shiftKey: true }), 'timer');
    assert.equal(k('r'), 'timerReset');
    assert.equal(k('s'), 'surtitles');
    assert.equal(k('n'), 'card');
    assert.equal(k('N'), 'card', 'caps lock');
    assert.equal(k('N', { shiftKey: true }), 'cardPrev');
    assert.equal(k('+', { shiftKey: true }), 'bigger');
    assert.equal(k('-'), 'smaller');
    assert.equal(k('?', { shiftKey: true }), 'help');
    assert.equal(k('x'), undefined);
  });

  test('browser shortcuts are not commands', () => {
    assert.equal(commandFor(PRESENTER_KEYS, { key: 'r', ctrlKey: true }), undefined, 'Ctrl+R reloads');
    assert.equal(commandFor(PRESENTER_KEYS, { key: 'ArrowRight', altKey: true }), undefined);
    assert.equal(commandFor(PRESENTER_KEYS, { key: '+', metaKey: true }), undefined);
  });

  test('every key is bound once per screen and every binding has its words in every language', () => {
    for (const map of [PRESENTER_KEYS, AUDIENCE_KEYS]) {
      const seen = new Set<string>();
      for (const b of map) {
        assert.equal(b.keys.length, b.labels.length, b.command);
        for (const key of b.keys) {
          const id = `${key}/${b.shift ?? '*'}`;
          assert.ok(!seen.has(id), `${key} bound twice`);
          seen.add(id);
        }
        for (const [lang, strings] of Object.entries(STRINGS))
          assert.ok(isStringKey(b.text) && strings[b.text], `${lang}: ${b.text}`);
      }
    }
    assert.equal(commandFor(AUDIENCE_KEYS, { key: 'f' }), 'fullscreen');
    assert.equal(commandFor(AUDIENCE_KEYS, { key: 't' }), undefined, "the timer is the presenter's");
  });

  test('typing in a text field is text, not commands', () => {
    assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'text' }), true);
    assert.equal(isTypingTarget({ tagName: 'input', type: 'number' }), true);
    assert.equal(isTypingTarget({ tagName: 'TEXTAREA' }), true);
    assert.equal(isTypingTarget({ tagName: 'SELECT' }), true);
    assert.equal(isTypingTarget({ tagName: 'DIV', isContentEditable: true }), true);
    assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' }), false);
    assert.equal(isTypingTarget({ tagName: 'BUTTON' }), false);
    assert.equal(isTypingTarget({ tagName: 'BODY' }), false);
    assert.equal(isTypingTarget(null), false);
  });
});

describe('the PeerTube cue', () => {
  test('watch, short and embed addresses give the embed address with start and stop', () => {
    assert.equal(
      peertubeEmbed('https://video.example/w/9c9de5e8-0a1e-484a-b099-e80766180a6d', 90, 210),
      'https://video.example/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?start=90&stop=210&api=1&p2p=0&warningTitle=0&title=0&peertubeLink=0&autoplay=1',
    );
    assert.match(
      peertubeEmbed('https://video.example/videos/watch/kkGMgK9ZtnKfYAgnEtQxbv')!,
      /\/videos\/embed\/kkGMgK9ZtnKfYAgnEtQxbv\?start=0&api=1/,
    );
  });

  test('anything else is no cue', () => {
    for (const bad of [
      'javascript:alert(1)',
      'https://video.example/',
      'https://video.example/w/<script>',
      'not a url',
    ])
      assert.equal(peertubeEmbed(bad), undefined, bad);
  });
});
