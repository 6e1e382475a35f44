// The EPUB of each language, on the real built sample book (dist/, built by `npm test` before
// the end-to-end tests): W3C epubcheck, the package and navigation read back and checked
// against the book's content (metadata, EPUB Accessibility 1.1, reading order, alt text, the
// language's bubbles and typography), axe in Chromium on every content document, the download
// links on the site, and two builds giving the same bytes.
//   PLANCHES_BOOK=<folder> when dist/ was built from another book folder than this one.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadBook } from '../../src/model/book.ts';
import { languageCodes, pick } from '../../src/model/settings.ts';
import { episodeView } from '../../src/model/views/episode.ts';
import { panelText } from '../../src/model/views/panel-text.ts';
import { epubIdentifier, CONFORMANCE } from '../../src/outputs/epub/package.ts';
import { pdfAddress } from '../../src/outputs/epub/index.ts';
import { dosDateTime, readZip, type ReadEntry } from '../../src/outputs/zip.ts';
import { formatSize } from '../../src/outputs/downloads.ts';
import { EPUB_FLAVOURS, epubFile as epubPath, type EpubFlavour } from '../../src/outputs/epub/downloads.ts';
import { languageName } from '../../src/astro-adapter/views.ts';
import { serveStatic, type StaticServer } from '../../src/server/static.ts';
import { chromiumPath, launchBrowser } from '../../src/server/browser.ts';
import { typographize } from '../../src/shared/typography.ts';
import { EXAMPLE_HOST, isExampleAddress } from '../../src/shared/addresses.ts';
import { PANEL_CACHE_DIR, type ImageManifest } from '../../src/model/image-manifest.ts';
import { t } from '../../src/i18n/index.ts';
import { describeCoverage, fontCodePoints, uncoveredCharacters } from '../../src/outputs/epub/font-coverage.ts';
import { axe, BUILDS, DIST, ensureBuilt } from './helpers.ts';
import { CREATOR_ROLES, credited } from '../../src/model/views/credits.ts';

const KIT = resolve(import.meta.dirname, '../..');
const ROOT = resolve(process.env.PLANCHES_BOOK || KIT);
const book = loadBook(ROOT);
const { settings } = book;
const LANGS = languageCodes(settings);
const manifest = JSON.parse(readFileSync(join(ROOT, PANEL_CACHE_DIR, 'manifest.json'), 'utf8')) as ImageManifest;
const EPUBCHECK = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar';
const epubFile = (lang: string, flavour: EpubFlavour = 'standard') => join(DIST, epubPath(settings, lang, flavour));
/** A paragraph's id in the print edition, hence in the EPUB (the site's p1 is e19-p1 there). */
const paragraphId = (d: { langOf: Record<string, string | null> }, episode: number, id: string) =>
  `e${episode}-${id}` in d.langOf ? `e${episode}-${id}` : id;
/** Collapses ordinary white space only: no-break spaces are the language's typography. */
// Soft hyphens (the print edition is hyphenated) are invisible but at a line's end: the text without them.
const squash = (s: string) =>
  s
    .replace(/\u00AD/g, '')
    .replace(/[ \t\n\r]+/g, ' ')
    .trim();

interface Doc {
  href: string;
  wellFormed: string;
  lang: string | null;
  xmlLang: string | null;
  title: string;
  text: string;
  imgs: Array<{ src: string; alt: string | null }>;
  langOf: Record<string, string | null>;
}
interface Opf {
  wellFormed: string;
  xmlLang: string | null;
  uniqueIdentifier: string | null;
  identifier: Array<{ id: string | null; text: string }>;
  dc: Record<string, string[]>;
  people: Array<{ element: string; name: string; roles: string[] }>;
  meta: Record<string, string[]>;
  certifiedBy: Array<{ refines: string | null; text: string }>;
  conformsToId: string | null;
  manifest: Array<{ id: string; href: string; type: string; properties: string | null }>;
  spine: string[];
  subjectsLang: Array<string | null>;
}
interface Nav {
  wellFormed: string;
  toc: Array<{ href: string; text: string; lang: string | null }>;
  landmarks: Array<{ type: string | null; href: string }>;
}

const epubs = new Map<string, { entries: ReadEntry[]; dir: string }>();
let browser: Browser;
let parser: Page;
let server: StaticServer;
let unzipRoot: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((ok) => {
    const p = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => ok({ code, stdout, stderr }));
    p.on('error', (e) => ok({ code: -1, stdout, stderr: String(e) }));
  });
}

// The slow parts start at once and run while the other tests do: epubcheck on each EPUB (a JVM
// each) and a second build of the book from an empty image cache.
const repro = mkdtempSync(join(tmpdir(), 'planches-repro-'));
const reproOut = BUILDS.repro.out;
let reproBuild: Promise<Run>;
const TRILINGUAL = join(KIT, 'test/fixtures/books/trilingual');
const trilingualOut = BUILDS.trilingual.out;
let trilingualBuild: Promise<Run>;
const epubchecks = new Map<string, Promise<{ run: Run; report: string }>>();

/** The EPUBs epubcheck reads: every flavour of every language ("fr", "fr eink"). */
const CHECKED = LANGS.flatMap((lang) => EPUB_FLAVOURS.map((flavour) => ({ lang, flavour })));
const checkName = (c: { lang: string; flavour: EpubFlavour }) =>
  c.flavour === 'standard' ? c.lang : `${c.lang} ${c.flavour}`;
before(() => {
  for (const c of CHECKED) {
    const report = join(repro, `epubcheck-${c.lang}-${c.flavour}.json`);
    const file = epubFile(c.lang, c.flavour);
    if (existsSync(file) && existsSync(EPUBCHECK))
      epubchecks.set(
        checkName(c),
        run('java', ['-jar', EPUBCHECK, file, '--json', report]).then((r) => ({ run: r, report })),
      );
  }
  // A copy of the book without its .cache/ (every panel encoded again), and the three-language
  // test book whose Spanish is partial: built once for all tests (test/e2e/helpers.ts).
  reproBuild = Promise.resolve(ensureBuilt('repro'));
  trilingualBuild = Promise.resolve(ensureBuilt('trilingual'));
});
after(async () => {
  await reproBuild;
  await trilingualBuild;
  await Promise.all(epubchecks.values());
  rmSync(repro, { recursive: true, force: true });
});

before(async () => {
  unzipRoot = mkdtempSync(join(tmpdir(), 'planches-epub-e2e-'));
  for (const lang of LANGS) {
    const file = epubFile(lang);
    if (!existsSync(file)) throw new Error(`${file} does not exist: run \`npm run build\` first (npm test does it).`);
    const entries = readZip(readFileSync(file));
    const dir = join(unzipRoot, lang);
    for (const e of entries) {
      mkdirSync(dirname(join(dir, e.name)), { recursive: true });
      writeFileSync(join(dir, e.name), e.data);
    }
    epubs.set(lang, { entries, dir });
  }
  server = await serveStatic(unzipRoot);
  browser = await launchBrowser();
  parser = await (await browser.newContext()).newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(unzipRoot, { recursive: true, force: true });
});

const text = (lang: string, name: string) => {
  const e = epubs.get(lang)!.entries.find((x) => x.name === name);
  assert.ok(e, `${name} is in the ${lang} EPUB`);
  return e.data.toString('utf8');
};

/** The package document, read by Chromium's XML parser (which also says whether it is well-formed). */
async function readOpf(xml: string): Promise<Opf> {
  return parser.evaluate((src) => {
    const d = new DOMParser().parseFromString(src, 'application/xml');
    const err = d.querySelector('parsererror')?.textContent ?? '';
    const OPF = 'http://www.idpf.org/2007/opf';
    const DC = 'http://purl.org/dc/elements/1.1/';
    const pkg = d.documentElement;
    const metas = [...d.getElementsByTagNameNS(OPF, 'meta')];
    const byId = (id: string | null) => (id ? `#${id}` : '');
    const roles = (el: Element) =>
      metas
        .filter(
          (m) => m.getAttribute('refines') === byId(el.getAttribute('id')) && m.getAttribute('property') === 'role',
        )
        .map((m) => m.textContent ?? '');
    const dc: Record<string, string[]> = {};
    for (const el of [...d.getElementsByTagNameNS(DC, '*')])
      dc[el.localName] = [...(dc[el.localName] ?? []), el.textContent ?? ''];
    const meta: Record<string, string[]> = {};
    for (const m of metas) {
      const property = m.getAttribute('property');
      if (property && !m.getAttribute('refines')) meta[property] = [...(meta[property] ?? []), m.textContent ?? ''];
    }
    const conf = metas.find((m) => m.getAttribute('property') === 'dcterms:conformsTo');
    return {
      wellFormed: err,
      xmlLang: pkg.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
      uniqueIdentifier: pkg.getAttribute('unique-identifier'),
      identifier: [...d.getElementsByTagNameNS(DC, 'identifier')].map((e) => ({
        id: e.getAttribute('id'),
        text: e.textContent ?? '',
      })),
      dc,
      people: [...d.getElementsByTagNameNS(DC, 'creator'), ...d.getElementsByTagNameNS(DC, 'contributor')].map((e) => ({
        element: e.localName,
        name: e.textContent ?? '',
        roles: roles(e),
      })),
      meta,
      certifiedBy: metas
        .filter((m) => m.getAttribute('property') === 'a11y:certifiedBy')
        .map((m) => ({ refines: m.getAttribute('refines'), text: m.textContent ?? '' })),
      conformsToId: conf?.getAttribute('id') ?? null,
      manifest: [...d.getElementsByTagNameNS(OPF, 'item')].map((i) => ({
        id: i.getAttribute('id')!,
        href: i.getAttribute('href')!,
        type: i.getAttribute('media-type')!,
        properties: i.getAttribute('properties'),
      })),
      spine: [...d.getElementsByTagNameNS(OPF, 'itemref')].map((i) => i.getAttribute('idref')!),
      subjectsLang: [...d.getElementsByTagNameNS(DC, 'subject')].map((e) =>
        e.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
      ),
    };
  }, xml);
}

async function readDoc(href: string, xml: string): Promise<Doc> {
  const doc = await parser.evaluate((src) => {
    const d = new DOMParser().parseFromString(src, 'application/xhtml+xml');
    const html = d.documentElement;
    const langOf: Record<string, string | null> = {};
    for (const el of [...d.querySelectorAll('[id]')]) {
      const holder = el.closest('[lang]');
      langOf[el.id] = holder ? holder.getAttribute('lang') : null;
    }
    return {
      wellFormed: d.querySelector('parsererror')?.textContent ?? '',
      lang: html.getAttribute('lang'),
      xmlLang: html.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
      title: d.querySelector('title')?.textContent ?? '',
      text: d.body?.textContent ?? '',
      imgs: [...d.querySelectorAll('img')].map((i) => ({
        src: i.getAttribute('src') ?? '',
        alt: i.getAttribute('alt'),
      })),
      langOf,
    };
  }, xml);
  return { href, ...doc };
}

async function readNav(xml: string): Promise<Nav> {
  return parser.evaluate((src) => {
    const d = new DOMParser().parseFromString(src, 'application/xhtml+xml');
    const EPUB = 'http://www.idpf.org/2007/ops';
    const navs = [...d.querySelectorAll('nav')];
    const ofType = (type: string) => navs.find((n) => n.getAttributeNS(EPUB, 'type') === type);
    const toc = ofType('toc');
    const landmarks = ofType('landmarks');
    return {
      wellFormed: d.querySelector('parsererror')?.textContent ?? '',
      toc: toc
        ? [...toc.querySelectorAll(':scope > ol > li > a')].map((a) => ({
            href: a.getAttribute('href') ?? '',
            text: a.textContent ?? '',
            lang: a.getAttribute('lang'),
          }))
        : [],
      landmarks: landmarks
        ? [...landmarks.querySelectorAll('a')].map((a) => ({
            type: a.getAttributeNS(EPUB, 'type'),
            href: a.getAttribute('href') ?? '',
          }))
        : [],
    };
  }, xml);
}

const about = (lang: string) =>
  book.pages.find((p) => p.id === 'about' && p.lang === lang) ??
  book.pages.find((p) => p.id === 'about' && p.lang === settings.original);

describe('epubcheck', () => {
  for (const c of CHECKED) {
    test(`${checkName(c)}: 0 fatals, 0 errors, 0 warnings`, { timeout: 300_000 }, async () => {
      assert.ok(existsSync(EPUBCHECK), `epubcheck is not installed at ${EPUBCHECK} (npm run setup installs it)`);
      const { run: check, report } = await epubchecks.get(checkName(c))!;
      assert.ok(existsSync(report), `epubcheck wrote no report: ${check.stderr.slice(-2000)}`);
      const code = check.code;
      const r = JSON.parse(readFileSync(report, 'utf8')) as {
        checker: { nFatal: number; nError: number; nWarning: number; checkerVersion: string };
        messages: Array<{
          ID: string;
          severity: string;
          message: string;
          locations: Array<{ path: string; line: number }>;
        }>;
      };
      const lines = r.messages.map(
        (m) => `${m.severity} ${m.ID}: ${m.message} (${m.locations.map((l) => `${l.path}:${l.line}`).join(', ')})`,
      );
      assert.deepEqual(
        { fatal: r.checker.nFatal, error: r.checker.nError, warning: r.checker.nWarning },
        { fatal: 0, error: 0, warning: 0 },
        lines.join('\n'),
      );
      assert.equal(code, 0);
    });
  }
});

// Ace by DAISY (the reading systems' and publishers' EPUB accessibility checker), run on every
// flavour and language with Debian's Chromium through Puppeteer: 0 violations of any impact.
describe('Ace by DAISY', () => {
  const ACE = join(KIT, 'node_modules/.bin/ace-cli');
  for (const c of CHECKED) {
    test(`${checkName(c)}: 0 violations`, { timeout: 180_000 }, async () => {
      assert.ok(existsSync(ACE), `Ace is not installed at ${ACE} (npm ci installs it)`);
      const out = join(repro, `ace-${c.lang}-${c.flavour}`);
      const r = await run(ACE, ['--silent', '--force', '--outdir', out, epubFile(c.lang, c.flavour)], {
        env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromiumPath() },
      });
      const reportFile = join(out, 'report.json');
      assert.ok(
        existsSync(reportFile),
        `Ace wrote no report (exit ${r.code}): ${r.stderr.slice(-2000)}${r.stdout.slice(-2000)}`,
      );
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
        'earl:result': { 'earl:outcome': string };
        assertions: Array<{
          'earl:testSubject': { url: string };
          assertions?: Array<{
            'earl:test': { 'dct:title': string; 'earl:impact': string };
            'earl:result': { 'dct:description'?: string };
          }>;
        }>;
      };
      const violations = report.assertions.flatMap((doc) =>
        (doc.assertions ?? []).map(
          (a) =>
            `${doc['earl:testSubject'].url}: ${a['earl:test']['dct:title']} (${a['earl:test']['earl:impact']}) ${a['earl:result']['dct:description'] ?? ''}`,
        ),
      );
      assert.deepEqual(violations, []);
      assert.equal(report['earl:result']['earl:outcome'], 'pass');
    });
  }
});

for (const lang of LANGS) {
  describe(`the ${lang} EPUB`, () => {
    let opf: Opf;
    let docs: Doc[];
    let nav: Nav;
    const views = book.episodes.map((e) => episodeView(book, e, lang));
    before(async () => {
      opf = await readOpf(text(lang, 'OEBPS/content.opf'));
      nav = await readNav(text(lang, 'OEBPS/toc.xhtml'));
      docs = [];
      for (const item of opf.manifest.filter((i) => i.type === 'application/xhtml+xml'))
        docs.push(await readDoc(item.href, text(lang, `OEBPS/${item.href}`)));
    });
    const doc = (href: string) => {
      const d = docs.find((x) => x.href === href);
      assert.ok(d, `${href} is in the ${lang} EPUB`);
      return d;
    };

    test('is a proper container: mimetype first and stored, every entry dated from the content', () => {
      const { entries } = epubs.get(lang)!;
      assert.equal(entries[0]!.name, 'mimetype');
      assert.equal(entries[0]!.method, 0);
      const raw = readFileSync(epubFile(lang));
      assert.equal(raw.subarray(30, 58).toString(), 'mimetypeapplication/epub+zip');
      const expected = dosDateTime(
        process.env.SOURCE_DATE_EPOCH
          ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000)
          : new Date(`${settings.published}T00:00:00Z`),
      );
      assert.deepEqual(
        new Set(entries.map((e) => `${e.dosDate}/${e.dosTime}`)),
        new Set([`${expected.date}/${expected.time}`]),
        'every entry has the same date, from the content',
      );
    });

    test('every document is well-formed XML, in the book’s language on <html> (lang and xml:lang)', () => {
      assert.equal(opf.wellFormed, '');
      for (const d of docs) {
        assert.equal(d.wellFormed, '', `${d.href}: ${d.wellFormed}`);
        assert.equal(d.lang, lang, `${d.href} lang`);
        assert.equal(d.xmlLang, lang, `${d.href} xml:lang`);
        assert.ok(d.title.trim(), `${d.href} has a <title>`);
      }
    });

    test('metadata: language, title, identifier, people and their roles, rights, dates, subjects, description', () => {
      assert.equal(opf.xmlLang, lang);
      assert.deepEqual(opf.dc.language, [lang]);
      assert.equal(opf.dc.title?.length, 1);
      assert.equal(opf.dc.title![0], typographize(pick(settings.title, lang, settings), lang));
      assert.equal(opf.identifier.length, 1);
      assert.equal(opf.identifier[0]!.id, opf.uniqueIdentifier);
      assert.equal(opf.identifier[0]!.text, epubIdentifier(settings.id, lang));
      assert.match(
        text(lang, 'OEBPS/toc.ncx'),
        new RegExp(`<meta name="dtb:uid" content="${epubIdentifier(settings.id, lang)}"/>`),
      );
      // Each person once, with every role of theirs as a MARC relator (credits.test.ts checks the roles themselves).
      const marc = {
        author: 'aut',
        illustrator: 'ill',
        dialogue: 'aud',
        translator: 'trl',
        'original-illustrator': 'ant',
      };
      const people = credited(settings, lang).map((p) => ({
        element: p.roles.some((r) => CREATOR_ROLES.includes(r)) ? 'creator' : 'contributor',
        name: p.name,
        roles: p.roles.map((r) => marc[r]),
      }));
      // Read back as the OPF lists them: the creators, then the contributors.
      const want = [...people.filter((p) => p.element === 'creator'), ...people.filter((p) => p.element !== 'creator')];
      assert.deepEqual(opf.people, want);
      if (lang === settings.original)
        assert.ok(!opf.people.some((p) => p.roles.includes('trl')), 'no translator in the original');
      assert.equal(opf.dc.rights?.length, 1);
      const rights = opf.dc.rights?.[0] ?? '';
      assert.ok(rights.includes(typographize(pick(settings.licence.name, lang, settings), lang)), rights);
      assert.ok(rights.includes(settings.licence.url));
      assert.ok(!/all rights reserved|tous droits réservés/i.test(rights));
      assert.deepEqual(opf.dc.date, [settings.published]);
      const modified = process.env.SOURCE_DATE_EPOCH
        ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
        : `${settings.published}T00:00:00Z`;
      assert.deepEqual(opf.meta['dcterms:modified'], [modified]);
      assert.deepEqual(
        opf.dc.subject,
        settings.subjects?.[lang] ?? settings.subjects?.[settings.original] ?? undefined,
      );
      assert.equal(opf.dc.description?.length, 1);
      assert.ok(opf.dc.description![0]!.length > 20);
      assert.deepEqual(opf.dc.publisher, settings.publisher ? [settings.publisher] : undefined);
    });

    test('EPUB Accessibility 1.1: access modes, features, hazards, summary in the book’s language, conformance claim', () => {
      const m = opf.meta;
      assert.deepEqual([...(m['schema:accessMode'] ?? [])].sort(), ['textual', 'visual']);
      assert.ok(
        m['schema:accessModeSufficient']?.includes('textual'),
        'the text alone is enough (alt text and transcripts)',
      );
      for (const f of [
        'alternativeText',
        'readingOrder',
        'structuralNavigation',
        'tableOfContents',
        'displayTransformability',
      ]) {
        assert.ok(m['schema:accessibilityFeature']?.includes(f), `accessibilityFeature ${f}`);
      }
      // The print edition's page numbers, as markers and a page list (the next tests check them).
      for (const f of ['printPageNumbers', 'pageNavigation'])
        assert.ok(m['schema:accessibilityFeature']?.includes(f), `accessibilityFeature ${f}`);
      assert.deepEqual(m['schema:accessibilityHazard'], ['none']);
      assert.equal(m['schema:accessibilitySummary']?.length, 1);
      assert.deepEqual(
        m['schema:accessibilitySummary'],
        [
          typographize(
            [
              ...(settings.accessibility
                ? [t(lang, 'epub.a11yChecked', { certifier: settings.accessibility.certifiedBy })]
                : []),
              t(lang, 'epub.a11ySummary'),
            ].join(' '),
            lang,
          ),
        ],
        'the summary is in the book’s language',
      );
      // A claim only when the settings name who checked the EPUB: the kit does not certify itself.
      const checker = settings.accessibility?.certifiedBy;
      assert.deepEqual(m['dcterms:conformsTo'], checker ? [CONFORMANCE] : undefined);
      assert.deepEqual(
        opf.certifiedBy,
        checker ? [{ refines: `#${opf.conformsToId}`, text: checker }] : [],
        'a11y:certifiedBy names the settings’ checker, or is absent',
      );
    });

    test('the example site address is named nowhere (the sample keeps it: it has no real host)', () => {
      assert.ok(isExampleAddress(settings.site.url), 'the sample book still has the example address');
      const naming = epubs
        .get(lang)!
        .entries.filter((e) => e.data.includes(EXAMPLE_HOST))
        .map((e) => e.name);
      assert.deepEqual(naming, []);
    });

    test('store metadata: the EPUB 2 cover, the series, a translation’s original', () => {
      const xml = text(lang, 'OEBPS/content.opf');
      const cover = opf.manifest.find((i) => i.properties?.split(' ').includes('cover-image'));
      assert.deepEqual(xml.match(/<meta name="cover"[^>]*>/g), [`<meta name="cover" content="${cover?.id}"/>`]);
      assert.deepEqual(opf.dc.source, [
        ...(lang === settings.original ? [] : [epubIdentifier(settings.id, settings.original)]),
        pdfAddress(settings, lang),
      ]);
      const series = settings.series;
      const name = series && (typeof series.name === 'string' ? series.name : pick(series.name, lang, settings));
      assert.deepEqual(opf.meta['belongs-to-collection'], name ? [typographize(name, lang)] : undefined);
      if (series) assert.match(xml, /<meta refines="#series" property="collection-type">series<\/meta>/);
      assert.equal(
        xml.match(/property="group-position">([^<]*)</)?.[1],
        series?.position === undefined ? undefined : String(series.position),
      );
    });

    test('the cover is a baseline JPEG with a JFIF header (older reading systems, stores, pandoc)', () => {
      const cover = opf.manifest.find((i) => i.properties?.split(' ').includes('cover-image'))!;
      const data = readFileSync(join(epubs.get(lang)!.dir, 'OEBPS', cover.href));
      assert.deepEqual([...data.subarray(0, 4)], [0xff, 0xd8, 0xff, 0xe0], 'APP0 right after the start of image');
      assert.equal(data.subarray(6, 11).toString('latin1'), 'JFIF\0');
      assert.equal(jpegFrame(data), 0xc0, 'baseline DCT (SOF0), not progressive (SOF2)');
    });

    test('reading order: cover, title page, licence, contents, the episodes in order, about', () => {
      const href = (id: string) => opf.manifest.find((i) => i.id === id)?.href;
      const expected = [
        'cover.xhtml',
        'title.xhtml',
        'licence.xhtml',
        'toc.xhtml',
        ...book.episodes.map((e) => `episode-${e.number}.xhtml`),
        ...(about(lang) ? ['about.xhtml'] : []),
      ];
      assert.deepEqual(opf.spine.map(href), expected);
      for (const v of views) {
        const d = doc(`episode-${v.number}.xhtml`);
        assert.ok(squash(d.text).includes(squash(v.title.text)), `episode ${v.number} has its title`);
      }
      const nav = opf.manifest.find((i) => i.properties?.split(' ').includes('nav'));
      assert.equal(nav?.href, 'toc.xhtml');
    });

    test('navigation: one entry per episode (and about), in order, titled; landmarks to cover, contents and text', () => {
      assert.equal(nav.wellFormed, '');
      assert.deepEqual(
        nav.toc.map((a) => a.href),
        [...book.episodes.map((e) => `episode-${e.number}.xhtml`), ...(about(lang) ? ['about.xhtml'] : [])],
      );
      views.forEach((v, i) => {
        assert.ok(nav.toc[i]!.text.includes(v.title.text), `${nav.toc[i]!.text} names episode ${v.number}`);
        assert.equal(
          nav.toc[i]!.lang,
          v.title.lang !== lang ? v.title.lang : null,
          'an untranslated title is marked with its language',
        );
      });
      assert.deepEqual(
        nav.landmarks.map((l) => `${l.type} ${l.href}`),
        ['cover cover.xhtml', 'toc toc.xhtml#toc', `bodymatter episode-${book.episodes[0]!.number}.xhtml`],
      );
    });

    test('images: SVG panels, PNG or JPEG otherwise, sized for e-readers, each with alt text; the cover is the language’s JPEG', () => {
      const images = opf.manifest.filter((i) => i.type.startsWith('image/'));
      assert.ok(images.length > 1);
      assert.ok(
        images.some((i) => i.type === 'image/svg+xml'),
        'the vector panels travel as SVG',
      );
      for (const i of images) {
        assert.ok(['image/png', 'image/jpeg', 'image/svg+xml'].includes(i.type), `${i.href} is ${i.type}`);
        const data = readFileSync(join(epubs.get(lang)!.dir, 'OEBPS', i.href));
        if (i.type === 'image/svg+xml') {
          // Self-contained: a size, and nothing fetched (only #fragment references).
          const svg = data.toString('utf8');
          assert.match(svg, /^<svg [^>]*viewBox="0 0 \d+ \d+"/, `${i.href} has a size`);
          assert.deepEqual(
            svg.match(/(?:href="|url\()(?!#)[^")]*/g) ?? [],
            [],
            `${i.href} refers to nothing outside itself`,
          );
          assert.doesNotMatch(svg, /<script|<foreignObject/i);
          // Drawn by every reading system: no <use> or <symbol> (calibre's MOBI rasteriser drew none).
          assert.doesNotMatch(svg, /<use\b|<symbol\b/, `${i.href} draws everything itself`);
          continue;
        }
        const width = i.type === 'image/png' ? data.readUInt32BE(16) : jpegWidth(data);
        assert.ok(width > 0 && width <= 1600, `${i.href} is ${width}px wide`);
      }
      const cover = images.filter((i) => i.properties?.split(' ').includes('cover-image'));
      assert.equal(cover.length, 1);
      assert.equal(cover[0]!.type, 'image/jpeg');
      assert.equal(
        cover[0]!.href,
        `images/${manifest.covers[lang]!.jpeg.file}`,
        'the cover of this language (its title is drawn on it)',
      );
      const shown = new Set<string>();
      for (const d of docs) {
        for (const img of d.imgs) {
          assert.ok(img.alt?.trim(), `${d.href}: ${img.src} has alt text`);
          assert.ok(
            images.some((i) => i.href === img.src),
            `${d.href}: ${img.src} is in the manifest`,
          );
          shown.add(img.src);
        }
      }
      assert.deepEqual([...shown].sort(), images.map((i) => i.href).sort(), 'every image is shown, none is unused');
    });

    test('the panels are this language’s: its composites, its alt text and its bubbles in the transcripts', () => {
      let lines = 0;
      for (const episode of book.episodes) {
        const d = doc(`episode-${episode.number}.xhtml`);
        const body = squash(d.text);
        for (const panel of episode.panels.flatMap((p) => p.frames)) {
          if (
            !views
              .find((v) => v.number === episode.number)!
              .blocks.some((b) => b.type === 'panel' && b.id === panel.panelId)
          )
            continue;
          const pt = panelText(panel, lang, settings);
          const img = d.imgs.find((i) => i.src.startsWith(`images/${panel.key}.`));
          assert.ok(img, `episode ${episode.number} shows panel ${panel.key}`);
          assert.ok(
            img.src.startsWith(`images/${panel.key}.${lang}.`),
            `panel ${panel.key} is the ${lang} composite (${img.src})`,
          );
          assert.equal(img.alt, pt.alt.text);
          for (const line of pt.lines) {
            assert.ok(
              body.includes(squash(line.text)),
              `episode ${episode.number}, panel ${panel.id}: “${line.text}” is in the transcript`,
            );
            lines++;
          }
        }
      }
      assert.ok(lines > 0, 'the book has speech bubbles, and the EPUB carries them');
      // And not another language's: a bubble whose text differs between languages is only in its own.
      for (const other of LANGS.filter((l) => l !== lang)) {
        const foreign = book.episodes.flatMap((e) =>
          e.panels
            .flatMap((def) => def.frames)
            .flatMap((p) =>
              panelText(p, other, settings)
                .lines.filter((l, i) => l.lang === other && l.text !== panelText(p, lang, settings).lines[i]!.text)
                .map((l) => ({ e, text: l.text })),
            ),
        );
        // A word the prose itself uses in that language does not count (the French SWOT paragraph
        // names "Weaknesses" and "Threats" in English).
        const prose = (n: number) =>
          squash(
            views
              .find((v) => v.number === n)!
              .blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []))
              .join(' '),
          );
        for (const f of foreign.filter((f) => !prose(f.e.number).includes(squash(f.text))))
          assert.ok(
            !squash(doc(`episode-${f.e.number}.xhtml`).text).includes(squash(f.text)),
            `the ${lang} EPUB does not carry the ${other} bubble “${f.text}”`,
          );
      }
    });

    test('the prose is the site’s: every paragraph, with the language’s spacing; untranslated parts in the original language, with the notice', () => {
      const originalName = languageName(settings.original, lang);
      for (const v of views) {
        const d = doc(`episode-${v.number}.xhtml`);
        const body = squash(d.text);
        for (const b of v.blocks) {
          if (b.type !== 'paragraph') continue;
          assert.ok(
            body.includes(squash(b.text)),
            `episode ${v.number}, ${b.id}: “${b.text.slice(0, 60)}…” is there, spaces and all`,
          );
          if (b.status === 'untranslated')
            assert.equal(
              d.langOf[paragraphId(d, v.number, b.id)],
              settings.original,
              `episode ${v.number}, ${b.id} is marked as ${settings.original}`,
            );
        }
        if (v.status === 'untranslated')
          assert.ok(
            body.includes(squash(t(lang, 'notice.untranslated', { language: originalName }))),
            `episode ${v.number} says it is not translated`,
          );
        if (v.status === 'partial')
          assert.ok(
            body.includes(squash(t(lang, 'notice.partial', { language: originalName }))),
            `episode ${v.number} says it is partly translated`,
          );
      }
      if (lang === 'fr')
        assert.match(docs.map((d) => d.text).join(''), /[\u00A0\u202F][:;!?»]/, 'French spacing is kept');
      if (lang === 'en')
        assert.doesNotMatch(
          docs
            .filter((d) => d.href.startsWith('episode-'))
            .map((d) => d.text)
            .join(''),
          /[\u00A0\u202F][;!?]/,
          'no French spacing in English',
        );
    });

    test('page list: a marker where each printed page begins, every target there, in page and reading order', () => {
      const xml = text(lang, 'OEBPS/content.opf');
      // The pagination's source: the PDF edition, named by a dc:source refined as its source-of.
      assert.match(
        xml,
        new RegExp(
          `<dc:source id="pagination-source">${pdfAddress(settings, lang).replace(/[.?]/g, '\\$&')}</dc:source>\\s*<meta refines="#pagination-source" property="source-of">pagination</meta>`,
        ),
      );
      const navXml = text(lang, 'OEBPS/toc.xhtml');
      const pageNav = navXml.match(/<nav epub:type="page-list"[^>]*>([\s\S]*?)<\/nav>/);
      assert.ok(pageNav, 'a page-list nav');
      assert.match(pageNav[0], /role="doc-pagelist"/);
      const list = [...pageNav[1]!.matchAll(/<a href="([^"#]+)#([^"]+)">([^<]+)<\/a>/g)].map((a) => ({
        file: a[1]!,
        id: a[2]!,
        label: a[3]!,
      }));
      // Every page of the print edition with content, but the printed contents' (the navigation replaces it).
      const map = JSON.parse(readFileSync(join(DIST, lang, 'print', 'page-map.json'), 'utf8')) as {
        marks: Array<{ label: string; part: string }>;
      };
      assert.deepEqual(
        list.map((p) => p.label),
        map.marks.filter((m) => m.part !== 'contents').map((m) => m.label),
      );
      assert.ok(list.some((p) => p.label === '1') && list.length > 10, list.map((p) => p.label).join(' '));
      // Each target exists, is a labelled page-break marker, and they come in reading order.
      const spine = opf.spine.map((id) => opf.manifest.find((i) => i.id === id)!.href);
      let previous = -1;
      for (const p of list) {
        const doc = text(lang, `OEBPS/${p.file}`);
        const tag = doc.match(new RegExp(`<span [^>]*id="${p.id}"[^>]*>`));
        assert.ok(tag, `${p.file}#${p.id} exists`);
        assert.match(tag[0], /epub:type="pagebreak"/);
        assert.match(tag[0], /role="doc-pagebreak"/);
        assert.match(tag[0], new RegExp(`title="${p.label}"`));
        const at = spine.indexOf(p.file) * 1e7 + doc.indexOf(tag[0]);
        assert.ok(at > previous, `page ${p.label} comes after the page before it`);
        previous = at;
      }
      // The NCX says the same, for EPUB 2 reading systems.
      const ncx = text(lang, 'OEBPS/toc.ncx');
      const targets = [
        ...ncx.matchAll(/<pageTarget [^>]*><navLabel><text>([^<]+)<\/text><\/navLabel><content src="([^"]+)"\/>/g),
      ];
      assert.deepEqual(
        targets.map((m) => `${m[1]} ${m[2]}`),
        list.map((p) => `${p.label} ${p.file}#${p.id}`),
      );
      assert.match(ncx, new RegExp(`<meta name="dtb:totalPageCount" content="${list.length}"/>`));
      const max = Math.max(...list.filter((p) => /^\d+$/.test(p.label)).map((p) => Number(p.label)));
      assert.match(ncx, new RegExp(`<meta name="dtb:maxPageNumber" content="${max}"/>`));
    });

    test('fonts: the Literata faces are embedded and declared', () => {
      const fonts = opf.manifest.filter((i) => i.type === 'font/woff2');
      assert.equal(fonts.length, 4);
      const css = text(lang, 'OEBPS/style.css');
      for (const f of fonts) assert.ok(css.includes(`url("${f.href}")`), `${f.href} is declared in the stylesheet`);
    });

    test('in Chromium: every document shows its images and fonts, and axe finds no violation', {
      timeout: 120_000,
    }, async () => {
      const context = await browser.newContext({ viewport: { width: 600, height: 900 } });
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      try {
        for (const d of docs) {
          await page.goto(new URL(`${lang}/OEBPS/${d.href}`, server.url).href, { waitUntil: 'load' });
          const state = await page.evaluate(async () => {
            await document.fonts.ready;
            return {
              xml: document.documentElement.namespaceURI,
              broken: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src),
              literata: [...document.fonts].some(
                (f) => f.family.replace(/"/g, '') === 'Literata' && f.status === 'loaded',
              ),
            };
          });
          assert.equal(state.xml, 'http://www.w3.org/1999/xhtml', `${d.href} is read as XHTML`);
          assert.deepEqual(state.broken, [], `${d.href}: every image loads`);
          if (d.text.trim()) assert.ok(state.literata, `${d.href} is set in Literata`);
          assert.deepEqual(await axe(page), [], `${d.href}: axe violations`);
        }
        assert.deepEqual(failed, []);
      } finally {
        await context.close();
      }
    });
  });
}

describe('the cmap check: every character of the text in an embedded font', () => {
  for (const c of CHECKED)
    test(`${checkName(c)}: no character falls back to a system font; every U+202F is drawn by every face`, () => {
      const entries = readZip(readFileSync(epubFile(c.lang, c.flavour)));
      const fonts = entries.filter((e) => e.name.endsWith('.woff2')).map((e) => fontCodePoints(e.data));
      assert.equal(fonts.length, 4);
      const documents = entries
        .filter((e) => e.name.endsWith('.xhtml'))
        .map((e) => ({ name: e.name, xhtml: e.data.toString('utf8') }));
      assert.deepEqual(uncoveredCharacters(documents, fonts).map(describeCoverage), []);
      const nnbsp = documents.reduce((n, d) => n + (d.xhtml.match(/\u202f/g)?.length ?? 0), 0);
      if (typographize('1 000 %', c.lang).includes('\u202f'))
        assert.ok(nnbsp > 0, 'French sets narrow no-break spaces');
      if (nnbsp) for (const f of fonts) assert.ok(f.has(0x202f), 'each face maps U+202F');
    });
});

describe('the e-ink flavour (PNG panels)', () => {
  for (const lang of LANGS) {
    test(`${lang}: the same documents as the EPUB, each SVG panel replaced by its 1440 px PNG`, () => {
      const std = readZip(readFileSync(epubFile(lang)));
      const eink = readZip(readFileSync(epubFile(lang, 'eink')));
      const swaps = new Map(
        Object.values(manifest.panels)
          .flatMap((byLang) => Object.values(byLang))
          .flatMap((img) => (img.raster ? [[img.file.file, img.raster.file] as const] : [])),
      );
      assert.ok(swaps.size > 0, 'the image pipeline made PNGs of the vector panels');
      // Only the image files differ: their names, and their media type in the package.
      const swap = (text: string) =>
        text.replace(/images\/([^"]+\.svg)"( media-type="image\/svg\+xml")?/g, (all, f: string, type?: string) =>
          swaps.has(f) ? `images/${swaps.get(f)}"${type ? ' media-type="image/png"' : ''}` : all,
        );
      let svgs = 0;
      for (const e of std) {
        if (/\.svg$/.test(e.name)) {
          svgs++;
          const png = swaps.get(e.name.slice('OEBPS/images/'.length));
          const raster = eink.find((x) => x.name === `OEBPS/images/${png}`);
          assert.ok(raster, `${e.name} has its PNG in the e-ink EPUB`);
          assert.equal(raster.data.readUInt32BE(16), 1440, `${raster.name} is 1440 px wide`);
          continue;
        }
        const twin = eink.find((x) => x.name === e.name);
        assert.ok(twin, `${e.name} is in the e-ink EPUB too`);
        if (/\.(xhtml|opf|ncx)$/.test(e.name))
          assert.equal(
            twin.data.toString('utf8'),
            swap(e.data.toString('utf8')),
            `${e.name}: only the image files differ`,
          );
        else assert.ok(twin.data.equals(e.data), `${e.name} is the same`);
      }
      assert.ok(svgs > 0);
      assert.deepEqual(
        eink.filter((e) => /\.svg$/.test(e.name)).map((e) => e.name),
        [],
        'no SVG left',
      );
    });
  }

  test('calibre converts it to AZW3 (Kindle) with every image found', { timeout: 180_000 }, async () => {
    const lang = LANGS[0]!;
    const out = join(repro, `eink-${lang}.azw3`);
    const r = await run('ebook-convert', [epubFile(lang, 'eink'), out]);
    assert.equal(
      r.code,
      0,
      `ebook-convert failed (npm run setup installs calibre):\n${r.stderr.slice(-2000)}${r.stdout.slice(-2000)}`,
    );
    const log = r.stdout + r.stderr;
    assert.deepEqual(log.match(/.*\bundefined\b.*/g) ?? [], [], 'no “link … is undefined” warning');
    assert.ok(statSync(out).size > 500_000, `the AZW3 holds the panels (${statSync(out).size} bytes)`);
  });
});

describe('downloads on the site', () => {
  const pages = LANGS.flatMap((lang) => [
    `${lang}/index.html`,
    ...book.episodes.map((e) => `${lang}/${e.slug}/index.html`),
  ]);
  for (const p of pages) {
    test(`${p} offers every EPUB with format, language and size`, () => {
      const html = readFileSync(join(DIST, p), 'utf8');
      const pageLang = /<html[^>]*\slang="([^"]+)"/.exec(html)![1]!;
      assert.ok(!html.includes('data-size-of='), 'no size left unfilled');
      for (const lang of LANGS) {
        const href = `${settings.site.base}${epubPath(settings, lang)}`;
        const link = new RegExp(`<a href="${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([^]*?)</a>`).exec(html);
        assert.ok(link, `${p} links to ${href}`);
        assert.match(link[0], /type="application\/epub\+zip"/);
        assert.match(link[0], new RegExp(`hreflang="${lang}"`));
        const label = link[1]!.replace(/<[^>]+>/g, '');
        const size = formatSize(statSync(epubFile(lang)).size, pageLang);
        assert.equal(label, `EPUB · ${languageName(lang, pageLang)} · ${size}`);
        const einkHref = `${settings.site.base}${epubPath(settings, lang, 'eink')}`;
        const eink = new RegExp(`<a href="${einkHref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([^]*?)</a>`).exec(
          html,
        );
        assert.ok(eink, `${p} links to ${einkHref}`);
        assert.equal(
          eink[1]!.replace(/<[^>]+>/g, ''),
          `EPUB, ${t(pageLang, 'download.eink')} · ${languageName(lang, pageLang)} · ${formatSize(statSync(epubFile(lang, 'eink')).size, pageLang)}`,
        );
      }
    });
  }
});

describe('reproducibility', () => {
  test('a second build, from an empty image cache, gives byte-identical EPUBs', { timeout: 900_000 }, async () => {
    const r = await reproBuild;
    assert.equal(r.code, 0, r.stderr.slice(-3000));
    const made = /panel images — \d+ images, (\d+) vector panels written, (\d+) encoded/.exec(r.stdout);
    assert.ok(
      made && Number(made[1]) > 0 && Number(made[2]) > 0,
      `the second build made the images again: ${made?.[0] ?? r.stdout.slice(0, 500)}`,
    );
    for (const lang of LANGS) {
      const a = readFileSync(epubFile(lang));
      const b = readFileSync(join(reproOut, epubPath(settings, lang)));
      if (!a.equals(b)) {
        const ea = readZip(a);
        const eb = readZip(b);
        const differ = [...new Set([...ea, ...eb].map((e) => e.name))].filter(
          (n) => !ea.find((e) => e.name === n)?.data.equals(eb.find((e) => e.name === n)?.data ?? Buffer.alloc(0)),
        );
        assert.fail(
          `${lang}: the two EPUBs differ (${a.length} and ${b.length} bytes); entries that differ: ${differ.join(', ') || 'none (order, dates or headers)'}`,
        );
      }
    }
  });
});

describe('a partly translated book (test/fixtures/books/trilingual, Spanish)', () => {
  test('untranslated parts are in the original language with the site’s notices; the EPUB is valid', {
    timeout: 900_000,
  }, async () => {
    const r = await trilingualBuild;
    assert.equal(r.code, 0, r.stderr.slice(-3000));
    const tri = loadBook(TRILINGUAL);
    const lang = 'es';
    const file = join(trilingualOut, epubPath(tri.settings, lang));
    const entries = readZip(readFileSync(file));
    const read = (n: string) => entries.find((e) => e.name === `OEBPS/${n}`)!.data.toString('utf8');
    const originalName = languageName(tri.settings.original, lang);
    const views = tri.episodes.map((e) => episodeView(tri, e, lang));
    assert.ok(
      views.some((v) => v.status === 'partial') && views.some((v) => v.status === 'untranslated'),
      'the fixture has a partial and an untranslated episode',
    );
    const nav = await readNav(read('toc.xhtml'));
    for (const [i, v] of views.entries()) {
      const d = await readDoc(`episode-${v.number}.xhtml`, read(`episode-${v.number}.xhtml`));
      assert.equal(d.wellFormed, '');
      assert.equal(d.xmlLang, lang);
      const body = squash(d.text);
      if (v.status === 'partial')
        assert.ok(
          body.includes(squash(t(lang, 'notice.partial', { language: originalName }))),
          `episode ${v.number}: the site’s “partly translated” notice`,
        );
      if (v.status === 'untranslated')
        assert.ok(
          body.includes(squash(t(lang, 'notice.untranslated', { language: originalName }))),
          `episode ${v.number}: the site’s “not translated” notice`,
        );
      for (const b of v.blocks) {
        if (b.type !== 'paragraph') continue;
        assert.ok(body.includes(squash(b.text)), `episode ${v.number}, ${b.id} is there`);
        assert.equal(
          d.langOf[paragraphId(d, v.number, b.id)],
          b.lang,
          `episode ${v.number}, ${b.id} is marked as ${b.lang}`,
        );
      }
      if (v.status === 'partial' && v.counts.untranslated)
        assert.ok(body.includes(squash(t(lang, 'notice.untranslatedPart'))), 'untranslated paragraphs are labelled');
      assert.equal(
        nav.toc[i]!.lang,
        v.title.lang !== lang ? v.title.lang : null,
        `episode ${v.number}: its title’s language in the contents`,
      );
    }
    const report = join(repro, 'epubcheck-trilingual-es.json');
    await run('java', ['-jar', EPUBCHECK, file, '--json', report]);
    const c = JSON.parse(readFileSync(report, 'utf8')) as {
      checker: { nFatal: number; nError: number; nWarning: number };
      messages: Array<{ ID: string; message: string }>;
    };
    assert.deepEqual(
      [c.checker.nFatal, c.checker.nError, c.checker.nWarning],
      [0, 0, 0],
      c.messages.map((m) => `${m.ID}: ${m.message}`).join('\n'),
    );
  });
});

describe('failure', () => {
  test('when a late step (PDF or EPUB) fails, the whole build fails with its message and the previous output stays', {
    timeout: 600_000,
  }, async () => {
    await trilingualBuild; // one build at a time
    const out = join(repro, 'kept');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'marker.txt'), 'the previous build');
    const r = await run(process.execPath, [join(KIT, 'scripts/build.ts'), '--book', ROOT, '--out', out], {
      cwd: KIT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SOURCE_DATE_EPOCH: 'yesterday' },
    });
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, /SOURCE_DATE_EPOCH must be a number of seconds since 1970, got "yesterday"/);
    assert.match(r.stderr, /Build failed\. .* was left as it was/);
    assert.equal(readFileSync(join(out, 'marker.txt'), 'utf8'), 'the previous build');
    assert.ok(!existsSync(join(out, 'en')), 'nothing of the failed build is left in the output');
  });
});

/** The JPEG's start-of-frame marker (0xc0 baseline, 0xc2 progressive), 0 if none. */
function jpegFrame(data: Buffer): number {
  let i = 2;
  while (i < data.length && data[i] === 0xff) {
    const marker = data[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return marker;
    i += 2 + data.readUInt16BE(i + 2);
  }
  return 0;
}

/** Width of a baseline or progressive JPEG, from its SOF marker. */
function jpegWidth(data: Buffer): number {
  let i = 2;
  while (i < data.length) {
    if (data[i] !== 0xff) return 0;
    const marker = data[i + 1]!;
    const len = data.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return data.readUInt16BE(i + 7);
    i += 2 + len;
  }
  return 0;
}
