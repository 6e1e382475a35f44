// The CBZ of each language, on the real built sample book (dist/): the cover and every panel of the
// EPUB in its reading order, as pictures; ComicInfo.xml from the book's settings; fixed dates; the
// site's download links; and calibre's ebook-convert reading it.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadBook } from '../../src/model/book.ts';
import { languageCodes, pick } from '../../src/model/settings.ts';
import { namesWith } from '../../src/model/views/credits.ts';
import { PANEL_CACHE_DIR, rasterFile, type ImageManifest } from '../../src/model/image-manifest.ts';
import { cbzFile } from '../../src/outputs/cbz/downloads.ts';
import { COMICINFO_ORDER } from '../../src/outputs/cbz/comicinfo.ts';
import { epubFile } from '../../src/outputs/epub/downloads.ts';
import { epubModified } from '../../src/outputs/epub/package.ts';
import { dosDateTime, readZip } from '../../src/outputs/zip.ts';
import { formatSize } from '../../src/outputs/downloads.ts';
import { languageName } from '../../src/astro-adapter/views.ts';
import { typographize } from '../../src/shared/typography.ts';
import { isExampleAddress } from '../../src/shared/addresses.ts';
import { t } from '../../src/i18n/index.ts';
import { DIST } from './helpers.ts';

const ROOT = resolve(process.env.PLANCHES_BOOK || resolve(import.meta.dirname, '../..'));
const book = loadBook(ROOT);
const { settings } = book;
const LANGS = languageCodes(settings);
const manifest = JSON.parse(readFileSync(join(ROOT, PANEL_CACHE_DIR, 'manifest.json'), 'utf8')) as ImageManifest;
const tmp = mkdtempSync(join(tmpdir(), 'planches-cbz-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const field = (xml: string, name: string) =>
  new RegExp(`<${name}>([^<]*)</${name}>`)
    .exec(xml)?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'");

for (const lang of LANGS) {
  describe(`the ${lang} CBZ`, () => {
    const file = join(DIST, cbzFile(settings, lang));
    const entries = () => readZip(readFileSync(file));

    test('the cover, then every panel of the e-ink EPUB in its reading order, then ComicInfo.xml', () => {
      assert.ok(existsSync(file), `${file} was built`);
      const names = entries().map((e) => e.name);
      assert.equal(names.at(-1), 'ComicInfo.xml');
      assert.equal(names[0], '00-cover.jpg');
      // The e-ink EPUB's panels, in the order its documents show them.
      const epub = readZip(readFileSync(join(DIST, epubFile(settings, lang, 'eink'))));
      const docs = epub.filter((e) => /^OEBPS\/(episode-\d+|about)\.xhtml$/.test(e.name));
      const opf = epub.find((e) => e.name === 'OEBPS/content.opf')!.data.toString('utf8');
      const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => m[1]!);
      const hrefOf = (id: string) => new RegExp(`<item id="${id}" href="([^"]+)"`).exec(opf)?.[1];
      const pictures = new Set(
        Object.values(manifest.panels).flatMap((byLang) => Object.values(byLang).map((i) => rasterFile(i).file)),
      );
      const shown = spine
        .map(hrefOf)
        .flatMap((href) => {
          const d = docs.find((e) => e.name === `OEBPS/${href}`);
          return d ? [...d.data.toString('utf8').matchAll(/<img [^>]*src="images\/([^"]+)"/g)].map((m) => m[1]!) : [];
        })
        .filter((f) => pictures.has(f));
      assert.ok(shown.length > 10, `${shown.length} panels in the EPUB`);
      assert.deepEqual(
        names.slice(1, -1),
        // A strip's frame is named by its panel and frame: 09-consent-banner-hunt.png.
        [...new Set(shown)].map(
          (f, i) =>
            `${String(i + 1).padStart(2, '0')}-${f.replace(/\.[^.]+\.[0-9a-f]{12}.*$/, '').replace('.', '-')}.png`,
        ),
      );
      for (const e of entries().slice(1, -1)) {
        assert.equal(e.data.readUInt32BE(16), 1440, `${e.name} is 1440 px wide`);
        assert.equal(e.method, 0, `${e.name} is stored (a PNG does not compress)`);
      }
      assert.deepEqual(
        entries()[0]!.data.subarray(0, 4),
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        'the cover is the JFIF JPEG',
      );
    });

    test('ComicInfo.xml: the book’s title, series, credits, language, summary, address and licence, in schema order', () => {
      const xml = entries().at(-1)!.data.toString('utf8');
      const written = [...xml.matchAll(/^ {2}<([A-Za-z]+)[ >]/gm)].map((m) => m[1]!);
      const at = written.map((n) => COMICINFO_ORDER.indexOf(n as (typeof COMICINFO_ORDER)[number]));
      assert.ok(!at.includes(-1), written.join(' '));
      assert.deepEqual(
        at,
        [...at].sort((a, b) => a - b),
        'in the order of the ComicInfo 2.0 sequence',
      );
      const ty = (s: string) => typographize(s, lang);
      assert.equal(field(xml, 'Title'), ty(pick(settings.title, lang, settings)));
      assert.ok(settings.series, 'the sample book is in a series');
      assert.equal(
        field(xml, 'Series'),
        ty(
          typeof settings.series.name === 'string' ? settings.series.name : pick(settings.series.name, lang, settings),
        ),
      );
      assert.equal(
        field(xml, 'Number'),
        settings.series.position === undefined ? undefined : String(settings.series.position),
      );
      assert.equal(field(xml, 'LanguageISO'), lang);
      assert.equal(field(xml, 'Summary'), ty(pick(settings.description, lang, settings)));
      // No address while site.url is the example one (the sample's): the CBZ would send readers there.
      assert.equal(
        field(xml, 'Web'),
        isExampleAddress(settings.site.url)
          ? undefined
          : new URL(`${settings.site.base}${lang}/`, settings.site.url).href,
      );
      assert.ok(field(xml, 'Writer')?.includes(namesWith(settings, lang, 'author')[0]!));
      assert.equal(field(xml, 'Penciller'), namesWith(settings, lang, 'illustrator').join(', '));
      const translators = namesWith(settings, lang, 'translator');
      assert.equal(field(xml, 'Translator'), translators.length ? translators.join(', ') : undefined);
      assert.ok(field(xml, 'Notes')?.includes(settings.licence.url), 'the licence is in the notes');
      assert.equal(field(xml, 'PageCount'), String(entries().length - 1));
      assert.equal([...xml.matchAll(/<Page Image=/g)].length, entries().length - 1);
    });

    test('every entry carries the book’s fixed date (two builds give the same bytes)', () => {
      const { date, time } = dosDateTime(epubModified(settings, process.env.SOURCE_DATE_EPOCH));
      for (const e of entries()) assert.deepEqual([e.dosDate, e.dosTime], [date, time], e.name);
    });

    test('the site offers it, saying what it is for', () => {
      const html = readFileSync(join(DIST, lang, 'index.html'), 'utf8');
      const href = `${settings.site.base}${cbzFile(settings, lang)}`;
      const link = new RegExp(`<a href="${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([^]*?)</a>`).exec(html);
      assert.ok(link, `the home page links to ${href}`);
      assert.match(link[0], /type="application\/vnd\.comicbook\+zip"/);
      assert.equal(
        link[1]!.replace(/<[^>]+>/g, ''),
        `CBZ, ${t(lang, 'download.cbz')} · ${languageName(lang, lang)} · ${formatSize(statSync(file).size, lang)}`,
      );
    });
  });
}

test('calibre’s ebook-convert reads the CBZ: every page in the book it makes', { timeout: 120_000 }, () => {
  const lang = LANGS[0]!;
  const out = join(tmp, `${lang}.epub`);
  // --no-process: calibre's comic filters (resizing, despeckling) are not what is tested, and take 40 s.
  const r = spawnSync('ebook-convert', [join(DIST, cbzFile(settings, lang)), out, '--no-process'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `ebook-convert failed (npm run setup installs calibre): ${r.error ?? ''}${r.stderr}`);
  const pages = readZip(readFileSync(join(DIST, cbzFile(settings, lang)))).length - 1;
  const images = readZip(readFileSync(out)).filter((e) => /\.(png|jpe?g)$/i.test(e.name));
  // calibre adds its own copy of the cover.
  assert.ok(images.length >= pages, `${images.length} images for ${pages} pages`);
});
