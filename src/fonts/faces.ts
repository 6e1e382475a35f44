// The faces every output uses, and where each comes from. One list: the site, the print edition,
// the stage and the EPUB take their fonts from here, subset by src/fonts/make.ts.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Where an output's faces are declared: each gets its own style sheet of @font-face rules. */
export type FontRole = 'site' | 'print' | 'stage' | 'epub';

export interface FaceSource {
  family: string;
  style: 'normal' | 'italic';
  /** A CSS font-weight: one weight, or a range for a variable face ("400 700"). */
  weight: string;
  /** The font file (WOFF2, TTF or OTF). */
  source: string;
  /**
   * Axes of a variable source: a range keeps the axis (limited to it), a number pins it, making a
   * static face (for reading systems that cannot draw variable fonts).
   */
  axes?: Record<string, number | { min: number; max: number }>;
  /** A short stable name for the file, e.g. "literata-normal". */
  name: string;
  /**
   * Which characters it holds: all the book's ("book"), or only those the site sets in italic
   * ("emphasis": see italicCharacters in code-points.ts).
   */
  characters: 'book' | 'emphasis';
}

const literataVariable = (style: 'normal' | 'italic') =>
  require.resolve(`@fontsource-variable/literata/files/literata-latin-wght-${style}.woff2`);
const atkinson = (weight: 400 | 700, style: 'normal' | 'italic') =>
  require.resolve(`@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-${weight}-${style}.woff2`);

/** Literata as one variable face per style, weights 400 to 700: one file where two static ones were. */
const literataRange = (style: 'normal' | 'italic'): FaceSource => ({
  family: 'Literata',
  style,
  weight: '400 700',
  source: literataVariable(style),
  axes: { wght: { min: 400, max: 700 } },
  name: `literata-${style}`,
  characters: 'book',
});

/** A static Literata instance cut from the variable font. */
const literataStatic = (weight: 400 | 700, style: 'normal' | 'italic'): FaceSource => ({
  family: 'Literata',
  style,
  weight: String(weight),
  source: literataVariable(style),
  axes: { wght: weight },
  name: `literata-${weight}-${style}`,
  characters: 'book',
});

export const FACES: Record<FontRole, FaceSource[]> = {
  // Reading pages: the italic face holds only the emphasised text's characters, at one weight
  // (5.7 kB where the 400–700 range took 10.2: emphasis is never bold in the book's text; a bold
  // italic would be synthesised).
  site: [
    literataRange('normal'),
    { ...literataStatic(400, 'italic'), name: 'literata-italic-emphasis', characters: 'emphasis' },
  ],
  // The print edition, which the PDF is printed from: static faces, because Chromium's PDF writer
  // (Skia) turns a variable font into Type 3 glyphs, which presses refuse and which lost the text's
  // /Lang marks in the tagged PDF. Headings, notices and subtitles are italic there too.
  print: [literataStatic(400, 'normal'), literataStatic(700, 'normal'), literataStatic(400, 'italic')],
  // The stage: Atkinson Hyperlegible for the presenter's script, Literata for the audience's titles.
  stage: [
    {
      family: 'Atkinson Hyperlegible',
      style: 'normal',
      weight: '400',
      source: atkinson(400, 'normal'),
      name: 'atkinson-400-normal',
      characters: 'book',
    },
    {
      family: 'Atkinson Hyperlegible',
      style: 'normal',
      weight: '700',
      source: atkinson(700, 'normal'),
      name: 'atkinson-700-normal',
      characters: 'book',
    },
    {
      family: 'Atkinson Hyperlegible',
      style: 'italic',
      weight: '400',
      source: atkinson(400, 'italic'),
      name: 'atkinson-400-italic',
      characters: 'book',
    },
    literataRange('normal'),
  ],
  // Reading systems (Adobe's RMSDK among them) that cannot draw variable fonts get static faces.
  epub: [
    literataStatic(400, 'normal'),
    literataStatic(700, 'normal'),
    literataStatic(400, 'italic'),
    literataStatic(700, 'italic'),
  ],
};
