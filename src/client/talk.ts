// The talk excerpt's player: loaded only when a reader presses play (or "see this panel
// performed"). It puts PeerTube's embed in place of the facade and talks to it with the embed
// API's message protocol, so that the panel being performed is highlighted and panels can send
// the video to their moment.
//
// The protocol is the one @peertube/embed-api speaks (jschannel over window.postMessage):
// messages are JSON strings; method names carry a scope ("peertube::seek"); both sides first
// exchange "__ready" ping/pong; requests have an id and get {id, result} back; notifications
// (like "playbackStatusUpdate", every half second, with {position, volume, duration,
// playbackState}) have no id. The few lines needed are written here rather than bundling the
// library: it is AGPL-licensed (the kit is MIT), and the reader downloads less.
import { cueAt, type Cue } from '../shared/talk/cues.ts';

const SCOPE = 'peertube';
/** How long to wait for the embed before offering to watch the video on its instance instead. */
const PATIENCE_MS = 20_000;

type Message = { id?: number; method?: string; params?: unknown; result?: unknown; error?: string };

/** The page's end of the channel. */
class EmbedChannel {
  private ready = false;
  private queue: Message[] = [];
  private nextId = Math.floor(Math.random() * 1_000_000) * 2 + 1;
  private handlers = new Map<string, (params: unknown) => void>();
  private pending = new Map<number, (result: unknown) => void>();
  private readonly frame: HTMLIFrameElement;
  private readonly origin: string;

  constructor(frame: HTMLIFrameElement, origin: string) {
    this.frame = frame;
    this.origin = origin;
    window.addEventListener('message', this.receive);
    // The embed says "ping" when its channel starts; if that happened before ours listened,
    // our own ping (once the frame has loaded) starts the exchange instead.
    frame.addEventListener('load', () => this.post({ method: `${SCOPE}::__ready`, params: 'ping' }, true));
  }

  private receive = (e: MessageEvent) => {
    if (e.source !== this.frame.contentWindow || e.origin !== this.origin || typeof e.data !== 'string') return;
    let m: Message;
    try {
      m = JSON.parse(e.data) as Message;
    } catch {
      return;
    }
    if (!m || typeof m !== 'object') return;
    if (m.method === undefined) {
      // A response. Results that are undefined are dropped by JSON: only calls with an answer get one.
      if (typeof m.id === 'number' && 'result' in m) this.pending.get(m.id)?.(m.result);
      if (typeof m.id === 'number') this.pending.delete(m.id);
      return;
    }
    const [scope, method] = String(m.method).split('::');
    if (scope !== SCOPE || !method) return;
    if (method === '__ready') {
      if (this.ready) return;
      this.ready = true;
      if (m.params === 'ping') this.post({ method: `${SCOPE}::__ready`, params: 'pong' }, true);
      for (const q of this.queue.splice(0)) this.post(q);
      return;
    }
    if (m.id === undefined) this.handlers.get(method)?.(m.params);
  };

  private post(message: Message, force = false): void {
    if (!force && !this.ready) {
      this.queue.push(message);
      return;
    }
    this.frame.contentWindow?.postMessage(JSON.stringify(message), this.origin);
  }

  /** Calls a method of the embed; `answer` gets its result when it sends one. */
  call(method: string, params?: unknown, answer?: (result: unknown) => void): void {
    this.nextId += 2;
    const id = this.nextId;
    if (answer) this.pending.set(id, answer);
    this.post({ id, method: `${SCOPE}::${method}`, params });
  }

  on(event: string, handler: (params: unknown) => void): void {
    this.handlers.set(event, handler);
  }
}

export interface Player {
  /** Sends the video to `seconds`, plays it, and brings the player into view with focus in it. */
  seek(seconds: number): void;
}

function reduceMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Replaces the facade in `section` with the embed, starting at `at` (default: the excerpt's start). */
export function mountPlayer(section: HTMLElement, at?: number): Player {
  const data = section.dataset;
  const origin = data.origin!;
  const end = Number(data.end);
  const cues = JSON.parse(data.cues || '[]') as Cue[];
  const url = new URL(data.embed!);
  if (at !== undefined) url.searchParams.set('start', String(at));

  const frame = document.createElement('iframe');
  frame.className = 'talk__player';
  frame.title = data.playerTitle ?? '';
  // Scripts and its own storage (PeerTube needs them), pop-ups for its links; nothing else.
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
  frame.referrerPolicy = 'no-referrer';
  frame.allow = 'autoplay; fullscreen; picture-in-picture';
  frame.allowFullscreen = true;
  const channel = new EmbedChannel(frame, origin);
  frame.src = url.href;

  const box = section.querySelector<HTMLElement>('[data-talk-frame]')!;
  box.replaceChildren(frame);
  section.classList.add('talk--playing');
  frame.focus();

  // If the instance does not answer, say so and link to the video's page.
  const trouble = section.querySelector<HTMLElement>('[data-talk-trouble]');
  let ready = false;
  const markReady = () => {
    ready = true;
    if (trouble) trouble.hidden = true;
  };
  const timer = window.setTimeout(() => {
    if (!ready && trouble) trouble.hidden = false;
  }, PATIENCE_MS);
  channel.on('ready', () => {
    window.clearTimeout(timer);
    markReady();
  });
  channel.call('isReady', undefined, (isReady) => {
    if (isReady) markReady();
  });

  // The panel being performed: the last cue reached, while the excerpt lasts.
  const figures = new Map(
    [...document.querySelectorAll<HTMLElement>('figure[data-cue]')].map((f) => [f.dataset.panel!, f]),
  );
  let current: string | undefined;
  const highlight = (panel: string | undefined) => {
    if (panel === current) return;
    const off = current && figures.get(current);
    if (off) {
      off.classList.remove('panel--now');
      off.querySelector<HTMLElement>('[data-talk-now]')!.hidden = true;
    }
    current = panel;
    const on = panel && figures.get(panel);
    if (on) {
      on.classList.add('panel--now');
      on.querySelector<HTMLElement>('[data-talk-now]')!.hidden = false;
    }
  };
  channel.on('playbackStatusUpdate', (status) => {
    const s = status as { position?: unknown; playbackState?: unknown } | null;
    const position = Number(s?.position);
    if (!Number.isFinite(position)) return;
    markReady();
    highlight(s?.playbackState === 'ended' ? undefined : cueAt(cues, position, end)?.panel);
  });

  return {
    seek(seconds: number) {
      channel.call('seek', seconds);
      channel.call('play');
      frame.scrollIntoView({ block: 'center', behavior: reduceMotion() ? 'auto' : 'smooth' });
      frame.focus({ preventScroll: true });
    },
  };
}
