// The EPUB's package metadata (src/outputs/epub/package.ts): identifier, dates, people and roles,
// rights, subjects, and the EPUB Accessibility 1.1 metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONFORMANCE,
  epubIdentifier,
  epubMetadata,
  epubModified,
  metadataXml,
  uuidV5,
  w3cDateTime,
} from '../../src/outputs/epub/package.ts';
import { settingsSchema, type Settings } from '../../src/model/schemas/settings.ts';

const settings = (extra: Record<string, unknown> = {}): Settings =>
  settingsSchema.parse({
    id: 'my-book',
    original: 'fr',
    languages: [
      { code: 'fr', name: 'Français' },
      { code: 'en', name: 'English' },
      { code: 'de', name: 'Deutsch' },
    ],
    title: { fr: 'Le Livre', en: 'The Book & Co', de: 'Das Buch' },
    description: { fr: 'Une description : courte.', en: 'A short description.', de: 'Kurz.' },
    authors: [
      { name: 'Autrice', role: 'author' },
      { name: 'Dessinateur', role: 'illustrator' },
      { name: 'Translator', role: 'translator', languages: ['en'] },
      { name: 'Übersetzer', role: 'translator', languages: ['de'] },
    ],
    licence: {
      name: { fr: 'Domaine public', en: 'Public domain', de: 'Gemeinfrei' },
      statement: { fr: 'Libre.', en: 'Free.', de: 'Frei.' },
      url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    },
    site: { url: 'https://book.example' },
    cover: 'art/cover.svg',
    published: '2022-12-01',
    subjects: { fr: ['satire', 'bande dessinée'], en: ['satire', 'comics'] },
    ...extra,
  });

test('UUID v5 matches the RFC 4122 algorithm (Python’s uuid5 gives the same)', () => {
  assert.equal(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
});

test('the identifier is stable, and differs between languages and between books', () => {
  assert.equal(epubIdentifier('my-book', 'en'), epubIdentifier('my-book', 'en'));
  assert.match(
    epubIdentifier('my-book', 'en'),
    /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.notEqual(epubIdentifier('my-book', 'en'), epubIdentifier('my-book', 'fr'));
  assert.notEqual(epubIdentifier('my-book', 'en'), epubIdentifier('other-book', 'en'));
  // The sample book's French EPUB: changing this breaks readers' libraries (it is the book's identity).
  assert.equal(epubIdentifier('guide-du-connard-professionnel', 'fr'), 'urn:uuid:629b3736-9c61-5c47-9422-668b3dddf521');
});

test('the modification date comes from SOURCE_DATE_EPOCH, else from the publication date, never the clock', () => {
  assert.equal(w3cDateTime(epubModified({ published: '2022-12-01' })), '2022-12-01T00:00:00Z');
  assert.equal(w3cDateTime(epubModified({ published: '2022-12-01' }, '')), '2022-12-01T00:00:00Z');
  assert.equal(w3cDateTime(epubModified({ published: '2022-12-01' }, '1700000000')), '2023-11-14T22:13:20Z');
  assert.throws(() => epubModified({ published: '2022-12-01' }, 'yesterday'), /SOURCE_DATE_EPOCH/);
});

test('people: author and illustrator everywhere; a translator only in the languages they translated into', () => {
  const roles = (lang: string) =>
    epubMetadata(settings(), lang, new Date(0)).people.map((p) => `${p.element}:${p.roles.join('+')}:${p.name}`);
  assert.deepEqual(roles('fr'), ['creator:aut:Autrice', 'creator:ill:Dessinateur']);
  assert.deepEqual(roles('en'), ['creator:aut:Autrice', 'creator:ill:Dessinateur', 'contributor:trl:Translator']);
  assert.deepEqual(roles('de'), ['creator:aut:Autrice', 'creator:ill:Dessinateur', 'contributor:trl:Übersetzer']);
});

test('title, description, rights and summary are in the language, typographized', () => {
  const fr = epubMetadata(settings(), 'fr', new Date(0));
  assert.equal(fr.description, 'Une description\u00A0: courte.');
  assert.match(fr.rights, /^Domaine public\. Libre\. https:\/\/creativecommons\.org\/publicdomain\/zero\/1\.0\/$/);
  assert.match(fr.accessibility.summary, /case dessinée/);
  assert.match(fr.accessibility.summary, /bulles\u00A0:/, 'French spacing before the colon');
  const en = epubMetadata(settings(), 'en', new Date(0));
  assert.equal(en.title, 'The Book & Co');
  assert.match(en.accessibility.summary, /drawn panel/);
});

test('subjects fall back to the original language, marked as such', () => {
  assert.deepEqual(epubMetadata(settings(), 'en', new Date(0)).subjects, [
    { text: 'satire', lang: 'en' },
    { text: 'comics', lang: 'en' },
  ]);
  assert.deepEqual(epubMetadata(settings(), 'de', new Date(0)).subjects, [
    { text: 'satire', lang: 'fr' },
    { text: 'bande dessinée', lang: 'fr' },
  ]);
  assert.match(
    metadataXml(epubMetadata(settings(), 'de', new Date(0))),
    /<dc:subject xml:lang="fr">bande dessinée<\/dc:subject>/,
  );
});

test('publisher only when configured; it is then the certifier', () => {
  const none = metadataXml(epubMetadata(settings(), 'en', new Date(0)));
  assert.ok(!none.includes('dc:publisher'));
  const withPublisher = epubMetadata(settings({ publisher: 'Des Livres en Communs' }), 'en', new Date(0));
  assert.match(metadataXml(withPublisher), /<dc:publisher>Des Livres en Communs<\/dc:publisher>/);
  assert.equal(withPublisher.accessibility.certifiedBy, 'Des Livres en Communs');
});

test('the accessibility metadata says what EPUB Accessibility 1.1 asks', () => {
  const xml = metadataXml(epubMetadata(settings(), 'en', new Date('2022-12-01T00:00:00Z')));
  const values = (p: string) =>
    [...xml.matchAll(new RegExp(`<meta property="${p}"[^>]*>([^<]*)</meta>`, 'g'))].map((m) => m[1]);
  assert.deepEqual(values('schema:accessMode'), ['textual', 'visual']);
  assert.ok(values('schema:accessModeSufficient').includes('textual'));
  for (const f of [
    'alternativeText',
    'readingOrder',
    'structuralNavigation',
    'tableOfContents',
    'displayTransformability',
  ])
    assert.ok(values('schema:accessibilityFeature').includes(f), f);
  assert.ok(
    !values('schema:accessibilityFeature').includes('printPageNumbers'),
    'no page list, so no print page numbers',
  );
  assert.deepEqual(values('schema:accessibilityHazard'), ['none']);
  assert.equal(values('schema:accessibilitySummary').length, 1);
  assert.deepEqual(values('dcterms:conformsTo'), [CONFORMANCE]);
  assert.equal(CONFORMANCE, 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA');
  assert.match(xml, /<meta property="a11y:certifiedBy" refines="#conformance">Planches<\/meta>/);
  assert.deepEqual(values('dcterms:modified'), ['2022-12-01T00:00:00Z']);
});

test('the metadata is escaped XML and has one title', () => {
  const xml = metadataXml(epubMetadata(settings(), 'en', new Date(0)));
  assert.match(xml, /<dc:title>The Book &amp; Co<\/dc:title>/);
  assert.equal(xml.match(/<dc:title/g)!.length, 1);
  assert.match(xml, /<dc:language>en<\/dc:language>/);
  assert.match(xml, /<meta refines="#creator-1" property="role" scheme="marc:relators">aut<\/meta>/);
});
