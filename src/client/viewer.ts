// The panel-by-panel view: one panel at a time, as large as the screen allows, in a modal
// <dialog> (which traps focus, makes the page inert and closes with Esc). ← → and swipes move;
// the position is shown and announced; closing brings the page to the panel last seen.
// The layout (global.css, "panel-by-panel view") keeps everything inside the screen: the panel
// gets the space the controls and the wrapped description leave, and the controls have their own
// rows or columns, never over the panel.

let dialog: HTMLDialogElement | undefined;

export function openViewer(start: HTMLElement): void {
  const body = start.closest<HTMLElement>('.episode-body')!;
  const figures = [...body.querySelectorAll<HTMLElement>('figure.panel')].filter((f) => f.querySelector('img'));
  const s = JSON.parse(body.dataset.viewerStrings ?? '{}') as Record<string, string>;
  let index = Math.max(0, figures.indexOf(start));
  dialog?.remove();
  const d = document.createElement('dialog');
  dialog = d;
  d.className = 'viewer';
  d.setAttribute('aria-label', s['viewer.title'] ?? '');
  d.innerHTML = `
    <p class="viewer__live visually-hidden" aria-live="polite"></p>
    <div class="viewer__bar">
      <p class="viewer__position" aria-hidden="true"></p>
      <p class="viewer__keys" aria-hidden="true"></p>
      <button type="button" class="viewer__close"></button>
    </div>
    <div class="viewer__stage"></div>
    <p class="viewer__description" aria-hidden="true"></p>
    <button type="button" class="viewer__nav viewer__nav--prev"><span aria-hidden="true">‹</span><span class="visually-hidden"></span></button>
    <button type="button" class="viewer__nav viewer__nav--next"><span aria-hidden="true">›</span><span class="visually-hidden"></span></button>`;
  const stage = d.querySelector<HTMLElement>('.viewer__stage')!;
  const position = d.querySelector<HTMLElement>('.viewer__position')!;
  const description = d.querySelector<HTMLElement>('.viewer__description')!;
  const live = d.querySelector<HTMLElement>('.viewer__live')!;
  const prev = d.querySelector<HTMLButtonElement>('.viewer__nav--prev')!;
  const next = d.querySelector<HTMLButtonElement>('.viewer__nav--next')!;
  const close = d.querySelector<HTMLButtonElement>('.viewer__close')!;
  close.textContent = s['viewer.close'] ?? '×';
  d.querySelector('.viewer__keys')!.textContent = s['viewer.keys'] ?? '';
  prev.querySelector('.visually-hidden')!.textContent = s['viewer.previous'] ?? '';
  next.querySelector('.visually-hidden')!.textContent = s['viewer.next'] ?? '';

  const show = (i: number) => {
    index = Math.min(Math.max(i, 0), figures.length - 1);
    const figure = figures[index]!;
    const picture = (figure.querySelector('picture') ?? figure.querySelector('img'))!.cloneNode(true) as HTMLElement;
    const img = picture instanceof HTMLImageElement ? picture : picture.querySelector('img')!;
    img.loading = 'eager';
    img.draggable = false;
    img.removeAttribute('fetchpriority');
    // The viewer fills the screen: let the browser pick the largest useful variant.
    for (const source of picture.querySelectorAll('source')) source.sizes = '100vw';
    stage.replaceChildren(picture);
    // Shown as a short counter and, under the panel, its description wrapped; announced as one
    // sentence (the visible parts are hidden from screen readers so it is not read twice).
    position.textContent = `${(s['viewer.position'] ?? '{n} / {total}').replace('{n}', String(index + 1)).replace('{total}', String(figures.length))}.`;
    description.textContent = img.alt;
    // A description not yet translated keeps its own language (as the <img> says).
    if (img.lang) description.lang = img.lang;
    else description.removeAttribute('lang');
    live.textContent = `${position.textContent} ${img.alt}`;
    prev.disabled = index === 0;
    next.disabled = index === figures.length - 1;
    // Preload the neighbours so moving is instant.
    for (const j of [index - 1, index + 1]) {
      const n = figures[j]?.querySelector('img');
      if (n) new Image().src = n.currentSrc || n.src;
    }
  };
  prev.addEventListener('click', () => show(index - 1));
  next.addEventListener('click', () => show(index + 1));
  close.addEventListener('click', () => d.close());
  d.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft') show(index - 1);
    else if (e.key === 'ArrowRight') show(index + 1);
    else if (e.key === 'Home') show(0);
    else if (e.key === 'End') show(figures.length - 1);
    else return;
    e.preventDefault();
  });
  let startX: number | undefined;
  stage.addEventListener('pointerdown', (e) => {
    startX = e.clientX;
    stage.setPointerCapture(e.pointerId);
  });
  stage.addEventListener('pointerup', (e) => {
    if (startX === undefined) return;
    const dx = e.clientX - startX;
    startX = undefined;
    if (Math.abs(dx) > 40) show(dx < 0 ? index + 1 : index - 1);
  });
  d.addEventListener('close', () => {
    const figure = figures[index]!;
    d.remove();
    dialog = undefined;
    document.documentElement.classList.remove('viewer-open');
    figure.scrollIntoView({ block: 'start', behavior: 'instant' });
    figure.querySelector<HTMLButtonElement>('[data-viewer-open]')?.focus({ preventScroll: true });
  });
  document.body.append(d);
  document.documentElement.classList.add('viewer-open');
  show(index);
  d.showModal();
  close.focus();
}
