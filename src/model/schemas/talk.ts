// An episode's excerpt of the recorded talk: its talk.yaml (docs/authoring.md).
import { z } from 'zod';
import { plainName } from '../characters.ts';

const time = z.union([z.string(), z.number()], { error: 'expected a time, like 90, "1m30s" or "1:30"' });

/** Per language: the caption track on the instance and/or a WebVTT file in the episode folder. */
const captions = z.strictObject(
  {
    track: z.string().min(1, 'expected the caption track’s language code on the instance, like "en"').optional(),
    file: z.string().min(1, 'expected a WebVTT file in the episode folder, like "talk.en.vtt"').optional(),
  },
  { error: 'expected "track: <language code on the instance>" and/or "file: <a .vtt file in the episode folder>"' },
);

export const talkFileSchema = z.strictObject({
  video: z.string({ error: 'expected the video’s address, like https://video.example/w/<id>' }),
  start: time,
  end: time,
  title: z.record(z.string(), plainName(z.string().min(1, 'expected a non-empty title'), 'the title')),
  poster: z.string().min(1).optional(),
  panels: z.record(z.string(), time).optional(),
  captions: z.record(z.string(), captions).optional(),
  /** The same video on other allowed instances, offered in turn when the first does not answer. */
  mirrors: z
    .array(
      z.strictObject({
        video: z.string({ error: 'expected the copy’s address, like https://other.example/w/<id>' }),
        /** Where the excerpt starts in that copy, when it differs (a re-upload with another intro). */
        start: time.optional(),
      }),
      { error: 'expected a list of copies, each written "- video: https://other.example/w/<id>"' },
    )
    .optional(),
  /** The address of the video file, when the instance allows downloading it (npm run talk-check tells it). */
  download: z.string().min(1).optional(),
});
