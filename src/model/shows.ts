// Shows: the running orders the performers play, from `shows:` in content/book.yaml. Each show
// is an ordered list of episodes with a planned duration. Without `shows:`, one default show
// plays every episode in order, with durations estimated from the length of the text.
import type { ContentProblem } from './errors.ts';
import { RESERVED_SHOW_IDS, SHOW_ID, type ShowsSettings } from './schemas/shows.ts';

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
  /** The end card: its words per language, and its credits (the book's authors when unset). */
  thanks?: Record<string, string>;
  credits?: string[];
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
    thanks: s.thanks,
    credits: s.credits,
    episodes: s.episodes.map((e) => ({ number: e.episode, planned: e.duration, estimated: false })),
    isDefault: i === 0,
  }));
}

/**
 * What loadSettings cannot check alone: every episode of a show exists, once per show, and
 * show titles use the book's languages. Problems carry the line of book.yaml.
 */
export function checkShows(
  lineOf: (path: PropertyKey[]) => number | undefined,
  shows: ShowsSettings | undefined,
  episodes: number[],
  languages: string[],
): ContentProblem[] {
  if (!shows) return [];
  const file = 'content/book.yaml';
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
    for (const [key, lang] of [
      ...Object.keys(show.title ?? {}).map((l) => ['title', l] as const),
      ...Object.keys(show.thanks ?? {}).map((l) => ['thanks', l] as const),
    ]) {
      if (!languages.includes(lang)) {
        problems.push({
          file,
          line: lineOf(['shows', id, key, lang]),
          field: `shows.${id}.${key}.${lang}`,
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
