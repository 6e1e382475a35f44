// Hyphenation at build time: soft hyphens (U+00AD) inserted into the words of the print edition,
// from the TeX hyphenation patterns of each language (npm `hyphen`, which ships the patterns of
// CTAN's hyph-utf8 as JavaScript: the ones XeLaTeX uses). Chromium on Linux ignores
// `hyphens: auto`, but it breaks at a soft hyphen and draws the hyphen there.
//
// Rules, as a French or English compositor applies them:
// - at least two letters on each side of a break (three at the end of a French or English word,
//   TeX's own \righthyphenmin for these languages), words of five letters or more;
// - no break in a word that starts with a capital letter (proper names, acronyms);
// - never inside a web or e-mail address (the caller leaves them out, see html.ts);
// - a per-book list of exceptions (settings `hyphenation.exceptions`): "Pou-hiou" breaks only
//   where the hyphens are, a word written without hyphens never breaks.
import { createRequire } from 'node:module';

export const SHY = '\u00AD';

type Patterns = unknown;
type Hyphenator = (word: string) => string;
const require = createRequire(import.meta.url);
const createHyphenator = require('hyphen/hyphen.js') as (patterns: Patterns, options: object) => Hyphenator;

/** The pattern file of a language: "en" is American English (TeX's default), "en-GB" British. */
const PATTERN_FILES: Record<string, string> = {
  en: 'en-us',
  'en-us': 'en-us',
  'en-gb': 'en-gb',
  de: 'de-1996',
  'de-ch': 'de-ch-1901',
  el: 'el-monoton',
  mn: 'mn-cyrl',
  sr: 'sr-cyrl',
};

/** Minimum letters before and after a break (TeX's \lefthyphenmin, \righthyphenmin), never below 2. */
const MINIMA: Record<string, [number, number]> = { fr: [2, 3], en: [2, 3], es: [2, 2], it: [2, 2], de: [2, 2] };

const cache = new Map<string, Hyphenator | null>();

function patternsFor(lang: string): Hyphenator | null {
  const key = lang.toLowerCase();
  if (cache.has(key)) return cache.get(key)!;
  const base = key.split('-')[0]!;
  let h: Hyphenator | null = null;
  for (const name of [PATTERN_FILES[key], key, PATTERN_FILES[base], base]) {
    if (!name || !/^[a-z0-9-]+$/.test(name)) continue;
    try {
      h = createHyphenator(require(`hyphen/patterns/${name}.js`) as Patterns, { hyphenChar: SHY, minWordLength: 5 });
      break;
    } catch {
      // No patterns under this name: try the next one.
    }
  }
  cache.set(key, h);
  return h;
}

/** Whether the kit has hyphenation patterns for a language. */
export function hasPatterns(lang: string): boolean {
  return patternsFor(lang) !== null;
}

/** Parses exceptions ("Pou-hiou", "Google") into the break points of each word, by lowercase word. */
export function parseExceptions(list: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const entry of list) {
    const parts = entry.split('-');
    const points: number[] = [];
    let at = 0;
    for (const p of parts.slice(0, -1)) {
      at += [...p].length;
      points.push(at);
    }
    out.set(parts.join('').toLowerCase(), points);
  }
  return out;
}

const LETTERS = /[\p{L}\p{M}]+/gu;

export type WordHyphenator = (text: string) => string;

/**
 * A function that puts soft hyphens into every word of a plain text in `lang` (other characters
 * untouched). Without patterns for the language, text is returned as it is.
 */
export function hyphenator(lang: string, exceptions: readonly string[] = []): WordHyphenator {
  const h = patternsFor(lang);
  const base = lang.toLowerCase().split('-')[0]!;
  const [left, right] = MINIMA[base] ?? [2, 2];
  const except = parseExceptions(exceptions);
  const word = (w: string): string => {
    const chars = [...w];
    const fixed = except.get(w.toLowerCase());
    let points: number[];
    if (fixed) points = fixed;
    else {
      if (!h || chars.length < left + right || /^\p{Lu}/u.test(w)) return w;
      points = [];
      let at = 0;
      for (const c of h(w)) {
        if (c === SHY) points.push(at);
        else at += [...c].length;
      }
    }
    const ok = new Set(points.filter((p) => p >= Math.max(2, left) && chars.length - p >= Math.max(2, right)));
    if (fixed) for (const p of points) if (p >= 2 && chars.length - p >= 2) ok.add(p);
    return chars.map((c, i) => (ok.has(i) ? SHY + c : c)).join('');
  };
  return (text) => (text.includes(SHY) ? text : text.replace(LETTERS, word));
}
