// Sharing on Mastodon (and the servers that copy its share page): what the reader types as
// "their server" becomes a host name, and the share page's address is made from it. Pure, so
// the browser code and the unit tests use the same rules.

const HOST = /^(?=.{1,253}(?::\d+)?$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}(?::\d{1,5})?$/;

/**
 * "mastodon.social", "https://mastodon.social/", "@me@mastodon.social" or "me@mastodon.social"
 * → "mastodon.social". Anything that is not a host name gives undefined.
 */
export function normalizeInstance(input: string): string | undefined {
  let s = input.trim().toLowerCase();
  if (!s) return undefined;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, (scheme) => (scheme === 'https://' || scheme === 'http://' ? '' : scheme));
  if (/^[a-z][a-z0-9+.-]*:/.test(s) && !/^[^/:]+:\d+(\/|$)/.test(s)) return undefined; // another scheme (javascript:, data:…)
  s = s.replace(/[/?#].*$/, '');
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  s = s.replace(/\.$/, '');
  return HOST.test(s) ? s : undefined;
}

/** The server's share page, with the text (title and address) ready to post. */
export function mastodonShareUrl(host: string, text: string): string {
  return `https://${host}/share?text=${encodeURIComponent(text)}`;
}

/**
 * The e-mail link: the title and the page's address, when it is absolute. A site without a public
 * address yet (site.url left at the example) gives its pages' paths from the root; the browser
 * code then rewrites the link with the address the page was opened at.
 */
export function mailtoHref(title: string, url: string): string {
  const body = /^https?:\/\//.test(url) ? `${title}\n${url}` : title;
  return `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(body)}`;
}
