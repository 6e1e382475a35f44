// Runs async work a few at a time: sharp's encoders are single-threaded per image here, so the
// machine's cores are used by running images side by side.
import { availableParallelism } from 'node:os';

/** How many images to work on at once: one per core (at least two, so I/O overlaps). */
export const IMAGE_CONCURRENCY = Math.max(2, availableParallelism());

/** Calls `work` on every item, at most `limit` at a time; rejects with the first failure. */
export async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}
