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
// Its clock runs in real time while playing; `window.standin` lets a test move the position (as
// a viewer dragging the seek bar would) and read the calls it received.
import { createServer, type Server } from 'node:http';

export interface StandIn {
  origin: string;
  /** Every request path (with its query) the stand-in received, in order. */
  requests: string[];
  close(): Promise<void>;
}

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
  var duration = 600;
  var start = seconds(params.get('start')) || 0;
  var stop = seconds(params.get('stop')) || duration;
  var position = start, state = 'unstarted', last = performance.now();
  var channelReady = false, videoReady = false, queue = [];
  var calls = [];

  function post(message, force) {
    if (!force && !channelReady) { queue.push(message); return; }
    parent.postMessage(JSON.stringify(message), '*');
  }
  function notify(method, value) { post({ method: scope + '::' + method, params: value }); }
  function show() {
    document.getElementById('state').textContent = state;
    document.getElementById('position').textContent = position.toFixed(1);
    document.getElementById('toggle').textContent = state === 'playing' ? 'Pause' : 'Play';
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
      if (position >= stop) { position = stop; setState('ended'); }
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

export async function startStandIn(): Promise<StandIn> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const send = (status: number, body: string) =>
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
    if (/^\/videos\/embed\/[^/]+$/.test(url.pathname)) return send(200, EMBED);
    if (/^\/(w|videos\/watch)\/[^/]+$/.test(url.pathname)) return send(200, PAGE('A video'));
    if (url.pathname === '/about/privacy') return send(200, PAGE('Privacy policy'));
    return send(404, PAGE('Not found'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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
