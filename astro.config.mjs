// Astro builds the reading site; the kit's own integration serves and copies the panel images and
// writes the hosting headers. The search index, PDFs and EPUBs are made by scripts/build.ts after
// Astro's process has ended, inside the same all-or-nothing build.
import { defineConfig } from 'astro/config';
import { loadSettings } from './src/lib/settings.ts';
import { buildOptions } from './src/data/options.ts';
import planches from './src/integrations/planches.ts';

const options = buildOptions();
const settings = loadSettings(options.bookRoot, options);

export default defineConfig({
  site: settings.site.url,
  base: settings.site.base,
  outDir: process.env.PLANCHES_OUT_DIR || './dist',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Scripts and styles stay in files: the Content-Security-Policy allows only 'self'.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  integrations: [planches()],
});
