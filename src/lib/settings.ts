// The book's settings (content/book.yaml): the one place that says which languages exist,
// which one is the original, titles, people, licence and where the site is published.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ContentError, ProblemList, type ContentProblem } from './errors.ts';
import { parseYaml, zodProblems } from './yaml-source.ts';

export const SETTINGS_FILE = 'content/book.yaml';

const langCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'expected a language code such as "fr", "en" or "pt-BR"');
/** A text given per language: { fr: "…", en: "…" }. Which keys are allowed is checked later. */
const localized = z.record(z.string(), z.string().min(1, 'expected a non-empty text'));
const slugId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and hyphens');

/** Page sizes the printed book can have (see src/lib/pdf/geometry.ts for their dimensions). */
export const PAGE_SIZES = ['A4', 'A5', 'A6', 'B5', 'letter', 'us-trade'] as const;
const millimetres = z.number().min(5, 'expected at least 5 (millimetres)').max(60, 'expected at most 60 (millimetres)');

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
      pageSize: z
        .enum(PAGE_SIZES, { error: `expected one of ${PAGE_SIZES.join(', ')}` })
        .default('A5'),
      margins: z
        .strictObject({
          top: millimetres.optional(),
          bottom: millimetres.optional(),
          inner: millimetres.optional().describe('the binding side'),
          outer: millimetres.optional(),
        })
        .optional(),
    })
    .prefault({}),
  /** Marks a book made for tests: allows plain http://127.0.0.1 video hosts. */
  fixture: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;
export type Role = z.infer<typeof roleSchema>;

/** Loads and validates content/book.yaml under `root`. Throws ContentError with every problem. */
export function loadSettings(root: string, overrides: { base?: string; url?: string } = {}): Settings {
  const path = join(root, SETTINGS_FILE);
  if (!existsSync(path)) {
    throw new ContentError([{ file: SETTINGS_FILE, message: 'the book settings file is missing: every book needs one (see docs/authoring.md).' }]);
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
  if (new Set(codes).size !== codes.length) problems.add(at('languages', ['languages'], 'a language is listed twice.'));
  if (!known.has(settings.original)) {
    problems.add(at('original', ['original'], `the original language "${settings.original}" must be one of the book's languages (${codes.join(', ')}).`));
  }
  const checkLocalized = (field: string, path: PropertyKey[], value: Record<string, string> | undefined, required: boolean) => {
    if (!value) return;
    for (const key of Object.keys(value)) {
      if (!known.has(key)) problems.add(at(`${field}.${key}`, [...path, key], `unknown language "${key}": the book's languages are ${codes.join(', ')}.`));
    }
    if (required) {
      for (const code of codes) {
        if (!value[code]) problems.add(at(`${field}.${code}`, path, `missing the text in ${code}: ${field} must be given in every language of the book.`));
      }
    } else if (!value[settings.original]) {
      problems.add(at(`${field}.${settings.original}`, path, `missing the text in the original language (${settings.original}).`));
    }
  };
  checkLocalized('title', ['title'], settings.title, true);
  checkLocalized('subtitle', ['subtitle'], settings.subtitle, false);
  checkLocalized('description', ['description'], settings.description, true);
  checkLocalized('licence.name', ['licence', 'name'], settings.licence.name, true);
  checkLocalized('licence.statement', ['licence', 'statement'], settings.licence.statement, true);
  for (const [id, names] of Object.entries(settings.characters)) checkLocalized(`characters.${id}`, ['characters', id], names, false);
  settings.authors.forEach((a, i) => {
    for (const l of a.languages ?? []) {
      if (!known.has(l)) problems.add(at(`authors.${i}.languages`, ['authors', i, 'languages'], `unknown language "${l}": the book's languages are ${codes.join(', ')}.`));
    }
  });
  for (const key of Object.keys(settings.subjects ?? {})) {
    if (!known.has(key)) problems.add(at(`subjects.${key}`, ['subjects', key], `unknown language "${key}": the book's languages are ${codes.join(', ')}.`));
  }
  problems.throwIfAny();
  if (overrides.base) settings.site.base = overrides.base;
  if (overrides.url) settings.site.url = overrides.url;
  return settings;
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
