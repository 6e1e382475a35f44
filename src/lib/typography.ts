// Typography is applied by the rendering, here and nowhere else: authors type plain spaces and
// straight quotes; each language gets its own punctuation rules. Every rule is idempotent.

export const NBSP = '\u00A0'; // no-break space: before ":" in French
export const NNBSP = '\u202F'; // narrow no-break space: before ; ! ? and inside « » in French

const SPACES = `[ \\t${NBSP}${NNBSP}\\u2009]`;

export type TypographyRules = (text: string) => string;

/** Straight apostrophes between letters (and after a letter at a word's end) become ’. */
function apostrophes(text: string): string {
  return text.replace(/(\p{L})'(?=\p{L}|\s|$)/gu, '$1’').replace(/(^|[\s(])'(?=\p{L})/gu, '$1‘');
}

function french(text: string): string {
  let t = apostrophes(text);
  // Straight double quotes become « » (opening after a space or start, closing otherwise).
  t = t.replace(/(^|[\s(\[—–-])"/gu, '$1«').replace(/"/g, '»');
  // Inside « »: exactly one narrow no-break space.
  t = t.replace(new RegExp(`«${SPACES}*`, 'g'), `«${NNBSP}`).replace(new RegExp(`${SPACES}*»`, 'g'), `${NNBSP}»`);
  // Before ; ! ? : a narrow no-break space (one, replacing any space typed), but not between
  // two marks ("?!") and not inside addresses or times (":" followed by a non-space).
  t = t.replace(new RegExp(`(?<=[^\\s${NBSP}${NNBSP}!?;:])${SPACES}*([;!?]+)`, 'gu'), `${NNBSP}$1`);
  t = t.replace(new RegExp(`(?<=[^\\s${NBSP}${NNBSP}!?;:/])${SPACES}*:(?=\\s|$)`, 'gu'), `${NBSP}:`);
  // The narrow space also belongs before "?" etc. after a closing quote: handled above since » is not a space.
  t = t.replace(/\.\.\./g, '…');
  return t;
}

function english(text: string): string {
  let t = text;
  // No space before ; : ! ? in English.
  t = t.replace(new RegExp(`${SPACES}+([;:!?])`, 'g'), '$1');
  // Guillemets carried over from French become English quotes.
  t = t.replace(new RegExp(`«${SPACES}*`, 'g'), '“').replace(new RegExp(`${SPACES}*»`, 'g'), '”');
  // Straight double quotes: opening after a space/start/bracket/dash, closing elsewhere.
  t = t.replace(/(^|[\s(\[—–-])"/gu, '$1“').replace(/"/g, '”');
  t = apostrophes(t);
  t = t.replace(/\.\.\./g, '…');
  return t;
}

/** Generic rules for languages without their own: curly apostrophes and the ellipsis only. */
function generic(text: string): string {
  return apostrophes(text).replace(/\.\.\./g, '…');
}

const RULES: Record<string, TypographyRules> = { fr: french, en: english };

/** Applies the typography of `lang` (a BCP 47 code; "fr-CA" uses the "fr" rules). */
export function typographize(text: string, lang: string): string {
  const rules = RULES[lang] ?? RULES[lang.split('-')[0]!] ?? generic;
  return rules(text);
}
