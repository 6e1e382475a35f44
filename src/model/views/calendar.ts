// The performances as an iCalendar file (RFC 5545), one per language, so that readers can add
// them to their calendar. Everything in it comes from the content: the stamps are the dates the
// settings give (a performance's `updated`, else the book's `published`), never the clock, so
// two builds of the same book give the same file. Performances without a time are all-day
// events; timed ones are written in UTC (no VTIMEZONE to get wrong), computed from the venue's
// time zone.
import { pick } from '../settings.ts';
import { byDate, place, showTitle, statusText, timing } from './performances.ts';
import { t } from '../../i18n/index.ts';
import type { Performance, Settings } from '../schemas/settings.ts';
import { isExampleAddress } from '../../shared/addresses.ts';

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (never inside a UTF-8 character), continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines carry a leading space
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const basic = (date: string) => date.replace(/-/g, '');
const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * A stable identifier for a performance: the book, the date and time, the site's host (none while
 * site.url is the example address: a calendar would otherwise carry a domain that is not the book's;
 * the book id and date keep it unique).
 */
export function performanceUid(settings: Settings, p: Performance): string {
  const id = `${settings.id}-${basic(p.date)}${p.time ? `T${p.time.replace(':', '')}` : ''}`;
  return isExampleAddress(settings.site.url) ? id : `${id}@${new URL(settings.site.url).hostname}`;
}

export interface CalendarOptions {
  /** The book's home page in this language (absolute), linked from each event; none while the site has no address. */
  homeUrl: string | undefined;
}

export function performancesCalendar(settings: Settings, lang: string, options: CalendarOptions): string {
  const title = showTitle(settings, lang);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Planches//${settings.id}//${lang.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(title)}`,
    `X-WR-CALNAME:${escapeText(title)}`,
  ];
  for (const p of byDate(settings.performances)) {
    const when = timing(p);
    const status = statusText(p, lang);
    const where = place(p);
    const name = p.city ? `${title} — ${p.city}` : title;
    // A calendar shows the summary, rarely the status: say it there when it changes the plan.
    const summary =
      status && p.status !== 'sold-out' ? t(lang, 'performances.withStatus', { status, title: name }) : name;
    const description = [
      status,
      p.mobilizon ? t(lang, 'performances.eventAt', { url: p.mobilizon }) : '',
      options.homeUrl
        ? t(lang, 'performances.aboutBook', { title: pick(settings.title, lang, settings), url: options.homeUrl })
        : '',
    ]
      .filter(Boolean)
      .join('\n');
    const stamp = `${basic(p.updated ?? settings.published)}T000000Z`;
    lines.push('BEGIN:VEVENT', `UID:${performanceUid(settings, p)}`, `DTSTAMP:${stamp}`);
    if (p.updated) lines.push(`LAST-MODIFIED:${stamp}`);
    if (when.start) {
      lines.push(`DTSTART:${utcStamp(when.start)}`);
      if (when.duration !== undefined) lines.push(`DTEND:${utcStamp(when.end!)}`);
    } else {
      lines.push(
        `DTSTART;VALUE=DATE:${basic(p.date)}`,
        `DTEND;VALUE=DATE:${basic(nextDay(p.date))}`,
        'TRANSP:TRANSPARENT',
      );
    }
    lines.push(`SUMMARY;LANGUAGE=${lang}:${escapeText(summary)}`);
    if (where) lines.push(`LOCATION:${escapeText(where)}`);
    lines.push(`DESCRIPTION;LANGUAGE=${lang}:${escapeText(description)}`);
    const url = p.mobilizon ?? options.homeUrl;
    if (url) lines.push(`URL:${url}`);
    lines.push(
      `STATUS:${p.status === 'cancelled' ? 'CANCELLED' : p.status === 'postponed' ? 'TENTATIVE' : 'CONFIRMED'}`,
    );
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
