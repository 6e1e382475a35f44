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

/** The words of one image: a whole panel, or one frame of a strip. */
export function panelText(panel: PanelArt, lang: string, settings: Settings): PanelText {
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
