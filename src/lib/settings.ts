// The book's settings (content/book.yaml): the one place that says which languages exist,
// which one is the original, titles, people, licence and where the site is published.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ContentError, ProblemList, type ContentProblem } from './errors.ts';
import { parseYaml, zodProblems } from './yaml-source.ts';
import { hasStrings } from '../i18n/index.ts';
import { isLocalHttp } from './talk/address.ts';
import { parseTime } from './talk/time.ts';
import { showsSchema } from './stage/shows.ts';

export const SETTINGS_FILE = 'content/book.yaml';

const langCode = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'expected a language code such as "fr", "en" or "pt-BR"');
/** A text given per language: { fr: "…", en: "…" }. Which keys are allowed is checked later. */
const localized = z.record(z.string(), z.string().min(1, 'expected a non-empty text'));
const slugId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and hyphens');

/** Page sizes the printed book can have (see src/lib/pdf/geometry.ts for their dimensions). */
export const PAGE_SIZES = ['A4', 'A5', 'A6', 'B5', 'letter', 'us-trade'] as const;
const millimetres = z.number().min(5, 'expected at least 5 (millimetres)').max(60, 'expected at most 60 (millimetres)');

export const performanceStatus = z.enum(['sold-out', 'cancelled', 'postponed']);

export const performanceSchema = z.strictObject({
  date: z.iso.date('expected a date written YYYY-MM-DD'),
  /** Local time at the venue; needs `timezone`. */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time written HH:MM, like "20:30"')
    .optional(),
  /** IANA time zone of the venue, like Europe/Paris. */
  timezone: z.string().optional(),
  /** How long the show lasts, like 1h30m (for calendars). */
  duration: z.union([z.string(), z.number()]).optional(),
  venue: z.string().min(1).optional(),
  city: z.string().min(1).optional(),
  /** The Mobilizon event where readers book or say they come. */
  mobilizon: z.string().optional(),
  status: performanceStatus.optional(),
  /** When this entry last changed (calendar stamps come from here, not from the clock). */
  updated: z.iso.date('expected a date written YYYY-MM-DD').optional(),
});

export const roleSchema = z.enum(['author', 'illustrator', 'translator']);

export const settingsSchema = z.strictObject({
  id: slugId.describe('stable identifier of the book, used in EPUB identifiers'),
  original: langCode,
  languages: z
    .array(z.strictObject({ code: langCode, name: z.string().min(1) }))
    .min(1, 'expected at least one language'),
  title: localized,
  subtitle: localized.optional(),
  description: localized,
  authors: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        role: roleSchema,
        /** For translators: the languages they translated into. */
        languages: z.array(langCode).optional(),
        /** Their Fediverse handle: pages name them in `fediverse:creator` for link previews. */
        fediverse: z
          .string()
          .regex(
            /^@?[A-Za-z0-9_.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/,
            'expected a Fediverse handle like "@name@instance.example"',
          )
          .optional(),
      }),
    )
    .min(1, 'expected at least one author'),
  licence: z.strictObject({ name: localized, statement: localized, url: z.url() }),
  site: z.strictObject({
    url: z.url({ protocol: /^https?$/, error: 'expected the public address of the site, like https://example.org' }),
    base: z
      .string()
      .regex(/^\/([A-Za-z0-9._~-]+\/)*$/, 'expected a path that starts and ends with "/", like "/" or "/planches/"')
      .default('/'),
  }),
  cover: z.string().min(1).describe('cover art, relative to content/'),
  published: z.iso.date('expected a date written YYYY-MM-DD'),
  publisher: z.string().optional(),
  subjects: z.record(z.string(), z.array(z.string().min(1))).optional(),
  characters: z.record(slugId, localized).default({}),
  /** The printed book (the PDF): page size and, optionally, margins in millimetres. */
  print: z
    .strictObject({
      pageSize: z.enum(PAGE_SIZES, { error: `expected one of ${PAGE_SIZES.join(', ')}` }).default('A5'),
      margins: z
        .strictObject({
          top: millimetres.optional(),
          bottom: millimetres.optional(),
          inner: millimetres.optional().describe('the binding side'),
          outer: millimetres.optional(),
        })
        .optional(),
      // The print cover (src/lib/pdf/cover.ts): bleed around the trimmed sheet, and the thickness of
      // one leaf (two pages) of the paper, which gives the spine's width.
      bleed: z
        .number()
        .min(0, 'expected millimetres, 0 or more')
        .max(10, 'expected at most 10 (millimetres)')
        .default(3),
      paperThickness: z
        .number()
        .min(0.03, 'expected the thickness of one leaf in millimetres, like 0.1')
        .max(1, 'expected the thickness of one leaf in millimetres, like 0.1')
        .default(0.1),
    })
    .prefault({}),
  /** Hyphenation of the print edition and the EPUB (src/lib/hyphenation/): words per language that
   * break only where written with hyphens ("Pou-hiou"), or never (written without). */
  hyphenation: z
    .strictObject({
      exceptions: z
        .record(
          langCode,
          z.array(z.string().regex(/^[\p{L}\p{M}’'-]+$/u, 'expected a word, with hyphens where it may break')),
        )
        .default({}),
    })
    .prefault({}),
  /** The recorded talk the episodes adapt: where its excerpts may be embedded from. */
  talk: z
    .strictObject({
      /** The show's name, for the performances list and the calendar. */
      title: localized.optional(),
      /** The PeerTube instances the book may embed excerpts from, each with its privacy page. */
      instances: z
        .array(
          z.strictObject({
            url: z.string({ error: 'expected the instance’s address, like https://video.example' }),
            name: z.string().min(1).optional(),
            privacy: z.string({
              error:
                'expected the address of the instance’s privacy policy (readers are told what playing a video sends to it)',
            }),
          }),
        )
        .default([]),
    })
    .default({ instances: [] }),
  /** Dates of the talk on stage. */
  performances: z.array(performanceSchema).default([]),
  /** The running orders of the stage mode (src/lib/stage/shows.ts, docs/stage.md). */
  shows: showsSchema.optional(),
  /** Marks a book made for tests: allows plain http://127.0.0.1 video hosts. */
  fixture: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;
export type Performance = z.infer<typeof performanceSchema>;
export type TalkInstance = Settings['talk']['instances'][number];
export type Role = z.infer<typeof roleSchema>;

/** Loads and validates content/book.yaml under `root`. Throws ContentError with every problem. */
export function loadSettings(root: string, overrides: { base?: string; url?: string } = {}): Settings {
  const path = join(root, SETTINGS_FILE);
  if (!existsSync(path)) {
    throw new ContentError([
      {
        file: SETTINGS_FILE,
        message: 'the book settings file is missing: every book needs one (see docs/authoring.md).',
      },
    ]);
  }
  const text = readFileSync(path, 'utf8');
  const src = parseYaml(stripBom(text), SETTINGS_FILE);
  if (!('data' in src)) throw new ContentError([src]);
  const parsed = settingsSchema.safeParse(src.data);
  if (!parsed.success) throw new ContentError(zodProblems(parsed.error, src));
  const settings = parsed.data;
  const problems = new ProblemList();
  const codes = settings.languages.map((l) => l.code);
  const known = new Set(codes);
  const at = (field: string, path: PropertyKey[], message: string): ContentProblem => ({
    file: SETTINGS_FILE,
    field,
    line: src.lineOf(path),
    message,
  });
  settings.languages.forEach((l, i) => {
    if (!hasStrings(l.code)) {
      problems.add(
        at(
          `languages.${i}.code`,
          ['languages', i, 'code'],
          `the kit has no interface strings for "${l.code}" yet: add src/i18n/${l.code}.ts (a copy of src/i18n/en.ts, translated) and register it in src/i18n/index.ts.`,
        ),
      );
    }
  });
  if (new Set(codes).size !== codes.length) problems.add(at('languages', ['languages'], 'a language is listed twice.'));
  if (!known.has(settings.original)) {
    problems.add(
      at(
        'original',
        ['original'],
        `the original language "${settings.original}" must be one of the book's languages (${codes.join(', ')}).`,
      ),
    );
  }
  const checkLocalized = (
    field: string,
    path: PropertyKey[],
    value: Record<string, string> | undefined,
    required: boolean,
  ) => {
    if (!value) return;
    for (const key of Object.keys(value)) {
      if (!known.has(key))
        problems.add(
          at(
            `${field}.${key}`,
            [...path, key],
            `unknown language "${key}": the book's languages are ${codes.join(', ')}.`,
          ),
        );
    }
    if (required) {
      for (const code of codes) {
        if (!value[code])
          problems.add(
            at(
              `${field}.${code}`,
              path,
              `missing the text in ${code}: ${field} must be given in every language of the book.`,
            ),
          );
      }
    } else if (!value[settings.original]) {
      problems.add(
        at(`${field}.${settings.original}`, path, `missing the text in the original language (${settings.original}).`),
      );
    }
  };
  checkLocalized('title', ['title'], settings.title, true);
  checkLocalized('subtitle', ['subtitle'], settings.subtitle, false);
  checkLocalized('description', ['description'], settings.description, true);
  checkLocalized('licence.name', ['licence', 'name'], settings.licence.name, true);
  checkLocalized('licence.statement', ['licence', 'statement'], settings.licence.statement, true);
  for (const [id, names] of Object.entries(settings.characters))
    checkLocalized(`characters.${id}`, ['characters', id], names, false);
  settings.authors.forEach((a, i) => {
    for (const l of a.languages ?? []) {
      if (!known.has(l))
        problems.add(
          at(
            `authors.${i}.languages`,
            ['authors', i, 'languages'],
            `unknown language "${l}": the book's languages are ${codes.join(', ')}.`,
          ),
        );
    }
  });
  for (const key of Object.keys(settings.subjects ?? {})) {
    if (!known.has(key))
      problems.add(
        at(
          `subjects.${key}`,
          ['subjects', key],
          `unknown language "${key}": the book's languages are ${codes.join(', ')}.`,
        ),
      );
  }
  if (settings.talk.title) checkLocalized('talk.title', ['talk', 'title'], settings.talk.title, false);
  checkTalkSettings(settings, (field, path, message) => problems.add(at(field, path, message)));
  settings.authors.forEach((a) => {
    if (a.fediverse && !a.fediverse.startsWith('@')) a.fediverse = `@${a.fediverse}`;
  });
  problems.throwIfAny();
  if (overrides.base) settings.site.base = overrides.base;
  if (overrides.url) settings.site.url = overrides.url;
  return settings;
}

type Report = (field: string, path: PropertyKey[], message: string) => void;

/** An address in the settings: https, or plain http on 127.0.0.1 in a test fixture. */
function checkAddress(value: string, fixture: boolean): { url: URL } | { error: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `"${value}" is not a web address: expected https://….` };
  }
  if (url.protocol === 'https:' || isLocalHttp(url, { allowLocalHttp: fixture })) return { url };
  if (url.protocol === 'http:') return { error: `"${value}" is not a secure address: write it with https://.` };
  return { error: `"${value}" is not a web address (it starts with "${url.protocol}"): expected https://….` };
}

/** The PeerTube instances and the performances: addresses, time zones, durations. */
function checkTalkSettings(settings: Settings, report: Report): void {
  const seen = new Set<string>();
  settings.talk.instances.forEach((inst, i) => {
    const path = ['talk', 'instances', i];
    const u = checkAddress(inst.url, settings.fixture);
    if ('error' in u) report(`talk.instances.${i}.url`, [...path, 'url'], u.error);
    else if ((u.url.pathname !== '/' && u.url.pathname !== '') || u.url.search || u.url.hash || u.url.username) {
      report(
        `talk.instances.${i}.url`,
        [...path, 'url'],
        `"${inst.url}": write the instance’s address only, like ${u.url.origin} (videos are given in each episode’s talk.yaml).`,
      );
    } else {
      if (seen.has(u.url.origin))
        report(`talk.instances.${i}.url`, [...path, 'url'], `${u.url.origin} is listed twice.`);
      seen.add(u.url.origin);
      inst.url = u.url.origin;
    }
    const p = checkAddress(inst.privacy, settings.fixture);
    if ('error' in p) report(`talk.instances.${i}.privacy`, [...path, 'privacy'], p.error);
  });
  const when = new Set<string>();
  settings.performances.forEach((perf, i) => {
    const path = ['performances', i];
    const f = (k: string) => `performances.${i}.${k}`;
    if (perf.time && !perf.timezone)
      report(
        f('timezone'),
        [...path, 'time'],
        `a time needs its time zone: add "timezone: Europe/Paris" (or the venue’s zone), so that readers elsewhere see the right hour.`,
      );
    if (perf.timezone && !perf.time)
      report(
        f('timezone'),
        [...path, 'timezone'],
        'a time zone without a time: add the time ("time: 20:30"), or remove the time zone.',
      );
    if (perf.timezone) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: perf.timezone });
      } catch {
        report(
          f('timezone'),
          [...path, 'timezone'],
          `"${perf.timezone}" is not a time zone: write an IANA name like Europe/Paris or America/Montreal.`,
        );
      }
    }
    if (perf.duration !== undefined) {
      const d = parseTime(perf.duration);
      if ('error' in d) report(f('duration'), [...path, 'duration'], `the duration ${d.error}`);
      else if (d.seconds === 0)
        report(
          f('duration'),
          [...path, 'duration'],
          'the duration is zero: write how long the show lasts, like 1h30m.',
        );
      else if (!perf.time)
        report(
          f('duration'),
          [...path, 'duration'],
          'a duration needs a start time: add "time" and "timezone", or remove the duration.',
        );
    }
    if (perf.mobilizon !== undefined) {
      const u = checkAddress(perf.mobilizon, settings.fixture);
      if ('error' in u) report(f('mobilizon'), [...path, 'mobilizon'], u.error);
      else if (!/^\/events\/[^/]+\/?$/.test(u.url.pathname)) {
        report(
          f('mobilizon'),
          [...path, 'mobilizon'],
          `"${perf.mobilizon}" is not a Mobilizon event address: expected https://<instance>/events/<id>, as the browser shows it on the event’s page.`,
        );
      }
    }
    const key = `${perf.date} ${perf.time ?? ''}`;
    if (when.has(key))
      report(
        f('date'),
        [...path, 'date'],
        `another performance is already on ${perf.date}${perf.time ? ` at ${perf.time}` : ''}: each one is listed once.`,
      );
    when.add(key);
  });
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text for `lang`, falling back to the original language. */
export function pick(value: Record<string, string> | undefined, lang: string, settings: Settings): string {
  return value?.[lang] ?? value?.[settings.original] ?? '';
}

export function languageCodes(settings: Settings): string[] {
  return settings.languages.map((l) => l.code);
}
