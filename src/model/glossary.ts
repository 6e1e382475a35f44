// The book's glossary (content/glossary.yaml) and its check: a panel's bubble or alt text that uses
// a term's variant which the prose of the same episode, in the same language, does not use is
// reported as a warning (an error with `npm run build -- --strict`). Panels and prose must say the
// same thing the same way: a reader who meets "test subject" under a drawing of what the text calls
// a guinea pig wonders whether they are two things.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentProblem } from './errors.ts';
import type { PanelDef } from './schemas/panels.ts';
import { glossarySchema, type GlossaryTerm } from './schemas/glossary.ts';
import type { Settings } from './schemas/settings.ts';
import { languageCodes } from './settings.ts';
import { readBookText } from './read.ts';
import { parseYaml, zodProblems } from './yaml-source.ts';

export const GLOSSARY_FILE = 'content/glossary.yaml';

/** The glossary, checked against the book's languages; none when the book has no glossary file. */
export function loadGlossary(root: string, settings: Settings, problems: ContentProblem[]): GlossaryTerm[] {
  if (!existsSync(join(root, GLOSSARY_FILE))) return [];
  const read = readBookText(root, GLOSSARY_FILE);
  if (!('text' in read)) {
    problems.push(read);
    return [];
  }
  const src = parseYaml(read.text, GLOSSARY_FILE);
  if (!('data' in src)) {
    problems.push(src);
    return [];
  }
  const parsed = glossarySchema.safeParse(src.data);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, src));
    return [];
  }
  const langs = languageCodes(settings);
  const seen = new Set<string>();
  parsed.data.terms.forEach((term, i) => {
    const at = (path: PropertyKey[], field: string, message: string) =>
      problems.push({
        file: GLOSSARY_FILE,
        line: src.lineOf(['terms', i, ...path]),
        field: `terms.${i}.${field}`,
        message,
      });
    if (seen.has(term.id)) at(['id'], 'id', `the term "${term.id}" is listed twice: give each concept one entry.`);
    seen.add(term.id);
    for (const key of [...Object.keys(term.words), ...Object.keys(term.variants ?? {})]) {
      if (!langs.includes(key))
        at([key], key, `unknown language "${key}": the book's languages are ${langs.join(', ')} (content/book.yaml).`);
    }
    if (!wordIn(term, settings.original))
      at([], settings.original, `the term "${term.id}" has no word in the original language (${settings.original}).`);
  });
  return parsed.data.terms;
}

/** The word a term uses in `lang`. */
export function wordIn(term: GlossaryTerm, lang: string): string | undefined {
  return term.words[lang];
}

/** Apostrophes and case do not make another word: "Don’t" and "don't" are the same. */
const fold = (s: string, lang: string) => s.replace(/[’ʼ]/g, "'").toLocaleLowerCase(lang);

/** Whether `text` uses `word` as a whole word (or words). */
export function uses(text: string, word: string, lang: string): boolean {
  const w = fold(word, lang).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'u').test(fold(text, lang));
}

export interface GlossaryText {
  lang: string;
  text: string;
}

/**
 * The warnings of one episode: each variant that a panel text uses and the episode's prose in that
 * language does not. `prose` is the episode's own text per language (fallbacks excluded); `panels`
 * every bubble and alt text written in that language, with the field that holds it.
 */
export function glossaryWarnings(
  terms: GlossaryTerm[],
  prose: Record<string, string>,
  panels: Array<GlossaryText & { file: string; field: string; line?: number }>,
): ContentProblem[] {
  const warnings: ContentProblem[] = [];
  for (const p of panels) {
    for (const term of terms) {
      for (const variant of term.variants?.[p.lang] ?? []) {
        if (!uses(p.text, variant, p.lang) || uses(prose[p.lang] ?? '', variant, p.lang)) continue;
        const word = wordIn(term, p.lang);
        warnings.push({
          file: p.file,
          line: p.line,
          field: p.field,
          message:
            `"${variant}" is a variant of the glossary's "${word ?? term.id}" (${GLOSSARY_FILE}, ${term.id}) that the prose of this episode does not use` +
            (word ? `: write "${word}", as the prose does, or use "${variant}" in the prose too.` : '.'),
        });
      }
    }
  }
  return warnings;
}

/** The glossary warnings of every episode of a book, with the line of each panel text in its panels.yaml. */
export function checkGlossary<E extends { dir: string; panels: PanelDef[] }>(
  root: string,
  settings: Settings,
  terms: GlossaryTerm[],
  episodes: E[],
  proseOf: (episode: E, lang: string) => string,
): ContentProblem[] {
  if (!terms.some((t) => t.variants)) return [];
  const langs = languageCodes(settings);
  return episodes.flatMap((e) => {
    if (!e.panels.length) return [];
    const file = `${e.dir}/panels.yaml`;
    const read = readBookText(root, file);
    const src = 'text' in read ? parseYaml(read.text, file) : undefined;
    const lineOf = (path: PropertyKey[]) => (src && 'data' in src ? src.lineOf(path) : undefined);
    const texts = e.panels.flatMap((def, i) =>
      def.frames.flatMap((panel) => {
        // A frame's texts sit under frames: in the YAML.
        const at = ['panels', i, ...(panel.frame === undefined ? [] : ['frames', panel.frame])];
        return langs.flatMap((lang) => [
          ...(panel.alt[lang]
            ? [
                {
                  lang,
                  text: panel.alt[lang],
                  file,
                  field: `${panel.field}.alt.${lang}`,
                  line: lineOf([...at, 'alt', lang]),
                },
              ]
            : []),
          ...panel.bubbles.flatMap((b, j) =>
            b.text[lang]
              ? [
                  {
                    lang,
                    text: b.text[lang],
                    file,
                    field: `${panel.field}.bubbles.${b.id}.text.${lang}`,
                    line: lineOf([...at, 'bubbles', j, 'text', lang]),
                  },
                ]
              : [],
          ),
        ]);
      }),
    );
    const prose = Object.fromEntries(langs.map((lang) => [lang, proseOf(e, lang)]));
    return glossaryWarnings(terms, prose, texts);
  });
}
