// What the PDF says about itself, from the book's settings: title, people, subject, keywords,
// language, dates. Dates come from the content (settings.published) or from SOURCE_DATE_EPOCH,
// never from the clock, so that two builds give the same bytes.
import { editionDates } from '../../shared/dates.ts';
import { pick } from '../../model/settings.ts';
import type { Settings } from '../../model/schemas/settings.ts';
import { CREATOR_ROLES, credited } from '../../model/views/credits.ts';

export interface PdfMetadata {
  title: string;
  /** Who made this edition's text, drawings and dialogue (dc:creator, the Author entry), in the settings' order. */
  authors: string[];
  /** The translators of this language (dc:contributor). */
  contributors: string[];
  subject: string;
  keywords: string[];
  lang: string;
  creator: string;
  created: Date;
  modified: Date;
  /** The licence: its statement (XMP dc:rights) and address (xmpRights:WebStatement). */
  rights?: { statement: string; url: string };
}

/**
 * The creation date is the edition's publication date (midnight UTC). The modification date is
 * SOURCE_DATE_EPOCH when the build gives one (reproducible-builds.org: the time of the last
 * change to the sources), never before the creation date; otherwise the publication date too.
 */
export const pdfDates = editionDates;

export function pdfMetadata(
  settings: Settings,
  lang: string,
  options: { creator: string; sourceDateEpoch?: string },
): PdfMetadata {
  const people = credited(settings, lang);
  const authors = people.filter((p) => p.roles.some((r) => CREATOR_ROLES.includes(r))).map((p) => p.name);
  const contributors = people.filter((p) => p.roles.includes('translator')).map((p) => p.name);
  return {
    title: pick(settings.title, lang, settings),
    authors: [...new Set(authors)],
    contributors: [...new Set(contributors)],
    subject: pick(settings.description, lang, settings),
    keywords: settings.subjects?.[lang] ?? settings.subjects?.[settings.original] ?? [],
    lang,
    creator: options.creator,
    rights: {
      statement: `${pick(settings.licence.name, lang, settings)}. ${pick(settings.licence.statement, lang, settings)}`,
      url: settings.licence.url,
    },
    ...pdfDates(settings.published, options.sourceDateEpoch),
  };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet (the catalog's /Metadata stream), saying the same as the Info dictionary. */
export function xmpPacket(m: PdfMetadata, producer: string): string {
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const li = (values: string[]) => values.map((v) => `<rdf:li>${xml(v)}</rdf:li>`).join('');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.title)}</rdf:li><rdf:li xml:lang="${xml(m.lang)}">${xml(m.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq>${li(m.authors)}</rdf:Seq></dc:creator>`,
    m.contributors.length ? `<dc:contributor><rdf:Bag>${li(m.contributors)}</rdf:Bag></dc:contributor>` : '',
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.subject)}</rdf:li></rdf:Alt></dc:description>`,
    m.keywords.length ? `<dc:subject><rdf:Bag>${li(m.keywords)}</rdf:Bag></dc:subject>` : '',
    `<dc:language><rdf:Bag><rdf:li>${xml(m.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${iso(m.created)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${iso(m.modified)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${iso(m.modified)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(m.creator)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xml(producer)}</pdf:Producer>`,
    m.rights
      ? `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.rights.statement)}</rdf:li><rdf:li xml:lang="${xml(m.lang)}">${xml(m.rights.statement)}</rdf:li></rdf:Alt></dc:rights>`
      : '',
    m.rights ? `<xmpRights:WebStatement>${xml(m.rights.url)}</xmpRights:WebStatement>` : '',
    // Marked: True for a rights-managed work, False for one in the public domain (XMP's own terms).
    m.rights
      ? `<xmpRights:Marked>${/publicdomain|public-domain/i.test(m.rights.url) ? 'False' : 'True'}</xmpRights:Marked>`
      : '',
    m.keywords.length ? `<pdf:Keywords>${xml(m.keywords.join(', '))}</pdf:Keywords>` : '',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ]
    .filter(Boolean)
    .join('\n');
}
