// What both stage screens share: the show's data from the page, interface strings, the key
// handler (one key map per screen) and the help overlay.
import { commandFor, isTypingTarget, type Binding, type Command } from '../../shared/stage/keys.ts';
import type { ShowData } from '../../shared/stage/show-data.ts';

export interface PageData {
  show: ShowData;
  strings: Record<string, string>;
  role: 'presenter' | 'audience';
  audienceUrl?: string;
  /** The stage folder of this language ("/fr/stage/"): the offline copy's scope. */
  stageRoot: string;
}

export function pageData(): PageData {
  const el = document.getElementById('stage-data');
  return JSON.parse(el?.textContent ?? '{}') as PageData;
}

/** The string `key` with its {placeholders} filled. */
export function makeT(strings: Record<string, string>) {
  return (key: string, values: Record<string, string | number> = {}) =>
    (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/**
 * Runs `handle(command)` for the keys of `map`. Keys typed into text fields, and browser
 * shortcuts (Ctrl, Alt, Cmd), are left alone. `before` sees every key first and may take it.
 */
export function listenKeys(
  map: Binding[],
  handle: (c: Command, e: KeyboardEvent) => void,
  before?: (e: KeyboardEvent) => boolean,
): void {
  let taken = '';
  addEventListener('keydown', (e) => {
    taken = '';
    if (before?.(e)) return;
    if (isTypingTarget(e.target as HTMLElement | null)) return;
    const command = commandFor(map, e);
    if (!command) return;
    e.preventDefault();
    taken = e.key;
    handle(command, e);
  });
  // A focused button is pressed by Space on key up: a Space that was a command must not also
  // press the button (the clicker's "next" would count twice).
  addEventListener('keyup', (e) => {
    if (taken && e.key === taken) e.preventDefault();
    taken = '';
  });
}

/** The help overlay (`?`): a modal dialog; Esc, ? or its button close it. */
export function helpOverlay(): { toggle(): void; open(): boolean } {
  const dialog = document.querySelector<HTMLDialogElement>('dialog[data-help]')!;
  return {
    toggle() {
      if (dialog.open) dialog.close();
      else dialog.showModal();
    },
    open: () => dialog.open,
  };
}

/** Runs `fn` after the next frame has been painted. */
export function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}
