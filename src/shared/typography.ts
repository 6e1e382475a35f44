// Typography is applied by the rendering, here and nowhere else: authors type plain spaces and
// straight quotes; each language gets its own punctuation rules. Every rule is idempotent, and
// web addresses are left exactly as typed.

export const NBSP = '\u00A0'; // no-break space: before ":" in French
export const NNBSP = '\u202F'; // narrow no-break space: before ; ! ? and inside « » in French

const SPACES = `[ \\t${NBSP}${NNBSP}\\u2009]`;

export type TypographyRules = (text: string) => string;

/** A straight double quote opens when nothing word-like is before it and a word follows. */
const OPENING_QUOTE = /(^|[^\p{L}\p{N}.,;:!?…)\]»”])"(?=[\p{L}\p{N}\s'‘’(…«“-])/gu;

/**
 * Straight apostrophes become ’ (after a letter, digit or punctuation, and in elisions at a
 * word's start such as 'scuse), run last so that the other rules cannot change their context.
 */
function apostrophes(text: string): string {
  return text.replace(/(?<=[\p{L}\p{N}.,!?;:…])'/gu, '’').replace(/'(?=\p{L})/gu, '’');
}

function french(text: string): string {
  let t = text;
  // Straight double quotes become « » (opening after a space or start, closing otherwise).
  t = t.replace(OPENING_QUOTE, '$1«').replace(/"/g, '»');
  // Inside « »: exactly one narrow no-break space.
  t = t.replace(new RegExp(`«${SPACES}*`, 'g'), `«${NNBSP}`).replace(new RegExp(`${SPACES}*»`, 'g'), `${NNBSP}»`);
  // Before ; ! ? a narrow no-break space (replacing any space typed), not between two marks ("?!").
  t = t.replace(new RegExp(`(?<=[^\\s${NBSP}${NNBSP}!?;:])${SPACES}*([;!?]+)`, 'gu'), `${NNBSP}$1`);
  // Before ":" a no-break space, only when a space or the end follows (not in 10:30).
  t = t.replace(new RegExp(`(?<=[^\\s${NBSP}${NNBSP}!?;:/])${SPACES}*:(?=\\s|$)`, 'gu'), `${NBSP}:`);
  t = t.replace(/\.\.\./g, '…');
  t = frenchNumbers(t);
  return apostrophes(t);
}

/** Currency signs that French writes after the amount, with a space: "50 €". */
const CURRENCY = '€$£¥₣₽₹₺₩₪¢';

/**
 * French numbers: a narrow no-break space between groups of three digits ("50 000", typed with any
 * space) and before "%" and a currency sign after a number ("98 %", "50 000 €", typed with or
 * without a space), so that no line breaks inside an amount. Only spaces typed between digit groups
 * are changed: "en 2022 150 personnes" keeps its space (2022 is not a group of three).
 */
function frenchNumbers(text: string): string {
  let t = text.replace(
    new RegExp(`(?<![\\d,.])(\\d{1,3})((?:${SPACES}\\d{3})+)(?![\\d])`, 'gu'),
    (_m, head: string, groups: string) => head + groups.replace(new RegExp(SPACES, 'g'), NNBSP),
  );
  t = t.replace(new RegExp(`(?<=\\d)${SPACES}?([%‰${CURRENCY}])`, 'gu'), `${NNBSP}$1`);
  return t;
}

function english(text: string): string {
  let t = text;
  // No space before ; : ! ? in English.
  t = t.replace(new RegExp(`${SPACES}+([;:!?])`, 'g'), '$1');
  // Guillemets carried over from French become English quotes.
  t = t.replace(new RegExp(`«${SPACES}*`, 'g'), '“').replace(new RegExp(`${SPACES}*»`, 'g'), '”');
  // Straight double quotes: opening after a space/start/bracket/dash, closing elsewhere.
  t = t.replace(OPENING_QUOTE, '$1“').replace(/"/g, '”');
  t = t.replace(/\.\.\./g, '…');
  // Opening single quote at a word's start when a closing one follows in the same sentence.
  t = t.replace(/(^|[\s([—–-])'(?=\p{L}[^']*\p{L}'(?!\p{L}))/gu, '$1‘');
  return apostrophes(t);
}

/** Generic rules for languages without their own: curly apostrophes and the ellipsis only. */
function generic(text: string): string {
  return apostrophes(text.replace(/\.\.\./g, '…'));
}

const RULES: Record<string, TypographyRules> = { fr: french, en: english };

/** Web addresses and e-mail addresses are kept as typed: no space may enter them. */
const PROTECTED = /\b(?:https?:\/\/|www\.)[^\s<>«»"“”]+[^\s<>«»"“”.,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;

/** Applies the typography of `lang` (a BCP 47 code; "fr-CA" uses the "fr" rules). */
export function typographize(text: string, lang: string): string {
  const rules = RULES[lang] ?? RULES[lang.split('-')[0]!] ?? generic;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PROTECTED)) {
    out += rules(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + rules(text.slice(last));
}
