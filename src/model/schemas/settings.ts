// The book's settings, content/book.yaml (docs/authoring.md, "Book settings").
import { z } from 'zod';
import { showsSchema } from './shows.ts';
import { plainName } from '../characters.ts';

const langCode = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'expected a language code such as "fr", "en" or "pt-BR"');
/** A text given per language: { fr: "…", en: "…" }. Which keys are allowed is checked later. */
const localized = z.record(z.string(), z.string().min(1, 'expected a non-empty text'));
/** A title or a name per language: also free of bidi controls and zero-width spaces (characters.ts). */
const localizedName = z.record(z.string(), plainName(z.string().min(1, 'expected a non-empty text')));
const name = plainName(z.string().min(1));
const slugId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and hyphens');

/** A day of the calendar written YYYY-MM-DD; one that does not exist (2023-02-30) is told apart. */
const isoDate = z
  .string({ error: 'expected a date written YYYY-MM-DD, like 2024-01-15' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD, like 2024-01-15')
  .superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    const day = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
      ctx.addIssue({ code: 'custom', message: `${value} is written YYYY-MM-DD but that day does not exist` });
  });

const megabytes = z
  .number({ error: 'expected a size in megabytes, like 5' })
  .positive('expected a size in megabytes, like 5');

/** Page sizes the printed book can have (see src/model/print/geometry.ts for their dimensions). */
export const PAGE_SIZES = ['A4', 'A5', 'A6', 'B5', 'letter', 'us-trade'] as const;
const millimetres = z.number().min(5, 'expected at least 5 (millimetres)').max(60, 'expected at most 60 (millimetres)');

export const performanceStatus = z.enum(['sold-out', 'cancelled', 'postponed']);

export const performanceSchema = z.strictObject({
  date: isoDate,
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
  updated: isoDate.optional(),
});

/**
 * What a person did for this edition. `author`: the text; `illustrator`: this edition's drawings;
 * `dialogue`: this edition's speech-bubble and caption lines (when they are not the author's);
 * `translator`: a translation (in `languages`); `original-illustrator`: the drawings of the original
 * book, credited but not reproduced in this edition.
 */
export const ROLES = ['author', 'illustrator', 'dialogue', 'translator', 'original-illustrator'] as const;
export const roleSchema = z.enum(ROLES, { error: `expected one of ${ROLES.join(', ')}` });

export const settingsSchema = z.strictObject({
  id: slugId.describe('stable identifier of the book, used in EPUB identifiers'),
  original: langCode,
  languages: z.array(z.strictObject({ code: langCode, name })).min(1, 'expected at least one language'),
  title: localizedName,
  subtitle: localizedName.optional(),
  description: localizedName,
  authors: z
    .array(
      z.strictObject({
        /** A name, or one per language for a collective ("Planches contributors", "contributeurs de Planches"). */
        name: z.union([name, localizedName], { error: 'expected a name, or a name per language' }),
        /** One role, or a list of them: `role: [illustrator, dialogue]`. */
        role: z.union([roleSchema, z.array(roleSchema).min(1, 'expected at least one role')], {
          error: `expected a role or a list of roles, among ${ROLES.join(', ')}`,
        }),
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
  published: isoDate,
  publisher: z.string().optional(),
  subjects: z.record(z.string(), z.array(z.string().min(1))).optional(),
  /** The series this book belongs to (EPUB `belongs-to-collection`), and its number in it. */
  series: z
    .strictObject({
      name: z.union([name, localizedName], { error: 'expected the series’ name, or a name per language' }),
      position: z
        .number({ error: 'expected the book’s number in the series, a positive number like 2' })
        .positive('expected the book’s number in the series, a positive number like 2')
        .optional(),
    })
    .optional(),
  /**
   * Who checked the EPUB's accessibility (a person or an organisation): only then does the EPUB
   * claim conformance to EPUB Accessibility 1.1, with them as `a11y:certifiedBy`.
   */
  accessibility: z
    .strictObject({
      certifiedBy: z.string({ error: 'expected the name of the person or organisation that checked the EPUB' }).min(1),
      /** Their credential, if any (`a11y:certifierCredential`). */
      credential: z.string().min(1).optional(),
    })
    .optional(),
  characters: z.record(slugId, localizedName).default({}),
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
      // The print cover (src/outputs/pdf/cover.ts): bleed around the trimmed sheet, and the thickness
      // of one leaf (two pages) of the paper, which gives the spine's width.
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
  /** Hyphenation of the print edition and the EPUB (src/outputs/hyphenation/): words per language that
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
      title: localizedName.optional(),
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
      /**
       * Where an episode has <Talk /> but no excerpt yet: a short block saying the recording is not
       * published yet, with the performances (site), one line (PDF, EPUB). `false` shows nothing.
       */
      placeholder: z.boolean({ error: 'expected true or false' }).default(true),
      /** Seconds the player waits for an instance before offering the next copy (mirrors) or the transcript. */
      patience: z.number({ error: 'expected a number of seconds, like 15' }).int().min(1).max(120).default(15),
    })
    .default({ instances: [], placeholder: true, patience: 15 }),
  /** Dates of the talk on stage. */
  performances: z.array(performanceSchema).default([]),
  /** The running orders of the stage mode (src/model/shows.ts, docs/stage.md). */
  shows: showsSchema.optional(),
  /**
   * The largest file of each kind the build reads, in megabytes: checked before reading, so that
   * no file can exhaust the build's memory (src/model/read.ts). Stage videos are never read.
   */
  limits: z
    .strictObject({
      svg: megabytes.default(5),
      text: megabytes.default(1),
      image: megabytes.default(20),
    })
    .prefault({}),
  /**
   * Allows plain http:// links in the text and the licence (refused by default: mixed content in
   * https pages and EPUB readers, and readers' privacy on their network).
   */
  httpLinks: z.boolean({ error: 'expected true or false' }).default(false),
  /** Marks a book made for tests: allows plain http://127.0.0.1 video hosts. */
  fixture: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;
export type Performance = z.infer<typeof performanceSchema>;
export type TalkInstance = Settings['talk']['instances'][number];
export type Role = z.infer<typeof roleSchema>;
