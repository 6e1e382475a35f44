// Sections, lists, figures and language marks through a real build of the sections fixture (two
// public-domain texts, French and English): the site page, search, the EPUB's navigation, the
// PDF's outline and /Lang, the stage's beats. Also: a draft is refused, and built with --drafts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { axe, BUILDS, ensureBuilt, settledTop, useSite } from './helpers.ts';
import { readZip } from '../../src/outputs/zip.ts';

const OUT = BUILDS.sections.out;
const site = useSite({ dist: () => ensureBuilt('sections').out });

test('an episode page: anchored headings listed at the top, lists, a credited figure, language marks; axe clean', async () => {
  for (const width of [1280, 390]) {
    const { page, context } = await site.newPage({ viewport: { width, height: 900 } });
    await page.goto(site.url('/en/2-physiologie-du-gout/'), { waitUntil: 'networkidle' });
    const headings = await page
      .locator('.episode-body .section-heading')
      .evaluateAll((hs) => hs.map((h) => `${h.tagName} #${h.id} ${h.textContent?.trim()}`));
    assert.deepEqual(headings, [
      'H2 #the-professor-s-aphorisms The Professor’s Aphorisms',
      'H2 #meditation-i-on-the-senses Meditation I: On the Senses',
      'H3 #how-many-senses How Many Senses',
      'H2 #meditation-xiv-on-the-pleasure-of-the-table Meditation XIV: On the Pleasure of the Table',
    ]);
    const toc = await page.locator('nav.episode-contents a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(toc, [
      '#the-professor-s-aphorisms',
      '#meditation-i-on-the-senses',
      '#how-many-senses',
      '#meditation-xiv-on-the-pleasure-of-the-table',
    ]);
    assert.equal(await page.locator('.episode-body > ol > li').count(), 20, 'twenty aphorisms, numbered');
    assert.equal(await page.locator('.episode-body > ul > li').count(), 6 + 9, 'the senses and the conditions');
    assert.equal(await page.locator('.episode-body span[lang="fr"]').textContent(), 'rôtisseur');
    const fig = page.locator('.episode-body figure.figure');
    assert.match(
      (await fig.locator('.figure__credit').textContent()) ?? '',
      /Image: the Planches contributors · CC0 1\.0/,
    );
    assert.equal(
      await fig.locator('a[rel="license"]').getAttribute('href'),
      'https://creativecommons.org/publicdomain/zero/1.0/',
    );
    // The figure is drawn: as wide as the text column and taller than a sliver, and its caption under it.
    // Below the fold, the image loads lazily: bring it into view first.
    await fig.scrollIntoViewIfNeeded();
    await fig.locator('img').evaluate((i: HTMLImageElement) => i.decode());
    const box = (await fig.locator('img').boundingBox())!;
    const text = (await page.locator('.episode-body > p').first().boundingBox())!;
    assert.ok(box.width >= text.width * 0.95 && box.height > 100, `figure ${box.width}×${box.height}`);
    assert.ok(await fig.locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0));
    const cap = (await fig.locator('figcaption').boundingBox())!;
    assert.ok(cap.y >= box.y + box.height - 1, 'the credit is under the image');
    // Clicking a contents entry lands on its heading.
    await page.locator('nav.episode-contents a[href="#how-many-senses"]').click();
    await page.waitForFunction(() => location.hash === '#how-many-senses');
    const top = await settledTop(page, '#how-many-senses');
    assert.ok(top >= -1 && top < 80, `heading at ${top}`);
    assert.deepEqual(await axe(page), []);
    await context.close();
  }
});

test('the About page gathers the figures’ credits, with their licence, and marks French titles', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url('/en/about/'), { waitUntil: 'networkidle' });
  const items = await page.locator('.figure-credits li').allTextContents();
  assert.equal(items.length, 2);
  assert.match(items[0]!, /Episode 1.*Image: the Planches contributors · CC0 1\.0/s);
  assert.equal(
    await page.locator('.figure-credits li a').first().getAttribute('href'),
    '/en/1-declaration-des-droits-de-l-homme/#f1',
  );
  assert.deepEqual(await page.locator('article span[lang="fr"]').allTextContents(), [
    'Déclaration des droits de l’homme et du citoyen',
    'Physiologie du goût',
  ]);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('search finds a word of a heading and a word of a list item, and lands on them', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url('/fr/'), { waitUntil: 'networkidle' });
  for (const [query, anchor] of [
    ['Préambule', 'preambule'],
    ['esculent', 'i24'],
  ] as const) {
    await page.locator('#search-input').fill(query);
    await page.waitForFunction(
      (q) => document.querySelector<HTMLElement>('#search-results')?.dataset.query === q,
      query,
    );
    const links = await page.locator('.search-result a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(
      links.some((l) => l?.endsWith(`#${anchor}`)),
      `${query} → ${links.join(', ')}`,
    );
  }
  await context.close();
});

test('the EPUB’s navigation lists each episode’s sections under it (nav and NCX), epubcheck clean', () => {
  ensureBuilt('sections');
  const file = join(OUT, 'en/textes-en-sections-en.epub');
  const entries = new Map(readZip(readFileSync(file)).map((e) => [e.name, e.data.toString('utf8')]));
  const nav = entries.get('OEBPS/toc.xhtml')!;
  const ep2 = nav.slice(nav.indexOf('episode-2.xhtml"'));
  assert.match(
    ep2,
    /<ol>\s*<li><a href="episode-2\.xhtml#e2-the-professor-s-aphorisms">The Professor’s Aphorisms<\/a><\/li>\s*<li><a href="episode-2\.xhtml#e2-meditation-i-on-the-senses">Meditation I: On the Senses<\/a>\s*<ol>\s*<li><a href="episode-2\.xhtml#e2-how-many-senses">How Many Senses<\/a><\/li>/,
  );
  assert.equal((nav.match(/episode-1\.xhtml#e1-article-\d+"/g) ?? []).length, 17);
  const chapter = entries.get('OEBPS/episode-2.xhtml')!;
  // One h1 per document (the episode's title), its sections one level below, without gaps.
  assert.deepEqual(chapter.match(/<h[1-6]/g), ['<h1', '<h2', '<h2', '<h3', '<h2']);
  assert.match(chapter, /<h3 id="e2-how-many-senses"[^>]*>How Many Senses<\/h3>/);
  // (the print edition, which the EPUB is cut from, is hyphenated: soft hyphens are left out here)
  assert.match(chapter.replace(/\u00AD/g, ''), /<span lang="fr" xml:lang="fr">rôtisseur<\/span>/);
  const ncx = entries.get('OEBPS/toc.ncx')!;
  assert.match(ncx, /<meta name="dtb:depth" content="3"\/>/);
  assert.match(ncx, /<content src="episode-2\.xhtml#e2-how-many-senses"\/>/);
  const check = spawnSync('java', ['-jar', '/usr/share/java/epubcheck.jar', file], { encoding: 'utf8' });
  assert.match(check.stdout + check.stderr, /0 fatals \/ 0 errors \/ 0 warnings/);
});

test('the PDF’s outline holds each episode’s sections under it; the French phrase has /Lang (fr)', async () => {
  ensureBuilt('sections');
  const doc = await PDFDocument.load(readFileSync(join(OUT, 'en/textes-en-sections-en.pdf')));
  const titles = (ref: unknown, depth = 0): string[] => {
    const out: string[] = [];
    let r = ref;
    while (r instanceof PDFRef) {
      const item = doc.context.lookup(r, PDFDict);
      out.push(`${'  '.repeat(depth)}${item.lookup(PDFName.of('Title'), PDFHexString).decodeText()}`);
      out.push(...titles(item.get(PDFName.of('First')), depth + 1));
      r = item.get(PDFName.of('Next'));
    }
    return out;
  };
  const outline = titles(doc.catalog.lookup(PDFName.of('Outlines'), PDFDict).get(PDFName.of('First')));
  const ep2 = outline.indexOf('Episode 2: The Physiology of Taste');
  assert.deepEqual(outline.slice(ep2, ep2 + 6), [
    'Episode 2: The Physiology of Taste',
    '  The Professor’s Aphorisms',
    '  Meditation I: On the Senses',
    '    How Many Senses',
    '  Meditation XIV: On the Pleasure of the Table',
    'About',
  ]);
  assert.equal(outline.filter((t) => /^ {2}Article \d+$/.test(t)).length, 17);
  // Every bookmark opens a page of the document.
  const langs: string[] = [];
  const walk = (o: unknown) => {
    const v = o instanceof PDFRef ? doc.context.lookup(o) : o;
    if (v instanceof PDFArray) for (const x of v.asArray()) walk(x);
    else if (v instanceof PDFDict && v.get(PDFName.of('S'))) {
      const l = v.get(PDFName.of('Lang'));
      if (l instanceof PDFString) langs.push(l.decodeText());
      walk(v.get(PDFName.of('K')));
    } else if (v instanceof PDFNumber) return;
  };
  walk(doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).get(PDFName.of('K')));
  assert.equal(
    langs.filter((l) => l === 'fr').length,
    3,
    `rôtisseur, and the two French titles of the About page: ${langs}`,
  );
  const qpdf = spawnSync('qpdf', ['--check', join(OUT, 'en/textes-en-sections-en.pdf')], { encoding: 'utf8' });
  assert.equal(qpdf.status, 0, qpdf.stdout);
});

test('the stage: each ## section is a titled beat, the figure a beat with its image, list items are said', async () => {
  const { page, context } = await site.newPage();
  await page.goto(site.url('/en/stage/script/'), { waitUntil: 'networkidle' });
  const beats = await page.locator('.ss-beat h3').allTextContents();
  assert.ok(
    beats.some((b) => /Meditation XIV: On the Pleasure of the Table/.test(b)),
    beats.join(' | '),
  );
  assert.ok(beats.some((b) => /Article 17/.test(b)));
  assert.equal(await page.locator('.ss-beat__thumb').count(), 2, 'the two figures are shown to the audience');
  assert.match((await page.locator('.ss-beat p', { hasText: 'piping hot' }).textContent()) ?? '', /^• That the coffee/);
  await context.close();
});

test('a draft is refused by a build, named; --drafts builds it marked, out of the feed and the sitemap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'planches-draft-'));
  try {
    cpSync('test/fixtures/books/sections/content', join(dir, 'content'), { recursive: true });
    const scaffold = spawnSync(
      process.execPath,
      [
        'scripts/new-episode.ts',
        '--book',
        dir,
        '3',
        'Méditation XV : De la halte de chasse, et autres plaisirs de la campagne',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(scaffold.status, 0, scaffold.stderr);
    const folder = '3-meditation-xv-de-la-halte-de-chasse-et-autres-plaisirs-de-la';
    assert.ok(existsSync(join(dir, 'content/episodes', folder, 'fr.mdx')), scaffold.stdout);
    const fr = readFileSync(join(dir, 'content/episodes', folder, 'fr.mdx'), 'utf8');
    assert.match(fr, /<Placeholder>Écrivez ici le premier paragraphe de l’épisode\.<\/Placeholder>/);
    const out = join(dir, 'dist');
    const refused = spawnSync(process.execPath, ['scripts/build.ts', '--book', dir, '--out', out], {
      encoding: 'utf8',
    });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, new RegExp(`content/episodes/${folder}/fr.mdx:\\d+: this is the placeholder`));
    assert.match(refused.stderr, /\(draft\): this episode is marked "draft: true"/);
    assert.ok(!existsSync(out), 'nothing is written');
    // A filled summary and text but still draft: true, built with --drafts.
    writeFileSync(
      join(dir, 'content/episodes', folder, 'fr.mdx'),
      fr.replace(/<Placeholder>[^<]*<\/Placeholder>/, 'La chasse est un plaisir.'),
    );
    const built = spawnSync(process.execPath, ['scripts/build.ts', '--book', dir, '--out', out, '--drafts'], {
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    assert.equal(built.status, 0, built.stderr + built.stdout.slice(-2000));
    const page = readFileSync(join(out, 'fr', folder, 'index.html'), 'utf8');
    assert.match(page, /class="notice notice--draft"/);
    assert.match(page, /<meta name="robots" content="noindex"/);
    assert.ok(!readFileSync(join(out, 'fr/rss.xml'), 'utf8').includes(folder), 'not in the feed');
    assert.ok(!readFileSync(join(out, 'sitemap.xml'), 'utf8').includes(folder), 'not in the sitemap');
    assert.ok(readFileSync(join(out, 'sitemap.xml'), 'utf8').includes('2-physiologie-du-gout'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a book without panels gets no CBZ: no file, no link, and the log says why', () => {
  const { stdout } = ensureBuilt('sections');
  assert.match(stdout, /CBZs — not made: the book has no panels/);
  assert.ok(!existsSync(join(OUT, 'en/textes-en-sections-en.cbz')));
  const home = readFileSync(join(OUT, 'en/index.html'), 'utf8');
  assert.match(home, /textes-en-sections-en\.epub/, 'the other downloads are offered');
  assert.doesNotMatch(home, /\.cbz/);
});
