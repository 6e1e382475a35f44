// Translation status: for every language and episode, which parts (title, summary, paragraphs,
// panel alt texts and bubbles) are translated, untranslated, or outdated (the original changed
// after the translation was made, detected by the fingerprint each translation records).
import type { Book, Episode } from '../model/book.ts';
import { episodeView, type ViewList } from '../model/views/episode.ts';
import { panelText } from '../model/views/panel-text.ts';
import { languageCodes } from '../model/settings.ts';
import type { PartStatus } from '../shared/text.ts';

export interface PartState {
  /** "title", "summary", "p3", "h1", "i4", "f1.alt", "panel maze (alt)", "panel maze, bubble b1" */
  part: string;
  status: PartStatus;
}

export interface EpisodeStatus {
  number: number;
  slug: string;
  file: string;
  parts: PartState[];
  counts: Record<'translated' | 'untranslated' | 'outdated', number>;
  paragraphs: Record<'translated' | 'untranslated' | 'outdated', number>;
  panelTexts: Record<'translated' | 'untranslated' | 'outdated', number>;
}

export interface LanguageStatus {
  lang: string;
  episodes: EpisodeStatus[];
  totals: Record<'translated' | 'untranslated' | 'outdated', number>;
}

const zero = () => ({ translated: 0, untranslated: 0, outdated: 0 });

export function episodeStatus(book: Book, episode: Episode, lang: string): EpisodeStatus {
  const view = episodeView(book, episode, lang);
  const parts: PartState[] = [
    { part: 'title', status: view.title.status },
    ...(episode.original.summary ? [{ part: 'summary', status: view.summary.status }] : []),
  ];
  const paragraphs = zero();
  const panelTexts = zero();
  const prose = (part: string, status: PartStatus) => {
    parts.push({ part, status });
    if (status !== 'original') paragraphs[status]++;
  };
  const items = (list: ViewList) => {
    for (const i of list.items) {
      prose(i.id, i.status);
      if (i.list) items(i.list);
    }
  };
  // Every prose unit counts as a paragraph does: headings, list items, figure texts (ids: units.ts).
  for (const b of view.blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') prose(b.id, b.status);
    else if (b.type === 'list') items(b);
    else if (b.type === 'figure') {
      if (b.alt.text) prose(`${b.id}.alt`, b.alt.status);
      if (b.caption) prose(`${b.id}.caption`, b.caption.status);
      if (b.credit) prose(`${b.id}.credit`, b.credit.status);
    }
  }
  for (const panel of episode.panels)
    for (const p of panel.frames) {
      const name = panel.strip ? `panel ${panel.id}, frame ${p.id}` : `panel ${panel.id}`;
      const text = panelText(p, lang, book.settings);
      parts.push({ part: `${name} (alt)`, status: text.alt.status });
      if (text.alt.status !== 'original') panelTexts[text.alt.status]++;
      for (const l of text.lines) {
        parts.push({ part: `${name}, bubble ${l.bubbleId}`, status: l.status });
        if (l.status !== 'original') panelTexts[l.status]++;
      }
    }
  const counts = zero();
  for (const p of parts) if (p.status !== 'original') counts[p.status]++;
  return {
    number: episode.number,
    slug: episode.slug,
    file: episode.translations[lang]?.file ?? `${episode.dir}/${lang}.mdx`,
    parts,
    counts,
    paragraphs,
    panelTexts,
  };
}

/** The status of every translated language (the original is not listed). */
export function translationStatus(book: Book): LanguageStatus[] {
  return languageCodes(book.settings)
    .filter((l) => l !== book.settings.original)
    .map((lang) => {
      const episodes = book.episodes.map((e) => episodeStatus(book, e, lang));
      const totals = zero();
      for (const e of episodes)
        for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += e.counts[k];
      return { lang, episodes, totals };
    });
}

/** Every untranslated or outdated part, as problems for `npm run build -- --strict`. */
export function strictProblems(book: Book): Array<{ file: string; message: string }> {
  return translationStatus(book).flatMap((l) =>
    l.episodes.flatMap((e) =>
      e.parts
        .filter((p) => p.status === 'untranslated' || p.status === 'outdated')
        .map((p) => ({
          file: p.part.startsWith('panel')
            ? `${book.episodes.find((x) => x.slug === e.slug)!.dir}/panels.yaml`
            : e.file,
          message: `${l.lang}: ${p.part} is ${p.status === 'outdated' ? 'outdated (the original changed since it was translated)' : 'not translated'}.`,
        })),
    ),
  );
}

/** A plain-text table per language, for the terminal. */
export function formatStatus(status: LanguageStatus[]): string {
  const out: string[] = [];
  for (const l of status) {
    out.push(
      `\n${l.lang}: ${l.totals.translated} translated, ${l.totals.untranslated} untranslated, ${l.totals.outdated} outdated`,
    );
    const rows = [['episode', 'paragraphs ✓/✗/≠', 'panel texts ✓/✗/≠', 'state']];
    for (const e of l.episodes) {
      const state =
        e.counts.untranslated === 0 && e.counts.outdated === 0
          ? 'done'
          : e.counts.translated === 0
            ? 'not started'
            : e.counts.outdated
              ? 'outdated parts'
              : 'partial';
      rows.push([
        `${e.number} ${e.slug}`,
        `${e.paragraphs.translated}/${e.paragraphs.untranslated}/${e.paragraphs.outdated}`,
        `${e.panelTexts.translated}/${e.panelTexts.untranslated}/${e.panelTexts.outdated}`,
        state,
      ]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) out.push(`  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`);
    const todo = l.episodes.flatMap((e) =>
      e.parts
        .filter((p) => p.status === 'untranslated' || p.status === 'outdated')
        .map((p) => `    ${e.number} ${p.part}: ${p.status}`),
    );
    if (todo.length) out.push('  to do:', ...todo);
  }
  out.push('\n✓ translated  ✗ untranslated  ≠ outdated (the original changed since)');
  return out.join('\n');
}
