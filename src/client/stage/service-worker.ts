// The stage's service worker: keeps a copy of everything the show needs in this browser, so that
// the show goes on when the stage server dies, the network goes or a window is reloaded. It is
// written into the build as <lang>/stage/sw.js (src/outputs/site/stage-offline.ts), its scope
// is that folder — every show's screens in that language, nothing of the reading site — and the
// build puts the list of files before this code (`MANIFEST`, also in offline.json).
//
// Our own and small rather than Workbox: it does one thing (a fixed list, cache first), the list
// is known at build time, and Workbox would add a build plugin, a runtime of its own in the page's
// origin and code nobody on the project reads. Every request it does not know goes to the network.
//
// It imports nothing (it is copied as one file, its types stripped): the few worker types it uses
// are declared here, since the pages' TypeScript library is the DOM's.

interface ManifestFile {
  url: string;
  size: number;
  kind: string;
}
interface Manifest {
  version: string;
  files: ManifestFile[];
}
interface ExtendableEvt extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvt extends ExtendableEvt {
  request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (event: ExtendableEvt) => void): void;
  addEventListener(type: 'fetch', fn: (event: FetchEvt) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
declare const self: WorkerScope;
declare const MANIFEST: Manifest;

/** The show's files, one cache per build; the videos the performer chose to keep, one cache for all builds. */
const CACHE = `planches-stage-${MANIFEST.version}`;
const MEDIA_CACHE = 'planches-stage-media';
const PREFIX = 'planches-stage-';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // Revalidated, not from the HTTP cache: the copy must be this build's.
      .then((cache) => cache.addAll(MANIFEST.files.map((f) => new Request(f.url, { cache: 'no-cache' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE && k !== MEDIA_CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** A byte range of a kept video (a video element seeks with ranges). */
async function ranged(request: Request, response: Response): Promise<Response> {
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
  if (!range || (!range[1] && !range[2])) return response;
  const blob = await response.blob();
  const size = blob.size;
  let start = range[1] ? Number(range[1]) : size - Number(range[2]);
  let end = range[1] && range[2] ? Number(range[2]) : size - 1;
  start = Math.max(0, start);
  end = Math.min(size - 1, end);
  if (start > end) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      'Content-Type': response.headers.get('Content-Type') ?? 'application/octet-stream',
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Accept-Ranges': 'bytes',
    },
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other origins (a PeerTube excerpt) and the pages' reachability checks go to the network.
  // The phone remote's routes (live state and commands) are never kept.
  if (url.origin !== self.location.origin || url.searchParams.has('ping') || url.pathname.includes('/stage-remote/'))
    return;
  if (url.pathname.includes('/stage-media/')) {
    event.respondWith(
      caches
        .open(MEDIA_CACHE)
        .then((cache) => cache.match(url.href))
        .then((kept) => (kept ? ranged(request, kept) : fetch(request))),
    );
    return;
  }
  // Pages are kept by their folder's address; a reload may add a query or index.html.
  const path = url.pathname.replace(/index\.html$/, '');
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(url.origin + path))
      .then((kept) => kept ?? fetch(request)),
  );
});

// A module for TypeScript (its declarations stay in this file); the build removes this line.
export {};
