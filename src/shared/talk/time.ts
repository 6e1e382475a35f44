// Times in a video, as authors write them and as PeerTube reads them. Authors copy times from
// a player ("1:30"), from PeerTube's share dialog ("1m30s") or count seconds ("90"); the kit
// turns all of them into whole seconds, and says exactly what is wrong with anything else.

export type TimeResult = { seconds: number } | { error: string };

const FORMS = 'write seconds ("90"), minutes and seconds ("1m30s", "1:30") or hours too ("1h02m03s", "1:02:03")';

/** Parses a time in a video. Numbers are seconds; strings may be "90", "1m30s", "1:30", "1:02:03". */
export function parseTime(value: unknown): TimeResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: `"${value}" is not a time: ${FORMS}.` };
    if (value < 0) return { error: `${value} is negative: a time in the video counts from its beginning, 0 or more.` };
    if (!Number.isInteger(value))
      return { error: `${value} is not a whole number of seconds: PeerTube starts and stops on whole seconds.` };
    return { seconds: value };
  }
  if (typeof value !== 'string')
    return { error: `expected a time, found ${value === null ? 'nothing' : typeof value}: ${FORMS}.` };
  const text = value.trim();
  if (text === '') return { error: `the time is empty: ${FORMS}.` };
  if (/^-/.test(text))
    return { error: `"${text}" is negative: a time in the video counts from its beginning, 0 or more.` };
  if (/^\d+$/.test(text)) return { seconds: Number(text) };
  if (/^\d+[.,]\d+$/.test(text))
    return { error: `"${text}" is not a whole number of seconds: PeerTube starts and stops on whole seconds.` };
  const units = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?$/i.exec(text);
  if (units && (units[1] ?? units[2] ?? units[3]) !== undefined) {
    const [h, m, s] = [units[1], units[2], units[3]].map((x) => (x === undefined ? undefined : Number(x)));
    // "75m" or "90s" alone are clear; after a larger unit, minutes and seconds stay under 60.
    if (h !== undefined && m !== undefined && m >= 60)
      return { error: `"${text}": minutes after hours must be under 60.` };
    if ((h !== undefined || m !== undefined) && s !== undefined && s >= 60)
      return { error: `"${text}": seconds after minutes must be under 60.` };
    return { seconds: (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0) };
  }
  const clock = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clock) {
    const parts = clock
      .slice(1)
      .filter((x): x is string => x !== undefined)
      .map(Number);
    const [a, b, c] = parts as [number, number, number | undefined];
    if (c === undefined) {
      if (b >= 60) return { error: `"${text}": the seconds must be under 60 (minutes:seconds).` };
      return { seconds: a * 60 + b };
    }
    if (b >= 60 || c >= 60)
      return { error: `"${text}": minutes and seconds must be under 60 (hours:minutes:seconds).` };
    return { seconds: a * 3600 + b * 60 + c };
  }
  return { error: `"${text}" is not a time: ${FORMS}.` };
}

/** 102 → "1:42", 3723 → "1:02:03": how players show a time. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** A length as words in the reader's language: "2 min 35 s", "2 min et 35 s". */
export function formatLength(seconds: number, lang: string): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts: Record<string, number> = {};
  if (h) parts.hours = h;
  if (m) parts.minutes = m;
  if (s || (!h && !m)) parts.seconds = s;
  const DF = (Intl as unknown as { DurationFormat?: new (l: string, o: object) => { format(d: object): string } })
    .DurationFormat;
  if (DF) return new DF(lang, { style: 'short' }).format(parts);
  return formatClock(seconds);
}

/** ISO 8601 duration for machines (<time datetime="PT2M35S">). */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}
