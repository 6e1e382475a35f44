// Packaging with epub-gen-memory and re-packing reproducibly (src/outputs/epub/generator.ts), and
// the stylesheet's fonts (src/outputs/epub/index.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  assembleEpub,
  decodeCharacterReferences,
  imageName,
  repack,
  resolveEpubGen,
} from '../../src/outputs/epub/generator.ts';
import { cutPrintEdition } from '../../src/outputs/epub/chapters.ts';
import { epubMetadata } from '../../src/outputs/epub/package.ts';
import { readZip, writeZip } from '../../src/outputs/zip.ts';
import { EPUB_CSS_FILE, epubFonts } from '../../src/outputs/epub/index.ts';
import type { FontManifest } from '../../src/fonts/make.ts';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { settingsSchema } from '../../src/model/schemas/settings.ts';

test('epub-gen-memory’s EPub class is found whatever shape the module takes', async () => {
  class EPub {}
  assert.equal(resolveEpubGen({ EPub }), EPub);
  assert.equal(resolveEpubGen({ default: { EPub } }), EPub);
  assert.equal(resolveEpubGen({ default: { default: { EPub } } }), EPub);
  assert.throws(() => resolveEpubGen({ default: () => {} }), /API changed/);
  // The real thing, imported from ESM as the kit's modules do.
  const mod = await import('epub-gen-memory');
  assert.equal(typeof resolveEpubGen(mod), 'function');
  assert.notEqual(
    typeof (mod as { default?: unknown }).default,
    'function',
    'from ESM, `default` is module.exports, not the callable: the brief’s `mod.default ?? mod` would not work',
  );
});

test('numeric character references become characters, except those XML needs escaped', () => {
  assert.equal(
    decodeCharacterReferences('D&#xE9;j&#xE0;&#x202F;! &#38; &#x3C;b&#x3E; &#x22; &#39; &#1;'),
    'Déjà\u202F! &#38; &#x3C;b&#x3E; &#x22; &#39; &#1;',
  );
  assert.equal(decodeCharacterReferences('&#x1F600;'), '😀');
});

test('image names inside the EPUB are the build’s file names; anything odd is refused', () => {
  assert.equal(imageName('file:///out/panels/cage.en.1a2b3c.png'), 'cage.en.1a2b3c.png');
  assert.equal(imageName('file:///out/panels/cover.fr.0f.jpg'), 'cover.fr.0f.jpg');
  assert.throws(() => imageName('file:///out/panels/cage.webp'), /SVG, PNG or JPEG/);
  assert.throws(() => imageName('file:///out/panels/a%20b.png'), /plain/);
});

test('re-packing renames random image ids everywhere, puts mimetype first and sorts the rest', () => {
  const zip = writeZip(
    [
      { name: 'OEBPS/content.opf', data: Buffer.from('<item href="images/1111-2222.png"/>') },
      { name: 'mimetype', data: Buffer.from('application/epub+zip'), store: true },
      { name: 'OEBPS/images/1111-2222.png', data: Buffer.from('PNG') },
      { name: 'OEBPS/a.xhtml', data: Buffer.from('<img src="images/1111-2222.png" alt="&#xE9;"/>') },
      { name: 'META-INF/container.xml', data: Buffer.from('<container/>') },
    ],
    new Date(),
  );
  const out = readZip(
    repack(
      zip,
      [{ url: 'file:///o/panels/cage.en.abc.png', id: '1111-2222', extension: 'png' }],
      new Date('2022-12-01T00:00:00Z'),
    ),
  );
  assert.deepEqual(
    out.map((e) => e.name),
    ['mimetype', 'META-INF/container.xml', 'OEBPS/a.xhtml', 'OEBPS/content.opf', 'OEBPS/images/cage.en.abc.png'],
  );
  assert.equal(out[2]!.data.toString(), '<img src="images/cage.en.abc.png" alt="é"/>');
  assert.equal(out[3]!.data.toString(), '<item href="images/cage.en.abc.png"/>');
  assert.equal(out[0]!.method, 0);
  assert.equal(out[4]!.method, 0, 'images are stored, not deflated again');
});

// A font manifest as the pipeline writes it (src/fonts/make.ts), its files the fontsource ones.
const require = createRequire(import.meta.url);
const FONT_DIR = dirname(require.resolve('@fontsource/literata/files/literata-latin-400-normal.woff2'));
const face = (weight: string, style: 'normal' | 'italic') => ({
  family: 'Literata',
  style,
  weight,
  file: `literata-latin-${weight}-${style}.woff2`,
  bytes: 1,
});
const MANIFEST = {
  characters: '',
  emphasis: '',
  roles: { epub: { css: 'epub.css', faces: [face('400', 'normal'), face('700', 'normal'), face('400', 'italic')] } },
} as unknown as FontManifest;
const EPUB_FONTS = epubFonts(MANIFEST, FONT_DIR);

test('the stylesheet declares exactly the fonts the EPUB embeds, and they exist', () => {
  const css = EPUB_FONTS.css + readFileSync(EPUB_CSS_FILE, 'utf8');
  const urls = [...css.matchAll(/url\("fonts\/([^"]+)"\)/g)].map((m) => m[1]).sort();
  assert.deepEqual(urls, EPUB_FONTS.fonts.map((f) => f.filename).sort());
  assert.match(css, /@font-face \{\n {2}font-family: "Literata";\n {2}font-style: italic;\n {2}font-weight: 400;/);
  for (const f of EPUB_FONTS.fonts) assert.ok(existsSync(f.path), f.path);
  assert.throws(
    () => epubFonts({ ...MANIFEST, roles: { epub: { css: '', faces: [] } } } as unknown as FontManifest, FONT_DIR),
    /no face/,
  );
  assert.ok(!/!important/.test(css.replace(/\/\*[\s\S]*?\*\//g, '')), 'readers stay in control');
  assert.match(css, /img \{[^}]*max-width: 100%[^}]*max-height: 90vh/);
});

let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'planches-gen-'));
  mkdirSync(join(dir, 'panels'));
  const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#c33' } });
  await png(300, 200)
    .png()
    .toFile(join(dir, 'panels', 'cage.en.abc.png'));
  await png(300, 425)
    .jpeg()
    .toFile(join(dir, 'panels', 'cover.en.def.jpg'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const HTML = `<!DOCTYPE html><html lang="en"><head><title>The Book</title></head><body>
<section data-part="cover"><img src="/panels/cover.en.def.jpg" alt="Cover"></section>
<section data-part="title"><h1>The Book</h1></section>
<section data-part="licence"><h2>Public domain</h2><p>Free.</p></section>
<article class="chapter" id="episode-1" data-part="episode" data-episode="1" data-title="One"><h2 class="chapter__title">One</h2><p id="p1">Hello.</p>
<figure class="panel" id="panel-cage"><img src="/panels/cage.en.abc.png" alt="A cage."><figcaption><p>Transcript</p><ul><li>Welcome.</li></ul></figcaption></figure></article>
<section data-part="about" id="about"><h2>About</h2><p>Made with care.</p></section></body></html>`;

const build = () => {
  const settings = settingsSchema.parse({
    id: 'my-book',
    original: 'en',
    languages: [{ code: 'en', name: 'English' }],
    title: { en: 'The Book' },
    description: { en: 'A book.' },
    authors: [{ name: 'A', role: 'author' }],
    licence: {
      name: { en: 'Public domain' },
      statement: { en: 'Free.' },
      url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    },
    site: { url: 'https://book.example' },
    cover: 'art/cover.svg',
    published: '2022-12-01',
  });
  const book = cutPrintEdition(HTML, {
    lang: 'en',
    base: '/',
    siteUrl: 'https://book.example',
    outDir: dir,
    labels: { cover: 'Cover', episode: (n, t) => `Episode ${n}: ${t}` },
  });
  return assembleEpub({
    book,
    meta: epubMetadata(settings, 'en', new Date('2022-12-01T00:00:00Z')),
    css: EPUB_FONTS.css + readFileSync(EPUB_CSS_FILE, 'utf8'),
    fonts: EPUB_FONTS.fonts,
    cover: join(dir, 'panels', 'cover.en.def.jpg'),
    labels: { contents: 'Contents', landmarks: 'Landmarks', start: 'Start', pages: 'Pages' },
  });
};

test('a whole EPUB: same bytes from two runs, stable names, our templates, no trace of randomness', async () => {
  const a = await build();
  const b = await build();
  assert.ok(a.equals(b), 'two runs give the same bytes');
  const files = readZip(a);
  const names = files.map((f) => f.name);
  assert.equal(names[0], 'mimetype');
  assert.ok(
    names.includes('OEBPS/images/cage.en.abc.png') && names.includes('OEBPS/images/cover.en.def.jpg'),
    names.join(' '),
  );
  assert.ok(names.includes('OEBPS/fonts/literata-latin-400-normal.woff2'));
  const text = (n: string) => files.find((f) => f.name === n)!.data.toString('utf8');
  const opf = text('OEBPS/content.opf');
  assert.match(opf, /<package [^>]*xml:lang="en"/);
  assert.match(
    opf,
    /<item id="cover-image" href="images\/cover\.en\.def\.jpg" media-type="image\/jpeg" properties="cover-image"\/>/,
  );
  // The EPUB 2 way, for older reading systems and stores: names that same item, once.
  assert.deepEqual(opf.match(/<meta name="cover"[^>]*>/g), ['<meta name="cover" content="cover-image"/>']);
  assert.equal(opf.match(/<item id="cover-image"/g)?.length, 1);
  assert.ok(
    !/All rights reserved|epub-gen|[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}/i.test(
      names.join(' ') + opf + text('OEBPS/toc.ncx'),
    ),
    'no random UUID, no default rights, no generator',
  );
  assert.match(text('OEBPS/toc.ncx'), /<meta name="dtb:uid" content="urn:uuid:/);
  const ep = text('OEBPS/episode-1.xhtml');
  assert.match(ep, /<html [^>]*xml:lang="en" lang="en">/);
  assert.match(ep, /<img src="images\/cage\.en\.abc\.png" alt="A cage\."\/>/);
  assert.match(ep, /<title>Episode 1: One<\/title>/);
  assert.match(text('OEBPS/toc.xhtml'), /<a href="episode-1.xhtml">Episode 1: One<\/a>/);
});

test('a missing font (or image) stops the build instead of leaving a hole', async () => {
  const saved = EPUB_FONTS.fonts[0]!.path;
  EPUB_FONTS.fonts[0]!.path = join(dir, 'nope.woff2');
  try {
    await assert.rejects(build(), /nope\.woff2|ENOENT/);
  } finally {
    EPUB_FONTS.fonts[0]!.path = saved;
  }
});
