// Interface strings (src/i18n/): every language has exactly the English keys, no empty text and
// the same {placeholders}; every language a book declares has strings.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { STRINGS, t, hasStrings, type StringKey } from '../../src/i18n/index.ts';
import { loadSettings, languageCodes } from '../../src/model/settings.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const MINIMAL = new URL('../fixtures/books/minimal', import.meta.url).pathname;

const en = STRINGS.en!;
const enKeys = Object.keys(en).sort();
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

test('English is there and is not empty', () => {
  assert.ok(en, 'STRINGS.en is missing');
  assert.ok(enKeys.length >= 20, `only ${enKeys.length} English keys`);
});

test('there is more than one language (the book is bilingual)', () => {
  assert.ok(Object.keys(STRINGS).length >= 2);
  assert.ok('fr' in STRINGS);
});

for (const [lang, strings] of Object.entries(STRINGS)) {
  describe(`"${lang}" strings`, () => {
    test('have exactly the keys of "en"', () => {
      const keys = Object.keys(strings).sort();
      assert.deepEqual(
        keys.filter((k) => !enKeys.includes(k)),
        [],
        'keys that English does not have',
      );
      assert.deepEqual(
        enKeys.filter((k) => !keys.includes(k)),
        [],
        'English keys missing here',
      );
    });

    test('have no empty string', () => {
      const empty = Object.entries(strings).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      assert.deepEqual(
        empty.map(([k]) => k),
        [],
      );
    });

    test('have the same {placeholders} as English, key by key', () => {
      const differ: string[] = [];
      for (const k of enKeys) {
        const mine = placeholders(strings[k as StringKey] ?? '');
        const theirs = placeholders(en[k as StringKey]);
        if (mine.join(',') !== theirs.join(','))
          differ.push(`${k}: {${mine.join('},{')}} instead of {${theirs.join('},{')}}`);
      }
      assert.deepEqual(differ, []);
    });

    test('use braces only for {placeholders}', () => {
      const stray = Object.entries(strings).filter(([, v]) => /[{}]/.test(v.replace(/\{\w+\}/g, '')));
      assert.deepEqual(
        stray.map(([k]) => k),
        [],
      );
    });

    test('name their own language ("lang.name")', () => {
      assert.ok(strings['lang.name'].trim().length > 1);
      if (lang !== 'en')
        assert.notEqual(strings['lang.name'], en['lang.name'], `"${lang}" calls itself "${en['lang.name']}"`);
    });
  });
}

test('every language of the sample book.yaml has interface strings', () => {
  const codes = languageCodes(loadSettings(ROOT));
  assert.deepEqual(codes.sort(), ['en', 'fr']);
  for (const code of codes) {
    assert.ok(code in STRINGS, `no interface strings for "${code}" (src/i18n/${code}.ts)`);
    assert.equal(hasStrings(code), true);
  }
});

test('every language of the minimal test book has interface strings', () => {
  for (const code of languageCodes(loadSettings(MINIMAL))) assert.equal(hasStrings(code), true, code);
});

describe('t()', () => {
  test('fills the placeholders', () => {
    assert.equal(t('en', 'episode.label', { number: 19, title: 'Gym' }), 'Episode 19: Gym');
    assert.equal(t('fr', 'episode.number', { number: 20 }), 'Épisode 20');
  });

  test('leaves a placeholder without a value visible rather than printing "undefined"', () => {
    assert.equal(t('en', 'episode.label', { number: 19 }), 'Episode 19: {title}');
  });

  test('uses the base language for a regional code and English for an unknown one', () => {
    assert.equal(t('fr-CA', 'nav.home'), STRINGS.fr!['nav.home']);
    assert.equal(t('xx', 'nav.home'), en['nav.home']);
  });

  test('the typeset string is kept per language and key, the placeholders filled on every call', () => {
    // t() keeps each string's typography after the first call (issue 27): what it keeps must be
    // the string before its values, and per language.
    assert.equal(t('fr', 'episode.number', { number: 1 }), 'Épisode 1');
    assert.equal(t('fr', 'episode.number', { number: 2 }), 'Épisode 2');
    assert.equal(t('en', 'episode.number', { number: 2 }), 'Episode 2');
    assert.equal(t('xx', 'nav.home'), en['nav.home']);
    assert.equal(t('fr-CA', 'nav.home'), t('fr', 'nav.home'));
    // French typography (a narrow no-break space before ?) applied to the kept French string only.
    const fr = Object.entries(STRINGS.fr!).find(([, v]) => / \?/.test(v) && !/\{/.test(v));
    if (fr) {
      assert.match(t('fr', fr[0] as StringKey), /\u202F\?/);
      assert.match(t('fr', fr[0] as StringKey), /\u202F\?/);
    }
  });

  test('hasStrings is true for the languages of STRINGS only', () => {
    assert.equal(hasStrings('fr'), true);
    assert.equal(hasStrings('en'), true);
    assert.equal(hasStrings('de'), false);
  });
});
