// A map kept once per process, shared by every copy of the module that asks for it: Astro loads
// astro.config.mjs's modules apart from the pages' (`npm run dev`), and a memo filled by the first
// load in one copy must serve the reloads made by the other.
export function processMemo<K, V>(name: string): Map<K, V> {
  const key = Symbol.for(`planches.memo.${name}`);
  const store = globalThis as unknown as Record<symbol, Map<K, V> | undefined>;
  store[key] ??= new Map<K, V>();
  return store[key];
}
