// The panel-by-panel view: one panel at a time, as large as the screen allows, in a modal
// <dialog> (which traps focus, makes the page inert and closes with Esc). ← → and swipes move;
// the position is shown and announced; closing brings the page to the panel last seen.
// The layout (global.css, "panel-by-panel view") keeps everything inside the screen: the panel
// gets the space the controls and the wrapped description leave, and the controls have their own
// rows or columns, never over the panel.
// On a small screen it is a guided view, as in comic reading apps: each panel's bubbles in reading
// order, each zoomed so that its lettering shows at 16 CSS px or more, then the whole panel. The
// bubbles' boxes and text sizes are the ones the image pipeline laid out (the figure's
// data-bubbles, from the image manifest), so the zoom is exact for every panel and language.
// A strip is stepped frame by frame: each frame is shown (and, guided, its bubbles) as a panel is,
// before the next frame, then the next panel; the position says "Panel 3 of 12, frame 2 of 3".
import type { PanelLayout as Layout } from '../shared/panel-layout.ts';

/** A step: a shot (see Shot), and one of its bubbles or (undefined) the whole image. */
interface Step {
  panel: number;
  bubble: number | undefined;
}
/** What the viewer shows one at a time: a panel, or one frame of a strip. */
interface Shot {
  figure: HTMLElement;
  /** The element holding the image and its data-bubbles: the figure, or the strip's frame. */
  host: HTMLElement;
  /** The panel's place among the episode's panels, from 0. */
  index: number;
  /** For a strip's frame: its place, from 0, and the strip's number of frames. */
  frame?: { n: number; of: number };
}
interface View {
  z: number;
  x: number;
  y: number;
}

/** Screens where a whole panel's lettering is too small to read: phones, upright or on their side. */
const GUIDED = '(max-width: 47.99rem), (max-height: 33.99rem)';
/** The lettering of a zoomed bubble, in CSS px: never less than 16 (with room for rounding), not huge. */
const MIN_TEXT = 16.5;
const MAX_TEXT = 20;
/** Room left around a zoomed bubble, in CSS px. */
const MARGIN = 12;
const MAX_ZOOM = 6;

let dialog: HTMLDialogElement | undefined;

function layoutOf(figure: HTMLElement): Layout {
  const data = figure.dataset.bubbles;
  return data ? (JSON.parse(data) as Layout) : { width: 1, bubbles: [] };
}

export function openViewer(start: HTMLElement): void {
  const body = start.closest<HTMLElement>('.episode-body')!;
  const figures = [...body.querySelectorAll<HTMLElement>('figure.panel')].filter((f) => f.querySelector('img'));
  const shots: Shot[] = figures.flatMap((figure, index) => {
    const frames = [...figure.querySelectorAll<HTMLElement>('[data-frame]')].filter((f) => f.querySelector('img'));
    return frames.length
      ? frames.map((host, n) => ({ figure, host, index, frame: { n, of: frames.length } }))
      : [{ figure, host: figure, index }];
  });
  const layouts = shots.map((s) => layoutOf(s.host));
  const s = JSON.parse(body.dataset.viewerStrings ?? '{}') as Record<string, string>;
  const fill = (key: string, n: number, total: number) =>
    (s[key] ?? '{n} / {total}').replace('{n}', String(n)).replace('{total}', String(total));
  const guided = window.matchMedia(GUIDED);
  let steps: Step[] = [];
  let at = 0;
  let shownPanel = -1;
  let img: HTMLImageElement | undefined;
  let view: View = { z: 1, x: 0, y: 0 };
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

  /** The steps for this screen: bubble by bubble then the whole panel when guided, else panel by panel. */
  const plan = () => {
    const current = steps[at] ?? {
      panel: Math.max(
        0,
        shots.findIndex((x) => x.figure === start),
      ),
      bubble: 0,
    };
    steps = shots.flatMap((_, i): Step[] => [
      ...(guided.matches ? layouts[i]!.bubbles.map((_b, j) => ({ panel: i, bubble: j })) : []),
      { panel: i, bubble: undefined },
    ]);
    // Stay on the same bubble, else on the same panel.
    const same = steps.findIndex((t) => t.panel === current.panel && t.bubble === current.bubble);
    at = same >= 0 ? same : steps.findIndex((t) => t.panel === current.panel);
    const label = guided.matches ? 'Step' : '';
    prev.querySelector('.visually-hidden')!.textContent = s[`viewer.previous${label}`] ?? '';
    next.querySelector('.visually-hidden')!.textContent = s[`viewer.next${label}`] ?? '';
  };

  /** Where the image goes for this step: scale and offset from its fitted place, in CSS px. */
  const target = (): View => {
    const step = steps[at]!;
    const b = step.bubble === undefined ? undefined : layouts[step.panel]!.bubbles[step.bubble];
    if (!img || !b || !img.offsetWidth) return { z: 1, x: 0, y: 0 };
    const k = img.offsetWidth / layouts[step.panel]!.width;
    const vw = stage.clientWidth;
    const vh = stage.clientHeight;
    const zoomToFit = (r: { x: number; y: number; w: number; h: number }) =>
      Math.min((vw - 2 * MARGIN) / (r.w * k), (vh - 2 * MARGIN) / (r.h * k));
    const minZ = MIN_TEXT / (b.text * k);
    const maxZ = Math.max(minZ, MAX_TEXT / (b.text * k));
    // The bubble with its tail's tip (who speaks) if that still lets the text show large enough,
    // else the bubble alone; if even the bubble cannot fit at 16 px, the text size wins.
    const withTail = b.tail
      ? {
          x: Math.min(b.x, b.tail.x),
          y: Math.min(b.y, b.tail.y),
          w: Math.max(b.x + b.w, b.tail.x) - Math.min(b.x, b.tail.x),
          h: Math.max(b.y + b.h, b.tail.y) - Math.min(b.y, b.tail.y),
        }
      : b;
    const r = zoomToFit(withTail) >= minZ ? withTail : b;
    const z = Math.min(MAX_ZOOM, Math.max(1, minZ, Math.min(zoomToFit(r), maxZ)));
    // Centre it, without showing more than needed of what lies beyond the panel's edges.
    const place = (offset: number, size: number, centre: number, room: number) => {
      const t = room / 2 - offset - z * centre * k;
      if (z * size <= room) return (room - z * size) / 2 - offset;
      return Math.min(-offset, Math.max(room - offset - z * size, t));
    };
    return {
      z,
      x: place(img.offsetLeft, img.offsetWidth, r.x + r.w / 2, vw),
      y: place(img.offsetTop, img.offsetHeight, r.y + r.h / 2, vh),
    };
  };
  const apply = (v: View) => {
    view = v;
    if (!img) return;
    img.style.transform = v.z === 1 && !v.x && !v.y ? '' : `translate(${v.x}px, ${v.y}px) scale(${v.z})`;
  };
  const frame = () => {
    img?.classList.remove('is-handled');
    apply(target());
  };

  const show = (i: number) => {
    at = Math.min(Math.max(i, 0), steps.length - 1);
    const step = steps[at]!;
    const shot = shots[step.panel]!;
    const figure = shot.figure;
    if (step.panel !== shownPanel) {
      shownPanel = step.panel;
      const host = shot.host;
      const picture = (host.querySelector('picture') ?? host.querySelector('img'))!.cloneNode(true) as HTMLElement;
      const shown = picture instanceof HTMLImageElement ? picture : picture.querySelector('img')!;
      img = shown;
      shown.loading = 'eager';
      shown.draggable = false;
      shown.removeAttribute('fetchpriority');
      // The viewer fills the screen, and zooms in when guided: let the browser pick a variant to match.
      for (const source of picture.querySelectorAll('source')) source.sizes = guided.matches ? '300vw' : '100vw';
      stage.replaceChildren(picture);
      // Its place is known once it has a size: until then it is shown whole.
      if (!shown.complete) shown.addEventListener('load', () => shown === img && frame(), { once: true });
      description.textContent = shown.alt;
      // A description not yet translated keeps its own language (as the <img> says).
      if (shown.lang) description.lang = shown.lang;
      else description.removeAttribute('lang');
      // Preload the neighbours so moving is instant.
      for (const j of [step.panel - 1, step.panel + 1]) {
        const n = shots[j]?.host.querySelector('img');
        if (n) new Image().src = n.currentSrc || n.src;
      }
    }
    // Shown as a short counter and, under the panel, its description wrapped; announced as one
    // sentence (the visible parts are hidden from screen readers so it is not read twice): at a
    // bubble, its line of the transcript; at the whole panel, its description.
    const total = layouts[step.panel]!.bubbles.length;
    const where = `${fill('viewer.position', shot.index + 1, figures.length)}${shot.frame ? `, ${fill('viewer.frame', shot.frame.n + 1, shot.frame.of)}` : ''}`;
    // The bubble's part wraps whole, onto its own line when the bar is narrow.
    const part = document.createElement('span');
    part.className = 'viewer__bubble';
    if (step.bubble !== undefined) part.textContent = `${fill('viewer.bubble', step.bubble + 1, total)}.`;
    position.replaceChildren(step.bubble === undefined ? `${where}.` : `${where}, `, part);
    // A strip's transcript has one list per frame (Panel.astro).
    const lines = shot.frame
      ? figure.querySelectorAll(`.transcript [data-frame-lines="${shot.frame.n}"] li`)
      : figure.querySelectorAll('.transcript li');
    const line = step.bubble === undefined ? undefined : lines[step.bubble];
    live.textContent = `${position.textContent} ${line?.textContent ?? img!.alt}`;
    prev.disabled = at === 0;
    next.disabled = at === steps.length - 1;
    frame();
  };
  const move = (delta: number) => show(at + delta);
  /** The first step of the image `delta` images away (PageUp, PageDown; a strip's frame is one). */
  const jump = (delta: number) => {
    const panel = Math.min(Math.max(steps[at]!.panel + delta, 0), shots.length - 1);
    show(steps.findIndex((t) => t.panel === panel));
  };
  prev.addEventListener('click', () => move(-1));
  next.addEventListener('click', () => move(1));
  close.addEventListener('click', () => d.close());
  d.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft') move(-1);
    else if (e.key === 'ArrowRight') move(1);
    else if (e.key === 'PageUp') jump(-1);
    else if (e.key === 'PageDown') jump(1);
    else if (e.key === 'Home') show(0);
    else if (e.key === 'End') show(steps.length - 1);
    else return;
    e.preventDefault();
  });

  // Touch and mouse, all on the stage (touch-action: none, so the browser leaves them to us): a
  // swipe moves a step, a tap on the left third goes back and elsewhere forward, two fingers
  // pinch-zoom around their midpoint, and one finger pans a panel the reader zoomed.
  const pointers = new Map<number, { x: number; y: number }>();
  let gesture: { x: number; y: number; view: View; spread: number; moved: boolean; pinched: boolean } | undefined;
  const centre = () => {
    const ps = [...pointers.values()];
    const x = ps.reduce((sum, p) => sum + p.x, 0) / ps.length;
    const y = ps.reduce((sum, p) => sum + p.y, 0) / ps.length;
    const spread = ps.length > 1 ? Math.hypot(ps[0]!.x - ps[1]!.x, ps[0]!.y - ps[1]!.y) : 0;
    return { x, y, spread };
  };
  const begin = () => {
    const c = centre();
    gesture = { ...c, view, moved: gesture?.moved ?? false, pinched: gesture?.pinched ?? false };
  };
  stage.addEventListener('pointerdown', (e) => {
    if (pointers.size >= 2) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    stage.setPointerCapture(e.pointerId);
    if (pointers.size === 1) gesture = undefined;
    begin();
  });
  stage.addEventListener('pointermove', (e) => {
    if (!pointers.has(e.pointerId) || !gesture || !img) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const c = centre();
    if (Math.hypot(c.x - gesture.x, c.y - gesture.y) > 10) gesture.moved = true;
    const g = gesture.view;
    if (pointers.size === 2 && gesture.spread > 0) {
      gesture.pinched = true;
      const z = Math.min(MAX_ZOOM, Math.max(1, (g.z * c.spread) / gesture.spread));
      // The point under the fingers' midpoint stays under it.
      const r = stage.getBoundingClientRect();
      const px = (gesture.x - r.left - img.offsetLeft - g.x) / g.z;
      const py = (gesture.y - r.top - img.offsetTop - g.y) / g.z;
      img.classList.add('is-handled');
      apply({ z, x: c.x - r.left - img.offsetLeft - z * px, y: c.y - r.top - img.offsetTop - z * py });
    } else if (gesture.pinched && view.z > 1) {
      img.classList.add('is-handled');
      apply({ ...g, x: g.x + c.x - gesture.x, y: g.y + c.y - gesture.y });
    }
  });
  const end = (e: PointerEvent) => {
    if (!pointers.delete(e.pointerId) || !gesture) return;
    if (pointers.size) {
      // One finger left after a pinch: it pans from here.
      begin();
      return;
    }
    const g = gesture;
    gesture = undefined;
    if (g.pinched || e.type === 'pointercancel') return;
    const dx = e.clientX - g.x;
    const dy = e.clientY - g.y;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) move(dx < 0 ? 1 : -1);
    else if (!g.moved) {
      const r = stage.getBoundingClientRect();
      move(e.clientX < r.left + r.width / 3 ? -1 : 1);
    }
  };
  stage.addEventListener('pointerup', end);
  stage.addEventListener('pointercancel', end);

  // A turned phone or a resized window: the same step, planned and framed for the new screen.
  const replan = () => {
    plan();
    show(at);
  };
  guided.addEventListener('change', replan);
  const resized = new ResizeObserver(() => {
    if (!img?.classList.contains('is-handled')) frame();
  });
  resized.observe(stage);
  d.addEventListener('close', () => {
    const figure = shots[steps[at]!.panel]!.figure;
    guided.removeEventListener('change', replan);
    resized.disconnect();
    d.remove();
    dialog = undefined;
    document.documentElement.classList.remove('viewer-open');
    figure.scrollIntoView({ block: 'start', behavior: 'instant' });
    figure.querySelector<HTMLButtonElement>('[data-viewer-open]')?.focus({ preventScroll: true });
  });
  document.body.append(d);
  document.documentElement.classList.add('viewer-open');
  plan();
  show(at);
  d.showModal();
  close.focus();
}
