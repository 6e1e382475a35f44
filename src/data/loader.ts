// Wires the kit's content loading (src/lib/book.ts, where all validation lives) into Astro's
// content collections. One collection holds the whole book as a single entry: the outputs need
// the book as a whole (settings, episodes, their order, pages), and validation is global.
import type { Loader } from 'astro/loaders';
import { loadBook } from '../lib/book.ts';
import { buildOptions } from './options.ts';

export function bookLoader(): Loader {
  return {
    name: 'planches-book',
    load: async ({ store, watcher, logger }) => {
      const root = process.cwd();
      const sync = () => {
        const book = loadBook(root, buildOptions());
        store.clear();
        store.set({ id: 'book', data: { ...book } as unknown as Record<string, unknown> });
      };
      sync();
      // In `npm run dev`, content edits reload the book; errors are shown, not fatal.
      watcher?.on('all', (_event, path) => {
        if (!path.includes('/content/')) return;
        try {
          sync();
          logger.info(`content reloaded (${path.slice(root.length + 1)})`);
        } catch (e) {
          logger.error(e instanceof Error ? e.message : String(e));
        }
      });
    },
  };
}
