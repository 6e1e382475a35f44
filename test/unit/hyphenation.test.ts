// Hyphenation of the print edition (src/outputs/hyphenation/): where soft hyphens go in a word,
// and where they never go in a page (addresses, headings, names marked as such).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasPatterns, hyphenator, parseExceptions, SHY } from '../../src/outputs/hyphenation/hyphenate.ts';
import { hyphenateHtml } from '../../src/outputs/hyphenation/html.ts';

const pieces = (w: string) => w.split(SHY);
const WORDS = {
  fr: ['anthropologie', 'socialement', 'acceptable', 'cosmétiques', 'industries', 'commerce', 'hôtesse', 'aérien'],
  en: ['anthropology', 'beautiful', 'bastardry', 'hyphenation', 'everything', 'numbers', 'staple', 'daily'],
};

for (const [lang, words] of Object.entries(WORDS)) {
  test(`${lang}: words break, with at least two letters before a break and three after`, () => {
    const h = hyphenator(lang);
    let breaks = 0;
    for (const w of words) {
      const out = h(w);
      assert.equal(out.replaceAll(SHY, ''), w, 'only soft hyphens are added');
      const p = pieces(out);
      breaks += p.length - 1;
      assert.ok([...p[0]!].length >= 2, `${out}: fewer than 2 letters before the first break`);
      assert.ok([...p.at(-1)!].length >= 3, `${out}: fewer than 3 letters after the last break`);
    }
    assert.ok(breaks >= words.length, `only ${breaks} breaks in ${words.length} long words`);
  });
}

test('no break in short words, in capitalised words (names), nor without patterns', () => {
  const fr = hyphenator('fr');
  assert.equal(fr('dame'), 'dame');
  assert.equal(fr('Sociologie'), 'Sociologie');
  assert.equal(fr('GOOGLE'), 'GOOGLE');
  assert.ok(fr('sociologie').includes(SHY));
  assert.equal(hasPatterns('fr'), true);
  assert.equal(hasPatterns('tlh'), false);
  assert.equal(hyphenator('tlh')('anthropologie'), 'anthropologie');
});

test('a text already hyphenated by hand is left as it is', () => {
  const text = `an${SHY}thropologie et sociologie`;
  assert.equal(hyphenator('fr')(text), text);
});

test('exceptions: a word breaks only where its entry has hyphens, never when it has none', () => {
  assert.deepEqual(
    [...parseExceptions(['Pou-hiou', 'con-nard-esque', 'sociologie'])],
    [
      ['pouhiou', [3]],
      ['connardesque', [3, 7]],
      ['sociologie', []],
    ],
  );
  const h = hyphenator('fr', ['Pou-hiou', 'sociologie']);
  assert.equal(h('Pouhiou'), `Pou${SHY}hiou`);
  assert.equal(h('sociologie'), 'sociologie');
  // Even an exception never leaves a single letter on one side.
  assert.equal(hyphenator('fr', ['a-bandon'])('abandon').split(SHY)[0]!.length >= 2, true);
});

const page = (body: string) =>
  `<!doctype html><html lang="fr"><head><title>t</title></head><body>${body}</body></html>`;

test('a page: words of the text break; addresses, headings and marked names never do', () => {
  const { html, breaks } = hyphenateHtml(
    page(
      '<h2>Anthropologie</h2><p>Voir https://framasoft.org/anthropologie-sociologie et www.exemple.org/sociologie, ' +
        'écrire à contact@anthropologie.org ; <a href="https://x.org">https://x.org/anthropologie</a> ' +
        '<span data-hyphens="none">anthropologie</span> <span translate="no">sociologie</span> anthropologie</p>',
    ),
  );
  assert.ok(breaks > 0);
  assert.match(html, /<h2>Anthropologie<\/h2>/);
  assert.match(html, /https:\/\/framasoft\.org\/anthropologie-sociologie /);
  assert.match(html, /www\.exemple\.org\/sociologie,/);
  assert.match(html, /contact@anthropologie\.org/);
  assert.match(html, />https:\/\/x\.org\/anthropologie<\/a>/);
  assert.match(html, /<span data-hyphens="none">anthropologie<\/span>/);
  assert.match(html, /<span translate="no">sociologie<\/span>/);
  assert.match(html, new RegExp(` an${SHY}?thro${SHY}?po${SHY}?lo${SHY}?gie</p>`));
  assert.ok(/ [^ <]*\u00AD[^ <]*<\/p>/.test(html), 'the last, plain word is hyphenated');
});

test('a page: each text in the language of its element', () => {
  const { html } = hyphenateHtml(
    page('<p>sociologie <span lang="en">hyphenation</span> <span lang="tlh">qapla’qapla’</span></p>'),
  );
  assert.ok(/<p>[^<]*\u00AD/.test(html), 'French hyphenated');
  assert.match(html, /<span lang="en">[^<]*\u00AD[^<]*<\/span>/);
  assert.match(html, /<span lang="tlh">qapla’qapla’<\/span>/);
});
