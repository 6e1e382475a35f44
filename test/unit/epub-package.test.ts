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

test('publisher only when configured; naming a publisher certifies nothing', () => {
  const none = metadataXml(epubMetadata(settings(), 'en', new Date(0)));
  assert.ok(!none.includes('dc:publisher'));
  const withPublisher = epubMetadata(settings({ publisher: 'Des Livres en Communs' }), 'en', new Date(0));
  assert.match(metadataXml(withPublisher), /<dc:publisher>Des Livres en Communs<\/dc:publisher>/);
  assert.equal(withPublisher.accessibility.claim, undefined);
  assert.doesNotMatch(metadataXml(withPublisher), /certifiedBy|conformsTo/);
});

/** The metadata elements whose property (or name) is one of `props`, exactly as written. */
const elements = (xml: string, ...props: string[]) =>
  xml
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => props.some((p) => l.includes(`property="${p}"`) || l.startsWith(`<dc:${p}`)));

test('no conformance claim and no certifier unless the settings name who checked the EPUB', () => {
  const fr = epubMetadata(settings(), 'fr', new Date(0));
  const xml = metadataXml(fr);
  assert.deepEqual(elements(xml, 'dcterms:conformsTo', 'a11y:certifiedBy', 'a11y:certifierCredential'), []);
  assert.doesNotMatch(fr.accessibility.summary, /WCAG|EPUB Accessibility/, 'the summary claims nothing either');
  // The discovery metadata describes the files, and stays.
  assert.equal(elements(xml, 'schema:accessMode').length, 2);
});

test('a named checker: the claim, refined by who checked it (and their credential)', () => {
  const checked = settings({ accessibility: { certifiedBy: 'Access42', credential: 'DAISY Ace + manual audit' } });
  const en = epubMetadata(checked, 'en', new Date(0));
  assert.deepEqual(elements(metadataXml(en), 'dcterms:conformsTo', 'a11y:certifiedBy', 'a11y:certifierCredential'), [
    `<meta property="dcterms:conformsTo" id="conformance">${CONFORMANCE}</meta>`,
    '<meta property="a11y:certifiedBy" refines="#conformance">Access42</meta>',
    '<meta property="a11y:certifierCredential" refines="#conformance">DAISY Ace + manual audit</meta>',
  ]);
  assert.match(en.accessibility.summary, /^Access42 checked that this EPUB meets EPUB Accessibility 1\.1/);
  const bare = metadataXml(epubMetadata(settings({ accessibility: { certifiedBy: 'Jo' } }), 'fr', new Date(0)));
  assert.deepEqual(elements(bare, 'a11y:certifiedBy', 'a11y:certifierCredential'), [
    '<meta property="a11y:certifiedBy" refines="#conformance">Jo</meta>',
  ]);
  assert.throws(() => settings({ accessibility: { certifiedBy: '' } }));
  assert.throws(() => settings({ accessibility: { credential: 'x' } }), /person or organisation/);
});

test('the series: belongs-to-collection, its type and the book’s position', () => {
  const xml = metadataXml(
    epubMetadata(
      settings({ series: { name: { fr: 'Les Livres', en: 'The Books & Co' }, position: 2 } }),
      'en',
      new Date(0),
    ),
  );
  assert.deepEqual(elements(xml, 'belongs-to-collection', 'collection-type', 'group-position'), [
    '<meta property="belongs-to-collection" id="series">The Books &amp; Co</meta>',
    '<meta refines="#series" property="collection-type">series</meta>',
    '<meta refines="#series" property="group-position">2</meta>',
  ]);
  // One name for every language, no position.
  assert.deepEqual(
    elements(
      metadataXml(epubMetadata(settings({ series: { name: 'Série' } }), 'de', new Date(0))),
      'belongs-to-collection',
      'group-position',
    ),
    ['<meta property="belongs-to-collection" id="series">Série</meta>'],
  );
  assert.deepEqual(elements(metadataXml(epubMetadata(settings(), 'en', new Date(0))), 'belongs-to-collection'), []);
  for (const position of [0, -1, 'two'])
    assert.throws(
      () => settings({ series: { name: 'S', position } }),
      /the book’s number in the series, a positive number like 2/,
      String(position),
    );
});

test('a translation names its original as dc:source; the original has none', () => {
  const source = (lang: string) => elements(metadataXml(epubMetadata(settings(), lang, new Date(0))), 'source');
  assert.deepEqual(source('fr'), []);
  assert.deepEqual(source('en'), [`<dc:source>${epubIdentifier('my-book', 'fr')}</dc:source>`]);
  assert.deepEqual(source('de'), [`<dc:source>${epubIdentifier('my-book', 'fr')}</dc:source>`]);
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
  assert.equal(CONFORMANCE, 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA');
  assert.deepEqual(values('dcterms:modified'), ['2022-12-01T00:00:00Z']);
});

test('the metadata is escaped XML and has one title', () => {
  const xml = metadataXml(epubMetadata(settings(), 'en', new Date(0)));
  assert.match(xml, /<dc:title>The Book &amp; Co<\/dc:title>/);
  assert.equal(xml.match(/<dc:title/g)!.length, 1);
  assert.match(xml, /<dc:language>en<\/dc:language>/);
  assert.match(xml, /<meta refines="#creator-1" property="role" scheme="marc:relators">aut<\/meta>/);
});
