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

const fingerprints = z.record(z.string(), z.string().regex(/^[0-9a-f]{8}$/));

/** One frame of a strip: its own art, alt text and bubbles (laid out in that frame's art). */
export const frameSchema = z.strictObject({
  id,
  // Optional here so that a frame without art gets the loader's message (file:line, what to write).
  art: z.string().min(1, 'expected the art file, relative to the episode folder, like panels/maze-1.svg').optional(),
  alt: localized.optional(),
  bubbles: z.array(bubbleSchema).default([]),
  /** Per translated language: the fingerprint of the original alt text it translates. */
  translates: fingerprints.optional(),
});

/**
 * A panel: one drawing (`art`, `alt`, `bubbles`), or a strip of 2 or 3 `frames` read left to
 * right. `art` and `frames` are both optional here; the loader says which one to write.
 */
export const panelSchema = z.strictObject({
  id,
  art: z.string().min(1, 'expected the art file, relative to the episode folder, like panels/maze.svg').optional(),
  alt: localized.optional(),
  bubbles: z.array(bubbleSchema).optional(),
  frames: z.array(frameSchema).optional(),
  /** Per translated language: the fingerprint of the original alt text it translates. */
  translates: fingerprints.optional(),
});

export const panelsFileSchema = z.strictObject({ panels: z.array(panelSchema) });

export type Bubble = z.infer<typeof bubbleSchema>;

/** One drawn image: a whole panel, or one frame of a strip. Every image output works on these. */
export interface PanelArt {
  /** The image manifest's key: the panel's id, or "<panel>.<frame>" for a frame of a strip. */
  key: string;
  /** The panel's id, or the frame's. */
  id: string;
  /** The panel this image belongs to. */
  panelId: string;
  /** For a frame: its place in the strip, from 0. */
  frame?: number;
  art: string;
  alt: Record<string, string>;
  bubbles: Bubble[];
  translates?: Record<string, string>;
  /** Art path relative to the book root. */
  artPath: string;
  format: 'svg' | 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
  /** Episode folder, relative to the book root. */
  dir: string;
  /** Where it is in panels.yaml, for messages: "panels.maze" or "panels.data-broker.frames.offer". */
  field: string;
  /** How messages name it: 'panel "maze"' or 'panel "data-broker", frame "offer"'. */
  label: string;
}

export interface PanelDef {
  id: string;
  /** Episode folder, relative to the book root. */
  dir: string;
  /** A strip (2 or 3 frames), or one drawing. */
  strip: boolean;
  /** Its images in reading order: the panel itself, or the strip's frames. */
  frames: PanelArt[];
}
