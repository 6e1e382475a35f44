// The words of a panel in one language: alt text, transcript lines, searchable text. The same
// fallback rule as the prose: a bubble without a translation shows the original.
import type { Settings } from '../settings.ts';
import { pick } from '../settings.ts';
import { typographize } from '../../shared/typography.ts';
import { shortHash } from '../hash.ts';
import type { PanelDef } from '../panels.ts';
import type { PartStatus } from './episode.ts';

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

function resolve(
  value: Record<string, string>,
  lang: string,
  settings: Settings,
  stamp: string | undefined,
): { text: string; lang: string; status: PartStatus } {
  const original = value[settings.original] ?? '';
  if (lang === settings.original) return { text: typographize(original, lang), lang, status: 'original' };
  const own = value[lang]?.trim();
  if (!own) return { text: typographize(original, settings.original), lang: settings.original, status: 'untranslated' };
  const status: PartStatus = stamp !== undefined && stamp !== shortHash(original) ? 'outdated' : 'translated';
  return { text: typographize(own, lang), lang, status };
}

export function panelText(panel: PanelDef, lang: string, settings: Settings): PanelText {
  const alt = resolve(panel.alt, lang, settings, panel.translates?.[lang]);
  const lines: PanelLine[] = panel.bubbles.map((b) => {
    const r = resolve(b.text, lang, settings, b.translates?.[lang]);
    const speaker = b.speaker ? pick(settings.characters[b.speaker], lang, settings) || b.speaker : undefined;
    return { bubbleId: b.id, kind: b.kind, speaker, ...r };
  });
  return { alt, lines, searchable: [alt.text, ...lines.map((l) => l.text)].join('\n') };
}
