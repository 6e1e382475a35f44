// Shows: the running orders the performers play, from `shows:` in content/book.yaml. Each show
// is an ordered list of episodes with a planned duration. Without `shows:`, one default show
// plays every episode in order, with durations estimated from the length of the text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ContentProblem } from './errors.ts';
import { parseYaml } from './yaml-source.ts';
import { parseDuration } from '../shared/stage/duration.ts';

export const DURATION_HELP = 'expected a duration such as "8m", "7m30s", "1h5m" or a number of seconds';

const duration = z
  .union([z.string(), z.number()], { error: DURATION_HELP })
  .refine((v) => parseDuration(v) !== undefined, DURATION_HELP)
  .transform((v) => parseDuration(v)!);

/** Show ids are page addresses (/fr/stage/<id>/); "audience" and "script" are taken. */
export const RESERVED_SHOW_IDS = ['audience', 'script'];
const SHOW_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

// Show ids are checked by checkShows(), which can name the line of a bad one.
export const showsSchema = z.record(
  z.string(),
  z.strictObject({
    /** The show's name per language (optional: the book's title is used). */
    title: z.record(z.string(), z.string().min(1, 'expected a non-empty text')).optional(),
    episodes: z
      .array(
        z.strictObject({
          episode: z.number({ error: 'expected an episode number, such as 19' }).int().positive(),
          duration,
        }),
        { error: 'expected a list of episodes, each written "- { episode: 19, duration: 8m }"' },
      )
      .min(1, 'a show needs at least one episode'),
  }),
);

export type ShowsSettings = z.infer<typeof showsSchema>;

export interface ShowEpisode {
  number: number;
  /** Planned duration, in seconds. */
  planned: number;
  /** True when no plan was written: the duration is estimated from the text. */
  estimated: boolean;
}

export interface ShowDef {
  id: string;
  title?: Record<string, string>;
  episodes: ShowEpisode[];
  /** The first show is the default one (the stage pages without a show in their address). */
  isDefault: boolean;
}

export const DEFAULT_SHOW_ID = 'default';
/** Speaking rate used to estimate a plan when none is written (words per minute, on stage). */
export const WORDS_PER_MINUTE = 140;

/** A planned duration estimated from the number of words, rounded up to the half minute. */
export function estimateDuration(words: number): number {
  return Math.max(30, Math.ceil(((words / WORDS_PER_MINUTE) * 60) / 30) * 30);
}

/**
 * The shows of a book. `words(number)` counts the words of an episode's original (for the
 * default show's estimated plan).
 */
export function resolveShows(
  shows: ShowsSettings | undefined,
  episodes: number[],
  words: (n: number) => number,
): ShowDef[] {
  const entries = Object.entries(shows ?? {});
  if (!entries.length) {
    return [
      {
        id: DEFAULT_SHOW_ID,
        episodes: episodes.map((n) => ({ number: n, planned: estimateDuration(words(n)), estimated: true })),
        isDefault: true,
      },
    ];
  }
  return entries.map(([id, s], i) => ({
    id,
    title: s.title,
    episodes: s.episodes.map((e) => ({ number: e.episode, planned: e.duration, estimated: false })),
    isDefault: i === 0,
  }));
}

/**
 * What loadSettings cannot check alone: every episode of a show exists, once per show, and
 * show titles use the book's languages. Problems carry the line of book.yaml.
 */
export function checkShows(
  root: string,
  shows: ShowsSettings | undefined,
  episodes: number[],
  languages: string[],
): ContentProblem[] {
  if (!shows) return [];
  const file = 'content/book.yaml';
  let lineOf: (path: PropertyKey[]) => number | undefined = () => undefined;
  try {
    const src = parseYaml(readFileSync(join(root, file), 'utf8'), file);
    if ('data' in src) lineOf = src.lineOf;
  } catch {
    // The settings were read a moment ago; without the file the problems just have no line.
  }
  const problems: ContentProblem[] = [];
  const known = new Set(episodes);
  for (const [id, show] of Object.entries(shows)) {
    if (!SHOW_ID.test(id)) {
      problems.push({
        file,
        line: lineOf(['shows', id]),
        field: `shows.${id}`,
        message: `"${id}" is not a show id: use lowercase letters, digits and hyphens, starting with a letter (it becomes the address /<language>/stage/${'<id>'}/).`,
      });
    } else if (RESERVED_SHOW_IDS.includes(id)) {
      problems.push({
        file,
        line: lineOf(['shows', id]),
        field: `shows.${id}`,
        message: `"${id}" is one of the page names of the stage mode (${RESERVED_SHOW_IDS.join(', ')}): choose another show id.`,
      });
    }
    for (const lang of Object.keys(show.title ?? {})) {
      if (!languages.includes(lang)) {
        problems.push({
          file,
          line: lineOf(['shows', id, 'title', lang]),
          field: `shows.${id}.title.${lang}`,
          message: `unknown language "${lang}": the book's languages are ${languages.join(', ')}.`,
        });
      }
    }
    const seen = new Set<number>();
    show.episodes.forEach((e, i) => {
      const field = `shows.${id}.episodes.${i}.episode`;
      const line = lineOf(['shows', id, 'episodes', i, 'episode']);
      if (!known.has(e.episode)) {
        problems.push({
          file,
          line,
          field,
          message: `there is no episode ${e.episode} in this book (episodes: ${episodes.join(', ')}).`,
        });
      } else if (seen.has(e.episode)) {
        problems.push({
          file,
          line,
          field,
          message: `episode ${e.episode} is already in the show "${id}": a show plays each episode once.`,
        });
      }
      seen.add(e.episode);
    });
  }
  return problems;
}
