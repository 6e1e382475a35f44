// The show's state, kept in one place and shared by every stage window: where we are, what
// the audience sees, and the timer. Pure functions only: `reduce(state, action, show, now)`
// returns the next state (or the same object when nothing changes), and the timer is
// arithmetic on wall-clock times, so a reloaded window computes the same figures.
//
// Used both at build time (tests) and in the browser: no Node, no DOM.

export const STATE_VERSION = 1;

export interface Timer {
  /** Wall-clock time (ms) when the timer was last started; null while paused or never started. */
  since: number | null;
  /** Time counted before `since` (ms): the sum of every earlier running stretch. */
  banked: number;
}

export interface VideoState {
  /** The beat whose cue is playing (moving elsewhere stops it). */
  beat: number;
  /** Wall-clock time (ms) when playback last started; null while paused. */
  since: number | null;
  /** Position (s) in the video at `since`, or where it was paused. */
  at: number;
}

export interface ShowState {
  v: number;
  /** Which show this is (a saved state of another show or build is not resumed). */
  show: string;
  fingerprint: string;
  /** Increases with every change: windows keep the highest (ties: the latest `at`, then `by`). */
  rev: number;
  at: number;
  by: string;
  beat: number;
  /** The beat's id ("19:hamster-wheel"): a rebuilt show resumes at the same beat even if it moved. */
  beatId: string;
  blackout: boolean;
  surtitles: boolean;
  surtitleLang: string;
  card: number;
  timer: Timer;
  /** Timer time (ms) spent in each episode before the current stay, by episode number. */
  spent: Record<string, number>;
  /** The episode being timed and the timer's reading when it began to be. */
  mark: { episode: number; at: number };
  video: VideoState | null;
  /** Past the last beat: the audience shows the end card and the timer has stopped. */
  ended: boolean;
}

/** The part of a show the state machine needs. */
export interface ShowShape {
  show: string;
  fingerprint: string;
  surtitleLangs: string[];
  beats: ReadonlyArray<{
    id: string;
    episode: number;
    words: number;
    cards: Record<string, ReadonlyArray<unknown>>;
    cue?: unknown;
  }>;
  episodes: ReadonlyArray<{ number: number; planned: number; firstBeat: number; beats: number; words: number }>;
}

export type Action =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'goto'; beat: number }
  | { type: 'blackout'; on?: boolean }
  | { type: 'surtitles'; on?: boolean }
  | { type: 'surtitleLang'; lang: string }
  | { type: 'card'; delta: 1 | -1 }
  /** The teleprompter reached this card (moves the surtitles only when it changes). */
  | { type: 'cardAt'; card: number }
  | { type: 'timer' }
  | { type: 'timerReset' }
  | { type: 'video' }
  | { type: 'videoStop' }
  | { type: 'videoEnded'; beat: number };

export function initialState(show: ShowShape, now: number, by = ''): ShowState {
  const first = show.beats[0];
  return {
    v: STATE_VERSION,
    show: show.show,
    fingerprint: show.fingerprint,
    rev: 0,
    at: now,
    by,
    beat: 0,
    beatId: first?.id ?? '',
    blackout: false,
    surtitles: false,
    surtitleLang: show.surtitleLangs[0] ?? '',
    card: 0,
    timer: { since: null, banked: 0 },
    spent: {},
    mark: { episode: first?.episode ?? 0, at: 0 },
    video: null,
    ended: false,
  };
}

// ── The timer ──────────────────────────────────────────────────────────────────────────────

/** Time counted so far (ms), paused stretches excluded. */
export function elapsed(timer: Timer, now: number): number {
  return timer.banked + (timer.since !== null ? Math.max(0, now - timer.since) : 0);
}

export function running(timer: Timer): boolean {
  return timer.since !== null;
}

export function startTimer(timer: Timer, now: number): Timer {
  return timer.since !== null ? timer : { since: now, banked: timer.banked };
}

export function pauseTimer(timer: Timer, now: number): Timer {
  return timer.since === null ? timer : { since: null, banked: elapsed(timer, now) };
}

/** Timer time (ms) spent in the current episode, every stay in it counted. */
export function episodeElapsed(state: ShowState, now: number): number {
  return (state.spent[state.mark.episode] ?? 0) + Math.max(0, elapsed(state.timer, now) - state.mark.at);
}

export interface Timing {
  /** Whole show, ms. */
  elapsed: number;
  running: boolean;
  started: boolean;
  /** This episode: planned (s), spent (ms) and what is left (ms; negative when over). */
  episode: number;
  planned: number;
  spent: number;
  left: number;
  /**
   * Against the plan, at the start of the current beat (ms): where the plan says we should be
   * (earlier episodes' plans plus this episode's plan pro rata of the words already behind us)
   * minus where we are. Positive: ahead of the plan; negative: behind it.
   */
  ahead: number;
  /** Planned time of the whole show up to the current beat (ms). */
  expected: number;
}

export function timing(state: ShowState, show: ShowShape, now: number): Timing {
  const beat = show.beats[state.beat];
  const epIndex = show.episodes.findIndex((e) => e.number === beat?.episode);
  const ep = show.episodes[epIndex];
  const total = elapsed(state.timer, now);
  let expected = 0;
  for (let i = 0; i < epIndex; i++) expected += show.episodes[i]!.planned * 1000;
  if (ep) {
    let before = 0;
    for (let i = ep.firstBeat; i < state.beat; i++) before += show.beats[i]!.words;
    const fraction = ep.words > 0 ? before / ep.words : ep.beats > 0 ? (state.beat - ep.firstBeat) / ep.beats : 0;
    expected += ep.planned * 1000 * fraction;
  }
  const spent = episodeElapsed(state, now);
  const planned = ep?.planned ?? 0;
  return {
    elapsed: total,
    running: running(state.timer),
    started: running(state.timer) || state.timer.banked > 0,
    episode: ep?.number ?? 0,
    planned,
    spent,
    left: planned * 1000 - spent,
    ahead: expected - total,
    expected,
  };
}

// ── The video cue ──────────────────────────────────────────────────────────────────────────

/** Where the cued video should be now (s). */
export function videoPosition(video: VideoState, now: number): number {
  return video.at + (video.since !== null ? Math.max(0, now - video.since) / 1000 : 0);
}

// ── Transitions ────────────────────────────────────────────────────────────────────────────

function clampBeat(show: ShowShape, beat: number): number {
  return Math.min(Math.max(0, Math.trunc(beat)), Math.max(0, show.beats.length - 1));
}

/** Moves to `beat`: the card goes back to the first, a playing cue stops, episode time is booked. */
function moveTo(state: ShowState, show: ShowShape, beat: number, now: number): ShowState {
  const target = clampBeat(show, beat);
  // Any move from the end card goes back into the show (the timer stays stopped: T resumes it).
  if (state.ended)
    return { ...state, ended: false, ...(target === state.beat ? {} : landOn(state, show, target, now)) };
  if (target === state.beat) return state;
  return { ...state, ...landOn(state, show, target, now) };
}

function landOn(state: ShowState, show: ShowShape, target: number, now: number): Partial<ShowState> {
  const to = show.beats[target]!;
  let { spent, mark } = state;
  if (to.episode !== mark.episode) {
    const reading = elapsed(state.timer, now);
    spent = { ...spent, [mark.episode]: episodeElapsed(state, now) };
    mark = { episode: to.episode, at: reading };
  }
  return { beat: target, beatId: to.id, card: 0, spent, mark, video: null };
}

function cardsOf(state: ShowState, show: ShowShape): number {
  return show.beats[state.beat]?.cards[state.surtitleLang]?.length ?? 0;
}

/**
 * The next state. Returns `state` itself when the action changes nothing (at a bound, a
 * toggle to the same value…), so callers can tell a no-op from a change.
 */
export function reduce(state: ShowState, action: Action, show: ShowShape, now: number, by = state.by): ShowState {
  const next = apply(state, action, show, now);
  if (next === state) return state;
  return { ...next, rev: state.rev + 1, at: now, by };
}

function apply(state: ShowState, action: Action, show: ShowShape, now: number): ShowState {
  switch (action.type) {
    case 'next':
    case 'prev':
      // During a blackout the first press brings the picture back, without moving (as
      // presentation software does): a performer never advances blind.
      if (state.blackout) return { ...state, blackout: false };
      // Next on the last beat: the end of the show. The timer stops there, its time kept.
      if (action.type === 'next' && state.beat === show.beats.length - 1) {
        if (state.ended) return state;
        return {
          ...state,
          ended: true,
          video: null,
          timer: running(state.timer) ? pauseTimer(state.timer, now) : state.timer,
        };
      }
      if (action.type === 'prev' && state.ended) return { ...state, ended: false };
      return moveTo(state, show, state.beat + (action.type === 'next' ? 1 : -1), now);
    case 'first':
      return moveTo(state, show, 0, now);
    case 'last':
      return moveTo(state, show, show.beats.length - 1, now);
    case 'goto':
      if (!Number.isInteger(action.beat) || action.beat < 0 || action.beat >= show.beats.length) return state;
      return moveTo(state, show, action.beat, now);
    case 'blackout': {
      const on = action.on ?? !state.blackout;
      return on === state.blackout ? state : { ...state, blackout: on };
    }
    case 'surtitles': {
      const on = action.on ?? !state.surtitles;
      return on === state.surtitles ? state : { ...state, surtitles: on };
    }
    case 'surtitleLang':
      if (!show.surtitleLangs.includes(action.lang) || action.lang === state.surtitleLang) return state;
      return { ...state, surtitleLang: action.lang, card: 0 };
    case 'card': {
      const card = Math.min(Math.max(0, state.card + action.delta), Math.max(0, cardsOf(state, show) - 1));
      return card === state.card ? state : { ...state, card };
    }
    case 'cardAt': {
      const card = Math.min(Math.max(0, Math.trunc(action.card)), Math.max(0, cardsOf(state, show) - 1));
      return card === state.card ? state : { ...state, card };
    }
    case 'timer':
      return { ...state, timer: running(state.timer) ? pauseTimer(state.timer, now) : startTimer(state.timer, now) };
    case 'timerReset': {
      const beat = show.beats[state.beat];
      if (!state.timer.banked && state.timer.since === null && !Object.keys(state.spent).length) return state;
      return {
        ...state,
        timer: { since: null, banked: 0 },
        spent: {},
        mark: { episode: beat?.episode ?? state.mark.episode, at: 0 },
      };
    }
    case 'video': {
      if (!show.beats[state.beat]?.cue) return state;
      const v = state.video;
      if (!v || v.beat !== state.beat) return { ...state, video: { beat: state.beat, since: now, at: 0 } };
      return v.since !== null
        ? { ...state, video: { beat: v.beat, since: null, at: videoPosition(v, now) } }
        : { ...state, video: { beat: v.beat, since: now, at: v.at } };
    }
    case 'videoStop':
      return state.video ? { ...state, video: null } : state;
    case 'videoEnded':
      return state.video && state.video.beat === action.beat ? { ...state, video: null } : state;
  }
}

/** Which of two states every window keeps: the one with the most changes, then the latest. */
export function newer(a: ShowState, b: ShowState): boolean {
  if (a.rev !== b.rev) return a.rev > b.rev;
  if (a.at !== b.at) return a.at > b.at;
  return a.by > b.by;
}

/**
 * A saved state, made to fit the show as built now: the same beat by id when it still exists
 * (else by number, within bounds), the card within the beat's cards.
 */
export function fitState(state: ShowState, show: ShowShape): ShowState {
  let beat = show.beats.findIndex((b) => b.id === state.beatId);
  if (beat < 0) beat = clampBeat(show, state.beat);
  const b = show.beats[beat];
  const surtitleLang = show.surtitleLangs.includes(state.surtitleLang)
    ? state.surtitleLang
    : (show.surtitleLangs[0] ?? '');
  const cards = b?.cards[surtitleLang]?.length ?? 0;
  const video = state.video && state.video.beat === beat && b?.cue ? state.video : null;
  if (
    beat === state.beat &&
    b?.id === state.beatId &&
    surtitleLang === state.surtitleLang &&
    state.card < Math.max(1, cards) &&
    video === state.video &&
    state.fingerprint === show.fingerprint
  )
    return state;
  return {
    ...state,
    beat,
    beatId: b?.id ?? '',
    surtitleLang,
    card: Math.min(state.card, Math.max(0, cards - 1)),
    video,
    fingerprint: show.fingerprint,
  };
}

/** The card the teleprompter is reading: `fraction` (0–1) of paragraph `pid` is at the reading line. */
export function cardForPosition(
  cards: ReadonlyArray<{ pid: string; from: number; to: number }>,
  pid: string,
  fraction: number,
): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < cards.length; i++) {
    const c = cards[i]!;
    if (c.pid !== pid) continue;
    found ??= i;
    if (fraction >= c.from) found = i;
  }
  return found;
}

/** The seconds planned for beat `index`: its episode's plan shared by words (by beats when it has no words). */
export function plannedForBeat(show: ShowShape, index: number): number {
  const beat = show.beats[index];
  const ep = show.episodes.find((e) => e.number === beat?.episode);
  if (!beat || !ep) return 0;
  if (ep.words > 0) return (ep.planned * beat.words) / ep.words;
  return ep.beats > 0 ? ep.planned / ep.beats : 0;
}
