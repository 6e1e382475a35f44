// The audience screen: draws the shared state — the beat's panel (or the episode's title
// card), the blackout, the surtitle card, the cued video — and nothing else. Panels of the
// beats around the current one are decoded ahead, so that a change is one swap of elements.
// It answers a clicker too (it has the focus once full screen) and reports what it painted.
import { startSync } from './sync.ts';
import { afterPaint, helpOverlay, listenKeys, makeT, pageData } from './common.ts';
import { keepAwake } from './wake.ts';
import { registerWorker, watchServer } from './offline.ts';
import { AUDIENCE_KEYS } from '../../shared/stage/keys.ts';
import { videoPosition, type ShowState } from '../../shared/stage/state.ts';
import { peertubeEmbed } from '../../shared/stage/cue.ts';
import { cueTextAt } from '../../shared/talk/vtt.ts';
import type { MediaReport } from '../../shared/stage/protocol.ts';
import type { Beat, StageImage } from '../../shared/stage/show-data.ts';

const { show, strings, stageRoot } = pageData();
const t = makeT(strings);
const root = document.documentElement;
const main = document.querySelector<HTMLElement>('[data-audience]')!;
const frame = document.querySelector<HTMLElement>('[data-frame]')!;
const card = document.querySelector<HTMLElement>('[data-titlecard]')!;
const cardNumber = document.querySelector<HTMLElement>('[data-titlecard-number]')!;
const cardTitle = document.querySelector<HTMLElement>('[data-titlecard-title]')!;
const media = document.querySelector<HTMLElement>('[data-media]')!;
const surtitle = document.querySelector<HTMLElement>('[data-surtitle]')!;
const black = document.querySelector<HTMLElement>('[data-black]')!;
const hint = document.querySelector<HTMLElement>('[data-hint]')!;
const endCard = document.querySelector<HTMLElement>('[data-endcard]')!;

let painted = -1;
let paintedBlackout = false;
let mediaState: MediaReport = 'none';
/** Beats whose picture failed here (reported to the presenter with every heartbeat). */
const failed = new Set<number>();
let serverUp = true;

// The offline copy: once its worker runs, every file of the show comes from this browser.
registerWorker(stageRoot);

const sync = startSync(show, 'audience', () => ({
  beat: painted,
  blackout: paintedBlackout,
  visible: document.visibilityState === 'visible',
  fullscreen: Boolean(document.fullscreenElement),
  media: mediaState,
  failed: [...failed].sort((a, b) => a - b),
  server: serverUp,
}));

watchServer(stageRoot, (up) => {
  if (up === serverUp) return;
  serverUp = up;
  sync.announce();
});

// ── Panels, decoded and drawn ahead ────────────────────────────────────────────────────────
// Every panel near the current beat is in the page already, each on its own compositor layer,
// transparent: its pixels are decoded and rasterized before it is needed, and a change of beat
// only changes which layer is opaque.

interface Decoded {
  img: HTMLImageElement;
  width: number;
  state: 'loading' | 'ready' | 'failed';
  ready: Promise<void>;
}
const pool = new Map<number, Decoded>();
const missing = document.createElement('p');
missing.className = 'sa-missing';

/** The smallest variant as wide as the screen's pixels (WebP decodes fastest; a vector panel has one). */
function variant(image: StageImage): { width: number; src: string } {
  const need = Math.max(innerWidth, screen.width || 0) * (devicePixelRatio || 1);
  return image.sources.find((v) => v.width >= need) ?? image.sources[image.sources.length - 1]!;
}

function drop(index: number): void {
  pool.get(index)?.img.remove();
  pool.delete(index);
}

function ensure(index: number): Decoded | undefined {
  const image = show.beats[index]?.image;
  if (!image) return undefined;
  const v = variant(image);
  const known = pool.get(index);
  if (known && known.state !== 'failed' && known.width >= v.width) return known;
  if (known) drop(index);
  const img = new Image();
  img.className = 'sa-img';
  img.alt = image.alt;
  if (image.altLang !== show.lang) img.lang = image.altLang;
  img.draggable = false;
  img.decoding = 'async';
  img.setAttribute('aria-hidden', 'true');
  img.width = image.width;
  img.height = image.height;
  img.src = v.src;
  const d: Decoded = { img, width: v.width, state: 'loading', ready: Promise.resolve() };
  d.ready = img.decode().then(
    () => {
      d.state = 'ready';
      if (failed.delete(index)) sync.announce();
    },
    () => {
      d.state = 'failed';
      failed.add(index);
      sync.announce();
    },
  );
  pool.set(index, d);
  frame.append(img);
  return d;
}

function preloadAround(index: number): void {
  for (let i = index - 1; i <= index + 3; i++) ensure(i);
  for (const k of [...pool.keys()]) if (k < index - 2 || k > index + 4) drop(k);
}

// ── Drawing ────────────────────────────────────────────────────────────────────────────────

let shownBeat = -1;
let token = 0;
let current: HTMLImageElement | undefined;

function showOnly(img: HTMLImageElement | undefined): void {
  if (current === img) return;
  current?.classList.remove('is-current');
  current?.setAttribute('aria-hidden', 'true');
  img?.classList.add('is-current');
  img?.removeAttribute('aria-hidden');
  current = img;
}

function showTitleCard(beat: Beat): void {
  const ep = show.episodes.find((e) => e.number === beat.episode);
  // A section's beat shows the section's title under the episode's label.
  const title = beat.title ?? (ep ? { text: ep.title, lang: ep.titleLang } : undefined);
  cardNumber.textContent = ep?.label ?? '';
  cardTitle.textContent = title?.text ?? '';
  if (title && title.lang !== show.lang) cardTitle.lang = title.lang;
  else cardTitle.removeAttribute('lang');
  showOnly(undefined);
  missing.remove();
  card.hidden = false;
}

function showPicture(beat: Beat, d: Decoded | undefined): void {
  card.hidden = true;
  if (d && d.state !== 'failed') {
    missing.remove();
    showOnly(d.img);
  } else {
    // A missing file: the alt text on black rather than nothing.
    showOnly(undefined);
    missing.textContent = beat.image?.alt ?? '';
    frame.append(missing);
  }
}

function markPainted(beat: number, blackout: boolean, my: number): void {
  afterPaint(() => {
    if (my !== token) return;
    painted = beat;
    paintedBlackout = blackout;
    root.dataset.paintedBeat = String(beat);
    root.dataset.paintedAt = String(performance.timeOrigin + performance.now());
    sync.announce();
  });
}

function drawBeat(state: ShowState): void {
  const index = state.beat;
  const beat = show.beats[index];
  if (!beat) return;
  const my = ++token;
  root.dataset.beat = String(index);
  if (!beat.image) {
    showTitleCard(beat);
    shownBeat = index;
    markPainted(index, state.blackout, my);
  } else {
    const d = ensure(index);
    const swap = () => {
      if (my !== token) return;
      showPicture(beat, d);
      shownBeat = index;
      markPainted(index, state.blackout, my);
    };
    // Decoded already (the usual case): swap now. Otherwise the previous picture stays up
    // until this one can be painted whole.
    if (d?.state !== 'loading') swap();
    else void d.ready.then(swap);
  }
  preloadAround(index);
}

function drawSurtitle(state: ShowState): void {
  const cards = show.beats[state.beat]?.cards[state.surtitleLang] ?? [];
  let text = state.surtitles ? cards[state.card]?.text : undefined;
  // While the cued excerpt plays, the surtitles are its own lines (the book's WebVTT), if any.
  const cue = show.beats[state.beat]?.cue?.peertube;
  const lines = cue?.captions?.[state.surtitleLang];
  if (state.surtitles && lines && state.video?.beat === state.beat && state.video.since !== null)
    text = cueTextAt(lines, (cue?.start ?? 0) + videoPosition(state.video, Date.now()))?.text;
  main.classList.toggle('sa--surtitles', state.surtitles);
  surtitle.hidden = !text;
  surtitle.textContent = text ?? '';
  surtitle.lang = state.surtitleLang;
}

// ── The cued video ─────────────────────────────────────────────────────────────────────────

let video: HTMLVideoElement | undefined;
let frameEl: HTMLIFrameElement | undefined;
let cueBeat = -1;

function setMedia(m: MediaReport): void {
  if (m === mediaState) return;
  mediaState = m;
  sync.announce();
}

function stopMedia(): void {
  video?.pause();
  video?.removeAttribute('src');
  video?.load();
  video = undefined;
  frameEl = undefined;
  media.replaceChildren();
  media.hidden = true;
  cueBeat = -1;
  setMedia('none');
}

function drawMedia(state: ShowState): void {
  const v = state.video;
  const beat = v ? show.beats[v.beat] : undefined;
  if (!v || v.beat !== state.beat || !beat?.cue) {
    if (cueBeat !== -1) stopMedia();
    return;
  }
  const position = videoPosition(v, Date.now());
  const cue = beat.cue;
  if (cue.local) {
    if (!video || cueBeat !== v.beat) {
      stopMedia();
      video = document.createElement('video');
      video.className = 'sa-video';
      video.preload = 'auto';
      video.playsInline = true;
      video.src = cue.local.src;
      video.addEventListener('ended', () => sync.dispatch({ type: 'videoEnded', beat: v.beat }));
      video.addEventListener('error', () => setMedia('error'));
      video.addEventListener('playing', () => setMedia('playing'));
      video.addEventListener('pause', () => setMedia(video?.ended ? 'none' : 'paused'));
      media.replaceChildren(video);
      media.hidden = false;
      cueBeat = v.beat;
      setMedia('loading');
    }
    const el = video;
    // Follow the shared position (a reloaded window starts where the video should be).
    if (Math.abs(el.currentTime - position) > 0.5) {
      try {
        el.currentTime = position;
      } catch {
        // not seekable yet: it starts from the beginning
      }
    }
    if (v.since !== null && el.paused) {
      el.play().catch((e: unknown) =>
        setMedia(e instanceof DOMException && e.name === 'NotAllowedError' ? 'blocked' : 'error'),
      );
    } else if (v.since === null && !el.paused) {
      el.pause();
    }
  } else if (cue.peertube) {
    // PeerTube (needs the network): plays while cued; a pause takes the frame down.
    if (v.since === null) {
      if (frameEl) stopMedia();
      cueBeat = v.beat;
      setMedia('paused');
      return;
    }
    if (!frameEl) {
      const src = peertubeEmbed(cue.peertube.url, (cue.peertube.start ?? 0) + position, cue.peertube.stop);
      if (!src) {
        setMedia('error');
        return;
      }
      frameEl = document.createElement('iframe');
      frameEl.className = 'sa-video';
      frameEl.src = src;
      frameEl.allow = 'autoplay; fullscreen';
      frameEl.title = t('stage.cue');
      frameEl.referrerPolicy = 'no-referrer';
      media.replaceChildren(frameEl);
      media.hidden = false;
      cueBeat = v.beat;
      setMedia('playing');
    }
  }
}

// ── Everything, on every change ────────────────────────────────────────────────────────────

function draw(state: ShowState, previous?: ShowState): void {
  black.hidden = !state.blackout;
  root.dataset.blackout = String(state.blackout);
  // The end of the show: its card over the last picture (which stays decoded, for ← back).
  endCard.hidden = !state.ended;
  if (root.dataset.ended !== String(state.ended)) {
    root.dataset.ended = String(state.ended);
    markPainted(shownBeat, state.blackout, token);
  }
  if (!previous || state.beat !== shownBeat || state.beat !== previous.beat) drawBeat(state);
  else if (previous.blackout !== state.blackout) markPainted(shownBeat, state.blackout, token);
  drawSurtitle(state);
  drawMedia(state);
  root.dataset.card = String(state.card);
}

sync.onChange((state, previous) => draw(state, previous));
// The excerpt's lines change with its time, not with the state: follow them while it plays.
setInterval(() => {
  const state = sync.state();
  if (state.video && state.video.since !== null) drawSurtitle(state);
}, 250);
draw(sync.state());

// Variants are chosen for the screen: moving to the projector or going full screen may need larger ones.
let resizeTimer = 0;
addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => {
    const state = sync.state();
    const d = pool.get(state.beat);
    const image = show.beats[state.beat]?.image;
    if (d && image && variant(image).width > d.width) {
      // The larger one replaces it when it is decoded; the smaller one stays up until then.
      const old = d.img;
      pool.delete(state.beat);
      const bigger = ensure(state.beat)!;
      void bigger.ready.then(() => {
        if (sync.state().beat === state.beat) showPicture(show.beats[state.beat]!, bigger);
        old.remove();
      });
    } else {
      preloadAround(state.beat);
    }
  }, 250);
});

// ── Keys, full screen, the hint ────────────────────────────────────────────────────────────

const help = helpOverlay();
function toggleFullscreen(on = !document.fullscreenElement): void {
  if (on && !document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => {});
  else if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => {});
}

listenKeys(AUDIENCE_KEYS, (command) => {
  switch (command) {
    case 'next':
    case 'prev':
    case 'first':
    case 'last':
      sync.dispatch({ type: command });
      break;
    case 'blackout':
      sync.dispatch({ type: 'blackout' });
      break;
    case 'surtitles':
      sync.dispatch({ type: 'surtitles' });
      break;
    case 'card':
      sync.dispatch({ type: 'card', delta: 1 });
      break;
    case 'cardPrev':
      sync.dispatch({ type: 'card', delta: -1 });
      break;
    case 'fullscreen':
      toggleFullscreen();
      break;
    case 'help':
      help.toggle();
      break;
  }
});

main.addEventListener('click', () => toggleFullscreen(true));

let hintTimer = 0;
function showHint(): void {
  hint.hidden = Boolean(document.fullscreenElement);
  hint.classList.remove('is-faded');
  clearTimeout(hintTimer);
  hintTimer = window.setTimeout(() => hint.classList.add('is-faded'), 6000);
}
document.addEventListener('fullscreenchange', () => {
  showHint();
  sync.announce();
});
addEventListener('pointermove', () => {
  if (!document.fullscreenElement) showHint();
});
showHint();

keepAwake(() => {});
