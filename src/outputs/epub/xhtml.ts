// HTML in, XHTML out: the print edition is HTML (parsed here with parse5, the HTML standard's
// own algorithm), and an EPUB's content documents are XML. The serializer writes well-formed
// XHTML: void elements closed, every attribute quoted, text escaped, `xml:lang` beside `lang`,
// comments dropped.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';

export type Node = T.Node;
export type Element = T.Element;
export type ParentNode = T.ParentNode;
export type Document = T.Document;

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** HTML elements that have no content and are written `<x/>` in XHTML. */
export const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

export function parseHtml(html: string): Document {
  return parse(html);
}

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function setAttr(el: Element, name: string, value: string): void {
  const a = el.attrs.find((x) => x.name === name);
  if (a) a.value = value;
  else el.attrs.push({ name, value });
}

export function removeAttr(el: Element, name: string): void {
  el.attrs = el.attrs.filter((a) => a.name !== name);
}

export function children(node: ParentNode): Element[] {
  return node.childNodes.filter(isElement);
}

/** Every element under `node` (document order, `node` itself excluded) that matches. */
export function findAll(node: ParentNode, match: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (n: ParentNode) => {
    for (const c of n.childNodes) {
      if (!isElement(c)) continue;
      if (match(c)) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function findFirst(node: ParentNode, match: (el: Element) => boolean): Element | undefined {
  return findAll(node, match)[0];
}

export function hasClass(el: Element, name: string): boolean {
  return (attr(el, 'class') ?? '').split(/\s+/).includes(name);
}

export function textContent(node: Node): string {
  if (node.nodeName === '#text') return (node as T.TextNode).value;
  if ('childNodes' in node) return node.childNodes.map(textContent).join('');
  return '';
}

export function removeNode(node: Node): void {
  const parent = (node as Element).parentNode;
  if (!parent) return;
  parent.childNodes = parent.childNodes.filter((c) => c !== node);
}

/** Replaces `node` with `replacement` (or with nothing). */
export function replaceNode(node: Node, replacement: Element | undefined): void {
  const parent = (node as Element).parentNode;
  if (!parent) return;
  const i = parent.childNodes.indexOf(node as T.ChildNode);
  if (replacement) {
    replacement.parentNode = parent;
    parent.childNodes.splice(i, 1, replacement);
  } else parent.childNodes.splice(i, 1);
}

/** Characters XML 1.0 does not allow at all (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F). */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttr(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(
      /[&<>"\t\n\r]/g,
      (c) =>
        ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!,
    );
}

/**
 * Serializes `node` (and its descendants) as XHTML. The caller's document declares the XHTML
 * and `epub:` namespaces on <html>; SVG and MathML get theirs on their root element.
 */
export function serializeXhtml(node: Node, parentNs: string = HTML_NS): string {
  if (node.nodeName === '#text') return escapeText((node as T.TextNode).value);
  if (node.nodeName === '#comment' || node.nodeName === '#documentType') return '';
  if (!isElement(node)) return (node as ParentNode).childNodes.map((c) => serializeXhtml(c, parentNs)).join('');
  const el = node;
  const name = el.tagName;
  const attrs: Array<[string, string]> = [];
  const ns = el.namespaceURI as string;
  if (ns !== parentNs && (ns === SVG_NS || ns === MATHML_NS)) attrs.push(['xmlns', ns]);
  for (const a of el.attrs) {
    const qname = a.prefix ? `${a.prefix}:${a.name}` : a.name;
    if (qname === 'xmlns' || qname.startsWith('xmlns:')) continue;
    attrs.push([qname, a.value]);
  }
  const lang = attrs.find(([n]) => n === 'lang');
  const xmlLang = attrs.find(([n]) => n === 'xml:lang');
  if (lang && !xmlLang) attrs.splice(attrs.indexOf(lang) + 1, 0, ['xml:lang', lang[1]]);
  if (xmlLang && lang && xmlLang[1] !== lang[1])
    throw new Error(`<${name}> has lang="${lang[1]}" but xml:lang="${xmlLang[1]}": they must agree.`);
  const open = `<${name}${attrs.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('')}`;
  const kids = (name === 'template' ? (el as T.Template).content.childNodes : el.childNodes)
    .map((c) => serializeXhtml(c, ns))
    .join('');
  if (ns === HTML_NS && VOID_ELEMENTS.has(name)) return `${open}/>`;
  if (ns !== HTML_NS && kids === '') return `${open}/>`;
  return `${open}>${kids}</${name}>`;
}
