// Reading-page enhancements, loaded on every page (kept tiny: the page works without it).
// - ← and → go to the previous and next episode, unless focus is in a text field or a modifier is held.
// - The language switch carries the current paragraph or panel, so the reader lands at the same place.
import { mailtoHref } from '../shared/share.ts';

export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable;
}

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  // While a dialog (the panel viewer) is open, the arrows belong to it.
  if (isTextField(document.activeElement) || document.querySelector('dialog[open]')) return;
  const dir = e.key === 'ArrowLeft' ? 'prev' : e.key === 'ArrowRight' ? 'next' : null;
  if (!dir) return;
  const link = document.querySelector<HTMLAnchorElement>(`a[data-key-nav="${dir}"]`);
  if (link) {
    e.preventDefault();
    location.href = link.href;
  }
});

// A reader arriving at #p12 (a search result, the language switch) lands there before the web
// fonts have arrived; when they swap in, the text above changes height and the paragraph slides
// out of view. Land again once the page and its fonts are ready, unless the reader has moved.
const landing = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
if (landing) {
  let touched = false;
  const touch = () => {
    touched = true;
  };
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown'])
    addEventListener(type, touch, { once: true, passive: true });
  const again = () => {
    if (!touched) landing.scrollIntoView({ block: 'start', behavior: 'instant' });
  };
  // Fonts are not the only late change above the paragraph (images decoding, the header's
  // scripts): while the page settles, every change of its height lands the reader again.
  const settling = new ResizeObserver(again);
  settling.observe(document.body);
  setTimeout(() => settling.disconnect(), 3000);
  const land = () => void document.fonts.ready.then(again);
  if (document.readyState === 'complete') land();
  else addEventListener('load', land, { once: true });
}

/** The paragraph or panel at the top of the reading area: the first one whose bottom is below the (sticky) header. */
function currentAnchor(): string | null {
  const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
  for (const el of document.querySelectorAll<HTMLElement>('.episode-body > [id], .episode-body > .part > [id]')) {
    if (el.getBoundingClientRect().bottom > header + 16) return el.id;
  }
  return null;
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-lang-switch]')) {
  const update = () => {
    const id = currentAnchor();
    const url = new URL(link.href);
    url.hash = id && window.scrollY > 0 ? id : '';
    link.href = url.href;
  };
  link.addEventListener('pointerdown', update);
  link.addEventListener('focus', update);
  link.addEventListener('click', update);
}

// Transcripts are visible without JavaScript; with it they fold behind a toggle, and stay in
// the accessibility tree while folded (visually hidden, not display: none).
for (const button of document.querySelectorAll<HTMLButtonElement>('.transcript-toggle')) {
  const box = document.getElementById(button.getAttribute('aria-controls') ?? '');
  if (!box) continue;
  const set = (open: boolean) => {
    button.setAttribute('aria-expanded', String(open));
    box.classList.toggle('visually-hidden', !open);
  };
  set(false);
  button.hidden = false;
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
}

// Search: the box is in every reading page's header; its code and index load only when the
// reader starts searching (focus, typing, or the "/" key).
const searchForm = document.querySelector<HTMLFormElement>('form[data-search]');
if (searchForm) {
  const input = searchForm.querySelector<HTMLInputElement>('input[type=search]')!;
  let loading: Promise<unknown> | undefined;
  const load = () => (loading ??= import('./search.ts').then((m) => m.attachSearch(searchForm, input)));
  input.addEventListener('focus', load, { once: true });
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTextField(document.activeElement)) return;
    e.preventDefault();
    input.focus();
  });
  const q = new URLSearchParams(location.search).get('q');
  if (q && document.querySelector('[data-search-page]')) {
    input.value = q;
    input.focus();
  }
}

// Panel-by-panel view: a button on each panel (shown only with JavaScript); the viewer's code
// loads when a reader first opens it.
const openers = document.querySelectorAll<HTMLButtonElement>('[data-viewer-open]');
for (const button of openers) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const figure = button.closest('figure')!;
    void import('./viewer.ts').then((m) => m.openViewer(figure));
  });
}

// The talk excerpt: nothing is requested from the video's instance, and the player's code is
// not loaded, until the reader presses play or "see this panel performed". A click with a
// modifier key keeps its plain meaning (open the video's page in a new tab).
const talk = document.querySelector<HTMLElement>('[data-talk]');
if (talk) {
  let player: Promise<{ seek(seconds: number): void }> | undefined;
  const play = (at?: number) => {
    if (player) void player.then((p) => at !== undefined && p.seek(at));
    else player = import('./talk.ts').then((m) => m.mountPlayer(talk, at));
  };
  const plain = (e: MouseEvent) => e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey;
  const intercept = (el: Element | null, at: () => number | undefined) =>
    el?.addEventListener('click', (e) => {
      if (!plain(e as MouseEvent)) return;
      e.preventDefault();
      play(at());
    });
  intercept(talk.querySelector('[data-talk-start]'), () => undefined);
  for (const a of document.querySelectorAll<HTMLElement>('[data-talk-seek]'))
    intercept(a, () => Number(a.dataset.talkSeek));
}

// A search result or a link may land in the talk's transcript, a closed <details>: open it.
const reveal = () => {
  const target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target instanceof HTMLDetailsElement) target.open = true;
};
reveal();
addEventListener('hashchange', reveal);

// Sharing: the buttons that need JavaScript appear with it; their code loads on first use.
const share = document.querySelector<HTMLElement>('[data-share]');
if (share) {
  for (const el of share.querySelectorAll<HTMLElement>('[data-share-js]')) el.hidden = false;
  // Without a public address the page knows only its path: the mail gets the address it was opened at.
  const mail = share.querySelector<HTMLAnchorElement>('[data-share-mail]');
  if (mail && share.dataset.url!.startsWith('/'))
    mail.href = mailtoHref(share.dataset.title!, new URL(share.dataset.url!, location.href).href);
  const native = share.querySelector<HTMLElement>('[data-share-native]');
  if (native && 'share' in navigator) native.hidden = false;
  const code = () => import('./share.ts');
  share.addEventListener('click', (e) => {
    const button = (e.target as Element).closest('button');
    if (button && button.type !== 'submit') void code().then((m) => m.onShareClick(share, button));
  });
  share.querySelector('form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    void code().then((m) => m.onMastodonSubmit(share));
  });
}

// The performances list: what is upcoming depends on the reader's clock, not the build's.
const performances = document.querySelector<HTMLElement>('[data-performances]');
if (performances) void import('./performances.ts').then((m) => m.arrangePerformances(performances));
