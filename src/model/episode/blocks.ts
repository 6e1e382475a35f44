// Reads the body of an episode file. Episode files are content, not programs: the MDX syntax
// is used for prose and for the kit's own markers only. Imports, exports, {expressions},
// headings, lists, HTML and unknown components are errors that say what to write instead.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import type { ContentProblem } from '../errors.ts';
import { shortHash } from '../hash.ts';
import type { Inline } from '../../shared/text.ts';

export type Block =
  /** Prose. `raw` is the paragraph exactly as written in the file. */
  | { type: 'paragraph'; inlines: Inline[]; raw: string; hash: string; line: number }
  /** A drawn panel, defined in the episode's panels.yaml. */
  | { type: 'panel'; id: string; line: number }
  /** Where the talk excerpt goes (it may not be configured yet). */
  | { type: 'talk'; line: number }
  /** A stage note: shown to performers only. */
  | { type: 'note'; text: string; line: number }
  /** In a translation: this paragraph of the original is not translated yet. */
  | { type: 'untranslated'; line: number }
  /** Section headings: in the book's pages (about, introduction), never in episodes. */
  | { type: 'heading'; depth: number; inlines: Inline[]; line: number };

interface Mdast {
  type: string;
  value?: string;
  depth?: number;
  url?: string;
  name?: string | null;
  children?: Mdast[];
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
}

const COMPONENTS: Record<string, { attrs: string[]; required: string[]; help: string }> = {
  Panel: { attrs: ['id'], required: ['id'], help: '<Panel id="maze" />' },
  Talk: { attrs: [], required: [], help: '<Talk />' },
  Note: { attrs: ['text'], required: ['text'], help: '<Note text="Gee enters" />' },
  Untranslated: { attrs: [], required: [], help: '<Untranslated />' },
};

const parser = unified().use(remarkParse).use(remarkMdx);

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
  options: { page?: boolean } = {},
): ParsedBody {
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
  for (const node of tree.children ?? []) {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'paragraph': {
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? 0;
        const raw = body.slice(start, end);
        const inlines = readInlines(node.children ?? [], (l, m) => at(l, m));
        blocks.push({ type: 'paragraph', inlines, raw, hash: shortHash(raw), line: line + lineOffset });
        break;
      }
      case 'mdxJsxFlowElement': {
        const block = readComponent(node, (l, m) => at(l, m));
        if (block) blocks.push({ ...block, line: line + lineOffset });
        break;
      }
      case 'mdxjsEsm':
        at(
          line,
          "imports and exports are not allowed in an episode: episode files are content, not programs. Remove this line; the kit's markers need no import.",
        );
        break;
      case 'mdxFlowExpression':
        at(
          line,
          'JavaScript expressions ({…}) are not allowed in an episode. To write a brace in prose, escape it as "\\{".',
        );
        break;
      case 'heading':
        if (options.page && node.position) {
          if (node.depth === 2 || node.depth === 3) {
            blocks.push({
              type: 'heading',
              depth: node.depth,
              inlines: readInlines(node.children ?? [], (l, m) => at(l, m)),
              line: line + lineOffset,
            });
          } else {
            at(line, 'in a page, headings start with "## " or "### " (the page title is the "title" field).');
          }
          break;
        }
        at(
          line,
          'headings are not allowed in an episode: its title is the "title" field of the frontmatter, and the text is a series of paragraphs.',
        );
        break;
      case 'list':
        at(
          line,
          'lists are not supported in an episode: a line starting with "-", "*", "+" or "1." is read as a list. Write it as a paragraph, or escape the first character ("\\-").',
        );
        break;
      case 'blockquote':
        at(line, 'quotations starting with ">" are not supported in an episode: write the paragraph without the ">".');
        break;
      case 'code':
        at(
          line,
          'code blocks (indented by 4 spaces or fenced with ```) are not supported in an episode: remove the indentation.',
        );
        break;
      case 'thematicBreak':
        at(line, 'a line of "---", "***" or "___" is a separator, which episodes do not use: remove it.');
        break;
      default:
        at(
          line,
          `this kind of block (${node.type}) is not allowed in an episode: write paragraphs and the kit's markers only.`,
        );
    }
  }
  return { blocks, problems };
}

/** A block before its line is known: `Omit` taken variant by variant, so the variants stay apart. */
type UnplacedBlock = Block extends infer B ? (B extends Block ? Omit<B, 'line'> : never) : never;

function readComponent(node: Mdast, at: (line: number | undefined, m: string) => void): UnplacedBlock | undefined {
  const line = node.position?.start.line;
  const name = node.name ?? '';
  const spec = COMPONENTS[name];
  if (!spec) {
    at(
      line,
      `unknown component <${name || '>'}>: an episode may use only ${Object.keys(COMPONENTS)
        .map((c) => `<${c}>`)
        .join(', ')}.`,
    );
    return undefined;
  }
  if (node.children?.length) {
    at(line, `<${name}> takes no content: write it as ${spec.help}.`);
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
    default:
      return { type: 'untranslated' };
  }
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
        if (!/^https?:\/\//i.test(n.url ?? '')) {
          at(line, `a link must point to an http(s) address, not "${n.url}".`);
        } else {
          out.push({ type: 'link', href: n.url!, children: readInlines(n.children ?? [], at) });
        }
        break;
      case 'mdxTextExpression':
        at(
          line,
          'JavaScript expressions ({…}) are not allowed in an episode. To write a brace in prose, escape it as "\\{".',
        );
        break;
      case 'mdxJsxTextElement':
        at(
          line,
          `<${n.name ?? ''}> inside a paragraph is not allowed: HTML and components cannot be mixed with prose. To write "<" in prose, escape it as "\\<".`,
        );
        break;
      case 'inlineCode':
        at(line, 'backticks (`…`) are not supported in an episode: remove them.');
        break;
      case 'image':
        at(line, 'images are added as panels (<Panel id="…" /> and panels.yaml), not with ![…](…).');
        break;
      default:
        at(line, `"${n.type}" is not supported inside a paragraph.`);
    }
  }
  return out;
}
