// PeerTube video addresses, as authors copy them from their browser, and the addresses the kit
// makes from them: the watch page (for the link that works without JavaScript) and the embed.
//
// PeerTube (3.3 and later) shows a video at https://<instance>/w/<id>; older instances and old
// links use https://<instance>/videos/watch/<uuid>; embeds live at /videos/embed/<id>. The id is
// a UUID (8-4-4-4-12 hexadecimal digits) or its short form, 22 characters of the "flickrBase58"
// alphabet (no 0, O, I or l). Playlists (/w/p/<id>, /videos/watch/playlist/<id>) are not videos.

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SHORT_UUID = /^[1-9a-km-zA-HJ-NP-Z]{22}$/;

export interface VideoAddress {
  /** https://video.example (scheme, host and port) */
  origin: string;
  /** video.example (with the port when there is one) */
  host: string;
  /** The video's id as written: a UUID (lowercased) or a short UUID. */
  id: string;
  idKind: 'uuid' | 'short';
  /** Which form the author used: the watch page is linked in the same form. */
  form: 'w' | 'watch' | 'embed';
}

export type AddressResult = { address: VideoAddress } | { error: string };

const FORMS =
  'https://<instance>/w/<id> or https://<instance>/videos/watch/<uuid>, as the browser shows it on the video’s page';

export interface AddressOptions {
  /** A test fixture book may use plain http on 127.0.0.1 (the tests' PeerTube stand-in). */
  allowLocalHttp?: boolean;
}

/** True when `url` is http://127.0.0.1[:port] and the book allows it (test fixtures only). */
export function isLocalHttp(url: URL, options: AddressOptions): boolean {
  return options.allowLocalHttp === true && url.protocol === 'http:' && url.hostname === '127.0.0.1';
}

/** Reads a PeerTube video address. Says what is wrong when it is not one. */
export function parseVideoAddress(input: unknown, options: AddressOptions = {}): AddressResult {
  if (typeof input !== 'string' || input.trim() === '')
    return { error: `expected the video’s address, like ${FORMS}.` };
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `"${text}" is not a web address: expected ${FORMS}.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: `"${text}" is not a web address (it starts with "${url.protocol}"): expected ${FORMS}.` };
  }
  if (url.protocol === 'http:' && !isLocalHttp(url, options)) {
    return {
      error: `"${text}" is not a secure address: the video must be at an https:// address, so that nobody on the way can change it.`,
    };
  }
  if (url.username || url.password)
    return { error: `"${text}" contains a user name or password: remove the part before "@".` };
  const path = url.pathname.replace(/\/+$/, '');
  if (/^\/(w\/p|videos\/watch\/playlist|video-playlists)\//.test(path)) {
    return { error: `"${text}" is a playlist, not a video: open the video itself and copy its address (${FORMS}).` };
  }
  const forms: Array<[VideoAddress['form'], RegExp]> = [
    ['w', /^\/w\/([^/]+)$/],
    ['watch', /^\/videos\/watch\/([^/]+)$/],
    ['embed', /^\/videos\/embed\/([^/]+)$/],
  ];
  const found = forms.map(([f, re]) => [f, re.exec(path)?.[1]] as const).find(([, m]) => m !== undefined);
  if (!found) return { error: `"${text}" is not a PeerTube video address: expected ${FORMS}.` };
  const [form, id] = found as [VideoAddress['form'], string];
  const idKind = UUID.test(id) ? 'uuid' : SHORT_UUID.test(id) ? 'short' : undefined;
  if (!idKind) {
    return {
      error: `"${text}" is not a PeerTube video address: "${id}" is neither a video id (22 letters and digits) nor a UUID (like 9c9de5e8-0a1e-484a-b099-e80766180a6d).`,
    };
  }
  const params = [...url.searchParams.keys()];
  const time = params.find((k) => k === 'start' || k === 'stop' || k === 't');
  if (time) {
    return {
      error: `"${text}" carries a time (?${time}=${url.searchParams.get(time)}): remove it from the address and write the excerpt’s times in the "start" and "end" fields.`,
    };
  }
  if (url.search || url.hash) {
    return {
      error: `"${text}" has more than the video’s address: remove everything from "${url.search ? '?' : '#'}" on.`,
    };
  }
  return {
    address: { origin: url.origin, host: url.host, id: idKind === 'uuid' ? id.toLowerCase() : id, idKind, form },
  };
}

/** The video's page on its instance, at a time: the link that works without JavaScript. */
export function watchUrl(a: VideoAddress, start?: number, stop?: number): string {
  const path = a.form === 'w' ? `/w/${a.id}` : `/videos/watch/${a.id}`;
  const q = new URLSearchParams();
  if (start !== undefined && start > 0) q.set('start', String(start));
  if (stop !== undefined) q.set('stop', String(stop));
  const qs = q.toString();
  return `${a.origin}${path}${qs ? `?${qs}` : ''}`;
}

export interface EmbedOptions {
  /** Seconds into the video where the player starts. */
  start: number;
  /** Seconds into the video where it stops (PeerTube pauses there once; src/client/talk.ts keeps it there). */
  stop?: number;
  /** The caption track to select, by its language code on the instance (`subtitle=`). */
  subtitle?: string;
}

/**
 * The embed, set up for an excerpt: the one builder of embed addresses (the episode page and the
 * stage's audience screen both use it). It starts and stops at the excerpt's times, in whole
 * seconds (PeerTube reads raw seconds or "1m30s"); its JavaScript API on (so the page can follow,
 * seek and pick captions); no peer-to-peer (readers' addresses are not shared with other viewers);
 * no P2P warning, title or instance link over the picture (the page shows the title and names the
 * instance, and offers its own link to the whole talk); autoplay (the reader has just asked to
 * play it); the caption track of the reader's language, when the instance has one.
 */
export function embedUrl(a: VideoAddress, options: EmbedOptions): string {
  const q = new URLSearchParams({ start: String(Math.max(0, Math.floor(options.start))) });
  if (options.stop !== undefined) q.set('stop', String(Math.floor(options.stop)));
  if (options.subtitle) q.set('subtitle', options.subtitle);
  for (const [k, v] of Object.entries({
    api: '1',
    p2p: '0',
    warningTitle: '0',
    title: '0',
    peertubeLink: '0',
    autoplay: '1',
  }))
    q.set(k, v);
  return `${a.origin}/videos/embed/${a.id}?${q}`;
}
