import type { APIRoute } from 'astro';
import { languagePaths } from '../../astro-adapter/views.ts';
import { getBook } from '../../astro-adapter/book.ts';
import { views } from '../../astro-adapter/views.ts';
import { rss } from '../../shared/feeds.ts';
import { pick } from '../../model/settings.ts';
import { absolute, routes } from '../../shared/addresses.ts';
import { t } from '../../i18n/index.ts';

import { isExampleAddress } from '../../shared/addresses.ts';

// A feed needs absolute addresses: while site.url is the example one there is no feed (and no link to it).
export async function getStaticPaths() {
  const book = await getBook();
  return isExampleAddress(book.settings.site.url) ? [] : languagePaths();
}

export const GET: APIRoute = async ({ params }) => {
  const lang = params.lang!;
  const book = await getBook();
  const { settings } = book;
  const abs = (p: string) => absolute(settings.site.url, settings.site.base, p);
  const body = rss({
    title: t(lang, 'feed.title', { title: pick(settings.title, lang, settings) }),
    description: pick(settings.description, lang, settings),
    url: abs(routes.home(lang)),
    selfUrl: abs(routes.feed(lang)),
    lang,
    date: settings.published,
    // Drafts (built with --drafts) are previews: not in the feed.
    items: views(book, lang)
      .filter((v) => !v.draft)
      .map((v) => ({
        title: `${v.number}. ${v.title.text}`,
        url: abs(routes.episode(lang, v.slug)),
        summary: v.summary.text,
        date: settings.published,
      })),
  });
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
