// What an episode file's frontmatter may hold: the original language's file and a translation's.
import { z } from 'zod';
import { plainName } from '../characters.ts';

/** Episode numbers run from 1 to 9999 (addresses, sorting and the PDF's outline assume so). */
const EPISODE_NUMBER = 'expected the episode number, a whole number from 1 to 9999 (like 19)';

export const originalFrontmatter = z.strictObject({
  number: z.number({ error: EPISODE_NUMBER }).int(EPISODE_NUMBER).min(1, EPISODE_NUMBER).max(9999, EPISODE_NUMBER),
  title: plainName(z.string().min(1, 'expected the episode title'), 'the title'),
  summary: plainName(z.string(), 'the summary').default(''),
  /** A draft: `npm run build` refuses it, `--drafts` builds it marked as a draft (new-episode writes it). */
  draft: z.boolean({ error: 'expected true or false' }).optional(),
  /** For the stage mode: a local copy of the talk excerpt, relative to the book's folder. */
  stage: z
    .strictObject({
      video: z
        .string()
        .regex(
          /^(?!\/)(?!.*(^|\/)\.\.(\/|$)).+\.(mp4|m4v|webm|ogv)$/i,
          'expected a video file (.mp4, .m4v, .webm or .ogv) inside the book\'s folder, such as "stage/episode-21.mp4"',
        ),
    })
    .optional(),
});

export const translationFrontmatter = z.strictObject({
  title: plainName(
    z.string().min(1, 'expected the translated title (leave the file out if the episode is not translated yet)'),
    'the title',
  ).optional(),
  summary: plainName(z.string(), 'the summary').optional(),
  /**
   * What version of the original each part translates: part id ("title", "summary", "p3") to
   * the original's fingerprint when it was translated. Written by `npm run status -- --stamp`.
   */
  translates: z.record(z.string(), z.string().regex(/^[0-9a-f]{8}$/, 'expected an 8-character fingerprint')).optional(),
});

export type OriginalFrontmatter = z.infer<typeof originalFrontmatter>;
export type TranslationFrontmatter = z.infer<typeof translationFrontmatter>;

export const EPISODE_DIR = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
