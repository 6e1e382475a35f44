// Finishing a PDF in place with pdf-lib: destinations, outline, page labels, metadata, /ID.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef } from 'pdf-lib';
import {
  loadPrinted,
  readDestinations,
  saveWithContentId,
  setMetadata,
  setOutline,
  setPageLabels,
} from '../../src/outputs/pdf/finish.ts';
import { pdfDates, pdfMetadata, xmpPacket, type PdfMetadata } from '../../src/outputs/pdf/metadata.ts';
import { settingsSchema } from '../../src/model/schemas/settings.ts';

/** A PDF shaped like Chromium's: pages, a /Dests dictionary, an outline, random dates. */
async function chromiumLike(pages = 6): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([420, 595]);
  const refs = doc.getPages().map((p) => p.ref);
  const dest = (i: number) => doc.context.obj([refs[i]!, PDFName.of('XYZ'), 0, 595, 0]);
  doc.catalog.set(PDFName.of('Dests'), doc.context.obj({ cover: dest(0), 'episode-1': dest(2), 'episode-2': dest(4) }));
  const item = doc.context.register(doc.context.obj({ Title: PDFHexString.fromText('Old') }));
  doc.catalog.set(
    PDFName.of('Outlines'),
    doc.context.register(doc.context.obj({ Type: 'Outlines', First: item, Last: item, Count: 1 })),
  );
  doc.setProducer('Skia/PDF m156');
  return doc.save();
}

const meta: PdfMetadata = {
  title: 'Le Guide',
  authors: ['Pouhiou', 'Gee'],
  contributors: [],
  subject: 'Un guide satirique',
  keywords: ['satire', 'bande dessinée'],
  lang: 'fr',
  creator: 'Planches 0.1.0',
  created: new Date('2022-12-01T00:00:00Z'),
  modified: new Date('2022-12-01T00:00:00Z'),
};

test('named destinations give each part its page', async () => {
  const doc = await loadPrinted(await chromiumLike());
  const dests = readDestinations(doc);
  assert.deepEqual(
    [...dests].map(([k, v]) => [k, v.page]),
    [
      ['cover', 0],
      ['episode-1', 2],
      ['episode-2', 4],
    ],
  );
});

test('the outline is replaced by one bookmark per part, in order, opening its page', async () => {
  const doc = await loadPrinted(await chromiumLike());
  const dests = readDestinations(doc);
  setOutline(
    doc,
    [
      { title: 'Couverture', dest: 'cover' },
      { title: 'Épisode 1 : La cave', dest: 'episode-1' },
      { title: 'Épisode 2', dest: 'episode-2' },
    ],
    dests,
  );
  const saved = await PDFDocument.load(await doc.save());
  const outlines = saved.catalog.lookup(PDFName.of('Outlines'), PDFDict);
  const titles: string[] = [];
  const pages: number[] = [];
  const index = new Map(saved.getPages().map((p, i) => [p.ref.toString(), i]));
  let ref = outlines.get(PDFName.of('First'));
  while (ref instanceof PDFRef) {
    const item = saved.context.lookup(ref, PDFDict);
    titles.push(item.lookup(PDFName.of('Title'), PDFHexString).decodeText());
    pages.push(index.get(item.lookup(PDFName.of('Dest'), PDFArray).get(0)!.toString())!);
    ref = item.get(PDFName.of('Next'));
  }
  assert.deepEqual(titles, ['Couverture', 'Épisode 1 : La cave', 'Épisode 2']);
  assert.deepEqual(pages, [0, 2, 4]);
  assert.equal(outlines.lookup(PDFName.of('Count'))?.toString(), '3');
  assert.throws(() => setOutline(doc, [{ title: 'x', dest: 'nowhere' }], dests), /#nowhere/);
});

test('page labels: roman numerals, then arabic from the first episode', async () => {
  const doc = await loadPrinted(await chromiumLike());
  setPageLabels(doc, 2);
  const labels = doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
  assert.equal(labels.toString().replace(/\s+/g, ' '), '[ 0 << /S /r /St 1 >> 2 << /S /D /St 1 >> ]');
});

test('metadata: Info dictionary, XMP, /Lang; dates from the content; same content, same bytes', async () => {
  const finish = async () => {
    const doc = await loadPrinted(await chromiumLike());
    setMetadata(doc, meta, 'Skia/PDF m156; pdf-lib');
    setPageLabels(doc, 2);
    return saveWithContentId(doc);
  };
  const a = await finish();
  const b = await finish();
  assert.deepEqual(a, b, 'byte-identical');
  const text = Buffer.from(a).toString('latin1');
  assert.match(text, /^%PDF-1\.7/);
  const doc = await PDFDocument.load(a, { updateMetadata: false });
  assert.equal(doc.getTitle(), 'Le Guide');
  assert.equal(doc.getAuthor(), 'Pouhiou, Gee');
  assert.equal(doc.getKeywords(), 'satire, bande dessinée');
  assert.equal(doc.getCreationDate()?.toISOString(), '2022-12-01T00:00:00.000Z');
  assert.equal(doc.catalog.lookup(PDFName.of('Lang'))?.toString(), '(fr)');
  const id = doc.context.trailerInfo.ID as PDFArray;
  assert.match(id.get(0)!.toString(), /^<[0-9a-f]{32}>$/);
  assert.notEqual(id.get(0)!.toString(), `<${'0'.repeat(32)}>`);
});

test('dates: publication date, or SOURCE_DATE_EPOCH for the modification, never before creation', () => {
  assert.deepEqual(pdfDates('2022-12-01', undefined), {
    created: new Date('2022-12-01T00:00:00Z'),
    modified: new Date('2022-12-01T00:00:00Z'),
  });
  assert.equal(pdfDates('2022-12-01', '1700000000').modified.toISOString(), '2023-11-14T22:13:20.000Z');
  assert.equal(pdfDates('2022-12-01', '0').modified.toISOString(), '2022-12-01T00:00:00.000Z');
  assert.throws(() => pdfDates('2022-12-01', 'yesterday'), /SOURCE_DATE_EPOCH/);
});

test('metadata from the settings: translators only in their languages, keywords per language', () => {
  const settings = settingsSchema.parse({
    id: 'book',
    original: 'fr',
    languages: [
      { code: 'fr', name: 'Français' },
      { code: 'en', name: 'English' },
    ],
    title: { fr: 'Le Guide', en: 'The Guide' },
    description: { fr: 'Un guide', en: 'A guide' },
    authors: [
      { name: 'Pouhiou', role: 'author' },
      { name: 'Gee', role: 'illustrator' },
      { name: 'T', role: 'translator', languages: ['en'] },
    ],
    licence: { name: { fr: 'L', en: 'L' }, statement: { fr: 'S', en: 'S' }, url: 'https://example.org/' },
    site: { url: 'https://example.org' },
    cover: 'art/cover.svg',
    published: '2022-12-01',
    subjects: { fr: ['satire'], en: ['satire', 'comics'] },
  });
  const fr = pdfMetadata(settings, 'fr', { creator: 'Planches' });
  const en = pdfMetadata(settings, 'en', { creator: 'Planches' });
  assert.deepEqual(fr.authors, ['Pouhiou', 'Gee']);
  assert.deepEqual(fr.contributors, [], 'no translator in the original');
  assert.deepEqual(en.authors, ['Pouhiou', 'Gee'], 'a translator is not an author');
  assert.deepEqual(en.contributors, ['T']);
  assert.equal(en.title, 'The Guide');
  assert.deepEqual(en.keywords, ['satire', 'comics']);
  const xmp = xmpPacket({ ...en, title: 'A <b> & "c"' }, 'p');
  assert.match(xmp, /<rdf:li xml:lang="x-default">A &lt;b&gt; &amp; &quot;c&quot;<\/rdf:li>/);
  assert.match(xmp, /<dc:language><rdf:Bag><rdf:li>en<\/rdf:li>/);
});
