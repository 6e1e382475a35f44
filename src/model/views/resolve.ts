// The one rule for every part of the book written per language (titles, summaries, alt texts,
// bubbles, settings): the text in the reader's language, else the original, and which of the two
// it is. A translation stamped with the fingerprint of an older original is "outdated".
import type { PartStatus } from '../../shared/text.ts';
import { shortHash } from '../hash.ts';
import { typographize } from '../../shared/typography.ts';

export interface Resolved {
  text: string;
  /** The language the text is actually in (the original's, when it is a fallback). */
  lang: string;
  status: PartStatus;
}

export function resolveText(
  values: Readonly<Record<string, string | undefined>> | undefined,
  lang: string,
  original: string,
  stamp?: string,
): Resolved {
  const source = values?.[original] ?? '';
  if (lang === original) return { text: source, lang, status: 'original' };
  const own = values?.[lang]?.trim();
  if (!own) return { text: source, lang: original, status: 'untranslated' };
  return { text: own, lang, status: stamp !== undefined && stamp !== shortHash(source) ? 'outdated' : 'translated' };
}

/** The same, typeset in the language the text is in (what every output shows). */
export function shown(
  values: Readonly<Record<string, string | undefined>> | undefined,
  lang: string,
  original: string,
  stamp?: string,
): Resolved {
  const r = resolveText(values, lang, original, stamp);
  return { ...r, text: typographize(r.text, r.lang) };
}
