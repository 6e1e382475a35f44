// Hyphenates the built print editions in place (dist/<lang>/print/index.html), before the PDF is
// printed from them and the EPUB is cut from them: both get the same soft hyphens. The site's
// own pages are not hyphenated: their text is set ragged-right, where breaking words gains
// nothing, and soft hyphens there would only get in the way of search and copied text.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../model/schemas/settings.ts';
import { languageCodes } from '../../model/settings.ts';
import { routes } from '../../shared/addresses.ts';
import type { OutputContext } from '../contract.ts';
import { hyphenateHtml } from './html.ts';

/** The output's step: the print edition of every language hyphenated in place. */
export async function run({ dir, book }: OutputContext): Promise<string> {
  const r = await hyphenatePrintEditions(dir, book.settings);
  return r.map((h) => `${h.lang} ${h.breaks} break points`).join(', ');
}

export async function hyphenatePrintEditions(
  outDir: string,
  settings: Settings,
): Promise<Array<{ lang: string; breaks: number }>> {
  const out: Array<{ lang: string; breaks: number }> = [];
  for (const lang of languageCodes(settings)) {
    const file = join(outDir, routes.print(lang), 'index.html');
    if (!existsSync(file)) throw new Error(`the print edition ${file} was not built`);
    const { html, breaks } = hyphenateHtml(readFileSync(file, 'utf8'), {
      exceptions: settings.hyphenation.exceptions,
    });
    writeFileSync(file, html);
    out.push({ lang, breaks });
  }
  return out;
}
