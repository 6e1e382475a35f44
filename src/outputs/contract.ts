// What every output of the build is: a step of scripts/build.ts that reads the book (and the files
// the steps before it made) and writes into the build folder, and the files of it readers download.
// The list of outputs, in build order, is src/outputs/index.ts.
import type { ImageManifest } from '../model/image-manifest.ts';
import type { FontManifest } from '../fonts/make.ts';
import type { Book } from '../model/book.ts';
import type { Settings } from '../model/schemas/settings.ts';
import type { StringKey } from '../i18n/index.ts';

/** A file readers download from every page (its size is filled in by the build's last step). */
export interface Download {
  lang: string;
  /** The id of the output that makes it. */
  format: string;
  /** Path under the site's base (and under the build folder): "en/book-en.epub". */
  path: string;
  /** Media type, for the link's type attribute. */
  type: string;
  /** The format's name as readers know it ("EPUB", "PDF A5"). */
  label: string;
  /**
   * What this file is for, when the format alone does not say it (in the page's language). A file
   * with a note is offered in the page's language only (the printer's PDFs).
   */
  note?: StringKey;
  /** Like `note`, for a file offered in every language (the e-ink EPUB). */
  detail?: StringKey;
}

export interface OutputContext {
  book: Book;
  images: ImageManifest;
  /** The subset fonts of every role (src/fonts/). */
  fonts: FontManifest;
  /** The build folder (a staging folder that replaces dist/ once every output has succeeded). */
  dir: string;
  /** The kit's own folder (scripts, node_modules). */
  kit: string;
  /** A line of progress for the build's log. */
  log: (line: string) => void;
}

/** An output's code: makes its files and returns a one-line summary for the log ("fr 33 pages, en 32 pages"). */
export interface OutputRunner {
  run: (context: OutputContext) => Promise<string>;
}

export interface OutputEntry {
  id: string;
  /** What it makes, for the build's log: "PDFs". */
  label: string;
  /** The files of this output readers download in `lang`, when there are any. */
  downloads?: (settings: Settings, lang: string) => Download[];
  /**
   * Where its downloads come in the lists readers see, when not in build order: lower first, 0 by
   * default (the PDF is built before the EPUB, which reads its page map, but offered after it).
   */
  offerOrder?: number;
  /**
   * Why this book has nothing for the output (a CBZ of a book without panels), or undefined when it
   * has: a skipped output makes no file and offers no download, and the build's log says why.
   */
  skip?: (book: Pick<Book, 'episodes'>) => string | undefined;
  /**
   * Loads the output's code. Only the build runs it; the site's pages import the list of outputs
   * for their download links, so the code is loaded when needed, not when the list is read.
   */
  load: () => Promise<OutputRunner>;
}
