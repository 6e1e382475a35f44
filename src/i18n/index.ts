// The one translations module: interface strings per language. Adding a language means adding
// its file here and in content/book.yaml; nothing else in the code lists languages.
import en from './en.ts';
import es from './es.ts';
import fr from './fr.ts';
import type { StringKey, Strings } from './types.ts';
import { typographize } from '../shared/typography.ts';

export const STRINGS: Record<string, Strings> = { en, es, fr };

export type { StringKey, Strings };

/** The interface string `key` in `lang`, with {placeholders} filled. Falls back to English. */
export function t(lang: string, key: StringKey, values: Record<string, string | number> = {}): string {
  const resolved = STRINGS[lang] ? lang : (lang.split('-')[0] ?? 'en');
  // Strings are typed with plain spaces and quotes; the language's typography is applied here, once
  // per string and language (a page asks for dozens: bench:astro's profile, issue 27), before the
  // placeholders are filled.
  const id = `${resolved}\u0000${key}`;
  let typeset = TYPESET.get(id);
  if (typeset === undefined) {
    typeset = typographize((STRINGS[resolved] ?? en)[key], resolved);
    TYPESET.set(id, typeset);
  }
  return typeset.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** The interface strings with their typography, by language and key (the tables never change). */
const TYPESET = new Map<string, string>();

/** Whether `key` names an interface string (for keys that come from data, such as the stage's key help). */
export function isStringKey(key: string): key is StringKey {
  return key in en;
}

/** The languages that have interface strings: the settings may only use these. */
export function hasStrings(lang: string): boolean {
  return lang in STRINGS;
}
