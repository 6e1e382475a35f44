// Inline markup as numbered codes, for translators' files: a unit's emphasis, strong emphasis,
// links and phrases in another language become <1>…</1>, a line break <2/>, numbered in the
// original's order. The translator moves codes, never Markdown; what each number means is in the
// unit's note, and the import turns codes back into the episode's own Markdown.
import type { Inline } from '../shared/text.ts';

export type Code =
  | { n: number; type: 'em' | 'strong' | 'break' }
  | { n: number; type: 'link'; href: string }
  | { n: number; type: 'lang'; lang: string };

type Styled = Exclude<Inline, { type: 'text' } | { type: 'break' }>;

const signature = (i: Inline | Code): string =>
  i.type === 'link' ? `link ${i.href}` : i.type === 'lang' ? `lang ${i.lang}` : i.type;

/** The codes of `inlines`, numbered in document order. */
export function codesOf(inlines: Inline[]): Code[] {
  const out: Code[] = [];
  const walk = (list: Inline[]) => {
    for (const i of list) {
      if (i.type === 'text') continue;
      const n = out.length + 1;
      out.push(
        i.type === 'link'
          ? { n, type: 'link', href: i.href }
          : i.type === 'lang'
            ? { n, type: 'lang', lang: i.lang }
            : { n, type: i.type },
      );
      if ('children' in i) walk(i.children);
    }
  };
  walk(inlines);
  return out;
}

/**
 * `inlines` as text with codes. Each element takes the first unused code of `table` with the same
 * meaning; one the table lacks (a translation's own emphasis) is added to it, numbered after.
 */
export function withCodes(inlines: Inline[], table: Code[]): string {
  const used = new Set<number>();
  const pick = (i: Exclude<Inline, { type: 'text' }>): number => {
    const found = table.find((c) => !used.has(c.n) && signature(c) === signature(i));
    const n = found?.n ?? Math.max(0, ...table.map((c) => c.n)) + 1;
    if (!found) table.push({ ...codesOf([i])[0]!, n });
    used.add(n);
    return n;
  };
  const walk = (list: Inline[]): string =>
    list
      .map((i) => {
        if (i.type === 'text') return i.value;
        const n = pick(i);
        return i.type === 'break' ? `<${n}/>` : `<${n}>${walk(i.children)}</${n}>`;
      })
      .join('');
  return walk(inlines);
}

/** What a unit's codes mean, for its note ("" when it has none). */
export function describeCodes(table: Code[]): string {
  if (!table.length) return '';
  const what = (c: Code) =>
    c.type === 'em'
      ? `<${c.n}>…</${c.n}> emphasis`
      : c.type === 'strong'
        ? `<${c.n}>…</${c.n}> strong emphasis`
        : c.type === 'link'
          ? `<${c.n}>…</${c.n}> link to ${c.href}`
          : c.type === 'lang'
            ? `<${c.n}>…</${c.n}> words in language "${c.lang}"`
            : `<${c.n}/> line break`;
  return `codes: ${table.map(what).join('; ')}`;
}

/** Text with codes back into inlines; a broken code is an error saying which and why. */
export function fromCodes(text: string, table: Code[]): Inline[] | { error: string } {
  const root: Inline[] = [];
  const stack: Array<{ n: number; node: Styled }> = [];
  const here = () => (stack.length ? stack[stack.length - 1]!.node.children : root);
  const push = (value: string) => {
    if (!value) return;
    const list = here();
    const last = list[list.length - 1];
    if (last?.type === 'text') last.value += value;
    else list.push({ type: 'text', value });
  };
  const re = /<(\/?)(\d+)(\/?)>/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(text.slice(at, m.index));
    at = m.index + m[0].length;
    const n = Number(m[2]);
    const code = table.find((c) => c.n === n);
    if (!code) return { error: `${m[0]} is not one of this unit's codes (${describeCodes(table) || 'it has none'})` };
    const closing = m[1] === '/';
    const single = m[3] === '/';
    if (code.type === 'break') {
      if (!single || closing) return { error: `${m[0]}: code ${n} is a line break, written <${n}/>` };
      here().push({ type: 'break' });
      continue;
    }
    if (single) return { error: `${m[0]}: code ${n} surrounds words, written <${n}>…</${n}>` };
    if (closing) {
      const top = stack.pop();
      if (top?.n !== n)
        return { error: `${m[0]} closes ${top ? `<${top.n}>, which is still open` : 'a code that was not opened'}` };
      continue;
    }
    if (stack.some((s) => s.n === n)) return { error: `<${n}> is opened twice` };
    const node: Styled =
      code.type === 'link'
        ? { type: 'link', href: code.href, children: [] }
        : code.type === 'lang'
          ? { type: 'lang', lang: code.lang, children: [] }
          : { type: code.type, children: [] };
    here().push(node);
    stack.push({ n, node });
  }
  push(text.slice(at));
  if (stack.length) return { error: `<${stack[stack.length - 1]!.n}> is not closed` };
  return root;
}

/** Characters that Markdown or MDX would read as markup, escaped where they would be. */
function escapeText(s: string): string {
  return s
    .replace(/[\\`*_[\]<>{}&]/g, (c) => `\\${c}`)
    .replace(/(^|\n)([ \t]*)([#+=|-]|\d+(?=[.)]))/g, (_, nl: string, sp: string, c: string) =>
      /\d/.test(c) ? `${nl}${sp}${c}\\` : `${nl}${sp}\\${c}`,
    );
}

/** Inlines as the episode's Markdown (what the import writes into an .mdx file). */
export function toMarkdown(inlines: Inline[]): string {
  const one = (i: Inline): string => {
    if (i.type === 'text') return escapeText(i.value);
    if (i.type === 'break') return '\\\n';
    const inner = toMarkdown(i.children);
    if (i.type === 'em') return `*${inner}*`;
    if (i.type === 'strong') return `**${inner}**`;
    if (i.type === 'link') return `[${inner}](${i.href})`;
    return `<Lang ${i.lang}>${inner}</Lang>`;
  };
  return inlines.map(one).join('');
}

/** Two inline trees that read the same (whitespace around line ends aside). */
export function sameInlines(a: Inline[], b: Inline[]): boolean {
  const norm = (list: Inline[]): unknown[] => {
    const out: unknown[] = [];
    for (const i of list) {
      if (i.type === 'text') {
        const v = i.value.replace(/[ \t]*\n[ \t]*/g, '\n');
        const last = out[out.length - 1];
        if (typeof last === 'string') out[out.length - 1] = last + v;
        else if (v) out.push(v);
      } else if ('children' in i) out.push([signature(i), norm(i.children)]);
      else out.push(signature(i));
    }
    return out;
  };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
