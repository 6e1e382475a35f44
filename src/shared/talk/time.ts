// Times and durations, as authors write them and as the kit shows them: the one grammar of the
// kit. The same words are accepted wherever a time or a length is written (an excerpt's start
// and end in talk.yaml, a panel's cue, a performance's duration in book.yaml, a show's planned
// length per episode), and one clock format is shown (the site, the stage screens, talk-check).
//
// Authors copy times from a player ("1:30"), from PeerTube's share dialog ("1m30s"), write
// lengths as they say them ("8 min", "7 min 30 s", "1h05") or count seconds ("90"); the kit turns
// all of them into whole seconds, and says exactly what is wrong with anything else.

export type TimeResult = { seconds: number } | { error: string };

const FORMS =
  'write seconds ("90"), minutes and seconds ("1m30s", "7 min 30 s", "1:30") or hours too ("1h02m03s", "1:02:03")';

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, min: 60, s: 1, sec: 1 };

/**
 * "1h02m03s", "7m 30s", "8 min", "1 h 5 min", "90 s": numbers each followed by a unit, largest
 * first, each unit once. "1h05" (minutes after hours without their unit) is read as people say it.
 */
function parseUnits(text: string): TimeResult | undefined {
  const re = /(\d+)\s*(h|min|m|sec|s)(?![a-z])\s*/giy;
  let pos = 0;
  let total = 0;
  let last = Number.POSITIVE_INFINITY;
  const seen: Array<{ unit: number; value: number }> = [];
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) {
      // "1h05": the minutes after an hour, without their unit.
      const rest = /^(\d{2})$/.exec(text.slice(pos));
      if (rest && seen.length === 1 && seen[0]!.unit === 3600) {
        seen.push({ unit: 60, value: Number(rest[1]) });
        total += Number(rest[1]) * 60;
        pos = text.length;
        break;
      }
      return undefined;
    }
    const unit = UNIT_SECONDS[m[2]!.toLowerCase()]!;
    if (unit >= last) return undefined; // "5m5m", "30s 2m": each unit once, largest first
    last = unit;
    seen.push({ unit, value: Number(m[1]) });
    total += Number(m[1]) * unit;
    pos = re.lastIndex;
  }
  if (!seen.length) return undefined;
  // "75m" or "90s" alone are clear; after a larger unit, minutes and seconds stay under 60.
  for (let i = 1; i < seen.length; i++) {
    const { unit, value } = seen[i]!;
    if (value >= 60)
      return {
        error: `"${text}": ${unit === 60 ? 'minutes after hours' : 'seconds after minutes'} must be under 60.`,
      };
  }
  return { seconds: total };
}

/** A time in a video or a length: whole seconds, 0 or more. Numbers are seconds. */
export function parseTime(value: unknown): TimeResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: `"${value}" is not a time: ${FORMS}.` };
    if (value < 0) return { error: `${value} is negative: a time counts from the beginning, 0 or more.` };
    if (!Number.isInteger(value))
      return { error: `${value} is not a whole number of seconds: PeerTube starts and stops on whole seconds.` };
    return { seconds: value };
  }
  if (typeof value !== 'string')
    return { error: `expected a time, found ${value === null ? 'nothing' : typeof value}: ${FORMS}.` };
  const text = value.trim();
  if (text === '') return { error: `the time is empty: ${FORMS}.` };
  if (/^[-−]/.test(text)) return { error: `"${text}" is negative: a time counts from the beginning, 0 or more.` };
  if (/^\d+$/.test(text)) return { seconds: Number(text) };
  if (/^\d+[.,]\d+$/.test(text))
    return { error: `"${text}" is not a whole number of seconds: PeerTube starts and stops on whole seconds.` };
  if (/^\d+[.,]\d+\s*[a-z]+$/i.test(text))
    return {
      error: `"${text}" is not a whole number: write whole seconds, minutes and hours ("1h30m", not "1.5h").`,
    };
  const clock = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? undefined : Number(clock[3])];
    if (c === undefined) {
      if (b >= 60) return { error: `"${text}": the seconds must be under 60 (minutes:seconds).` };
      return { seconds: a * 60 + b };
    }
    if (b >= 60 || c >= 60)
      return { error: `"${text}": minutes and seconds must be under 60 (hours:minutes:seconds).` };
    return { seconds: a * 3600 + b * 60 + c };
  }
  return parseUnits(text) ?? { error: `"${text}" is not a time: ${FORMS}.` };
}

/** A length (a show's planned time, a performance's duration): a time that is more than zero. */
export function parseLength(value: unknown): TimeResult {
  const r = parseTime(value);
  if ('seconds' in r && r.seconds === 0) return { error: `the length is zero: ${FORMS}.` };
  return r;
}

/**
 * A clock reading, as players and the stage show it: 102 → "1:42", 3723 → "1:02:03". Negative
 * values get a real minus sign ("−0:45"), `sign` puts a plus on the others. Seconds are floored
 * (a countdown shows 0:01 until the last second is over, with `ceil`).
 */
export function formatClock(seconds: number, options: { sign?: boolean; ceil?: boolean } = {}): string {
  const negative = seconds < 0;
  const s = Math.abs(options.ceil ? Math.ceil(seconds) : Math.trunc(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const body = h
    ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`
    : `${m}:${String(sec).padStart(2, '0')}`;
  return (negative && s > 0 ? '−' : options.sign ? '+' : '') + body;
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
