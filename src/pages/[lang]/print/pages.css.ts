// The print edition's page rules for one language (page size and margins from the settings,
// running heads per episode): see src/model/print/page-css.ts.
import type { APIRoute } from 'astro';
import { languagePaths } from '../../../astro-adapter/views.ts';
import { getBook } from '../../../astro-adapter/book.ts';
import { views } from '../../../astro-adapter/views.ts';
import { pick } from '../../../model/settings.ts';
import { typographize } from '../../../shared/typography.ts';
import { pageGeometry } from '../../../model/print/geometry.ts';
import { pageCss } from '../../../model/print/page-css.ts';
import { aboutPage } from '../../../astro-adapter/views.ts';

export const getStaticPaths = languagePaths;

export const GET: APIRoute = async ({ params }) => {
  const lang = params.lang!;
  const book = await getBook();
  const { settings } = book;
  const about = aboutPage(book, lang);
  const css = pageCss({
    geometry: pageGeometry(settings.print),
    bookTitle: typographize(pick(settings.title, lang, settings), lang),
    parts: [
      ...views(book, lang).map((v) => ({ id: `episode-${v.number}`, title: v.title.text })),
      ...(about ? [{ id: 'about', title: about.title }] : []),
    ],
  });
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
