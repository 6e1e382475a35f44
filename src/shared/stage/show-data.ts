// What the stage pages hand to the browser: a show, its beats, their pictures, script and cues, as
// built from the book by src/model/views/stage-show.ts and read by src/client/stage/.
import type { Inline, PartStatus } from '../text.ts';

export const SHOW_DATA_VERSION = 1;

/** What a beat may cue: a local video file (always works) and/or the PeerTube excerpt. */
export interface TalkCue {
  /** A local copy the performers bring, served by `npm run stage` (address on this computer). */
  local?: { src: string; file: string };
  /**
   * The published excerpt (the episode's talk.yaml), when the theatre has a network; `start`/`stop`
   * in seconds into the video.
   */
  peertube?: {
    url: string;
    start?: number;
    stop?: number;
    /** The excerpt's lines from the book's WebVTT files, by language (times in the video): surtitles while it plays. */
    captions?: Record<string, Array<{ start: number; end: number; text: string }>>;
  };
}

export type ScriptItem =
  /** Prose to say: a paragraph, or a list item (`item`: its bullet or number, "•" or "3."). */
  | {
      type: 'paragraph';
      id: string;
      lang: string;
      status: PartStatus;
      inlines: Inline[];
      text: string;
      words: number;
      item?: string;
    }
  /** A sub-section heading (###) inside a beat: read, not said. */
  | { type: 'heading'; text: string; lang: string }
  | { type: 'note'; text: string; lang: string }
  | { type: 'talk' };

export interface StageImage {
  width: number;
  height: number;
  /** Addresses (with the base path), smallest first: WebP variants, or the one SVG of a vector panel. */
  sources: Array<{ width: number; src: string }>;
  /** The one file every output can show (SVG or PNG). */
  file: string;
  alt: string;
  altLang: string;
}

export interface Card {
  text: string;
  /** The paragraph the card comes from, and where in it (0–1 of its length): the teleprompter follows these. */
  pid: string;
  from: number;
  to: number;
}

export interface Beat {
  id: string;
  index: number;
  episode: number;
  /** Position in the episode, from 1, and the number of beats in the episode. */
  n: number;
  of: number;
  /** opening: the prose before the first panel; panel and figure: an image; section: a ## heading. */
  kind: 'opening' | 'panel' | 'figure' | 'section';
  panel?: string;
  /** A frame of a strip (each frame is a beat): its place, from 1, and the strip's number of frames. */
  frame?: { n: number; of: number };
  /** The section this beat opens (a ## heading): the audience's title card shows it. */
  title?: { text: string; lang: string };
  /** The audience image; a beat without one shows a title card (the section's, else the episode's). */
  image?: StageImage;
  script: ScriptItem[];
  notes: Array<{ text: string; lang: string }>;
  words: number;
  cue?: TalkCue;
  /** Surtitle cards by language (every language but the performers'). */
  cards: Record<string, Card[]>;
}

export interface ShowEpisodeData {
  number: number;
  label: string;
  title: string;
  titleLang: string;
  planned: number;
  estimated: boolean;
  firstBeat: number;
  beats: number;
  words: number;
}

export interface ShowData {
  v: number;
  book: string;
  bookTitle: string;
  show: string;
  title: string;
  lang: string;
  /** Languages the surtitles can be shown in; the first is the default. */
  surtitleLangs: string[];
  languageNames: Record<string, string>;
  planned: number;
  episodes: ShowEpisodeData[];
  beats: Beat[];
  /** The audience's end card, after the last beat: the show's title, its thanks, its credits. */
  end: { thanks?: string; credits: string[] };
  /** Changes whenever the beats change: a saved position is checked against it. */
  fingerprint: string;
}
