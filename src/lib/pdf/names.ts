// Where each language's PDF is published: dist/<lang>/<book-id>-<lang>.pdf. The book id and the
// language in the file name keep downloaded files apart in a reader's folder; the language folder
// keeps it next to that language's pages. The site's download links and the PDF step both use this.
export function pdfPath(bookId: string, lang: string): string {
  return `${lang}/${bookId}-${lang}.pdf`;
}

/** The print edition's address, relative to the site's base. */
export function printPath(lang: string): string {
  return `${lang}/print/`;
}

/** The interior for a printer: no cover, the page count a multiple of 4 (src/outputs/pdf.ts). */
export function printInteriorPath(bookId: string, lang: string): string {
  return `${lang}/${bookId}-${lang}-print-interior.pdf`;
}

/** The print cover: back, spine and front on one sheet, with bleed (src/outputs/pdf.ts). */
export function printCoverPath(bookId: string, lang: string): string {
  return `${lang}/${bookId}-${lang}-print-cover.pdf`;
}

/** The print cover's page (src/pages/[lang]/print/cover.astro), relative to the site's base. */
export function printCoverPagePath(lang: string): string {
  return `${lang}/print/cover/`;
}
