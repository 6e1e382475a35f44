// A talk excerpt in print: the address of the recorded talk at the excerpt's start, written out
// and as a QR code (an SVG made here, no network). Used by TalkLink.astro; the episode model gets
// its talk data in a later issue, which only has to pass it to that component.
import { renderSVG } from 'uqr';

/** "1:02:03" or "2:03" for a number of seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** The talk's address starting at `start` seconds (PeerTube and YouTube read ?start= / ?t=). */
export function talkAddress(url: string, start?: number): string {
  const u = new URL(url);
  if (start !== undefined && start > 0) {
    const key = /(^|\.)youtu(\.be|be\.com)$/.test(u.hostname) ? 't' : 'start';
    u.searchParams.set(key, String(Math.floor(start)));
  }
  return u.href;
}

/** An SVG QR code for `text`, black on white, with the standard quiet zone. */
export function qrSvg(text: string): string {
  return renderSVG(text, { border: 4, ecc: 'M' });
}
