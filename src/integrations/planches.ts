// The kit's Astro integration, for `npm run dev`: serves the panel images and the fonts from their caches and
// reloads the book when content/ changes (the pages then show the new text, or the problems to fix
// in Astro's overlay). A build needs nothing from it: scripts/build.ts runs every output
// (src/outputs/), the site's pages among them.
import type { AstroIntegration } from 'astro';
import { createReadStream, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PANEL_CACHE_DIR } from '../model/image-manifest.ts';
import { FONT_CACHE_DIR } from '../fonts/make.ts';
import { bookOptions } from '../model/options.ts';
import { SETTINGS_FILE } from '../model/settings.ts';
import { forgetBook } from '../astro-adapter/book.ts';

const TYPES: Record<string, string> = {
  '.avif': 'image/avif',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.css': 'text/css',
};

export default function planches(): AstroIntegration {
  const root = bookOptions().bookRoot;
  let base = '/';
  return {
    name: 'planches',
    hooks: {
      'astro:config:setup': ({ addWatchFile, config }) => {
        base = config.base;
        // A change of the settings restarts the dev server (the site's address and base may change).
        addWatchFile(join(root, SETTINGS_FILE));
      },
      'astro:server:setup': ({ server, logger }) => {
        // The panels and the fonts from their caches, by file name only (nothing else is served).
        const folder = base.endsWith('/') ? base : `${base}/`;
        const caches: Array<[string, string]> = [
          [`${folder}panels/`, join(root, PANEL_CACHE_DIR)],
          [`${folder}fonts/`, join(root, FONT_CACHE_DIR)],
        ];
        server.middlewares.use((req, res, next) => {
          const hit = caches.find(([prefix]) => req.url?.startsWith(prefix));
          if (!hit || !req.url) return next();
          const file = join(hit[1], basename(req.url.slice(hit[0].length).split('?')[0]!));
          if (!existsSync(file)) return next();
          res.setHeader('Content-Type', TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
        // The book may live outside the kit's folder (PLANCHES_BOOK): its content/ is watched explicitly.
        const content = join(root, 'content');
        server.watcher.add(content);
        server.watcher.on('all', (_event, path) => {
          if (!path.startsWith(`${content}/`)) return;
          forgetBook(path);
          logger.info(`content changed (${path.slice(root.length + 1)}): reloading`);
          server.ws.send({ type: 'full-reload' });
        });
      },
    },
  };
}
