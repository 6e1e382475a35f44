// Who did what, as every output of the built sample book says it: the home page, the footer, the
// About page, the print edition's title page, the EPUBs' package and the PDFs' metadata all give
// each person the roles content/book.yaml gives them, and nothing credits the original book's
// illustrator, or the author of the text, with this edition's drawings or bubble lines.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadBook } from '../../src/model/book.ts';
import { languageCodes, pick } from '../../src/model/settings.ts';
import { CREATOR_ROLES, creditGroups, creditLine, credited, rolesLabel } from '../../src/model/views/credits.ts';
import { epubFile } from '../../src/outputs/epub/downloads.ts';
import { pdfFile } from '../../src/outputs/pdf/downloads.ts';
import { readZip } from '../../src/outputs/zip.ts';
import { t } from '../../src/i18n/index.ts';
import { DIST } from './helpers.ts';

const book = loadBook('.');
const { settings } = book;
const html = (path: string) => readFileSync(join(DIST, path), 'utf8');
const text = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .trim();
const all = (s: string, re: RegExp) => [...s.matchAll(re)].map((m) => text(m[1]!));
/** The role-and-names pairs of a <dl> (About, title page). */
const pairs = (s: string) =>
  [...s.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/g)].map((m) => `${text(m[1]!)} = ${text(m[2]!)}`);

test('the sample book gives the roles the issue asks for', () => {
  const roles = (name: string) => credited(settings, 'en').find((p) => p.name.includes(name))?.roles;
  assert.deepEqual(roles('Pouhiou'), ['author']);
  assert.deepEqual(roles('Gee'), ['original-illustrator']);
  assert.deepEqual(roles('Planches'), ['illustrator', 'dialogue', 'translator']);
  assert.deepEqual(credited(settings, 'fr').find((p) => p.name.includes('Planches'))?.roles, [
    'illustrator',
    'dialogue',
  ]);
});

for (const lang of languageCodes(settings)) {
  describe(`credits in ${lang}`, () => {
    const lines = creditGroups(settings, lang).map((g) => creditLine(g, lang));
    const dl = creditGroups(settings, lang).map((g) => `${rolesLabel(g.roles, lang)} = ${g.names.join(', ')}`);

    test('home page: one line per group of people who did the same things', () => {
      const byline = /<ul class="hero__byline">(.*?)<\/ul>/.exec(html(`${lang}/index.html`))![1]!;
      assert.deepEqual(all(byline, /<li>(.*?)<\/li>/g), lines);
    });

    test('every page’s footer', () => {
      for (const page of [
        `${lang}/index.html`,
        `${lang}/about/index.html`,
        `${lang}/19-donner-de-l-exercice-a-ses-cobayes/index.html`,
      ]) {
        const footer = /<footer class="site-footer">(.*?)<\/footer>/s.exec(html(page))![1]!;
        assert.ok(text(footer).includes(lines.join(' · ')), `${page}: ${text(footer)}`);
      }
    });

    test('every page’s footer reads with its spaces between sentences and links (in the HTML)', () => {
      const expected = [
        `${pick(settings.title, lang, settings)} — ${lines.join(' · ')}. ${pick(settings.licence.name, lang, settings)}.`,
        // No feed while site.url is the example address (the sample's): the line starts at About.
        [t(lang, 'nav.about'), t(lang, 'footer.translation'), t(lang, 'footer.madeWith')].join(' · '),
      ];
      for (const page of [
        `${lang}/index.html`,
        `${lang}/search/index.html`,
        `${lang}/22-conclusion-le-swot-de-la-connardise/index.html`,
        '404.html',
      ]) {
        const footer = /<footer class="site-footer">(.*?)<\/footer>/s.exec(html(page))![1]!;
        const paragraphs = all(footer, /<p>(.*?)<\/p>/gs).map((p) => p.replace(/[ \n\t]+/g, ' '));
        if (page === '404.html') {
          // The one static 404 page carries its first language's footer.
          if (lang === languageCodes(settings)[0]) assert.deepEqual(paragraphs, expected, page);
        } else assert.deepEqual(paragraphs, expected, page);
      }
    });

    test('About page and the title page of the print edition (so of the PDF and the EPUB)', () => {
      const about = /<section class="credits"[^>]*>(.*?)<\/section>/s.exec(html(`${lang}/about/index.html`))![1]!;
      assert.equal(text(/<h2[^>]*>(.*?)<\/h2>/.exec(about)![1]!), t(lang, 'credits.title'));
      assert.deepEqual(pairs(about), dl);
      const title = /<dl class="book-title__people">(.*?)<\/dl>/s.exec(html(`${lang}/print/index.html`))![1]!;
      assert.deepEqual(pairs(title), dl);
    });

    test('EPUB: each person once, with MARC roles; the original illustrator as bibliographic antecedent', () => {
      const opf = readZip(readFileSync(join(DIST, epubFile(settings, lang))))
        .find((e) => e.name.endsWith('.opf'))!
        .data.toString('utf8');
      const people = [...opf.matchAll(/<dc:(creator|contributor) id="([^"]+)">([^<]+)<\/dc:\1>/g)].map((m) => ({
        element: m[1],
        name: m[3],
        roles: [
          ...opf.matchAll(
            new RegExp(`<meta refines="#${m[2]}" property="role" scheme="marc:relators">(\\w+)</meta>`, 'g'),
          ),
        ].map((r) => r[1]),
      }));
      const byName = (n: string) => people.find((p) => p.name!.includes(n));
      assert.deepEqual(byName('Pouhiou'), { element: 'creator', name: 'Pouhiou', roles: ['aut'] });
      assert.deepEqual(byName('Gee'), { element: 'contributor', name: 'Gee', roles: ['ant'] });
      assert.deepEqual(byName('Planches')?.roles, lang === settings.original ? ['ill', 'aud'] : ['ill', 'aud', 'trl']);
      assert.equal(people.length, 3);
    });

    test('PDF: dc:creator is who made this edition, translators are contributors, the original illustrator is neither', () => {
      const xmp = execFileSync('pdfinfo', ['-meta', join(DIST, pdfFile(settings, lang))], { encoding: 'utf8' });
      const seq = (tag: string) =>
        all(new RegExp(`<dc:${tag}>(.*?)</dc:${tag}>`, 's').exec(xmp)?.[1] ?? '', /<rdf:li>(.*?)<\/rdf:li>/g);
      const creators = CREATOR_ROLES.flatMap((r) =>
        credited(settings, lang)
          .filter((p) => p.roles.includes(r))
          .map((p) => p.name),
      );
      assert.deepEqual(seq('creator'), [...new Set(creators)]);
      assert.ok(!seq('creator').includes('Gee'));
      assert.deepEqual(
        seq('contributor'),
        credited(settings, lang)
          .filter((p) => p.roles.includes('translator'))
          .map((p) => p.name),
      );
      const info = execFileSync('pdfinfo', [join(DIST, pdfFile(settings, lang))], { encoding: 'utf8' });
      assert.ok(!/^Author:.*Gee/m.test(info), 'Gee is not an author of this edition’s PDF');
    });

    test('nowhere is Gee or Pouhiou credited with this edition’s drawings or bubble lines', () => {
      const drawings = [t(lang, 'role.illustrator'), t(lang, 'role.dialogue')].map((s) => s.toLocaleLowerCase(lang));
      const pages = [`${lang}/index.html`, `${lang}/about/index.html`, `${lang}/print/index.html`];
      for (const page of pages) {
        const items = [...all(html(page), /<li>(.*?)<\/li>/g), ...pairs(html(page))];
        for (const item of items.filter((i) => /Gee|Pouhiou/.test(i))) {
          const roles = item.split(/ = |\u00A0?: /)[0]!.toLocaleLowerCase(lang);
          const original = t(lang, 'role.original-illustrator').toLocaleLowerCase(lang);
          assert.ok(roles === original || !drawings.some((d) => roles.includes(d)), `${page}: ${item}`);
        }
      }
    });
  });
}
