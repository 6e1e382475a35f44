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
      const showError = (e: unknown) => {
        store.clear();
        store.set({ id: 'book', data: { error: e instanceof Error ? e.message : String(e) } });
      };
      const sync = async () => {
        const book = loadBook(root, options);
        const { manifest } = await renderPanels(book, {
          cacheDir: join(root, PANEL_CACHE_DIR),
          log: (l) => logger.info(l),
        });
        store.clear();
        store.set({ id: 'book', data: { ...book, images: manifest } as unknown as Record<string, unknown> });
      };
      try {
        await sync();
      } catch (e) {
        // In `npm run dev` a broken book must not stop the server: the pages show the error
        // (Astro's overlay) until the author saves a fix. A build fails here, as it should.
        if (!watcher) throw e;
        showError(e);
      }
      // In `npm run dev`, content edits reload the book; errors are shown, not fatal. The book
      // may live outside the kit's folder (PLANCHES_BOOK), so its content/ is watched explicitly.
      watcher?.add(join(root, 'content'));
      watcher?.on('all', (_event, path) => {
        if (!path.includes('/content/')) return;
        sync().then(
          () => logger.info(`content reloaded (${path.slice(root.length + 1)})`),
          (e: unknown) => {
            logger.error(e instanceof Error ? e.message : String(e));
            showError(e);
          },
        );
      });
    },
  };
}
