// The view of the text blocks that are not paragraphs (headings, lists, figures), in one language:
// each unit paired with its translation, else shown in the original with its `lang`, and marked
// "outdated" when the translation's stamp is not the original's fingerprint. Used by episode.ts.
import type { Block, ListBlock } from '../episode/blocks.ts';
import type { BlockIds, ItemIds } from '../episode/units.ts';
import { typographize } from '../../shared/typography.ts';
import { slugify } from '../../shared/slug.ts';
import { type Inline, type PartStatus, inlineText } from '../../shared/text.ts';
import { typographizeInlines } from './typeset.ts';

/** A unit's text as shown. */
export interface ShownText {
  lang: string;
  status: PartStatus;
  inlines: Inline[];
  text: string;
}

export interface ViewListItem extends ShownText {
  id: string;
  list?: ViewList;
}

export interface ViewList {
  ordered: boolean;
  start: number;
  items: ViewListItem[];
}

export type TextViewBlock =
  | ({ type: 'heading'; id: string; anchor: string; depth: 2 | 3 } & ShownText)
  | ({ type: 'list' } & ViewList)
  | {
      type: 'figure';
      id: string;
      /** The image, as the image manifest knows it (the file's path from the book's root). */
      artPath: string;
      alt: { text: string; lang: string; status: PartStatus };
      caption?: ShownText;
      credit?: { text: string; lang: string; status: PartStatus };
      licence?: string;
      licenceUrl?: string;
      source?: string;
    };

export interface Counter {
  parts: number;
  untranslated: number;
  outdated: number;
}

interface Pairing {
  lang: string;
  originalLang: string;
  isOriginal: boolean;
  stamps: Record<string, string> | undefined;
  counts: Counter;
}

/** Shows one unit: the translation's text when there is one, else the original's. */
function unit(
  p: Pairing,
  id: string,
  original: { inlines: Inline[]; hash: string },
  translated: { inlines: Inline[] } | undefined,
): ShownText {
  p.counts.parts++;
  if (p.isOriginal) return { lang: p.lang, status: 'original', ...typeset(original.inlines, p.lang) };
  if (!translated) {
    p.counts.untranslated++;
    return { lang: p.originalLang, status: 'untranslated', ...typeset(original.inlines, p.originalLang) };
  }
  const stamp = p.stamps?.[id];
  const status: PartStatus = stamp !== undefined && stamp !== original.hash ? 'outdated' : 'translated';
  if (status === 'outdated') p.counts.outdated++;
  return { lang: p.lang, status, ...typeset(translated.inlines, p.lang) };
}

function typeset(inlines: Inline[], lang: string): { inlines: Inline[]; text: string } {
  return { inlines: typographizeInlines(inlines, lang), text: typographize(inlineText(inlines), lang) };
}

const plain = (raw: string): Inline[] => [{ type: 'text', value: raw }];

function listView(p: Pairing, o: ListBlock, t: ListBlock | undefined, ids: ItemIds[]): ViewList {
  return {
    ordered: o.ordered,
    start: o.start,
    items: o.items.map((item, j) => {
      const ti = t?.items[j];
      const shown = unit(p, ids[j]!.id, item, ti && !ti.untranslated ? ti : undefined);
      const list = item.list ? listView(p, item.list, ti?.list, ids[j]!.list ?? []) : undefined;
      return { id: ids[j]!.id, ...shown, ...(list ? { list } : {}) };
    }),
  };
}

/** Well-known licences, by the names authors write, and their pages. */
const LICENCES: Array<[RegExp, (v: string) => string]> = [
  [/^CC0(?: 1\.0)?$/i, () => 'https://creativecommons.org/publicdomain/zero/1.0/'],
  [/^(?:public domain|domaine public|PDM)$/i, () => 'https://creativecommons.org/publicdomain/mark/1.0/'],
  [
    /^CC[ -](BY(?:[ -](?:SA|ND|NC|NC[ -]SA|NC[ -]ND))?)(?:[ -](\d\.\d))?$/i,
    (v) => {
      const m = /^CC[ -](BY(?:[ -](?:SA|ND|NC|NC[ -]SA|NC[ -]ND))?)(?:[ -](\d\.\d))?$/i.exec(v)!;
      return `https://creativecommons.org/licenses/${m[1]!.toLowerCase().replace(/ /g, '-')}/${m[2] ?? '4.0'}/`;
    },
  ],
];

/** The page of a licence named as authors write it ("CC BY 4.0", "CC0"), when it is a known one. */
export function licenceUrl(name: string): string | undefined {
  for (const [re, url] of LICENCES) if (re.test(name.trim())) return url(name.trim());
  return undefined;
}

/**
 * The view of a heading, list or figure `b` of the original, with `t`, the translation's block
 * at the same place (undefined, or <Untranslated />, when there is none).
 */
export function textBlockView(
  p: Pairing,
  b: Extract<Block, { type: 'heading' | 'list' | 'figure' }>,
  t: Block | undefined,
  ids: BlockIds,
  figureDir: string,
): TextViewBlock {
  if (b.type === 'heading') {
    const th = t?.type === 'heading' && !t.untranslated ? t : undefined;
    const shown = unit(p, ids.id, b, th);
    return { type: 'heading', id: ids.id, anchor: '', depth: b.depth, ...shown };
  }
  if (b.type === 'list') {
    return { type: 'list', ...listView(p, b, t?.type === 'list' ? t : undefined, ids.items ?? []) };
  }
  const tf = t?.type === 'figure' ? t : undefined;
  const part = (name: 'alt' | 'credit') => {
    const o = b[name];
    if (!o) return undefined;
    const tr = tf?.[name];
    const s = unit(p, `${ids.id}.${name}`, { inlines: plain(o.raw), hash: o.hash }, tr && { inlines: plain(tr.raw) });
    return { text: s.text, lang: s.lang, status: s.status };
  };
  const caption = b.caption
    ? unit(p, `${ids.id}.caption`, b.caption, tf?.caption ? { inlines: tf.caption.inlines } : undefined)
    : undefined;
  const credit = part('credit');
  const url = b.licence ? licenceUrl(b.licence) : undefined;
  return {
    type: 'figure',
    id: ids.id,
    artPath: `${figureDir}/${b.src}`,
    alt: part('alt') ?? { text: '', lang: p.originalLang, status: 'original' },
    ...(caption ? { caption } : {}),
    ...(credit ? { credit } : {}),
    ...(b.licence ? { licence: b.licence } : {}),
    ...(url ? { licenceUrl: url } : {}),
    ...(b.source ? { source: b.source } : {}),
  };
}

/** Ids that the page already uses for other things: a heading's anchor never takes one. */
const RESERVED = /^(?:[phifl]\d+|panel-.*|transcript-.*|performed-.*|episode-.*|e\d+-.*)$/;

/**
 * Gives every heading its anchor: a slug of its text as shown (so an English page has English
 * anchors), unique in the episode; a heading without letters or digits takes its unit id.
 */
export function anchorHeadings(blocks: Array<{ type: string }>): void {
  const used = new Set<string>();
  for (const b of blocks) {
    if (b.type !== 'heading') continue;
    const h = b as Extract<TextViewBlock, { type: 'heading' }>;
    let base = slugify(h.text, 50) || h.id;
    if (RESERVED.test(base)) base = `${base}-section`;
    let anchor = base;
    for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
    used.add(anchor);
    h.anchor = anchor;
  }
}
