// Typography applied to inline text: each text in the rules of its language, so that a phrase
// marked <Lang en> inside French prose gets English punctuation, not French.
import { typographize } from '../../shared/typography.ts';
import type { Inline } from '../../shared/text.ts';

export function typographizeInlines(inlines: Inline[], lang: string): Inline[] {
  return inlines.map((i) => {
    if (i.type === 'text') return { type: 'text', value: typographize(i.value, lang) };
    if (i.type === 'break') return i;
    if (i.type === 'lang') return { ...i, children: typographizeInlines(i.children, i.lang) };
    return { ...i, children: typographizeInlines(i.children, lang) };
  });
}
