// The performances as an iCalendar file per language (only when the book lists performances).
import type { APIRoute } from 'astro';
import { getBook } from '../../astro-adapter/book.ts';
import { performancesCalendar } from '../../model/views/calendar.ts';
import { languageCodes } from '../../model/settings.ts';
import { publicAddress, routes } from '../../shared/addresses.ts';

export async function getStaticPaths() {
  const book = await getBook();
  if (book.settings.performances.length === 0) return [];
  return languageCodes(book.settings).map((lang) => ({ params: { lang } }));
}

export const GET: APIRoute = async ({ params }) => {
  const lang = params.lang!;
  const { settings } = await getBook();
  const body = performancesCalendar(settings, lang, {
    homeUrl: publicAddress(settings.site.url, settings.site.base, routes.home(lang)),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
