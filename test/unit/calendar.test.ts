// The performances' iCalendar file (RFC 5545): escaping, folding, time zones, all-day events,
// stamps from the content (never the clock), and the sample book's two Paris dates.
import { test, describe, mock } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine, performancesCalendar, performanceUid } from '../../src/model/views/calendar.ts';
import { byDate, timing, zonedToUtc, formatDate, formatTime } from '../../src/model/views/performances.ts';
import { loadSettings } from '../../src/model/settings.ts';
import type { Settings } from '../../src/model/schemas/settings.ts';

const TALK_BOOK = new URL('../fixtures/books/talk', import.meta.url).pathname;
const SAMPLE = new URL('../..', import.meta.url).pathname;
const HOME = 'https://talk.example/en/';

/** Unfolds the lines and reads the events as property → value records. */
function parse(ics: string): { calendar: Record<string, string>; events: Array<Record<string, string>> } {
  const lines: string[] = [];
  for (const l of ics.split('\r\n').slice(0, -1)) {
    if (l.startsWith(' ') && lines.length) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const calendar: Record<string, string> = {};
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | undefined;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') current = {};
    else if (l === 'END:VEVENT') {
      events.push(current!);
      current = undefined;
    } else {
      const i = l.indexOf(':');
      (current ?? calendar)[l.slice(0, i)] = l.slice(i + 1);
    }
  }
  return { calendar, events };
}

describe('text values and lines', () => {
  test('escapes backslashes, semicolons, commas and line breaks', () => {
    assert.equal(escapeText('a\\b; c, d\ne'), 'a\\\\b\\; c\\, d\\ne');
  });
  test('folds at 75 octets without cutting a character in two', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    assert.ok(parts.length > 1);
    for (const p of parts) assert.ok(new TextEncoder().encode(p).length <= 75, p);
    assert.equal(parts.map((p, i) => (i ? p.slice(1) : p)).join(''), line, 'unfolds to the same line');
    assert.ok(parts.slice(1).every((p) => p.startsWith(' ')));
    assert.equal(foldLine('SHORT:line'), 'SHORT:line');
  });
});

describe('time zones', () => {
  test('a wall-clock time at the venue becomes the right instant, summer and winter', () => {
    assert.equal(zonedToUtc('2031-05-20', '20:30', 'Europe/Paris').toISOString(), '2031-05-20T18:30:00.000Z');
    assert.equal(zonedToUtc('2022-12-06', '20:30', 'Europe/Paris').toISOString(), '2022-12-06T19:30:00.000Z');
    assert.equal(zonedToUtc('2030-07-01', '19:00', 'America/Montreal').toISOString(), '2030-07-01T23:00:00.000Z');
    // The night the clocks go forward in Paris (2030-03-31, 02:00 → 03:00).
    assert.equal(zonedToUtc('2030-03-31', '03:30', 'Europe/Paris').toISOString(), '2030-03-31T01:30:00.000Z');
    assert.equal(zonedToUtc('2030-03-30', '23:30', 'Europe/Paris').toISOString(), '2030-03-30T22:30:00.000Z');
  });
  test('timing: all-day without a time; with one, an offset for <time> and an end from the duration', () => {
    assert.deepEqual(timing({ date: '2022-12-06' }), { date: '2022-12-06', datetime: '2022-12-06' });
    const t = timing({ date: '2031-05-20', time: '20:30', timezone: 'Europe/Paris', duration: '1h30m' });
    assert.equal(t.datetime, '2031-05-20T20:30+02:00');
    assert.equal(t.end?.toISOString(), '2031-05-20T20:00:00.000Z');
    const noDuration = timing({ date: '2031-05-20', time: '20:30', timezone: 'Europe/Paris' });
    assert.equal(noDuration.duration, undefined);
    assert.equal(noDuration.end?.toISOString(), '2031-05-20T21:30:00.000Z', 'three hours assumed, for "upcoming" only');
  });
  test('dates and times in the reader’s language', () => {
    assert.equal(formatDate('2022-12-06', 'fr'), 'mardi 6 décembre 2022');
    assert.equal(formatDate('2022-12-06', 'en'), 'Tuesday, December 6, 2022');
    assert.equal(formatTime({ date: '2031-05-20', time: '20:30', timezone: 'Europe/Paris' }, 'fr'), '20:30');
    assert.equal(formatTime({ date: '2031-05-20', time: '20:30', timezone: 'Europe/Paris' }, 'en'), '8:30 PM');
    assert.equal(formatTime({ date: '2031-05-20' }, 'en'), undefined);
  });
  test('performances are listed by date, then time', () => {
    const list = byDate([
      { date: '2031-05-20', time: '20:30' },
      { date: '2022-12-08' },
      { date: '2031-05-20', time: '15:00' },
      { date: '2022-12-06' },
    ]);
    assert.deepEqual(
      list.map((p) => `${p.date} ${p.time ?? ''}`.trim()),
      ['2022-12-06', '2022-12-08', '2031-05-20 15:00', '2031-05-20 20:30'],
    );
  });
});

describe('the calendar of the talk fixture', () => {
  const settings: Settings = loadSettings(TALK_BOOK);
  const ics = performancesCalendar(settings, 'en', { homeUrl: HOME });
  const { calendar, events } = parse(ics);

  test('is a VCALENDAR with CRLF lines of at most 75 octets', () => {
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(ics), 'no bare LF');
    for (const l of ics.split('\r\n')) assert.ok(new TextEncoder().encode(l).length <= 75, l);
    assert.equal(calendar.METHOD, 'PUBLISH');
    assert.equal(calendar.PRODID, '-//Planches//livre-conference//EN');
    assert.equal(calendar['X-WR-CALNAME'], 'The Staged Book\\, on stage');
  });

  test('one event per performance, by date, with stable UIDs', () => {
    assert.equal(events.length, 3);
    assert.deepEqual(
      events.map((e) => e.UID),
      [
        'livre-conference-20221206@talk.example',
        'livre-conference-20300110@talk.example',
        'livre-conference-20310520T2030@talk.example',
      ],
    );
    assert.equal(performanceUid(settings, settings.performances[1]!), 'livre-conference-20310520T2030@talk.example');
  });

  test('all-day events where no time is known', () => {
    const paris = events[0]!;
    assert.equal(paris['DTSTART;VALUE=DATE'], '20221206');
    assert.equal(paris['DTEND;VALUE=DATE'], '20221207');
    assert.equal(paris.DTSTART, undefined);
    assert.equal(paris.LOCATION, 'Paris');
    assert.equal(paris['SUMMARY;LANGUAGE=en'], 'The Staged Book\\, on stage — Paris');
    assert.equal(paris['DESCRIPTION;LANGUAGE=en'], `Sold out\\nThe Staged Book: ${HOME}`);
    assert.equal(paris.URL, HOME);
  });

  test('a timed performance in UTC, with its duration, venue and Mobilizon event', () => {
    const lyon = events[2]!;
    assert.equal(lyon.DTSTART, '20310520T183000Z');
    assert.equal(lyon.DTEND, '20310520T200000Z');
    assert.equal(lyon.LOCATION, 'Théâtre de la Cave\\, Lyon');
    assert.equal(lyon.URL, 'https://mobilizon.example/events/7c1d2f3a-8b9e-4d5c-a1b2-c3d4e5f6a7b8');
    assert.match(lyon['DESCRIPTION;LANGUAGE=en']!, /^Event page: https:\/\/mobilizon\.example\/events\//);
    assert.equal(lyon.STATUS, 'CONFIRMED');
  });

  test('a cancelled performance says so in its status and summary', () => {
    assert.equal(events[1]!.STATUS, 'CANCELLED');
    assert.equal(events[1]!['SUMMARY;LANGUAGE=en'], 'Cancelled: The Staged Book\\, on stage — Nantes');
  });

  test('stamps come from the content, never from the clock', () => {
    assert.deepEqual(
      events.map((e) => e.DTSTAMP),
      ['20240115T000000Z', '20240115T000000Z', '20240201T000000Z'],
    );
    assert.equal(events[2]!['LAST-MODIFIED'], '20240201T000000Z');
    mock.timers.enable({ apis: ['Date'], now: new Date('2040-01-01T00:00:00Z') });
    try {
      assert.equal(performancesCalendar(settings, 'en', { homeUrl: HOME }), ics, 'the same file in 2040');
    } finally {
      mock.timers.reset();
    }
  });

  test('in French, with French words and typography', () => {
    const fr = parse(performancesCalendar(settings, 'fr', { homeUrl: 'https://talk.example/fr/' }));
    assert.equal(fr.calendar['X-WR-CALNAME'], 'Le Livre Joué\\, sur scène');
    assert.equal(
      fr.events[1]!['SUMMARY;LANGUAGE=fr']!.replace(/[\u00a0\u202f]/g, ' '),
      'Annulé : Le Livre Joué\\, sur scène — Nantes',
    );
    assert.match(fr.events[0]!['DESCRIPTION;LANGUAGE=fr']!, /^Complet\\n/);
  });
});

test('the sample book’s calendar: the two Paris dates of December 2022, all day, nothing invented', () => {
  const settings = loadSettings(SAMPLE);
  for (const lang of ['fr', 'en']) {
    const { events } = parse(performancesCalendar(settings, lang, { homeUrl: `https://planches.example/${lang}/` }));
    assert.deepEqual(
      events.map((e) => e['DTSTART;VALUE=DATE']),
      ['20221206', '20221208'],
    );
    for (const e of events) {
      assert.equal(e.DTSTART, undefined, 'no invented time');
      assert.equal(e.LOCATION, 'Paris', 'no invented venue');
      assert.equal(e.URL, `https://planches.example/${lang}/`, 'no invented event address');
      assert.equal(e.DTSTAMP, '20221201T000000Z');
      assert.equal(e.STATUS, 'CONFIRMED');
    }
  }
});
