// Wires the kit's content loading (src/lib/book.ts, where all validation lives) and the panel
// images (src/lib/panels/render.ts) into Astro's content collections. One collection holds the
// whole book as a single entry: outputs need the book as a whole, and validation is global.
import type { Loader } from 'astro/loaders';
import { join } from 'node:path';
import { loadBook } from '../lib/book.ts';
import { renderPanels, PANEL_CACHE_DIR } from '../lib/panels/render.ts';
import { buildOptions } from './options.ts';

export function bookLoader(): Loader {
  return {
    name: 'planches-book',
    load: async ({ store, watcher, logger }) => {
      const options = buildOptions();
      const root = options.bookRoot;
      const sync = async () => {
        const book = loadBook(root, options);
        const { manifest } = await renderPanels(book, { cacheDir: join(root, PANEL_CACHE_DIR), log: (l) => logger.info(l) });
        store.clear();
        store.set({ id: 'book', data: { ...book, images: manifest } as unknown as Record<string, unknown> });
      };
      await sync();
      // In `npm run dev`, content edits reload the book; errors are shown, not fatal.
      watcher?.on('all', (_event, path) => {
        if (!path.includes('/content/')) return;
        sync().then(
          () => logger.info(`content reloaded (${path.slice(root.length + 1)})`),
          (e: unknown) => logger.error(e instanceof Error ? e.message : String(e)),
        );
      });
    },
  };
}
