// `npm run stage`: serves the built book (dist/) on this computer for a performance, with the
// local videos the episodes name, and prints the addresses of the stage screens. Nothing but
// this server is needed: no network, no other host.
//   --port 4322          the port (default 4322, so that `npm run preview` can run as well)
//   --host 127.0.0.1     the address to listen on. The default keeps the show on this computer;
//                        another address (0.0.0.0) makes the pages reachable from the network, for
//                        a browser that runs elsewhere (a virtual machine). Both screens must still
//                        be windows of one browser: their state is shared by the browser.
//   --remote             a phone remote: listen on the local network (0.0.0.0 unless --host says
//                        otherwise), print the phone's address as a QR code with a 6-digit pairing
//                        code; only paired phones can send commands (src/server/stage-remote.ts)
//   --dist dist          the built book to serve
//   --book .             the book's folder (its content/ and the videos it names)
import { existsSync, readdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook } from '../src/model/book.ts';
import { loadSettings } from '../src/model/settings.ts';
import { ContentError } from '../src/model/errors.ts';
import { serveStatic } from '../src/server/static.ts';
import { mediaHandler, stageVideos, type StageVideo } from '../src/server/stage-media.ts';
import { createRemote, type Remote } from '../src/server/stage-remote.ts';
import { renderUnicodeCompact } from 'uqr';
import { buildShow, cuesWithoutVideo, showsOf, type SilentCue } from '../src/model/views/stage-show.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4322' },
    host: { type: 'string' },
    remote: { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
    book: { type: 'string', default: '.' },
    base: { type: 'string' },
  },
});
const root = resolve(values.book);
// Nothing listens beyond this computer unless asked: --host, or --remote (the phone is elsewhere).
const host = values.host ?? (values.remote ? '0.0.0.0' : '127.0.0.1');
const dist = resolve(values.dist);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`✗ --port ${values.port}: expected a port number such as 4322.`);
  process.exit(1);
}

// The built files are what is played: a book whose sources have a problem since the last
// build still plays (with a warning), only its videos cannot be listed then.
let base = values.base ?? '/';
let videos: StageVideo[] = [];
let order: string[] = [];
// Talk cues that have nothing to play, by show: the performer must know before the curtain.
let silent: Array<{ show: string; cues: SilentCue[] }> = [];
try {
  const book = loadBook(root);
  base = values.base ?? book.settings.site.base;
  videos = stageVideos(root, book.episodes);
  order = book.settings.languages.map((l) => l.code);
  // Beats and cues are the same in every language (translations keep the original's structure):
  // the original's show is checked. No images are needed to find the cues.
  silent = showsOf(book).map((show) => ({
    show: show.id,
    cues: cuesWithoutVideo(
      buildShow(book, show, book.settings.original, {
        base,
        images: { panels: {}, covers: {}, posters: {}, social: {} },
        episodeLabel: (n) => `Episode ${n}`,
      }),
    ),
  }));
} catch (e) {
  if (!(e instanceof ContentError)) throw e;
  try {
    base = values.base ?? loadSettings(root).site.base;
  } catch {
    // keep "/"
  }
  console.warn(
    `! The book's sources have problems (run \`npm run build\` to see them); playing the last build without local videos.\n`,
  );
}

// The stage pages in the build: /<lang>/stage/ and /<lang>/stage/<show>/.
const rank = (l: string) => (order.includes(l) ? order.indexOf(l) : order.length);
const langs = (
  existsSync(dist) ? readdirSync(dist).filter((d) => existsSync(join(dist, d, 'stage', 'index.html'))) : []
).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
if (!langs.length) {
  console.error(`✗ ${values.dist}/ has no stage pages: build the book first with \`npm run build\`.`);
  process.exit(1);
}

let server: Awaited<ReturnType<typeof serveStatic>>;
const remote: Remote | undefined = values.remote ? createRemote({ base }) : undefined;
const media = mediaHandler(base, videos);
try {
  server = await serveStatic(dist, {
    base,
    port,
    host,
    handle: (req, res) => {
      // Every answer tells the pages where the remote is, so that a presenter screen served
      // without --remote asks nothing (no failing request in its console).
      if (remote) res.setHeader('X-Planches-Remote', remote.prefix);
      return media(req, res) || (remote?.handle(req, res) ?? false);
    },
  });
} catch (e) {
  const code = (e as { code?: string }).code;
  console.error(
    code === 'EADDRINUSE'
      ? `✗ Port ${port} is already in use: stop the other server, or choose another port with \`npm run stage -- --port 4323\`.`
      : `✗ Cannot listen on ${host}:${port}: ${(e as Error).message}`,
  );
  process.exit(1);
}

// Listening on every address (0.0.0.0): this computer still opens it as 127.0.0.1.
const local = new URL(server.url);
if (['0.0.0.0', '[::]', '::'].includes(local.hostname)) local.hostname = '127.0.0.1';
const url = (path: string) => new URL(path, local).href;
console.log(`\nThe stage is ready at ${local.href}\n`);
for (const lang of langs) {
  const stageDir = join(dist, lang, 'stage');
  const others = readdirSync(stageDir).filter(
    (d) => !['audience', 'script', 'remote'].includes(d) && existsSync(join(stageDir, d, 'index.html')),
  );
  console.log(`  ${lang}  presenter  ${url(`${lang}/stage/`)}`);
  console.log(`      audience   ${url(`${lang}/stage/audience/`)}  (the presenter screen opens it for you)`);
  console.log(`      script     ${url(`${lang}/stage/script/`)}  (print it: the paper backup)`);
  if (remote) console.log(`      remote     ${url(`${lang}/stage/remote/`)}  (on a phone: the address below)`);
  for (const show of others) console.log(`      show "${show}": ${url(`${lang}/stage/${show}/`)}`);
}
if (videos.length) {
  console.log('\nLocal videos of the talk excerpts:');
  for (const v of videos)
    console.log(
      `  ${v.exists ? '✓' : '✗'} episode ${v.episode}: ${v.file}${v.exists ? '' : v.outside ? `  — REFUSED: a link to ${v.outside}, outside the book's folder: copy the file into the book` : '  — MISSING: copy the file there before the show'}`,
    );
}
for (const { show, cues } of silent) {
  if (!cues.length) continue;
  console.warn(`\n! Talk cues without a video (show "${show}"): V will play nothing on these beats.`);
  for (const c of cues)
    console.warn(
      `  ! beat ${c.beat} (${c.id}, episode ${c.episode}): name a file with \`stage: { video: … }\` in the episode, or give it a talk.yaml excerpt`,
    );
}
if (remote) {
  // The phone opens this computer's address on the local network; the code rides in the
  // address's fragment, which is never sent to a server, so scanning pairs at once.
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  const phoneHost = ['0.0.0.0', '::'].includes(host) ? (lan ?? '127.0.0.1') : host;
  const phone = new URL(`${langs[0]}/stage/remote/#code=${remote.code}`, `http://${phoneHost}:${local.port}${base}`)
    .href;
  console.log(`\nPhone remote: on a phone on the same network, open\n  ${phone}\n`);
  console.log(renderUnicodeCompact(phone, { border: 2 }));
  console.log(
    `  pairing code: ${remote.code.slice(0, 3)} ${remote.code.slice(3)}  (only paired phones can send commands)`,
  );
  if (phoneHost === '127.0.0.1' && !['127.0.0.1', 'localhost'].includes(host))
    console.warn('! No network address found: the phone must be on the same network as this computer.');
}
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
  console.log(`\n! Listening on ${host}: other computers on this network can open the stage screens.`);
}
const stop = () => {
  remote?.close();
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
console.log('\nOpen the presenter address in Chromium, Firefox or Safari. Ctrl+C stops the server.');
