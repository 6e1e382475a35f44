// The reading site: Astro builds the pages (in its own process, so that the memory it takes is
// returned before Chromium prints the PDFs), then the panel images the pages show are copied in and
// the hosting headers written (docs/hosting.md).
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestFiles, PANEL_CACHE_DIR } from '../../model/image-manifest.ts';
import { headersFile, nginxSnippet } from '../../shared/security.ts';
import type { OutputContext } from '../contract.ts';
import { FONT_CACHE_DIR, fontFiles } from '../../fonts/make.ts';
import type { FontRole } from '../../fonts/faces.ts';
import { routes } from '../../shared/addresses.ts';
import { languageCodes } from '../../model/settings.ts';
import { writeStageOffline } from './stage-offline.ts';

/** The fonts the pages link (the EPUB embeds its own). */
const SITE_FONT_ROLES: FontRole[] = ['site', 'print', 'stage'];

/**
 * Puts a cached image into the build folder as a hard link (a 200-episode book has 5,200 image
 * files: 7.5 s to copy, 0.1 s to link), or a copy where a link cannot be made (another file
 * system). Cache files are named by the hash of their inputs and never rewritten, so the link is safe.
 */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

export async function run({ book, images, fonts, dir, kit }: OutputContext): Promise<string> {
  const astro = spawnSync(process.execPath, [join(kit, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: kit,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PLANCHES_OUT_DIR: dir },
  });
  if (astro.status !== 0) throw new Error('Astro stopped (see its messages above).');
  const files = manifestFiles(images);
  mkdirSync(join(dir, routes.image('')), { recursive: true });
  for (const file of files) linkOrCopy(join(book.root, PANEL_CACHE_DIR, file), join(dir, routes.image(file)));
  mkdirSync(join(dir, routes.font('')), { recursive: true });
  for (const file of fontFiles(fonts, SITE_FONT_ROLES))
    copyFileSync(join(book.root, FONT_CACHE_DIR, file), join(dir, routes.font(file)));
  const { base } = book.settings.site;
  // Ready-made security headers for static hosts, frames allowed from the book's PeerTube instances only.
  const frameOrigins = book.settings.talk.instances.map((i) => new URL(i.url).origin);
  writeFileSync(join(dir, '_headers'), headersFile(base, { frameOrigins }));
  writeFileSync(join(dir, 'nginx.conf.example'), nginxSnippet(base, '/var/www/planches/', { frameOrigins }));
  // The stage's offline copy lists the panels: after they are copied in.
  const offline = writeStageOffline(dir, base, languageCodes(book.settings), kit);
  return `${files.length} image files, ${fontFiles(fonts, SITE_FONT_ROLES).length} font files; stage offline copy: ${offline}`;
}
