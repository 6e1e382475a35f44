// episodeView (src/model/views/episode.ts) on the minimal test book: how a translation is paired
// with its original, paragraph by paragraph, with fallbacks and "outdated" marks.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadBook, type Book, type Episode } from '../../src/model/book.ts';
import { episodeView, paragraphIds, type EpisodeView } from '../../src/model/views/episode.ts';
import { shortHash } from '../../src/model/hash.ts';

const BOOKS = new URL('../fixtures/books', import.meta.url).pathname;
const book = loadBook(join(BOOKS, 'minimal'));
const [cave, grenier] = book.episodes as [Episode, Episode];

type Para = Extract<EpisodeView['blocks'][number], { type: 'paragraph' }>;
const paragraphs = (v: EpisodeView): Para[] => v.blocks.filter((b): b is Para => b.type === 'paragraph');
const summary = (v: EpisodeView) => paragraphs(v).map((p) => `${p.id}:${p.lang}:${p.status}`);

/** The same episode with its English translation changed (the view is a pure function). */
function withEnglish(
  ep: Episode,
  change: (t: NonNullable<Episode['translations']['en']>) => Partial<NonNullable<Episode['translations']['en']>>,
): Episode {
  const en = ep.translations.en!;
  return { ...ep, translations: { ...ep.translations, en: { ...en, ...change(en) } } };
}

describe('the original language', () => {
  test('every paragraph is the original, in French, with French typography', () => {
    const v = episodeView(book, cave, 'fr');
    assert.equal(v.status, 'original');
    assert.deepEqual(summary(v), ['p1:fr:original', 'p2:fr:original', 'p3:fr:original']);
    assert.equal(paragraphs(v)[1]!.text, 'Puis la lumière s’alluma\u00A0: tout était rangé, parfaitement rangé.');
    assert.deepEqual(v.title, { text: 'La cave', lang: 'fr', status: 'original' });
    assert.deepEqual(v.counts, { paragraphs: 3, untranslated: 0, outdated: 0 });
  });

  test('panels, notes and paragraphs keep the order of the file', () => {
    const v = episodeView(book, cave, 'fr');
    assert.deepEqual(
      v.blocks.map((b) => b.type),
      ['paragraph', 'panel', 'paragraph', 'note', 'paragraph'],
    );
    const panel = v.blocks[1];
    assert.ok(panel?.type === 'panel');
    assert.equal(panel.id, 'cave');
    assert.equal(panel.panel?.frames[0]?.artPath, 'content/episodes/1-la-cave/art/cave.svg');
  });
});

describe('a partial translation', () => {
  test('an <Untranslated /> paragraph falls back to the French text, marked untranslated', () => {
    const v = episodeView(book, grenier, 'en');
    assert.deepEqual(summary(v), ['p1:en:translated', 'p2:fr:untranslated', 'p3:en:translated']);
    const p2 = paragraphs(v)[1]!;
    // The fallback is the original with the original's typography (a narrow space before ";").
    assert.equal(p2.text, 'Une malle attendait sous la lucarne\u202F; personne ne l’avait ouverte depuis des années.');
    assert.equal(paragraphs(v)[2]!.text, 'She opened it… and found nothing but an old notebook.');
    assert.equal(v.status, 'partial');
    assert.deepEqual(v.counts, { paragraphs: 3, untranslated: 1, outdated: 0 });
  });

  test('a missing summary falls back to the French one; the translated title is used', () => {
    const v = episodeView(book, grenier, 'en');
    assert.deepEqual(v.title, { text: 'The Attic', lang: 'en', status: 'translated' });
    assert.deepEqual(v.summary, { text: 'Où l’on monte au grenier.', lang: 'fr', status: 'untranslated' });
  });

  test('a translation made only of <Untranslated /> is an untranslated episode', () => {
    const ep = withEnglish(grenier, (en) => ({
      blocks: en.blocks.map((b) => (b.type === 'paragraph' ? { type: 'untranslated' as const, line: b.line } : b)),
    }));
    const v = episodeView(book, ep, 'en');
    assert.equal(v.status, 'untranslated');
    assert.deepEqual(summary(v), ['p1:fr:untranslated', 'p2:fr:untranslated', 'p3:fr:untranslated']);
  });
});

describe('paragraph ids', () => {
  test('are p1…pN in the original order and the same in every language', () => {
    for (const ep of book.episodes) {
      const ids = (lang: string) => paragraphs(episodeView(book, ep, lang)).map((p) => p.id);
      assert.deepEqual(ids('fr'), ['p1', 'p2', 'p3'], ep.slug);
      assert.deepEqual(ids('en'), ids('fr'), ep.slug);
    }
  });

  test('skip panels, notes and markers', () => {
    assert.deepEqual(paragraphIds(cave.original.blocks), ['p1', '', 'p2', '', 'p3']);
  });
});

describe('outdated translations', () => {
  test('a "translates" fingerprint that differs from the original paragraph makes it outdated', () => {
    // In the fixture, p1 carries the right fingerprint, p2 a stale one, p3 none.
    const en = cave.translations.en!;
    const originals = cave.original.blocks.flatMap((b) => (b.type === 'paragraph' ? [b] : []));
    assert.equal(en.translates?.p1, shortHash(originals[0]!.raw));
    assert.equal(en.translates?.p1, originals[0]!.hash);
    assert.notEqual(en.translates?.p2, originals[1]!.hash);
    const v = episodeView(book, cave, 'en');
    assert.deepEqual(summary(v), ['p1:en:translated', 'p2:en:outdated', 'p3:en:translated']);
    // An outdated paragraph is still shown in the translation, not replaced by the original.
    assert.equal(paragraphs(v)[1]!.text, 'Then the light came on: everything was tidy, perfectly tidy.');
    assert.deepEqual(v.counts, { paragraphs: 3, untranslated: 0, outdated: 1 });
    assert.equal(v.status, 'partial');
  });

  test('with every fingerprint right, the episode is fully translated', () => {
    const hashes = Object.fromEntries(
      cave.original.blocks
        .filter((b) => b.type === 'paragraph')
        .map((b, i) => [`p${i + 1}`, (b as { hash: string }).hash]),
    );
    const v = episodeView(
      book,
      withEnglish(cave, () => ({ translates: hashes })),
      'en',
    );
    assert.deepEqual(summary(v), ['p1:en:translated', 'p2:en:translated', 'p3:en:translated']);
    assert.equal(v.status, 'translated');
  });

  test('a stale fingerprint on the title makes the title outdated', () => {
    const v = episodeView(
      book,
      withEnglish(cave, (en) => ({ translates: { ...en.translates, title: 'deadbeef' } })),
      'en',
    );
    assert.equal(v.title.status, 'outdated');
    assert.equal(v.title.text, 'The Cellar');
    const ok = episodeView(
      book,
      withEnglish(cave, (en) => ({ translates: { ...en.translates, title: shortHash('La cave') } })),
      'en',
    );
    assert.equal(ok.title.status, 'translated');
  });
});

describe('no translation file', () => {
  const odd: Book = loadBook(join(BOOKS, 'odd', 'missing-translation'));
  const ep = odd.episodes[1]!;

  test('the episode is untranslated and every paragraph is shown in French', () => {
    assert.equal(ep.translations.en, undefined);
    const v = episodeView(odd, ep, 'en');
    assert.equal(v.lang, 'en');
    assert.equal(v.status, 'untranslated');
    assert.deepEqual(summary(v), ['p1:fr:untranslated', 'p2:fr:untranslated', 'p3:fr:untranslated']);
    assert.deepEqual(v.title, { text: 'Le grenier', lang: 'fr', status: 'untranslated' });
    assert.deepEqual(v.counts, { paragraphs: 3, untranslated: 3, outdated: 0 });
    assert.equal(paragraphs(v)[2]!.text, 'Elle l’ouvrit… et n’y trouva qu’un vieux carnet.');
  });

  test('the other episode is not affected', () => {
    assert.equal(episodeView(odd, odd.episodes[0]!, 'en').status, 'partial');
  });
});
