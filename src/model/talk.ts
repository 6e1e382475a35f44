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
import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { ContentProblem } from './errors.ts';
import { readBookBytes, readBookText } from './read.ts';
import type { Block } from './episode/blocks.ts';
import { checkSvg } from './svg-safety.ts';
import { languageCodes } from './settings.ts';
import { parseYaml, zodProblems } from './yaml-source.ts';
import { parseVideoAddress, type VideoAddress } from '../shared/talk/address.ts';
import { parseTime } from '../shared/talk/time.ts';
import { talkFileSchema } from './schemas/talk.ts';

export const TALK_FILE = 'talk.yaml';

export type { Cue } from '../shared/talk/cues.ts';
import type { Cue } from '../shared/talk/cues.ts';
import type { PanelDef } from './schemas/panels.ts';
import type { Settings, TalkInstance } from './schemas/settings.ts';

export interface TalkExcerpt {
  /** talk.yaml, relative to the book root. */
  file: string;
  video: VideoAddress;
  instance: { origin: string; host: string; name: string; privacy: string };
  start: number;
  end: number;
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
        for (const f of checkSvg(readBookBytes(root, `${relDir}/${data.poster.replace(/^\.\//, '')}`).toString('utf8')))
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

  if (problems.length > before || !video || !instance || !('seconds' in start) || !('seconds' in end)) return undefined;
  return {
    file,
    video,
    instance: {
      origin: instance.url,
      host: new URL(instance.url).host,
      name: instance.name ?? new URL(instance.url).host,
      privacy: instance.privacy,
    },
    start: start.seconds,
    end: end.seconds,
    title: data.title,
    poster,
    cues: cues.sort((a, b) => a.time - b.time),
  };
}
