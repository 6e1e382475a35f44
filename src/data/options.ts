// Build options given by the build script through the environment (Astro runs in its own
// process): which book, under which base path and public address.
export function buildOptions(): { base?: string; url?: string; bookRoot: string } {
  return {
    /** The folder holding the book's content/ (the kit's own folder by default). */
    bookRoot: process.env.PLANCHES_BOOK || process.cwd(),
    base: process.env.PLANCHES_BASE || undefined,
    url: process.env.PLANCHES_SITE_URL || undefined,
  };
}
