// Generates a synthetic book of N episodes in the sample's two languages, for benchmarks and
// scale tests. It reuses the sample's art, settings and bubble geometry, with different text in
// every paragraph and bubble (so no two panels share a cache entry). Deterministic: the same N
// always gives the same book.
// Usage: node scripts/generate-book.ts <episodes> [--out .build/generated/book-<n>] [--panels 4] [--paragraphs 10]
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { loadBook } from '../src/model/book.ts';
import { inlineText } from '../src/shared/text.ts';

export interface GenerateOptions {
  episodes: number;
  out: string;
  panelsPerEpisode?: number;
  paragraphsPerEpisode?: number;
  sample?: string;
}

/** A small deterministic PRNG (mulberry32): benchmarks must compare like with like. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateBook(opts: GenerateOptions): string {
  const sample = loadBook(resolve(opts.sample ?? '.'));
  const out = resolve(opts.out);
  const nPanels = opts.panelsPerEpisode ?? 4;
  const nParas = opts.paragraphsPerEpisode ?? 10;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'content/episodes'), { recursive: true });
  cpSync(join(sample.root, 'content/book.yaml'), join(out, 'content/book.yaml'));
  cpSync(join(sample.root, 'content/art'), join(out, 'content/art'), { recursive: true });
  cpSync(join(sample.root, 'content/pages'), join(out, 'content/pages'), { recursive: true });
  const original = sample.settings.original;
  const langs = sample.settings.languages.map((l) => l.code);
  // Vocabulary per language from the sample's own prose, so text looks and measures like it.
  const vocab: Record<string, string[]> = {};
  for (const lang of langs) {
    const words = sample.episodes.flatMap((e) => {
      const text = lang === original ? e.original : e.translations[lang];
      return (text?.blocks ?? []).flatMap((b) => (b.type === 'paragraph' ? inlineText(b.inlines).split(/\s+/) : []));
    });
    vocab[lang] = [
      ...new Set(words.map((w) => w.replace(/[«»“”"().,;:!?…]/g, '')).filter((w) => w.length > 1 && !w.includes('’'))),
    ];
  }
  const panels = sample.episodes.flatMap((e) => e.panels);
  const random = rng(opts.episodes * 7919);
  const sentence = (lang: string, words: number, n: number) => {
    const v = vocab[lang]!;
    const ws = Array.from({ length: words }, () => v[Math.floor(random() * v.length)]!);
    // A serial number makes every text unique even if the words repeat.
    ws.splice(Math.floor(random() * ws.length), 0, `n°${n}`);
    const s = ws.join(' ');
    return `${s[0]!.toUpperCase() + s.slice(1)}.`;
  };
  /** Words until `maxChars`, plus the serial number: short enough for a speech bubble. */
  const shortSentence = (lang: string, maxChars: number, n: number) => {
    // Words only (letters, digits, hyphens): the prose has emoji and signs the bubble font lacks.
    const v = vocab[lang]!.filter((w) => w.length <= 9 && /^[\p{L}\p{N}-]+$/u.test(w));
    let s = `n°${n}`;
    for (let i = 0; i < 40; i++) {
      const w = v[Math.floor(random() * v.length)]!;
      if (s.length + w.length + 2 > maxChars) break;
      s += ` ${w}`;
    }
    return `${s[0]!.toUpperCase() + s.slice(1)}.`;
  };
  let serial = 0;
  for (let i = 1; i <= opts.episodes; i++) {
    const slug = `${String(i).padStart(3, '0')}-episode-${i}`;
    const dir = join(out, 'content/episodes', slug);
    mkdirSync(join(dir, 'panels'), { recursive: true });
    const chosen = Array.from({ length: nPanels }, (_, k) => panels[(i * nPanels + k) % panels.length]!);
    // A strip of the sample is drawn by its first frame here: the generated book has plain panels.
    const defs = chosen.map((def, k) => {
      const p = def.frames[0]!;
      const id = `${def.id}-${i}-${k + 1}`;
      const file = `${id}.svg`;
      cpSync(join(sample.root, p.artPath), join(dir, 'panels', file));
      return {
        id,
        art: `panels/${file}`,
        alt: Object.fromEntries(langs.map((l) => [l, sentence(l, 10, ++serial)])),
        bubbles: p.bubbles.map((b) => ({
          ...b,
          // As long as the original bubble at most (in characters), so that it fits its box.
          text: Object.fromEntries(
            langs.map((l) => [
              l,
              shortSentence(l, Math.max(12, Math.round((b.text[original] ?? '').length * 0.75)), ++serial),
            ]),
          ),
        })),
      };
    });
    writeFileSync(join(dir, 'panels.yaml'), stringify({ panels: defs }));
    for (const lang of langs) {
      const blocks: string[] = [];
      for (let k = 0; k < nParas; k++) {
        blocks.push(sentence(lang, 25 + Math.floor(random() * 40), ++serial));
        const panel = defs[Math.floor((k * nPanels) / nParas)];
        if ((k * nPanels) % nParas === 0 && panel) blocks.push(`<Panel id="${panel.id}" />`);
      }
      const front =
        lang === original
          ? `number: ${i}\ntitle: "${sentence(lang, 4, ++serial).slice(0, -1)}"\nsummary: "${sentence(lang, 14, ++serial)}"`
          : `title: "${sentence(lang, 4, ++serial).slice(0, -1)}"\nsummary: "${sentence(lang, 14, ++serial)}"`;
      writeFileSync(join(dir, `${lang}.mdx`), `---\n${front}\n---\n\n${blocks.join('\n\n')}\n`);
    }
  }
  return out;
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      panels: { type: 'string', default: '4' },
      paragraphs: { type: 'string', default: '10' },
    },
  });
  const n = Number(positionals[0] ?? 100);
  const out = generateBook({
    episodes: n,
    out: values.out ?? `.build/generated/book-${n}`,
    panelsPerEpisode: Number(values.panels),
    paragraphsPerEpisode: Number(values.paragraphs),
  });
  const book = loadBook(out);
  console.log(
    `Generated ${book.episodes.length} episodes, ${book.episodes.reduce((s, e) => s + e.panels.length, 0)} panels in ${out}`,
  );
}
