// Records, in a translation, which version of the original it translates: a fingerprint per
// part (title, summary, paragraph, heading, list item, figure text; panel alt text and bubble). `npm run status -- --stamp`
// writes them after a translator has brought a translation up to date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, parseDocument, isMap, isSeq } from 'yaml';
import type { Book, Episode } from '../model/book.ts';
import type { PanelArt } from '../model/schemas/panels.ts';
import { shortHash } from '../model/hash.ts';
import { translatedUnits } from '../model/episode/units.ts';
import { readBookText } from '../model/read.ts';
import { formatProblem } from '../model/errors.ts';

function readOrThrow(root: string, file: string): string {
  const read = readBookText(root, file);
  if ('text' in read) return read.text;
  throw new Error(formatProblem(read));
}

/** Stamps `lang`'s translation of `episode`: only the parts that are translated get a stamp. */
export function stampTranslation(book: Book, episode: Episode, lang: string): { file: string; parts: number } {
  const t = episode.translations[lang];
  if (!t) throw new Error(`${episode.dir}: there is no ${lang}.mdx to stamp.`);
  const stamps: Record<string, string> = {};
  if (t.title) stamps.title = shortHash(episode.original.title);
  if (t.summary && episode.original.summary) stamps.summary = shortHash(episode.original.summary);
  // Every unit translated: paragraphs, headings, list items, figure texts (src/model/episode/units.ts).
  for (const [id, hash] of translatedUnits(episode.original.blocks, t.blocks)) stamps[id] = hash;
  const path = join(book.root, t.file);
  const text = readOrThrow(book.root, t.file);
  const m = /^---\n([\s\S]*?)\n?---\n/.exec(text)!;
  const parsed = parseDocument(m[1] ?? '');
  // An empty frontmatter has no map to add to: start a new document.
  const doc: Document = isMap(parsed.contents) ? parsed : new Document({});
  doc.set('translates', stamps);
  writeFileSync(path, `---\n${doc.toString({ lineWidth: 0 }).trimEnd()}\n---\n${text.slice(m[0].length)}`);
  return { file: t.file, parts: Object.keys(stamps).length };
}

/** Stamps the panel texts (alt and bubbles) of `lang` in the episode's panels.yaml. */
export function stampPanels(book: Book, episode: Episode, lang: string): { file: string; parts: number } {
  const file = `${episode.dir}/panels.yaml`;
  if (!episode.panels.length) return { file, parts: 0 };
  const path = join(book.root, file);
  const doc = parseDocument(readOrThrow(book.root, file));
  const panels = doc.get('panels');
  let parts = 0;
  if (!isSeq(panels)) return { file, parts };
  const original = book.settings.original;
  /** One drawing's mapping in the YAML (a panel, or a frame of a strip) and its definition. */
  const stampArt = (item: unknown, def: PanelArt) => {
    if (!isMap(item)) return;
    if (def.alt[lang]?.trim()) {
      item.setIn(['translates', lang], shortHash(def.alt[original] ?? ''));
      parts++;
    }
    const bubbles = item.get('bubbles');
    if (!isSeq(bubbles)) return;
    bubbles.items.forEach((b, j) => {
      const bd = def.bubbles[j];
      if (!isMap(b) || !bd?.text[lang]?.trim()) return;
      b.setIn(['translates', lang], shortHash(bd.text[original] ?? ''));
      parts++;
    });
  };
  panels.items.forEach((item, i) => {
    const def = episode.panels[i];
    if (!isMap(item) || !def) return;
    if (!def.strip) {
      stampArt(item, def.frames[0]!);
      return;
    }
    const frames = item.get('frames');
    if (isSeq(frames))
      frames.items.forEach((f, j) => {
        if (def.frames[j]) stampArt(f, def.frames[j]);
      });
  });
  writeFileSync(path, doc.toString({ lineWidth: 0 }));
  return { file, parts };
}
