// The talk excerpt a beat cues, as the audience screen plays it. Client-safe (no Node).

/**
 * The embed address of a PeerTube video (`/w/<id>`, `/videos/watch/<id>` or `/videos/embed/<id>`),
 * starting and stopping where the excerpt does; undefined when `url` is not one.
 */
export function peertubeEmbed(url: string, start?: number, stop?: number): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  const m = /^\/(?:w|videos\/watch|videos\/embed)\/([0-9A-Za-z-]{6,64})\/?$/.exec(u.pathname);
  if (!m) return undefined;
  const params = new URLSearchParams({
    autoplay: '1',
    api: '1',
    p2p: '0',
    warningTitle: '0',
    peertubeLink: '0',
    title: '0',
  });
  if (start !== undefined) params.set('start', `${Math.floor(start)}s`);
  if (stop !== undefined) params.set('stop', `${Math.floor(stop)}s`);
  return `${u.origin}/videos/embed/${m[1]}?${params}`;
}
