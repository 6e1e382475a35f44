// The PDF per language, checked on the built files with the tools a printer or a library would
// use (qpdf, poppler) and with pdf-lib: valid, tagged, fonts embedded, metadata, one bookmark per
// episode at the page where it starts, contents that give the right page numbers, pages that are
// not blank, each language in its own language, and the same bytes from two builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { PDFDocument, PDFName, PDFRawStream, type PDFString } from 'pdf-lib';
import { loadBook } from '../../src/model/book.ts';
import { languageCodes, pick } from '../../src/model/settings.ts';
import { episodeView } from '../../src/model/views/episode.ts';
import { panelText } from '../../src/model/views/panel-text.ts';
import { mmToPt, pageGeometry } from '../../src/model/print/geometry.ts';
import { pdfFile } from '../../src/outputs/pdf/downloads.ts';
import { joinBase } from '../../src/shared/addresses.ts';
import { t } from '../../src/i18n/index.ts';
import { DIST, ensureBuilt, pdfFonts } from './helpers.ts';
import { CREATOR_ROLES, namesWith } from '../../src/model/views/credits.ts';

const ROOT = process.env.PLANCHES_BOOK ?? '.';
const book = loadBook(ROOT);
const { settings } = book;
const LANGS = languageCodes(settings);
const file = (lang: string, dist = DIST) => join(dist, pdfFile(settings, lang));

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
/** Text as a reader would search it: one space for any run of spaces, no soft hyphens. */
const norm = (s: string) =>
  s
    .replace(/\u00AD/g, '')
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .trim()
    .toLowerCase();
const pageText = (pdf: string, n: number, layout = false) =>
  run('pdftotext', [...(layout ? ['-layout'] : []), '-f', String(n), '-l', String(n), pdf, '-']);

interface Outline {
  title: string;
  page: number;
}
function qpdfJson(pdf: string): {
  outlines: Outline[];
  labels: Array<{ index: number; style: string; start: number }>;
} {
  const j = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', '--json-key=pagelabels', pdf])) as {
    outlines: Array<{ title: string; destpageposfrom1: number; kids: unknown[] }>;
    pagelabels: Array<{ index: number; label: { '/S': string; '/St'?: number } }>;
  };
  return {
    outlines: j.outlines.map((o) => ({ title: o.title, page: o.destpageposfrom1 })),
    labels: j.pagelabels.map((l) => ({ index: l.index, style: l.label['/S'], start: l.label['/St'] ?? 1 })),
  };
}

/** 1-based physical page of the page labelled `label` in the arabic range. */
function pageOfLabel(labels: Array<{ index: number; style: string; start: number }>, label: number): number {
  const arabic = labels.find((l) => l.style === '/D');
  assert.ok(arabic, 'an arabic page label range');
  return arabic.index + (label - arabic.start) + 1;
}

const episodes = (lang: string) => book.episodes.map((e) => episodeView(book, e, lang));

for (const lang of LANGS) {
  const pdf = file(lang);

  test(`${lang}: the PDF exists and qpdf finds nothing wrong`, () => {
    assert.ok(existsSync(pdf), `${pdf} was built`);
    const r = spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No syntax or stream encoding errors found/);
    assert.doesNotMatch(r.stdout + r.stderr, /WARNING/i);
  });

  test(`${lang}: pdfinfo shows the page size, a tagged PDF and the book's metadata`, () => {
    const info = run('pdfinfo', ['-isodates', pdf]);
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim();
    const g = pageGeometry(settings.print);
    const size = /^Page size:\s*([\d.]+) x ([\d.]+) pts/m.exec(info);
    assert.ok(size, info);
    assert.ok(
      Math.abs(Number(size[1]) - mmToPt(g.width)) < 1 && Math.abs(Number(size[2]) - mmToPt(g.height)) < 1,
      `page size ${size[0]} is ${settings.print.pageSize}`,
    );
    assert.equal(field('Tagged'), 'yes');
    assert.equal(field('Title'), pick(settings.title, lang, settings));
    assert.equal(field('Subject'), pick(settings.description, lang, settings));
    for (const name of CREATOR_ROLES.flatMap((r) => namesWith(settings, lang, r)))
      assert.ok(field('Author')?.includes(name), `author ${name}`);
    assert.equal(field('Keywords'), (settings.subjects?.[lang] ?? []).join(', '));
    assert.match(field('Creator') ?? '', /^Planches /);
    assert.equal(field('CreationDate'), `${settings.published}T00:00:00Z`, 'dated from the content, not the clock');
    assert.equal(field('Metadata Stream'), 'yes');
    const xmp = run('pdfinfo', ['-meta', pdf]);
    assert.match(xmp, new RegExp(`<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li>`));
  });

  test(`${lang}: /Lang is the language and every font is embedded`, async () => {
    const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
    assert.equal((doc.catalog.lookup(PDFName.of('Lang')) as PDFString).decodeText(), lang);
    const fonts = pdfFonts(pdf);
    assert.ok(fonts.length >= 2, 'fonts are listed');
    for (const f of fonts) assert.ok(f.embedded, `embedded: ${f.row}`);
    // Type 3 is what Chromium makes of a variable font: glyph drawings a press refuses, no real font.
    // Colour emoji are bitmaps and can only be Type 3; every text face must be a real font.
    for (const f of fonts.filter((f) => f.family !== 'Noto Color Emoji')) {
      assert.doesNotMatch(f.row, /Type 3/, `a real font: ${f.row} (${f.family})`);
    }
    assert.ok(
      fonts.some((f) => /Literata-Regular +CID TrueType/.test(f.row)),
      'Literata as TrueType',
    );
  });

  test(`${lang}: one bookmark per episode, at the page where the episode starts, on a right-hand page`, () => {
    const { outlines } = qpdfJson(pdf);
    const pages = Number(/^Pages:\s*(\d+)/m.exec(run('pdfinfo', [pdf]))![1]);
    // pdftotext ends every page with a form feed.
    const texts = run('pdftotext', [pdf, '-']).split('\f').slice(0, pages).map(norm);
    assert.equal(texts.length, pages);
    for (const v of episodes(lang)) {
      const label = t(lang, 'episode.label', { number: v.number, title: v.title.text });
      const entries = outlines.filter((o) => o.title === label);
      assert.equal(
        entries.length,
        1,
        `one bookmark "${label}" (bookmarks: ${outlines.map((o) => o.title).join(' | ')})`,
      );
      const page = entries[0]!.page;
      const header = norm(t(lang, 'episode.number', { number: v.number }));
      const first = texts.findIndex((s) => new RegExp(`(^|\\s)${header}(\\s|$)`).test(s)) + 1;
      assert.equal(
        page,
        first,
        `episode ${v.number}'s bookmark opens page ${page}, its header is first on page ${first}`,
      );
      assert.ok(texts[page - 1]!.includes(norm(v.title.text)), `page ${page} carries the title "${v.title.text}"`);
      assert.equal(page % 2, 1, `episode ${v.number} opens on a right-hand page (page ${page})`);
    }
    // Front and back matter have bookmarks too.
    for (const key of ['print.cover', 'print.titlePage', 'print.licence', 'print.contents'] as const) {
      assert.ok(
        outlines.some((o) => o.title === t(lang, key)),
        `bookmark "${t(lang, key)}"`,
      );
    }
    assert.equal(outlines.length, 4 + book.episodes.length + (book.pages.some((p) => p.id === 'about') ? 1 : 0));
  });

  test(`${lang}: the contents give the page numbers that are printed where each episode starts`, () => {
    const { outlines, labels } = qpdfJson(pdf);
    const contents = outlines.find((o) => o.title === t(lang, 'print.contents'))!;
    const next = outlines[outlines.indexOf(contents) + 1]!;
    let text = '';
    for (let p = contents.page; p < next.page; p++) text += pageText(pdf, p, true);
    const found = new Map<number, number>();
    for (const line of text.split('\n')) {
      const m = /^\s*(\d+)\s+\S.*?\s(\d+)\s*$/.exec(line);
      if (m) found.set(Number(m[1]), Number(m[2]));
    }
    for (const v of episodes(lang)) {
      const label = found.get(v.number);
      assert.ok(label !== undefined, `episode ${v.number} has a page number in the contents:\n${text}`);
      const page = pageOfLabel(labels, label);
      const bookmark = outlines.find(
        (o) => o.title === t(lang, 'episode.label', { number: v.number, title: v.title.text }),
      )!;
      assert.equal(
        page,
        bookmark.page,
        `the contents say ${label} for episode ${v.number}: physical page ${page}, where it starts is ${bookmark.page}`,
      );
      assert.ok(
        norm(pageText(pdf, page)).includes(norm(v.title.text)),
        `page labelled ${label} carries "${v.title.text}"`,
      );
      const folio = pageText(pdf, page, true)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .pop();
      assert.equal(folio, String(label), `the page number printed at the foot of page ${page}`);
    }
    assert.equal(labels[0]?.style, '/r', 'front matter labelled in roman numerals');
  });

  test(`${lang}: rendered pages are not blank, except the blank pages before a right-hand opening`, async () => {
    const { outlines } = qpdfJson(pdf);
    const openings = new Set(outlines.map((o) => o.page));
    const dir = mkdtempSync(join(tmpdir(), 'planches-pdf-'));
    try {
      run('pdftoppm', ['-r', '24', '-gray', '-png', pdf, join(dir, 'p')]);
      const pngs = readdirSync(dir)
        .filter((f) => f.endsWith('.png'))
        .sort();
      assert.ok(pngs.length > book.episodes.length);
      for (const [i, png] of pngs.entries()) {
        const page = i + 1;
        const { channels } = await sharp(join(dir, png)).stats();
        const blank = channels[0]!.min > 250;
        if (openings.has(page)) assert.ok(!blank, `page ${page} opens a part of the book and renders something`);
        if (blank)
          assert.ok(
            page % 2 === 0 && openings.has(page + 1),
            `page ${page} is blank but is not the back of a page before a right-hand opening`,
          );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${lang}: the text and the panels' words are in ${lang}`, () => {
    const text = norm(run('pdftotext', [pdf, '-']));
    for (const v of episodes(lang)) {
      assert.ok(text.includes(norm(v.title.text)), `title "${v.title.text}"`);
      const firstParagraph = v.blocks.find((b) => b.type === 'paragraph');
      if (firstParagraph?.type === 'paragraph')
        assert.ok(text.includes(norm(firstParagraph.text).slice(0, 60)), `first paragraph of episode ${v.number}`);
    }
    for (const other of LANGS.filter((l) => l !== lang)) {
      for (const v of episodes(other)) {
        if (v.title.lang === other)
          assert.ok(!text.includes(norm(v.title.text)), `no ${other} title "${v.title.text}" in the ${lang} PDF`);
      }
    }
    // The words of the bubbles: the invisible transcript layer under each panel.
    for (const e of book.episodes) {
      for (const panel of e.panels.flatMap((p) => p.frames)) {
        for (const line of panelText(panel, lang, settings).lines) {
          if (line.lang === lang) assert.ok(text.includes(norm(line.text)), `panel ${panel.id}: "${line.text}"`);
        }
      }
    }
  });
}

test('each language has its own panels (no image is shared, except panels without words)', async () => {
  const images = async (lang: string) => {
    const doc = await PDFDocument.load(readFileSync(file(lang)), { updateMetadata: false });
    const out = new Set<string>();
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      // Panels and covers only: emoji glyphs are small images too, the same in every language.
      if (
        obj instanceof PDFRawStream &&
        obj.dict.get(PDFName.of('Subtype'))?.toString() === '/Image' &&
        Number(obj.dict.get(PDFName.of('Width'))?.toString()) >= 400
      ) {
        out.add(createHash('sha256').update(obj.contents).digest('hex'));
      }
    }
    return out;
  };
  const wordless = book.episodes
    .flatMap((e) => e.panels.flatMap((p) => p.frames))
    .filter((p) => p.bubbles.length === 0).length;
  const [a, ...rest] = await Promise.all(LANGS.map(images));
  for (const b of rest) {
    const shared = [...a!].filter((h) => b.has(h)).length;
    assert.ok(shared <= wordless, `${shared} images are the same in two languages; ${wordless} panels have no words`);
  }
});

test('the home and episode pages offer the PDF of their language', () => {
  for (const lang of LANGS) {
    const href = joinBase(settings.site.base, pdfFile(settings, lang));
    const pages = [join(DIST, lang, 'index.html'), ...book.episodes.map((e) => join(DIST, lang, e.slug, 'index.html'))];
    for (const page of pages)
      assert.ok(readFileSync(page, 'utf8').includes(`href="${href}"`), `${page} links to ${href}`);
  }
});

test('the checks can fail: a damaged PDF is caught', () => {
  const dir = mkdtempSync(join(tmpdir(), 'planches-bad-'));
  try {
    const bad = join(dir, 'bad.pdf');
    const bytes = readFileSync(file(LANGS[0]!));
    writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const r = spawnSync('qpdf', ['--check', bad], { encoding: 'utf8' });
    assert.notEqual(r.status, 0, 'qpdf --check fails on a truncated file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two builds give byte-identical PDFs', { timeout: 15 * 60_000 }, () => {
  // The sample book: built again from a copy without its image cache (test/e2e/helpers.ts,
  // shared with the EPUB's test). Another book (PLANCHES_BOOK): built again here.
  const again = ROOT === '.' ? ensureBuilt('repro').out : mkdtempSync(join(tmpdir(), 'planches-again-'));
  try {
    if (ROOT !== '.') {
      const r = spawnSync(process.execPath, ['scripts/build.ts', '--book', ROOT, '--out', again], {
        encoding: 'utf8',
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      });
      assert.equal(r.status, 0, r.stderr.slice(-3000));
    }
    for (const lang of LANGS) {
      const a = readFileSync(file(lang));
      const b = readFileSync(file(lang, again));
      assert.ok(
        a.equals(b),
        `${pdfFile(settings, lang)} differs between two builds (${a.length} and ${b.length} bytes)`,
      );
    }
  } finally {
    if (ROOT !== '.') rmSync(again, { recursive: true, force: true });
  }
});
