// The content collections. What is valid content is defined by the zod schemas in src/lib
// (settings.ts, episode/schema.ts, panels/model.ts) and checked by src/lib/book.ts, which the
// loader calls; this file only wires them in.
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { bookLoader } from './data/loader.ts';

export const collections = {
  book: defineCollection({
    loader: bookLoader(),
    // Already validated by loadBook(); kept as one typed record.
    schema: z.object({ error: z.string() }).or(
      z.object({
        root: z.string(),
        settings: z.record(z.string(), z.unknown()),
        episodes: z.array(z.unknown()),
        pages: z.array(z.unknown()),
        images: z.object({
          panels: z.record(z.string(), z.unknown()),
          covers: z.record(z.string(), z.unknown()),
          posters: z.record(z.string(), z.unknown()),
          social: z.record(z.string(), z.unknown()),
        }),
      }),
    ),
  }),
};
