// The EPUB's package metadata for one language: Dublin Core (title, language, creators with
// their MARC roles, rights, identifier, dates, subjects, description, publisher) and the
// EPUB Accessibility 1.1 discovery metadata and conformance claim. Everything comes from the
// book's settings and the language's interface strings; nothing from the clock or chance, so
// that two builds give the same package.
import { createHash } from 'node:crypto';
import { editionDates } from '../../shared/dates.ts';
import { pick } from '../../model/settings.ts';
import { typographize } from '../../shared/typography.ts';
import { t } from '../../i18n/index.ts';
import { escapeXml } from '../../shared/xml.ts';
import type { Role, Settings } from '../../model/schemas/settings.ts';
import { credited } from '../../model/views/credits.ts';

/** RFC 4122 name-based UUID (version 5, SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The URL namespace of RFC 4122. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * The EPUB's identifier: the same for every build of the book in that language, different
 * between languages and between books. Derived from the book's `id` (content/book.yaml), not
 * from its address, so that moving the site does not make it a different book.
 */
export function epubIdentifier(bookId: string, lang: string): string {
  return `urn:uuid:${uuidV5(`urn:planches:book:${bookId}:${lang}`, URL_NAMESPACE)}`;
}

/**
 * The instant the EPUB says it was last modified: SOURCE_DATE_EPOCH (seconds, the reproducible
 * builds convention) when it is set, else the book's publication date at midnight UTC.
 */
export function epubModified(settings: Pick<Settings, 'published'>, sourceDateEpoch?: string): Date {
  return editionDates(settings.published, sourceDateEpoch).modified;
}

/** `2022-12-01T00:00:00Z`: the form dcterms:modified takes (no fractions of seconds). */
export function w3cDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type MarcRole = 'aut' | 'ill' | 'aud' | 'trl' | 'ant';

export interface EpubPerson {
  name: string;
  /** Every role of theirs in this edition: one dc element, one role each. */
  roles: MarcRole[];
  /** dc:creator for who made this edition's text, drawings and dialogue; dc:contributor for the others. */
  element: 'creator' | 'contributor';
}

export interface Accessibility {
  accessModes: string[];
  /** Each entry is one sufficient set, comma-separated ("textual", "textual,visual"). */
  accessModesSufficient: string[];
  features: string[];
  hazards: string[];
  summary: string;
  /**
   * The conformance claim and who checked it: only when the book's settings name a person or
   * organisation that did (`accessibility.certifiedBy`). The kit does not certify its own output.
   */
  claim?: { conformsTo: string; certifiedBy: string; credential?: string };
}

export interface EpubMetadata {
  identifier: string;
  lang: string;
  /**
   * The main title only. A second dc:title for the subtitle (title-type refinements) is shown
   * in place of the title by some reading systems (epubcheck's own report takes the last one),
   * so the subtitle is on the title page and not in the metadata.
   */
  title: string;
  people: EpubPerson[];
  publisher?: string;
  rights: string;
  subjects: Array<{ text: string; lang: string }>;
  description: string;
  /** dc:date, the publication date (YYYY-MM-DD). */
  date: string;
  /** dcterms:modified. */
  modified: string;
  /** The series (belongs-to-collection) and the book's number in it. */
  series?: { name: string; position?: number };
  /** dc:source of a translation: the identifier of the original-language edition. */
  source?: string;
  /**
   * What the page-break markers and the page list come from (the PDF edition's address), when
   * the EPUB has them: the EPUB 3.3 `source-of` refinement of a second dc:source, which epubcheck
   * 4.2.6 knows (it refuses the newer `pageBreakSource` property as undefined).
   */
  pageBreakSource?: string;
  accessibility: Accessibility;
}

/** The accessibility claim made for an EPUB whose settings name who checked it (test/e2e/epub.test.ts checks it). */
export const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

/** MARC relator codes (https://id.loc.gov/vocabulary/relators): the EPUB's way of saying who did what. */
const MARC: Record<Role, { role: MarcRole; element: EpubPerson['element'] }> = {
  author: { role: 'aut', element: 'creator' },
  illustrator: { role: 'ill', element: 'creator' },
  // "Author of dialog": the lines of the speech bubbles.
  dialogue: { role: 'aud', element: 'creator' },
  translator: { role: 'trl', element: 'contributor' },
  // "Bibliographic antecedent": the original book this edition's text comes from, whose drawings
  // it does not reproduce (the illustrator of the original is not an illustrator of this edition).
  'original-illustrator': { role: 'ant', element: 'contributor' },
};

export function epubMetadata(
  settings: Settings,
  lang: string,
  modified: Date,
  opts: { pageBreakSource?: string } = {},
): EpubMetadata {
  const ty = (s: string) => typographize(s, lang);
  // One entry per person and role (a translator only in the languages they translated into).
  const people = credited(settings, lang).map(
    (p): EpubPerson => ({
      name: p.name,
      roles: p.roles.map((r) => MARC[r].role),
      element: p.roles.some((r) => MARC[r].element === 'creator') ? 'creator' : 'contributor',
    }),
  );
  const subjects = settings.subjects?.[lang]
    ? settings.subjects[lang]!.map((text) => ({ text, lang }))
    : (settings.subjects?.[settings.original] ?? []).map((text) => ({ text, lang: settings.original }));
  const licenceName = pick(settings.licence.name, lang, settings);
  const checked = settings.accessibility;
  const statement = pick(settings.licence.statement, lang, settings);
  return {
    identifier: epubIdentifier(settings.id, lang),
    lang,
    title: ty(pick(settings.title, lang, settings)),
    people,
    publisher: settings.publisher,
    rights: `${ty(licenceName)}. ${ty(statement)} ${settings.licence.url}`,
    subjects,
    description: ty(pick(settings.description, lang, settings)),
    date: settings.published,
    modified: w3cDateTime(modified),
    ...(settings.series && {
      series: {
        name: ty(
          typeof settings.series.name === 'string' ? settings.series.name : pick(settings.series.name, lang, settings),
        ),
        ...(settings.series.position !== undefined && { position: settings.series.position }),
      },
    }),
    ...(lang !== settings.original && { source: epubIdentifier(settings.id, settings.original) }),
    ...(opts.pageBreakSource && { pageBreakSource: opts.pageBreakSource }),
    accessibility: {
      accessModes: ['textual', 'visual'],
      // Every panel has alt text and a transcript of its bubbles: the text alone is enough.
      accessModesSufficient: ['textual', 'textual,visual'],
      features: [
        'alternativeText',
        'readingOrder',
        'structuralNavigation',
        'tableOfContents',
        'displayTransformability',
        // The print edition's page numbers: markers in the text, and the page list to go to one.
        ...(opts.pageBreakSource ? ['printPageNumbers', 'pageNavigation'] : []),
      ],
      hazards: ['none'],
      summary: ty(
        [
          ...(checked ? [t(lang, 'epub.a11yChecked', { certifier: checked.certifiedBy })] : []),
          t(lang, 'epub.a11ySummary'),
        ].join(' '),
      ),
      ...(checked && {
        claim: {
          conformsTo: CONFORMANCE,
          certifiedBy: checked.certifiedBy,
          ...(checked.credential && { credential: checked.credential }),
        },
      }),
    },
  };
}

/** The <metadata> children of the package document. */
export function metadataXml(m: EpubMetadata): string {
  const e = escapeXml;
  const lines: string[] = [];
  const add = (s: string) => lines.push(`    ${s}`);
  add(`<dc:identifier id="book-id">${e(m.identifier)}</dc:identifier>`);
  add(`<dc:title>${e(m.title)}</dc:title>`);
  add(`<dc:language>${e(m.lang)}</dc:language>`);
  m.people.forEach((p, i) => {
    const id = `${p.element}-${i + 1}`;
    add(`<dc:${p.element} id="${id}">${e(p.name)}</dc:${p.element}>`);
    for (const role of p.roles) add(`<meta refines="#${id}" property="role" scheme="marc:relators">${role}</meta>`);
  });
  if (m.publisher) add(`<dc:publisher>${e(m.publisher)}</dc:publisher>`);
  add(`<dc:rights>${e(m.rights)}</dc:rights>`);
  if (m.source) add(`<dc:source>${e(m.source)}</dc:source>`);
  if (m.pageBreakSource) {
    add(`<dc:source id="pagination-source">${e(m.pageBreakSource)}</dc:source>`);
    add('<meta refines="#pagination-source" property="source-of">pagination</meta>');
  }
  add(`<dc:date>${e(m.date)}</dc:date>`);
  add(`<meta property="dcterms:modified">${e(m.modified)}</meta>`);
  add(`<dc:description>${e(m.description)}</dc:description>`);
  for (const s of m.subjects)
    add(`<dc:subject${s.lang !== m.lang ? ` xml:lang="${e(s.lang)}"` : ''}>${e(s.text)}</dc:subject>`);
  const a = m.accessibility;
  for (const v of a.accessModes) add(`<meta property="schema:accessMode">${e(v)}</meta>`);
  for (const v of a.accessModesSufficient) add(`<meta property="schema:accessModeSufficient">${e(v)}</meta>`);
  for (const v of a.features) add(`<meta property="schema:accessibilityFeature">${e(v)}</meta>`);
  for (const v of a.hazards) add(`<meta property="schema:accessibilityHazard">${e(v)}</meta>`);
  add(`<meta property="schema:accessibilitySummary">${e(a.summary)}</meta>`);
  if (a.claim) {
    add(`<meta property="dcterms:conformsTo" id="conformance">${e(a.claim.conformsTo)}</meta>`);
    add(`<meta property="a11y:certifiedBy" refines="#conformance">${e(a.claim.certifiedBy)}</meta>`);
    if (a.claim.credential)
      add(`<meta property="a11y:certifierCredential" refines="#conformance">${e(a.claim.credential)}</meta>`);
  }
  if (m.series) {
    add(`<meta property="belongs-to-collection" id="series">${e(m.series.name)}</meta>`);
    add('<meta refines="#series" property="collection-type">series</meta>');
    if (m.series.position !== undefined)
      add(`<meta refines="#series" property="group-position">${m.series.position}</meta>`);
  }
  return lines.join('\n');
}
