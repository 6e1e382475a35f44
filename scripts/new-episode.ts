// npm run new-episode -- <number> "<title>"
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook } from '../src/model/book.ts';
import { ContentError } from '../src/model/errors.ts';
import { scaffoldEpisode } from '../src/authoring/scaffold.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { book: { type: 'string', default: '.' } },
});
const [num, ...titleWords] = positionals;
if (!num || !titleWords.length) {
  console.error(
    'Usage: npm run new-episode -- <number> "<title>"   (for example: npm run new-episode -- 23 "Le bunker")',
  );
  process.exit(2);
}
try {
  // Drafts count: their numbers and addresses are taken too.
  const book = loadBook(resolve(values.book), { drafts: true });
  const { dir, files } = scaffoldEpisode(book, Number(num), titleWords.join(' '));
  if (existsSync(join(book.root, dir))) throw new Error(`${dir} already exists.`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(book.root, file)), { recursive: true });
    writeFileSync(join(book.root, file), text);
  }
  console.log(
    `Created ${dir}/:\n${Object.keys(files)
      .map((f) => `  ${f.slice(dir.length + 1)}`)
      .join('\n')}\nWrite the text in ${dir}/${book.settings.original}.mdx, then run npm run dev to see it.`,
  );
} catch (e) {
  console.error(
    `✗ ${e instanceof ContentError ? `The book has problems to fix first:\n${e.message}` : (e as Error).message}`,
  );
  process.exit(1);
}
