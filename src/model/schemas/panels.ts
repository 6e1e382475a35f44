// An episode's panels.yaml: textless art plus per-language bubbles and captions.
import { z } from 'zod';

const point = z.strictObject({ x: z.number(), y: z.number() });
const box = z.strictObject({
  x: z.number().min(0),
  y: z.number().min(0),
  w: z.number().positive(),
  h: z.number().positive(),
});
const localized = z.record(z.string(), z.string());
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and hyphens, like "maze"');

export const bubbleSchema = z.strictObject({
  id,
  kind: z.enum(['speech', 'thought', 'caption']),
  speaker: id.optional(),
  box,
  tail: point.optional(),
  text: localized,
  /** Per translated language: the fingerprint of the original text it translates. */
  translates: z.record(z.string(), z.string().regex(/^[0-9a-f]{8}$/)).optional(),
});

export const panelSchema = z.strictObject({
  id,
  art: z.string().min(1, 'expected the art file, relative to the episode folder, like panels/maze.svg'),
  alt: localized,
  bubbles: z.array(bubbleSchema).default([]),
  /** Per translated language: the fingerprint of the original alt text it translates. */
  translates: z.record(z.string(), z.string().regex(/^[0-9a-f]{8}$/)).optional(),
});

export const panelsFileSchema = z.strictObject({ panels: z.array(panelSchema) });

export type Bubble = z.infer<typeof bubbleSchema>;
export type PanelDef = z.infer<typeof panelSchema> & {
  /** Art path relative to the book root. */
  artPath: string;
  format: 'svg' | 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
  /** Episode folder, relative to the book root. */
  dir: string;
};
