// panelText is worked out once per book, image and language (issue 27: the site asks for the same
// words on the episode page, the print edition, the stage screens and the link preview), and the
// shared result is frozen so that no caller can change what the others get.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBook } from '../../src/model/book.ts';
import { framesText, panelText } from '../../src/model/views/panel-text.ts';

const book = loadBook('.');
const panel = book.episodes.flatMap((e) => e.panels).find((p) => p.frames[0]!.bubbles.length > 0)!;
const art = panel.frames[0]!;

test('the words of an image are worked out once per book and language, and shared', () => {
  const fr = panelText(art, 'fr', book.settings);
  assert.equal(panelText(art, 'fr', book.settings), fr, 'the same object for the same image and language');
  assert.equal(framesText(panel, 'fr', book.settings)[0]!.alt, fr.alt, 'framesText shares them');
  const en = panelText(art, 'en', book.settings);
  assert.notEqual(en, fr);
  assert.equal(en.alt.lang, 'en');
  assert.equal(fr.alt.lang, 'fr');
  assert.ok(fr.alt.text.length > 0);
});

test('a book loaded again (npm run dev after an edit) gets its own words, the same in value', () => {
  const again = loadBook('.');
  const art2 = again.episodes.flatMap((e) => e.panels).find((p) => p.id === panel.id)!.frames[0]!;
  const fresh = panelText(art2, 'fr', again.settings);
  assert.notEqual(fresh, panelText(art, 'fr', book.settings));
  assert.deepEqual(fresh, panelText(art, 'fr', book.settings));
});

test('the shared words cannot be changed by a caller', () => {
  const text = panelText(art, 'en', book.settings);
  assert.throws(() => {
    (text.alt as { text: string }).text = 'changed';
  }, TypeError);
  assert.throws(() => {
    (text.lines as unknown[]).push('x');
  }, TypeError);
  assert.throws(() => {
    (text.lines[0] as { text: string }).text = 'changed';
  }, TypeError);
});
