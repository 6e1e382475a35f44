// Addresses the book links to or is published at: why plain http is refused, and the example
// address the sample book ships with (a book that keeps it has no public address yet).

export { EXAMPLE_HOST, isExampleAddress } from '../shared/addresses.ts';

/** Why plain http is refused, in the message of every address that uses it. */
export function httpRefused(url: string): string {
  return (
    `"${url}" uses plain http, which is refused: in the book's https pages and in EPUB readers it is mixed content ` +
    "(blocked, or marked as unsafe), and anyone on the reader's network can see what they open and change it " +
    `(privacy). Write "${url.replace(/^http:/i, 'https:')}" if the site has it; if it has no https at all, allow ` +
    'plain http with "httpLinks: true" in content/book.yaml.'
  );
}
