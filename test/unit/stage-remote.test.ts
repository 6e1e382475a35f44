// The stage server's phone remote (src/server/stage-remote.ts) over real HTTP on 127.0.0.1:
// pairing, tokens, the lock after wrong codes, commands passed to the presenter's event stream,
// and the routes only this computer may use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemote, fromThisComputer } from '../../src/server/stage-remote.ts';

async function start(options: Parameters<typeof createRemote>[0]) {
  const remote = createRemote(options);
  const server = createServer((req, res) => {
    if (!remote.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stage-remote/`;
  const post = (path: string, body: unknown, token?: string) =>
    fetch(url + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const close = () =>
    new Promise<void>((ok) => {
      remote.close();
      server.close(() => ok());
      server.closeAllConnections();
    });
  return { remote, url, post, close };
}

test('a phone pairs with the code and only then may send commands, which reach the presenter’s stream', async () => {
  const s = await start({ base: '/', code: '042917' });
  try {
    assert.equal((await s.post('command', { command: 'next' })).status, 401, 'unpaired');
    assert.equal((await s.post('command', { command: 'next' }, 'f'.repeat(64))).status, 401, 'a made-up token');
    assert.equal((await s.post('pair', { code: '000000' })).status, 403, 'wrong code');
    const r = await s.post('pair', { code: '042 917' });
    assert.equal(r.status, 200);
    const { token } = (await r.json()) as { token: string };
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.equal((await s.post('command', { command: 'next' }, token)).status, 503, 'no presenter listening yet');
    // The presenter's stream, as its EventSource reads it.
    const events = await fetch(`${s.url}events`);
    assert.equal(events.headers.get('content-type'), 'text/event-stream');
    const reader = events.body!.getReader();
    await reader.read(); // ": ready"
    assert.equal((await s.post('command', { command: 'explode' }, token)).status, 400, 'an unknown command');
    assert.equal((await s.post('command', { command: 'blackout' }, token)).status, 204);
    const chunk = new TextDecoder().decode((await reader.read()).value);
    assert.equal(chunk, 'event: command\ndata: {"command":"blackout"}\n\n');
    // The state the presenter posts is what the paired phone reads.
    const status = { now: 'Beat 3', next: 'Beat 4', elapsed: '1:02', left: '4:10', blackout: true, ended: false };
    assert.equal((await s.post('status', status)).status, 204);
    assert.equal((await s.post('status', { now: 3 })).status, 400, 'a malformed state is refused');
    const read = await fetch(`${s.url}status`, { headers: { Authorization: `Bearer ${token}` } });
    assert.deepEqual(await read.json(), { presenter: true, status });
    assert.equal((await fetch(`${s.url}status`)).status, 401, 'unpaired phones read nothing');
    assert.equal(s.remote.paired(), 1);
    await reader.cancel();
  } finally {
    await s.close();
  }
});

test('five wrong codes lock the pairing for a while, even for the right code', async () => {
  let now = 1_000_000;
  const s = await start({ base: '/', code: '123456', now: () => now, lockMs: 60_000 });
  try {
    for (let i = 0; i < 5; i++) assert.equal((await s.post('pair', { code: String(i).repeat(6) })).status, 403);
    const locked = await s.post('pair', { code: '123456' });
    assert.equal(locked.status, 429);
    assert.deepEqual(await locked.json(), { error: 'locked', retryAfter: 60 });
    now += 60_001;
    assert.equal((await s.post('pair', { code: '123456' })).status, 200, 'the lock ends');
  } finally {
    await s.close();
  }
});

test('a page of another site cannot post to the remote through the browser', async () => {
  const s = await start({ base: '/', code: '123456' });
  try {
    const r = await fetch(`${s.url}pair`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ code: '123456' }),
    });
    assert.equal(r.status, 403);
    assert.equal(s.remote.paired(), 0);
  } finally {
    await s.close();
  }
});

test('the presenter’s routes answer only this computer', () => {
  const req = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as IncomingMessage;
  assert.equal(fromThisComputer(req('127.0.0.1')), true);
  assert.equal(fromThisComputer(req('::1')), true);
  assert.equal(fromThisComputer(req('::ffff:127.0.0.1')), true);
  assert.equal(fromThisComputer(req('192.168.1.23')), false);
  assert.equal(fromThisComputer(req('::ffff:192.168.1.23')), false);
});

test('the routes live under the base path; the code is six digits', async () => {
  const remote = createRemote({ base: '/planches/' });
  assert.equal(remote.prefix, '/planches/stage-remote/');
  assert.match(remote.code, /^\d{6}$/);
});
