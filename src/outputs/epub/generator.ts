// Makes one EPUB from the cut print edition (chapters.ts) and the metadata (package.ts) with
// epub-gen-memory, then re-packs its ZIP so that the bytes are reproducible (zip.ts).
//
// What epub-gen-memory does for us: it checks the chapters, fetches the images and fonts
// (file:// URLs, read from disk) and lays out the container (mimetype, META-INF/container.xml,
// OEBPS/…). What it does not do, and is done here: reproducible names and bytes. It names
// images with random UUIDs and stamps ZIP entries with the current time, so the images are
// renamed after their (content-hashed) file names and the archive is re-written with one date.
import { basename } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { CutBook } from './chapters.ts';
import { metadataXml, type EpubMetadata } from './package.ts';
import { CHAPTER_XHTML, CONTENT_OPF, NAV_XHTML, TOC_NCX } from './templates.ts';
import { readZip, writeZip, type ZipEntry } from '../zip.ts';

interface GenImage {
  url: string;
  id: string;
  extension: string;
}
interface GenInstance {
  render(): Promise<unknown>;
  generateAsync(options: { type: 'nodebuffer'; compression: 'STORE' }): Promise<Buffer>;
}
type GenClass = new (options: Record<string, unknown>, content: Array<Record<string, unknown>>) => GenInstance;

/**
 * epub-gen-memory is CommonJS. Imported from ESM, `mod.default` is its whole `module.exports`
 * (the callable is `mod.default.default`, not `mod.default`), and bundlers differ again; its
 * EPub class is looked for in every shape. The class (rather than the callable) is needed to
 * read the list of images it fetched.
 */
export function resolveEpubGen(mod: unknown): GenClass {
  const m = mod as { EPub?: unknown; default?: { EPub?: unknown; default?: { EPub?: unknown } } } | undefined;
  const found = m?.EPub ?? m?.default?.EPub ?? m?.default?.default?.EPub;
  if (typeof found !== 'function') {
    throw new Error('epub-gen-memory has no EPub class any more (its API changed): see src/outputs/epub/generator.ts.');
  }
  return found as GenClass;
}

const require = createRequire(import.meta.url);
let genClass: GenClass | undefined;
function epubGen(): GenClass {
  genClass ??= resolveEpubGen(require('epub-gen-memory'));
  return genClass;
}

export interface Font {
  /** File name inside the EPUB's fonts/ folder (the stylesheet refers to it). */
  filename: string;
  /** Absolute path of the font file. */
  path: string;
}

export interface AssembleOptions {
  book: CutBook;
  meta: EpubMetadata;
  css: string;
  fonts: Font[];
  /** Absolute path of the cover image (shown by the cover part; marked as the cover-image). */
  cover: string;
  labels: { contents: string; landmarks: string; start: string; pages: string };
}

/** Builds the EPUB and returns its bytes. Throws on anything epub-gen-memory warns about. */
export async function assembleEpub(o: AssembleOptions): Promise<Buffer> {
  const warnings: string[] = [];
  const EPub = epubGen();
  const toUrl = (path: string) => pathToFileURL(path).href;
  const coverUrl = toUrl(o.cover);
  const chapters = o.book.parts.map((p) => ({
    id: `doc-${p.file.replace(/\.xhtml$/, '')}`,
    filename: p.file,
    title: p.title,
    content: p.xhtml,
    beforeToc: p.beforeToc,
    excludeFromToc: !p.inToc,
    // Our own fields, for our templates.
    kind: p.kind,
    matter: p.matter,
    titleLang: p.titleLang ?? '',
    sections: p.sections,
  }));
  const epub = new EPub(
    {
      title: o.meta.title,
      lang: o.meta.lang,
      description: o.meta.description,
      date: o.meta.modified,
      css: o.css,
      fonts: o.fonts.map((f) => ({ filename: f.filename, url: toUrl(f.path) })),
      tocTitle: o.labels.contents,
      contentOPF: CONTENT_OPF,
      chapterXHTML: CHAPTER_XHTML,
      tocXHTML: NAV_XHTML,
      tocNCX: TOC_NCX,
      version: 3,
      // Files are local: no retries, a failure is a failure.
      retryTimes: 1,
      fetchTimeout: 60_000,
      ignoreFailedDownloads: false,
      verbose: (type: string, ...args: unknown[]) => {
        if (type === 'warn') warnings.push(args.map(String).join(' '));
      },
      // Ours, for our templates.
      identifier: o.meta.identifier,
      metadataXml: metadataXml(o.meta),
      coverImageUrl: coverUrl,
      labels: o.labels,
      pageBreaks: o.book.pageBreaks,
      playOrder: playOrder(o.book),
    },
    chapters,
  );
  await epub.render();
  if (warnings.length) throw new Error(`epub-gen-memory warned (the EPUB would be wrong):\n  ${warnings.join('\n  ')}`);
  const images = (epub as unknown as { images?: GenImage[] }).images;
  if (!Array.isArray(images))
    throw new Error(
      'epub-gen-memory no longer exposes its image list (its API changed): see src/outputs/epub/generator.ts.',
    );
  if (!images.some((i) => i.url === coverUrl))
    throw new Error(`the cover image ${o.cover} is not shown by the cover page.`);
  const raw = await epub.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  return repack(raw, images, new Date(o.meta.modified));
}

/**
 * The NCX's playOrder of every target it points to (a document, "file#id"): their rank in the
 * reading order, navigation points and page targets together, as EPUB 2 reading systems expect
 * (a page target and the section that starts at the same place still get their own numbers, in
 * document order).
 */
export function playOrder(book: CutBook): Record<string, number> {
  const at: Array<{ key: string; part: number; offset: number }> = [];
  book.parts.forEach((p, part) => {
    const target = (id: string) => {
      const offset = p.xhtml.indexOf(`id="${id}"`);
      if (offset < 0) throw new Error(`the NCX points to ${p.file}#${id}, which is not there.`);
      at.push({ key: `${p.file}#${id}`, part, offset });
    };
    if (p.inToc) {
      at.push({ key: p.file, part, offset: -1 });
      for (const s of p.sections) {
        target(s.id);
        for (const c of s.children) target(c.id);
      }
    }
    for (const b of book.pageBreaks) if (b.file === p.file) target(b.id);
  });
  at.sort((a, b) => a.part - b.part || a.offset - b.offset);
  return Object.fromEntries(at.map((a, i) => [a.key, i + 1]));
}

/** The name an image gets inside the EPUB: its build file name (already unique and content-hashed). */
export function imageName(url: string): string {
  const name = decodeURIComponent(basename(new URL(url).pathname));
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.(png|jpe?g|svg)$/.test(name))
    throw new Error(`image file name "${name}" is not a plain SVG, PNG or JPEG file name.`);
  return name;
}

const TEXT = /\.(xhtml|opf|ncx|css|xml)$|^mimetype$/;
const ALREADY_COMPRESSED = /\.(png|jpe?g|woff2?)$/i;

/**
 * Re-packs epub-gen-memory's archive: images renamed from random ids to their file names (and
 * every reference to them), `mimetype` first and stored, the other entries in name order,
 * every entry dated `date`.
 */
export function repack(zip: Uint8Array, images: GenImage[], date: Date): Buffer {
  const renames = new Map<string, string>();
  const used = new Set<string>();
  for (const img of images) {
    const to = `images/${imageName(img.url)}`;
    if (used.has(to)) throw new Error(`two images of the EPUB would both be named ${to}.`);
    used.add(to);
    renames.set(`images/${img.id}.${img.extension}`, to);
  }
  const entries: ZipEntry[] = [];
  for (const e of readZip(zip)) {
    let name = e.name;
    let data: Uint8Array = e.data;
    const inOebps = name.startsWith('OEBPS/') ? name.slice(6) : undefined;
    if (inOebps && renames.has(inOebps)) name = `OEBPS/${renames.get(inOebps)}`;
    if (TEXT.test(name)) {
      let text = e.data.toString('utf8');
      for (const [from, to] of renames) text = text.split(from).join(to);
      if (/\.(xhtml|ncx|opf)$/.test(name)) text = decodeCharacterReferences(text);
      data = Buffer.from(text, 'utf8');
    }
    entries.push({ name, data, store: name === 'mimetype' || ALREADY_COMPRESSED.test(name) });
  }
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (!mimetype || Buffer.from(mimetype.data).toString() !== 'application/epub+zip')
    throw new Error('the EPUB has no proper mimetype entry.');
  const rest = entries.filter((e) => e !== mimetype).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return writeZip([mimetype, ...rest], date);
}

/**
 * epub-gen-memory re-serializes chapters with every non-ASCII character as a numeric reference
 * (`&#xE9;` for é). That is valid XML but triples the size of French text and makes the files
 * unreadable to people: the references are turned back into UTF-8 characters, except those
 * that XML needs escaped (& < > " ') and those XML does not allow as characters.
 */
export function decodeCharacterReferences(text: string): string {
  return text.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (ref, code: string) => {
    const cp = code[0] === 'x' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
    if (cp === 0x26 || cp === 0x3c || cp === 0x3e || cp === 0x22 || cp === 0x27) return ref;
    const xmlChar =
      cp === 0x9 ||
      cp === 0xa ||
      cp === 0xd ||
      (cp >= 0x20 && cp <= 0xd7ff) ||
      (cp >= 0xe000 && cp <= 0xfffd) ||
      (cp >= 0x10000 && cp <= 0x10ffff);
    return xmlChar ? String.fromCodePoint(cp) : ref;
  });
}
