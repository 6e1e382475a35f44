// Astro builds the reading site (the pages under src/pages/); scripts/build.ts runs it as the first
// of the build's outputs (src/outputs/site/), then makes the search index, EPUBs and PDFs from the
// built pages. The kit's integration serves the panel images and reloads the book in `npm run dev`.
import { defineConfig } from 'astro/config';
import { forgetBook, siteSettings } from './src/astro-adapter/book.ts';
import planches from './src/integrations/planches.ts';
import { join } from 'node:path';
import { bookOptions } from './src/model/options.ts';

// This file is read again when the dev server restarts (content/book.yaml changed): read the book again too.
forgetBook();
const settings = siteSettings();

export default defineConfig({
  site: settings.site.url,
  base: settings.site.base,
  outDir: process.env.PLANCHES_OUT_DIR || './dist',
  // Each book keeps Astro's cache (the incremental build's copies of its pages) in its own .cache/.
  cacheDir: join(bookOptions().bookRoot, '.cache/astro'),
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Scripts and styles stay in files: the Content-Security-Policy allows only 'self'.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  integrations: [planches()],
  // Pages whose data (their getStaticPaths cacheKey) and code are unchanged are copied from the
  // previous build instead of rendered (docs/architecture.md, "Rebuilding one episode").
  experimental: { incrementalBuild: true },
});
