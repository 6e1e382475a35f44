// What every print of the book shares: the creator named in the PDFs, and opening a print page
// (the print edition, the print cover) ready to print.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const KIT = join(import.meta.dirname, '..', '..', '..');
const version = (JSON.parse(readFileSync(join(KIT, 'package.json'), 'utf8')) as { version: string }).version;
export const CREATOR = `Planches ${version}`;

/**
 * Opens the print edition ready to print: every image loaded and decoded (Chromium prints lazy
 * images blank), the fonts loaded, and a hidden list of links to every part, so that Chromium
 * writes a named destination for each (it does so for link targets only).
 */
export async function openEdition(pagePromise: Promise<Page>, url: string): Promise<Page> {
  const page = await pagePromise;
  const origin = new URL(url).origin;
  const failed: string[] = [];
  // The print edition needs nothing from elsewhere; anything else is refused.
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} (HTTP ${r.status()})`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`the print edition answered HTTP ${response?.status()}`);
  await page.emulateMedia({ media: 'print' });
  const broken = await page.evaluate(async () => {
    const images = [...document.images];
    for (const img of images) img.loading = 'eager';
    const bad: string[] = [];
    await Promise.all(images.map((img) => img.decode().catch(() => bad.push(img.currentSrc || img.src))));
    await document.fonts.ready;
    const nav = document.createElement('nav');
    nav.hidden = true;
    // Parts and the sections inside them (headings marked data-section) get a destination each.
    for (const el of document.querySelectorAll<HTMLElement>('[data-outline], [data-part] [data-section]')) {
      const a = document.createElement('a');
      a.href = `#${el.id}`;
      nav.append(a);
    }
    document.body.append(nav);
    return bad;
  });
  if (failed.length || broken.length) {
    throw new Error(
      `files of the print edition are missing or broken: ${[...new Set([...failed, ...broken])].join(', ')}`,
    );
  }
  return page;
}
