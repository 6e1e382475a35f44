// WebVTT, as PeerTube takes caption files and as authors ship them in the book's folder: the
// transcript of an excerpt, the captions a reader can follow, the stage's surtitles. A small
// reader of what captions use (cues with their times and text, voices, NOTE/STYLE/REGION blocks
// skipped); every problem names its line. Client-safe: the stage reads the same cues.

export interface VttCue {
  /** Seconds into the video. */
  start: number;
  end: number;
  /** The words, one line per line of the cue, tags removed. */
  text: string;
  /** Who speaks (<v Name>), when the file says so. */
  voice?: string;
}

export type VttResult = { cues: VttCue[] } | { error: string; line: number };

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

function seconds(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  lrm: '\u200e',
  rlm: '\u200f',
  quot: '"',
  apos: "'",
};

/** A cue's text without its markup: <i>, <b>, <c.class>, <lang>, <ruby>, inner timestamps. */
function plain(payload: string): string {
  return payload
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)));
}

/** Reads a WebVTT file (already decoded; a BOM and CRLF are accepted). */
export function parseVtt(source: string): VttResult {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? ''))
    return { error: 'a WebVTT file starts with the line "WEBVTT"', line: 1 };
  const cues: VttCue[] = [];
  let i = 1;
  // The header's other lines, up to the first blank line.
  while (i < lines.length && lines[i]!.trim() !== '') i++;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i >= lines.length) break;
    const first = lines[i]!;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) {
      while (i < lines.length && lines[i]!.trim() !== '') i++;
      continue;
    }
    // An optional cue identifier, then the timing line.
    // (A line that looks like times but has no "-->" is a mistyped timing line, not an identifier.)
    let timingLine = i;
    if (!first.includes('-->') && !/^\s*[\d:.]+\s*-+>?/.test(first)) timingLine = i + 1;
    const timing = lines[timingLine];
    if (timing === undefined || !timing.includes('-->'))
      return {
        error: `expected a cue's times, like "00:01:40.000 --> 00:01:44.500", found "${(timing ?? first).trim()}"`,
        line: timingLine + 1,
      };
    const m = /^\s*(\S+)\s+-->\s+(\S+)(?:\s+.*)?$/.exec(timing);
    const start = m ? seconds(m[1]!) : undefined;
    const end = m ? seconds(m[2]!) : undefined;
    if (start === undefined || end === undefined)
      return {
        error: `"${timing.trim()}" is not a cue's times: write them as hours:minutes:seconds.milliseconds, like "00:01:40.000 --> 00:01:44.500"`,
        line: timingLine + 1,
      };
    if (end <= start) return { error: `the cue ends (${m![2]}) before it starts (${m![1]})`, line: timingLine + 1 };
    const payload: string[] = [];
    i = timingLine + 1;
    while (i < lines.length && lines[i]!.trim() !== '') {
      if (lines[i]!.includes('-->'))
        return { error: 'a cue\'s text cannot contain "-->": put a blank line between two cues', line: i + 1 };
      payload.push(lines[i]!);
      i++;
    }
    const joined = payload.join('\n');
    const voice = /<v(?:\.[^\s>]+)*[ \t]+([^>]+)>/.exec(joined)?.[1]?.trim();
    const text = plain(joined)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
    if (text) cues.push({ start, end, text, ...(voice ? { voice } : {}) });
  }
  return { cues };
}

/** The cues heard between `start` and `end` seconds (an excerpt), in time order. */
export function cutCues(cues: readonly VttCue[], start: number, end: number): VttCue[] {
  return cues.filter((c) => c.end > start && c.start < end).sort((a, b) => a.start - b.start);
}

/** The cue being said at `position`, if any. */
export function cueTextAt(cues: readonly VttCue[], position: number): VttCue | undefined {
  let found: VttCue | undefined;
  for (const c of cues) if (c.start <= position && position < c.end) found = c;
  return found;
}
