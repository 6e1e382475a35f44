// The phone remote of the stage (`npm run stage -- --remote`): a phone on the local network pairs
// with a short code and sends next / previous / blackout to the presenter screen, and reads the
// current and next beat and the timer. The presenter screen (on this computer) listens for the
// commands over server-sent events and posts its state after every change.
//
// Trust: only a paired phone may send commands (a random token from the pairing, checked on every
// request, living as long as this server: "expiring with the show"); the presenter's own routes
// answer only requests from this computer; five wrong codes lock the pairing for a minute (a
// 6-digit code is otherwise guessable). If the phone or the network dies, nothing changes on the
// laptop: the presenter screen keeps its own state and keys.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REMOTE_COMMANDS, REMOTE_PATH, type RemoteCommand, type RemoteStatus } from '../shared/stage/remote.ts';

export { REMOTE_COMMANDS, type RemoteCommand, type RemoteStatus };

export interface RemoteOptions {
  /** The site's base path ("/"): the routes live at <base>stage-remote/. */
  base: string;
  /** A fixed pairing code (tests); a random 6-digit one by default. */
  code?: string;
  /** Wrong codes before the pairing locks, and for how long (ms). */
  maxFailures?: number;
  lockMs?: number;
  now?: () => number;
}

export interface Remote {
  code: string;
  /** The routes' prefix, e.g. "/stage-remote/". */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Paired phones so far. */
  paired(): number;
  /** Ends the presenter's event streams (so that the server can close). */
  close(): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const MAX_BODY = 4096;

/** True when the request comes from this computer. */
export function fromThisComputer(req: IncomingMessage): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '');
}

/** A 6-digit pairing code, with its leading zeros. */
export function pairingCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((ok) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        ok(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        ok(undefined);
      }
    });
    req.on('error', () => ok(undefined));
  });
}

const send = (res: ServerResponse, status: number, body?: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(body === undefined ? '' : JSON.stringify(body));
};

function isStatus(v: unknown): v is RemoteStatus {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return (
    ['now', 'next', 'elapsed', 'left'].every((k) => typeof s[k] === 'string' && (s[k] as string).length < 500) &&
    typeof s.blackout === 'boolean' &&
    typeof s.ended === 'boolean'
  );
}

export function createRemote(options: RemoteOptions): Remote {
  const prefix = `${options.base.endsWith('/') ? options.base : `${options.base}/`}${REMOTE_PATH}`;
  const code = options.code ?? pairingCode();
  const maxFailures = options.maxFailures ?? 5;
  const lockMs = options.lockMs ?? 60_000;
  const now = options.now ?? Date.now;
  const tokens = new Set<string>();
  const presenters = new Set<ServerResponse>();
  let status: RemoteStatus | undefined;
  let failures = 0;
  let lockedUntil = 0;

  const tokenOf = (req: IncomingMessage) =>
    /^Bearer ([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''))?.[1];
  const paired = (req: IncomingMessage) => {
    const token = tokenOf(req);
    return token !== undefined && [...tokens].some((t) => sameSecret(t, token));
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>> = {
    // The phone: a code for a token.
    'POST pair': async (req, res) => {
      if (now() < lockedUntil)
        return send(res, 429, { error: 'locked', retryAfter: Math.ceil((lockedUntil - now()) / 1000) });
      const body = (await readJson(req)) as { code?: unknown } | undefined;
      const given = typeof body?.code === 'string' ? body.code.replace(/\s/g, '') : '';
      if (!sameSecret(given, code)) {
        failures++;
        if (failures >= maxFailures) {
          failures = 0;
          lockedUntil = now() + lockMs;
        }
        return send(res, 403, { error: 'code' });
      }
      failures = 0;
      const token = randomBytes(32).toString('hex');
      tokens.add(token);
      send(res, 200, { token });
    },
    // The phone: a command, passed on to every presenter screen listening.
    'POST command': async (req, res) => {
      if (!paired(req)) return send(res, 401, { error: 'not paired' });
      const body = (await readJson(req)) as { command?: unknown } | undefined;
      const command = body?.command;
      if (!REMOTE_COMMANDS.includes(command as RemoteCommand)) return send(res, 400, { error: 'command' });
      if (!presenters.size) return send(res, 503, { error: 'no presenter' });
      for (const p of presenters) p.write(`event: command\ndata: ${JSON.stringify({ command })}\n\n`);
      send(res, 204);
    },
    // The phone: what the presenter shows.
    'GET status': (req, res) => {
      if (!paired(req)) return send(res, 401, { error: 'not paired' });
      send(res, 200, { presenter: presenters.size > 0, status: status ?? null });
    },
    // The presenter (this computer only): the pairing details for its screen.
    'GET info': (req, res) => {
      if (!fromThisComputer(req)) return send(res, 403);
      send(res, 200, { code, paired: tokens.size });
    },
    // The presenter (this computer only): its state after each change.
    'POST status': async (req, res) => {
      if (!fromThisComputer(req)) return send(res, 403);
      const body = await readJson(req);
      if (!isStatus(body)) return send(res, 400, { error: 'status' });
      status = body;
      send(res, 204);
    },
    // The presenter (this computer only): the commands, as server-sent events.
    'GET events': (req, res) => {
      if (!fromThisComputer(req)) return send(res, 403);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write(': ready\n\n');
      presenters.add(res);
      req.on('close', () => presenters.delete(res));
    },
  };

  return {
    code,
    prefix,
    paired: () => tokens.size,
    handle(req, res) {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!pathname.startsWith(prefix)) return false;
      const route = routes[`${req.method} ${pathname.slice(prefix.length)}`];
      // A page from another site must not drive the show through the reader's browser.
      const origin = req.headers.origin;
      if (req.method === 'POST' && origin && new URL(origin).host !== req.headers.host) send(res, 403);
      else if (!route) send(res, 404);
      else void route(req, res);
      return true;
    },
    close() {
      for (const p of presenters) p.end();
      presenters.clear();
    },
  };
}
