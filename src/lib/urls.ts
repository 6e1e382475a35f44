// Every address the site links to is made here, so that a base path (/planches/) and the
// public URL are applied the same way everywhere.

export function joinBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

export const routes = {
  chooser: () => '',
  home: (lang: string) => `${lang}/`,
  episode: (lang: string, slug: string) => `${lang}/${slug}/`,
  about: (lang: string) => `${lang}/about/`,
  feed: (lang: string) => `${lang}/rss.xml`,
  calendar: (lang: string) => `${lang}/performances.ics`,
  notFound: () => '404.html',
};

/** Absolute address for canonical links, feeds and sitemaps. */
export function absolute(siteUrl: string, base: string, path: string): string {
  return new URL(joinBase(base, path), siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}
