// The one font pipeline: each face of src/fonts/faces.ts subset to the book's characters, written
// under content-hashed names into .cache/fonts/ with one style sheet per role, and a manifest that
// the pages, the print edition, the stage and the EPUB read. A face is subset again only when its
// source, its axes or the book's characters change.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import type { Book } from '../model/book.ts';
import { sha256 } from '../model/hash.ts';
import { aliasCodePoint, NARROW_NO_BREAK_SPACE_SOURCES } from './cmap.ts';
import { bookCharacters, italicCharacters } from './code-points.ts';
import { FACES, type FaceSource, type FontRole } from './faces.ts';

/** Where the subset fonts and their manifest are cached, under the book's folder. */
export const FONT_CACHE_DIR = '.cache/fonts';

/**
 * OpenType features kept: kerning, ligatures (fi, fl) and what composes accents. The others
 * (small capitals, old-style and tabular figures, stylistic sets) pull in glyphs no page uses;
 * dropping them takes a subset from 13.3 to 12.0 KB.
 */
const KEEP_FEATURES = ['kern', 'liga', 'ccmp', 'locl', 'mark', 'mkmk'];

export interface FontFace {
  family: string;
  style: 'normal' | 'italic';
  weight: string;
  /** File name in .cache/fonts/ and in the outputs' fonts folder. */
  file: string;
  bytes: number;
}

export interface FontManifest {
  /** The book's characters the faces hold (sorted), and those of the site's italic face. */
  characters: string;
  emphasis: string;
  roles: Record<FontRole, { css: string; faces: FontFace[] }>;
}

// 3: U+202F mapped to the thin space's glyph (cmap.ts), whatever characters the face holds.
const FORMAT_VERSION = 3;

/**
 * Subsets `source` to `characters` as WOFF2, with U+202F drawn by the face (cmap.ts): a first
 * subset as TrueType (instanced on `axes`) gets the new mapping, a second one, of that small
 * font, packs it as WOFF2 (HarfBuzz keeps a mapping of the characters asked for).
 */
export async function subsetWithNarrowSpace(
  source: Buffer,
  characters: string,
  axes?: FaceSource['axes'],
): Promise<Buffer> {
  // The spaces U+202F may take its glyph from are kept for the first subset whatever the text.
  const sources = String.fromCodePoint(...NARROW_NO_BREAK_SPACE_SOURCES);
  const sfnt = await subsetFont(source, characters + sources, {
    targetFormat: 'truetype',
    keepFeatures: KEEP_FEATURES,
    ...(axes ? { variationAxes: axes } : {}),
  });
  const patched = aliasCodePoint(sfnt, 0x202f, NARROW_NO_BREAK_SPACE_SOURCES);
  return subsetFont(Buffer.from(patched), characters.includes('\u202f') ? characters : `${characters}\u202f`, {
    targetFormat: 'woff2',
    keepFeatures: KEEP_FEATURES,
  });
}

async function subsetFace(face: FaceSource, characters: string, dir: string): Promise<FontFace> {
  const source = readFileSync(face.source);
  const key = sha256(JSON.stringify([FORMAT_VERSION, sha256(source), face.axes ?? null, KEEP_FEATURES, characters]));
  const file = `${face.name}.${key.slice(0, 10)}.woff2`;
  const path = join(dir, file);
  if (!existsSync(path)) {
    const out = await subsetWithNarrowSpace(source, characters, face.axes);
    // Written then renamed: a build stopped halfway never leaves a truncated font in the cache.
    writeFileSync(`${path}.tmp`, out);
    renameSync(`${path}.tmp`, path);
  }
  return { family: face.family, style: face.style, weight: face.weight, file, bytes: readFileSync(path).length };
}

/** @font-face rules for `faces`, their files next to the style sheet. */
export function fontFaceCss(faces: FontFace[], prefix = ''): string {
  // swap: the text is drawn at once in the fallback face; the page never waits for a font (LCP).
  return faces
    .map(
      (f) =>
        `@font-face{font-family:"${f.family}";font-style:${f.style};font-weight:${f.weight};font-display:swap;src:url("${prefix}${f.file}") format("woff2")}`,
    )
    .join('\n');
}

export async function makeFonts(book: Book, opts: { cacheDir: string }): Promise<FontManifest> {
  mkdirSync(opts.cacheDir, { recursive: true });
  const characters = bookCharacters(book);
  const emphasis = italicCharacters(book);
  const made = new Map<string, Promise<FontFace>>();
  const roles = {} as FontManifest['roles'];
  for (const role of Object.keys(FACES) as FontRole[]) {
    const faces = await Promise.all(
      FACES[role].map((face) => {
        const id = face.name;
        if (!made.has(id))
          made.set(id, subsetFace(face, face.characters === 'book' ? characters : emphasis, opts.cacheDir));
        return made.get(id)!;
      }),
    );
    const body = `${fontFaceCss(faces)}\n`;
    const css = `${role}.${sha256(body).slice(0, 10)}.css`;
    writeFileSync(join(opts.cacheDir, css), body);
    roles[role] = { css, faces };
  }
  const manifest: FontManifest = { characters, emphasis, roles };
  writeFileSync(join(opts.cacheDir, 'manifest.json'), JSON.stringify(manifest));
  return manifest;
}

/** The manifest the fonts step wrote for the book in `root`. */
export function readFontManifest(root: string): FontManifest {
  const file = join(root, FONT_CACHE_DIR, 'manifest.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as FontManifest;
  } catch {
    throw new Error(`${file}: the fonts were not made (run npm run build, which makes them first).`);
  }
}

/** The files of these roles: the faces and the style sheets, to copy into an output. */
export function fontFiles(manifest: FontManifest, roles: FontRole[]): string[] {
  return [
    ...new Set(roles.flatMap((role) => [manifest.roles[role].css, ...manifest.roles[role].faces.map((f) => f.file)])),
  ];
}
