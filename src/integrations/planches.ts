// The kit's Astro integration, for `npm run dev`: serves the panel images from the image cache and
// reloads the book when content/ changes (the pages then show the new text, or the problems to fix
// in Astro's overlay). A build needs nothing from it: scripts/build.ts runs every output
// (src/outputs/), the site's pages among them.
import type { AstroIntegration } from 'astro';
import { createReadStream, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PANEL_CACHE_DIR } from '../model/image-manifest.ts';
import { bookOptions } from '../model/options.ts';
import { SETTINGS_FILE } from '../model/settings.ts';
import { forgetBook } from '../astro-adapter/book.ts';

const TYPES: Record<string, string> = {
  '.avif': 'image/avif',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
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
        const prefix = `${base.endsWith('/') ? base : `${base}/`}panels/`;
        server.middlewares.use((req, res, next) => {
          if (!req.url?.startsWith(prefix)) return next();
          const file = join(root, PANEL_CACHE_DIR, basename(req.url.slice(prefix.length).split('?')[0]!));
          if (!existsSync(file)) return next();
          res.setHeader('Content-Type', TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
        // The book may live outside the kit's folder (PLANCHES_BOOK): its content/ is watched explicitly.
        const content = join(root, 'content');
        server.watcher.add(content);
        server.watcher.on('all', (_event, path) => {
          if (!path.startsWith(`${content}/`)) return;
          forgetBook();
          logger.info(`content changed (${path.slice(root.length + 1)}): reloading`);
          server.ws.send({ type: 'full-reload' });
        });
      },
    },
  };
}
