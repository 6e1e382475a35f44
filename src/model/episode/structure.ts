// A translation mirrors its original block by block: one paragraph, heading, list item and figure
// for each of the original's, the same panels and markers in the same places. Stage notes are
// free (each language writes its own). `<Untranslated />` stands for any one text block.
import type { ContentProblem } from '../errors.ts';
import type { Block } from './blocks.ts';
import { listShape, structural } from './units.ts';

interface TextLike {
  file: string;
  blocks: Block[];
}

/** What a block is, for the comparison: the same string in both files means "corresponds". */
function shapeOf(b: Block): string {
  switch (b.type) {
    case 'untranslated':
      return 'any';
    case 'panel':
      return `panel:${b.id}`;
    case 'heading':
      return `heading:${b.depth}`;
    case 'list':
      return `list:${listShape(b)}`;
    case 'figure':
      return `figure:${b.src}`;
    default:
      return b.type;
  }
}

function describe(s: string | undefined): string {
  if (s === undefined) return 'the end of the file';
  if (s === 'paragraph') return 'a paragraph';
  if (s === 'talk') return '<Talk />';
  if (s === 'any') return '<Untranslated />';
  if (s.startsWith('panel:')) return `<Panel id="${s.slice(6)}" />`;
  if (s.startsWith('heading:')) return `a heading "${'#'.repeat(Number(s.slice(8)))} …"`;
  if (s.startsWith('figure:')) return `<Figure src="${s.slice(7)}" />`;
  if (s.startsWith('list:')) {
    const items = (s.match(/·/g) ?? []).length;
    const nested = (s.match(/[uo]l\(/g) ?? []).length - 1;
    return `a ${s.startsWith('list:ol') ? 'numbered' : 'bullet'} list of ${items} item(s)${nested > 0 ? ` with ${nested} nested list(s)` : ''}`;
  }
  return s;
}

const TEXT_BLOCK = /^(paragraph|heading:|list:|figure:)/;

export function checkStructure(original: TextLike, t: TextLike, problems: ContentProblem[]): void {
  const a = structural(original.blocks).map(shapeOf);
  const tBlocks = structural(t.blocks);
  const b = tBlocks.map(shapeOf);
  // An empty translation (just its frontmatter) is a translation not started: nothing to align.
  if (b.length === 0) return;
  const same = (x: string | undefined, y: string | undefined) =>
    x !== undefined && y !== undefined && (x === y || (y === 'any' && TEXT_BLOCK.test(x)));
  let i = 0;
  while (i < Math.max(a.length, b.length) && same(a[i], b[i])) i++;
  if (i === a.length && a.length === b.length) return;
  const line = tBlocks[i]?.line ?? tBlocks[tBlocks.length - 1]?.line;
  const paraIndex = a.slice(0, i).filter((x) => x === 'paragraph').length;
  const headings = a.slice(0, i).filter((x) => x.startsWith('heading:')).length;
  problems.push({
    file: t.file,
    line,
    message:
      `this translation does not follow the structure of ${original.file}: after ${paraIndex} paragraph(s)${headings ? ` and ${headings} heading(s)` : ''} the original has ${describe(a[i])} where the translation has ${describe(b[i])}. ` +
      'A translation keeps one paragraph per paragraph of the original, the same headings, lists (with as many items) and figures, and the same panels and markers in the same places; write <Untranslated /> for a part not translated yet.',
  });
}
