// An episode's excerpt of the recorded talk: its talk.yaml (docs/authoring.md).
import { z } from 'zod';

const time = z.union([z.string(), z.number()], { error: 'expected a time, like 90, "1m30s" or "1:30"' });

export const talkFileSchema = z.strictObject({
  video: z.string({ error: 'expected the video’s address, like https://video.example/w/<id>' }),
  start: time,
  end: time,
  title: z.record(z.string(), z.string().min(1, 'expected a non-empty title')),
  poster: z.string().min(1).optional(),
  panels: z.record(z.string(), time).optional(),
});
