// npm run talk-check: asks each PeerTube instance about each excerpt the book embeds, before
// readers find out. Needs the network, so it is never run by the build or the tests (they run it
// against the PeerTube stand-in on 127.0.0.1). For every copy of every excerpt (talk.yaml's
// `video` and its `mirrors`):
//   GET /api/v1/videos/{id}                      exists, public or unlisted, not a live, its length
//                                                (≥ the excerpt's end), downloadEnabled and its files
//   GET /api/v1/videos/{id}/captions             the caption languages (each `captions.<lang>.track`)
//   GET /services/oembed?url=<watch page>        the instance offers it for embedding
//   GET /api/v1/videos/{id}/embed-privacy/allowed?domain=<the site's host>
//                                                PeerTube ≥ 8.1's per-video embed allow-list (an older
//                                                instance answers 404: nothing is restricted there)
// Problems name the episode's talk.yaml and its field, as the build's do.
import type { Book, Episode } from '../model/book.ts';
import type { TalkSource } from '../model/talk.ts';
import { watchUrl } from '../shared/talk/address.ts';
import { formatClock } from '../shared/talk/time.ts';
import { pick } from '../model/settings.ts';

export type Fetcher = (url: string) => Promise<{ status: number; json(): Promise<unknown> }>;

export interface CopyReport {
  episode: number;
  file: string;
  /** "video" or "mirrors.0"… */
  field: string;
  host: string;
  exists: boolean;
  privacy?: string;
  embeddable?: boolean;
  /** Seconds. */
  duration?: number;
  captions?: string[];
  downloadEnabled?: boolean;
  /** The largest file's download address, when downloading is enabled. */
  downloadUrl?: string;
  problems: string[];
}

interface VideoJson {
  name?: string;
  duration?: number;
  isLive?: boolean;
  privacy?: { id?: number; label?: string };
  downloadEnabled?: boolean;
  files?: Array<{ size?: number; fileDownloadUrl?: string }>;
  streamingPlaylists?: Array<{ files?: Array<{ size?: number; fileDownloadUrl?: string }> }>;
}

const PRIVACY: Record<number, string> = { 1: 'public', 2: 'unlisted', 3: 'private', 4: 'internal', 5: 'password' };

async function getJson(fetcher: Fetcher, url: string): Promise<{ status: number; body?: unknown; error?: string }> {
  try {
    const r = await fetcher(url);
    if (r.status !== 200) return { status: r.status };
    return { status: 200, body: await r.json() };
  } catch (e) {
    return {
      status: 0,
      error: e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e),
    };
  }
}

/** What one instance says about one copy of an excerpt. */
export async function checkCopy(
  book: Book,
  episode: Episode,
  source: TalkSource,
  field: string,
  fetcher: Fetcher,
): Promise<CopyReport> {
  const talk = episode.talk!;
  const { origin, host } = source.instance;
  const id = source.video.id;
  const report: CopyReport = { episode: episode.number, file: talk.file, field, host, exists: false, problems: [] };
  const problem = (f: string, message: string) => report.problems.push(`${talk.file} (${f}): ${message}`);

  const video = await getJson(fetcher, `${origin}/api/v1/videos/${id}`);
  if (video.status !== 200) {
    problem(
      field,
      video.status === 0
        ? `${host} does not answer (${video.error}).`
        : video.status === 404
          ? `${host} has no video ${id} (deleted, or the address is wrong).`
          : `${host} answered ${video.status} for the video ${id}.`,
    );
    return report;
  }
  report.exists = true;
  const v = video.body as VideoJson;
  const privacy = v.privacy?.id ?? 0;
  report.privacy = PRIVACY[privacy] ?? v.privacy?.label ?? 'unknown';
  if (privacy !== 1 && privacy !== 2)
    problem(field, `the video is ${report.privacy} on ${host}: readers cannot play it; make it public or unlisted.`);
  if (v.isLive) problem(field, `the video is a live on ${host}: an excerpt needs a recorded video.`);
  if (typeof v.duration === 'number') {
    report.duration = v.duration;
    if (v.duration < source.end)
      problem(
        field === 'video' ? 'end' : `${field}.start`,
        `the excerpt ends at ${formatClock(source.end)}, but the video on ${host} lasts ${formatClock(v.duration)}.`,
      );
  }
  report.downloadEnabled = v.downloadEnabled === true;
  if (report.downloadEnabled) {
    const files = [...(v.files ?? []), ...(v.streamingPlaylists ?? []).flatMap((p) => p.files ?? [])].filter(
      (f) => f.fileDownloadUrl,
    );
    files.sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
    report.downloadUrl = files[0]?.fileDownloadUrl;
  }
  if (talk.download && new URL(talk.download).origin === origin && !report.downloadEnabled)
    problem('download', `${host} no longer allows downloading this video: remove "download".`);

  const caps = await getJson(fetcher, `${origin}/api/v1/videos/${id}/captions`);
  const data = (caps.body as { data?: Array<{ language?: { id?: string } }> } | undefined)?.data;
  report.captions = (data ?? []).flatMap((c) => (c.language?.id ? [c.language.id] : []));
  for (const [lang, c] of Object.entries(talk.captions))
    if (c.track && !report.captions.includes(c.track))
      problem(
        `captions.${lang}.track`,
        `${host} has no "${c.track}" caption track for this video (it has: ${report.captions.join(', ') || 'none'}).`,
      );

  const oembed = await getJson(
    fetcher,
    `${origin}/services/oembed?format=json&url=${encodeURIComponent(watchUrl(source.video))}`,
  );
  report.embeddable = oembed.status === 200;
  if (report.embeddable) {
    const site = new URL(book.settings.site.url).host;
    const allowed = await getJson(
      fetcher,
      `${origin}/api/v1/videos/${id}/embed-privacy/allowed?domain=${encodeURIComponent(site)}`,
    );
    // 404: an instance older than 8.1, which has no per-video embed allow-list.
    if (allowed.status === 200 && (allowed.body as { domainAllowed?: unknown }).domainAllowed === false) {
      report.embeddable = false;
      problem(
        field,
        `${host} does not allow this video to be embedded on ${site}: add the site to its embed allow-list.`,
      );
    }
  } else problem(field, `${host} does not offer this video for embedding (oEmbed answered ${oembed.status}).`);
  return report;
}

/** Every copy of every excerpt, in episode order. */
export async function checkTalks(book: Book, fetcher: Fetcher): Promise<CopyReport[]> {
  const out: CopyReport[] = [];
  for (const e of book.episodes) {
    if (!e.talk) continue;
    for (const [i, s] of e.talk.sources.entries())
      out.push(await checkCopy(book, e, s, i === 0 ? 'video' : `mirrors.${i - 1}`, fetcher));
  }
  return out;
}

/** The table talk-check prints: one line per copy. */
export function formatTalkTable(reports: CopyReport[]): string {
  const rows = [
    ['episode', 'copy', 'instance', 'exists', 'privacy', 'embed', 'length', 'captions', 'download'],
    ...reports.map((r) => [
      String(r.episode),
      r.field,
      r.host,
      r.exists ? 'yes' : 'NO',
      r.privacy ?? '–',
      r.embeddable === undefined ? '–' : r.embeddable ? 'yes' : 'NO',
      r.duration === undefined ? '–' : formatClock(r.duration),
      r.captions?.join(' ') || '–',
      r.downloadEnabled === undefined ? '–' : r.downloadEnabled ? 'allowed' : 'no',
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Each excerpt's panel cues as chapters, to paste into PeerTube's chapter editor (or its
 * description, where "1:40 Title" lines become chapters): the excerpt's start with its title,
 * then each panel at its time, named by its alt text.
 */
export function chaptersOf(book: Book, episode: Episode, lang = book.settings.original): string[] {
  const talk = episode.talk;
  if (!talk) return [];
  const alt = (id: string) => {
    const p = episode.panels.find((x) => x.id === id);
    // A strip is named by its first frame's description.
    const text = p?.frames[0] ? pick(p.frames[0].alt, lang, book.settings) : id;
    return text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text;
  };
  return [
    `${formatClock(talk.start)} ${pick(talk.title, lang, book.settings)}`,
    ...talk.cues.map((c) => `${formatClock(c.time)} ${alt(c.panel)}`),
  ];
}
