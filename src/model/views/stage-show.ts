// The stage script: a show cut into beats. Each panel, figure and section (## heading) starts a
// beat; the beat's script is the prose that follows it until the next one (list items are said
// like paragraphs, after their bullet or number; ### headings are shown in the script). Prose before an episode's first panel is an
// opening beat whose audience image is the episode's title card. Stage notes belong to the beat
// they are written in; a <Talk /> marker makes its beat cue the talk excerpt.
//
// Everything here is built from episodeView() — the same model as the site, the print edition
// and the EPUB — and is plain data (JSON) that the stage pages hand to the browser.
import type { Book, Episode } from '../book.ts';
import { episodeView, type EpisodeView, type ViewList, type ViewListItem } from './episode.ts';
import { typographize } from '../../shared/typography.ts';
import { panelText } from './panel-text.ts';
import { displayVariants, type ImageManifest, type PanelImage } from '../image-manifest.ts';
import { joinBase, routes } from '../../shared/addresses.ts';
import { languageCodes, pick } from '../settings.ts';
import { cutCards } from '../../shared/stage/surtitles.ts';
import { resolveShows, type ShowDef } from '../shows.ts';
import { inlineText } from '../../shared/text.ts';
import { watchUrl } from '../../shared/talk/address.ts';
import {
  SHOW_DATA_VERSION,
  type Beat,
  type ScriptItem,
  type ShowData,
  type ShowEpisodeData,
  type StageImage,
  type TalkCue,
} from '../../shared/stage/show-data.ts';

export interface BuildOptions {
  base: string;
  images: ImageManifest;
  /** The PeerTube excerpt of an episode; by default the episode's own talk.yaml (talkCue below). */
  talk?: (episode: Episode) => TalkCue['peertube'] | undefined;
  /** "Episode {number}" in the show's language. */
  episodeLabel: (n: number) => string;
}

/** The episode's excerpt, as the audience screen cues it: the video, where it starts and stops. */
export function talkCue(episode: Episode): TalkCue['peertube'] | undefined {
  const talk = episode.talk;
  if (!talk) return undefined;
  // The shipped WebVTT lines of the excerpt, by language: the surtitles while it plays.
  const captions = Object.fromEntries(
    Object.entries(talk.captions).flatMap(([lang, c]) =>
      c.cues ? [[lang, c.cues.map((q) => ({ start: q.start, end: q.end, text: q.text }))]] : [],
    ),
  );
  return {
    url: watchUrl(talk.video),
    start: talk.start,
    stop: talk.end,
    ...(Object.keys(captions).length ? { captions } : {}),
  };
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The prose units of a list, in reading order, with the bullet or number each is said after. */
function listItems(list: ViewList, depth = 0): Array<{ item: ViewListItem; mark: string }> {
  return list.items.flatMap((item, i) => [
    { item, mark: `${'  '.repeat(depth)}${list.ordered ? `${list.start + i}.` : '•'}` },
    ...(item.list ? listItems(item.list, depth + 1) : []),
  ]);
}

/**
 * The episode's blocks for the stage in `lang`: the view's paragraphs, panels and markers, with
 * the stage notes of the `lang` file when it has its own (placed after the same structural
 * block), else the original's notes.
 */
export function stageBlocks(book: Book, episode: Episode, lang: string): EpisodeView['blocks'] {
  const view = episodeView(book, episode, lang);
  const own = lang === book.settings.original ? undefined : episode.translations[lang];
  if (!own?.blocks.some((b) => b.type === 'note')) return view.blocks;
  // Notes of the translation, keyed by how many structural blocks come before them.
  const notesAfter = new Map<number, string[]>();
  let k = 0;
  for (const b of own.blocks) {
    if (b.type === 'note') notesAfter.set(k, [...(notesAfter.get(k) ?? []), b.text]);
    else k++;
  }
  const out: EpisodeView['blocks'] = [];
  const push = (n: number) => {
    for (const text of notesAfter.get(n) ?? []) out.push({ type: 'note', text: typographize(text, lang), lang });
  };
  k = 0;
  push(0);
  for (const b of view.blocks) {
    if (b.type === 'note') continue;
    out.push(b);
    push(++k);
  }
  return out;
}

function stageImage(
  image: PanelImage | undefined,
  base: string,
  alt: { text: string; lang: string },
): StageImage | undefined {
  if (!image) return undefined;
  const src = (file: string) => joinBase(base, routes.image(file));
  return {
    width: image.width,
    height: image.height,
    sources: displayVariants(image).map((v) => ({ width: v.width, src: src(v.file) })),
    file: src(image.file.file),
    alt: alt.text,
    altLang: alt.lang,
  };
}

/** Beats of one episode in `lang`, numbered from `start` in the show. */
export function episodeBeats(book: Book, episode: Episode, lang: string, start: number, options: BuildOptions): Beat[] {
  const { settings } = book;
  const blocks = stageBlocks(book, episode, lang);
  const others = languageCodes(settings).filter((l) => l !== lang);
  // The same paragraphs in the other languages, for the surtitles (translations keep the
  // structure of the original, so paragraph ids correspond). A fallback to the language being
  // performed is no surtitle at all.
  const otherText = new Map<string, Map<string, string>>();
  for (const l of others) {
    const m = new Map<string, string>();
    for (const b of episodeView(book, episode, l).blocks) {
      if (b.type === 'paragraph' && b.lang === l) m.set(b.id, b.text);
      if (b.type === 'list') for (const { item } of listItems(b)) if (item.lang === l) m.set(item.id, item.text);
    }
    otherText.set(l, m);
  }
  const local = episode.original.stage?.video;
  const peertube = options.talk ? options.talk(episode) : talkCue(episode);
  const cue: TalkCue | undefined =
    local || peertube
      ? {
          ...(local ? { local: { src: joinBase(options.base, `stage-media/${encodeURI(local)}`), file: local } } : {}),
          ...(peertube ? { peertube } : {}),
        }
      : undefined;

  const beats: Beat[] = [];
  let current: Beat | undefined;
  const open = (kind: Beat['kind'], panelId?: string, key?: string): Beat => {
    const b: Beat = {
      id: `${episode.number}:${key ?? panelId ?? 'opening'}`,
      index: start + beats.length,
      episode: episode.number,
      n: beats.length + 1,
      of: 0,
      kind,
      ...(panelId ? { panel: panelId } : {}),
      script: [],
      notes: [],
      words: 0,
      cards: Object.fromEntries(others.map((l) => [l, []])),
    };
    beats.push(b);
    return b;
  };
  const say = (item: Extract<ScriptItem, { type: 'paragraph' }>) => {
    current!.script.push(item);
    current!.words += item.words;
    for (const l of others) {
      const text = otherText.get(l)!.get(item.id);
      if (!text) continue;
      const len = text.replace(/[ \t\r\n]+/g, ' ').trim().length || 1;
      for (const c of cutCards(text))
        current!.cards[l]!.push({ text: c.text, pid: item.id, from: c.start / len, to: c.end / len });
    }
  };
  for (const block of blocks) {
    // A section (##) is a beat of its own, titled: the audience sees its title card. An opening
    // beat with nothing said yet becomes that section (a text that starts with its first heading).
    if (block.type === 'heading' && block.depth === 2) {
      const title = { text: block.text, lang: block.lang };
      if (current?.kind === 'opening' && current.script.length === 0) {
        current.kind = 'section';
        current.title = title;
        current.id = `${episode.number}:${block.id}`;
      } else {
        current = open('section', undefined, block.id);
        current.title = title;
      }
      continue;
    }
    if (block.type === 'figure') {
      current = open('figure', undefined, block.id);
      const img = options.images.figures?.[block.artPath];
      current.image = stageImage(img, options.base, block.alt);
      continue;
    }
    if (block.type === 'panel') {
      // A strip is a beat per frame, so that its punchline gets its own moment on the audience
      // screen; the prose after the strip is said on its last frame.
      const frames = block.panel?.frames ?? [];
      if (!block.panel?.strip) {
        current = open('panel', block.id);
        const text = frames[0] ? panelText(frames[0], lang, settings) : undefined;
        current.image = stageImage(
          frames[0] ? options.images.panels[frames[0].key]?.[lang] : undefined,
          options.base,
          text?.alt ?? { text: '', lang },
        );
        continue;
      }
      for (const f of frames) {
        current = open('panel', block.id, f.key);
        current.frame = { n: (f.frame ?? 0) + 1, of: frames.length };
        current.image = stageImage(
          options.images.panels[f.key]?.[lang],
          options.base,
          panelText(f, lang, settings).alt,
        );
      }
      continue;
    }
    current ??= open('opening');
    if (block.type === 'paragraph') {
      say({
        type: 'paragraph',
        id: block.id,
        lang: block.lang,
        status: block.status,
        inlines: block.inlines,
        text: block.text,
        words: words(block.text),
      });
    } else if (block.type === 'heading') {
      current.script.push({ type: 'heading', text: block.text, lang: block.lang });
    } else if (block.type === 'list') {
      for (const { item, mark } of listItems(block))
        say({
          type: 'paragraph',
          id: item.id,
          lang: item.lang,
          status: item.status,
          inlines: item.inlines,
          text: item.text,
          words: words(item.text),
          item: mark.trim(),
        });
    } else if (block.type === 'note') {
      current.script.push({ type: 'note', text: block.text, lang: block.lang });
      current.notes.push({ text: block.text, lang: block.lang });
    } else if (block.type === 'talk') {
      current.script.push({ type: 'talk' });
      if (cue) current.cue = cue;
    }
  }
  for (const b of beats) b.of = beats.length;
  return beats;
}

/**
 * The shows already resolved, per loaded book: every stage screen and its getStaticPaths ask
 * (twelve times a build with one show; each counts the words of every episode, 0.13 s for 200
 * episodes in bench:astro's profile). A loaded book is never changed; `npm run dev` loads a new one.
 */
const resolved = new WeakMap<Book, ShowDef[]>();

/** Every show of the book, as the stage pages need them. */
export function showsOf(book: Book): ShowDef[] {
  let shows = resolved.get(book);
  if (!shows) {
    shows = Object.freeze(resolveBookShows(book)) as ShowDef[];
    resolved.set(book, shows);
  }
  return shows;
}

function resolveBookShows(book: Book): ShowDef[] {
  const byNumber = new Map(book.episodes.map((e) => [e.number, e]));
  return resolveShows(
    book.settings.shows,
    book.episodes.map((e) => e.number),
    (n) => {
      const e = byNumber.get(n);
      return e
        ? e.original.blocks.reduce(
            (sum, b) =>
              sum +
              (b.type === 'paragraph'
                ? words(inlineText(b.inlines))
                : b.type === 'list'
                  ? words(JSON.stringify(b.items.map((i) => inlineText(i.inlines))))
                  : 0),
            0,
          )
        : 0;
    },
  );
}

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** A show in one language: every beat with its script, image, notes, cue and surtitles. */
export function buildShow(book: Book, show: ShowDef, lang: string, options: BuildOptions): ShowData {
  const { settings } = book;
  const episodes: ShowEpisodeData[] = [];
  const beats: Beat[] = [];
  for (const entry of show.episodes) {
    const episode = book.episodes.find((e) => e.number === entry.number);
    if (!episode) continue; // checked when the book was loaded
    const view = episodeView(book, episode, lang);
    const own = episodeBeats(book, episode, lang, beats.length, options);
    episodes.push({
      number: episode.number,
      label: options.episodeLabel(episode.number),
      title: view.title.text,
      titleLang: view.title.lang,
      planned: entry.planned,
      estimated: entry.estimated,
      firstBeat: beats.length,
      beats: own.length,
      words: own.reduce((s, b) => s + b.words, 0),
    });
    beats.push(...own);
  }
  const langs = languageCodes(settings);
  const others = langs.filter((l) => l !== lang);
  // The default surtitles: the original for a translation, the first translation for the original.
  const surtitleLangs =
    lang === settings.original ? others : [settings.original, ...others.filter((l) => l !== settings.original)];
  const languageNames = Object.fromEntries(settings.languages.map((l) => [l.code, l.name]));
  const bookTitle = pick(settings.title, lang, settings);
  return {
    v: SHOW_DATA_VERSION,
    book: settings.id,
    bookTitle,
    show: show.id,
    title: show.title ? pick(show.title, lang, settings) : bookTitle,
    lang,
    surtitleLangs,
    languageNames,
    planned: episodes.reduce((s, e) => s + e.planned, 0),
    episodes,
    beats,
    end: {
      ...(show.thanks ? { thanks: pick(show.thanks, lang, settings) } : {}),
      credits:
        show.credits ??
        settings.authors.map((a) => (typeof a.name === 'string' ? a.name : pick(a.name, lang, settings))),
    },
    fingerprint: fnv(beats.map((b) => b.id).join('|')),
  };
}

/** A <Talk /> marker of a show that has nothing to play: no local file named, no PeerTube excerpt. */
export interface SilentCue {
  /** The beat's number in the show, as the printed script and `G` count (from 1). */
  beat: number;
  id: string;
  episode: number;
}

/** The show's talk cues without a video, in show order (`npm run stage` warns about each). */
export function cuesWithoutVideo(show: Pick<ShowData, 'beats'>): SilentCue[] {
  return show.beats
    .filter((b) => b.script.some((s) => s.type === 'talk') && !b.cue?.local && !b.cue?.peertube)
    .map((b) => ({ beat: b.index + 1, id: b.id, episode: b.episode }));
}
