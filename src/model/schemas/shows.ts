// The stage mode's running orders, in content/book.yaml's `shows:` (docs/stage.md).
import { z } from 'zod';
import { plainName } from '../characters.ts';
import { parseLength } from '../../shared/talk/time.ts';

export const DURATION_HELP = 'expected a duration such as "8m", "7 min 30 s", "7:30", "1h5m" or a number of seconds';

// The kit's one time grammar (shared/talk/time.ts), with its own message for what it refuses.
const duration = z.union([z.string(), z.number()], { error: DURATION_HELP }).transform((v, ctx) => {
  const r = parseLength(v);
  if ('seconds' in r) return r.seconds;
  ctx.addIssue({ code: 'custom', message: `the duration ${r.error}` });
  return z.NEVER;
});

/** Show ids are page addresses (/fr/stage/<id>/); "audience" and "script" are taken. */
export const RESERVED_SHOW_IDS = ['audience', 'script'];
export const SHOW_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

// Show ids are checked by checkShows(), which can name the line of a bad one.
export const showsSchema = z.record(
  z.string(),
  z.strictObject({
    /** The show's name per language (optional: the book's title is used). */
    title: z.record(z.string(), plainName(z.string().min(1, 'expected a non-empty text'), 'the title')).optional(),
    /** The end card's words per language (optional: a plain thank-you). */
    thanks: z.record(z.string(), z.string().min(1, 'expected a non-empty text')).optional(),
    /** The end card's credits, one line each (optional: the book's authors). */
    credits: z.array(z.string().min(1, 'expected a non-empty line')).optional(),
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
