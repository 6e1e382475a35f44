// The kit's Astro integration: watches content/ in `npm run dev` and serves the panel images
// there; after the pages are built, copies the panel images and writes the hosting headers. The
// later outputs (search, PDF, EPUB: src/outputs/) are made by scripts/build.ts once Astro's
// process has ended, so that its memory is not held while Chromium prints.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { headersFile, nginxSnippet } from '../lib/security.ts';
import { join, basename } from 'node:path';
import { PANEL_CACHE_DIR, type ImageManifest } from '../lib/panels/render.ts';
import { buildOptions } from '../data/options.ts';
import { loadBook } from '../lib/book.ts';

const TYPES: Record<string, string> = {
  '.avif': 'image/avif',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

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
        const prefix = `${base.endsWith('/') ? base : `${base}/`}panels/`;
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
        const manifest = JSON.parse(
          readFileSync(join(root, PANEL_CACHE_DIR, 'manifest.json'), 'utf8'),
        ) as ImageManifest;
        mkdirSync(join(out, 'panels'), { recursive: true });
        let n = 0;
        const images = [
          ...Object.values(manifest.panels).flatMap((l) => Object.values(l)),
          ...Object.values(manifest.covers),
        ];
        const files = [
          ...images.flatMap((img) => [
            ...img.avif,
            ...img.webp,
            img.file,
            ...('jpeg' in img ? [img.jpeg as { file: string }] : []),
          ]),
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
      },
    },
  };
}
