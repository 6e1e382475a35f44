// The words of a panel in one language: alt text, transcript lines, searchable text. The same
// fallback rule as the prose: a bubble without a translation shows the original. A strip's words
// are its frames', frame by frame (framesText).
import { pick } from '../settings.ts';
import { shown } from './resolve.ts';
import type { Settings } from '../schemas/settings.ts';
import type { PanelArt, PanelDef } from '../schemas/panels.ts';
import type { PartStatus } from '../../shared/text.ts';

export interface PanelLine {
  bubbleId: string;
  kind: 'speech' | 'thought' | 'caption';
  speaker: string | undefined;
  text: string;
  lang: string;
  status: PartStatus;
}

export interface PanelText {
  alt: { text: string; lang: string; status: PartStatus };
  lines: PanelLine[];
  /** Everything a reader can read in the panel, for search. */
  searchable: string;
}

/**
 * The words already worked out, per book (its settings), image and language. The site asks for the
 * same image's words on its episode page, in the print edition, on the stage screens and for the
 * link preview (bench:astro's profile: 0.2 s of a 200-episode build); a loaded book is never changed
 * afterwards (`npm run dev` loads a new one, with new objects), so the words stay right. Frozen: they
 * are shared by every caller.
 */
const memo = new WeakMap<Settings, WeakMap<PanelArt, Map<string, PanelText>>>();

/** The words of one image: a whole panel, or one frame of a strip. */
export function panelText(panel: PanelArt, lang: string, settings: Settings): PanelText {
  let byArt = memo.get(settings);
  if (!byArt) {
    byArt = new WeakMap();
    memo.set(settings, byArt);
  }
  let byLang = byArt.get(panel);
  if (!byLang) {
    byLang = new Map();
    byArt.set(panel, byLang);
  }
  let text = byLang.get(lang);
  if (!text) {
    text = freezeText(wordsOf(panel, lang, settings));
    byLang.set(lang, text);
  }
  return text;
}

function freezeText(text: PanelText): PanelText {
  Object.freeze(text.alt);
  for (const line of text.lines) Object.freeze(line);
  Object.freeze(text.lines);
  return Object.freeze(text);
}

function wordsOf(panel: PanelArt, lang: string, settings: Settings): PanelText {
  const alt = shown(panel.alt, lang, settings.original, panel.translates?.[lang]);
  const lines: PanelLine[] = panel.bubbles.map((b) => {
    const r = shown(b.text, lang, settings.original, b.translates?.[lang]);
    const speaker = b.speaker ? pick(settings.characters[b.speaker], lang, settings) || b.speaker : undefined;
    return { bubbleId: b.id, kind: b.kind, speaker, ...r };
  });
  return { alt, lines, searchable: [alt.text, ...lines.map((l) => l.text)].join('\n') };
}

/** One frame's words (a plain panel is one frame), with the image they belong to. */
export interface FrameText extends PanelText {
  art: PanelArt;
}

/** A panel's words image by image, in reading order: each frame of a strip, or the panel. */
export function framesText(panel: PanelDef, lang: string, settings: Settings): FrameText[] {
  return panel.frames.map((art) => ({ art, ...panelText(art, lang, settings) }));
}
