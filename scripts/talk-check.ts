// npm run talk-check                 asks each PeerTube instance about each excerpt (needs the network)
// npm run talk-check -- --chapters   also prints each excerpt's panel cues as chapters for PeerTube
// Never run by the build or the tests (src/authoring/talk-check.ts says what is asked).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook } from '../src/model/book.ts';
import { ContentError } from '../src/model/errors.ts';
import { chaptersOf, checkTalks, formatTalkTable } from '../src/authoring/talk-check.ts';

const { values } = parseArgs({
  options: {
    book: { type: 'string', default: '.' },
    chapters: { type: 'boolean', default: false },
    lang: { type: 'string' },
    timeout: { type: 'string', default: '15' },
  },
});
try {
  const book = loadBook(resolve(values.book));
  const excerpts = book.episodes.filter((e) => e.talk);
  if (!excerpts.length) {
    console.log('No episode has a talk.yaml yet: nothing to check (docs/authoring.md, "How to add an excerpt").');
    process.exit(0);
  }
  const ms = Number(values.timeout) * 1000;
  const reports = await checkTalks(book, (url) =>
    fetch(url, { signal: AbortSignal.timeout(ms), headers: { Accept: 'application/json' } }),
  );
  console.log(formatTalkTable(reports));
  for (const r of reports)
    if (
      r.downloadEnabled &&
      r.downloadUrl &&
      r.field === 'video' &&
      !book.episodes.find((e) => e.number === r.episode)?.talk?.download
    )
      console.log(
        `\n${r.file}: ${r.host} allows downloading this video; to offer it, add\n  download: ${r.downloadUrl}`,
      );
  if (values.chapters) {
    for (const e of excerpts) {
      console.log(`\nChapters for episode ${e.number} (${e.talk!.file}), to paste into PeerTube's chapter editor:`);
      for (const line of chaptersOf(book, e, values.lang)) console.log(`  ${line}`);
    }
  }
  const problems = reports.flatMap((r) => r.problems);
  if (problems.length) {
    console.error(`\n${problems.length} problem${problems.length > 1 ? 's' : ''}:`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('\nEvery excerpt can be played.');
} catch (e) {
  if (e instanceof ContentError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
