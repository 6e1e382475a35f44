// ComicInfo.xml, the metadata comic readers (Komga, Kavita, YACReader, KOReader) read from a CBZ.
// The schema is the Anansi Project's ComicInfo 2.0 (github.com/anansi-project/comicinfo, MIT): an
// XSD sequence, so the elements must come in its order (COMICINFO_ORDER). 2.0 has no translator;
// the 2.1 draft adds <Translator> after <Editor>, which is where it goes here (readers that know
// only 2.0 skip it, and the Notes say who translated too).
import { escapeXml } from '../../shared/xml.ts';

/** The elements this kit writes, in the order of the ComicInfo 2.0 sequence (Translator: 2.1 draft). */
export const COMICINFO_ORDER = [
  'Title',
  'Series',
  'Number',
  'Summary',
  'Notes',
  'Year',
  'Month',
  'Day',
  'Writer',
  'Penciller',
  'Editor',
  'Translator',
  'Publisher',
  'Web',
  'PageCount',
  'LanguageISO',
  'Manga',
  'Pages',
] as const;

export interface ComicPage {
  /** Width and height in pixels. */
  width: number;
  height: number;
  /** Bytes of the image file. */
  size: number;
  cover?: boolean;
}

export interface ComicInfo {
  title: string;
  series?: string;
  /** The book's number in the series. */
  number?: number;
  summary: string;
  notes: string;
  /** YYYY-MM-DD. */
  published: string;
  writers: string[];
  pencillers: string[];
  translators: string[];
  publisher?: string;
  /** The site's address, when it has one (not while site.url is the example one). */
  web?: string;
  lang: string;
  pages: ComicPage[];
}

/** The ComicInfo.xml of one CBZ. Names are joined with ", " (the schema's convention for lists). */
export function comicInfoXml(c: ComicInfo): string {
  const [year, month, day] = c.published.split('-').map(Number);
  const fields: Record<(typeof COMICINFO_ORDER)[number], string | undefined> = {
    Title: c.title,
    Series: c.series,
    Number: c.number === undefined ? undefined : String(c.number),
    Summary: c.summary,
    Notes: c.notes,
    Year: String(year),
    Month: String(month),
    Day: String(day),
    Writer: c.writers.join(', ') || undefined,
    Penciller: c.pencillers.join(', ') || undefined,
    Editor: undefined,
    Translator: c.translators.join(', ') || undefined,
    Publisher: c.publisher,
    Web: c.web,
    PageCount: String(c.pages.length),
    LanguageISO: c.lang,
    // Read left to right.
    Manga: 'No',
    Pages: undefined,
  };
  const lines = COMICINFO_ORDER.flatMap((name) => {
    if (name === 'Pages') {
      const pages = c.pages.map(
        (p, i) =>
          `    <Page Image="${i}" Type="${p.cover ? 'FrontCover' : 'Story'}" ImageSize="${p.size}" ImageWidth="${p.width}" ImageHeight="${p.height}"/>`,
      );
      return ['  <Pages>', ...pages, '  </Pages>'];
    }
    const v = fields[name];
    return v === undefined || v === '' ? [] : [`  <${name}>${escapeXml(v)}</${name}>`];
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ComicInfo xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    ...lines,
    '</ComicInfo>',
    '',
  ].join('\n');
}
