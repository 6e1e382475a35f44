// The talk on stage: when each performance happens, as instants a browser can compare with its
// clock, and as text in the reader's language. Which ones are upcoming is decided in the
// browser (src/client/performances.ts): the built pages never depend on the day of the build.
import { pick } from '../settings.ts';
import { parseTime } from '../../shared/talk/time.ts';
import { t } from '../../i18n/index.ts';
import type { Performance, Settings } from '../schemas/settings.ts';

/** How long a timed performance is assumed to last when no duration is given (for "upcoming"). */
export const ASSUMED_LENGTH_S = 3 * 3600;

/** The offset of `timeZone` from UTC at the instant `utcMs`, in milliseconds. */
export function zoneOffset(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - utcMs;
}

/** The UTC instant of a wall-clock date and time in `timeZone` ("2031-05-20", "20:30", "Europe/Paris"). */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const local = Date.UTC(y, m - 1, d, hh, mm);
  let utc = local - zoneOffset(local, timeZone);
  // Near a change of offset, the first guess can be an hour off: check it once more.
  const again = local - zoneOffset(utc, timeZone);
  if (again !== utc) utc = again;
  return new Date(utc);
}

/** "+02:00" */
function offsetText(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.abs(Math.round(ms / 60000));
  return `${sign}${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export interface PerformanceTiming {
  /** YYYY-MM-DD, the date at the venue. */
  date: string;
  /** For a timed performance: start and end instants (end = start + duration, or an assumed length). */
  start?: Date;
  end?: Date;
  /** Seconds, when the duration is known. */
  duration?: number;
  /** For <time datetime>: "2031-05-20T20:30+02:00", or the date alone. */
  datetime: string;
}

export function timing(p: Performance): PerformanceTiming {
  if (!p.time || !p.timezone) return { date: p.date, datetime: p.date };
  const start = zonedToUtc(p.date, p.time, p.timezone);
  const d = p.duration !== undefined ? parseTime(p.duration) : undefined;
  const duration = d && 'seconds' in d ? d.seconds : undefined;
  const end = new Date(start.getTime() + (duration ?? ASSUMED_LENGTH_S) * 1000);
  return {
    date: p.date,
    start,
    end,
    duration,
    datetime: `${p.date}T${p.time}${offsetText(zoneOffset(start.getTime(), p.timezone))}`,
  };
}

/** Every performance, by date (then time): the order of the list without JavaScript. */
export function byDate(performances: readonly Performance[]): Performance[] {
  return [...performances].sort((a, b) => (a.date + (a.time ?? '')).localeCompare(b.date + (b.time ?? '')));
}

/** "mardi 6 décembre 2022" / "Tuesday, December 6, 2022" */
export function formatDate(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** "20:30" / "8:30 PM": the time at the venue. */
export function formatTime(p: Performance, locale: string): string | undefined {
  if (!p.time || !p.timezone) return undefined;
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: p.timezone }).format(
    zonedToUtc(p.date, p.time, p.timezone),
  );
}

/** The show's name: the book's talk title, or "<book title> on stage". */
export function showTitle(settings: Settings, lang: string): string {
  return settings.talk.title
    ? pick(settings.talk.title, lang, settings)
    : t(lang, 'performances.defaultTitle', { title: pick(settings.title, lang, settings) });
}

/** "Théâtre de la Cave, Lyon" */
export function place(p: Performance): string {
  return [p.venue, p.city].filter(Boolean).join(', ');
}

export function statusText(p: Performance, lang: string): string | undefined {
  return p.status ? t(lang, `performances.status.${p.status}`) : undefined;
}
