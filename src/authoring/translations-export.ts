// `npm run translations -- export <lang>`: one PO file per episode, and book.po with the book
// settings' texts (and, for a language the kit has no interface strings for, those strings).
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Book } from '../model/book.ts';
import { SETTINGS_FILE } from '../model/settings.ts';
import { readBookText } from '../model/read.ts';
import { formatProblem } from '../model/errors.ts';
import { STRINGS } from '../i18n/index.ts';
import { type PoEntry, writePo } from './po.ts';
import { episodeUnits, type Unit } from './translation-units.ts';

export const BOOK_HEADER = 'X-Planches-Book';
export const PART_HEADER = 'X-Planches-Part';

/** A text of content/book.yaml written per language: its path and its original. */
export interface SettingText {
  id: string;
  path: Array<string | number>;
  source: string;
  target: string;
}

export function readSettingsText(book: Book): string {
  const read = readBookText(book.root, SETTINGS_FILE);
  if ('text' in read) return read.text;
  throw new Error(formatProblem(read));
}

/** Every map of book.yaml with a text in the original language ("title", "authors.2.name"…). */
export function settingTexts(book: Book, lang: string, text = readSettingsText(book)): SettingText[] {
  const original = book.settings.original;
  const out: SettingText[] = [];
  const walk = (node: unknown, path: Array<string | number>) => {
    if (isMap(node)) {
      const own = node.get(original, true);
      if (isScalar(own) && typeof own.value === 'string' && path.length) {
        const t = node.get(lang, true);
        out.push({
          id: `book ${path.join('.')}`,
          path,
          source: own.value,
          target: isScalar(t) && typeof t.value === 'string' ? t.value : '',
        });
        return;
      }
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        // The languages list names each language in its own tongue; the UI string lang.name does that.
        if (key && !(path.length === 0 && key === 'languages')) walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node))
      node.items.forEach((item: unknown, i) => {
        walk(item, [...path, i]);
      });
  };
  walk(parseDocument(text).contents as YamlNode | null, []);
  return out;
}

/** Interface strings to translate: only for a language the kit has none for (a new language). */
export function uiUnits(book: Book, lang: string): Array<{ id: string; key: string; source: string; en: string }> {
  if (STRINGS[lang]) return [];
  const source = STRINGS[book.settings.original] ?? STRINGS.en!;
  const en = STRINGS.en!;
  return Object.keys(en).map((key) => ({
    id: `ui ${key}`,
    key,
    source: source[key as keyof typeof en],
    en: en[key as keyof typeof en],
  }));
}

const CODES_HELP = [
  'Inline codes: <1>…</1> surrounds words the original marks (emphasis, a link, words in another',
  'language); <2/> is a line break. Each unit\'s note ("#.") says what its numbers mean. Move the codes',
  'with the words they belong to; keep each opened code closed, in order; do not write Markdown.',
  'UI strings keep their {placeholders} as they are.',
];

function header(
  book: Book,
  lang: string,
  part: string,
  title: string,
): { comments: string[]; headers: Record<string, string> } {
  const name = (code: string) => book.settings.languages.find((l) => l.code === code)?.name ?? code;
  return {
    comments: [
      `${title} — translation of “${book.settings.title[book.settings.original]}” from ${name(book.settings.original)} into ${name(lang)}.`,
      'Written by `npm run translations -- export`; read back by `npm run translations -- import`.',
      'Fuzzy: the original changed since this translation was made; review it and clear the flag.',
      ...CODES_HELP,
    ],
    headers: {
      'Project-Id-Version': book.settings.id,
      'Report-Msgid-Bugs-To': '',
      'POT-Creation-Date': '',
      'PO-Revision-Date': '',
      'Last-Translator': '',
      'Language-Team': '',
      Language: lang,
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
      'X-Source-Language': book.settings.original,
      [BOOK_HEADER]: book.settings.id,
      [PART_HEADER]: part,
    },
  };
}

const entry = (u: Unit): PoEntry => ({
  id: u.id,
  source: u.source,
  target: u.target,
  fuzzy: u.state === 'fuzzy',
  notes: u.notes,
  reference: u.reference,
});

export interface ExportedFile {
  /** File name, like "19-donner-de-l-exercice-a-ses-cobayes.po" or "book.po". */
  name: string;
  text: string;
  units: number;
  untranslated: number;
}

export function exportTranslations(book: Book, lang: string, numbers: number[] = []): ExportedFile[] {
  if (lang === book.settings.original)
    throw new Error(`${lang} is the book's original language (content/book.yaml, original): export another language.`);
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang))
    throw new Error(`"${lang}" is not a language code: write a code such as en, it, de or pt-BR.`);
  const unknown = numbers.filter((n) => !book.episodes.some((e) => e.number === n));
  if (unknown.length)
    throw new Error(
      `there is no episode ${unknown.join(', ')} (episodes: ${book.episodes.map((e) => e.number).join(', ')}).`,
    );
  const files: ExportedFile[] = [];
  const settings = settingTexts(book, lang);
  const ui = uiUnits(book, lang);
  const bookEntries: PoEntry[] = [
    ...settings.map((s) => ({
      id: s.id,
      source: s.source,
      target: s.target,
      fuzzy: false,
      notes: [`book settings, ${s.path.join('.')}`],
      reference: SETTINGS_FILE,
    })),
    ...ui.map((u) => ({
      id: u.id,
      source: u.source,
      target: '',
      fuzzy: false,
      notes: [`interface string ${u.key}; in English: ${u.en}`],
      reference: `src/i18n/${book.settings.original}.ts`,
    })),
  ];
  files.push({
    name: 'book.po',
    text: writePo({ ...header(book, lang, 'book', 'Book settings and interface strings'), entries: bookEntries }),
    units: bookEntries.length,
    untranslated: bookEntries.filter((e) => !e.target).length,
  });
  for (const e of book.episodes) {
    if (numbers.length && !numbers.includes(e.number)) continue;
    const units = episodeUnits(book, e, lang);
    files.push({
      name: `${e.slug}.po`,
      text: writePo({
        ...header(book, lang, `episode ${e.slug}`, `Episode ${e.number}, “${e.original.title}”`),
        entries: units.map(entry),
      }),
      units: units.length,
      untranslated: units.filter((u) => u.state === 'untranslated').length,
    });
  }
  return files;
}
