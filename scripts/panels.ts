// `npm run panels`: draws every panel image of the book (and its covers, posters and link-preview
// cards) into .cache/panels/, which is what `npm run build` does first. The build runs this in its
// own process so that the memory the images took (measured: ≈ 400 MB on a 200-episode book) is
// returned before Chromium prints the PDFs.
// Usage: node scripts/panels.ts [--book DIR] [--json]
//   --json   print the figures as one line of JSON (read by scripts/build.ts)
//   --debug  on a fault of the kit (not of the book), print the stack trace too
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSharedBook } from '../src/model/book-snapshot.ts';
import { ContentError, startStep, unexpectedFailure } from '../src/model/errors.ts';
import { bookOptions } from '../src/model/options.ts';
import { renderPanels } from '../src/images/render.ts';
import { PANEL_CACHE_DIR } from '../src/model/image-manifest.ts';

const { values } = parseArgs({
  options: {
    book: { type: 'string', default: '.' },
    json: { type: 'boolean', default: false },
    debug: { type: 'boolean', default: false },
  },
});
// Anything unexpected (here or in a worker's callback): one readable message, which the build
// prints as it is (src/model/errors.ts, unexpectedFailure).
process.on('uncaughtException', (e) => {
  console.error(unexpectedFailure(e, values.debug));
  process.exit(1);
});
startStep('making the panel images');
const root = resolve(values.book);
try {
  // --drafts (PLANCHES_DRAFTS, set by scripts/build.ts) draws the drafts' images too.
  const { stats } = await renderPanels(loadSharedBook(root, { drafts: bookOptions().drafts }), {
    cacheDir: join(root, PANEL_CACHE_DIR),
    log: values.json ? undefined : console.log,
  });
  if (values.json) console.log(JSON.stringify(stats));
} catch (e) {
  // Content problems are the author's to fix: their message alone, no stack.
  if (e instanceof ContentError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(unexpectedFailure(e, values.debug));
  process.exit(1);
}
