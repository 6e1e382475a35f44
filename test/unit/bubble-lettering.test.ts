// The sample's lettering, inline: every bubble's text, as laid out for the build, is at least the
// minimum size, so that a panel as wide as a 360 px phone screen shows it at ≥ 11 CSS px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBook } from '../../src/model/book.ts';
import { languageCodes } from '../../src/model/settings.ts';
import { panelText } from '../../src/model/views/panel-text.ts';
import { BUBBLE_FONT } from '../../src/images/render.ts';
import { setBubbleText, sizeLimits } from '../../src/images/bubbles.ts';
import { loadFont } from '../../src/images/text-layout.ts';

const PHONE = 360;

test('every sample bubble is lettered at ≥ the minimum size: ≥ 11 CSS px with the panel 360 px wide', (t) => {
  const book = loadBook('.');
  const font = loadFont(BUBBLE_FONT);
  const smallest = new Map<string, { css: number; where: string }>();
  for (const e of book.episodes)
    for (const panel of e.panels.flatMap((p) => p.frames))
      for (const lang of languageCodes(book.settings)) {
        const text = panelText(panel, lang, book.settings);
        panel.bubbles.forEach((b, i) => {
          const set = setBubbleText(b, text.lines[i]!.text, font, { artWidth: panel.width });
          const where = `episode ${e.number}, panel ${panel.id}, bubble ${b.id}, ${lang}`;
          assert.ok(set, `${where}: does not fit`);
          assert.ok(set.size >= sizeLimits(panel.width).minSize, `${where}: ${set.size} units`);
          const css = (set.size * PHONE) / panel.width;
          assert.ok(css >= 11, `${where}: ${css.toFixed(1)} CSS px at ${PHONE} px`);
          const s = smallest.get(lang);
          if (!s || css < s.css) smallest.set(lang, { css, where });
        });
      }
  for (const [lang, s] of smallest) t.diagnostic(`smallest ${lang}: ${s.css.toFixed(1)} CSS px (${s.where})`);
});
