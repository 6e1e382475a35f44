// The show's state machine (src/shared/stage/state.ts): moves and their bounds, blackout,
// surtitle cards, the timer with its pauses, time per episode against the plan, and resuming a
// saved state on a rebuilt show.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  initialState,
  reduce,
  elapsed,
  startTimer,
  pauseTimer,
  timing,
  fitState,
  newer,
  videoPosition,
  cardForPosition,
  episodeElapsed,
  plannedForBeat,
  type ShowShape,
  type ShowState,
  type Action,
} from '../../src/shared/stage/state.ts';

const cards = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ text: `c${i}`, pid: 'p1', from: i / n, to: (i + 1) / n }));

/** Two episodes: 19 (opening + 2 panels, 300 words) and 20 (2 panels, 200 words), plans 10 min and 5 min. */
const SHOW: ShowShape = {
  show: 'test',
  fingerprint: 'f1',
  surtitleLangs: ['en', 'de'],
  beats: [
    { id: '19:opening', episode: 19, words: 100, cards: { en: cards(3), de: cards(1) } },
    { id: '19:a', episode: 19, words: 100, cards: { en: cards(2), de: [] }, cue: {} },
    { id: '19:b', episode: 19, words: 100, cards: { en: [], de: [] } },
    { id: '20:c', episode: 20, words: 50, cards: { en: cards(1), de: [] } },
    { id: '20:d', episode: 20, words: 150, cards: { en: cards(4), de: [] } },
  ],
  episodes: [
    { number: 19, planned: 600, firstBeat: 0, beats: 3, words: 300 },
    { number: 20, planned: 300, firstBeat: 3, beats: 2, words: 200 },
  ],
};

const T0 = 1_700_000_000_000;
const s = (ms: number) => T0 + ms;

function run(actions: Array<[Action, number]>, from = initialState(SHOW, T0, 'w1')): ShowState {
  return actions.reduce((st, [a, at]) => reduce(st, a, SHOW, s(at)), from);
}

describe('moving through the show', () => {
  test('starts at the first beat, with the first surtitle language, nothing on', () => {
    const st = initialState(SHOW, T0);
    assert.equal(st.beat, 0);
    assert.equal(st.beatId, '19:opening');
    assert.equal(st.surtitleLang, 'en');
    assert.equal(st.blackout, false);
    assert.equal(st.surtitles, false);
    assert.equal(st.rev, 0);
  });

  test('next and previous move one beat, keep the beat id and count revisions', () => {
    const st = run([
      [{ type: 'next' }, 1],
      [{ type: 'next' }, 2],
      [{ type: 'prev' }, 3],
    ]);
    assert.equal(st.beat, 1);
    assert.equal(st.beatId, '19:a');
    assert.equal(st.rev, 3);
    assert.equal(st.at, s(3));
  });

  test('stops at both ends: the same object comes back, no revision', () => {
    const start = initialState(SHOW, T0);
    assert.equal(reduce(start, { type: 'prev' }, SHOW, s(1)), start);
    const end = run([[{ type: 'last' }, 1]]);
    assert.equal(end.beat, 4);
    // Next on the last beat is the end card (below); Last there changes nothing.
    assert.equal(reduce(end, { type: 'last' }, SHOW, s(2)), end);
    assert.equal(run([[{ type: 'first' }, 3]], end).beat, 0);
  });

  test('go to a beat: only a beat that exists', () => {
    const st = run([[{ type: 'goto', beat: 3 }, 1]]);
    assert.equal(st.beatId, '20:c');
    for (const beat of [-1, 5, 99, 1.5, Number.NaN])
      assert.equal(reduce(st, { type: 'goto', beat }, SHOW, s(2)), st, String(beat));
  });

  test('a move goes back to the first surtitle card and stops a playing cue', () => {
    let st = run([
      [{ type: 'card', delta: 1 }, 1],
      [{ type: 'card', delta: 1 }, 2],
    ]);
    assert.equal(st.card, 2);
    st = run(
      [
        [{ type: 'next' }, 3],
        [{ type: 'video' }, 4],
      ],
      st,
    );
    assert.equal(st.card, 0);
    assert.ok(st.video);
    st = run([[{ type: 'next' }, 5]], st);
    assert.equal(st.video, null);
  });
});

describe('blackout', () => {
  test('B toggles it, and a set to the current value changes nothing', () => {
    const on = run([[{ type: 'blackout' }, 1]]);
    assert.equal(on.blackout, true);
    assert.equal(reduce(on, { type: 'blackout', on: true }, SHOW, s(2)), on);
    assert.equal(run([[{ type: 'blackout' }, 2]], on).blackout, false);
  });

  test('next or previous during a blackout bring the picture back without moving', () => {
    const st = run([
      [{ type: 'next' }, 1],
      [{ type: 'blackout' }, 2],
      [{ type: 'next' }, 3],
    ]);
    assert.equal(st.blackout, false);
    assert.equal(st.beat, 1);
    assert.equal(
      run(
        [
          [{ type: 'blackout' }, 4],
          [{ type: 'prev' }, 5],
        ],
        st,
      ).beat,
      1,
    );
  });

  test('Home, End and go-to move in the dark (a deliberate jump keeps the blackout)', () => {
    const st = run([
      [{ type: 'blackout' }, 1],
      [{ type: 'goto', beat: 2 }, 2],
    ]);
    assert.equal(st.beat, 2);
    assert.equal(st.blackout, true);
  });
});

describe('surtitles', () => {
  test('S toggles them; N moves through the cards of the beat and stops at the last', () => {
    let st = run([[{ type: 'surtitles' }, 1]]);
    assert.equal(st.surtitles, true);
    st = run(
      [1, 2, 3, 4].map((i) => [{ type: 'card', delta: 1 }, i + 1] as [Action, number]),
      st,
    );
    assert.equal(st.card, 2, 'three cards: 0, 1, 2');
    st = run([[{ type: 'card', delta: -1 }, 9]], st);
    assert.equal(st.card, 1);
    assert.equal(reduce({ ...st, card: 0 }, { type: 'card', delta: -1 }, SHOW, s(10)).card, 0);
  });

  test('a beat without cards keeps card 0', () => {
    const st = run([[{ type: 'goto', beat: 2 }, 1]]);
    assert.equal(reduce(st, { type: 'card', delta: 1 }, SHOW, s(2)), st);
  });

  test('changing the language starts again at its first card; unknown languages are refused', () => {
    let st = run([
      [{ type: 'card', delta: 1 }, 1],
      [{ type: 'surtitleLang', lang: 'de' }, 2],
    ]);
    assert.equal(st.surtitleLang, 'de');
    assert.equal(st.card, 0);
    st = reduce(st, { type: 'surtitleLang', lang: 'xx' }, SHOW, s(3));
    assert.equal(st.surtitleLang, 'de');
  });

  test('the teleprompter position moves the card (within bounds)', () => {
    const st = run([[{ type: 'cardAt', card: 2 }, 1]]);
    assert.equal(st.card, 2);
    assert.equal(run([[{ type: 'cardAt', card: 40 }, 2]], st).card, 2);
    assert.equal(cardForPosition(cards(4), 'p1', 0.6), 2);
    assert.equal(cardForPosition(cards(4), 'p1', 0), 0);
    assert.equal(cardForPosition(cards(4), 'p1', 1), 3);
    assert.equal(cardForPosition(cards(4), 'p9', 0.5), undefined);
  });
});

describe('the timer', () => {
  test('counts only while running: start, pause, resume', () => {
    let t = { since: null, banked: 0 } as ShowState['timer'];
    assert.equal(elapsed(t, s(5000)), 0);
    t = startTimer(t, s(1000));
    assert.equal(elapsed(t, s(4000)), 3000);
    t = pauseTimer(t, s(4000));
    assert.equal(elapsed(t, s(60_000)), 3000, 'paused: frozen');
    t = startTimer(t, s(10_000));
    assert.equal(elapsed(t, s(12_500)), 5500);
    assert.equal(startTimer(t, s(11_000)), t, 'starting a running timer changes nothing');
    assert.equal(pauseTimer(pauseTimer(t, s(13_000)), s(20_000)).banked, 6000);
  });

  test('T toggles; the state holds wall-clock times, so any window computes the same reading', () => {
    const st = run([
      [{ type: 'timer' }, 0],
      [{ type: 'timer' }, 90_000],
      [{ type: 'timer' }, 100_000],
    ]);
    assert.equal(elapsed(st.timer, s(130_000)), 120_000);
    const copy = JSON.parse(JSON.stringify(st)) as ShowState;
    assert.equal(elapsed(copy.timer, s(130_000)), 120_000);
  });

  test('reset goes back to zero, paused, and forgets the time per episode', () => {
    let st = run([
      [{ type: 'timer' }, 0],
      [{ type: 'goto', beat: 3 }, 60_000],
    ]);
    st = run([[{ type: 'timerReset' }, 70_000]], st);
    assert.equal(elapsed(st.timer, s(80_000)), 0);
    assert.equal(st.timer.since, null);
    assert.deepEqual(st.spent, {});
    assert.equal(st.mark.episode, 20);
    assert.equal(reduce(st, { type: 'timerReset' }, SHOW, s(90_000)), st, 'resetting a reset timer is no change');
  });

  test('time per episode: each stay is counted, pauses are not', () => {
    // 2 min in 19, pause 1 min, 1 min more in 19 (3 min), 3 min in 20, back to 19 for 30 s.
    const st = run([
      [{ type: 'timer' }, 0],
      [{ type: 'next' }, 60_000],
      [{ type: 'timer' }, 120_000],
      [{ type: 'timer' }, 180_000],
      [{ type: 'goto', beat: 3 }, 240_000],
      [{ type: 'goto', beat: 2 }, 420_000],
    ]);
    assert.equal(episodeElapsed(st, s(450_000)), 180_000 + 30_000);
    assert.equal(st.spent['20'], 180_000);
    assert.equal(elapsed(st.timer, s(450_000)), 390_000);
  });

  test('time left in the episode and ahead/behind the plan', () => {
    // 19 is planned 10 min for 300 words; beat 2 starts after 200 words: the plan says 6:40.
    let st = run([
      [{ type: 'timer' }, 0],
      [{ type: 'goto', beat: 2 }, 300_000],
    ]);
    let tm = timing(st, SHOW, s(300_000));
    assert.equal(tm.planned, 600);
    assert.equal(tm.left, 300_000);
    assert.equal(Math.round(tm.expected), 400_000);
    assert.equal(Math.round(tm.ahead), 100_000, '1:40 ahead');
    // 20 starts when 19's 10 minutes are over: reaching it at 12:00 is 2 minutes behind.
    st = run([[{ type: 'next' }, 720_000]], st);
    tm = timing(st, SHOW, s(720_000));
    assert.equal(tm.episode, 20);
    assert.equal(tm.left, 300_000);
    assert.equal(Math.round(tm.ahead), -120_000);
    // Past the plan of episode 20: negative time left.
    tm = timing(st, SHOW, s(720_000 + 360_000));
    assert.equal(tm.left, -60_000);
    assert.equal(tm.started, true);
    assert.equal(tm.running, true);
  });

  test('a timer never started reads zero and is not "started"', () => {
    const tm = timing(initialState(SHOW, T0), SHOW, s(999_999));
    assert.equal(tm.elapsed, 0);
    assert.equal(tm.started, false);
    assert.equal(tm.left, 600_000);
  });
});

describe('the talk cue', () => {
  test('V plays, pauses and resumes the cue of the beat; beats without a cue ignore it', () => {
    let st = initialState(SHOW, T0);
    assert.equal(reduce(st, { type: 'video' }, SHOW, s(1)), st, 'no cue on the opening');
    st = run(
      [
        [{ type: 'next' }, 0],
        [{ type: 'video' }, 1000],
      ],
      st,
    );
    assert.equal(videoPosition(st.video!, s(11_000)), 10);
    st = run([[{ type: 'video' }, 11_000]], st);
    assert.equal(videoPosition(st.video!, s(99_000)), 10, 'paused');
    st = run([[{ type: 'video' }, 20_000]], st);
    assert.equal(videoPosition(st.video!, s(25_000)), 15);
    assert.equal(
      run([[{ type: 'videoEnded', beat: 3 }, 26_000]], st).video !== null,
      true,
      "the end of another beat's video",
    );
    assert.equal(run([[{ type: 'videoEnded', beat: 1 }, 26_000]], st).video, null);
  });
});

describe('windows agreeing on one state', () => {
  test('the state with more changes wins; then the latest; then the window id', () => {
    const a = { ...initialState(SHOW, T0), rev: 3, at: 10, by: 'a' };
    assert.ok(newer({ ...a, rev: 4, at: 1 }, a));
    assert.ok(newer({ ...a, at: 11 }, a));
    assert.ok(newer({ ...a, by: 'b' }, a));
    assert.ok(!newer(a, a));
  });

  test('a saved state resumes at the same beat after a rebuild that moved it', () => {
    const saved = run([
      [{ type: 'goto', beat: 3 }, 1],
      [{ type: 'card', delta: 1 }, 2],
    ]);
    // An opening beat was removed: "20:c" is now beat 2.
    const rebuilt: ShowShape = {
      ...SHOW,
      fingerprint: 'f2',
      beats: SHOW.beats.slice(1),
      episodes: [
        { ...SHOW.episodes[0]!, beats: 2, words: 200 },
        { ...SHOW.episodes[1]!, firstBeat: 2 },
      ],
    };
    const fitted = fitState(saved, rebuilt);
    assert.equal(fitted.beat, 2);
    assert.equal(fitted.beatId, '20:c');
    assert.equal(fitted.card, 0, "the card is kept within the beat's cards");
    assert.equal(fitted.fingerprint, 'f2');
    // A beat that no longer exists: the same number, within bounds.
    const gone = fitState({ ...saved, beat: 4, beatId: '20:zzz' }, rebuilt);
    assert.equal(gone.beat, 3);
    assert.equal(fitState(saved, SHOW), saved, 'nothing to fit: the same object');
  });
});

describe('the end of the show', () => {
  const last = SHOW.beats.length - 1;
  const at = (s: ShowState, a: Action, now: number) => reduce(s, a, SHOW, now);
  test('next on the last beat ends the show and stops the timer; next again does nothing', () => {
    let s = at(initialState(SHOW, 0), { type: 'last' }, 0);
    s = at(s, { type: 'timer' }, 1000);
    const ended = at(s, { type: 'next' }, 61_000);
    assert.equal(ended.ended, true);
    assert.equal(ended.beat, last);
    assert.equal(ended.timer.since, null, 'the timer is stopped');
    assert.equal(elapsed(ended.timer, 999_000), 60_000, 'and keeps its time');
    assert.equal(at(ended, { type: 'next' }, 62_000), ended);
  });
  test('previous, Home, G leave the end card; a blackout is lifted first', () => {
    const ended = at(at(initialState(SHOW, 0), { type: 'last' }, 0), { type: 'next' }, 0);
    const back = at(ended, { type: 'prev' }, 1);
    assert.deepEqual([back.ended, back.beat], [false, last]);
    const home = at(ended, { type: 'first' }, 1);
    assert.deepEqual([home.ended, home.beat], [false, 0]);
    const dark = at(at(at(initialState(SHOW, 0), { type: 'last' }, 0), { type: 'blackout' }, 0), { type: 'next' }, 0);
    assert.deepEqual([dark.ended, dark.blackout], [false, false]);
  });
});

test('plannedForBeat shares the episode plan by words; 0 out of range', () => {
  assert.equal(plannedForBeat(SHOW, 0), 200);
  assert.equal(plannedForBeat(SHOW, 3), 75);
  assert.equal(plannedForBeat(SHOW, 4), 225);
  assert.equal(plannedForBeat(SHOW, 9), 0);
  const noWords: ShowShape = { ...SHOW, episodes: SHOW.episodes.map((e) => ({ ...e, words: 0 })) };
  assert.equal(plannedForBeat(noWords, 3), 150);
});
