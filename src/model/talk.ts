// An episode's excerpt of the recorded talk: `talk.yaml` in the episode folder (next to
// panels.yaml, for the same reason: it is data shared by every language, with a few texts per
// language). The episode's text says where it goes with <Talk />.
//
//   video: https://video.example/w/9wvVKpR3dv8fQ8nZ5Rt2fq   # as copied from the browser
//   start: 1m30s          # where the excerpt starts in the video ("90", "1:30" also work)
//   end: 4:05             # where it ends
//   title:
//     fr: Capter l’attention des cons
//     en: Capturing the Suckers’ Attention
//   poster: poster.jpg    # optional: an image in the episode folder (else one is made from the panels)
//   panels:               # optional: when each panel is performed in the video
//     pyramid: 1:42
//     cookies: 2:10
//   captions:             # optional, per language: the instance's caption track and/or a WebVTT file
//     fr: { track: fr, file: talk.fr.vtt }
//     en: { file: talk.en.vtt }
//   mirrors:              # optional: the same video on other allowed instances
//     - video: https://other.example/w/2y84q2MQUMWPbiEcxNXMgC
//       start: 1m32s      # where the excerpt starts in that copy (default: the same)
//   download: https://video.example/download/videos/….mp4   # optional (npm run talk-check finds it)
import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { ContentProblem } from './errors.ts';
import { readBookArt, readBookText } from './read.ts';
import type { Block } from './episode/blocks.ts';
import { checkSvg } from './svg-safety.ts';
import { languageCodes } from './settings.ts';
import { parseYaml, zodProblems } from './yaml-source.ts';
import { parseVideoAddress, type VideoAddress } from '../shared/talk/address.ts';
import { parseTime } from '../shared/talk/time.ts';
import { cutCues, parseVtt, type VttCue } from '../shared/talk/vtt.ts';
import { talkFileSchema } from './schemas/talk.ts';

export const TALK_FILE = 'talk.yaml';

export type { Cue } from '../shared/talk/cues.ts';
import type { Cue } from '../shared/talk/cues.ts';
import type { PanelDef } from './schemas/panels.ts';
import type { Settings, TalkInstance } from './schemas/settings.ts';

export interface TalkInstanceInfo {
  origin: string;
  host: string;
  name: string;
  privacy: string;
}

/** One copy of the video: the first is the author's `video`, then the mirrors in their order. */
export interface TalkSource {
  video: VideoAddress;
  instance: TalkInstanceInfo;
  /** Where the excerpt starts and ends in this copy. */
  start: number;
  end: number;
}

export interface TalkCaptions {
  /** The caption track's language code on the instance (PeerTube's `subtitle=` and caption id). */
  track?: string;
  /** The WebVTT file, relative to the book root. */
  file?: string;
  /** Its cues heard during the excerpt (times in the first copy's video). */
  cues?: VttCue[];
}

export interface TalkExcerpt {
  /** talk.yaml, relative to the book root. */
  file: string;
  video: VideoAddress;
  instance: TalkInstanceInfo;
  start: number;
  end: number;
  /** Every copy, the first being `video` itself. */
  sources: TalkSource[];
  /** By language (the book's languages only). */
  captions: Record<string, TalkCaptions>;
  /** The video file's address, when the author says it may be downloaded. */
  download?: string;
  /** Per language; the original language is always there. */
  title: Record<string, string>;
  /** The author's poster, relative to the book root. */
  poster?: string;
  /** Panels the excerpt covers, in the order they are performed. */
  cues: Cue[];
}

const POSTER_FORMATS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.svg']);

/** Reads the episode's talk.yaml, if any, and checks it against the book and the episode. */
export function loadTalk(
  root: string,
  epDir: string,
  relDir: string,
  settings: Settings,
  blocks: Block[],
  originalFile: string,
  panels: PanelDef[] | undefined,
  problems: ContentProblem[],
): TalkExcerpt | undefined {
  const path = join(epDir, TALK_FILE);
  const markers = blocks.filter((b) => b.type === 'talk');
  if (markers.length > 1) {
    problems.push({
      file: originalFile,
      line: markers[1]!.line,
      message: '<Talk /> is placed twice: an episode has one excerpt of the talk, placed once.',
    });
  }
  if (!existsSync(path)) return undefined;
  const file = `${relDir}/${TALK_FILE}`;
  const read = readBookText(root, file);
  if (!('text' in read)) {
    problems.push(read);
    return undefined;
  }
  const src = parseYaml(read.text, file);
  if (!('data' in src)) {
    problems.push(src);
    return undefined;
  }
  const parsed = talkFileSchema.safeParse(src.data);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, src));
    return undefined;
  }
  const data = parsed.data;
  const before = problems.length;
  const at = (field: string, path: PropertyKey[], message: string) =>
    problems.push({ file, field, line: src.lineOf(path), message });

  if (markers.length === 0) {
    problems.push({
      file: originalFile,
      message: `${file} describes an excerpt of the talk, but this text does not say where it goes: add a line <Talk /> between two paragraphs.`,
    });
  }

  // The video: a PeerTube address on one of the book's instances.
  let video: VideoAddress | undefined;
  let instance: TalkInstance | undefined;
  const parsedAddress = parseVideoAddress(data.video, { allowLocalHttp: settings.fixture });
  if ('error' in parsedAddress) {
    at('video', ['video'], parsedAddress.error);
  } else {
    video = parsedAddress.address;
    instance = settings.talk.instances.find((i) => i.url === video!.origin);
    if (!instance) {
      const allowed = settings.talk.instances.map((i) => i.url);
      at(
        'video',
        ['video'],
        `${video.host} is not one of the book’s PeerTube instances (${allowed.length ? allowed.join(', ') : 'none yet'}). ` +
          `Add it under talk.instances in content/book.yaml, with the address of its privacy policy, if the book may embed videos from it.`,
      );
    }
  }

  // The times: both readable, start before end.
  const start = parseTime(data.start);
  const end = parseTime(data.end);
  if ('error' in start) at('start', ['start'], `the start time ${start.error}`);
  if ('error' in end) at('end', ['end'], `the end time ${end.error}`);
  if ('seconds' in start && 'seconds' in end && end.seconds <= start.seconds) {
    at(
      'end',
      ['end'],
      `the excerpt ends (${String(data.end)}) ${end.seconds === start.seconds ? 'where' : 'before'} it starts (${String(data.start)}): the end comes after the start.`,
    );
  }

  // The title: in the original language at least, and only in the book's languages.
  const langs = languageCodes(settings);
  for (const key of Object.keys(data.title)) {
    if (!langs.includes(key))
      at(`title.${key}`, ['title', key], `unknown language "${key}": the book's languages are ${langs.join(', ')}.`);
  }
  if (!data.title[settings.original])
    at(`title.${settings.original}`, ['title'], `missing the title in the original language (${settings.original}).`);

  // The poster: an image inside the episode folder.
  let poster: string | undefined;
  if (data.poster !== undefined) {
    const abs = resolve(epDir, data.poster);
    const ext = extname(abs).toLowerCase();
    if (!abs.startsWith(resolve(epDir) + sep))
      at('poster', ['poster'], `the poster must be inside the episode folder (${relDir}/), not "${data.poster}".`);
    else if (!POSTER_FORMATS.has(ext))
      at('poster', ['poster'], `the poster must be a PNG, JPEG, WebP or SVG image, not "${data.poster}".`);
    else if (!existsSync(abs)) at('poster', ['poster'], `the poster ${relDir}/${data.poster} does not exist.`);
    else {
      if (ext === '.svg') {
        const art = readBookArt(root, `${relDir}/${data.poster.replace(/^\.\//, '')}`, problems);
        for (const f of art ? checkSvg(art.toString('utf8')) : [])
          problems.push({ file: `${relDir}/${data.poster}`, line: f.line, message: `contains ${f.message}.` });
      }
      poster = `${relDir}/${data.poster.replace(/^\.\//, '')}`;
    }
  }

  // The cues: panels of this episode, at times inside the excerpt.
  const cues: Cue[] = [];
  const placed = new Set(blocks.flatMap((b) => (b.type === 'panel' ? [b.id] : [])));
  for (const [panel, value] of Object.entries(data.panels ?? {})) {
    const where = ['panels', panel];
    if (!placed.has(panel) || (panels && !panels.some((p) => p.id === panel))) {
      at(
        `panels.${panel}`,
        where,
        `"${panel}" is not a panel of this episode (its panels: ${[...placed].join(', ') || 'none'}).`,
      );
      continue;
    }
    const t = parseTime(value);
    if ('error' in t) {
      at(`panels.${panel}`, where, `the time of panel "${panel}": ${t.error}`);
      continue;
    }
    if ('seconds' in start && 'seconds' in end && (t.seconds < start.seconds || t.seconds >= end.seconds)) {
      at(
        `panels.${panel}`,
        where,
        `panel "${panel}" is performed at ${String(value)}, outside the excerpt (${String(data.start)} to ${String(data.end)}).`,
      );
      continue;
    }
    cues.push({ panel, time: t.seconds });
  }
  const sameTime = cues.find((c, i) => cues.some((d, j) => j < i && d.time === c.time));
  if (sameTime)
    at(
      `panels.${sameTime.panel}`,
      ['panels', sameTime.panel],
      `two panels are performed at the same moment (${sameTime.time} s): give each its own time.`,
    );

  // The mirrors: the same video on other instances the book allows, each at most once.
  const mirrors: Array<{ video: VideoAddress; instance: TalkInstance; start?: number }> = [];
  (data.mirrors ?? []).forEach((m, i) => {
    const where = ['mirrors', i];
    const a = parseVideoAddress(m.video, { allowLocalHttp: settings.fixture });
    if ('error' in a) {
      at(`mirrors.${i}.video`, [...where, 'video'], a.error);
      return;
    }
    const inst = settings.talk.instances.find((x) => x.url === a.address.origin);
    if (!inst) {
      at(
        `mirrors.${i}.video`,
        [...where, 'video'],
        `${a.address.host} is not one of the book’s PeerTube instances: add it under talk.instances in content/book.yaml, with its privacy policy, if the book may embed videos from it.`,
      );
      return;
    }
    if (a.address.origin === video?.origin || mirrors.some((x) => x.video.origin === a.address.origin)) {
      at(
        `mirrors.${i}.video`,
        [...where, 'video'],
        `${a.address.host} is listed twice: a mirror is a copy on another instance, offered when the first does not answer.`,
      );
      return;
    }
    let mStart: number | undefined;
    if (m.start !== undefined) {
      const t = parseTime(m.start);
      if ('error' in t) {
        at(`mirrors.${i}.start`, [...where, 'start'], `the start time ${t.error}`);
        return;
      }
      mStart = t.seconds;
    }
    mirrors.push({ video: a.address, instance: inst, ...(mStart !== undefined ? { start: mStart } : {}) });
  });

  // The captions: per language of the book, a track on the instance and/or a WebVTT file here.
  const captions: Record<string, TalkCaptions> = {};
  for (const [lang, c] of Object.entries(data.captions ?? {})) {
    const where = ['captions', lang];
    if (!langs.includes(lang)) {
      at(`captions.${lang}`, where, `unknown language "${lang}": the book's languages are ${langs.join(', ')}.`);
      continue;
    }
    if (c.track === undefined && c.file === undefined) {
      at(
        `captions.${lang}`,
        where,
        'say where the captions are: "track: <its language code on the instance>" and/or "file: <a .vtt file in the episode folder>".',
      );
      continue;
    }
    if (c.track !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(c.track)) {
      at(
        `captions.${lang}.track`,
        [...where, 'track'],
        `"${c.track}" is not a caption language code: PeerTube names caption tracks by language, like "en" or "pt-BR".`,
      );
      continue;
    }
    const entry: TalkCaptions = c.track ? { track: c.track } : {};
    if (c.file !== undefined) {
      const abs = resolve(epDir, c.file);
      const rel = `${relDir}/${c.file.replace(/^\.\//, '')}`;
      if (!abs.startsWith(resolve(epDir) + sep))
        at(
          `captions.${lang}.file`,
          [...where, 'file'],
          `the file must be inside the episode folder (${relDir}/), not "${c.file}".`,
        );
      else if (extname(abs).toLowerCase() !== '.vtt')
        at(
          `captions.${lang}.file`,
          [...where, 'file'],
          `"${c.file}" is not a WebVTT file: PeerTube and the kit read captions as .vtt files.`,
        );
      else if (!existsSync(abs)) at(`captions.${lang}.file`, [...where, 'file'], `the file ${rel} does not exist.`);
      else {
        const text = readBookText(root, rel);
        if (!('text' in text)) problems.push(text);
        else {
          const vtt = parseVtt(text.text);
          if ('error' in vtt) problems.push({ file: rel, line: vtt.line, message: `${vtt.error}.` });
          else if ('seconds' in start && 'seconds' in end) {
            const cues = cutCues(vtt.cues, start.seconds, end.seconds);
            if (!cues.length)
              at(
                `captions.${lang}.file`,
                [...where, 'file'],
                `${rel} has no line between the excerpt's start (${String(data.start)}) and end (${String(data.end)}): its times are the whole video's, as PeerTube plays it.`,
              );
            else Object.assign(entry, { file: rel, cues });
          }
        }
      }
    }
    captions[lang] = entry;
  }

  // The download: the video file, on one of the excerpt's instances.
  let download: string | undefined;
  if (data.download !== undefined) {
    let u: URL | undefined;
    try {
      u = new URL(data.download);
    } catch {
      at(
        'download',
        ['download'],
        `"${data.download}" is not a web address: write the address npm run talk-check gives.`,
      );
    }
    if (u) {
      const origins = [video?.origin, ...mirrors.map((m) => m.video.origin)];
      if (!origins.includes(u.origin))
        at(
          'download',
          ['download'],
          `the download must come from the video's instance (${origins.filter(Boolean).join(', ')}), not ${u.host}.`,
        );
      else download = u.href;
    }
  }

  if (problems.length > before || !video || !instance || !('seconds' in start) || !('seconds' in end)) return undefined;
  const info = (i: TalkInstance): TalkInstanceInfo => ({
    origin: i.url,
    host: new URL(i.url).host,
    name: i.name ?? new URL(i.url).host,
    privacy: i.privacy,
  });
  const length = end.seconds - start.seconds;
  const sources: TalkSource[] = [
    { video, instance: info(instance), start: start.seconds, end: end.seconds },
    ...mirrors.map((m) => {
      const s = m.start ?? start.seconds;
      return { video: m.video, instance: info(m.instance), start: s, end: s + length };
    }),
  ];
  return {
    file,
    video,
    instance: info(instance),
    start: start.seconds,
    end: end.seconds,
    sources,
    captions,
    ...(download ? { download } : {}),
    title: data.title,
    poster,
    cues: cues.sort((a, b) => a.time - b.time),
  };
}
