// Surtitles: a paragraph cut into short cards the audience can read in one glance, in the
// language the performers are not speaking. Cards follow sentences; a sentence too long for one
// card is cut at the best place near its middle (a clause mark, else a space between words that
// do not belong together). Typography decides what may never be cut: the no-break spaces of
// French before ? ! : ; and inside « », and elisions (l’, qu’) have no space at all.

export interface CardSpan {
  text: string;
  /** Offsets in the normalized paragraph text (what `normalizeForCards` returns). */
  start: number;
  end: number;
}

export interface CutOptions {
  /** A card longer than this is cut, when it can be (characters). */
  max?: number;
  /** No card shorter than this is made by cutting; short sentences are joined when they fit. */
  min?: number;
}

export const CARD_MAX = 84;
export const CARD_MIN = 20;

const NBSP = '\u00A0';
const NNBSP = '\u202F';
const OPENERS = '«“‘([';
const CLOSERS = '»”’)]';
const ENDS = '.!?…';

/** Words after which a cut reads badly: articles, prepositions, conjunctions (fr and en). */
const CLINGY = new Set(
  (
    'le la les l un une des du de d au aux à a et ou en y ne n se s ce c je j tu il elle on nous vous ils elles me m te t sa son ses mon ma mes ton ta tes leur leurs notre votre nos vos qui que qu dont où par pour sur sans sous dans chez vers avec entre plus très si ni mais car donc or ' +
    'the a an of to and or in on at for with by from as into onto than that this these those my your his her its our their is are was were be not no so if but nor'
  ).split(' '),
);

/** Abbreviations whose final dot does not end a sentence. */
/** Only those that never end a sentence ("etc.", "vol." or "no." often do). */
const ABBREVIATIONS = new Set([
  'm',
  'mm',
  'mme',
  'mmes',
  'mlle',
  'mlles',
  'dr',
  'pr',
  'me',
  'mgr',
  'mr',
  'mrs',
  'messrs',
  'vs',
  'cf',
  'p',
  'pp',
  'fig',
  'approx',
  'e.g',
  'i.e',
]);

/** Collapses runs of ordinary white space (line breaks included) to one space; keeps no-break spaces. */
export function normalizeForCards(text: string): string {
  return (
    text
      .replace(/[ \t\r\n]+/g, ' ')
      // A no-break space typed after a sentence's end protects nothing: it is a sentence break.
      .replace(/([.!?…][»”’)\]]*)[\u00A0\u202F](?=[\p{Lu}«“—–])/gu, '$1 ')
      .trim()
  );
}

interface Break {
  /** Offset of the space where a cut may happen (the space is dropped). */
  at: number;
  /** 3 sentence end, 2.5 sentence end inside quotes, 2 clause mark, 1 plain space, <1 discouraged. */
  weight: number;
  sentence: boolean;
}

function isUpperStart(ch: string | undefined): boolean {
  return (
    ch !== undefined && (/\p{Lu}|\p{N}/u.test(ch) || OPENERS.includes(ch) || ch === '—' || ch === '–' || ch === '-')
  );
}

/** Every ordinary space of `text`, with how good a place it is to cut. */
function breaks(text: string, max: number): Break[] {
  const out: Break[] = [];
  // Quotations short enough for one card are not cut (« Bonjour. Ça va ? » stays whole).
  const quotes: Array<[number, number]> = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '«' || text[i] === '“') stack.push(i);
    else if ((text[i] === '»' || text[i] === '”') && stack.length) quotes.push([stack.pop()!, i]);
  }
  const inShortQuote = (i: number) => quotes.some(([a, b]) => a < i && i < b && b - a < max);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '«' || ch === '“') depth++;
    else if ((ch === '»' || ch === '”') && depth > 0) depth--;
    if (ch !== ' ') continue;
    // The text before the space, without closing quotes and brackets (and their no-break spaces).
    let j = i - 1;
    while (j >= 0 && (CLOSERS.includes(text[j]!) || text[j] === NNBSP || text[j] === NBSP)) j--;
    const before = text[j];
    const wordStart = text.lastIndexOf(' ', i - 1) + 1;
    const word = text.slice(wordStart, i);
    const bare = word.replace(/[^\p{L}\p{N}°.]/gu, '').toLowerCase();
    const next = text[i + 1];
    let weight = 1;
    let sentence = false;
    if (before !== undefined && ENDS.includes(before)) {
      const abbrev = before === '.' && (ABBREVIATIONS.has(bare.replace(/\.$/, '')) || /^\p{Lu}\.$/u.test(word));
      if (!abbrev && isUpperStart(next)) {
        sentence = true;
        weight = depth > 0 ? 2.5 : 3;
      } else {
        weight = 2;
      }
    } else if (before !== undefined && ',;:'.includes(before)) {
      weight = 2;
    } else if (next === '—' || next === '–' || (next === '(' && text[i + 2] !== ')')) {
      weight = 2; // before an aside
    } else if (word === '—' || word === '–' || word === '-') {
      weight = 0.2; // right after a dash that opens an aside
    } else if (CLINGY.has(bare) || /^\p{N}+[\p{L}°]*$/u.test(bare)) {
      weight = 0.3; // "de | la", "15 | bestiaux"
    } else if (
      next !== undefined &&
      /^[\p{P}]/u.test(next) &&
      !OPENERS.includes(next) &&
      next !== '—' &&
      next !== '–'
    ) {
      weight = 0; // never start a card with punctuation
    }
    // Inside a quotation short enough for one card: only when nothing else is possible.
    if (weight > 0 && inShortQuote(i)) weight = 0.05;
    if (weight > 0) out.push({ at: i, weight, sentence });
  }
  return out;
}

/**
 * Cuts a paragraph into cards. The cards, joined with single spaces, give back the normalized
 * text exactly: nothing is dropped, reordered or rewritten.
 */
export function cutCards(paragraph: string, options: CutOptions = {}): CardSpan[] {
  const max = options.max ?? CARD_MAX;
  const min = options.min ?? CARD_MIN;
  const text = normalizeForCards(paragraph);
  if (!text) return [];
  const all = breaks(text, max);
  // 1. Sentences (cut outside quotes only; a quotation stays whole unless it is too long).
  const sentences: Array<[number, number]> = [];
  let from = 0;
  for (const b of all) {
    if (b.weight === 3) {
      sentences.push([from, b.at]);
      from = b.at + 1;
    }
  }
  sentences.push([from, text.length]);
  // 2. Very short sentences ("Merci.", "Et vous ?") share a card with a neighbour: the grouping
  //    of consecutive sentences with the fewest too-short cards and joins wins.
  const joined = groupSentences(sentences, max, min);
  // 3. Long sentences are cut, recursively, at the best break near a balanced point.
  const cut = (s: number, e: number): Array<[number, number]> => {
    const len = e - s;
    if (len <= max) return [[s, e]];
    const parts = Math.ceil(len / max);
    const target = s + len / parts;
    let best: Break | undefined;
    let bestScore = -Infinity;
    for (const b of all) {
      if (b.at <= s || b.at >= e) continue;
      const left = b.at - s;
      const right = e - b.at - 1;
      if (left < min || right < min || left > max) continue;
      const score = b.weight - (1.5 * Math.abs(b.at - target)) / max;
      if (score > bestScore) {
        bestScore = score;
        best = b;
      }
    }
    if (!best) {
      // No good break within a card's length: take the best one anywhere (a long word run).
      for (const b of all) {
        if (b.at <= s || b.at >= e) continue;
        const score = b.weight - Math.abs(b.at - target) / max;
        if (b.at - s >= Math.min(min, len / 2) && e - b.at - 1 >= Math.min(min, len / 2) && score > bestScore) {
          bestScore = score;
          best = b;
        }
      }
    }
    if (!best) return [[s, e]];
    return [...cut(s, best.at), ...cut(best.at + 1, e)];
  };
  const merged = joined.flatMap(([s, e]) => cut(s, e));
  return merged.map(([s, e]) => ({ text: text.slice(s, e), start: s, end: e }));
}

/** Consecutive sentences grouped into cards, by dynamic programming over a small cost. */
function groupSentences(sentences: Array<[number, number]>, max: number, min: number): Array<[number, number]> {
  const shortBelow = min * 1.6;
  const cost = (from: number, to: number): number => {
    const len = sentences[to]![1] - sentences[from]![0];
    const joins = to - from;
    if (joins > 0 && len > max * 0.85) return Infinity;
    const short = len < shortBelow ? (shortBelow - len) ** 2 / 16 : 0;
    return short + 5 * joins;
  };
  const n = sentences.length;
  const best = new Array<number>(n + 1).fill(Infinity);
  const cut = new Array<number>(n + 1).fill(0);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = j - 1; i >= 0; i--) {
      const c = cost(i, j - 1);
      if (c === Infinity) break;
      if (best[i]! + c < best[j]!) {
        best[j] = best[i]! + c;
        cut[j] = i;
      }
    }
  }
  const groups: Array<[number, number]> = [];
  for (let j = n; j > 0; j = cut[j]!) groups.unshift([sentences[cut[j]!]![0], sentences[j - 1]![1]]);
  return groups;
}
