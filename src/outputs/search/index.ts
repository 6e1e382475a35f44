// The search index: Pagefind, through its Node API, over the built pages. Pagefind writes one
// index per <html lang>, so the English site searches the English book and the French site the
// French one. Only episode pages are indexed (their <article data-pagefind-body>).
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { OutputContext } from '../contract.ts';

/** The output's step: the index of every language. */
export async function run(context: OutputContext): Promise<string> {
  const r = await buildSearchIndex(context.dir);
  return `${r.pages} pages`;
}

export interface SearchStats {
  pages: number;
  seconds: number;
}

export async function buildSearchIndex(outDir: string): Promise<SearchStats> {
  const t0 = performance.now();
  const fail = (what: string, errors: string[]): never => {
    throw new Error(`Search indexing failed while ${what}: ${errors.join('; ')}`);
  };
  try {
    const { index, errors } = await pagefind.createIndex({ excludeSelectors: ['[data-pagefind-ignore]'] });
    if (!index || errors.length) fail('starting Pagefind', errors);
    const added = await index!.addDirectory({ path: outDir });
    if (added.errors.length) fail('reading the pages', added.errors);
    if (added.page_count === 0) fail('reading the pages', ['no page was indexed (no element has data-pagefind-body)']);
    const written = await index!.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (written.errors.length) fail('writing the index', written.errors);
    return { pages: added.page_count, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await pagefind.close();
  }
}
