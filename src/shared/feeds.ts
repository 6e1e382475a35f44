// RSS feed and sitemap, written from the book; dates come from the content, never the clock,
// so two builds give the same files.
import { escapeXml } from './xml.ts';

export interface FeedItem {
  title: string;
  url: string;
  summary: string;
  date: string; // YYYY-MM-DD
}

export function rss(opts: {
  title: string;
  description: string;
  url: string;
  selfUrl: string;
  lang: string;
  date: string;
  items: FeedItem[];
}): string {
  const rfc = (d: string) => new Date(`${d}T00:00:00Z`).toUTCString();
  const items = opts.items
    .map(
      (i) =>
        `    <item>\n      <title>${escapeXml(i.title)}</title>\n      <link>${escapeXml(i.url)}</link>\n      <guid isPermaLink="true">${escapeXml(i.url)}</guid>\n      <description>${escapeXml(i.summary)}</description>\n      <pubDate>${rfc(i.date)}</pubDate>\n    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(opts.title)}</title>
    <link>${escapeXml(opts.url)}</link>
    <atom:link href="${escapeXml(opts.selfUrl)}" rel="self" type="application/rss+xml"/>
    <description>${escapeXml(opts.description)}</description>
    <language>${escapeXml(opts.lang)}</language>
    <lastBuildDate>${rfc(opts.date)}</lastBuildDate>
${items}
  </channel>
</rss>
`;
}

export interface SitemapEntry {
  url: string;
  alternates: Array<{ lang: string; url: string }>;
}

export function sitemap(entries: SitemapEntry[]): string {
  const body = entries
    .map((e) => {
      const alts = e.alternates
        .map((a) => `\n    <xhtml:link rel="alternate" hreflang="${escapeXml(a.lang)}" href="${escapeXml(a.url)}"/>`)
        .join('');
      return `  <url>\n    <loc>${escapeXml(e.url)}</loc>${alts}\n  </url>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${body}\n</urlset>\n`;
}
