// The stage screens' side of the offline copy (service-worker.ts keeps it): registering the
// worker, checking that every file of the show is in this browser ("ready offline"), keeping the
// local videos the performer chose, and watching whether the stage server still answers.

export interface OfflineFile {
  url: string;
  size: number;
  kind: string;
  cached: boolean;
}

export interface OfflineStatus {
  /** `unsupported`: no service worker here (an insecure address, a private window of some browsers). */
  state: 'ready' | 'incomplete' | 'unsupported';
  files: OfflineFile[];
  bytes: number;
  cachedBytes: number;
}

export const MEDIA_CACHE = 'planches-stage-media';

/** Registers the stage's worker (once per browser and language; the browser updates it after a build). */
export function registerWorker(stageRoot: string): boolean {
  if (import.meta.env.DEV || !('serviceWorker' in navigator) || !isSecureContext) return false;
  navigator.serviceWorker.register(`${stageRoot}sw.js`, { scope: stageRoot }).catch(() => {});
  return true;
}

/** Whether every file of the list is in the worker's cache, whole (its size as built). */
export async function offlineStatus(stageRoot: string): Promise<OfflineStatus> {
  if (!('serviceWorker' in navigator) || !isSecureContext || typeof caches === 'undefined')
    return { state: 'unsupported', files: [], bytes: 0, cachedBytes: 0 };
  let manifest: { version: string; files: Array<{ url: string; size: number; kind: string }> };
  try {
    // Through the worker once it runs: the copy's own list, even without the server.
    manifest = await (await fetch(`${stageRoot}offline.json`)).json();
  } catch {
    return { state: 'incomplete', files: [], bytes: 0, cachedBytes: 0 };
  }
  const cache = await caches.open(`planches-stage-${manifest.version}`);
  const files = await Promise.all(
    manifest.files.map(async (f) => {
      const kept = await cache.match(new URL(f.url, location.href).href);
      const size = kept ? (await kept.blob()).size : -1;
      return { ...f, cached: size === f.size };
    }),
  );
  const bytes = files.reduce((n, f) => n + f.size, 0);
  const cachedBytes = files.reduce((n, f) => n + (f.cached ? f.size : 0), 0);
  return { state: files.every((f) => f.cached) ? 'ready' : 'incomplete', files, bytes, cachedBytes };
}

/** Keeps a local video in this browser (the performer confirmed its size); resolves to whether it is kept. */
export async function keepVideo(src: string): Promise<boolean> {
  try {
    const cache = await caches.open(MEDIA_CACHE);
    await cache.add(new URL(src, location.href).href);
    return true;
  } catch {
    return false;
  }
}

/** Size of a local video (from the server), and whether it is kept already. */
export async function videoInfo(src: string): Promise<{ size: number | undefined; kept: boolean }> {
  const url = new URL(src, location.href).href;
  const kept = typeof caches !== 'undefined' && Boolean(await (await caches.open(MEDIA_CACHE)).match(url));
  let size: number | undefined;
  try {
    const r = await fetch(`${url}${url.includes('?') ? '&' : '?'}ping=1`, { method: 'HEAD' });
    size = r.ok ? Number(r.headers.get('content-length')) : undefined;
  } catch {
    size = undefined;
  }
  return { size, kept };
}

/**
 * Calls `fn(reachable)` now and every `every` ms: whether the stage server answers (the worker
 * lets these requests through, and they are never cached).
 */
export function watchServer(stageRoot: string, fn: (reachable: boolean) => void, every = 2000): void {
  const check = async () => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 1500);
    let ok = false;
    try {
      const r = await fetch(`${stageRoot}offline.json?ping=${Date.now()}`, {
        method: 'HEAD',
        cache: 'no-store',
        signal: abort.signal,
      });
      ok = r.ok;
    } catch {
      ok = false;
    }
    clearTimeout(timer);
    fn(ok);
  };
  void check();
  setInterval(check, every);
}

/** "4.2 MB", "310 kB" in the screen's language. */
export function formatBytes(n: number, lang: string): string {
  const f = (x: number, unit: string) =>
    `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(x)} ${unit}`;
  return n >= 1e6 ? f(n / 1e6, 'MB') : f(Math.max(0.1, n / 1e3), 'kB');
}
