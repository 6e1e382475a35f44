// Cuts the built print edition of one language (dist/<lang>/print/index.html: the whole book as
// one HTML page, from the same components as the site) into the EPUB's content documents: the
// cover, the title page, the licence page, one chapter per episode and the about page. The
// print edition's own contents page is left out: the EPUB's navigation document replaces it.
//
// The cutting is strict. What an EPUB cannot hold (players, forms, frames) stops the build with
// a message rather than being dropped; what exists only for the site's scripts (toggle buttons,
// hidden elements, data- attributes) is removed; images must be SVG, PNG or JPEG files of the build,
// with alt text.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { routes } from '../../shared/addresses.ts';
import {
  attr,
  children,
  escapeAttr,
  escapeText,
  findAll,
  findFirst,
  hasClass,
  isElement,
  parseHtml,
  removeAttr,
  removeNode,
  replaceNode,
  serializeXhtml,
  setAttr,
  textContent,
  type Element,
  type ParentNode,
} from './xhtml.ts';
import type { PageMark } from '../pdf/page-map.ts';
import { insertPageBreaks, markBlockIds, type PageBreak } from './page-breaks.ts';

export type PartKind = 'cover' | 'title' | 'licence' | 'episode' | 'about';

export interface EpubPart {
  kind: PartKind;
  /** File name inside the EPUB (no folder): cover.xhtml, episode-19.xhtml… */
  file: string;
  /** The document's title and its label in the navigation document. */
  title: string;
  /** The language of the title when it differs from the book's (an untranslated episode). */
  titleLang?: string;
  /** Listed in the table of contents (episodes and the about page). */
  inToc: boolean;
  /** Before the table of contents in the reading order (cover, title page, licence). */
  beforeToc: boolean;
  /** EPUB structural semantics of the document's body: frontmatter, bodymatter, backmatter. */
  matter: 'frontmatter' | 'bodymatter' | 'backmatter';
  episode?: number;
  slug?: string;
  /** The part's content as XHTML (one element, ids and links already resolved). */
  xhtml: string;
  /** Absolute paths of the images the part shows. */
  images: string[];
  /** The part's sections (## headings, with their ### under them), for the navigation document. */
  sections: EpubSection[];
}

export interface EpubSection {
  /** The heading's id in the part's document. */
  id: string;
  title: string;
  /** The heading's language when it is not the book's (an untranslated heading). */
  lang?: string;
  children: EpubSection[];
}

/** The sections of a part: its elements marked data-section (2 or 3), nested ### under ##. */
function sectionsOf(el: Element, lang: string): EpubSection[] {
  const out: EpubSection[] = [];
  for (const h of findAll(el, (e) => attr(e, 'data-section') !== undefined)) {
    const id = attr(h, 'id');
    if (!id) continue;
    const own = attr(h, 'lang');
    const s: EpubSection = {
      id,
      title: (attr(h, 'data-section-title') ?? textContent(h)).replace(/\s+/g, ' ').trim(),
      ...(own && own !== lang ? { lang: own } : {}),
      children: [],
    };
    const parent = out[out.length - 1];
    if (attr(h, 'data-section') === '3' && parent) parent.children.push(s);
    else out.push(s);
  }
  return out;
}

export interface CutOptions {
  /** The language the print edition must be in. */
  lang: string;
  /** The site's base path ("/" or "/planches/"), as in the built pages' addresses. */
  base: string;
  /** The site's public address: links to the site's pages become absolute links to it. */
  siteUrl: string;
  /** The build's output folder: images are read from <outDir>/panels/. */
  outDir: string;
  /** The cover image to use instead of the print edition's (a JPEG file name in <outDir>/panels/). */
  coverFile?: string;
  /**
   * The file to show instead of each of the print edition's images (a file name in <outDir>/panels/):
   * the e-ink flavour's PNG of each SVG panel. Unlisted images stay as they are.
   */
  imageFor?: ReadonlyMap<string, string>;
  /** Labels of the documents (from the interface strings of the language). */
  labels: { cover: string; episode: (number: number, title: string) => string };
  /** Where each printed page begins (the PDF's page map): page-break markers go there. */
  pageMarks?: PageMark[];
}

export interface CutBook {
  lang: string;
  /** The book's title, from the print edition's <title>. */
  title: string;
  parts: EpubPart[];
  /** The page-break markers, in page order (none without a page map). */
  pageBreaks: PageBreak[];
}

const KINDS: Record<
  string,
  { kind: PartKind; beforeToc: boolean; inToc: boolean; matter: EpubPart['matter']; type: string; role?: string }
> = {
  cover: { kind: 'cover', beforeToc: true, inToc: false, matter: 'frontmatter', type: 'cover' },
  title: { kind: 'title', beforeToc: true, inToc: false, matter: 'frontmatter', type: 'titlepage' },
  licence: { kind: 'licence', beforeToc: true, inToc: false, matter: 'frontmatter', type: 'copyright-page' },
  episode: {
    kind: 'episode',
    beforeToc: false,
    inToc: true,
    matter: 'bodymatter',
    type: 'chapter',
    role: 'doc-chapter',
  },
  about: { kind: 'about', beforeToc: false, inToc: true, matter: 'backmatter', type: 'colophon', role: 'doc-colophon' },
};
/** Parts of the print edition the EPUB leaves out on purpose. */
const SKIPPED = new Set(['contents']);

/** Elements that exist for the site's scripts: removed. */
const SCRIPT_ONLY = new Set(['button', 'script', 'noscript', 'template', 'style', 'link', 'meta']);
/** Elements an EPUB chapter must not carry (the issue asks for plain links instead of players). */
const FORBIDDEN = new Set([
  'iframe',
  'video',
  'audio',
  'object',
  'embed',
  'form',
  'input',
  'select',
  'textarea',
  'canvas',
  'dialog',
]);
/**
 * Attributes kept in the EPUB; every other one (data-*, loading, decoding, width, height,
 * aria-controls, rel…) is dropped. A subset of what epub-gen-memory accepts: it deletes any
 * other attribute itself, with a warning, and the build treats its warnings as errors.
 */
const KEPT_ATTRIBUTES = new Set([
  'id',
  'class',
  'lang',
  'xml:lang',
  'dir',
  'title',
  'alt',
  'src',
  'href',
  'hreflang',
  'role',
  'aria-label',
  'aria-labelledby',
  'aria-describedby',
  'colspan',
  'rowspan',
  'epub:type',
]);

export class EpubCutError extends Error {}

/** The EPUB file name of a part. */
export function partFile(kind: PartKind, episode?: number): string {
  return kind === 'episode' ? `episode-${episode}.xhtml` : `${kind}.xhtml`;
}

export function cutPrintEdition(html: string, opts: CutOptions): CutBook {
  const fail = (message: string): never => {
    throw new EpubCutError(`EPUB (${opts.lang}): ${message}`);
  };
  const doc = parseHtml(html);
  const root = children(doc).find((e) => e.tagName === 'html');
  const body = root && children(root).find((e) => e.tagName === 'body');
  if (!root || !body) return fail('the print edition has no <body>.');
  const docLang = attr(root, 'lang');
  if (docLang !== opts.lang) fail(`the print edition is in "${docLang ?? 'no language'}", expected "${opts.lang}".`);
  const head = children(root).find((e) => e.tagName === 'head');
  const titleEl = head && findFirst(head, (e) => e.tagName === 'title');
  const title = titleEl ? textContent(titleEl).trim() : '';

  const found: Array<{ part: EpubPart; el: Element }> = [];
  const parts: EpubPart[] = [];
  for (const el of children(body)) {
    const name = attr(el, 'data-part');
    if (name === undefined) {
      if (SCRIPT_ONLY.has(el.tagName)) continue;
      fail(
        `the print edition has a <${el.tagName}${attr(el, 'class') ? ` class="${attr(el, 'class')}"` : ''}> outside any part: give it data-part (and teach src/outputs/epub/chapters.ts what to do with it), or leave it out of the print edition.`,
      );
    }
    if (SKIPPED.has(name!)) continue;
    const kind = KINDS[name!];
    if (!kind) {
      fail(
        `the print edition has a part "${name}" that the EPUB does not know. Add it to KINDS in src/outputs/epub/chapters.ts (or to SKIPPED to leave it out).`,
      );
    }
    const episode = kind!.kind === 'episode' ? Number(attr(el, 'data-episode')) : undefined;
    if (kind!.kind === 'episode' && !Number.isInteger(episode))
      fail('an episode of the print edition has no data-episode number.');
    const slug = attr(el, 'data-slug');
    const file = partFile(kind!.kind, episode);
    if (parts.some((p) => p.file === file))
      fail(`the print edition has two "${name}" parts${episode ? ` for episode ${episode}` : ''}.`);
    const heading = findFirst(el, (e) => /^h[1-6]$/.test(e.tagName));
    let partTitle: string;
    let titleLang: string | undefined;
    if (kind!.kind === 'episode') {
      const dataTitle = attr(el, 'data-title') ?? (heading ? textContent(heading).trim() : '');
      if (!dataTitle) fail(`episode ${episode} has no title in the print edition.`);
      partTitle = opts.labels.episode(episode!, dataTitle);
      const h = findFirst(el, (e) => hasClass(e, 'chapter__title'));
      titleLang = h && attr(h, 'lang') && attr(h, 'lang') !== opts.lang ? attr(h, 'lang') : undefined;
    } else if (kind!.kind === 'cover') {
      partTitle = opts.labels.cover;
    } else {
      partTitle = heading ? textContent(heading).replace(/\s+/g, ' ').trim() : '';
      if (!partTitle) fail(`the "${name}" part of the print edition has no heading.`);
    }
    const part: EpubPart = {
      kind: kind!.kind,
      file,
      title: partTitle!,
      titleLang,
      inToc: kind!.inToc,
      beforeToc: kind!.beforeToc,
      matter: kind!.matter,
      episode,
      slug,
      xhtml: '',
      images: [],
      sections: sectionsOf(el, opts.lang),
    };
    parts.push(part);
    found.push({ part, el });
    if (opts.pageMarks && (kind!.kind === 'episode' || kind!.kind === 'about')) markBlockIds(el);
    setAttr(el, 'epub:type', kind!.type);
    // The DPUB-ARIA role that matches the epub:type, for assistive technologies (Ace's
    // epub-type-has-matching-role); the front matter's types have none.
    // doc-chapter is not allowed on <article> (ARIA in HTML), so a chapter is a <section> here.
    if (kind!.role) {
      setAttr(el, 'role', kind!.role);
      if (el.tagName === 'article') el.tagName = el.nodeName = 'section';
    }
  }
  if (!parts.some((p) => p.kind === 'episode')) fail('the print edition has no episode.');
  const order = parts.map((p) => p.kind);
  const before = order.findIndex((k) => !KINDS[k]!.beforeToc);
  if (order.slice(before).some((k) => KINDS[k]!.beforeToc))
    fail(
      `the print edition's parts are out of order (${order.join(', ')}): the cover, title and licence come before the episodes.`,
    );

  // Which document holds each id, for links between documents.
  const idHome = new Map<string, string>();
  for (const { part: p, el } of found) {
    for (const e of [el, ...findAll(el, () => true)]) {
      const id = attr(e, 'id');
      // Paragraph ids (p1, p2…) repeat in every episode: as in the print page, the first wins.
      if (id !== undefined && !idHome.has(id)) idHome.set(id, p.file);
    }
  }

  for (const { part: p, el } of found) {
    const where = p.kind === 'episode' ? `episode ${p.episode}` : `the ${p.kind} page`;
    clean(el, where);
    relevelHeadings(el, p.title, p.titleLang);
    for (const img of findAll(el, (e) => e.tagName === 'img')) {
      let file = imageFile(attr(img, 'src') ?? '', opts.base, where, fail);
      if (p.kind === 'cover' && opts.coverFile) file = opts.coverFile;
      else file = opts.imageFor?.get(file) ?? file;
      const abs = join(opts.outDir, routes.image(file));
      if (!/\.(png|jpe?g|svg)$/i.test(file))
        fail(`${where} shows ${file}: an EPUB takes SVG, PNG or JPEG images only (epubcheck rejects WebP and AVIF).`);
      if (!existsSync(abs)) fail(`${where} shows panels/${file}, which is not in the build (${abs}).`);
      const alt = (attr(img, 'alt') ?? '').trim();
      if (!alt) fail(`${where} has an image without alt text (panels/${file}): every image needs a text alternative.`);
      setAttr(img, 'src', pathToFileURL(abs).href);
      if (!p.images.includes(abs)) p.images.push(abs);
    }
    for (const a of findAll(el, (e) => e.tagName === 'a' && attr(e, 'href') !== undefined)) {
      setAttr(a, 'href', linkTarget(attr(a, 'href')!, p.file, idHome, opts, where, fail));
    }
    const ids = new Set([el, ...findAll(el, () => true)].map((e) => attr(e, 'id')).filter(Boolean));
    for (const e of [el, ...findAll(el, () => true)]) {
      for (const name of ['aria-labelledby', 'aria-describedby']) {
        const refs = attr(e, name);
        if (refs?.split(/\s+/).some((r) => !ids.has(r))) fail(`${where}: ${name}="${refs}" points outside the part.`);
      }
    }
  }
  const pageBreaks = opts.pageMarks
    ? insertPageBreaks(
        found.map(({ part, el }) => ({ file: part.file, el })),
        opts.pageMarks,
        fail,
      )
    : [];
  for (const { part: p, el } of found) p.xhtml = serializeXhtml(el);
  return { lang: opts.lang, title, parts, pageBreaks };
}

/**
 * Gives the part one h1 and heading levels without gaps, as a document of its own needs (axe
 * page-has-heading-one, heading-order). In the print edition the parts sit under the book's h1,
 * so their headings start at h2; here each part is a document. The levels shift so the part's
 * top heading is h1 and a heading is never more than one level below the one before it. A part
 * without a heading (the cover: a picture) gets an h1 with its title, hidden from sight only.
 */
export function relevelHeadings(el: Element, title: string, titleLang?: string): void {
  const headings = findAll(el, (e) => /^h[1-6]$/.test(e.tagName));
  if (headings.length === 0) {
    const doc = parseHtml(
      `<h1 class="epub-hidden-heading"${titleLang ? ` lang="${escapeAttr(titleLang)}"` : ''}>${escapeText(title)}</h1>`,
    );
    const h1 = findFirst(doc, (e) => e.tagName === 'h1');
    if (h1) {
      h1.parentNode = el;
      el.childNodes.unshift(h1);
    }
    return;
  }
  const levels = headings.map((h) => Number(h.tagName[1]));
  const top = Math.min(...levels);
  let previous = 0;
  headings.forEach((h, i) => {
    let level = levels[i]! - top + 1;
    // The first heading of the part is its title: any heading before a deeper one still nests.
    if (i === 0) level = 1;
    else level = Math.max(2, Math.min(level, previous + 1));
    previous = level;
    h.tagName = `h${level}`;
    h.nodeName = `h${level}`;
  });
}

/** Removes what only the site's scripts need; refuses what an EPUB must not hold. */
function clean(el: Element, where: string): void {
  const walk = (node: ParentNode) => {
    for (const c of [...node.childNodes]) {
      if (!isElement(c)) continue;
      if (FORBIDDEN.has(c.tagName)) {
        throw new EpubCutError(
          `EPUB: ${where} contains <${c.tagName}>, which an EPUB chapter must not carry. Give the print edition a plain link (or text) instead.`,
        );
      }
      // data-print-only: for paper only (the QR code of a talk excerpt's address).
      if (SCRIPT_ONLY.has(c.tagName) || attr(c, 'hidden') !== undefined || attr(c, 'data-print-only') !== undefined) {
        removeNode(c);
        continue;
      }
      if (c.tagName === 'picture') {
        // The print edition uses plain <img>; a <picture> keeps only its fallback image.
        replaceNode(
          c,
          findFirst(c, (e) => e.tagName === 'img'),
        );
        continue;
      }
      walk(c);
    }
  };
  walk(el);
  for (const e of [el, ...findAll(el, () => true)]) {
    for (const a of [...e.attrs]) {
      const name = a.prefix ? `${a.prefix}:${a.name}` : a.name;
      if (!KEPT_ATTRIBUTES.has(name)) removeAttr(e, a.name);
    }
  }
}

/** The file name under panels/ that an image address of the print edition points to. */
export function imageFile(src: string, base: string, where: string, fail: (m: string) => never): string {
  const prefix = `${base.endsWith('/') ? base : `${base}/`}panels/`;
  if (!src.startsWith(prefix))
    return fail(`${where} shows an image from "${src}": the EPUB takes only the build's panel images (${prefix}…).`);
  const file = decodeURIComponent(src.slice(prefix.length).split(/[?#]/)[0]!);
  if (!file || file.includes('/') || file.includes('\\') || file.startsWith('.'))
    return fail(`${where} shows an image from "${src}", which is not a file of ${prefix}.`);
  return file;
}

/** Where a link of the print edition leads in the EPUB. */
export function linkTarget(
  href: string,
  file: string,
  idHome: Map<string, string>,
  opts: Pick<CutOptions, 'lang' | 'base' | 'siteUrl'>,
  where: string,
  fail: (m: string) => never,
): string {
  if (href.startsWith('#')) {
    const id = decodeURIComponent(href.slice(1));
    const home = idHome.get(id);
    if (!home) return fail(`${where} links to "${href}", which is not in the EPUB.`);
    return home === file ? href : `${home}${href}`;
  }
  if (/^(https?|mailto):/i.test(href)) return href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href))
    return fail(`${where} links to "${href}": only http(s) and mailto links can leave the EPUB.`);
  // A page of the site: the EPUB links to it on the public site.
  const site = opts.siteUrl.endsWith('/') ? opts.siteUrl : `${opts.siteUrl}/`;
  const page = new URL(`${opts.base.endsWith('/') ? opts.base : `${opts.base}/`}${opts.lang}/print/`, site);
  return new URL(href, page).href;
}
