// The build check that every character of an EPUB's text is drawn by one of the fonts it embeds:
// a character missing from them falls back to whatever font the reading system has, in the middle
// of a word (U+202F did, ~100 times per French book, before src/fonts/cmap.ts).
//
// What text is in scope: the character data of each XHTML document's body (the chapters and the
// navigation document), which epub.css sets in the embedded family (Literata) everywhere. Not in
// scope: the <head> (the title is shown by the reading system's own interface, in its own font),
// attribute values (alt text and labels are read aloud, not drawn), and default-ignorable
// characters (soft hyphens, joiners, variation selectors: the shaper draws nothing or a hyphen).
// The one exception is named: emoji (Extended_Pictographic and their modifiers) that no embedded
// font holds are drawn by the reading system's emoji font, as the site and the PDF draw them with
// Noto Color Emoji; the EPUB embeds no colour font (10 MB, and most reading systems draw none).
import * as fontkit from 'fontkit';

export interface Coverage {
  /** The document, as named inside the EPUB ("OEBPS/episode-19.xhtml"). */
  document: string;
  char: string;
  codePoint: number;
  line: number;
  /** The text around it. */
  context: string;
}

/** The code points a font file (WOFF2, WOFF, TTF, OTF) maps in its cmap. */
export function fontCodePoints(bytes: Uint8Array): Set<number> {
  const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as unknown as {
    characterSet: number[];
  };
  return new Set(font.characterSet);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (ref, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10))
      : (ENTITIES[name] ?? ref),
  );

const IGNORABLE = /[\p{Default_Ignorable_Code_Point}\t\n\r]/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u20e3/u;

/** The characters of the documents' body text that none of the fonts maps (emoji excepted, see above). */
export function uncoveredCharacters(
  documents: Array<{ name: string; xhtml: string }>,
  fonts: Array<Set<number>>,
): Coverage[] {
  const problems: Coverage[] = [];
  for (const { name, xhtml } of documents) {
    const body = xhtml.search(/<body[\s>]/);
    if (body < 0) continue;
    let line = xhtml.slice(0, body).split('\n').length;
    // Markup (tags, comments, CDATA, processing instructions) versus character data.
    for (const m of xhtml.slice(body).matchAll(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[^>]*>|[^<]+/g)) {
      const lineHere = line;
      line += m[0].match(/\n/g)?.length ?? 0;
      if (m[0][0] === '<' && !m[0].startsWith('<![CDATA[')) continue;
      const raw = m[0].startsWith('<![CDATA[') ? m[0].slice(9, -3) : m[0];
      const text = m[0][0] === '<' ? raw : decode(raw);
      let i = 0;
      for (const char of text) {
        const codePoint = char.codePointAt(0)!;
        if (!(IGNORABLE.test(char) || fonts.some((f) => f.has(codePoint)) || EMOJI.test(char)))
          problems.push({
            document: name,
            char,
            codePoint,
            // Newlines are never written as references, so the decoded text counts them right.
            line: lineHere + (text.slice(0, i).match(/\n/g)?.length ?? 0),
            context: text
              .slice(Math.max(0, i - 20), i + 20)
              .replace(/[\t\n\r ]+/g, ' ')
              .trim(),
          });
        i += char.length;
      }
    }
  }
  return problems;
}

/** One line per problem, for the build's error. */
export function describeCoverage(p: Coverage): string {
  const hex = p.codePoint.toString(16).toUpperCase().padStart(4, '0');
  return `${p.document}:${p.line}: "${p.char}" (U+${hex}) is in none of the embedded fonts, in "${p.context}"`;
}
