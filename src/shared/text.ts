// The text of the book as every output and the browser see it: inline markup, and whether a part
// is shown in its own language.

/** Prose inside a paragraph, after parsing (src/model/episode/blocks.ts). */
export type Inline =
  | { type: 'text'; value: string }
  | { type: 'em'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  /** A phrase in another language (`<Lang fr>…</Lang>`): rendered with its own `lang`. */
  | { type: 'lang'; lang: string; children: Inline[] }
  | { type: 'break' };

/** translated: in the page's language; untranslated: shown in the original; outdated: the original changed since. */
export type PartStatus = 'original' | 'translated' | 'untranslated' | 'outdated';

/** The plain text of inlines (search, alt, stage script). */
export function inlineText(inlines: Inline[]): string {
  return inlines
    .map((i) =>
      i.type === 'text' ? i.value : i.type === 'break' ? '\n' : 'children' in i ? inlineText(i.children) : '',
    )
    .join('');
}
