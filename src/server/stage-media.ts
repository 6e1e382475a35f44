// The local videos of the stage mode (`stage: { video: … }` in an episode's frontmatter): files
// the performers bring, outside the built site. `npm run stage` serves exactly those files, at
// <base>stage-media/<path>, with byte ranges so that the audience screen can seek in them.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { realPathInside } from './real-path.ts';

const VIDEO_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.ogv': 'video/ogg',
};

export interface StageVideo {
  episode: number;
  /** As written in the frontmatter, relative to the book's folder. */
  file: string;
  path: string;
  exists: boolean;
  /** Set when the file is a link to somewhere outside the book's folder: it is never served. */
  outside?: string;
}

export function stageVideos(
  root: string,
  episodes: Array<{ number: number; original: { stage?: { video?: string } } }>,
): StageVideo[] {
  const base = resolve(root);
  return episodes.flatMap((e) => {
    const file = e.original.stage?.video;
    if (!file) return [];
    const path = normalize(join(base, file));
    if (!path.startsWith(base + sep)) return [];
    if (!existsSync(path)) return [{ episode: e.number, file, path, exists: false }];
    // Only the real file, after every symlink, and only when it lies inside the book's folder.
    const real = realPathInside(base, path);
    if (!real) return [{ episode: e.number, file, path, exists: false, outside: realpathSync(path) }];
    return [{ episode: e.number, file, path: real, exists: statSync(real).isFile() }];
  });
}

/** A request handler for serveStatic's `handle` option. */
export function mediaHandler(
  base: string,
  videos: StageVideo[],
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const prefix = `${base.endsWith('/') ? base : `${base}/`}stage-media/`;
  const byFile = new Map(videos.map((v) => [v.file, v]));
  return (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!pathname.startsWith(prefix)) return false;
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      res.writeHead(400).end();
      return true;
    }
    // Only the files the book names: nothing else of the computer is reachable.
    const video = byFile.get(name);
    if (!video?.exists || !existsSync(video.path)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('No such stage video.');
      return true;
    }
    const size = statSync(video.path).size;
    const type = VIDEO_TYPES[extname(video.path).toLowerCase()] ?? 'application/octet-stream';
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && (range[1] || range[2])) {
      let start = range[1] ? Number(range[1]) : size - Number(range[2]);
      let end = range[1] && range[2] ? Number(range[2]) : size - 1;
      start = Math.max(0, start);
      end = Math.min(size - 1, end);
      if (start > end || start >= size) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return true;
      }
      res.writeHead(206, {
        'Content-Type': type,
        'Content-Length': end - start + 1,
        'Content-Range': `bytes ${start}-${end}/${size}`,
        'Accept-Ranges': 'bytes',
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(video.path, { start, end }).pipe(res);
      return true;
    }
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(video.path).pipe(res);
    return true;
  };
}
