// A small static file server for the built book: used by `npm run preview`, the stage mode,
// the PDF printing and the end-to-end tests. Listens on 127.0.0.1 only by default.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { realPathInside } from './real-path.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.epub': 'application/epub+zip',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/**
 * Files whose name carries a hash of their content (Vite's `_astro/` bundles, the panels under
 * `panels/`): they never change under their name, so a browser may keep them for a year without
 * asking again. Everything else (pages, the service worker, manifests) is checked on every use.
 */
export function cacheControl(path: string): string {
  return /^(_astro|panels)\/[^/]+[.-][A-Za-z0-9_-]{8,}\.\w+$/.test(path)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `dir` at `base` (e.g. "/planches/"); 404s get the site's 404.html. */
export async function serveStatic(
  dir: string,
  options: {
    base?: string;
    port?: number;
    host?: string;
    /** Answers some requests itself (the stage server's videos); returns false to let the files answer. */
    handle?: (req: IncomingMessage, res: ServerResponse) => boolean;
  } = {},
): Promise<StaticServer> {
  const root = resolve(dir);
  const base = options.base ?? '/';
  const server = createServer((req, res) => {
    if (options.handle?.(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!path.startsWith(base)) {
      res.writeHead(404).end('Not found');
      return;
    }
    path = path.slice(base.length);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    let status = 200;
    // A symlink whose target lies outside the served folder is answered as if it were not there.
    const real = existsSync(file) ? realPathInside(root, file) : undefined;
    if (real) file = real;
    else {
      status = 404;
      file = join(root, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404).end('Not found');
        return;
      }
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const cache = status === 200 ? cacheControl(path) : 'no-cache';
    // Text is compressed as any real host would, so that measured transfers are realistic.
    const compress =
      /^(text\/|application\/(json|xml|javascript)|image\/svg)/.test(type) &&
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (compress) {
      const body = gzipSync(readFileSync(file));
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Encoding': 'gzip',
        'Content-Length': body.length,
        'Cache-Control': cache,
        Vary: 'Accept-Encoding',
      });
      res.end(body);
      return;
    }
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': cache });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}${base}`,
    server,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        // Open streams (the stage remote's events) would keep it open for ever.
        server.closeAllConnections();
      }),
  };
}
