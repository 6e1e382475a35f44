// The talk excerpt's player: loaded only when a reader presses play (or "see this panel
// performed"). It puts PeerTube's embed in place of the facade and talks to it with the embed
// API's message protocol, so that the panel being performed is highlighted, panels can send the
// video to their moment, the reader's caption track is selected, and the excerpt stays an
// excerpt: PeerTube's `stop=` pauses only the first time the end is crossed (its player removes
// its stop handler once it has fired), so the page pauses it there every time, after a seek too.
// When an instance does not answer in time, the reader is offered the next copy (a click, never
// an automatic load), then the transcript.
//
// The protocol is the one @peertube/embed-api speaks (jschannel over window.postMessage):
// messages are JSON strings; method names carry a scope ("peertube::seek"); both sides first
// exchange "__ready" ping/pong; requests have an id and get {id, result} back; notifications
// (like "playbackStatusUpdate", every half second, with {position, volume, duration,
// playbackState}) have no id. The few lines needed are written here rather than bundling the
// library: it is AGPL-licensed (the kit is MIT), and the reader downloads less.
import { cueAt, type Cue } from '../shared/talk/cues.ts';

const SCOPE = 'peertube';

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
  /** Stops listening (the frame is being replaced by a copy elsewhere). */
  readonly close: () => void;

  constructor(frame: HTMLIFrameElement, origin: string) {
    this.frame = frame;
    this.origin = origin;
    window.addEventListener('message', this.receive);
    this.close = () => window.removeEventListener('message', this.receive);
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
  /** Sends the video to `seconds` (a time in the first copy), plays it, and brings the player into view with focus in it. */
  seek(seconds: number): void;
}

interface Source {
  origin: string;
  host: string;
  label: string;
  privacy: string;
  embed: string;
  offset: number;
}

interface Caption {
  id?: unknown;
  mode?: unknown;
}

function reduceMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Replaces the facade in `section` with the embed, starting at `at` (default: the excerpt's start). */
export function mountPlayer(section: HTMLElement, at?: number): Player {
  const data = section.dataset;
  const sources = JSON.parse(data.sources || '[]') as Source[];
  const strings = JSON.parse(data.strings || '{}') as Record<string, string>;
  const say = (key: string, host = '') => (strings[key] ?? key).replace('{host}', host);
  const start = Number(data.start);
  const end = Number(data.end);
  const caption = data.caption;
  const patience = Number(data.patience || 15) * 1000;
  const cues = JSON.parse(data.cues || '[]') as Cue[];
  const box = section.querySelector<HTMLElement>('[data-talk-frame]')!;
  const trouble = section.querySelector<HTMLElement>('[data-talk-trouble]')!;
  const status = section.querySelector<HTMLElement>('[data-talk-status]')!;
  const transcript = section.querySelector<HTMLDetailsElement>('#talk-transcript');
  section.classList.add('talk--playing');

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

  let which = 0;
  let frame: HTMLIFrameElement;
  let channel: EmbedChannel;

  /** Loads copy number `n`, at `from` seconds (a time in the first copy). */
  const load = (n: number, from: number) => {
    which = n;
    const source = sources[n]!;
    const offset = source.offset;
    const stop = end + offset;
    const url = new URL(source.embed);
    url.searchParams.set('start', String(Math.floor(from + offset)));
    channel?.close();
    frame = document.createElement('iframe');
    frame.className = 'talk__player';
    frame.title = data.playerTitle ?? '';
    // Scripts and its own storage (PeerTube needs them), pop-ups for its links; nothing else.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    frame.referrerPolicy = 'no-referrer';
    frame.allow = 'autoplay; fullscreen; picture-in-picture';
    frame.allowFullscreen = true;
    channel = new EmbedChannel(frame, source.origin);
    const ch = channel;
    frame.src = url.href;
    box.replaceChildren(frame);
    frame.focus();
    trouble.hidden = true;
    status.textContent = '';

    // The privacy sentence names the instance actually used.
    const name = section.querySelector('[data-talk-instance]');
    if (name) name.textContent = source.label;
    section.querySelector('[data-talk-privacy]')?.setAttribute('href', source.privacy);

    let ready = false;
    let captionsAsked = false;
    const markReady = () => {
      if (!ready) {
        ready = true;
        window.clearTimeout(timer);
        trouble.hidden = true;
      }
      // The reader's captions: asked for in the address (subtitle=), and selected once the embed
      // has its tracks, in case the viewer's last choice on that instance said otherwise.
      if (caption && !captionsAsked) {
        captionsAsked = true;
        ch.call('getCaptions', undefined, (list) => {
          const track = Array.isArray(list) ? (list as Caption[]).find((c) => c?.id === caption) : undefined;
          if (track) ch.call('setCaption', caption);
        });
      }
    };
    // If the instance does not answer, offer the next copy, then the transcript.
    const timer = window.setTimeout(() => {
      if (ready || ch !== channel) return;
      const parts: Node[] = [];
      const p = document.createElement('p');
      p.textContent = say('talk.trouble', source.host);
      parts.push(p);
      const next = sources[n + 1];
      const actions = document.createElement('p');
      actions.className = 'talk__actions';
      if (next) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'talk__mirror';
        b.textContent = say('talk.tryMirror', next.host);
        b.addEventListener('click', () => load(n + 1, from));
        actions.append(b);
      }
      if (transcript) {
        const a = document.createElement('a');
        a.href = '#talk-transcript';
        a.textContent = say('talk.readTranscript');
        a.addEventListener('click', () => {
          transcript.open = true;
        });
        if (actions.childNodes.length) actions.append(' ');
        actions.append(a);
      }
      if (!next && !transcript) actions.textContent = say('talk.tryLater');
      parts.push(actions);
      trouble.replaceChildren(...parts);
      trouble.hidden = false;
    }, patience);
    ch.on('ready', markReady);
    ch.call('isReady', undefined, (isReady) => {
      if (isReady) markReady();
    });

    // Kept inside the excerpt: paused at its end each time it is crossed while playing.
    let endTimer = 0;
    const pauseAtEnd = () => {
      ch.call('pause');
      status.textContent = say('talk.ended');
    };
    ch.on('playbackStatusUpdate', (update) => {
      const s = update as { position?: unknown; playbackState?: unknown } | null;
      const position = Number(s?.position);
      if (!Number.isFinite(position)) return;
      markReady();
      const playing = s?.playbackState === 'playing';
      window.clearTimeout(endTimer);
      if (playing && position >= stop) pauseAtEnd();
      else if (playing && stop - position < 0.6) endTimer = window.setTimeout(pauseAtEnd, (stop - position) * 1000);
      else if (playing && position < stop) status.textContent = '';
      highlight(s?.playbackState === 'ended' ? undefined : cueAt(cues, position - offset, end)?.panel);
    });
  };

  load(0, at ?? start);

  return {
    seek(seconds: number) {
      channel.call('seek', seconds + sources[which]!.offset);
      channel.call('play');
      frame.scrollIntoView({ block: 'center', behavior: reduceMotion() ? 'auto' : 'smooth' });
      frame.focus({ preventScroll: true });
    },
  };
}
