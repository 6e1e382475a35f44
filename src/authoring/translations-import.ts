// `npm run translations -- import <file.po…>`: translators' PO files back into the book. Only
// what changed is written, in place (the rest of each file stays byte for byte as it was, YAML
// comments and order included); a unit translated and not fuzzy is stamped. All or nothing: one
// refused unit (its original changed since the export, a broken inline code, a file for another
// book) and nothing is written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, isMap, isScalar, parseDocument, Scalar } from 'yaml';
import type { Book, Episode, EpisodeText } from '../model/book.ts';
import type { Block, ListBlock } from '../model/episode/blocks.ts';
import { parseBody } from '../model/episode/blocks.ts';
import { splitFrontmatter } from '../model/episode/frontmatter.ts';
import { checkStructure } from '../model/episode/structure.ts';
import { type ContentProblem, formatProblem } from '../model/errors.ts';
import { readBookText } from '../model/read.ts';
import { SETTINGS_FILE } from '../model/settings.ts';
import type { Inline } from '../shared/text.ts';
import { fromCodes, sameInlines, toMarkdown } from './inline-codes.ts';
import { type PoEntry, type PoFile, parsePo } from './po.ts';
import { STRINGS } from '../i18n/index.ts';
import { BOOK_HEADER, PART_HEADER, readSettingsText, settingTexts, uiUnits } from './translations-export.ts';
import { registerStrings, stringsModule } from './ui-strings.ts';
import { episodeUnits, type Unit } from './translation-units.ts';

export interface ImportResult {
  /** Files to write, relative to the book root, with their new text. */
  writes: Array<{ file: string; text: string }>;
  /** Files of the kit to write (a new language's interface strings), relative to the kit's root. */
  kitWrites: Array<{ file: string; text: string }>;
  report: string[];
}

export interface ImportOptions {
  /** The kit's folder, whose src/i18n/ receives a new language's interface strings. */
  kitRoot?: string;
}

const KIT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The book.yaml texts a build requires in every language (settings.ts, checkLocalized). */
const REQUIRED_SETTINGS = ['book title', 'book description', 'book licence.name', 'book licence.statement'];

/** One change the import makes: a unit's new text (inlines for prose), and whether to stamp it. */
interface Change {
  unit: Unit;
  entry: PoEntry;
  text: string;
  inlines?: Inline[];
  stamp: boolean;
  write: boolean;
}

class Refusals extends Error {}

export function importTranslations(
  book: Book,
  inputs: Array<{ file: string; text: string }>,
  options: ImportOptions = {},
): ImportResult {
  const problems: string[] = [];
  const writes: ImportResult['writes'] = [];
  const kitWrites: ImportResult['kitWrites'] = [];
  const report: string[] = [];
  const seen = new Set<string>();
  const parsed: Array<{ input: { file: string; text: string }; po: PoFile }> = [];
  for (const input of inputs) {
    try {
      parsed.push({ input, po: parsePo(input.text, input.file) });
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  // A language the book does not list yet comes in with its book.po (it adds the language).
  const listed = (lang: string) => book.settings.languages.some((l) => l.code === lang);
  const arriving = new Set(
    parsed
      .filter(({ po }) => po.headers[PART_HEADER] === 'book' && po.headers[BOOK_HEADER] === book.settings.id)
      .map(({ po }) => po.headers.Language ?? '')
      .filter((lang) => lang && lang !== book.settings.original && !listed(lang)),
  );
  for (const { input, po } of parsed) {
    const bookId = po.headers[BOOK_HEADER];
    const lang = po.headers.Language ?? '';
    const part = po.headers[PART_HEADER] ?? '';
    if (bookId !== book.settings.id) {
      problems.push(
        `${input.file}: this file is for ${bookId ? `the book "${bookId}"` : 'no Planches book (it has no X-Planches-Book header)'}, not for "${book.settings.id}" (content/book.yaml, id).`,
      );
      continue;
    }
    if (!lang || lang === book.settings.original || !(listed(lang) || arriving.has(lang))) {
      problems.push(
        `${input.file}: its Language header is "${lang}"; the book's translated languages are ${book.settings.languages
          .map((l) => l.code)
          .filter((c) => c !== book.settings.original)
          .join(
            ', ',
          )} (a new language comes in with its book.po: import it together with the episodes, see docs/authoring.md, "For translators").`,
      );
      continue;
    }
    if (seen.has(`${lang} ${part}`)) {
      problems.push(`${input.file}: another file of this import is also "${part}" in ${lang}; import one of them.`);
      continue;
    }
    seen.add(`${lang} ${part}`);
    const before = problems.length;
    let out: Array<{ file: string; text: string }> = [];
    let changed = 0;
    try {
      if (part === 'book') {
        const r = importSettings(book, lang, po, input.file, problems, options.kitRoot ?? KIT_ROOT);
        out = r.writes;
        changed = r.changed;
        kitWrites.push(...r.kitWrites);
      } else {
        const slug = part.replace(/^episode /, '');
        const episode = book.episodes.find((e) => e.slug === slug);
        if (!part.startsWith('episode ') || !episode) {
          problems.push(`${input.file}: its X-Planches-Part header "${part}" names no episode of this book.`);
          continue;
        }
        const r = importEpisode(book, episode, lang, po, input.file, problems);
        out = r.writes;
        changed = r.changed;
      }
    } catch (e) {
      if (!(e instanceof Refusals)) throw e;
    }
    if (problems.length > before) continue;
    writes.push(...out);
    report.push(
      `${input.file}: ${changed} unit(s) written${out.length ? ` into ${out.map((w) => w.file).join(', ')}` : ''}`,
    );
  }
  if (problems.length)
    throw new Error(`nothing was imported; fix these and import again:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return { writes, kitWrites, report };
}

/** What the import does with each entry of `po`, checked against the units as they are now. */
function changesOf(units: Unit[], po: PoFile, file: string, what: string, problems: string[]): Change[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: Change[] = [];
  for (const entry of po.entries) {
    const u = byId.get(entry.id);
    if (!u) {
      problems.push(`${file}: unit "${entry.id}" is not a unit of ${what} (did its original change? export again).`);
      continue;
    }
    // An empty translation in the file leaves the book's as it is.
    if (!entry.target) continue;
    const write = entry.target !== u.target;
    const stamp = !entry.fuzzy && (write || (u.stamp !== undefined && u.stamp !== u.hash));
    if (!write && !stamp) continue;
    if (entry.source !== u.source) {
      problems.push(
        `${file}: unit "${entry.id}": its original changed since this file was exported (now “${clip(u.source)}”, the file has “${clip(entry.source)}”). Export again and translate the new original.`,
      );
      continue;
    }
    if (u.codes) {
      const inlines = fromCodes(entry.target, [...u.codes]);
      if ('error' in inlines) {
        problems.push(
          `${file}: unit "${entry.id}": broken inline code: ${inlines.error}. The original reads “${clip(u.source)}”.`,
        );
        continue;
      }
      out.push({ unit: u, entry, text: entry.target, inlines, stamp, write });
    } else {
      if (/<\/?\d+\/?>/.test(entry.target)) {
        problems.push(
          `${file}: unit "${entry.id}": this text takes no inline codes, but it has ${/<\/?\d+\/?>/.exec(entry.target)![0]}.`,
        );
        continue;
      }
      out.push({ unit: u, entry, text: entry.target, stamp, write });
    }
  }
  return out;
}

const clip = (s: string) => (s.length > 70 ? `${s.slice(0, 67)}…` : s);

function read(book: Book, file: string): string {
  const r = readBookText(book.root, file);
  if ('text' in r) return r.text;
  throw new Error(formatProblem(r));
}

/** An episode translation as the book reads it, from a text not yet written. */
function parseTranslation(file: string, lang: string, text: string): EpisodeText | ContentProblem[] {
  const split = splitFrontmatter(text, file);
  if (!('front' in split)) return [split];
  const body = parseBody(split.body, file, split.bodyLineOffset);
  if (body.problems.length) return body.problems;
  const data = (split.front.data ?? {}) as { title?: string; summary?: string; translates?: Record<string, string> };
  return { lang, file, title: data.title, summary: data.summary, blocks: body.blocks, translates: data.translates };
}

/** The body of a translation not started: the original's markers, `<Untranslated />` for its texts. */
function skeleton(blocks: Block[]): string {
  return blocks
    .flatMap((b) =>
      b.type === 'panel'
        ? [`<Panel id="${b.id}" />`]
        : b.type === 'talk'
          ? ['<Talk />']
          : b.type === 'note'
            ? []
            : ['<Untranslated />'],
    )
    .join('\n\n');
}

const lineStart = (text: string, line: number): number => {
  let at = 0;
  for (let i = 1; i < line; i++) at = text.indexOf('\n', at) + 1;
  return at;
};

const attr = (name: string, value: string): string => {
  if (!value.includes('"')) return ` ${name}="${value}"`;
  if (!value.includes("'")) return ` ${name}='${value}'`;
  throw new Error(`${name}: a figure's ${name} cannot hold both " and ' (an MDX attribute has no escapes).`);
};

function listMarkdown(list: ListBlock, value: (item: ListBlock['items'][number]) => string, indent = ''): string {
  return list.items
    .map((item, j) => {
      const marker = list.ordered ? `${list.start + j}. ` : '- ';
      const own = `${indent}${marker}${value(item)}`;
      return item.list ? `${own}\n${listMarkdown(item.list, value, indent + ' '.repeat(marker.length))}` : own;
    })
    .join('\n');
}

/**
 * A YAML document written back in its file's own style: no line folding, and flow collections
 * padded (`{ x: 24 }`) or not (`[en, fr]`) as the file already writes them.
 */
function yamlText(doc: Document, source: string): string {
  const padded = /[[{][ \t]+[^\s\]}]/.test(source);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: padded || !/[[{][^\s\]}]/.test(source) });
}

function setText(doc: Document, path: Array<string | number>, value: string): void {
  const node = doc.getIn(path, true);
  if (isScalar(node)) node.value = value;
  else {
    const s = new Scalar(value);
    s.type = Scalar.QUOTE_DOUBLE;
    doc.setIn(path, s);
  }
}

function importEpisode(
  book: Book,
  episode: Episode,
  lang: string,
  po: PoFile,
  file: string,
  problems: string[],
): { writes: Array<{ file: string; text: string }>; changed: number } {
  const what = `episode ${episode.number}`;
  const changes = changesOf(episodeUnits(book, episode, lang), po, file, what, problems);
  if (problems.length) throw new Refusals();
  if (!changes.length) return { writes: [], changed: 0 };
  const writes: Array<{ file: string; text: string }> = [];
  const prose = changes.filter((c) => c.unit.place.kind === 'prose' || c.unit.place.kind === 'front');
  const panels = changes.filter((c) => c.unit.place.kind === 'alt' || c.unit.place.kind === 'bubble');
  if (prose.length) writes.push(writeTranslation(book, episode, lang, prose, file, problems));
  if (panels.length) writes.push(writePanels(book, episode, lang, panels));
  return { writes, changed: changes.filter((c) => c.write).length };
}

function writeTranslation(
  book: Book,
  episode: Episode,
  lang: string,
  changes: Change[],
  poFile: string,
  problems: string[],
): { file: string; text: string } {
  const file = `${episode.dir}/${lang}.mdx`;
  const exists = existsSync(join(book.root, file));
  let text = exists ? read(book, file) : '---\n{}\n---\n';
  const parsed = parseTranslation(file, lang, text);
  if (Array.isArray(parsed)) throw new Error(parsed.map(formatProblem).join('\n'));
  // A translation not started gets the original's structure first, every text untranslated.
  if (!parsed.blocks.length) text = `${text.replace(/\n*$/, '\n')}\n${skeleton(episode.original.blocks)}\n`;
  const base = parseTranslation(file, lang, text);
  if (Array.isArray(base)) throw new Error(base.map(formatProblem).join('\n'));
  const units = new Map(episodeUnits(book, episode, lang, base).map((u) => [u.id, u]));
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const md = (c: Change) => (c.inlines ? toMarkdown(c.inlines) : c.text);
  const find = (needle: string | RegExp, from: number, id: string): { start: number; end: number } => {
    if (typeof needle === 'string') {
      const at = text.indexOf(needle, from);
      if (at >= 0) return { start: at, end: at + needle.length };
    } else {
      const re = new RegExp(needle.source, 'g');
      re.lastIndex = from;
      const m = re.exec(text);
      if (m) return { start: m.index, end: m.index + m[0].length };
    }
    throw new Error(`${file}: could not find where unit "${id}" is written (this is a bug of the import).`);
  };
  const UNTRANSLATED = /<Untranslated\s*\/>/;
  // Changes to one `<Untranslated />` block (a whole list or figure) are written together.
  const whole = new Map<number, Change[]>();
  const front: Change[] = [];
  for (const c of changes) {
    const u = units.get(c.unit.id)!;
    const place = u.place;
    if (!c.write) continue;
    if (place.kind === 'front') {
      front.push(c);
      continue;
    }
    if (place.kind !== 'prose') continue;
    const t = place.tblock;
    const from = lineStart(text, t?.line ?? 1);
    if (!t || t.type === 'untranslated') {
      whole.set(place.index, [...(whole.get(place.index) ?? []), c]);
    } else if (place.item) {
      const ti = place.item.translation!;
      const at = lineStart(text, ti.line);
      edits.push({ ...(ti.untranslated ? find(UNTRANSLATED, at, u.id) : find(ti.raw, at, u.id)), text: md(c) });
    } else if (t.type === 'heading' && t.untranslated) {
      edits.push({ ...find(UNTRANSLATED, from, u.id), text: md(c) });
    } else if ((t.type === 'paragraph' || t.type === 'heading') && t.raw.startsWith('<Lang ')) {
      // A whole paragraph in another language: its inner text is what the file holds.
      const inner = t.raw.replace(/^<Lang [^>]*>/, '').replace(/<\/Lang>$/, '');
      const at = find(inner, from, u.id);
      const end = find('</Lang>', at.end, u.id).end;
      const only = c.inlines?.length === 1 && c.inlines[0]!.type === 'lang' ? c.inlines[0] : undefined;
      edits.push(
        only && only.type === 'lang' && `<Lang ${only.lang}>` === /^<Lang [^>]*>/.exec(t.raw)![0]
          ? { ...at, text: toMarkdown(only.children) }
          : { start: from, end, text: md(c) },
      );
    } else if (t.type === 'paragraph' || t.type === 'heading') {
      edits.push({ ...find(t.raw, from, u.id), text: md(c) });
    } else if (t.type === 'figure' && place.part === 'caption') {
      if (t.caption) edits.push({ ...find(t.caption.raw, from, u.id), text: md(c) });
      else edits.push({ ...find(/\s*\/>/, from, u.id), text: `>\n${md(c)}\n</Figure>` });
    } else if (t.type === 'figure' && place.part) {
      const name = place.part;
      const m = find(new RegExp(`\\s${name}=("[^"]*"|'[^']*')`), from, u.id);
      const tagEnd = text.indexOf('>', from);
      const value = attr(name, c.text);
      if (t[name] && m.start < tagEnd) edits.push({ ...m, text: value });
      else {
        const src = find(/\ssrc=("[^"]*"|'[^']*')/, from, u.id);
        edits.push({ start: src.end, end: src.end, text: value });
      }
    }
  }
  for (const [index, list] of whole) {
    const b = episode.original.blocks[index]!;
    const t = units.get(list[0]!.unit.id)!.place;
    const line = t.kind === 'prose' && t.tblock ? t.tblock.line : 1;
    const byId = new Map(list.map((c) => [c.unit.id, c]));
    const unitOf = (pred: (u: Unit) => boolean) => {
      const u = [...units.values()].find(pred);
      return u ? byId.get(u.id) : undefined;
    };
    let out: string;
    if (b.type === 'paragraph') out = md(list[0]!);
    else if (b.type === 'heading') out = `${'#'.repeat(b.depth)} ${md(list[0]!)}`;
    else if (b.type === 'list')
      out = listMarkdown(b, (item) => {
        const c = unitOf((u) => u.place.kind === 'prose' && u.place.item?.original === item);
        return c ? md(c) : '<Untranslated />';
      });
    else if (b.type === 'figure') {
      const part = (p: 'alt' | 'caption' | 'credit') =>
        unitOf((u) => u.place.kind === 'prose' && u.place.index === index && u.place.part === p);
      const alt = part('alt');
      const credit = part('credit');
      const caption = part('caption');
      try {
        const attrs = `${alt ? attr('alt', alt.text) : ''}${credit ? attr('credit', credit.text) : ''}`;
        out = `<Figure src="${b.src}"${attrs}${caption ? `>\n${md(caption)}\n</Figure>` : ' />'}`;
      } catch (e) {
        problems.push(`${poFile}: unit "${list[0]!.unit.id}": ${(e as Error).message}`);
        throw new Refusals();
      }
    } else continue;
    edits.push({ ...find(UNTRANSLATED, lineStart(text, line), list[0]!.unit.id), text: out });
  }
  edits.sort((a, b) => b.start - a.start);
  for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  const stamps = changes.filter((c) => c.stamp);
  if (front.length || stamps.length) {
    const m = /^---\n([\s\S]*?)\n?---\n/.exec(text)!;
    const parsed = parseDocument(m[1] ?? '');
    // An empty frontmatter has no map to add to: start a new one.
    const doc: Document = isMap(parsed.contents) ? parsed : new Document({});
    // A new translation's `{}` becomes a block map, as authors write frontmatter.
    if (isMap(doc.contents) && !doc.contents.items.length) doc.contents.flow = false;
    for (const c of front) setText(doc, [c.unit.id], c.text);
    for (const c of stamps) doc.setIn(['translates', c.unit.id], c.unit.hash);
    text = `---\n${yamlText(doc, m[1] ?? '').trimEnd()}\n---\n${text.slice(m[0].length)}`;
  }
  verify(book, episode, lang, file, text, changes, poFile, problems);
  return { file, text };
}

/** Reads the new text as the build will: its structure and every written unit must come back. */
function verify(
  book: Book,
  episode: Episode,
  lang: string,
  file: string,
  text: string,
  changes: Change[],
  poFile: string,
  problems: string[],
): void {
  const parsed = parseTranslation(file, lang, text);
  const structure: ContentProblem[] = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) checkStructure(episode.original, parsed, structure);
  if (structure.length || Array.isArray(parsed)) {
    problems.push(
      `${poFile}: the translations would not make a valid ${file}:\n${structure.map((p) => `    ${formatProblem(p)}`).join('\n')}`,
    );
    throw new Refusals();
  }
  const now = new Map(episodeUnits(book, episode, lang, parsed).map((u) => [u.id, u]));
  for (const c of changes) {
    if (!c.write) continue;
    const u = now.get(c.unit.id)!;
    const back = u.codes && c.inlines ? fromCodes(u.target, [...u.codes]) : undefined;
    const same = c.inlines
      ? back !== undefined && !('error' in back) && sameInlines(back, c.inlines)
      : u.target === c.text;
    if (!same)
      problems.push(
        `${poFile}: unit "${c.unit.id}": its text cannot be written in ${file} so that it reads back the same (it would read “${clip(u.target)}”); check spaces next to the codes.`,
      );
  }
  if (problems.length) throw new Refusals();
}

function writePanels(book: Book, episode: Episode, lang: string, changes: Change[]): { file: string; text: string } {
  const file = `${episode.dir}/panels.yaml`;
  const source = read(book, file);
  const doc = parseDocument(source);
  for (const c of changes) {
    const p = c.unit.place;
    const panel: Array<string | number> =
      p.kind === 'alt' || p.kind === 'bubble'
        ? ['panels', p.panel, ...(p.frame === undefined ? [] : ['frames', p.frame])]
        : [];
    const at = p.kind === 'bubble' ? [...panel, 'bubbles', p.bubble] : panel;
    if (c.write) setText(doc, [...at, p.kind === 'alt' ? 'alt' : 'text', lang], c.text);
    if (c.stamp) doc.setIn([...at, 'translates', lang], c.unit.hash);
  }
  return { file, text: yamlText(doc, source) };
}

function importSettings(
  book: Book,
  lang: string,
  po: PoFile,
  file: string,
  problems: string[],
  kitRoot: string,
): {
  writes: Array<{ file: string; text: string }>;
  kitWrites: Array<{ file: string; text: string }>;
  changed: number;
} {
  const source = readSettingsText(book);
  const texts = settingTexts(book, lang, source);
  const byId = new Map(texts.map((s) => [s.id, s]));
  const ui = new Map(uiUnits(book, lang).map((u) => [u.id, u]));
  const doc = parseDocument(source);
  const given = new Map<string, string>();
  let yamlChanges = 0;
  let uiChanges = 0;
  for (const e of po.entries) {
    if (e.id.startsWith('ui ')) {
      const u = ui.get(e.id);
      if (STRINGS[lang]) {
        if (e.target)
          problems.push(
            `${file}: unit "${e.id}": ${lang} already has its interface strings in src/i18n/${lang}.ts; change them there.`,
          );
      } else if (!u) problems.push(`${file}: unit "${e.id}" is not an interface string of the kit (export again).`);
      else if (e.target && !e.fuzzy) {
        const wanted = placeholders(u.source);
        if (wanted !== placeholders(e.target))
          problems.push(
            `${file}: unit "${e.id}": keep the placeholders ${wanted || '(none)'} as they are; the translation has ${placeholders(e.target) || 'none'}.`,
          );
        else given.set(e.id, e.target);
      }
      continue;
    }
    const s = byId.get(e.id);
    if (!s) {
      problems.push(`${file}: unit "${e.id}" is not a text of ${SETTINGS_FILE} (export again).`);
      continue;
    }
    if (e.target) given.set(e.id, e.target);
    if (!e.target || e.target === s.target) continue;
    if (e.source !== s.source) {
      problems.push(
        `${file}: unit "${e.id}": its original changed since this file was exported (now “${clip(s.source)}”). Export again.`,
      );
      continue;
    }
    setText(doc, [...s.path, lang], e.target);
    yamlChanges++;
  }
  const kitWrites: Array<{ file: string; text: string }> = [];
  const listed = book.settings.languages.some((l) => l.code === lang);
  // A new language needs every interface string (the kit's types require each key) and, to be
  // added to the book, the texts a build requires in every language; until then, nothing is written.
  const missing = [
    ...(STRINGS[lang] ? [] : [...ui.keys()].filter((id) => !given.has(id))),
    ...(listed ? [] : REQUIRED_SETTINGS.filter((id) => byId.has(id) && !given.has(id))),
  ];
  if (missing.length)
    problems.push(
      `${file}: a new language needs these units translated (and not fuzzy) before it can be added: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''}.`,
    );
  if (problems.length) throw new Refusals();
  const name = given.get('ui lang.name') ?? lang;
  if (!STRINGS[lang]) {
    const index = readFileSync(join(kitRoot, 'src/i18n/index.ts'), 'utf8');
    const registered = registerStrings(index, lang);
    if (typeof registered !== 'string') {
      problems.push(`${file}: ${registered.error}.`);
      throw new Refusals();
    }
    const strings = [...ui.values()].map((u): [string, string] => [u.key, given.get(u.id)!]);
    kitWrites.push({ file: `src/i18n/${lang}.ts`, text: stringsModule(lang, name, strings) });
    kitWrites.push({ file: 'src/i18n/index.ts', text: registered });
    uiChanges = strings.length;
  }
  if (!listed) {
    doc.addIn(['languages'], doc.createNode({ code: lang, name }));
    yamlChanges++;
  }
  return {
    writes: yamlChanges ? [{ file: SETTINGS_FILE, text: yamlText(doc, source) }] : [],
    kitWrites,
    changed: yamlChanges + uiChanges,
  };
}

/** The {placeholders} of an interface string, sorted, as one comparable string. */
const placeholders = (s: string): string =>
  [...s.matchAll(/\{\w+\}/g)]
    .map((m) => m[0])
    .sort()
    .join(' ');
