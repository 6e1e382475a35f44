// One state for every stage window of a show: saved to localStorage on every change and sent
// whole over a BroadcastChannel. Any window can be opened first, reloaded or closed: on start
// it resumes from localStorage and says hello; the others answer with their state and the
// newest wins (state.ts: newer). Messages and saved states are checked (protocol.ts) and
// ignored when they are not ours.
import { fitState, initialState, newer, reduce, type Action, type ShowState } from '../../shared/stage/state.ts';
import {
  channelKey,
  envelope,
  parseMessage,
  readSaved,
  storageKey,
  type AudienceReport,
  type Message,
  type Role,
} from '../../shared/stage/protocol.ts';
import type { ShowData } from '../../shared/stage/show-data.ts';

export interface Peer {
  role: Role;
  last: number;
  report?: AudienceReport;
}

export interface Sync {
  readonly id: string;
  readonly show: ShowData;
  state(): ShowState;
  dispatch(action: Action): boolean;
  /** Called after every change of the state, from this window or another. */
  onChange(fn: (state: ShowState, previous: ShowState) => void): void;
  /** Called when a window appears, reports or goes away. */
  onPeers(fn: () => void): void;
  peers(): Map<string, Peer>;
  /** Whether the state can be saved (private modes and full disks cannot). */
  saved(): boolean;
  /** Sends this window's presence now (the audience does it when it paints a new beat). */
  announce(): void;
}

const HEARTBEAT_MS = 1000;
/** A window that has not been heard of for this long is gone. */
export const PEER_TIMEOUT_MS = 3500;

function randomId(): string {
  try {
    return crypto.randomUUID();
  } catch {
    return Math.random().toString(36).slice(2) + Date.now().toString(36);
  }
}

export function startSync(show: ShowData, role: Role, report?: () => AudienceReport): Sync {
  const id = `${role}-${randomId()}`;
  const key = channelKey(show.book, show.show, show.lang);
  const bounds = { show: show.show, beats: show.beats.length };
  const store = storageKey(key);
  const changeFns: Array<(s: ShowState, p: ShowState) => void> = [];
  const peerFns: Array<() => void> = [];
  const peers = new Map<string, Peer>();
  let canSave = true;

  const load = (): ShowState | undefined => {
    try {
      const saved = readSaved(localStorage.getItem(store), bounds);
      return saved && fitState(saved, show);
    } catch {
      canSave = false;
      return undefined;
    }
  };
  let current: ShowState = load() ?? initialState(show, Date.now(), id);

  const save = (s: ShowState) => {
    try {
      localStorage.setItem(store, JSON.stringify(s));
      canSave = true;
    } catch {
      canSave = false;
    }
  };

  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel(key);
  } catch {
    channel = undefined; // localStorage's storage event still carries the state
  }
  const post = (msg: Message) => {
    try {
      channel?.postMessage(envelope(key, msg));
    } catch {
      // a closed channel (the page is going away): nothing to do
    }
  };

  const set = (next: ShowState, persist: boolean) => {
    const previous = current;
    current = next;
    if (persist) save(next);
    for (const fn of changeFns) fn(current, previous);
  };

  /** A state from elsewhere: kept when it is newer than ours. */
  const adopt = (incoming: ShowState) => {
    const fitted = fitState(incoming, show);
    if (!newer(fitted, current)) return;
    set(fitted, false);
  };

  const presence = (): Message =>
    role === 'audience' && report
      ? { kind: 'here', role, from: id, report: report() }
      : { kind: 'here', role, from: id };

  const touch = (from: string, peerRole: Role, r?: AudienceReport) => {
    const known = peers.get(from);
    peers.set(from, { role: peerRole, last: Date.now(), report: r ?? known?.report });
    for (const fn of peerFns) fn();
  };

  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      const msg = parseMessage(event.data, key, bounds, { sender: event.origin, own: location.origin });
      if (!msg || msg.from === id) return;
      switch (msg.kind) {
        case 'hello':
          touch(msg.from, msg.role);
          post({ kind: 'state', role, from: id, state: current });
          post(presence());
          break;
        case 'state':
          touch(msg.from, msg.role);
          adopt(msg.state);
          break;
        case 'here':
          touch(msg.from, msg.role, msg.report);
          break;
        case 'bye':
          peers.delete(msg.from);
          for (const fn of peerFns) fn();
          break;
      }
    };
    channel.onmessageerror = () => {};
  }

  // A second path: another window's save. Also covers a missed message.
  addEventListener('storage', (event) => {
    if (event.key !== store || event.storageArea !== localStorage) return;
    const saved = readSaved(event.newValue, bounds);
    if (saved) adopt(saved);
  });
  // Back from the background (timers were slowed down there): catch up with the saved state.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    const saved = load();
    if (saved) adopt(saved);
    post(presence());
  });

  setInterval(() => {
    post(presence());
    const now = Date.now();
    let changed = false;
    for (const [from, p] of peers) {
      if (now - p.last > PEER_TIMEOUT_MS) {
        peers.delete(from);
        changed = true;
      }
    }
    if (changed) for (const fn of peerFns) fn();
  }, HEARTBEAT_MS);

  addEventListener('pagehide', () => post({ kind: 'bye', role, from: id }));

  save(current);
  post({ kind: 'hello', role, from: id });
  post({ kind: 'state', role, from: id, state: current });

  return {
    id,
    show,
    state: () => current,
    dispatch(action) {
      const next = reduce(current, action, show, Date.now(), id);
      if (next === current) return false;
      // The other windows first (the audience screen waits for this), then this window's own drawing.
      post({ kind: 'state', role, from: id, state: next });
      set(next, true);
      return true;
    },
    onChange: (fn) => void changeFns.push(fn),
    onPeers: (fn) => void peerFns.push(fn),
    peers: () => peers,
    saved: () => canSave,
    announce: () => post(presence()),
  };
}
