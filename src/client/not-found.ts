// The one static 404 page speaks every language of the book, the original first (hosts serve a
// single 404.html). A reader who mistyped /en/… reads English: the section of the path's language
// is moved first and becomes the page's h1, and the page's lang and title follow it.

export function putPathLanguageFirst(article: HTMLElement, path: string, base: string): void {
  const rest = path.startsWith(base) ? path.slice(base.length) : path;
  const lang = rest.replace(/^\/+/, '').split('/')[0];
  const sections = [...article.querySelectorAll<HTMLElement>(':scope > section[lang]')];
  const chosen = sections.find((s) => s.lang === lang);
  if (!chosen || chosen === sections[0]) return;
  const first = sections[0]!;
  // Swap the heading levels so that the page keeps one h1, the one the reader reads first.
  const retag = (section: HTMLElement, tag: 'h1' | 'h2') => {
    const h = section.querySelector('h1, h2');
    if (!h) return;
    const next = document.createElement(tag);
    next.textContent = h.textContent;
    h.replaceWith(next);
  };
  retag(first, 'h2');
  retag(chosen, 'h1');
  article.prepend(chosen);
  document.documentElement.lang = chosen.lang;
  document.title = chosen.dataset.title ?? document.title;
}

const article = document.querySelector<HTMLElement>('.not-found[data-base]');
if (article) putPathLanguageFirst(article, location.pathname, article.dataset.base ?? '/');
