// A panel's bubbles as the image pipeline laid them out: written into the image manifest by
// src/images/render.ts, put on the site's figures as data-bubbles (Panel.astro), read by the
// guided viewer (src/client/viewer.ts) to zoom to each bubble.

/**
 * Where a bubble sits in its panel image and how large its lettering was set, in the image's
 * pixels, so a viewer can tell how large the text shows on screen.
 */
export interface BubbleLayout {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The tail's tip, for speech and thought bubbles. */
  tail?: { x: number; y: number };
  /** The font size the text was set at. */
  text: number;
}

/** A figure's data-bubbles: the image's width (the unit of the boxes) and its bubbles in reading order. */
export interface PanelLayout {
  width: number;
  bubbles: BubbleLayout[];
}
