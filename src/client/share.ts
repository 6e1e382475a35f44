// The share actions of an episode, loaded the first time a reader uses one. Nothing is sent
// anywhere before the reader picks an action: copying stays on the machine, e-mail is a plain
// mailto: link, and "share on Mastodon" opens the share page of the server the reader names
// (remembered in this browser's localStorage, and forgotten on request).
import { mastodonShareUrl, normalizeInstance } from '../shared/share.ts';

const KEY = 'planches.mastodon';

function parts(section: HTMLElement) {
  const form = section.querySelector<HTMLFormElement>('form')!;
  return {
    // A path from the root while the site has no public address: the address it was opened at.
    url: new URL(section.dataset.url!, location.href).href,
    title: section.dataset.title!,
    strings: JSON.parse(section.dataset.strings ?? '{}') as Record<string, string>,
    status: section.querySelector<HTMLElement>('[data-share-status]')!,
    form,
    input: form.querySelector<HTMLInputElement>('input')!,
    forget: form.querySelector<HTMLButtonElement>('[data-share-forget]')!,
    toggle: section.querySelector<HTMLButtonElement>('[data-share-mastodon]')!,
  };
}

function remembered(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function say(status: HTMLElement, text: string): void {
  // Cleared first, so that the same message twice is announced twice.
  status.textContent = '';
  window.setTimeout(() => (status.textContent = text), 50);
}

export async function onShareClick(section: HTMLElement, button: HTMLButtonElement): Promise<void> {
  const p = parts(section);
  if (button.matches('[data-share-copy]')) {
    try {
      await navigator.clipboard.writeText(p.url);
      say(p.status, p.strings['share.copied']!);
    } catch {
      say(p.status, p.strings['share.copyFailed']!.replace('{url}', p.url));
    }
  } else if (button.matches('[data-share-mastodon]')) {
    const open = p.toggle.getAttribute('aria-expanded') !== 'true';
    p.toggle.setAttribute('aria-expanded', String(open));
    p.form.hidden = !open;
    if (open) {
      const known = remembered();
      if (known && !p.input.value) p.input.value = known;
      p.forget.hidden = !known;
      p.input.focus();
    }
  } else if (button.matches('[data-share-forget]')) {
    try {
      localStorage.removeItem(KEY);
    } catch {
      /* storage unavailable: nothing was remembered */
    }
    p.input.value = '';
    p.forget.hidden = true;
    p.input.focus();
    say(p.status, p.strings['share.forgotten']!);
  } else if (button.matches('[data-share-native-button]')) {
    await navigator.share?.({ title: p.title, url: p.url }).catch(() => undefined);
  }
}

export function onMastodonSubmit(section: HTMLElement): void {
  const p = parts(section);
  const host = normalizeInstance(p.input.value);
  if (!host) {
    p.input.setAttribute('aria-invalid', 'true');
    say(p.status, p.strings['share.badInstance']!);
    p.input.focus();
    return;
  }
  p.input.removeAttribute('aria-invalid');
  p.input.value = host;
  try {
    localStorage.setItem(KEY, host);
    p.forget.hidden = false;
  } catch {
    /* private browsing: share without remembering */
  }
  window.open(mastodonShareUrl(host, `${p.title}\n${p.url}`), '_blank', 'noopener,noreferrer');
}
