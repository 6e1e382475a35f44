// Every unit a translator translates, as `npm run translations` exports it: the original, the
// current translation, its state (translated, fuzzy = the original changed since it was stamped,
// untranslated), a stable id, a note for context, and where the translation is written back.
// Prose keeps its inline markup as numbered codes (inline-codes.ts); everything else is plain text.
import type { Book, Episode, EpisodeText } from '../model/book.ts';
import type { Block, ListBlock, ListItem } from '../model/episode/blocks.ts';
import { shortHash } from '../model/hash.ts';
import { structural, unitIds, type ItemIds } from '../model/episode/units.ts';
import type { Inline } from '../shared/text.ts';
import { uses } from '../model/glossary.ts';
import { type Code, codesOf, describeCodes, withCodes } from './inline-codes.ts';

export type UnitState = 'translated' | 'fuzzy' | 'untranslated';

/** Where a unit's translation lives, for the import. */
export type Place =
  | { kind: 'front'; key: 'title' | 'summary' }
  /** A prose unit: `block` is the original's block, `tblock` the translation's (if any). */
  | {
      kind: 'prose';
      index: number;
      block: Block;
      tblock: Block | undefined;
      part?: 'alt' | 'caption' | 'credit';
      item?: { original: ListItem; translation: ListItem | undefined };
    }
  /** `frame`: the frame's index in a strip (its texts are under frames: in panels.yaml). */
  | { kind: 'alt'; panel: number; frame?: number }
  | { kind: 'bubble'; panel: number; frame?: number; bubble: number };

export interface Unit {
  id: string;
  /** The original with codes (msgid). */
  source: string;
  /** The current translation with codes ('' when untranslated). */
  target: string;
  state: UnitState;
  /** The original's fingerprint, which a stamp records. */
  hash: string;
  /** The stamp the translation carries now, if any. */
  stamp: string | undefined;
  notes: string[];
  reference: string;
  /** The codes of a prose unit (undefined: plain text). */
  codes?: Code[];
  place: Place;
}

const stateOf = (target: string, hash: string, stamp: string | undefined): UnitState =>
  !target ? 'untranslated' : stamp !== undefined && stamp !== hash ? 'fuzzy' : 'translated';

/** Glossary terms that the original of a unit uses, as notes. */
function glossaryNotes(book: Book, source: string, lang: string): string[] {
  const original = book.settings.original;
  return book.glossary.flatMap((t) => {
    const word = t.words[original];
    if (!word || !uses(source, word, original)) return [];
    const theirs = t.words[lang];
    return [
      `glossary: "${word}" → ${theirs ? `"${theirs}"` : `(no ${lang} word in content/glossary.yaml yet)`}${t.note ? ` — ${t.note}` : ''}`,
    ];
  });
}

/** The units of one episode for `lang`; `translation` overrides the loaded one (the import's check). */
export function episodeUnits(
  book: Book,
  episode: Episode,
  lang: string,
  translation: EpisodeText | undefined = episode.translations[lang],
): Unit[] {
  const o = episode.original;
  const stamps = translation?.translates ?? {};
  const where = `episode ${episode.number} (${episode.slug})`;
  const units: Unit[] = [];
  const plain = (
    id: string,
    source: string,
    target: string,
    stamp: string | undefined,
    what: string,
    line: number,
    place: Place,
  ) => {
    const hash = shortHash(source);
    units.push({
      id,
      source,
      target,
      state: stateOf(target, hash, stamp),
      hash,
      stamp,
      notes: [`${where}, ${what}`, ...glossaryNotes(book, source, lang)],
      reference: `${o.file}:${line}`,
      place,
    });
  };
  plain('title', o.title, translation?.title ?? '', stamps.title, 'title', 2, { kind: 'front', key: 'title' });
  if (o.summary)
    plain('summary', o.summary, translation?.summary ?? '', stamps.summary, 'summary', 3, {
      kind: 'front',
      key: 'summary',
    });
  const ids = unitIds(o.blocks);
  const theirs = translation ? structural(translation.blocks) : [];
  let k = 0;
  const prose = (
    id: string,
    original: { inlines: Inline[] | undefined; raw: string; hash: string },
    translated: Inline[] | string | undefined,
    what: string,
    line: number,
    place: Place,
  ) => {
    const codes = original.inlines ? codesOf(original.inlines) : undefined;
    const source = original.inlines && codes ? withCodes(original.inlines, codes) : original.raw;
    const target =
      translated === undefined ? '' : typeof translated === 'string' ? translated : withCodes(translated, codes ?? []);
    const stamp = stamps[id];
    const codeNote = codes ? describeCodes(codes) : '';
    units.push({
      id,
      source,
      target,
      state: stateOf(target, original.hash, stamp),
      hash: original.hash,
      stamp,
      notes: [`${where}, ${what}`, ...(codeNote ? [codeNote] : []), ...glossaryNotes(book, source, lang)],
      reference: `${o.file}:${line}`,
      ...(codes ? { codes } : {}),
      place,
    });
  };
  o.blocks.forEach((b, index) => {
    if (b.type === 'note') return;
    const t = theirs[k++];
    const id = ids[index]!.id;
    const at = { kind: 'prose' as const, index, block: b, tblock: t };
    if (b.type === 'paragraph') {
      const tr = t?.type === 'paragraph' && !t.placeholder ? t.inlines : undefined;
      prose(id, b, tr, `paragraph ${id}`, b.line, at);
    } else if (b.type === 'heading') {
      const tr = t?.type === 'heading' && !t.untranslated ? t.inlines : undefined;
      prose(id, b, tr, `heading ${id} (${'#'.repeat(b.depth)})`, b.line, at);
    } else if (b.type === 'figure') {
      const tf = t?.type === 'figure' ? t : undefined;
      if (b.alt)
        prose(`${id}.alt`, { inlines: undefined, ...b.alt }, tf?.alt?.raw, `figure ${b.src}, alt text`, b.line, {
          ...at,
          part: 'alt',
        });
      if (b.caption)
        prose(`${id}.caption`, b.caption, tf?.caption?.inlines, `figure ${b.src}, caption`, b.line, {
          ...at,
          part: 'caption',
        });
      if (b.credit)
        prose(`${id}.credit`, { inlines: undefined, ...b.credit }, tf?.credit?.raw, `figure ${b.src}, credit`, b.line, {
          ...at,
          part: 'credit',
        });
    } else if (b.type === 'list') {
      const walk = (ol: ListBlock, tl: ListBlock | undefined, itemIds: ItemIds[], depth: number) =>
        ol.items.forEach((item, j) => {
          const ti = tl?.items[j];
          const iid = itemIds[j]!.id;
          prose(
            iid,
            item,
            ti && !ti.untranslated ? ti.inlines : undefined,
            `list item ${iid}${depth > 1 ? ` (nested, level ${depth})` : ''}`,
            item.line,
            { ...at, item: { original: item, translation: ti } },
          );
          if (item.list) walk(item.list, ti?.list, itemIds[j]!.list ?? [], depth + 1);
        });
      walk(b, t?.type === 'list' ? t : undefined, ids[index]!.items ?? [], 1);
    }
  });
  const original = book.settings.original;
  episode.panels.forEach((panel, pi) => {
    for (const p of panel.frames) {
      // A strip's frame: "panel data-broker/offer alt" (a "/" is in no id, so no two units collide).
      const name = panel.strip ? `${panel.id}/${p.id}` : panel.id;
      const where = panel.strip ? `panel ${panel.id}, frame ${(p.frame ?? 0) + 1} (${p.id})` : `panel ${panel.id}`;
      const frame = p.frame === undefined ? {} : { frame: p.frame };
      plain(
        `panel ${name} alt`,
        p.alt[original] ?? '',
        p.alt[lang] ?? '',
        p.translates?.[lang],
        `${where}, alt text (what the drawing shows)`,
        1,
        { kind: 'alt', panel: pi, ...frame },
      );
      p.bubbles.forEach((bu, bi) => {
        const who = bu.speaker ? book.settings.characters[bu.speaker]?.[original] : undefined;
        plain(
          `panel ${name} ${bu.id}`,
          bu.text[original] ?? '',
          bu.text[lang] ?? '',
          bu.translates?.[lang],
          `${where}, ${bu.kind} ${bu.id}${bu.speaker ? `, speaker ${bu.speaker}${who ? ` (${who})` : ''}` : ''}; box ${bu.box.w}×${bu.box.h} px: keep it about as long`,
          1,
          { kind: 'bubble', panel: pi, ...frame, bubble: bi },
        );
      });
    }
  });
  for (const u of units)
    if (u.place.kind === 'alt' || u.place.kind === 'bubble') u.reference = `${episode.dir}/panels.yaml`;
  return units;
}
