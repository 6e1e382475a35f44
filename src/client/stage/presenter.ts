// The presenter screen: drives the show (keys, clicker, buttons) and shows the performers what
// they need — the current and next picture, the script in large type with a teleprompter, the
// stage notes and cues, the position, the time against the plan, the audience screen's state.
import { startSync, type Sync } from './sync.ts';
import { helpOverlay, listenKeys, makeT, pageData } from './common.ts';
import { keepAwake } from './wake.ts';
import {
  formatBytes,
  keepVideo,
  offlineStatus,
  registerWorker,
  videoInfo,
  watchServer,
  type OfflineStatus,
} from './offline.ts';
import { PRESENTER_KEYS, type Command } from '../../shared/stage/keys.ts';
import { cardForPosition, plannedForBeat, timing, videoPosition, type ShowState } from '../../shared/stage/state.ts';
import { formatClock } from '../../shared/stage/duration.ts';
import type { Beat, ScriptItem } from '../../shared/stage/show-data.ts';
import type { Inline } from '../../shared/text.ts';
import type { RemoteCommand, RemoteStatus } from '../../shared/stage/remote.ts';

const { show, strings, audienceUrl = '', stageRoot } = pageData();
const t = makeT(strings);
const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const root = document.documentElement;

const sync: Sync = startSync(show, 'presenter');

// ── Preferences of this screen (not shared with the audience) ──────────────────────────────

const PREFS_KEY = 'planches-stage:prefs';
interface Prefs {
  size: number;
  speed: number;
  mirror: boolean;
}
// 48 px: a 24 px x-height, readable from 1.5 m on a 15.6″ 1366 × 768 laptop.
const prefs: Prefs = { size: 48, speed: 5, mirror: false };
try {
  const saved = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<Prefs>;
  if (typeof saved.size === 'number' && saved.size >= 16 && saved.size <= 120) prefs.size = saved.size;
  if (typeof saved.speed === 'number' && saved.speed >= 1 && saved.speed <= 20) prefs.speed = Math.round(saved.speed);
  if (typeof saved.mirror === 'boolean') prefs.mirror = saved.mirror;
} catch {
  // defaults
}
const savePrefs = () => {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // not kept: fine
  }
};

// ── Pictures: the panel as the audience sees it, or the episode's title card ───────────────

function picture(beat: Beat | undefined, small: boolean): HTMLElement {
  if (!beat) {
    const end = document.createElement('p');
    end.className = 'sp-end';
    end.textContent = t('stage.end');
    return end;
  }
  if (beat.image) {
    const img = new Image();
    const v = beat.image.sources[small ? 0 : Math.min(1, beat.image.sources.length - 1)]!;
    img.src = v.src;
    img.width = beat.image.width;
    img.height = beat.image.height;
    img.alt = beat.image.alt;
    if (beat.image.altLang !== show.lang) img.lang = beat.image.altLang;
    img.decoding = 'async';
    return img;
  }
  const ep = show.episodes.find((e) => e.number === beat.episode);
  const card = document.createElement('div');
  card.className = 'sp-titlecard';
  card.setAttribute('role', 'img');
  card.setAttribute('aria-label', `${t('stage.titleCard')}: ${beat.title?.text ?? ep?.title ?? ''}`);
  const n = document.createElement('span');
  n.textContent = ep?.label ?? '';
  const title = document.createElement('strong');
  const shown = beat.title ?? (ep ? { text: ep.title, lang: ep.titleLang } : undefined);
  title.textContent = shown?.text ?? '';
  if (shown && shown.lang !== show.lang) title.lang = shown.lang;
  card.append(n, title);
  return card;
}

function beatLabel(beat: Beat | undefined, current: Beat | undefined): string {
  if (!beat) return '';
  const parts = [t('stage.beat', { n: beat.index + 1 })];
  if (beat.kind === 'opening') parts.push(t('stage.opening'));
  if (beat.frame) parts.push(t('stage.frame', { n: beat.frame.n, total: beat.frame.of }));
  if (beat.title) parts.push(beat.title.text);
  if (!current || beat.episode !== current.episode)
    parts.push(show.episodes.find((e) => e.number === beat.episode)?.label ?? '');
  return parts.join(' · ');
}

// Preloaded pictures of the next beats, kept alive so that they stay decoded.
const preloaded = new Map<number, HTMLImageElement>();
function preload(index: number): void {
  for (let i = index; i <= index + 3; i++) {
    const image = show.beats[i]?.image;
    if (!image || preloaded.has(i)) continue;
    for (const v of [image.sources[0]!, image.sources[Math.min(1, image.sources.length - 1)]!]) {
      const img = new Image();
      img.src = v.src;
      void img.decode().catch(() => {});
      preloaded.set(i, img);
    }
  }
  for (const k of preloaded.keys()) if (k < index - 1 || k > index + 4) preloaded.delete(k);
}

// ── The script ─────────────────────────────────────────────────────────────────────────────

function inlines(list: Inline[], into: HTMLElement): void {
  for (const i of list) {
    if (i.type === 'text') into.append(i.value);
    else if (i.type === 'break') into.append(document.createElement('br'));
    else {
      // Links are not followed from the stage: one wrong click would leave the show.
      const el = document.createElement(i.type === 'em' ? 'em' : i.type === 'strong' ? 'strong' : 'span');
      if (i.type === 'lang') el.lang = i.lang;
      inlines(i.children, el);
      into.append(el);
    }
  }
}

function cueText(beat: Beat, state: ShowState): string {
  const cue = beat.cue;
  if (!cue) return t('stage.cueNone');
  const v = state.video && state.video.beat === beat.index ? state.video : null;
  if (v)
    return t(v.since !== null ? 'stage.cuePlaying' : 'stage.cuePaused', {
      time: formatClock(videoPosition(v, Date.now())),
    });
  return cue.local ? t('stage.cueLocal', { file: cue.local.file }) : t('stage.cuePeertube');
}

function scriptItem(item: ScriptItem, beat: Beat, state: ShowState): HTMLElement {
  const p = document.createElement('p');
  if (item.type === 'paragraph') {
    p.className = 'sp-para';
    p.dataset.pid = item.id;
    if (item.lang !== show.lang) {
      p.lang = item.lang;
      p.classList.add('is-fallback');
      const mark = document.createElement('span');
      mark.className = 'sp-fallback';
      mark.lang = show.lang;
      mark.textContent = t('stage.untranslated');
      p.append(mark, ' ');
    }
    if (item.item) {
      const mark = document.createElement('span');
      mark.className = 'sp-item';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = `${item.item} `;
      p.append(mark);
    }
    inlines(item.inlines, p);
  } else if (item.type === 'heading') {
    p.className = 'sp-heading';
    p.setAttribute('role', 'heading');
    p.setAttribute('aria-level', '3');
    if (item.lang !== show.lang) p.lang = item.lang;
    p.textContent = item.text;
  } else if (item.type === 'note') {
    p.className = 'sp-inline-note';
    if (item.lang !== show.lang) p.lang = item.lang;
    p.textContent = item.text;
  } else {
    p.className = 'sp-inline-cue';
    p.dataset.inlineCue = '';
    p.textContent = `▶ ${t('stage.cue')} — ${cueText(beat, state)}`;
  }
  return p;
}

// ── Drawing the state ──────────────────────────────────────────────────────────────────────

const els = {
  position: $('[data-position]'),
  now: $('[data-now]'),
  nowLabel: $('[data-now-label]'),
  next: $('[data-next]'),
  nextLabel: $('[data-next-label]'),
  notes: $<HTMLUListElement>('[data-notes]'),
  noNotes: $('[data-no-notes]'),
  cue: $('[data-cue]'),
  cueText: $('[data-cue-text]'),
  script: $('[data-script]'),
  view: $('[data-script-view]'),
  blackoutFlag: $('[data-blackout-flag]'),
  surtitleState: $('[data-surtitle-state]'),
  surtitleText: $('[data-surtitle-text]'),
  surtitleLang: document.querySelector<HTMLSelectElement>('[data-surtitle-lang]'),
  more: $('p[data-more]'),
};

let drawnBeat = -1;
let landAtEnd = false;

// ── Clicker paging: a long script is read a screen at a time ──────────────────────────────

/** How far the script's last line lies below the bottom of the view (≤ 0: the end is visible). */
function overflowBelow(): number {
  const last = els.script.lastElementChild;
  if (!last) return 0;
  return last.getBoundingClientRect().bottom - els.view.getBoundingClientRect().bottom;
}

function lineHeight(): number {
  const lh = Number.parseFloat(getComputedStyle(els.script.querySelector('.sp-para') ?? els.script).lineHeight);
  return Number.isFinite(lh) ? lh : prefs.size * 1.4;
}

function drawMore(): void {
  const more = overflowBelow() > 1;
  els.more.hidden = !more;
  root.dataset.moreBelow = String(more);
}

/**
 * Next (1) or previous (-1) as a page of the script: a screen less two lines (kept as context),
 * and never past the beat's last line. False when there is no page to turn: the beat changes.
 */
function turnPage(direction: 1 | -1): boolean {
  const view = els.view;
  const step = Math.max(lineHeight(), view.clientHeight - 2 * lineHeight());
  if (direction > 0) {
    const below = overflowBelow();
    if (below <= 1) return false;
    view.scrollTop += Math.min(step, Math.ceil(below));
  } else {
    if (view.scrollTop <= 0) return false;
    view.scrollTop = Math.max(0, view.scrollTop - step);
  }
  if (prompter.on) prompter.position = view.scrollTop;
  drawMore();
  return true;
}

function drawBeat(state: ShowState): void {
  const beat = show.beats[state.beat]!;
  const ep = show.episodes.find((e) => e.number === beat.episode);
  els.position.textContent = `${t('stage.position', { episode: beat.episode, n: beat.n, of: beat.of })} · ${t('stage.showPosition', { n: state.beat + 1, total: show.beats.length })}`;
  if (ep) els.position.title = ep.title;
  els.now.replaceChildren(picture(beat, false));
  els.nowLabel.textContent = beatLabel(beat, beat);
  const next = show.beats[state.beat + 1];
  els.next.replaceChildren(picture(next, true));
  els.nextLabel.textContent = beatLabel(next, beat);
  els.notes.replaceChildren(
    ...beat.notes.map((n) => {
      const li = document.createElement('li');
      li.textContent = n.text;
      if (n.lang !== show.lang) li.lang = n.lang;
      return li;
    }),
  );
  els.noNotes.hidden = beat.notes.length > 0;
  els.script.replaceChildren(...beat.script.map((item) => scriptItem(item, beat, state)));
  els.view.scrollTop = 0;
  // Back from the next beat with the clicker: its end, where the performer was reading.
  if (landAtEnd) els.view.scrollTop = Math.max(0, overflowBelow());
  landAtEnd = false;
  drawMore();
  prompter.position = 0;
  prompter.lastCard = -1;
  root.dataset.beat = String(state.beat);
  drawnBeat = state.beat;
  preload(state.beat);
}

function drawCue(state: ShowState): void {
  const beat = show.beats[state.beat]!;
  const hasCue = beat.script.some((s) => s.type === 'talk');
  els.cue.hidden = !hasCue;
  if (!hasCue) return;
  const text = cueText(beat, state);
  els.cueText.textContent = text;
  for (const el of els.script.querySelectorAll<HTMLElement>('[data-inline-cue]'))
    el.textContent = `▶ ${t('stage.cue')} — ${text}`;
}

function pressed(act: string, on: boolean): void {
  document.querySelector(`[data-act="${act}"]`)?.setAttribute('aria-pressed', String(on));
}

let drawnEnd = false;

function draw(state: ShowState): void {
  if (state.beat !== drawnBeat || (drawnEnd && !state.ended)) drawBeat(state);
  drawnEnd = state.ended;
  root.dataset.ended = String(state.ended);
  if (state.ended) {
    // Now is the end card; nothing comes next.
    els.now.replaceChildren(picture(undefined, false));
    els.nowLabel.textContent = t('stage.endCard');
    els.next.replaceChildren();
    els.nextLabel.textContent = '';
  }
  const beat = show.beats[state.beat]!;
  els.blackoutFlag.hidden = !state.blackout;
  root.dataset.blackout = String(state.blackout);
  els.now.classList.toggle('is-black', state.blackout);
  pressed('blackout', state.blackout);
  pressed('surtitles', state.surtitles);
  const cards = beat.cards[state.surtitleLang] ?? [];
  root.dataset.surtitles = String(state.surtitles);
  root.dataset.card = String(state.card);
  const langName = show.languageNames[state.surtitleLang] ?? state.surtitleLang;
  if (!state.surtitles) els.surtitleState.textContent = t('stage.surtitlesOff');
  else if (!cards.length)
    els.surtitleState.textContent = `${t('stage.surtitles')} (${langName}) · ${t('stage.noCards')}`;
  else
    els.surtitleState.textContent = `${t('stage.surtitles')} (${langName}) · ${t('stage.card', { n: state.card + 1, of: cards.length })}`;
  els.surtitleText.textContent = cards[state.card]?.text ?? '';
  els.surtitleText.lang = state.surtitleLang;
  els.surtitleText.classList.toggle('is-off', !state.surtitles);
  if (els.surtitleLang && els.surtitleLang.value !== state.surtitleLang) els.surtitleLang.value = state.surtitleLang;
  drawCue(state);
  tick();
}

// ── Time ───────────────────────────────────────────────────────────────────────────────────

const clockFormat = new Intl.DateTimeFormat(show.lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const time = {
  elapsed: $('[data-elapsed]'),
  left: $('[data-left]'),
  leftLabel: $('[data-left-label]'),
  planned: $('[data-planned]'),
  ahead: $('[data-ahead]'),
  clock: $('[data-clock]'),
  state: $('[data-timer-state]'),
  end: $('[data-end-summary]'),
};

function tick(): void {
  const state = sync.state();
  const now = Date.now();
  const tm = timing(state, show, now);
  const ep = show.episodes.find((e) => e.number === tm.episode);
  time.elapsed.textContent = formatClock(tm.elapsed / 1000);
  time.leftLabel.textContent = t('stage.episodeLeft', { number: tm.episode });
  if (tm.left >= 0) {
    time.left.textContent = formatClock(tm.left / 1000, { ceil: true });
    time.left.dataset.tone = tm.left < 60_000 && tm.started ? 'warn' : 'neutral';
  } else {
    time.left.textContent = t('stage.over', { time: formatClock(-tm.left / 1000) });
    time.left.dataset.tone = 'bad';
  }
  time.planned.textContent = ep
    ? t(ep.estimated ? 'stage.estimated' : 'stage.planned', { time: formatClock(ep.planned) })
    : '';
  if (!tm.started) {
    time.ahead.textContent = '—';
    time.ahead.dataset.tone = 'neutral';
  } else if (Math.abs(tm.ahead) < 15_000) {
    time.ahead.textContent = t('stage.onTime');
    time.ahead.dataset.tone = 'good';
  } else if (tm.ahead > 0) {
    time.ahead.textContent = `▲ ${t('stage.ahead', { time: formatClock(tm.ahead / 1000) })}`;
    time.ahead.dataset.tone = 'good';
  } else {
    time.ahead.textContent = `▼ ${t('stage.behind', { time: formatClock(-tm.ahead / 1000) })}`;
    time.ahead.dataset.tone = 'bad';
  }
  time.clock.textContent = clockFormat.format(now);
  // At the end: the whole show's time against its plan.
  time.end.hidden = !state.ended;
  if (state.ended) {
    const diff = tm.elapsed / 1000 - show.planned;
    const text = t('stage.endSummary', {
      total: formatClock(tm.elapsed / 1000),
      planned: formatClock(show.planned),
      diff: t(diff > 0 ? 'stage.over' : 'stage.under', { time: formatClock(Math.abs(diff)) }),
    });
    if (time.end.textContent !== text) time.end.textContent = text;
  }
  time.state.textContent = t(
    tm.running ? 'stage.timerRunning' : tm.started ? 'stage.timerPaused' : 'stage.timerStopped',
  );
  time.state.dataset.tone = tm.running ? 'good' : 'warn';
  root.dataset.timer = tm.running ? 'running' : tm.started ? 'paused' : 'stopped';
  root.dataset.elapsed = String(Math.floor(tm.elapsed / 1000));
  if (state.video) drawCue(state);
  drawAudience();
}

// ── The audience screen ────────────────────────────────────────────────────────────────────

const audience = {
  status: $('[data-audience-status]'),
  text: $('[data-audience-text]'),
  fullscreen: $('[data-issue-fullscreen]'),
  failed: $('[data-issue-failed]'),
};
let audienceWindow: Window | null = null;

function drawAudience(): void {
  const peers = [...sync.peers().values()].filter((p) => p.role === 'audience');
  const state = sync.state();
  let text: string;
  let tone: string;
  const report = peers.find((p) => p.report)?.report;
  if (!peers.length) {
    text = t('stage.audienceMissing');
    tone = 'bad';
  } else if (report && !report.visible) {
    text = t('stage.audienceHidden');
    tone = 'warn';
  } else if (report && report.beat !== state.beat && report.beat >= 0) {
    text = t('stage.audienceShowing', { n: report.beat + 1 });
    tone = 'warn';
  } else {
    text = t('stage.audienceConnected');
    tone = 'good';
  }
  if (report?.media === 'blocked') text += ` — ${t('stage.mediaBlocked')}`;
  else if (report?.media === 'error') text += ` — ${t('stage.mediaError')}`;
  if (report && !report.server) text += ` — ${t('stage.audienceServerDown')}`;
  if (audience.text.textContent !== text) audience.text.textContent = text;
  audience.status.dataset.connected = String(peers.length > 0);
  audience.status.dataset.tone = tone;
  root.dataset.audience = peers.length > 0 ? 'connected' : 'missing';
  // What the audience window reported: full screen lost (only a click there restores it: the
  // browser wants a gesture in that window), pictures that did not load.
  const notFull = Boolean(report && !report.fullscreen);
  audience.fullscreen.hidden = !notFull;
  root.dataset.audienceFullscreen = report ? String(report.fullscreen) : '';
  const failed = report?.failed ?? [];
  audience.failed.hidden = failed.length === 0;
  const failedText = t('stage.audienceFailed', { beats: failed.map((b) => b + 1).join(', ') });
  if (failed.length && audience.failed.textContent !== failedText) audience.failed.textContent = failedText;
  root.dataset.audienceFailed = failed.map((b) => b + 1).join(',');
  root.dataset.audienceServer = report ? String(report.server) : '';
}
sync.onPeers(drawAudience);

const blocked = $('[data-popup-blocked]');
// The full address to type or paste in another window (the page only knows its path when built).
const audienceLink = $<HTMLAnchorElement>('[data-audience-link]');
audienceLink.textContent = new URL(audienceUrl, location.href).href;
$('[data-open-audience]').addEventListener('click', () => {
  if (audienceWindow && !audienceWindow.closed) {
    audienceWindow.focus();
    return;
  }
  // Reuse the audience window if it is still open (this page was reloaded): open by name
  // without an address, and only send it to the audience page when it is a new, empty window.
  const w = window.open('', 'planches-audience', 'popup,width=1280,height=720');
  if (!w) {
    blocked.hidden = false;
    return;
  }
  blocked.hidden = true;
  try {
    if (w.location.href === 'about:blank') w.location.replace(audienceUrl);
  } catch {
    w.location.replace(audienceUrl);
  }
  audienceWindow = w;
  w.focus();
});

// ── The offline copy and the stage server ──────────────────────────────────────────────────

const offline = {
  server: $('[data-server]'),
  status: $('[data-offline-status]'),
  dialog: $<HTMLDialogElement>('dialog[data-offline-dialog]'),
  summary: $('[data-offline-summary]'),
  files: $('[data-offline-files]'),
  videos: $('[data-offline-videos]'),
  noVideos: $('[data-offline-no-videos]'),
  keep: $<HTMLButtonElement>('[data-offline-keep]'),
};
let serverUp = true;
let copy: OfflineStatus | undefined;

function offlineLine(c: OfflineStatus): string {
  if (c.state === 'unsupported') return t('stage.offlineUnsupported');
  const missing = c.files.filter((f) => !f.cached).length;
  if (c.state === 'ready')
    return t('stage.offlineReady', { files: c.files.length, size: formatBytes(c.bytes, show.lang) });
  return t('stage.offlineMissing', { missing: missing || '?', files: c.files.length || '?' });
}

function drawOffline(): void {
  offline.server.textContent = serverUp
    ? t('stage.serverUp')
    : t(copy?.state === 'ready' ? 'stage.serverDown' : 'stage.serverDownNotReady');
  offline.server.dataset.tone = serverUp ? 'good' : copy?.state === 'ready' ? 'warn' : 'bad';
  root.dataset.server = serverUp ? 'up' : 'down';
  if (copy) {
    offline.status.textContent = offlineLine(copy);
    offline.status.dataset.tone = copy.state === 'ready' ? 'good' : copy.state === 'unsupported' ? 'bad' : 'warn';
    root.dataset.offline = copy.state;
  }
}

async function refreshOffline(): Promise<void> {
  copy = await offlineStatus(stageRoot);
  drawOffline();
  if (offline.dialog.open) fillOfflineDialog(copy);
}

function fillOfflineDialog(c: OfflineStatus): void {
  offline.summary.textContent = offlineLine(c);
  offline.summary.dataset.tone = c.state === 'ready' ? 'good' : 'warn';
  offline.files.replaceChildren(
    ...c.files.map((f) => {
      const tr = document.createElement('tr');
      for (const text of [f.url, f.kind, formatBytes(f.size, show.lang), f.cached ? '✓' : '✗']) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      tr.dataset.cached = String(f.cached);
      return tr;
    }),
  );
}

/** The show's local videos: listed with their size; kept only when the performer says so. */
async function fillVideos(): Promise<void> {
  const videos = [
    ...new Map(show.beats.flatMap((b) => (b.cue?.local ? [[b.cue.local.src, b.cue.local]] : []))).values(),
  ];
  offline.noVideos.hidden = videos.length > 0;
  const infos = await Promise.all(videos.map(async (v) => ({ v, ...(await videoInfo(v.src)) })));
  offline.videos.replaceChildren(
    ...infos.map(({ v, size, kept }) => {
      const li = document.createElement('li');
      li.textContent = `${v.file} — ${size === undefined ? t('stage.offlineVideoUnknown') : formatBytes(size, show.lang)} ${kept ? '✓' : ''}`;
      return li;
    }),
  );
  const toKeep = infos.filter((i) => !i.kept && i.size !== undefined);
  const total = toKeep.reduce((n, i) => n + (i.size ?? 0), 0);
  offline.keep.hidden = toKeep.length === 0;
  offline.keep.textContent = t('stage.offlineKeepVideos', { size: formatBytes(total, show.lang) });
  offline.keep.onclick = async () => {
    offline.keep.disabled = true;
    for (const i of toKeep) await keepVideo(i.v.src);
    offline.keep.disabled = false;
    await fillVideos();
  };
}

function openOffline(): void {
  if (copy) fillOfflineDialog(copy);
  offline.dialog.showModal();
  void refreshOffline();
  void fillVideos();
}

registerWorker(stageRoot);
watchServer(stageRoot, (up) => {
  serverUp = up;
  drawOffline();
});
// Until the copy is complete (the worker fills it in the background), look again every few seconds.
void refreshOffline();
const offlineTimer = window.setInterval(() => {
  if (copy?.state === 'ready' || copy?.state === 'unsupported') clearInterval(offlineTimer);
  else void refreshOffline();
}, 2000);

// ── The teleprompter ───────────────────────────────────────────────────────────────────────

const prompter = { on: false, position: 0, last: 0, lastCard: -1, frame: 0 };
const speedLabel = $('[data-speed]');

function applyPrefs(): void {
  root.style.setProperty('--script-size', `${prefs.size}px`);
  els.script.classList.toggle('is-mirrored', prefs.mirror);
  pressed('mirror', prefs.mirror);
  speedLabel.textContent = t('stage.prompterSpeed', { speed: prefs.speed });
  root.dataset.scriptSize = String(prefs.size);
  drawMore();
}

/** The card the reading line is on, when the teleprompter runs: surtitles follow it. */
function followReadingLine(): void {
  const state = sync.state();
  if (!state.surtitles) return;
  const view = els.view.getBoundingClientRect();
  const line = view.top + view.height * 0.3;
  for (const p of els.script.querySelectorAll<HTMLElement>('[data-pid]')) {
    const r = p.getBoundingClientRect();
    if (r.bottom < line) continue;
    const fraction = r.height > 0 ? Math.min(1, Math.max(0, (line - r.top) / r.height)) : 0;
    const cards = show.beats[state.beat]?.cards[state.surtitleLang] ?? [];
    const card = cardForPosition(cards, p.dataset.pid!, fraction);
    if (card !== undefined && card !== prompter.lastCard) {
      prompter.lastCard = card;
      sync.dispatch({ type: 'cardAt', card });
    }
    return;
  }
}

function prompterStep(now: number): void {
  if (!prompter.on) return;
  const dt = Math.min(0.1, (now - prompter.last) / 1000);
  prompter.last = now;
  const view = els.view;
  // A manual scroll (wheel, keys on the script) moves the teleprompter too.
  if (Math.abs(view.scrollTop - prompter.position) > 2) prompter.position = view.scrollTop;
  prompter.position = Math.min(
    prompter.position + ((prefs.speed * prefs.size) / 10) * dt,
    view.scrollHeight - view.clientHeight,
  );
  view.scrollTop = prompter.position;
  followReadingLine();
  prompter.frame = requestAnimationFrame(prompterStep);
}

function setPrompter(on: boolean): void {
  prompter.on = on;
  pressed('prompter', on);
  root.dataset.prompter = String(on);
  els.view.classList.toggle('is-prompting', on);
  cancelAnimationFrame(prompter.frame);
  if (on) {
    prompter.position = els.view.scrollTop;
    prompter.last = performance.now();
    prompter.frame = requestAnimationFrame(prompterStep);
  }
}

// ── Commands ───────────────────────────────────────────────────────────────────────────────

const help = helpOverlay();
const gotoDialog = $<HTMLDialogElement>('dialog[data-goto]');
const gotoInput = $<HTMLInputElement>('[data-goto-input]');
const gotoError = $('[data-goto-error]');
const resetDialog = $<HTMLDialogElement>('dialog[data-confirm-reset]');

function run(command: Command): void {
  switch (command) {
    case 'pageNext':
      // Out of a blackout first (the picture comes back); then the script's pages; then the next beat.
      if (sync.state().blackout || !turnPage(1)) sync.dispatch({ type: 'next' });
      break;
    case 'pagePrev':
      if (sync.state().blackout || !turnPage(-1)) {
        landAtEnd = !sync.state().blackout;
        if (!sync.dispatch({ type: 'prev' })) landAtEnd = false;
      }
      break;
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
    case 'timer':
      sync.dispatch({ type: 'timer' });
      break;
    case 'timerReset':
      resetDialog.returnValue = '';
      resetDialog.showModal();
      break;
    case 'goto':
      gotoInput.value = '';
      gotoError.textContent = '';
      gotoDialog.showModal();
      gotoInput.focus();
      break;
    case 'bigger':
    case 'smaller':
      prefs.size = Math.round(Math.min(120, Math.max(16, prefs.size * (command === 'bigger' ? 1.12 : 1 / 1.12))));
      applyPrefs();
      savePrefs();
      break;
    case 'prompter':
      setPrompter(!prompter.on);
      break;
    case 'faster':
    case 'slower':
      prefs.speed = Math.min(20, Math.max(1, prefs.speed + (command === 'faster' ? 1 : -1)));
      applyPrefs();
      savePrefs();
      break;
    case 'mirror':
      prefs.mirror = !prefs.mirror;
      applyPrefs();
      savePrefs();
      break;
    case 'video':
      sync.dispatch({ type: 'video' });
      break;
    case 'help':
      help.toggle();
      break;
    case 'offline':
      openOffline();
      break;
    case 'overview':
      openOverview();
      break;
    case 'fullscreen':
      break;
  }
}

// ── Overview (A): every beat as a thumbnail; arrows move, Enter jumps, Esc closes ─────────

const overview = $<HTMLDialogElement>('dialog[data-overview]');
const overviewGrid = $('[data-overview-grid]');
const overviewItems: HTMLButtonElement[] = show.beats.map((beat, i) => {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'stage-overview__beat';
  button.dataset.overviewBeat = String(i);
  const planned = formatClock(plannedForBeat(show, i));
  button.setAttribute('aria-label', t('stage.overviewBeat', { n: i + 1, episode: beat.episode, planned }));
  const thumb = picture(beat, true);
  if (thumb instanceof HTMLImageElement) thumb.loading = 'lazy';
  thumb.setAttribute('aria-hidden', 'true');
  const caption = document.createElement('span');
  caption.className = 'stage-overview__caption';
  caption.textContent = `${i + 1} · ${beat.episode} · ${planned}`;
  button.append(thumb, caption);
  button.addEventListener('click', () => {
    overview.close();
    sync.dispatch({ type: 'goto', beat: i });
  });
  li.append(button);
  overviewGrid.append(li);
  return button;
});

function openOverview(): void {
  const current = sync.state().beat;
  for (const [i, b] of overviewItems.entries()) b.setAttribute('aria-current', String(i === current));
  overview.showModal();
  overviewItems[Math.min(current, overviewItems.length - 1)]?.focus();
}

/** Moves the focus in the grid: ← → by one, ↑ ↓ by a row (the columns as laid out). */
function overviewMove(key: string): boolean {
  const at = overviewItems.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return false;
  const top = overviewItems[0]!.getBoundingClientRect().top;
  const columns = Math.max(1, overviewItems.filter((b) => b.getBoundingClientRect().top === top).length);
  const step = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: columns,
    ArrowUp: -columns,
    Home: -at,
    End: overviewItems.length,
  }[key];
  if (step === undefined) return false;
  const to = Math.min(overviewItems.length - 1, Math.max(0, at + step));
  overviewItems[to]!.focus();
  return true;
}

listenKeys(
  PRESENTER_KEYS,
  (command) => run(command),
  (e) => {
    // In the overview the keys choose a beat; Enter presses the focused one, Esc closes.
    if (overview.open) {
      if (overviewMove(e.key)) e.preventDefault();
      return true;
    }
    // The reset question: Enter answers it (its button has the focus), Esc keeps the timer; any
    // other key — a clicker — dismisses the question and does what it always does.
    if (resetDialog.open && !['Enter', 'Escape', 'Tab', 'Shift'].includes(e.key)) resetDialog.close('keep');
    return false;
  },
);

resetDialog.addEventListener('close', () => {
  if (resetDialog.returnValue === 'reset') sync.dispatch({ type: 'timerReset' });
});

gotoDialog.querySelector('form')!.addEventListener('submit', (e) => {
  const n = Number(gotoInput.value.trim());
  if (!Number.isInteger(n) || n < 1 || n > show.beats.length) {
    e.preventDefault();
    gotoError.textContent = t('stage.gotoInvalid', { n: gotoInput.value.trim() || '?' });
    gotoInput.select();
    return;
  }
  sync.dispatch({ type: 'goto', beat: n - 1 });
});

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-act]')) {
  button.addEventListener('click', (e) => {
    run(button.dataset.act as Command);
    // After a mouse click the clicker takes over: leave no button focused for its keys to press.
    if (e.detail > 0) button.blur();
  });
}
$('[data-help-open]').addEventListener('click', () => help.toggle());
els.surtitleLang?.addEventListener('change', () =>
  sync.dispatch({ type: 'surtitleLang', lang: els.surtitleLang!.value }),
);

// ── Phone remote (npm run stage -- --remote) ───────────────────────────────────────────────
// Only when the server offers it: the commands arrive as server-sent events and run as the
// clicker's keys would; the state goes back after every change. If the server or the phone dies,
// nothing here waits for them.

const REMOTE_RUNS: Record<RemoteCommand, Command> = { next: 'pageNext', prev: 'pagePrev', blackout: 'blackout' };

function remoteStatus(): RemoteStatus {
  const state = sync.state();
  const tm = timing(state, show, Date.now());
  const beat = show.beats[state.beat];
  return {
    now: beatLabel(beat, undefined),
    next: state.ended ? '' : beatLabel(show.beats[state.beat + 1], beat),
    elapsed: formatClock(tm.elapsed / 1000),
    left: time.left.textContent ?? '',
    blackout: state.blackout,
    ended: state.ended,
  };
}

async function startRemote(api: string): Promise<void> {
  const line = $('[data-remote]');
  const info = async () => {
    const r = await fetch(`${api}info`, { cache: 'no-store' });
    if (!r.ok) throw new Error(String(r.status));
    return (await r.json()) as { code: string; paired: number };
  };
  const drawInfo = (i: { code: string; paired: number }) => {
    line.hidden = false;
    line.textContent = t('stage.remote.presenterLine', {
      code: `${i.code.slice(0, 3)} ${i.code.slice(3)}`,
      paired: i.paired,
    });
    line.dataset.tone = i.paired ? 'good' : 'neutral';
  };
  try {
    drawInfo(await info());
  } catch {
    return; // no remote on this server (or no server): nothing to show
  }
  const events = new EventSource(`${api}events`);
  events.addEventListener('command', (e) => {
    const { command } = JSON.parse((e as MessageEvent<string>).data) as { command: RemoteCommand };
    const act = REMOTE_RUNS[command];
    if (act) run(act);
  });
  let sent = '';
  const post = () => {
    const body = JSON.stringify(remoteStatus());
    if (body === sent) return;
    sent = body;
    fetch(`${api}status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).catch(() => {
      sent = '';
    });
  };
  sync.onChange(post);
  setInterval(post, 500);
  setInterval(() => {
    info().then(drawInfo, () => {
      line.dataset.tone = 'warn';
    });
  }, 3000);
  post();
}

// ── Start ──────────────────────────────────────────────────────────────────────────────────

const wake = $('[data-wake]');
keepAwake((status) => {
  wake.hidden = false;
  wake.textContent = t(status === 'on' ? 'stage.wakeOn' : 'stage.wakeOff');
  wake.dataset.tone = status === 'on' ? 'good' : 'warn';
});
$('[data-not-saved]').hidden = sync.saved();

applyPrefs();
sync.onChange((state) => draw(state));
draw(sync.state());
setInterval(tick, 250);
els.view.addEventListener('scroll', drawMore, { passive: true });
addEventListener('resize', drawMore);
// `npm run stage -- --remote` names the remote's routes in a header of every answer.
fetch(location.pathname, { method: 'HEAD', cache: 'no-store' }).then(
  (r) => {
    const api = r.headers.get('X-Planches-Remote');
    if (api) void startRemote(api);
  },
  () => {
    // no server (the offline copy is playing): no remote either
  },
);
root.dataset.ready = 'true';
