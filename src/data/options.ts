// Build options given by the build script through the environment (Astro runs in its own
// process): where to write, under which base path, and whether translations must be complete.
export function buildOptions(): { base?: string; url?: string; strict: boolean; bookRoot: string } {
  return {
    /** The folder holding the book's content/ (the kit's own folder by default). */
    bookRoot: process.env.PLANCHES_BOOK || process.cwd(),
    base: process.env.PLANCHES_BASE || undefined,
    url: process.env.PLANCHES_SITE_URL || undefined,
    strict: process.env.PLANCHES_STRICT === '1',
  };
}
