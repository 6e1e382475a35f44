import type { APIRoute } from 'astro';
import { getBook } from '../astro-adapter/book.ts';
import { sitemap } from '../shared/feeds.ts';
import { languageCodes } from '../model/settings.ts';
import { absolute, isExampleAddress, routes } from '../shared/addresses.ts';

// A sitemap needs absolute addresses: while site.url is the example one there is none. (A
// parameter in the file name is what lets the route produce no file at all.)
export async function getStaticPaths() {
  const book = await getBook();
  return isExampleAddress(book.settings.site.url) ? [] : [{ params: { sitemap: 'sitemap' } }];
}

export const GET: APIRoute = async () => {
  const book = await getBook();
  const { settings } = book;
  const langs = languageCodes(settings);
  const abs = (p: string) => absolute(settings.site.url, settings.site.base, p);
  const group = (route: (lang: string) => string) =>
    langs.map((lang) => ({ url: abs(route(lang)), alternates: langs.map((l) => ({ lang: l, url: abs(route(l)) })) }));
  const entries = [
    { url: abs(routes.chooser()), alternates: [] },
    ...group(routes.home),
    ...group(routes.about),
    // Drafts (built with --drafts) are previews: not listed.
    ...book.episodes.filter((e) => !e.draft).flatMap((e) => group((l) => routes.episode(l, e.slug))),
  ];
  return new Response(sitemap(entries), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
