// The words of a panel in one language: alt text, transcript lines, searchable text. The same
// fallback rule as the prose: a bubble without a translation shows the original.
import { pick } from '../settings.ts';
import { shown } from './resolve.ts';
import type { Settings } from '../schemas/settings.ts';
import type { PanelDef } from '../schemas/panels.ts';
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

export function panelText(panel: PanelDef, lang: string, settings: Settings): PanelText {
  const alt = shown(panel.alt, lang, settings.original, panel.translates?.[lang]);
  const lines: PanelLine[] = panel.bubbles.map((b) => {
    const r = shown(b.text, lang, settings.original, b.translates?.[lang]);
    const speaker = b.speaker ? pick(settings.characters[b.speaker], lang, settings) || b.speaker : undefined;
    return { bubbleId: b.id, kind: b.kind, speaker, ...r };
  });
  return { alt, lines, searchable: [alt.text, ...lines.map((l) => l.text)].join('\n') };
}
