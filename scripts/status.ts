// npm run status                      translation status per language (table)
// npm run status -- --stamp en 19     record that en's translation of episode 19 is up to date
// npm run status -- --stamp en all    the same for every episode
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook } from '../src/model/book.ts';
import { ContentError } from '../src/model/errors.ts';
import { formatStatus, translationStatus } from '../src/authoring/status.ts';
import { stampPanels, stampTranslation } from '../src/authoring/stamp.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    book: { type: 'string', default: '.' },
    stamp: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
try {
  // Drafts have translations to follow too.
  const book = loadBook(resolve(values.book), { drafts: true });
  if (values.stamp) {
    const [lang, which] = positionals;
    if (!lang || !which || lang === book.settings.original || !book.settings.languages.some((l) => l.code === lang)) {
      console.error(
        `Usage: npm run status -- --stamp <language> <episode number|all>   (languages: ${book.settings.languages
          .map((l) => l.code)
          .filter((l) => l !== book.settings.original)
          .join(', ')})`,
      );
      process.exit(2);
    }
    const episodes = which === 'all' ? book.episodes : book.episodes.filter((e) => e.number === Number(which));
    if (!episodes.length) throw new Error(`There is no episode ${which}.`);
    for (const e of episodes) {
      const t = e.translations[lang] ? stampTranslation(book, e, lang) : undefined;
      const p = stampPanels(book, e, lang);
      console.log(
        `stamped ${e.number}: ${t ? `${t.parts} parts in ${t.file}, ` : ''}${p.parts} panel texts in ${p.file}`,
      );
    }
  } else {
    const status = translationStatus(book);
    console.log(values.json ? JSON.stringify(status, null, 2) : formatStatus(status));
  }
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
  process.exit(e instanceof ContentError ? 1 : 2);
}
