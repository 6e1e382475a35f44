// Surtitle cards (src/shared/stage/surtitles.ts) in both languages: sentence-sized, nothing lost,
// and French typography respected (no card starts with "?", "!", ":", ";" or "»", no card
// cuts between a word and its punctuation or inside « »).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cutCards, normalizeForCards, CARD_MAX, CARD_MIN } from '../../src/shared/stage/surtitles.ts';
import { typographize } from '../../src/shared/typography.ts';
import { loadBook } from '../../src/model/book.ts';
import { episodeView } from '../../src/model/views/episode.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const texts = (p: string, lang: string) => cutCards(typographize(p, lang)).map((c) => c.text);

/** What must hold for every card of every paragraph. */
function checkCards(paragraph: string, where: string): void {
  const cards = cutCards(paragraph);
  const normalized = normalizeForCards(paragraph);
  // Nothing lost, added or reordered: the cards joined by spaces are the paragraph.
  assert.equal(cards.map((c) => c.text).join(' '), normalized, `${where}: the cards are not the paragraph`);
  for (const c of cards) {
    assert.equal(normalized.slice(c.start, c.end), c.text, `${where}: offsets`);
    assert.doesNotMatch(c.text, /^[?!:;,.»”…)\]]/u, `${where}: a card starts with punctuation: "${c.text}"`);
    assert.doesNotMatch(
      c.text,
      /[\u00A0\u202F«“(]$/u,
      `${where}: a card ends on a no-break space or an opening mark: "${c.text}"`,
    );
    assert.doesNotMatch(c.text, /^\s|\s$/u, `${where}: spaces at an end: "${c.text}"`);
    if (normalized.length > CARD_MAX) {
      // Cut cards keep a readable length (a whole sentence may be short).
      assert.ok(
        c.text.length <= CARD_MAX || !/ /.test(c.text),
        `${where}: a card of ${c.text.length} characters: "${c.text}"`,
      );
    }
  }
  // Guillemets: a card that opens « closes it, unless the quotation itself is longer than a card.
  for (const c of cards) {
    const open = (c.text.match(/«/g) ?? []).length;
    const close = (c.text.match(/»/g) ?? []).length;
    if (open !== close) {
      const i = normalized.indexOf('«', c.start);
      const j = normalized.indexOf('»', i);
      assert.ok(j - i > CARD_MAX, `${where}: « » cut apart in "${c.text}"`);
    }
  }
}

describe('French', () => {
  test('one card per sentence; the narrow no-break space keeps "?" and "!" with their word', () => {
    const cards = texts("Et les cons dans tout ça…? Ben c'est le bétail ! Vous en doutez ? Moi non.", 'fr');
    // Four short sentences make two cards; the marks stay with their words.
    assert.equal(cards.length, 2, cards.join(' | '));
    assert.equal(
      cards.join(' '),
      'Et les cons dans tout ça…\u202F? Ben c’est le bétail\u202F! Vous en doutez\u202F? Moi non.',
    );
  });

  test('a colon with its no-break space stays on the line before', () => {
    const cards = texts(
      'Sociologie, anthropologie, ethnologie : les sciences sociales nous offrent ce plaisir mais demandent un investissement coûteux pour une rémunération de gagne-petit.',
      'fr',
    );
    assert.ok(cards[0]!.endsWith('ethnologie\u00A0:'), cards.join(' | '));
    assert.ok(cards[1]!.startsWith('les sciences'), cards.join(' | '));
  });

  test('a short quotation in « » is never cut, even with a sentence inside', () => {
    const p = "Il a dit : « Bonjour. Ça va ? » et il est parti sans attendre la réponse de personne, comme d'habitude.";
    const cards = texts(p, 'fr');
    assert.ok(
      cards.some((c) => c.includes('«\u202FBonjour. Ça va\u202F?\u202F»')),
      cards.join(' | '),
    );
    checkCards(typographize(p, 'fr'), 'quote');
  });

  test('abbreviations and initials do not end a sentence', () => {
    const cards = texts('M. Dupont et J. R. R. Tolkien sont venus. Ils sont repartis.', 'fr');
    assert.deepEqual(cards, ['M. Dupont et J. R. R. Tolkien sont venus. Ils sont repartis.']);
  });

  test('a no-break space typed after a full stop does not glue two sentences together', () => {
    const p =
      'Parler avec des astérisques est un talent réservé aux connards professionnels de haut vol.\u00A0Peu d’entre nous savent présenter leurs arguments.';
    const cards = cutCards(p).map((c) => c.text);
    const i = cards.findIndex((c) => c.endsWith('de haut vol.'));
    assert.ok(i >= 0 && cards[i + 1]!.startsWith('Peu d’entre'), cards.join(' | '));
  });

  test('a long sentence is cut at a comma near its middle, not after "de" or "la"', () => {
    const p =
      'Si votre code-concept de base consiste à mettre en valeur les egos dans un positivisme aussi forcé que le sourire d’une hôtesse de l’air en plein crash aérien, vous avez déjà fait beaucoup.';
    const cards = texts(p, 'fr');
    assert.ok(cards.length >= 2);
    for (const c of cards.slice(0, -1)) assert.doesNotMatch(c, /\s(de|la|le|les|un|une|des|du|à|et)$/u, c);
  });
});

describe('English', () => {
  test('sentences, and quotes kept whole', () => {
    const cards = texts(
      'And the suckers, where do they fit in…? Well, they\'re the cattle! They click "I agree and accept". Every time.',
      'en',
    );
    assert.deepEqual(cards, [
      'And the suckers, where do they fit in…?',
      'Well, they’re the cattle!',
      'They click “I agree and accept”. Every time.',
    ]);
  });

  test('a long sentence is cut at clause marks, each card at most the maximum', () => {
    const p =
      'It must be said that, given the amount of dough they shift, these companies are not very fond of risk, so when we turn up on their doorstep with behaviour that is fresh, cross-referenced and perfectly predictable, it is Christmas for them.';
    const cards = texts(p, 'en');
    assert.ok(cards.length >= 3, cards.join(' | '));
    for (const c of cards) assert.ok(c.length <= CARD_MAX && c.length >= CARD_MIN, `${c.length}: ${c}`);
    checkCards(typographize(p, 'en'), 'long');
  });

  test('a run without spaces is one card, never broken inside a word or an address', () => {
    const url = `https://example.org/${'a'.repeat(120)}`;
    assert.deepEqual(
      cutCards(url).map((c) => c.text),
      [url],
    );
  });

  test('empty text gives no card', () => {
    assert.deepEqual(cutCards('  \n '), []);
  });
});

describe('every paragraph of the sample book, in both languages', () => {
  const book = loadBook(ROOT);
  for (const lang of ['fr', 'en']) {
    test(lang, () => {
      let n = 0;
      for (const e of book.episodes) {
        for (const b of episodeView(book, e, lang).blocks) {
          if (b.type !== 'paragraph') continue;
          checkCards(b.text, `${lang} ${e.number} ${b.id}`);
          n++;
        }
      }
      assert.ok(n > 50, `${n} paragraphs`);
    });
  }
});

test('cards of a real paragraph read well (a regression sample)', () => {
  const p =
    "On ne le répétera jamais assez, un bon connard est un flemmard intelligent (voir notre 6e leçon : Ne faites plus, faites faire). Votre travail ne doit consister, en somme, qu'à créer les règles du jeu, le code faisant Loi.";
  assert.deepEqual(texts(p, 'fr'), [
    'On ne le répétera jamais assez, un bon connard est un flemmard intelligent',
    '(voir notre 6e leçon\u00A0: Ne faites plus, faites faire).',
    'Votre travail ne doit consister, en somme,',
    'qu’à créer les règles du jeu, le code faisant Loi.',
  ]);
});
