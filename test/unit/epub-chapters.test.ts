// Cutting the print edition into the EPUB's documents (src/outputs/epub/chapters.ts) and writing
// them as XHTML (src/outputs/epub/xhtml.ts), on small hand-written print editions.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cutPrintEdition, type CutOptions } from '../../src/outputs/epub/chapters.ts';
import { parseHtml, serializeXhtml, children } from '../../src/outputs/epub/xhtml.ts';

let out: string;
before(() => {
  out = mkdtempSync(join(tmpdir(), 'planches-cut-'));
  mkdirSync(join(out, 'panels'));
  for (const f of ['cover.en.abc.png', 'cover.en.abc.jpg', 'cage.en.123.png', 'cage.en.123.webp'])
    writeFileSync(join(out, 'panels', f), 'x');
});
after(() => rmSync(out, { recursive: true, force: true }));

const opts = (o: Partial<CutOptions> = {}): CutOptions => ({
  lang: 'en',
  base: '/',
  siteUrl: 'https://book.example',
  outDir: out,
  coverFile: 'cover.en.abc.jpg',
  labels: { cover: 'Cover', episode: (n, title) => `Episode ${n}: ${title}` },
  ...o,
});

const page = (body: string, lang = 'en') =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>The Book</title><link rel="stylesheet" href="/x.css"></head><body class="print-edition">${body}</body></html>`;
const COVER = `<section class="book-cover" data-part="cover"><img src="/panels/cover.en.abc.png" width="800" height="1133" alt="Cover of the book"></section>`;
const TITLE = `<section class="book-title" data-part="title"><h1>The Book</h1><dl><div><dt>Text</dt><dd>A</dd></div></dl></section>`;
const LICENCE = `<section data-part="licence"><h2>Public domain</h2><p>Free. <a href="https://creativecommons.org/publicdomain/zero/1.0/">CC0</a></p></section>`;
const CONTENTS = `<nav data-part="contents" aria-labelledby="ct"><h2 id="ct">Contents</h2><ol><li><a href="#episode-1">1</a></li></ol></nav>`;
const EP1 = `<article class="chapter" id="episode-1" data-part="episode" data-episode="1" data-slug="1-one" data-title="One"><header><p>Episode 1</p><h2 class="chapter__title">One</h2></header><div class="episode-body"><p id="p1">Fish &amp; chips &lt;3<br>next line</p><!-- a comment --><figure class="panel" id="panel-cage" data-panel="cage"><div class="panel__art"><img src="/panels/cage.en.123.png" width="1200" height="800" alt="A golden cage." loading="eager"></div><figcaption><button type="button" aria-expanded="true" aria-controls="transcript-cage" hidden>Transcript</button><div class="transcript" id="transcript-cage" data-transcript><p>Transcript</p><ul><li><span class="speaker">The Bastard: </span>Welcome home.</li></ul></div></figcaption></figure></div></article>`;
const EP2 = `<article class="chapter" id="episode-2" data-part="episode" data-episode="2" data-slug="2-deux" data-title="Deux"><header><h2 class="chapter__title" lang="fr">Deux</h2><p class="notice">Not translated yet.</p></header><div class="episode-body"><p id="p1" lang="fr">Bonjour, voir <a href="#episode-1">l’épisode 1</a> et <a href="/en/about/" rel="noopener noreferrer">à propos</a>.</p></div></article>`;
const ABOUT = `<section class="book-about" id="about" data-part="about"><h2>About</h2><p>See <a href="#p1">the start</a>.</p></section>`;
const BOOK = page(COVER + TITLE + LICENCE + CONTENTS + EP1 + EP2 + ABOUT);

describe('XHTML serialization', () => {
  const x = (html: string) => {
    const doc = parseHtml(`<!DOCTYPE html><html><body>${html}</body></html>`);
    const body = children(children(doc)[0]!).find((e) => e.tagName === 'body')!;
    return body.childNodes.map((n) => serializeXhtml(n)).join('');
  };
  test('void elements are closed, other empty elements are not', () => {
    assert.equal(
      x('<p>a<br>b<img src="a.png" alt="x"></p><div></div>'),
      '<p>a<br/>b<img src="a.png" alt="x"/></p><div></div>',
    );
  });
  test('text and attributes are escaped for XML; comments are dropped', () => {
    assert.equal(
      x('<p title="a &quot;b&quot; &amp; c">1 &lt; 2 &amp; 3 &gt; 2<!-- no --></p>'),
      '<p title="a &quot;b&quot; &amp; c">1 &lt; 2 &amp; 3 &gt; 2</p>',
    );
  });
  test('lang gets its xml:lang twin; characters XML forbids are dropped; non-ASCII stays as it is', () => {
    assert.equal(x('<p lang="fr">Déjà\u202F! a\u0001b</p>'), '<p lang="fr" xml:lang="fr">Déjà\u202F! ab</p>');
  });
  test('inline SVG gets its namespace', () => {
    assert.match(
      x('<svg viewBox="0 0 1 1"><circle r="1"></circle></svg>'),
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 1 1"><circle r="1"\/><\/svg>$/,
    );
  });
});

describe('cutting the print edition', () => {
  test('gives cover, title, licence, the episodes and about, in that order, without the printed contents', () => {
    const book = cutPrintEdition(BOOK, opts());
    assert.equal(book.title, 'The Book');
    assert.deepEqual(
      book.parts.map((p) => p.file),
      ['cover.xhtml', 'title.xhtml', 'licence.xhtml', 'episode-1.xhtml', 'episode-2.xhtml', 'about.xhtml'],
    );
    assert.deepEqual(
      book.parts.map((p) => p.beforeToc),
      [true, true, true, false, false, false],
    );
    assert.deepEqual(
      book.parts.map((p) => p.inToc),
      [false, false, false, true, true, true],
    );
    assert.deepEqual(
      book.parts.map((p) => p.title),
      ['Cover', 'The Book', 'Public domain', 'Episode 1: One', 'Episode 2: Deux', 'About'],
    );
    assert.equal(book.parts[4]!.titleLang, 'fr', 'an untranslated title keeps its language');
    assert.equal(book.parts[3]!.titleLang, undefined);
    assert.ok(!book.parts.some((p) => p.xhtml.includes('Contents')));
  });

  test('every document has one h1, and heading levels follow the content without gaps', () => {
    const about = `<section class="book-about" data-part="about"><h2>About</h2><h3>Authors</h3><h5>Gee</h5><h3>Licence</h3><h4>Text</h4></section>`;
    const book = cutPrintEdition(page(COVER + TITLE + LICENCE + EP1 + about), opts());
    const levels = (x: string) => [...x.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    for (const p of book.parts) assert.equal(levels(p.xhtml).filter((l) => l === 1).length, 1, `${p.file}: one h1`);
    assert.deepEqual(levels(book.parts.at(-1)!.xhtml), [1, 2, 3, 2, 3], 'About: h2>h3 nest under its h1, h5 closes up');
    assert.ok(book.parts[2]!.xhtml.includes('<h1>Public domain</h1>'));
    assert.ok(book.parts[3]!.xhtml.includes('<h1 class="chapter__title">One</h1>'));
    assert.ok(
      book.parts[0]!.xhtml.includes('<h1 class="epub-hidden-heading">Cover</h1>'),
      'the cover, a picture, gets a hidden h1 with its title',
    );
  });

  test('marks each part with its EPUB structural semantics', () => {
    const types = cutPrintEdition(BOOK, opts()).parts.map((p) => /epub:type="([^"]+)"/.exec(p.xhtml)?.[1]);
    assert.deepEqual(types, ['cover', 'titlepage', 'copyright-page', 'chapter', 'chapter', 'colophon']);
  });

  test('images point to the build’s files (file:// URLs, as epub-gen-memory needs), the cover to its JPEG', () => {
    const book = cutPrintEdition(BOOK, opts());
    const cage = join(out, 'panels', 'cage.en.123.png');
    assert.deepEqual(book.parts[3]!.images, [cage]);
    assert.ok(book.parts[3]!.xhtml.includes(`<img src="${pathToFileURL(cage).href}" alt="A golden cage."/>`));
    assert.deepEqual(book.parts[0]!.images, [join(out, 'panels', 'cover.en.abc.jpg')]);
  });

  test('drops what only the site’s scripts use, keeps the transcript', () => {
    const ep = cutPrintEdition(BOOK, opts()).parts[3]!.xhtml;
    for (const gone of ['<button', 'hidden', 'data-', 'loading=', 'width=', 'aria-expanded', '<!--'])
      assert.ok(!ep.includes(gone), `${gone} is gone`);
    assert.ok(ep.includes('<li><span class="speaker">The Bastard: </span>Welcome home.</li>'));
    assert.ok(ep.includes('<p id="p1">Fish &amp; chips &lt;3<br/>next line</p>'));
  });

  test('links: within the EPUB they follow the part their target is in; to the site they become absolute; rel goes', () => {
    const book = cutPrintEdition(BOOK, opts());
    const ep2 = book.parts[4]!.xhtml;
    assert.ok(ep2.includes('<a href="episode-1.xhtml#episode-1">'), ep2);
    assert.ok(ep2.includes('<a href="https://book.example/en/about/">'), ep2);
    assert.ok(!ep2.includes('rel='));
    assert.ok(ep2.includes('<p id="p1" lang="fr" xml:lang="fr">'), 'untranslated text keeps its language');
    assert.ok(book.parts[5]!.xhtml.includes('<a href="episode-1.xhtml#p1">'), 'the first #p1 in the book wins');
    assert.ok(book.parts[2]!.xhtml.includes('href="https://creativecommons.org/publicdomain/zero/1.0/"'));
  });

  test('under a sub-path, images and site links are still found', () => {
    const html = BOOK.replaceAll('src="/panels/', 'src="/planches/panels/').replace(
      'href="/en/about/"',
      'href="/planches/en/about/"',
    );
    const book = cutPrintEdition(html, opts({ base: '/planches/', siteUrl: 'https://x.example/' }));
    assert.equal(book.parts[3]!.images.length, 1);
    assert.ok(book.parts[4]!.xhtml.includes('href="https://x.example/planches/en/about/"'));
  });

  const fails = (name: string, html: string, message: RegExp, o: Partial<CutOptions> = {}) =>
    test(`refuses ${name}`, () => assert.throws(() => cutPrintEdition(html, opts(o)), message));
  fails('a print edition in another language', page(COVER + EP1, 'fr'), /is in "fr", expected "en"/);
  fails(
    'an image without alt text',
    page(COVER + EP1.replace('alt="A golden cage."', 'alt=" "')),
    /episode 1 has an image without alt text/,
  );
  fails(
    'a WebP image',
    page(COVER + EP1.replace('cage.en.123.png', 'cage.en.123.webp')),
    /SVG, PNG or JPEG images only/,
  );
  fails(
    'an image that is not in the build',
    page(COVER + EP1.replace('cage.en.123.png', 'gone.en.1.png')),
    /not in the build/,
  );
  fails(
    'an image from elsewhere',
    page(COVER + EP1.replace('/panels/cage.en.123.png', 'https://cdn.example/cage.png')),
    /only the build's panel images/,
  );
  fails(
    'an iframe (a talk excerpt must be a plain link)',
    page(
      COVER + EP1.replace('</div></article>', '<iframe src="https://video.example/embed/1"></iframe></div></article>'),
    ),
    /contains <iframe>/,
  );
  fails(
    'a part it does not know',
    page(`${COVER + EP1}<section data-part="index"><h2>Index</h2></section>`),
    /part "index" that the EPUB does not know/,
  );
  fails('content outside any part', page(`${COVER + EP1}<div class="running-head">x</div>`), /outside any part/);
  fails(
    'a link to an anchor that is not in the book',
    page(COVER + EP1.replace('<p id="p1">', '<p id="p1"><a href="#nowhere">x</a>')),
    /links to "#nowhere"/,
  );
  fails(
    'a javascript: link',
    page(COVER + EP1.replace('<p id="p1">', '<p id="p1"><a href="javascript:alert(1)">x</a>')),
    /only http\(s\) and mailto/,
  );
  fails('a book without episodes', page(COVER + TITLE), /no episode/);
  fails('parts out of order', page(EP1 + COVER), /out of order/);
  fails(
    'two parts for one episode',
    page(COVER + EP1 + EP1.replace('id="episode-1"', 'id="episode-1b"')),
    /two "episode" parts for episode 1/,
  );
});
