// The search panel, loaded only when a reader starts searching. Pagefind picks the index of the
// page's <html lang>, so each language searches its own book.

interface PagefindAnchor {
  element: string;
  id: string;
  text: string;
  location: number;
}
interface PagefindData {
  url: string;
  content: string;
  meta: Record<string, string>;
  anchors: PagefindAnchor[];
  locations: number[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string): Promise<{ results: Array<{ id: string; data(): Promise<PagefindData> }> } | null>;
}

type Strings = Record<'search.results' | 'search.one' | 'search.none' | 'search.loading' | 'search.inPanel', string>;

const fold = (w: string) =>
  w
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Keeps only the locations whose word really resembles a query term. Pagefind falls back to
 * matching a short prefix of an unknown word ("delegate" matched every French "de"), which
 * would show readers pages that do not contain what they typed.
 */
export function realMatches(data: PagefindData, query: string): number[] {
  const terms = query.split(/\s+/).map(fold).filter(Boolean);
  const words = data.content.split(/\s+/);
  return data.locations.filter((loc) => {
    const w = fold(words[loc] ?? '');
    return terms.some((t) => {
      const k = Math.min(4, t.length);
      return w.length >= k ? w.slice(0, k) === t.slice(0, k) : w === t;
    });
  });
}

export interface Hit {
  anchor: string | undefined;
  excerpt: Array<{ text: string; mark: boolean }>;
}

/** Groups match locations by the paragraph, panel or talk transcript they fall in, with an excerpt around the first. */
export function hitsOf(data: PagefindData, max = 3, radius = 12): Hit[] {
  const words = data.content.split(/\s+/);
  const anchors = data.anchors
    // Paragraphs, list items, figures, panels, the talk's transcript, and section headings (whose ids are slugs of their text).
    .filter(
      (a) => /^(p\d+|i\d+|f\d+|panel-[a-z0-9-]+|talk-transcript)$/.test(a.id) || /^h[2-4]$/i.test(a.element ?? ''),
    )
    .sort((a, b) => a.location - b.location);
  const matched = new Set(data.locations);
  const seen = new Set<string>();
  const hits: Hit[] = [];
  for (const loc of [...data.locations].sort((a, b) => a - b)) {
    const i = anchors.findLastIndex((a) => a.location <= loc);
    const anchor = anchors[i]?.id;
    const key = anchor ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    // The excerpt stays inside its paragraph or panel.
    const start = anchors[i]?.location ?? 0;
    const end = anchors[i + 1]?.location ?? words.length;
    const from = Math.max(start, loc - radius);
    const to = Math.min(end, loc + radius);
    const excerpt = words.slice(from, to).map((w, i) => ({ text: w, mark: matched.has(from + i) }));
    if (from > start) excerpt.unshift({ text: '…', mark: false });
    if (to < end) excerpt.push({ text: '…', mark: false });
    hits.push({ anchor, excerpt });
    if (hits.length >= max) break;
  }
  return hits;
}

export async function attachSearch(form: HTMLFormElement, input: HTMLInputElement): Promise<void> {
  const base = form.dataset.base ?? '/';
  const strings = JSON.parse(form.dataset.strings ?? '{}') as Strings;
  const panel = form.querySelector<HTMLElement>('.site-search__results')!;
  const status = panel.querySelector<HTMLElement>('.site-search__status')!;
  const list = panel.querySelector<HTMLOListElement>('.site-search__list')!;
  const pagefind = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as Pagefind;
  await pagefind.options({ baseUrl: base });
  await pagefind.init();

  // On the search page the results are the page: they move under its heading and stay open
  // (elsewhere they drop down from the header's box and close on Esc or a click outside).
  const page = document.querySelector<HTMLElement>('[data-search-page]');
  if (page) {
    (page.querySelector('h1') ?? page).after(panel);
    panel.classList.add('site-search__results--page');
  }
  let generation = 0;
  const open = (yes: boolean) => {
    panel.hidden = !yes && !(page && list.childElementCount);
  };
  const render = async (query: string) => {
    const mine = ++generation;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = '';
      open(false);
      return;
    }
    open(true);
    status.textContent = strings['search.loading'];
    const found = await pagefind.search(query);
    if (mine !== generation || !found) return;
    const loaded = await Promise.all(found.results.slice(0, 30).map((r) => r.data()));
    if (mine !== generation) return;
    const matching = loaded
      .map((d) => ({ ...d, locations: realMatches(d, query) }))
      .filter((d) => d.locations.length > 0 || fold(d.meta.title ?? '').includes(fold(query)));
    const results = matching.slice(0, 8);
    list.replaceChildren(...results.map(renderResult));
    panel.dataset.query = query;
    const n = results.length;
    status.textContent =
      n === 0
        ? strings['search.none'].replace('{query}', query)
        : matching.length === 1
          ? strings['search.one']
          : strings['search.results'].replace('{count}', String(matching.length));
  };
  const renderResult = (data: PagefindData): HTMLLIElement => {
    const li = document.createElement('li');
    li.className = 'search-result';
    const thumbs = JSON.parse(data.meta.thumbs ?? '{}') as Record<string, string>;
    const heading = document.createElement('p');
    heading.className = 'search-result__title';
    heading.textContent = `${data.meta.number ? `${data.meta.number}. ` : ''}${data.meta.title ?? ''}`;
    li.append(heading);
    const hits = document.createElement('ul');
    for (const hit of hitsOf(data)) {
      const item = document.createElement('li');
      const a = document.createElement('a');
      a.href = data.url + (hit.anchor ? `#${hit.anchor}` : '');
      const thumb = hit.anchor ? thumbs[hit.anchor] : undefined;
      if (thumb) {
        const img = document.createElement('img');
        img.src = thumb;
        img.alt = '';
        img.width = 96;
        img.height = 64;
        img.className = 'search-result__thumb';
        a.append(img);
        const label = document.createElement('span');
        label.className = 'visually-hidden';
        label.textContent = `${strings['search.inPanel']} `;
        a.append(label);
      }
      const text = document.createElement('span');
      for (const part of hit.excerpt) {
        if (part.mark) {
          const m = document.createElement('mark');
          m.textContent = part.text;
          text.append(m, ' ');
        } else text.append(`${part.text} `);
      }
      a.append(text);
      item.append(a);
      hits.append(item);
    }
    li.append(hits);
    return li;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void render(input.value), 120);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void render(input.value);
  });
  const onKey = (e: KeyboardEvent) => {
    const links = [...list.querySelectorAll<HTMLAnchorElement>('a')];
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      if (panel.hidden) input.blur();
      open(false);
      input.focus();
    } else if (e.key === 'ArrowDown' && links.length) {
      e.preventDefault();
      links[Math.min(i + 1, links.length - 1)]!.focus();
    } else if (e.key === 'ArrowUp' && i >= 0) {
      e.preventDefault();
      (i === 0 ? input : links[i - 1]!).focus();
    }
  };
  form.addEventListener('keydown', onKey);
  if (page) panel.addEventListener('keydown', onKey);
  document.addEventListener('click', (e) => {
    if (!form.contains(e.target as Node) && !panel.contains(e.target as Node)) open(false);
  });
  input.addEventListener('focus', () => {
    if (list.childElementCount || status.textContent) open(true);
  });
  if (input.value) await render(input.value);
}
