// The part of fontkit's API the kit uses (fontkit ships no type declarations): opening a font
// file, shaping a line, glyph outlines as SVG path data.
declare module 'fontkit' {
  export interface Path {
    toSVG(): string;
    translate(x: number, y: number): Path;
  }
  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: Path;
  }
  export interface GlyphPosition {
    xAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
  }
  export interface Font {
    unitsPerEm: number;
    /** The family name, from the font's name table (named in messages to authors). */
    familyName: string;
    ascent: number;
    descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): GlyphRun;
  }
  /** A .ttc/.dfont file holds several fonts. */
  export interface FontCollection {
    fonts: Font[];
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
