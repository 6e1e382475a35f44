// What a build is about, given once on the command line of scripts/build.ts (or by the environment
// of `npm run dev`) and passed to every process of the build through the environment, so that the
// build script, the images process and Astro's process agree: which book, under which base path and
// public address. Nothing else reads these variables.
export interface BookOptions {
  /** The folder holding the book's content/ (the kit's own folder by default). */
  bookRoot: string;
  /** Serve under this sub-path ("/planches/") instead of the settings' site.base. */
  base?: string;
  /** Publish at this address instead of the settings' site.url. */
  url?: string;
  /** Build draft episodes too, marked as drafts (`--drafts`; `npm run dev` always does). */
  drafts?: boolean;
}

export function bookOptions(): BookOptions {
  return {
    bookRoot: process.env.PLANCHES_BOOK || process.cwd(),
    base: process.env.PLANCHES_BASE || undefined,
    url: process.env.PLANCHES_SITE_URL || undefined,
    drafts: process.env.PLANCHES_DRAFTS === '1',
  };
}

/** Sets the options for this process and the processes it starts (scripts/build.ts does it once). */
export function setBookOptions(options: Partial<BookOptions>): void {
  if (options.bookRoot) process.env.PLANCHES_BOOK = options.bookRoot;
  if (options.base) process.env.PLANCHES_BASE = options.base;
  if (options.url) process.env.PLANCHES_SITE_URL = options.url;
  if (options.drafts) process.env.PLANCHES_DRAFTS = '1';
}
