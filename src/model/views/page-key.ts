// The data an episode page is made from, as one fingerprint: Astro's incremental build
// (astro.config.mjs, experimental.incrementalBuild) copies the page from its previous build when
// this key and the page's code are unchanged, instead of rendering it again. Astro hashes the
// code (the page's module graph) itself; the key must cover every piece of data the page reads,
// or a change would not show. So it is generous: the whole episode as parsed (every language),
// its neighbours' titles (the pager), the book's settings, glossary and episode list, the
// fonts, and every image entry the page can name.
import { createHash } from 'node:crypto';
import type { Book, Episode } from '../book.ts';
import type { ImageManifest } from '../image-manifest.ts';

/** What the key needs besides the book: what the build's images and fonts steps wrote. */
export interface PageKeyInputs {
  book: Book;
  images: ImageManifest;
  /** The font manifest (any JSON-like value: its files are named by their content's hash). */
  fonts: unknown;
}

/**
 * JSON with object keys sorted (the same data always gives the same text) and bytes replaced by
 * their hash (art is read as bytes; its digest is enough and keeps the text small).
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key, v: unknown) {
    // JSON.stringify has already called Buffer's toJSON by now: look at the holder's own value.
    const raw = (this as Record<string, unknown> | undefined)?.[key];
    if (raw instanceof Uint8Array) return `bytes:${createHash('sha1').update(raw).digest('hex')}`;
    if (v instanceof Map) return Object.fromEntries(v);
    if (v instanceof Set) return [...v];
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return v;
  });
}

const bookWide = new WeakMap<Book, string>();

/** The part every episode page shares: settings, glossary, the list of episodes, fonts, covers. */
function bookWideKey({ book, images, fonts }: PageKeyInputs): string {
  let key = bookWide.get(book);
  if (key === undefined) {
    key = createHash('sha256')
      .update(
        stableJson({
          settings: book.settings,
          glossary: book.glossary,
          episodes: book.episodes.map((e) => [e.slug, e.number, e.draft]),
          fonts,
          covers: images.covers,
          figures: images.figures ?? {},
          bookCard: images.social[''] ?? {},
        }),
      )
      .digest('hex');
    bookWide.set(book, key);
  }
  return key;
}

/** The episode's title in every language: what its neighbours' pagers show of it. */
function titles(episode: Episode | undefined): unknown {
  if (!episode) return null;
  return {
    slug: episode.slug,
    number: episode.number,
    draft: episode.draft,
    original: episode.original.title,
    translations: Object.fromEntries(Object.entries(episode.translations).map(([lang, t]) => [lang, t.title ?? null])),
  };
}

/** The fingerprint of the data of `episode`'s page in `lang`. */
export function episodePageKey(inputs: PageKeyInputs, episode: Episode, lang: string): string {
  const { book, images } = inputs;
  const i = book.episodes.indexOf(episode);
  const frameKeys = episode.panels.flatMap((p) => p.frames.map((f) => f.key));
  return createHash('sha256')
    .update(bookWideKey(inputs))
    .update(
      stableJson({
        lang,
        episode,
        prev: titles(book.episodes[i - 1]),
        next: titles(book.episodes[i + 1]),
        panels: frameKeys.map((k) => images.panels[k] ?? null),
        poster: images.posters[episode.slug] ?? null,
        social: images.social[episode.slug] ?? null,
      }),
    )
    .digest('hex');
}
