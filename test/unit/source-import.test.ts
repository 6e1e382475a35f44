// The sample book's French text is the published text, character for character: every
// paragraph of test/fixtures/source-fr/<episode>.txt is a paragraph of
// content/episodes/<episode>/fr.mdx, byte for byte (no-break spaces, curly apostrophes and « »
// included), in the same order. The line "Appuyez sur play…" is a marker, not prose: it
// became <Talk />.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBook, type Book, type Episode } from '../../src/model/book.ts';
import { episodeView } from '../../src/model/views/episode.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const SOURCES = join(ROOT, 'test/fixtures/source-fr');
const MARKER = 'Appuyez sur play pour voir l’extrait de la conférence correspondant à cet épisode';

/** Where the talk excerpt is in each episode (../shared/source/README.md). */
const TALK: Record<number, 'none' | 'first' | 'last'> = { 19: 'none', 20: 'last', 21: 'first', 22: 'first' };

interface Source {
  name: string;
  number: number;
  title: string;
  paragraphs: string[];
  /** Index of the marker among the source's paragraphs and marker, or -1. */
  marker: number;
}

function readSource(file: string): Source {
  const text = readFileSync(join(SOURCES, file), 'utf8');
  assert.ok(!text.includes('\r'), `${file} has CR characters`);
  const [first, ...rest] = text.split('\n');
  const m = /^(\d+)\. (.+)$/.exec(first!);
  assert.ok(m, `${file}: the first line is not "NN. Title"`);
  // Blank lines separate paragraphs; a wider gap (several blank lines) is still one separation.
  const chunks = rest
    .join('\n')
    .split(/\n[ \t]*\n/)
    .map((c) => c.replace(/^\n+|\n+$/g, ''))
    .filter((c) => c.trim() !== '');
  return {
    name: file.replace(/\.txt$/, ''),
    number: Number(m[1]),
    title: m[2]!,
    paragraphs: chunks.filter((c) => c !== MARKER),
    marker: chunks.indexOf(MARKER),
  };
}

const sourceFiles = readdirSync(SOURCES)
  .filter((f) => f.endsWith('.txt'))
  .sort();

let book: Book;
before(() => {
  book = loadBook(ROOT);
});
const episode = (name: string): Episode => {
  const e = book.episodes.find((x) => x.slug === name);
  assert.ok(e, `no episode content/episodes/${name}/ in the sample book`);
  return e;
};

test('there is one source file per episode of the sample book (19 to 22)', () => {
  assert.deepEqual(
    sourceFiles.map((f) => f.slice(0, 2)),
    ['19', '20', '21', '22'],
  );
  assert.deepEqual(
    book.episodes.map((e) => e.slug),
    sourceFiles.map((f) => f.replace(/\.txt$/, '')),
  );
});

for (const file of sourceFiles) {
  const src = readSource(file);
  describe(`episode ${src.name}`, () => {
    test('the source was read as expected (sanity check of this test)', () => {
      assert.ok(src.paragraphs.length >= 5, `only ${src.paragraphs.length} paragraphs read from ${file}`);
      for (const p of src.paragraphs) assert.ok(!p.includes(MARKER), 'the marker was taken for prose');
      assert.equal(src.marker === -1, src.number !== 20, 'only episode 20 has the marker line in its source');
    });

    test('the French paragraphs are byte-equal to the source, in order', () => {
      const raws = episode(src.name).original.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.raw] : []));
      assert.equal(raws.length, src.paragraphs.length, 'number of paragraphs');
      for (const [i, raw] of raws.entries()) assert.equal(raw, src.paragraphs[i], `paragraph ${i + 1} differs`);
      assert.ok(Buffer.from(raws.join('\n\n'), 'utf8').equals(Buffer.from(src.paragraphs.join('\n\n'), 'utf8')));
    });

    test("the frontmatter title and number are the source's first line", () => {
      const e = episode(src.name);
      assert.equal(e.original.title, src.title);
      assert.equal(e.number, src.number, 'the frontmatter number');
      assert.equal(e.original.file, `content/episodes/${src.name}/fr.mdx`);
    });

    test('the talk marker became <Talk /> in the right place', () => {
      const blocks = episode(src.name).original.blocks;
      const talks = blocks.flatMap((b, i) => (b.type === 'talk' ? [i] : []));
      const where = TALK[src.number];
      assert.ok(where, `no expectation for episode ${src.number}`);
      if (where === 'none') {
        assert.deepEqual(talks, [], 'episode 19 was published without an excerpt: no <Talk />');
        return;
      }
      assert.equal(talks.length, 1, 'exactly one <Talk />');
      assert.equal(talks[0], where === 'first' ? 0 : blocks.length - 1, `<Talk /> should be the ${where} block`);
      if (src.marker !== -1) {
        // Where the source has the marker, <Talk /> comes after as many paragraphs as the marker.
        const parasBefore = blocks.slice(0, talks[0]).filter((b) => b.type === 'paragraph').length;
        assert.equal(parasBefore, src.marker);
      }
    });

    test('the English translation exists, with as many paragraphs and none untranslated', () => {
      const e = episode(src.name);
      const en = e.translations.en;
      assert.ok(en, `content/episodes/${src.name}/en.mdx is missing`);
      assert.equal(en.blocks.filter((b) => b.type === 'paragraph').length, src.paragraphs.length);
      assert.equal(en.blocks.filter((b) => b.type === 'untranslated').length, 0);
      assert.ok(en.title, 'the English title is missing');
      const view = episodeView(book, e, 'en');
      assert.equal(view.counts.paragraphs, src.paragraphs.length);
      assert.equal(view.counts.untranslated, 0);
      const statuses = view.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.status] : []));
      assert.deepEqual(
        statuses.filter((s) => s === 'untranslated'),
        [],
      );
      assert.ok(
        view.blocks.every((b) => b.type !== 'paragraph' || b.lang === 'en'),
        'every English paragraph is in English',
      );
      assert.equal(view.title.lang, 'en');
    });
  });
}
