// A PeerTube stand-in for the end-to-end tests, served on 127.0.0.1 by the test itself. It
// records every request it receives (so a test can prove that nothing reached it before the
// reader pressed play), and its embed page speaks the embed API's protocol the way PeerTube's
// embed does (client/src/standalone/videos/embed-api.ts, over mozilla/jschannel):
// - every message is a JSON string posted to the parent window;
// - method names are scoped: "peertube::<method>" (the scope comes from ?scope=, default peertube);
// - on start each side posts "__ready" with "ping", the other answers "pong"; messages wait
//   until then; requests to unknown methods are ignored, as jschannel does;
// - requests {id, method, params} get {id, result} back; JSON.stringify drops undefined
//   results, so play/pause/seek never get an answer, exactly like the real embed;
// - the embed notifies "ready" once the video is loaded, "playbackStatusUpdate" every 500 ms
//   with {position, volume, duration, playbackState}, and "playbackStatusChange".
// - `stop=` pauses the video the first time the position passes it, then no more: PeerTube's
//   player removes its stop handler once it has fired (peertube-plugin.ts, handleStartStopTime),
//   and the state is then "paused", not "ended";
// - captions: the tracks' ids are their language codes; `subtitle=` shows one at start;
//   getCaptions answers {id, label, src, mode}, setCaption(id) shows that one and hides the others.
// Its clock runs in real time while playing; `window.standin` lets a test move the position (as
// a viewer dragging the seek bar would) and read the calls it received.
//
// It also answers the REST API calls `npm run talk-check` makes (GET /api/v1/videos/{id}, its
// captions, /embed-privacy/allowed, /services/oembed), from the videos it is given.
// startSilentInstance() is an instance that accepts connections and never answers (a mirror's
// first copy being down).
import { createServer, type Server, type ServerResponse } from 'node:http';

export interface StandInVideo {
  name?: string;
  /** Seconds. */
  duration?: number;
  /** 1 public, 2 unlisted, 3 private, 4 internal, 5 password protected. */
  privacy?: 1 | 2 | 3 | 4 | 5;
  downloadEnabled?: boolean;
  /** Caption languages on the instance. */
  captions?: string[];
  /** Whether embeds are allowed on every domain (PeerTube ≥ 8.1's embed policy). */
  embedAllowed?: boolean;
  isLive?: boolean;
}

export interface StandIn {
  origin: string;
  /** Every request path (with its query) the stand-in received, in order. */
  requests: string[];
  close(): Promise<void>;
}

const DEFAULT_VIDEO: Required<StandInVideo> = {
  name: 'The talk',
  duration: 600,
  privacy: 1,
  downloadEnabled: true,
  captions: ['fr', 'en'],
  embedAllowed: true,
  isLive: false,
};

const EMBED = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>PeerTube stand-in player</title>
<style>
  html, body { margin: 0; height: 100%; background: #111; color: #eee; font: 16px system-ui, sans-serif; }
  main { height: 100%; display: grid; place-content: center; gap: 0.6rem; text-align: center; }
  button { font: inherit; padding: 0.4rem 1rem; color: #111; background: #eee; border: 0; border-radius: 4px; }
</style>
</head>
<body>
<main>
  <p id="state">unstarted</p>
  <p id="position">0</p>
  <p id="caption"></p>
  <button type="button" id="toggle">Play</button>
</main>
<script>
(function () {
  var params = new URLSearchParams(location.search);
  var scope = params.get('scope') || 'peertube';
  function seconds(v) {
    if (!v) return undefined;
    if (/^\\d+$/.test(v)) return Number(v);
    var m = /^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$/.exec(v);
    return m ? (Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) : undefined;
  }
  var video = __VIDEO__;
  var duration = video.duration;
  var start = seconds(params.get('start')) || 0;
  var stop = seconds(params.get('stop'));
  var stopArmed = stop !== undefined;
  var position = start, state = 'unstarted', last = performance.now();
  var channelReady = false, videoReady = false, queue = [];
  var calls = [];
  var captions = video.captions.map(function (l) {
    return { id: l, label: l, src: '/lazy-static/video-captions/' + l + '.vtt', mode: l === params.get('subtitle') ? 'showing' : 'disabled' };
  });

  function post(message, force) {
    if (!force && !channelReady) { queue.push(message); return; }
    parent.postMessage(JSON.stringify(message), '*');
  }
  function notify(method, value) { post({ method: scope + '::' + method, params: value }); }
  function show() {
    document.getElementById('state').textContent = state;
    document.getElementById('position').textContent = position.toFixed(1);
    document.getElementById('toggle').textContent = state === 'playing' ? 'Pause' : 'Play';
    var c = captions.find(function (c) { return c.mode === 'showing'; });
    document.getElementById('caption').textContent = c ? 'captions: ' + c.id : 'captions: off';
  }
  function setState(next) {
    if (state === next) return;
    state = next;
    notify('playbackStatusChange', next);
    show();
  }
  function status() {
    notify('playbackStatusUpdate', { position: position, volume: 1, duration: duration, playbackState: state });
  }
  var methods = {
    isReady: function () { return videoReady; },
    isPlaying: function () { return state === 'playing'; },
    play: function () { setState('playing'); },
    pause: function () { setState('paused'); },
    seek: function (t) { position = Number(t); show(); },
    getCaptions: function () { return captions; },
    setCaption: function (id) { captions.forEach(function (c) { c.mode = c.id === id ? 'showing' : 'disabled'; }); },
    getCurrentTime: function () { return position; },
    getVolume: function () { return 1; },
    setVolume: function () {}
  };

  window.addEventListener('message', function (e) {
    if (e.source !== parent || typeof e.data !== 'string') return;
    var m;
    try { m = JSON.parse(e.data); } catch (err) { return; }
    if (!m || typeof m.method !== 'string') return;
    var parts = m.method.split('::');
    if (parts.length !== 2 || parts[0] !== scope) return;
    var method = parts[1];
    if (method === '__ready') {
      if (channelReady) return;
      channelReady = true;
      if (m.params === 'ping') post({ method: scope + '::__ready', params: 'pong' }, true);
      while (queue.length) post(queue.shift());
      return;
    }
    if (m.id === undefined) return;
    calls.push({ method: method, params: m.params });
    if (!methods[method]) return;
    post({ id: m.id, result: methods[method](m.params) });
  });
  setTimeout(function () { post({ method: scope + '::__ready', params: 'ping' }, true); }, 0);

  // The "video" loads, then plays by itself when asked to (autoplay=1).
  setTimeout(function () {
    videoReady = true;
    notify('ready', true);
    if (params.get('autoplay') === '1') setState('playing');
  }, 150);
  setInterval(function () {
    var now = performance.now();
    if (state === 'playing') {
      position += (now - last) / 1000;
      // PeerTube pauses at stop= once, then forgets it; the video itself ends at its duration.
      if (stopArmed && position > stop) { stopArmed = false; setState('paused'); }
      if (position >= duration) { position = duration; setState('ended'); }
    }
    last = now;
    show();
    status();
  }, 500);
  document.getElementById('toggle').addEventListener('click', function () { setState(state === 'playing' ? 'paused' : 'playing'); });

  window.standin = {
    calls: calls,
    params: Object.fromEntries(params),
    get position() { return position; },
    get state() { return state; },
    get showing() { var c = captions.find(function (c) { return c.mode === 'showing'; }); return c ? c.id : null; },
    /** Moves the playhead (and plays), then reports the status at once. */
    setPosition: function (p) { position = p; if (state !== 'playing') setState('playing'); last = performance.now(); show(); status(); }
  };
  show();
})();
</script>
</body>
</html>`;

const PAGE = (title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1></main></body></html>`;

const LABELS: Record<number, string> = {
  1: 'Public',
  2: 'Unlisted',
  3: 'Private',
  4: 'Internal',
  5: 'Password protected',
};

/**
 * The stand-in. `videos` describes videos by id (either form); any other id is a public 10-minute
 * video with French and English captions, downloadable. An id mapped to `null` does not exist.
 */
export async function startStandIn(
  options: { videos?: Record<string, StandInVideo | null>; port?: number } = {},
): Promise<StandIn> {
  const requests: string[] = [];
  const videoOf = (id: string): Required<StandInVideo> | undefined => {
    const given = options.videos?.[id];
    if (given === null) return undefined;
    return { ...DEFAULT_VIDEO, ...given };
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const origin = `http://${req.headers.host}`;
    const send = (status: number, body: string) =>
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
    const json = (r: ServerResponse, status: number, body: unknown) =>
      r
        .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' })
        .end(JSON.stringify(body));
    const notFound = () =>
      json(res, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Video not found' });
    let m = /^\/videos\/embed\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const v = videoOf(m[1]!);
      return v ? send(200, EMBED.replace('__VIDEO__', JSON.stringify(v))) : send(404, PAGE('Not found'));
    }
    if (/^\/(w|videos\/watch)\/[^/]+$/.test(url.pathname)) return send(200, PAGE('A video'));
    if (url.pathname === '/about/privacy') return send(200, PAGE('Privacy policy'));
    m = /^\/api\/v1\/videos\/([^/]+)(\/captions|\/embed-privacy\/allowed)?$/.exec(url.pathname);
    if (m) {
      const id = m[1]!;
      const v = videoOf(id);
      if (!v) return notFound();
      if (m[2] === '/captions')
        return json(res, 200, {
          total: v.captions.length,
          data: v.captions.map((l) => ({
            language: { id: l, label: l },
            automaticallyGenerated: false,
            fileUrl: `${origin}/lazy-static/video-captions/${id}-${l}.vtt`,
          })),
        });
      if (m[2])
        return json(res, 200, { domainAllowed: v.embedAllowed, userBypassAllowed: v.embedAllowed ? null : false });
      const uuid = /-/.test(id) ? id : '3f2b8c1e-5d4a-4c7b-9e21-0a6f4d8b2c17';
      return json(res, 200, {
        uuid,
        shortUUID: /-/.test(id) ? '2y84q2MQUMWPbiEcxNXMgC' : id,
        name: v.name,
        duration: v.duration,
        isLive: v.isLive,
        privacy: { id: v.privacy, label: LABELS[v.privacy] },
        state: { id: 1, label: 'Published' },
        downloadEnabled: v.downloadEnabled,
        embedPath: `/videos/embed/${uuid}`,
        files: [],
        streamingPlaylists: [
          {
            type: 1,
            files: [720, 360].map((h) => ({
              resolution: { id: h, label: `${h}p` },
              size: h * 100_000,
              fileDownloadUrl: `${origin}/download/videos/${id}-${h}.mp4`,
            })),
          },
        ],
      });
    }
    if (url.pathname === '/services/oembed') {
      const target = url.searchParams.get('url') ?? '';
      const id = /\/(?:w|videos\/watch)\/([^/?#]+)/.exec(target)?.[1];
      const v = id ? videoOf(id) : undefined;
      if (!v || v.privacy === 3 || v.privacy === 4) return notFound();
      return json(res, 200, {
        type: 'video',
        version: '1.0',
        html: `<iframe width="560" height="315" src="${origin}/videos/embed/${id}" allowfullscreen></iframe>`,
        width: 560,
        height: 315,
        title: v.name,
        provider_name: 'PeerTube',
        provider_url: origin,
      });
    }
    if (/^\/download\/videos\/[^/]+\.mp4$/.test(url.pathname)) {
      return res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': '4' }).end('mp4!');
    }
    return send(404, PAGE('Not found'));
  });
  return listen(server, requests, options.port);
}

/** An instance that is down in the worst way: it takes the connection and never answers. */
export async function startSilentInstance(port = 0): Promise<StandIn> {
  const requests: string[] = [];
  const server: Server = createServer((req) => {
    requests.push(req.url ?? '/');
  });
  return listen(server, requests, port);
}

async function listen(server: Server, requests: string[], wanted = 0): Promise<StandIn> {
  await new Promise<void>((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
