// One-off importer kept for reproducibility: turns the French source texts in
// ../shared/source/episodes-fr/ into episode folders. The prose is copied byte for byte;
// the "Appuyez sur play…" line becomes a <Talk /> marker (where the talk excerpt goes).
// Usage: node scripts/import-source.ts <source-dir> [--force]
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';

const TALK_LINE = 'Appuyez sur play pour voir l’extrait de la conférence correspondant à cet épisode';
// Per ../shared/source/README.md: in episodes 21 and 22 the excerpt came before the text.
const TALK_BEFORE_TEXT = new Set([21, 22]);

const [srcDir = '../shared/source/episodes-fr', flag] = process.argv.slice(2);
for (const file of readdirSync(srcDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const raw = readFileSync(join(srcDir, file), 'utf8');
  const [first, ...rest] = raw.split('\n');
  const m = /^(\d+)\. (.+)$/.exec(first!);
  if (!m) throw new Error(`${file}: first line must be "<number>. <title>"`);
  const number = Number(m[1]);
  const paragraphs = rest
    .join('\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  const blocks: string[] = [];
  if (TALK_BEFORE_TEXT.has(number)) blocks.push('<Talk />');
  for (const p of paragraphs) blocks.push(p === TALK_LINE ? '<Talk />' : p);
  const dir = join('content/episodes', basename(file, '.txt'));
  const target = join(dir, 'fr.mdx');
  if (existsSync(target) && flag !== '--force') {
    console.log(`skip ${target} (exists; --force to overwrite)`);
    continue;
  }
  mkdirSync(dir, { recursive: true });
  const fm = `---\nnumber: ${number}\ntitle: ${JSON.stringify(m[2])}\nsummary: ""\n---\n\n`;
  writeFileSync(target, `${fm + blocks.join('\n\n')}\n`);
  console.log(`wrote ${target}: ${paragraphs.length} paragraphs`);
}
