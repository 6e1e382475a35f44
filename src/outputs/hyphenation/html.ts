// Soft hyphens into a built HTML page (the print edition, which the PDF is printed from and the
// EPUB is cut from). Only text nodes change, spliced into the page's own source: every other byte
// stays as Astro wrote it. Each text is hyphenated in the language of its element (the nearest
// `lang`), except where a break would be wrong:
// - headings, the title page and the contents (titles are not broken);
// - code, addresses (`<a>` whose text is a URL, and any URL or e-mail address in a text);
// - anything marked `translate="no"` or `data-hyphens="none"` (names marked as such);
// - the panels' transcripts (never laid out as visible lines in print), scripts and styles.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { hyphenator, type WordHyphenator } from './hyphenate.ts';

const SKIP_TAGS = new Set([
  'head',
  'script',
  'style',
  'title',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'svg',
  'math',
  'textarea',
]);
const SKIP_CLASSES = ['book-title', 'book-contents', 'transcript', 'chapter__header', 'talk-link'];

const URL_OR_MAIL = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
const ENTITY = /&(?:#\d+|#x[\da-f]+|\w+);/giu;

const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

function skipped(el: T.Element): boolean {
  if (SKIP_TAGS.has(el.tagName)) return true;
  if (attr(el, 'translate') === 'no' || attr(el, 'data-hyphens') === 'none') return true;
  const cls = (attr(el, 'class') ?? '').split(/\s+/);
  return SKIP_CLASSES.some((c) => cls.includes(c));
}

export interface HyphenateOptions {
  /** Exceptions per language (settings `hyphenation.exceptions`). */
  exceptions?: Record<string, readonly string[]>;
}

/** Hyphenates every text in `html` outside what is skipped. Returns the page and how many soft hyphens it got. */
export function hyphenateHtml(html: string, options: HyphenateOptions = {}): { html: string; breaks: number } {
  const doc = parse(html, { sourceCodeLocationInfo: true });
  const hyphenators = new Map<string, WordHyphenator>();
  const forLang = (lang: string) => {
    let h = hyphenators.get(lang);
    if (!h) {
      const base = lang.split('-')[0]!;
      h = hyphenator(lang, [...(options.exceptions?.[base] ?? []), ...(options.exceptions?.[lang] ?? [])]);
      hyphenators.set(lang, h);
    }
    return h;
  };
  const edits: Array<{ start: number; end: number; text: string }> = [];
  let breaks = 0;
  const count = (s: string) => s.split('\u00AD').length - 1;
  const hyphenateRaw = (raw: string, h: WordHyphenator) => {
    let out = '';
    let last = 0;
    // Entities and addresses are kept as they are.
    const keep = [...raw.matchAll(ENTITY), ...raw.matchAll(URL_OR_MAIL)]
      .map((m) => [m.index, m.index + m[0].length] as const)
      .sort((a, b) => a[0] - b[0]);
    for (const [s, e] of keep) {
      if (s < last) {
        last = Math.max(last, e);
        continue;
      }
      out += h(raw.slice(last, s)) + raw.slice(s, e);
      last = e;
    }
    return out + h(raw.slice(last));
  };
  const walk = (node: T.ParentNode, lang: string | undefined) => {
    for (const child of node.childNodes) {
      if ('tagName' in child) {
        if (skipped(child)) continue;
        const l = attr(child, 'lang') ?? lang;
        if (child.tagName === 'a' && /^\s*(?:https?:\/\/|www\.|mailto:)/i.test(textOf(child))) continue;
        walk(child.tagName === 'template' ? (child as T.Template).content : child, l);
      } else if (child.nodeName === '#text' && lang) {
        const loc = child.sourceCodeLocation;
        if (!loc) continue;
        const raw = html.slice(loc.startOffset, loc.endOffset);
        const text = hyphenateRaw(raw, forLang(lang));
        if (text !== raw) {
          edits.push({ start: loc.startOffset, end: loc.endOffset, text });
          breaks += count(text) - count(raw);
        }
      }
    }
  };
  walk(doc, undefined);
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const e of edits) {
    out += html.slice(last, e.start) + e.text;
    last = e.end;
  }
  return { html: out + html.slice(last), breaks };
}

function textOf(node: T.Node): string {
  if (node.nodeName === '#text') return (node as T.TextNode).value;
  return 'childNodes' in node ? (node as T.ParentNode).childNodes.map(textOf).join('') : '';
}
