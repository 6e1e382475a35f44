// The book's settings (content/book.yaml): the one place that says which languages exist,
// which one is the original, titles, people, licence and where the site is published.
import { existsSync } from 'node:fs';
import { readBookText, setSizeLimits } from './read.ts';
import { resolveText } from './views/resolve.ts';
import { join } from 'node:path';
import { ContentError, ProblemList, type ContentProblem } from './errors.ts';
import { parseYaml, zodProblems } from './yaml-source.ts';
import { hasStrings } from '../i18n/index.ts';
import { isLocalHttp } from '../shared/talk/address.ts';
import { parseTime } from '../shared/talk/time.ts';
import { settingsSchema, type Settings } from './schemas/settings.ts';
import { httpRefused } from './links.ts';

export const SETTINGS_FILE = 'content/book.yaml';

/** Loads and validates content/book.yaml under `root`. Throws ContentError with every problem. */
export function loadSettings(root: string, overrides: { base?: string; url?: string } = {}): Settings {
  return readSettings(root, overrides).settings;
}

/** The settings, and the line of each of their fields in book.yaml (for the checks that come later). */
export function readSettings(
  root: string,
  overrides: { base?: string; url?: string; unfinishedLanguages?: boolean } = {},
): { settings: Settings; lineOf: (path: PropertyKey[]) => number | undefined } {
  const path = join(root, SETTINGS_FILE);
  if (!existsSync(path)) {
    throw new ContentError([
      {
        file: SETTINGS_FILE,
        message: 'the book settings file is missing: every book needs one (see docs/authoring.md).',
      },
    ]);
  }
  const read = readBookText(root, SETTINGS_FILE);
  if (!('text' in read)) throw new ContentError([read]);
  const src = parseYaml(read.text, SETTINGS_FILE);
  if (!('data' in src)) throw new ContentError([src]);
  const parsed = settingsSchema.safeParse(src.data);
  if (!parsed.success) throw new ContentError(zodProblems(parsed.error, src));
  const settings = parsed.data;
  // Every file read after this one is held to the book's own limits.
  setSizeLimits(root, settings.limits);
  const problems = new ProblemList();
  const codes = settings.languages.map((l) => l.code);
  const known = new Set(codes);
  const at = (field: string, path: PropertyKey[], message: string): ContentProblem => ({
    file: SETTINGS_FILE,
    field,
    line: src.lineOf(path),
    message,
  });
  // A language being translated (`npm run translations`) may still lack its interface strings and
  // its texts: the translators' tool loads the book to export exactly those; a build does not.
  const unfinished = (code: string) => overrides.unfinishedLanguages === true && code !== settings.original;
  settings.languages.forEach((l, i) => {
    if (!hasStrings(l.code) && !unfinished(l.code)) {
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
        if (!value[code] && !unfinished(code))
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
  if (/^http:/i.test(settings.licence.url) && !settings.httpLinks)
    problems.add(at('licence.url', ['licence', 'url'], `the licence's address ${httpRefused(settings.licence.url)}`));
  for (const [id, names] of Object.entries(settings.characters))
    checkLocalized(`characters.${id}`, ['characters', id], names, false);
  settings.authors.forEach((a, i) => {
    const roles = Array.isArray(a.role) ? a.role : [a.role];
    if (a.languages && !roles.includes('translator')) {
      problems.add(
        at(
          `authors.${i}.languages`,
          ['authors', i, 'languages'],
          'languages says which languages a translator translated into: add the role translator, or remove languages.',
        ),
      );
    }
    if (typeof a.name !== 'string') checkLocalized(`authors.${i}.name`, ['authors', i, 'name'], a.name, false);
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
  return { settings, lineOf: src.lineOf };
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

/** The text for `lang`, falling back to the original language. */
export function pick(value: Record<string, string> | undefined, lang: string, settings: Settings): string {
  return resolveText(value, lang, settings.original).text;
}

export function languageCodes(settings: Settings): string[] {
  return settings.languages.map((l) => l.code);
}
