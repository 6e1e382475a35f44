// The talk excerpt a beat cues, as the audience screen plays it. Client-safe (no Node). The
// address is made by the kit's one embed builder (shared/talk/address.ts), from the excerpt the
// build put in the show's data (already checked against the book's instances at load).
import { embedUrl, parseVideoAddress } from '../talk/address.ts';

/**
 * The embed address of a PeerTube video (`/w/<id>`, `/videos/watch/<id>` or `/videos/embed/<id>`),
 * starting and stopping where the excerpt does; undefined when `url` is not one.
 */
export function peertubeEmbed(url: string, start?: number, stop?: number): string | undefined {
  // The build checked the address against the book; plain http is only ever a test's 127.0.0.1.
  const parsed = parseVideoAddress(url, { allowLocalHttp: true });
  if ('error' in parsed) return undefined;
  return embedUrl(parsed.address, { start: start ?? 0, ...(stop !== undefined ? { stop } : {}) });
}
