// ComicInfo.xml of the CBZ: the fields comic readers use, in the order the ComicInfo 2.0 schema's
// sequence gives them (an element out of order makes the file invalid against the schema).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMICINFO_ORDER, comicInfoXml } from '../../src/outputs/cbz/comicinfo.ts';

// The element names of the ComicInfo 2.0 sequence (github.com/anansi-project/comicinfo,
// schema/v2.0/ComicInfo.xsd), in order; Translator is the 2.1 draft's, between Editor and Publisher.
const SCHEMA_2_0 = [
  'Title',
  'Series',
  'Number',
  'Count',
  'Volume',
  'AlternateSeries',
  'AlternateNumber',
  'AlternateCount',
  'Summary',
  'Notes',
  'Year',
  'Month',
  'Day',
  'Writer',
  'Penciller',
  'Inker',
  'Colorist',
  'Letterer',
  'CoverArtist',
  'Editor',
  'Translator',
  'Publisher',
  'Imprint',
  'Genre',
  'Web',
  'PageCount',
  'LanguageISO',
  'Format',
  'BlackAndWhite',
  'Manga',
  'Characters',
  'Teams',
  'Locations',
  'ScanInformation',
  'StoryArc',
  'SeriesGroup',
  'AgeRating',
  'Pages',
  'CommunityRating',
  'MainCharacterOrTeam',
  'Review',
];

const INFO = {
  title: 'Le <Guide> & co',
  series: 'Le Guide du Connard Professionnel',
  number: 2,
  summary: 'Un guide satirique.',
  notes: 'Domaine public volontaire (https://creativecommons.org/publicdomain/zero/1.0/).',
  published: '2022-12-01',
  writers: ['Pouhiou', 'Gee'],
  pencillers: ['Gee'],
  translators: ['Ana'],
  publisher: 'Framabook',
  web: 'https://planches.example/fr/',
  lang: 'fr',
  pages: [
    { width: 1200, height: 1700, size: 1000, cover: true },
    { width: 1440, height: 960, size: 500 },
  ],
};

const elements = (xml: string) => [...xml.matchAll(/^ {2}<([A-Za-z]+)[ >]/gm)].map((m) => m[1]!);

test('the elements written follow the schema’s order', () => {
  const order = COMICINFO_ORDER.map((n) => SCHEMA_2_0.indexOf(n));
  assert.ok(!order.includes(-1), 'every element is in the schema');
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
  );
  const written = elements(comicInfoXml(INFO));
  const at = written.map((n) => SCHEMA_2_0.indexOf(n));
  assert.deepEqual(
    at,
    [...at].sort((a, b) => a - b),
    written.join(' '),
  );
});

test('title, series, number, writer, penciller, translator, language, summary, web; the licence in Notes', () => {
  const xml = comicInfoXml(INFO);
  assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<ComicInfo /);
  const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  assert.equal(field('Title'), 'Le &lt;Guide&gt; &amp; co');
  assert.equal(field('Series'), 'Le Guide du Connard Professionnel');
  assert.equal(field('Number'), '2');
  assert.equal(field('Writer'), 'Pouhiou, Gee');
  assert.equal(field('Penciller'), 'Gee');
  assert.equal(field('Translator'), 'Ana');
  assert.equal(field('LanguageISO'), 'fr');
  assert.equal(field('Summary'), 'Un guide satirique.');
  assert.equal(field('Web'), 'https://planches.example/fr/');
  assert.match(field('Notes')!, /publicdomain\/zero/);
  assert.deepEqual([field('Year'), field('Month'), field('Day')], ['2022', '12', '1']);
  assert.equal(field('PageCount'), '2');
  assert.equal(field('Manga'), 'No', 'read left to right');
  assert.deepEqual(
    [...xml.matchAll(/<Page Image="(\d+)" Type="(\w+)"/g)].map((m) => `${m[1]} ${m[2]}`),
    ['0 FrontCover', '1 Story'],
  );
});

test('what the book does not say is left out, not written empty', () => {
  const xml = comicInfoXml({ ...INFO, number: undefined, translators: [], publisher: undefined, series: undefined });
  assert.deepEqual(
    elements(xml).filter((n) => ['Number', 'Translator', 'Publisher', 'Series'].includes(n)),
    [],
  );
  assert.doesNotMatch(xml, /<(\w+)><\/\1>/);
});
