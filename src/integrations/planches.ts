// The kit's Astro integration: watches content/ in `npm run dev` and serves the panel images
// there; after the pages are built, copies the panel images and runs the later outputs
// (search, EPUB, PDF) inside the build's all-or-nothing step.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { headersFile, nginxSnippet } from '../lib/security.ts';
import { join, basename } from 'node:path';
import { PANEL_CACHE_DIR, type ImageManifest } from '../lib/panels/render.ts';
import { buildOptions } from '../data/options.ts';
import { buildSearchIndex } from './search.ts';
import { buildEpubs } from './epub.ts';
import { buildPdfs } from './pdf.ts';
import { loadBook } from '../lib/book.ts';

const TYPES: Record<string, string> = { '.avif': 'image/avif', '.webp': 'image/webp', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml' };

export default function planches(): AstroIntegration {
  const root = buildOptions().bookRoot;
  let base = '/';
  return {
    name: 'planches',
    hooks: {
      'astro:config:setup': ({ addWatchFile, config }) => {
        base = config.base;
        addWatchFile(new URL('content/book.yaml', config.root));
      },
      'astro:server:setup': ({ server }) => {
        const prefix = (base.endsWith('/') ? base : base + '/') + 'panels/';
        server.middlewares.use((req, res, next) => {
          if (!req.url?.startsWith(prefix)) return next();
          const file = join(root, PANEL_CACHE_DIR, basename(req.url.slice(prefix.length).split('?')[0]!));
          if (!existsSync(file)) return next();
          res.setHeader('Content-Type', TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const manifest = JSON.parse(readFileSync(join(root, PANEL_CACHE_DIR, 'manifest.json'), 'utf8')) as ImageManifest;
        mkdirSync(join(out, 'panels'), { recursive: true });
        let n = 0;
        const images = [...Object.values(manifest.panels).flatMap((l) => Object.values(l)), ...Object.values(manifest.covers)];
        const files = [
          ...images.flatMap((img) => [...img.avif, ...img.webp, img.file, ...('jpeg' in img ? [img.jpeg as { file: string }] : [])]),
          ...Object.values(manifest.posters ?? {}).flatMap((p) => [...p.avif, ...p.webp, p.jpeg]),
          ...Object.values(manifest.social ?? {}).flatMap((l) => Object.values(l)),
        ];
        for (const v of files) {
          copyFileSync(join(root, PANEL_CACHE_DIR, v.file), join(out, 'panels', v.file));
          n++;
        }
        logger.info(`${n} panel image files copied`);
        const book = loadBook(root, buildOptions());
        // Ready-made security headers for static hosts (docs/hosting.md), frames allowed from
        // the book's PeerTube instances only.
        const frameOrigins = book.settings.talk.instances.map((i) => new URL(i.url).origin);
        writeFileSync(join(out, '_headers'), headersFile(base, { frameOrigins }));
        writeFileSync(join(out, 'nginx.conf.example'), nginxSnippet(base, '/var/www/planches/', { frameOrigins }));
        // Each later output is timed for `npm run bench` (PLANCHES_TIMINGS names the file).
        const timings: Record<string, number> = {};
        const timed = async <T,>(name: string, work: () => Promise<T>): Promise<T> => {
          const t0 = performance.now();
          try {
            return await work();
          } finally {
            timings[name] = (performance.now() - t0) / 1000;
          }
        };
        const search = await timed('search', () => buildSearchIndex(out));
        logger.info(`search index: ${search.pages} pages in ${search.seconds.toFixed(1)} s`);
        // The PDFs first: the EPUB step ends by filling every download's size into the pages.
        await timed('pdf', () => buildPdfs(out, book, logger));
        await timed('epub', () => buildEpubs(out, { ...book, images: manifest }, (line) => logger.info(line)));
        if (process.env.PLANCHES_TIMINGS) writeFileSync(process.env.PLANCHES_TIMINGS, JSON.stringify(timings));
      },
    },
  };
}
