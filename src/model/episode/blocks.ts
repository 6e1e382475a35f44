// Reads the body of an episode file. Episode files are content, not programs: the MDX syntax
// is used for prose, sections (## and ###), lists and the kit's own markers only. Imports,
// exports, {expressions}, HTML and unknown components are errors that say what to write instead.
import { invisibleInName } from '../characters.ts';
import { httpRefused } from '../links.ts';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import type { ContentProblem } from '../errors.ts';
import { shortHash } from '../hash.ts';
import type { Inline } from '../../shared/text.ts';

/** One item of a bullet or numbered list: one line of prose, and perhaps a list inside it. */
export interface ListItem {
  inlines: Inline[];
  /** The item's text exactly as written (its fingerprint is the hash of this). */
  raw: string;
  hash: string;
  line: number;
  /** In a translation: `- <Untranslated />`, this item of the original is not translated yet. */
  untranslated?: boolean;
  /** A list nested in this item. */
  list?: ListBlock;
}

export interface ListBlock {
  ordered: boolean;
  /** The first number of a numbered list (1 unless written otherwise). */
  start: number;
  items: ListItem[];
}

/** A figure's text parts, each written in the file or (in a translation) taken from the original. */
export interface FigureText {
  raw: string;
  hash: string;
}

export type Block =
  /** Prose. `raw` is the paragraph exactly as written in the file. `placeholder`: the text that
   * `npm run new-episode` writes (<Placeholder>…</Placeholder>), which a build refuses. */
  | { type: 'paragraph'; inlines: Inline[]; raw: string; hash: string; line: number; placeholder?: boolean }
  /** A section heading: ## (depth 2) or ### (depth 3). In pages and episodes. */
  | {
      type: 'heading';
      depth: 2 | 3;
      inlines: Inline[];
      raw: string;
      hash: string;
      line: number;
      untranslated?: boolean;
    }
  /** A bullet (-, *, +) or numbered (1.) list. */
  | ({ type: 'list'; line: number } & ListBlock)
  /** An illustration that is not a panel: an image file of the episode, with its words and credit. */
  | {
      type: 'figure';
      /** The image file, relative to the episode folder, as written. */
      src: string;
      alt?: FigureText;
      caption?: FigureText & { inlines: Inline[] };
      credit?: FigureText;
      /** The licence of the image ("CC BY 4.0"), the same in every language. */
      licence?: string;
      /** Where the image comes from (an https address, or http with `httpLinks`), the same in every language. */
      source?: string;
      line: number;
    }
  /** A drawn panel, defined in the episode's panels.yaml. */
  | { type: 'panel'; id: string; line: number }
  /** Where the talk excerpt goes (it may not be configured yet). */
  | { type: 'talk'; line: number }
  /** A stage note: shown to performers only. */
  | { type: 'note'; text: string; line: number }
  /** In a translation: this paragraph of the original is not translated yet. */
  | { type: 'untranslated'; line: number };

interface Mdast {
  type: string;
  value?: string;
  depth?: number;
  ordered?: boolean | null;
  start?: number | null;
  url?: string;
  name?: string | null;
  children?: Mdast[];
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
}

const COMPONENTS: Record<string, { attrs: string[]; required: string[]; help: string; children?: boolean }> = {
  Panel: { attrs: ['id'], required: ['id'], help: '<Panel id="maze" />' },
  Talk: { attrs: [], required: [], help: '<Talk />' },
  Note: { attrs: ['text'], required: ['text'], help: '<Note text="Gee enters" />' },
  Untranslated: { attrs: [], required: [], help: '<Untranslated />' },
  Figure: {
    attrs: ['src', 'alt', 'credit', 'licence', 'source'],
    required: ['src'],
    help: '<Figure src="figures/map.png" alt="What the image shows" credit="Jane Doe" licence="CC BY 4.0" />',
    children: true,
  },
  Placeholder: {
    attrs: [],
    required: [],
    help: '<Placeholder>Write the first paragraph here.</Placeholder>',
    children: true,
  },
  Lang: { attrs: [], required: [], help: '<Lang fr>Le Guide</Lang>', children: true },
};

/** A language code as BCP 47 writes it (fr, en, fr-CA, la, zh-Hant), or undefined. */
export function languageTag(code: string): string | undefined {
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(code)) return undefined;
  try {
    return Intl.getCanonicalLocales(code)[0];
  } catch {
    return undefined;
  }
}

const parser = unified().use(remarkParse).use(remarkMdx);

/** The markers that belong in episodes only, not in the book's pages. */
const EPISODE_ONLY = ['Figure', 'Panel', 'Talk', 'Placeholder'];

/** Whether the book allows plain http:// links (book.yaml `httpLinks: true`; set by parseBody). */
let httpAllowed = false;

/** What is being read, for the messages: "an episode" or "a page" (set by parseBody, which is synchronous). */
let kind = 'an episode';

const REFERENCE_LINK =
  'reference-style links ([text][name] with a line "[name]: https://…") are not supported: write the address in the link itself, like [text](https://example.org/).';

export interface ParsedBody {
  blocks: Block[];
  problems: ContentProblem[];
}

/**
 * Parses `body` (the text after the frontmatter). `lineOffset` is the number of lines before
 * the body in the file, so that every problem carries the file's own line number.
 */
export function parseBody(
  body: string,
  file: string,
  lineOffset: number,
  options: { page?: boolean; httpLinks?: boolean } = {},
): ParsedBody {
  kind = options.page ? 'a page' : 'an episode';
  httpAllowed = options.httpLinks === true;
  const problems: ContentProblem[] = [];
  const at = (line: number | undefined, message: string) =>
    problems.push({ file, line: line !== undefined ? line + lineOffset : undefined, message });
  let tree: Mdast;
  try {
    tree = parser.parse(body);
  } catch (e) {
    const err = e as { line?: number; column?: number; reason?: string; message?: string };
    at(
      err.line ?? undefined,
      `the text could not be read (${err.reason ?? err.message}). In prose, write "<" as "\\<" and "{" as "\\{"; ` +
        `only the kit's markers (${Object.values(COMPONENTS)
          .map((c) => c.help)
          .join(', ')}) may use angle brackets.`,
    );
    return { blocks: [], problems };
  }
  const blocks: Block[] = [];
  const slice = (nodes: Mdast[]) => {
    const first = nodes[0]?.position?.start.offset;
    const last = nodes[nodes.length - 1]?.position?.end.offset;
    return first === undefined || last === undefined ? '' : body.slice(first, last);
  };
  const ctx: Ctx = { at: (l, m) => at(l, m), slice, lineOffset, page: options.page === true };
  for (const node of tree.children ?? []) {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'paragraph': {
        // <Placeholder>…</Placeholder> or <Figure …>caption</Figure> written on one line: a block all the same.
        const only = (node.children ?? []).filter((c) => !(c.type === 'text' && !c.value?.trim()));
        if (
          only.length === 1 &&
          only[0]!.type === 'mdxJsxTextElement' &&
          ['Placeholder', 'Figure'].includes(only[0]!.name ?? '')
        ) {
          const block = readComponent(only[0]!, ctx);
          if (block) blocks.push({ ...block, line: line + lineOffset } as Block);
          break;
        }
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? 0;
        const raw = body.slice(start, end);
        const inlines = readInlines(node.children ?? [], ctx.at);
        blocks.push({ type: 'paragraph', inlines, raw, hash: shortHash(raw), line: line + lineOffset });
        break;
      }
      case 'mdxJsxFlowElement': {
        const block = readComponent(node, ctx);
        if (block) blocks.push({ ...block, line: line + lineOffset } as Block);
        break;
      }
      case 'mdxjsEsm':
        at(
          line,
          `imports and exports are not allowed in ${kind}: the book's files are content, not programs. Remove this line; the kit's markers need no import.`,
        );
        break;
      case 'mdxFlowExpression':
        at(
          line,
          `JavaScript expressions ({…}) are not allowed in ${kind}. To write a brace in prose, escape it as "\\{".`,
        );
        break;
      case 'heading': {
        if (node.depth !== 2 && node.depth !== 3) {
          at(
            line,
            node.depth === 1
              ? `a heading "# …" is a title, which is the "title" field of the frontmatter: start sections with "## " (and sub-sections with "### ").`
              : `this heading has ${node.depth} "#": write "### " for a sub-section, or "## " for a section (headings go two levels deep).`,
          );
          break;
        }
        const children = node.children ?? [];
        if (isUntranslatedOnly(children)) {
          blocks.push({
            type: 'heading',
            depth: node.depth,
            inlines: [],
            raw: '',
            hash: '',
            line: line + lineOffset,
            untranslated: true,
          });
          break;
        }
        const raw = slice(children);
        if (!raw.trim()) {
          at(line, 'this heading is empty: write its text after "## ".');
          break;
        }
        // A heading is a title too (the episode's contents, the EPUB's): no bidi control, no zero-width space.
        const invisible = invisibleInName(raw, 'the heading');
        if (invisible) {
          at(line, invisible);
          break;
        }
        blocks.push({
          type: 'heading',
          depth: node.depth,
          inlines: readInlines(children, ctx.at),
          raw,
          hash: shortHash(raw),
          line: line + lineOffset,
        });
        break;
      }
      case 'list': {
        const list = readList(node, ctx, 1);
        if (list) blocks.push({ type: 'list', ...list, line: line + lineOffset });
        break;
      }
      case 'blockquote':
        at(line, `quotations starting with ">" are not supported in ${kind}: write the paragraph without the ">".`);
        break;
      case 'code':
        at(
          line,
          `code blocks (indented by 4 spaces or fenced with \`\`\`) are not supported in ${kind}: remove the indentation.`,
        );
        break;
      case 'thematicBreak':
        at(line, 'a line of "---", "***" or "___" is a separator, which episodes do not use: remove it.');
        break;
      case 'definition':
        at(
          line,
          'a line "[name]: https://…" gives an address to reference-style links, which are not supported: remove it, and write the address in the link itself, like [text](https://example.org/).',
        );
        break;
      default:
        at(
          line,
          `this kind of block (${node.type}) is not allowed in ${kind}: write paragraphs and the kit's markers only.`,
        );
    }
  }
  return { blocks, problems };
}

/** A block before its line is known: `Omit` taken variant by variant, so the variants stay apart. */
type UnplacedBlock = Block extends infer B ? (B extends Block ? Omit<B, 'line'> : never) : never;

interface Ctx {
  at: (line: number | undefined, m: string) => void;
  /** The text of the file that these nodes were read from, exactly as written. */
  slice: (nodes: Mdast[]) => string;
  lineOffset: number;
  page: boolean;
}

/** `<Untranslated />` alone (in a heading or a list item): that part is not translated yet. */
function isUntranslatedOnly(nodes: Mdast[]): boolean {
  const real = nodes.filter((n) => !(n.type === 'text' && !n.value?.trim()));
  if (real.length !== 1) return false;
  const n = real[0]!;
  if ((n.type === 'mdxJsxTextElement' || n.type === 'mdxJsxFlowElement') && n.name === 'Untranslated') return true;
  return n.type === 'paragraph' && isUntranslatedOnly(n.children ?? []);
}

/** Lists nest three levels deep at most: deeper, a reader loses the thread (and so does a screen reader). */
const MAX_LIST_DEPTH = 3;

function readList(node: Mdast, ctx: Ctx, depth: number): ListBlock | undefined {
  const line = node.position?.start.line;
  if (depth > MAX_LIST_DEPTH) {
    ctx.at(line, `lists nest ${MAX_LIST_DEPTH} levels deep at most: indent this item less.`);
    return undefined;
  }
  const items: ListItem[] = [];
  let ok = true;
  for (const item of node.children ?? []) {
    const iline = item.position?.start.line ?? line ?? 1;
    const parts = item.children ?? [];
    const [first, ...rest] = parts;
    const nested = rest.filter((c) => c.type === 'list');
    const others = rest.filter((c) => c.type !== 'list');
    if (!first || (first.type !== 'paragraph' && !isUntranslatedOnly([first]))) {
      ctx.at(
        iline,
        first
          ? `a list item starts with a line of text (this one starts with ${first.type === 'list' ? 'another list' : `a ${first.type}`}).`
          : 'this list item is empty: write its text after the "-" (or remove the line).',
      );
      ok = false;
      continue;
    }
    if (others.length || nested.length > 1) {
      ctx.at(
        others[0]?.position?.start.line ?? iline,
        'a list item holds one paragraph (and perhaps a list indented under it): to write two paragraphs, make two items, or write the second after the list.',
      );
      ok = false;
      continue;
    }
    const sub = nested[0] ? readList(nested[0], ctx, depth + 1) : undefined;
    if (nested[0] && !sub) {
      ok = false;
      continue;
    }
    if (isUntranslatedOnly([first])) {
      items.push({
        inlines: [],
        raw: '',
        hash: '',
        line: iline + ctx.lineOffset,
        untranslated: true,
        ...(sub ? { list: sub } : {}),
      });
      continue;
    }
    const raw = ctx.slice(first.children ?? []);
    items.push({
      inlines: readInlines(first.children ?? [], ctx.at),
      raw,
      hash: shortHash(raw),
      line: iline + ctx.lineOffset,
      ...(sub ? { list: sub } : {}),
    });
  }
  if (!ok) return undefined;
  const ordered = node.ordered === true;
  return { ordered, start: ordered ? (node.start ?? 1) : 1, items };
}

function readComponent(node: Mdast, ctx: Ctx): UnplacedBlock | undefined {
  const { at } = ctx;
  const line = node.position?.start.line;
  const name = node.name ?? '';
  const spec = COMPONENTS[name];
  if (!spec) {
    at(
      line,
      `unknown component <${name || '>'}>: ${kind} may use only ${Object.keys(COMPONENTS)
        .filter((c) => !ctx.page || !EPISODE_ONLY.includes(c))
        .map((c) => `<${c}>`)
        .join(', ')}${name === 'iframe' ? ' (a video is embedded with <Talk /> and talk.yaml, in an episode)' : ''}.`,
    );
    return undefined;
  }
  if (name === 'Lang') {
    // A whole paragraph in another language: <Lang la>…</Lang> around it.
    const lang = langAttribute(node, at);
    const paras = (node.children ?? []).filter((c) => c.type === 'paragraph');
    if (!lang) return undefined;
    if (paras.length !== 1 || (node.children ?? []).length !== 1) {
      at(
        line,
        '<Lang …> around whole text holds one paragraph: write <Lang la> on its own line, the paragraph, then </Lang>.',
      );
      return undefined;
    }
    const p = paras[0]!;
    const raw = ctx.slice(node.children ?? []);
    return {
      type: 'paragraph',
      inlines: [{ type: 'lang', lang, children: readInlines(p.children ?? [], at) }],
      raw: `<Lang ${lang}>${raw}</Lang>`,
      hash: shortHash(`<Lang ${lang}>${raw}</Lang>`),
    };
  }
  if (node.children?.length && !spec.children) {
    at(line, `<${name}> takes no content: write it as ${spec.help}.`);
    return undefined;
  }
  if (ctx.page && EPISODE_ONLY.includes(name)) {
    at(line, `<${name}> belongs in episodes, not in the book's pages.`);
    return undefined;
  }
  const attrs: Record<string, string> = {};
  for (const a of node.attributes ?? []) {
    if (a.type !== 'mdxJsxAttribute' || !a.name) {
      at(line, `<${name}> cannot take {…} spread attributes: write it as ${spec.help}.`);
      return undefined;
    }
    if (!spec.attrs.includes(a.name)) {
      at(line, `<${name}> has no "${a.name}" attribute: write it as ${spec.help}.`);
      return undefined;
    }
    if (typeof a.value !== 'string') {
      at(line, `<${name} ${a.name}=…> must be a quoted text, not a {…} expression: write it as ${spec.help}.`);
      return undefined;
    }
    attrs[a.name] = a.value;
  }
  for (const r of spec.required) {
    if (!attrs[r]) {
      at(line, `<${name}> needs a "${r}" attribute: write it as ${spec.help}.`);
      return undefined;
    }
  }
  switch (name) {
    case 'Panel':
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(attrs.id!)) {
        at(
          line,
          `<Panel id="${attrs.id}"> : a panel id is lowercase letters, digits and hyphens, like "maze" or "data-broker".`,
        );
        return undefined;
      }
      return { type: 'panel', id: attrs.id! };
    case 'Talk':
      return { type: 'talk' };
    case 'Note':
      return { type: 'note', text: attrs.text! };
    case 'Figure':
      return readFigure(node, attrs, ctx);
    case 'Placeholder': {
      const inline = inlineChildren(node);
      if (!inline) {
        at(line, `<Placeholder> holds one paragraph: write it as ${spec.help}.`);
        return undefined;
      }
      const raw = ctx.slice(inline);
      return {
        type: 'paragraph',
        inlines: readInlines(inline, at),
        raw,
        hash: shortHash(raw),
        placeholder: true,
      };
    }
    default:
      return { type: 'untranslated' };
  }
}

const text = (raw: string): FigureText => ({ raw, hash: shortHash(raw) });

/** The inline content of a component: its one paragraph (on lines of its own), or its text on one line. */
function inlineChildren(node: Mdast): Mdast[] | undefined {
  const kids = (node.children ?? []).filter((c) => !(c.type === 'text' && !c.value?.trim()));
  if (node.type === 'mdxJsxTextElement') return kids.length ? (node.children ?? []) : undefined;
  if (kids.length === 1 && kids[0]!.type === 'paragraph') return kids[0]!.children ?? [];
  return undefined;
}

function readFigure(node: Mdast, attrs: Record<string, string>, ctx: Ctx): UnplacedBlock | undefined {
  const line = node.position?.start.line;
  const src = attrs.src!;
  if (!/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\:]+\.(svg|png|jpe?g|webp)$/i.test(src)) {
    ctx.at(
      line,
      `<Figure src="${src}">: the image is a file inside the episode folder (SVG, PNG, JPEG or WebP), like src="figures/map.png".`,
    );
    return undefined;
  }
  if (attrs.source !== undefined && /^http:\/\/\S+$/i.test(attrs.source) && !httpAllowed) {
    ctx.at(line, `<Figure source="…">: ${httpRefused(attrs.source)}`);
  } else if (attrs.source !== undefined && !/^https?:\/\/\S+$/i.test(attrs.source)) {
    ctx.at(line, `<Figure source="${attrs.source}">: the source is the https:// address the image comes from.`);
    return undefined;
  }
  if (attrs.licence !== undefined && !attrs.credit) {
    ctx.at(
      line,
      `<Figure src="${src}"> has a licence but no credit: write credit="…" (who made the image), which the licence asks readers to be told.`,
    );
    return undefined;
  }
  let caption: (FigureText & { inlines: Inline[] }) | undefined;
  if (node.children?.length) {
    const inline = inlineChildren(node);
    if (!inline) {
      ctx.at(line, '<Figure …>caption</Figure> holds one paragraph, its caption.');
      return undefined;
    }
    caption = { ...text(ctx.slice(inline)), inlines: readInlines(inline, ctx.at) };
  }
  for (const k of ['alt', 'credit'] as const)
    if (attrs[k] !== undefined && !attrs[k].trim()) {
      ctx.at(line, `<Figure ${k}=""> is empty: write the text, or leave the attribute out.`);
      return undefined;
    }
  return {
    type: 'figure',
    src,
    ...(attrs.alt ? { alt: text(attrs.alt) } : {}),
    ...(caption ? { caption } : {}),
    ...(attrs.credit ? { credit: text(attrs.credit) } : {}),
    ...(attrs.licence ? { licence: attrs.licence.trim() } : {}),
    ...(attrs.source ? { source: attrs.source } : {}),
  };
}

/** The language of `<Lang fr>`: its one attribute, a language code with no value. */
function langAttribute(node: Mdast, at: (line: number | undefined, m: string) => void): string | undefined {
  const line = node.position?.start.line;
  const attrs = node.attributes ?? [];
  const a = attrs[0];
  if (attrs.length !== 1 || a?.type !== 'mdxJsxAttribute' || !a.name || a.value !== null) {
    at(line, '<Lang …> names one language, like <Lang fr>le Guide</Lang> or <Lang en-GB>…</Lang>.');
    return undefined;
  }
  const tag = languageTag(a.name);
  if (!tag) {
    at(line, `<Lang ${a.name}>: "${a.name}" is not a language code; write a code such as fr, en, de, la or pt-BR.`);
    return undefined;
  }
  return tag;
}

function readInlines(nodes: Mdast[], at: (line: number | undefined, m: string) => void): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const line = n.position?.start.line;
    switch (n.type) {
      case 'text':
        out.push({ type: 'text', value: n.value ?? '' });
        break;
      case 'emphasis':
        out.push({ type: 'em', children: readInlines(n.children ?? [], at) });
        break;
      case 'strong':
        out.push({ type: 'strong', children: readInlines(n.children ?? [], at) });
        break;
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'link':
        if (/^http:\/\//i.test(n.url ?? '') && !httpAllowed) {
          at(line, `the link ${httpRefused(n.url!)}`);
        } else if (!/^https?:\/\//i.test(n.url ?? '')) {
          at(line, `a link must point to an https:// address, not "${n.url}".`);
        } else {
          out.push({ type: 'link', href: n.url!, children: readInlines(n.children ?? [], at) });
        }
        break;
      case 'mdxTextExpression':
        at(
          line,
          `JavaScript expressions ({…}) are not allowed in ${kind}. To write a brace in prose, escape it as "\\{".`,
        );
        break;
      case 'mdxJsxTextElement': {
        if (n.name === 'Lang') {
          const lang = langAttribute(n, at);
          if (lang) out.push({ type: 'lang', lang, children: readInlines(n.children ?? [], at) });
          break;
        }
        at(
          line,
          n.name === 'Untranslated'
            ? '<Untranslated /> stands alone: on its own line for a paragraph, or alone after "## " or "- " for a heading or a list item.'
            : `<${n.name ?? ''}> inside a paragraph is not allowed: HTML and components cannot be mixed with prose (only <Lang fr>…</Lang>, to mark a phrase in another language). To write "<" in prose, escape it as "\\<".`,
        );
        break;
      }
      case 'inlineCode':
        at(line, `backticks (\`…\`) are not supported in ${kind}: remove them.`);
        break;
      case 'image':
        at(
          line,
          'images are added as panels (<Panel id="…" /> and panels.yaml) or figures (<Figure src="figures/x.png" alt="…" />, on their own line), not with ![…](…).',
        );
        break;
      case 'linkReference':
        at(line, REFERENCE_LINK);
        break;
      case 'imageReference':
        at(
          line,
          'images are added as panels (<Panel id="…" /> and panels.yaml) or figures (<Figure src="figures/x.png" alt="…" />, on their own line), not with ![…][…].',
        );
        break;
      default:
        at(line, `"${n.type}" is not supported inside a paragraph.`);
    }
  }
  return out;
}
