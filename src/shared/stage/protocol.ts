// What stage windows say to each other (over BroadcastChannel) and keep in localStorage. Every
// message and every saved state is checked here before anything uses it: a message of another
// protocol, version, book, show or language, or of the wrong shape, is ignored — never an
// error, never a partial update. What passes is rebuilt field by field, so nothing foreign
// rides along.
import { STATE_VERSION, type ShowState, type VideoState } from './state.ts';

export const PROTOCOL = 'planches-stage';
export const PROTOCOL_VERSION = 1;

export type Role = 'presenter' | 'audience';

/** Where the audience screen is: sent with its heartbeats so the presenter can show it. */
export interface AudienceReport {
  /** The beat painted on the audience screen (-1 while nothing is painted yet). */
  beat: number;
  blackout: boolean;
  visible: boolean;
  fullscreen: boolean;
  /** The cued video: "blocked" when the browser wants a click on the audience window first. */
  media: MediaReport;
  /** Beats (0-based) whose picture could not be loaded or decoded there. */
  failed: number[];
  /** Whether the stage server answered the audience window's last check. */
  server: boolean;
}

export const MEDIA_STATES = ['none', 'loading', 'playing', 'paused', 'blocked', 'error'] as const;
export type MediaReport = (typeof MEDIA_STATES)[number];

export type Message =
  /** A window opened: the others answer with their state and presence. */
  | { kind: 'hello'; role: Role; from: string }
  /** The whole shared state (every change is sent whole: messages can be lost or repeated). */
  | { kind: 'state'; role: Role; from: string; state: ShowState }
  /** Presence, every second; the audience adds what it shows. */
  | { kind: 'here'; role: Role; from: string; report?: AudienceReport }
  /** A window is closing. */
  | { kind: 'bye'; role: Role; from: string };

export interface Envelope {
  p: typeof PROTOCOL;
  v: typeof PROTOCOL_VERSION;
  /** The channel: book, show and language (see channelKey). */
  key: string;
  msg: Message;
}

/** One channel per book, show and language: two shows never drive each other. */
export function channelKey(book: string, show: string, lang: string): string {
  return `${PROTOCOL}:${book}:${show}:${lang}`;
}

export function envelope(key: string, msg: Message): Envelope {
  return { p: PROTOCOL, v: PROTOCOL_VERSION, key, msg };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x < 8.64e15;
const isText = (x: unknown, max = 200): x is string => typeof x === 'string' && x.length <= max;
const isRole = (x: unknown): x is Role => x === 'presenter' || x === 'audience';

/** Limits a state must respect for the show it claims to be about. */
export interface StateBounds {
  show: string;
  beats: number;
}

/** A checked copy of a shared state, or undefined when `x` is not one (for this show). */
export function checkState(x: unknown, bounds: StateBounds): ShowState | undefined {
  if (!isObject(x)) return undefined;
  if (x.v !== STATE_VERSION || x.show !== bounds.show) return undefined;
  if (!isText(x.fingerprint, 40) || !isInt(x.rev) || !isTime(x.at) || !isText(x.by, 64)) return undefined;
  if (!isInt(x.beat, 0, Math.max(0, bounds.beats - 1)) || !isText(x.beatId, 300)) return undefined;
  if (
    typeof x.blackout !== 'boolean' ||
    typeof x.surtitles !== 'boolean' ||
    !isText(x.surtitleLang, 20) ||
    !isInt(x.card, 0, 10_000)
  )
    return undefined;
  const timer = x.timer;
  if (!isObject(timer) || !(timer.since === null || isTime(timer.since)) || !isTime(timer.banked)) return undefined;
  const spentIn = x.spent;
  if (!isObject(spentIn)) return undefined;
  const spent: Record<string, number> = {};
  const entries = Object.entries(spentIn);
  if (entries.length > 1000) return undefined;
  for (const [k, v] of entries) {
    if (!/^\d{1,9}$/.test(k) || !isTime(v)) return undefined;
    spent[k] = v;
  }
  const mark = x.mark;
  if (!isObject(mark) || !isInt(mark.episode) || !isTime(mark.at)) return undefined;
  let video: VideoState | null = null;
  if (x.video !== null) {
    const v = x.video;
    if (
      !isObject(v) ||
      !isInt(v.beat, 0, Math.max(0, bounds.beats - 1)) ||
      !(v.since === null || isTime(v.since)) ||
      typeof v.at !== 'number' ||
      !Number.isFinite(v.at) ||
      v.at < 0
    )
      return undefined;
    video = { beat: v.beat, since: v.since as number | null, at: v.at };
  }
  // A state saved before the end card existed has no `ended`: it is not at the end.
  if (x.ended !== undefined && typeof x.ended !== 'boolean') return undefined;
  return {
    v: STATE_VERSION,
    show: bounds.show,
    fingerprint: x.fingerprint,
    rev: x.rev,
    at: x.at,
    by: x.by,
    beat: x.beat,
    beatId: x.beatId,
    blackout: x.blackout,
    surtitles: x.surtitles,
    surtitleLang: x.surtitleLang,
    card: x.card,
    timer: { since: timer.since as number | null, banked: timer.banked },
    spent,
    mark: { episode: mark.episode, at: mark.at },
    video,
    ended: x.ended === true,
  };
}

function checkReport(x: unknown): AudienceReport | undefined {
  if (!isObject(x)) return undefined;
  if (
    !isInt(x.beat, -1, 1_000_000) ||
    typeof x.blackout !== 'boolean' ||
    typeof x.visible !== 'boolean' ||
    typeof x.fullscreen !== 'boolean'
  )
    return undefined;
  const media = MEDIA_STATES.find((m) => m === x.media);
  if (!media) return undefined;
  const failedIn = x.failed;
  if (!Array.isArray(failedIn) || failedIn.length > 1000 || !failedIn.every((b) => isInt(b, 0, 1_000_000)))
    return undefined;
  if (typeof x.server !== 'boolean') return undefined;
  return {
    beat: x.beat,
    blackout: x.blackout,
    visible: x.visible,
    fullscreen: x.fullscreen,
    media,
    failed: [...failedIn],
    server: x.server,
  };
}

/**
 * The message inside `data` when it is one of ours, for this channel, well formed; else
 * undefined. `origin` is the sender's origin when the transport tells it (it must be ours).
 */
export function parseMessage(
  data: unknown,
  key: string,
  bounds: StateBounds,
  origin?: { sender: string; own: string },
): Message | undefined {
  if (origin?.sender && origin.sender !== origin.own) return undefined;
  if (!isObject(data) || data.p !== PROTOCOL || data.v !== PROTOCOL_VERSION || data.key !== key) return undefined;
  const m = data.msg;
  if (!isObject(m) || !isRole(m.role) || !isText(m.from, 64) || !m.from) return undefined;
  switch (m.kind) {
    case 'hello':
    case 'bye':
      return { kind: m.kind, role: m.role, from: m.from };
    case 'here': {
      if (m.report === undefined) return { kind: 'here', role: m.role, from: m.from };
      const report = checkReport(m.report);
      return report ? { kind: 'here', role: m.role, from: m.from, report } : undefined;
    }
    case 'state': {
      const state = checkState(m.state, bounds);
      return state ? { kind: 'state', role: m.role, from: m.from, state } : undefined;
    }
    default:
      return undefined;
  }
}

/** The localStorage key of a show's state. */
export function storageKey(key: string): string {
  return `${key}:state`;
}

/** A saved state from localStorage text, or undefined when it is missing, broken or foreign. */
export function readSaved(text: string | null, bounds: StateBounds): ShowState | undefined {
  if (!text) return undefined;
  try {
    return checkState(JSON.parse(text), bounds);
  } catch {
    return undefined;
  }
}
