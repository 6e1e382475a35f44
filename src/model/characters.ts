// Characters that pass a UTF-8 check but must not pass silently. Two kinds:
// - in any text file: NUL, lone surrogates and Unicode's non-characters, which no text uses (they
//   become "�" in the outputs, or stop the tools that read them);
// - in titles, summaries, ids and names (copied into every page's navigation, the EPUB's contents,
//   the PDF's text and outline): bidi overrides and isolates, which reorder what follows them, and
//   zero-width spaces, which split words for search and copying while showing nothing.
// The marks that only set a direction (LRM U+200E, RLM U+200F) stay allowed, and so does the zero
// width joiner inside an emoji sequence (👩‍💻), where it is part of the character.
import type { z } from 'zod';

/** U+XXXX, as the Unicode charts write it. */
export function codePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

const FORBIDDEN = /[\0\p{Cs}\p{Noncharacter_Code_Point}]/gu;

function whyForbidden(cp: number): string {
  if (cp === 0) return 'a NUL character (U+0000), which is invisible, becomes "�" in the outputs and stops some tools';
  if (cp >= 0xd800 && cp <= 0xdfff)
    return `a lone surrogate (${codePoint(cp)}), half of a character that cannot be shown (it becomes "�"; an escape such as "\\u${cp.toString(16).toUpperCase()}" makes one)`;
  return `${codePoint(cp)}, a "non-character" that Unicode reserves and no text uses`;
}

export interface OddCharacter {
  /** 1-based line and column (in characters) of the first one. */
  line: number;
  column: number;
  message: string;
}

/** The first NUL, lone surrogate or non-character in `text`, and how many there are in all. */
export function forbiddenCharacter(text: string): OddCharacter | undefined {
  const first = firstForbidden(text);
  if (!first) return undefined;
  const more = first.count > 1 ? ` (${first.count - 1} more like it in this file)` : '';
  return { line: first.line, column: first.column, message: `this file contains ${first.why}: remove it${more}.` };
}

/** Where the first forbidden character is, what it is, and how many there are. */
export function firstForbidden(text: string): { line: number; column: number; why: string; count: number } | undefined {
  const all = [...text.matchAll(FORBIDDEN)];
  const first = all[0];
  if (!first) return undefined;
  const before = text.slice(0, first.index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    line: before.split('\n').length,
    column: [...before.slice(lineStart)].length + 1,
    why: whyForbidden(first[0].codePointAt(0)!),
    count: all.length,
  };
}

/** What a string value holds that no text uses, for values decoded from escapes (YAML "\0", "\uD800"). */
export function forbiddenInValue(value: string): string | undefined {
  const m = new RegExp(FORBIDDEN.source, 'u').exec(value);
  return m ? whyForbidden(m[0].codePointAt(0)!) : undefined;
}

const INVISIBLE = new Map<number, string>([
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'],
  [0x200d, 'ZERO WIDTH JOINER'],
]);

// A joiner is part of an emoji sequence when an emoji (or its variation selector) is on each side.
const INVISIBLE_RE =
  /[\u202A-\u202E\u2066-\u2069\u200B\uFEFF]|(?<!\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/**
 * The first bidi control or zero-width character in a title, summary, id or name, as the message
 * to show; undefined when there is none.
 */
export function invisibleInName(value: string, what = 'this text'): string | undefined {
  const m = new RegExp(INVISIBLE_RE.source, 'u').exec(value);
  if (!m) return undefined;
  const cp = m[0].codePointAt(0)!;
  const at = [...value.slice(0, m.index)].length + 1;
  const effect =
    cp >= 0x202a && cp <= 0x2069
      ? 'an invisible character that reorders the text after it'
      : 'an invisible character that splits the word for search and copying';
  return (
    `${what} contains ${codePoint(cp)} ${INVISIBLE.get(cp)} (character ${at}), ${effect}. Titles, summaries, ids and ` +
    'names are copied into other pages, the EPUB contents and the PDF: delete it (it shows nothing, so retype the ' +
    'text around it). Only the direction marks U+200E and U+200F, and a joiner inside an emoji, are allowed there.'
  );
}

/** A zod string check for titles, summaries and names: no bidi control, no zero-width space. */
export function plainName<T extends z.ZodType<string>>(schema: T, what = 'this text'): T {
  return schema.superRefine((value, ctx) => {
    const problem = invisibleInName(value, what);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }) as unknown as T;
}
