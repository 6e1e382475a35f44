// The translatable units of an episode: every part a translator translates and a fingerprint
// follows. Ids are positional, counted per kind in the original's order, so that they are the
// same in every language: p1… (paragraphs), h1… (headings), i1… (list items, depth first, across
// the episode's lists), f1.alt / f1.caption / f1.credit (the texts of figure f1). The stamps in a
// translation's `translates:` and every tool that exports or imports translations use these ids.
import type { Block, ListBlock } from './blocks.ts';

export interface ItemIds {
  id: string;
  list?: ItemIds[];
}

/** Ids of one block of the original: its own (p3, h1, f2) and, for a list, its items'. */
export interface BlockIds {
  id: string;
  items?: ItemIds[];
}

/** Blocks that carry structure (every block but stage notes, which each language writes freely). */
export function structural(blocks: Block[]): Block[] {
  return blocks.filter((b) => b.type !== 'note');
}

/** The ids of every block of `blocks` (an original), parallel to it ('' for markers). */
export function unitIds(blocks: Block[]): BlockIds[] {
  const n = { p: 0, h: 0, i: 0, f: 0, l: 0 };
  const items = (list: ListBlock): ItemIds[] =>
    list.items.map((it) => {
      const id = `i${++n.i}`;
      return it.list ? { id, list: items(it.list) } : { id };
    });
  return blocks.map((b) => {
    switch (b.type) {
      case 'paragraph':
        return { id: `p${++n.p}` };
      case 'heading':
        return { id: `h${++n.h}` };
      case 'figure':
        return { id: `f${++n.f}` };
      case 'list':
        return { id: `l${++n.l}`, items: items(b) };
      default:
        return { id: '' };
    }
  });
}

/**
 * Every unit of the original that `translation` translates, with the original's fingerprint:
 * what `npm run status -- --stamp` records. A translation that does not follow the structure
 * was refused at load, so blocks correspond by position.
 */
export function translatedUnits(original: Block[], translation: Block[]): Map<string, string> {
  const out = new Map<string, string>();
  const ids = unitIds(original);
  const theirs = structural(translation);
  let k = 0;
  original.forEach((b, i) => {
    if (b.type === 'note') return;
    const t = theirs[k++];
    const id = ids[i]!;
    if (!t || t.type === 'untranslated') return;
    if (b.type === 'paragraph' && t.type === 'paragraph' && !t.placeholder) out.set(id.id, b.hash);
    else if (b.type === 'heading' && t.type === 'heading' && !t.untranslated) out.set(id.id, b.hash);
    else if (b.type === 'figure' && t.type === 'figure') {
      for (const part of ['alt', 'caption', 'credit'] as const) {
        const o = b[part];
        if (o && t[part]) out.set(`${id.id}.${part}`, o.hash);
      }
    } else if (b.type === 'list' && t.type === 'list') {
      const walk = (o: ListBlock, tl: ListBlock, itemIds: ItemIds[]) =>
        o.items.forEach((item, j) => {
          const ti = tl.items[j];
          if (!ti) return;
          if (!ti.untranslated) out.set(itemIds[j]!.id, item.hash);
          if (item.list && ti.list) walk(item.list, ti.list, itemIds[j]!.list ?? []);
        });
      walk(b, t, id.items ?? []);
    }
  });
  return out;
}

/** A list's shape (numbered or not, items and their nesting), which a translation keeps. */
export function listShape(list: ListBlock): string {
  return `${list.ordered ? 'ol' : 'ul'}(${list.items.map((i) => (i.list ? listShape(i.list) : '·')).join('')})`;
}
