// Strips (issue 23): a panel of 2 or 3 frames, each with its own art, alt text and bubbles. The
// model's errors (exact messages), the views (frames in order, transcripts and search per frame),
// the stage (a beat per frame) and the translators' units, on a copy of the minimal book whose
// cellar panel is made a strip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBook } from '../../src/model/book.ts';
import { framesText } from '../../src/model/views/panel-text.ts';
import { episodeView } from '../../src/model/views/episode.ts';
import { episodeBeats, type BuildOptions } from '../../src/model/views/stage-show.ts';
import { episodeUnits } from '../../src/authoring/translation-units.ts';
import { stampPanels } from '../../src/authoring/stamp.ts';
import { exportTranslations } from '../../src/authoring/translations-export.ts';
import { importTranslations } from '../../src/authoring/translations-import.ts';
import { parsePo, writePo } from '../../src/authoring/po.ts';
import { shortHash } from '../../src/model/hash.ts';
import { EP1, messages, tempBook, type TempBook } from './helpers-temp-book.ts';

const PANELS = `${EP1}/panels.yaml`;
const OPTIONS: BuildOptions = {
  base: '/',
  images: { panels: {}, covers: {}, posters: {}, social: {} },
  episodeLabel: (n) => `Episode ${n}`,
};

/** A frame in panels.yaml (indented under frames:). */
const frame = (id: string, art: string, fr: string, en: string, bubble = '') => `      - id: ${id}
        art: ${art}
        alt:
          fr: ${fr}
          en: ${en}
${bubble}`;
const NOIR = `        bubbles:
          - id: noir
            kind: speech
            speaker: narrator
            box: { x: 10, y: 10, w: 120, h: 40 }
            tail: { x: 100, y: 120 }
            text:
              fr: Il fait noir !
              en: It's dark!
`;
const LUMIERE = `        bubbles:
          - id: lumiere
            kind: caption
            box: { x: 200, y: 150, w: 90, h: 40 }
            text:
              fr: Et la lumière fut.
              en: And there was light.
`;

/** The minimal book with its one panel made a strip of the given frames. */
function stripBook(t: Parameters<typeof tempBook>[0], frames: string[], extra = ''): TempBook {
  const b = tempBook(t);
  b.write(`${EP1}/art/cave-2.svg`, b.read(`${EP1}/art/cave.svg`));
  b.write(PANELS, `panels:\n  - id: cave\n${extra}    frames:\n${frames.join('')}`);
  return b;
}
const TWO = [
  frame('noir', 'art/cave.svg', 'Une cave sombre.', 'A dark cellar.', NOIR),
  frame('lumiere', 'art/cave-2.svg', 'La lampe s’allume.', 'The lamp comes on.', LUMIERE),
];

test('a strip loads: its frames in order, each with its own art, alt text and bubbles', (t) => {
  const b = stripBook(t, TWO);
  const book = loadBook(b.book);
  const panel = book.episodes[0]!.panels[0]!;
  assert.equal(panel.strip, true);
  assert.deepEqual(
    panel.frames.map((f) => [f.key, f.artPath, f.frame, f.bubbles.map((x) => x.id), f.width, f.height]),
    [
      ['cave.noir', `${EP1}/art/cave.svg`, 0, ['noir'], 300, 200],
      ['cave.lumiere', `${EP1}/art/cave-2.svg`, 1, ['lumiere'], 300, 200],
    ],
  );
  // Transcripts and search, frame by frame, in each language (with the language's typography).
  const fr = framesText(panel, 'fr', book.settings);
  assert.deepEqual(
    fr.map((f) => [f.alt.text, f.lines.map((l) => l.text)]),
    [
      ['Une cave sombre.', ['Il fait noir\u202f!']],
      ['La lampe s’allume.', ['Et la lumière fut.']],
    ],
  );
  const en = framesText(panel, 'en', book.settings);
  assert.deepEqual(
    en.map((f) => f.searchable),
    ['A dark cellar.\nIt’s dark!', 'The lamp comes on.\nAnd there was light.'],
  );
  // The episode places the strip as one panel block.
  const blocks = episodeView(book, book.episodes[0]!, 'en').blocks.filter((x) => x.type === 'panel');
  assert.equal(blocks.length, 1);
});

test('on stage, each frame is a beat; the prose after the strip is said on its last frame', (t) => {
  const b = stripBook(t, TWO);
  const book = loadBook(b.book);
  const beats = episodeBeats(book, book.episodes[0]!, 'fr', 0, OPTIONS);
  assert.deepEqual(
    beats.map((x) => [x.id, x.kind, x.panel, x.frame, x.image?.alt ?? null, x.script.length]),
    [
      ['1:opening', 'opening', undefined, undefined, null, 1],
      ['1:cave.noir', 'panel', 'cave', { n: 1, of: 2 }, null, 0],
      ['1:cave.lumiere', 'panel', 'cave', { n: 2, of: 2 }, null, 3],
    ],
  );
});

test('translators: a unit per frame text, and stamps under each frame', (t) => {
  const b = stripBook(t, TWO);
  let book = loadBook(b.book);
  const units = episodeUnits(book, book.episodes[0]!, 'en').filter((u) => u.id.startsWith('panel '));
  assert.deepEqual(
    units.map((u) => [u.id, u.place]),
    [
      ['panel cave/noir alt', { kind: 'alt', panel: 0, frame: 0 }],
      ['panel cave/noir noir', { kind: 'bubble', panel: 0, frame: 0, bubble: 0 }],
      ['panel cave/lumiere alt', { kind: 'alt', panel: 0, frame: 1 }],
      ['panel cave/lumiere lumiere', { kind: 'bubble', panel: 0, frame: 1, bubble: 0 }],
    ],
  );
  assert.equal(stampPanels(book, book.episodes[0]!, 'en').parts, 4);
  const yaml = readFileSync(join(b.book, PANELS), 'utf8');
  assert.ok(yaml.includes(`en: ${shortHash('La lampe s’allume.')}`), yaml);
  assert.ok(yaml.includes(`en: ${shortHash('Et la lumière fut.')}`), yaml);
  book = loadBook(b.book);
  const [, second] = framesText(book.episodes[0]!.panels[0]!, 'en', book.settings);
  assert.equal(second!.alt.status, 'translated');
});

test('a PO import writes a frame’s bubble under its frame, stamped', (t) => {
  const b = stripBook(t, TWO);
  const book = loadBook(b.book);
  const file = exportTranslations(book, 'en', [1]).find((f) => f.name.startsWith('1-'))!;
  const po = parsePo(file.text, file.name);
  const entry = po.entries.find((e) => e.id === 'panel cave/lumiere lumiere')!;
  assert.equal(entry.source, 'Et la lumière fut.');
  assert.ok(
    entry.notes.some((n) => n.includes('panel cave, frame 2 (lumiere), caption lumiere')),
    entry.notes.join('\n'),
  );
  entry.target = 'Let there be light.';
  const result = importTranslations(book, [{ file: file.name, text: writePo(po) }]);
  for (const w of result.writes) writeFileSync(join(b.book, w.file), w.text);
  const after = loadBook(b.book);
  const [first, second] = after.episodes[0]!.panels[0]!.frames;
  assert.equal(second!.bubbles[0]!.text.en, 'Let there be light.');
  assert.equal(second!.bubbles[0]!.translates?.en, shortHash('Et la lumière fut.'));
  assert.equal(first!.bubbles[0]!.text.en, "It's dark!", 'the other frame is left as it was');
});

test('what a strip refuses, with the line and what to write', (t) => {
  const cases: Array<{ frames: string[]; extra?: string; expect: string[] }> = [
    {
      frames: [TWO[0]!],
      expect: [
        `${PANELS}:3 (panels.cave.frames): a strip has 2 or 3 frames, read left to right; this one has 1. For one drawing, write art, alt and bubbles on the panel instead of frames.`,
      ],
    },
    {
      frames: [...TWO, frame('c', 'art/cave.svg', 'c', 'c'), frame('d', 'art/cave.svg', 'd', 'd')],
      expect: [
        `${PANELS}:3 (panels.cave.frames): a strip has 2 or 3 frames, read left to right; this one has 4. Make it two panels, or cut a frame.`,
      ],
    },
    {
      frames: [TWO[0]!, '      - id: lumiere\n        alt:\n          fr: La lampe.\n'],
      expect: [
        `${PANELS}:18 (panels.cave.frames.lumiere.art): frame "lumiere" has no art: write art: panels/cave-2.svg (the frame's drawing, relative to the episode folder).`,
      ],
    },
    {
      frames: [TWO[0]!, TWO[0]!],
      expect: [
        `${PANELS}:18 (panels.cave.frames.noir): frame id "noir" is used twice in this strip: give each frame its own id.`,
      ],
    },
    {
      frames: TWO,
      extra: '    art: art/cave.svg\n',
      expect: [
        `${PANELS}:3 (panels.cave.art): this panel has both "art" and "frames": a panel is one drawing (art) or a strip of 2 or 3 frames (frames), each frame with its own art. Remove one.`,
      ],
    },
    {
      frames: TWO,
      extra: '    alt:\n      fr: La cave.\n',
      expect: [
        `${PANELS}:3 (panels.cave.alt): a strip has no alt of its own: each frame has its own alt. Move it into the frame it belongs to.`,
      ],
    },
  ];
  for (const c of cases) {
    const b = stripBook(t, c.frames, c.extra);
    assert.deepEqual(messages(b.book), c.expect, JSON.stringify(messages(b.book)));
  }
  // Frames of different proportions cannot line up at one height.
  const b = stripBook(t, TWO);
  b.write(
    `${EP1}/art/cave-2.svg`,
    b
      .read(`${EP1}/art/cave.svg`)
      .replace('viewBox="0 0 300 200" width="300" height="200"', 'viewBox="0 0 300 300" width="300" height="300"'),
  );
  assert.deepEqual(messages(b.book), [
    `${PANELS}:19 (panels.cave.frames.lumiere.art): the frames of a strip have the same proportions, so that they line up at one height: ${EP1}/art/cave-2.svg is 300×300 but ${EP1}/art/cave.svg is 300×200. Give frame "lumiere" a viewBox of the same proportions.`,
  ]);
  // A panel with neither.
  const n = tempBook(t);
  n.edit(PANELS, '    art: art/cave.svg\n', '');
  assert.deepEqual(messages(n.book), [
    `${PANELS}:2 (panels.cave.art): this panel has no art: write art: panels/<file>.svg (one drawing), or frames: with 2 or 3 frames (a strip), each with its art.`,
  ]);
});
