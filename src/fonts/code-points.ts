// Which characters the fonts must hold: every character the book can show, in any of its
// languages. The sets are supersets on purpose (a glyph too many costs a few bytes; a glyph too
// few falls back to another font in the middle of a word): every string of the book's data, each
// as the rendering typesets it in each language, every interface string, printable ASCII (URLs,
// numbers, dates the kit writes) and the marks the templates use.
import { STRINGS, t, type StringKey } from '../i18n/index.ts';
import type { Book } from '../model/book.ts';
import { typographize } from '../shared/typography.ts';
import { processMemo } from '../model/memo.ts';

const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
/** Marks the templates write around the book's text (navigation, credits, counters, quotes). */
const TEMPLATE_MARKS = '\u00a0\u202f\u2009’‘“”«»‹›…–—·•←→↑×©';

/** Every string value in `value`, depth first. */
function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
}

const sorted = (chars: Set<string>) => [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('');

/** Every string under an emphasis (`*text*`) anywhere in `value`. */
function emphasised(value: unknown, out: string[], inside = false): void {
  if (typeof value === 'string') {
    if (inside) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) emphasised(v, out, inside);
  else if (value && typeof value === 'object') {
    const here = inside || (value as { type?: unknown }).type === 'em';
    for (const v of Object.values(value)) emphasised(v, out, here);
  }
}

/**
 * The characters the site sets in italic: the emphasised text of the episodes and pages (in each
 * language's typography), spaces and punctuation. A reading page that has an emphasis downloads
 * the italic face for a few words: cut to these characters it is a few KB instead of 24 (the
 * print edition and the EPUB, which set headings and notices in italic too, get the whole set).
 */
export function italicCharacters(book: Book): string {
  const texts: string[] = [];
  emphasised({ episodes: book.episodes, pages: book.pages }, texts);
  const langs = book.settings.languages.map((l) => l.code);
  const all = new Set<string>([...' .,;:!?-()\u00a0\u202f’«»“”…–—']);
  for (const s of texts)
    for (const lang of ['', ...langs]) for (const ch of lang ? typographize(s, lang) : s) if (ch >= ' ') all.add(ch);
  return sorted(all);
}

/** The book's characters, sorted, as one string (the subsetter's input and the cache key's). */
export function bookCharacters(book: Book): string {
  const texts: string[] = [];
  // Warnings and the folder are the author's, never shown to readers.
  strings({ settings: book.settings, episodes: book.episodes, pages: book.pages, glossary: book.glossary }, texts);
  const langs = book.settings.languages.map((l) => l.code);
  const all = new Set<string>([...ASCII, ...TEMPLATE_MARKS]);
  const add = (s: string) => {
    for (const ch of s) if (ch >= ' ') all.add(ch);
  };
  const memoKey = langs.join(' ');
  for (const s of texts) add(stringCharacters(s, langs, memoKey));
  for (const lang of langs) {
    const keys = Object.keys(STRINGS[lang] ?? STRINGS.en!) as StringKey[];
    for (const key of keys) add(t(lang, key));
  }
  return sorted(all);
}

/**
 * The distinct characters of `s` as written and as typeset in each language. Kept by string:
 * `npm run dev` computes the book's characters on every reload, and typesetting every string of
 * a 200-episode book again took 0.6 s (profiled), for the one paragraph that changed.
 */
const seen = processMemo<string, string>('characters');

function stringCharacters(s: string, langs: string[], memoKey: string): string {
  const key = `${memoKey}\u0000${s}`;
  let chars = seen.get(key);
  if (chars === undefined) {
    const set = new Set<string>(s);
    for (const lang of langs) for (const ch of typographize(s, lang)) set.add(ch);
    chars = [...set].join('');
    // A bound, so that a long session of edits does not keep every text it ever saw.
    if (seen.size > 200_000) seen.clear();
    seen.set(key, chars);
  }
  return chars;
}
