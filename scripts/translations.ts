// npm run translations -- export <language> [episode…]   PO files for translators, into translations/<language>/
// npm run translations -- import <file.po…>               their translations back into the episodes
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBook } from '../src/model/book.ts';
import { ContentError } from '../src/model/errors.ts';
import { exportTranslations } from '../src/authoring/translations-export.ts';
import { importTranslations } from '../src/authoring/translations-import.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { book: { type: 'string', default: '.' }, out: { type: 'string' } },
});
const usage =
  'Usage: npm run translations -- export <language> [episode number…] [--out <folder>]\n' +
  '       npm run translations -- import <file.po…>';
try {
  const [command, ...rest] = positionals;
  const root = resolve(values.book);
  // Drafts have translations to follow too; a language being added may lack its texts yet.
  const book = loadBook(root, { drafts: true, unfinishedLanguages: true });
  if (command === 'export' && rest[0]) {
    const [lang, ...episodes] = rest;
    const numbers = episodes.map((n) => {
      if (!/^\d+$/.test(n)) throw new Error(`"${n}" is not an episode number.\n${usage}`);
      return Number(n);
    });
    const out = resolve(values.out ?? join(root, 'translations', lang!));
    const files = exportTranslations(book, lang!, numbers);
    mkdirSync(out, { recursive: true });
    for (const f of files) {
      writeFileSync(join(out, f.name), f.text);
      console.log(`${join(out, f.name)}: ${f.units} units, ${f.untranslated} untranslated`);
    }
  } else if (command === 'import' && rest.length) {
    const result = importTranslations(
      book,
      rest.map((f) => ({ file: f, text: readFileSync(f, 'utf8') })),
    );
    for (const w of result.writes) writeFileSync(join(root, w.file), w.text);
    // A new language's interface strings go into the kit itself (src/i18n/).
    const kit = resolve(import.meta.dirname, '..');
    for (const w of result.kitWrites) {
      writeFileSync(join(kit, w.file), w.text);
      console.log(`${w.file}: written (the interface strings of a new language; send them upstream too)`);
    }
    for (const line of result.report) console.log(line);
    if (!result.writes.length) console.log('Nothing changed: every translation in these files is already in the book.');
  } else {
    console.error(usage);
    process.exit(2);
  }
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
  process.exit(e instanceof ContentError ? 1 : 2);
}
