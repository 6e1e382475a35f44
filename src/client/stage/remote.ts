// The phone remote's page: pairs with the code (typed, or carried in the address's #code= by the
// QR code), then sends next / previous / blackout to the stage server and shows, every second,
// what the presenter screen reports. The token lives in this tab only (sessionStorage): closing
// it unpairs this phone; stopping the server unpairs every phone.
import type { RemoteCommand, RemoteStatus } from '../../shared/stage/remote.ts';
import { makeT } from './common.ts';

interface RemoteData {
  api: string;
  strings: Record<string, string>;
}
const { api, strings } = JSON.parse(document.getElementById('remote-data')?.textContent ?? '{}') as RemoteData;
const t = makeT(strings);
const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const TOKEN_KEY = 'planches-stage:remote-token';

const form = $<HTMLFormElement>('[data-pair]');
const input = $<HTMLInputElement>('#sr-code');
const error = $('[data-pair-error]');
const live = $('[data-live]');
const link = $('[data-link]');

let token = sessionStorage.getItem(TOKEN_KEY) ?? '';
const headers = () => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${token}` });

function showPaired(yes: boolean): void {
  form.hidden = yes;
  live.hidden = !yes;
  if (!yes) input.focus();
}

async function pair(code: string): Promise<void> {
  error.textContent = '';
  let r: Response;
  try {
    r = await fetch(`${api}pair`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  } catch {
    error.textContent = t('stage.remote.noServer');
    return;
  }
  if (r.status === 429) {
    const { retryAfter = 60 } = (await r.json()) as { retryAfter?: number };
    error.textContent = t('stage.remote.locked', { seconds: retryAfter });
    return;
  }
  if (!r.ok) {
    error.textContent = t('stage.remote.badCode');
    input.select();
    return;
  }
  token = ((await r.json()) as { token: string }).token;
  sessionStorage.setItem(TOKEN_KEY, token);
  showPaired(true);
  void poll();
}

function draw(presenter: boolean, status: RemoteStatus | null): void {
  link.textContent = t(presenter ? 'stage.remote.connected' : 'stage.remote.noPresenter');
  link.dataset.tone = presenter ? 'good' : 'warn';
  $('[data-now]').textContent = status ? (status.ended ? t('stage.remote.ended') : status.now) : '—';
  $('[data-next]').textContent = status && !status.ended ? status.next || '—' : '—';
  $('[data-elapsed]').textContent = status?.elapsed ?? '—';
  $('[data-left]').textContent = status?.left ?? '—';
  const black = $('[data-command="blackout"]');
  black.setAttribute('aria-pressed', String(status?.blackout ?? false));
  document.documentElement.dataset.blackout = String(status?.blackout ?? false);
}

async function poll(): Promise<void> {
  if (!token) return;
  try {
    const r = await fetch(`${api}status`, { headers: headers(), cache: 'no-store' });
    if (r.status === 401) {
      // The server was restarted (a new show): pair again.
      token = '';
      sessionStorage.removeItem(TOKEN_KEY);
      showPaired(false);
      return;
    }
    const { presenter, status } = (await r.json()) as { presenter: boolean; status: RemoteStatus | null };
    draw(presenter, status);
  } catch {
    link.textContent = t('stage.remote.lost');
    link.dataset.tone = 'bad';
  }
}

async function send(command: RemoteCommand): Promise<void> {
  try {
    const r = await fetch(`${api}command`, { method: 'POST', headers: headers(), body: JSON.stringify({ command }) });
    if (r.status === 401) return void poll();
    if (r.status === 503) draw(false, null);
  } catch {
    link.textContent = t('stage.remote.lost');
    link.dataset.tone = 'bad';
    return;
  }
  // The presenter posts its new state at once: show it without waiting for the next second.
  setTimeout(() => void poll(), 150);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void pair(input.value);
});
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-command]'))
  button.addEventListener('click', () => void send(button.dataset.command as RemoteCommand));

// Scanned from the QR code: the code is in the fragment (never sent to a server); pair at once
// and take it out of the address bar.
const fromQr = /(?:^#|&)code=(\d{6})/.exec(location.hash)?.[1];
if (fromQr) history.replaceState(null, '', location.pathname + location.search);
showPaired(Boolean(token));
if (token) void poll();
else if (fromQr) {
  input.value = fromQr;
  void pair(fromQr);
}
setInterval(() => void poll(), 1000);
