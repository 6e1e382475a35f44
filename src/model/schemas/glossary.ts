// content/glossary.yaml: the terms translators keep consistent, one entry per concept, the word to
// use in each language and the variants to avoid (docs/authoring.md, "The glossary").
import { z } from 'zod';

const words = z.array(z.string().min(1, 'expected a non-empty word')).min(1, 'expected at least one variant');

export const glossaryTermSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and hyphens, like "guinea-pig"'),
    /** Per language: words a translator might slip into, which panels may use only where the prose does. */
    variants: z.record(z.string(), words).optional(),
    note: z.string().optional(),
  })
  // Every other key is a language code with the word to use in that language ("fr: connard").
  .catchall(z.string().min(1, 'expected the word in this language'))
  .transform(({ id, variants, note, ...words }) => ({ id, variants, note, words }));

export const glossarySchema = z.strictObject({ terms: z.array(glossaryTermSchema) });

export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
