// One episode as shown in one language: the single model every output renders (site page,
// print edition, EPUB chapter, search record, stage script). It pairs each part of the original
// with its translation, falls back to the original where there is none, and applies typography.
import type { Book, Episode } from '../book.ts';
import type { Block } from '../episode/blocks.ts';
import { shown, type Resolved } from './resolve.ts';
import { typographize } from '../../shared/typography.ts';
import type { TalkExcerpt } from '../talk.ts';
import { embedUrl, watchUrl } from '../../shared/talk/address.ts';
import { formatClock, formatLength } from '../../shared/talk/time.ts';
import type { PanelDef } from '../schemas/panels.ts';
import { type Inline, type PartStatus, inlineText } from '../../shared/text.ts';
import { structural, unitIds } from '../episode/units.ts';
import { anchorHeadings, textBlockView, type TextViewBlock } from './text-blocks.ts';
import { typographizeInlines } from './typeset.ts';

export { typographizeInlines };
export type { TextViewBlock, ViewList, ViewListItem } from './text-blocks.ts';

/** A part as shown: its text, typeset, in the language it is in. */
export type Shown = Resolved;

export type ViewBlock =
  | {
      type: 'paragraph';
      id: string;
      lang: string;
      status: PartStatus;
      inlines: Inline[];
      text: string;
      /** The placeholder new-episode wrote (only in a --drafts build). */
      placeholder?: boolean;
    }
  | TextViewBlock
  | { type: 'panel'; id: string; panel: PanelDef | undefined }
  | { type: 'talk'; excerpt?: TalkView }
  | { type: 'note'; text: string; lang: string };

/** One copy of the video, as the player loads it. */
export interface TalkSourceView {
  origin: string;
  host: string;
  /** How the instance is named to readers: its name, and its host when they differ. */
  instanceLabel: string;
  privacy: string;
  /** The embed with the excerpt's settings and the reader's caption track (loaded only on request). */
  embedUrl: string;
  /** Added to a time of the first copy to get the same moment in this one. */
  offset: number;
}

/** A line of the excerpt's transcript. */
export interface TranscriptLine {
  time: number;
  clock: string;
  /** The video's page at that moment (the link that works without JavaScript). */
  watchUrl: string;
  text: string;
  voice?: string;
}

/** The talk excerpt as one language shows it. */
export interface TalkView {
  title: { text: string; lang: string };
  start: number;
  end: number;
  /** "2 min 35 s", in the page's language. */
  lengthText: string;
  /** The video's page on its instance, at the excerpt's start (the link that works without JavaScript). */
  watchUrl: string;
  /** The whole talk on its instance, from the excerpt's start on: leaving the excerpt on purpose. */
  wholeUrl: string;
  /** The embed with the excerpt's settings (loaded only when the reader asks for it). */
  embedUrl: string;
  origin: string;
  host: string;
  /** How the instance is named to readers: its name, and its host when they differ. */
  instanceLabel: string;
  privacy: string;
  /** Every copy, the first one first: the player offers the next when one does not answer. */
  sources: TalkSourceView[];
  /** The caption track selected for this language (its id on the instance), if the instance has one. */
  caption?: string;
  /** The excerpt's lines from the shipped WebVTT: this language's, else the original's. */
  transcript?: { lang: string; lines: TranscriptLine[] };
  download?: string;
  cues: Array<{ panel: string; time: number; clock: string; watchUrl: string }>;
}

/** The WebVTT lines of the excerpt for `lang`: its own file, else the original's (marked with its language). */
export function transcriptOf(talk: TalkExcerpt, lang: string, originalLang: string): TalkView['transcript'] {
  const pick = talk.captions[lang]?.cues ? lang : talk.captions[originalLang]?.cues ? originalLang : undefined;
  if (!pick) return undefined;
  return {
    lang: pick,
    lines: talk.captions[pick]!.cues!.map((c) => ({
      time: Math.max(c.start, talk.start),
      clock: formatClock(Math.max(c.start, talk.start)),
      watchUrl: watchUrl(talk.video, Math.floor(Math.max(c.start, talk.start)), talk.end),
      text: c.text,
      ...(c.voice ? { voice: c.voice } : {}),
    })),
  };
}

export function talkView(talk: TalkExcerpt, lang: string, originalLang: string): TalkView {
  const { text, lang: titleLang } = shown(talk.title, lang, originalLang);
  const title = { text, lang: titleLang };
  const caption = talk.captions[lang]?.track;
  const label = (i: TalkExcerpt['instance']) => (i.name === i.host ? i.host : `${i.name} (${i.host})`);
  const sources: TalkSourceView[] = talk.sources.map((s) => ({
    origin: s.instance.origin,
    host: s.instance.host,
    instanceLabel: label(s.instance),
    privacy: s.instance.privacy,
    embedUrl: embedUrl(s.video, { start: s.start, stop: s.end, ...(caption ? { subtitle: caption } : {}) }),
    offset: s.start - talk.start,
  }));
  const first = sources[0]!;
  const transcript = transcriptOf(talk, lang, originalLang);
  return {
    title,
    start: talk.start,
    end: talk.end,
    lengthText: formatLength(talk.end - talk.start, lang),
    watchUrl: watchUrl(talk.video, talk.start, talk.end),
    wholeUrl: watchUrl(talk.video, talk.start),
    embedUrl: first.embedUrl,
    origin: first.origin,
    host: first.host,
    instanceLabel: first.instanceLabel,
    privacy: first.privacy,
    sources,
    ...(caption ? { caption } : {}),
    ...(transcript ? { transcript } : {}),
    ...(talk.download ? { download: talk.download } : {}),
    cues: talk.cues.map((c) => ({
      ...c,
      clock: formatClock(c.time),
      watchUrl: watchUrl(talk.video, c.time, talk.end),
    })),
  };
}

export interface EpisodeView {
  lang: string;
  number: number;
  slug: string;
  title: Shown;
  summary: Shown;
  blocks: ViewBlock[];
  /** The talk excerpt, when the episode has one (its place is the 'talk' block). */
  talk?: TalkView;
  /** Episode-level status: the whole episode is untranslated, or partly, or fully translated. */
  status: 'original' | 'translated' | 'partial' | 'untranslated';
  /** `paragraphs` counts every prose part: paragraphs, headings, list items and figure texts. */
  counts: { paragraphs: number; untranslated: number; outdated: number };
  /** The episode's headings, in order (its contents, the EPUB's and the PDF's outline under it). */
  sections: Array<{ id: string; anchor: string; depth: 2 | 3; text: string; lang: string }>;
  /** Built with --drafts: not ready, marked as a draft and left out of feeds and the sitemap. */
  draft: boolean;
}

export function paragraphIds(blocks: Block[]): string[] {
  let n = 0;
  return blocks.map((b) => (b.type === 'paragraph' ? `p${++n}` : ''));
}

/** Views made once per episode and language: every page, output and stage screen asks for the same ones. */
const made = new WeakMap<Episode, Map<string, EpisodeView>>();

/** The episode in `lang`. Views are shared: treat them as read-only. */
export function episodeView(book: Book, episode: Episode, lang: string): EpisodeView {
  let byLang = made.get(episode);
  if (!byLang) {
    byLang = new Map();
    made.set(episode, byLang);
  }
  let view = byLang.get(lang);
  if (!view) {
    view = makeEpisodeView(book, episode, lang);
    byLang.set(lang, view);
  }
  return view;
}

function makeEpisodeView(book: Book, episode: Episode, lang: string): EpisodeView {
  const originalLang = book.settings.original;
  const isOriginal = lang === originalLang;
  const t = isOriginal ? undefined : episode.translations[lang];
  const stamps = t?.translates;
  // The original's text and the translation's, by language (one entry when `lang` is the original).
  const texts = (original: string, translated: string | undefined) => ({
    [lang]: translated,
    [originalLang]: original,
  });
  const title = shown(texts(episode.original.title, t?.title), lang, originalLang, stamps?.title);
  const summary = shown(texts(episode.original.summary, t?.summary), lang, originalLang, stamps?.summary);
  const tBlocks = t ? structural(t.blocks) : [];
  const ids = unitIds(episode.original.blocks);
  const panels = new Map(episode.panels.map((p) => [p.id, p]));
  const blocks: ViewBlock[] = [];
  let k = 0; // index into the translation's structural blocks
  const counts = { paragraphs: 0, untranslated: 0, outdated: 0 };
  const pairing = {
    lang,
    originalLang,
    isOriginal,
    stamps,
    counts: { parts: 0, untranslated: 0, outdated: 0 },
  };
  const talk = episode.talk ? talkView(episode.talk, lang, originalLang) : undefined;
  episode.original.blocks.forEach((b, i) => {
    if (b.type === 'note') {
      blocks.push({ type: 'note', text: typographize(b.text, originalLang), lang: originalLang });
      return;
    }
    const tb = tBlocks[k++];
    if (b.type === 'paragraph') {
      counts.paragraphs++;
      const id = ids[i]!.id;
      const placeholder = b.placeholder || (tb?.type === 'paragraph' && tb.placeholder) ? { placeholder: true } : {};
      if (isOriginal) {
        blocks.push({
          type: 'paragraph',
          id,
          lang,
          status: 'original',
          inlines: typographizeInlines(b.inlines, lang),
          text: typographize(inlineText(b.inlines), lang),
          ...placeholder,
        });
      } else if (tb?.type === 'paragraph') {
        const stamp = stamps?.[id];
        const status: PartStatus = stamp !== undefined && stamp !== b.hash ? 'outdated' : 'translated';
        if (status === 'outdated') counts.outdated++;
        blocks.push({
          type: 'paragraph',
          id,
          lang,
          status,
          inlines: typographizeInlines(tb.inlines, lang),
          text: typographize(inlineText(tb.inlines), lang),
          ...placeholder,
        });
      } else {
        counts.untranslated++;
        blocks.push({
          type: 'paragraph',
          id,
          lang: originalLang,
          status: 'untranslated',
          inlines: typographizeInlines(b.inlines, originalLang),
          text: typographize(inlineText(b.inlines), originalLang),
          ...placeholder,
        });
      }
    } else if (b.type === 'heading' || b.type === 'list' || b.type === 'figure') {
      blocks.push(textBlockView(pairing, b, tb, ids[i]!, episode.dir));
    } else if (b.type === 'panel') {
      blocks.push({ type: 'panel', id: b.id, panel: panels.get(b.id) });
    } else if (b.type === 'talk') {
      blocks.push(talk ? { type: 'talk', excerpt: talk } : { type: 'talk' });
    }
  });
  anchorHeadings(blocks);
  counts.paragraphs += pairing.counts.parts;
  counts.untranslated += pairing.counts.untranslated;
  counts.outdated += pairing.counts.outdated;
  const sections = blocks.flatMap((b) =>
    b.type === 'heading' ? [{ id: b.id, anchor: b.anchor, depth: b.depth, text: b.text, lang: b.lang }] : [],
  );
  const status: EpisodeView['status'] = isOriginal
    ? 'original'
    : !t
      ? 'untranslated'
      : counts.untranslated === counts.paragraphs
        ? 'untranslated'
        : counts.untranslated || counts.outdated || title.status !== 'translated'
          ? 'partial'
          : 'translated';
  return {
    lang,
    number: episode.number,
    slug: episode.slug,
    title,
    summary,
    blocks,
    ...(talk ? { talk } : {}),
    status,
    counts,
    sections,
    draft: episode.draft,
  };
}
