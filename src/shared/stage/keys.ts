// The keys of the stage screens: one map per screen, read both by the key handler and by the
// help overlay (`?`), so that the overlay lists exactly the keys that work. The keys are the
// ones stage clickers send (arrows, PageUp/PageDown, B or "." for a blackout) plus the
// keyboard's. Matching is by `KeyboardEvent.key`, so letters follow the keyboard's layout.

export type Command =
  | 'next'
  | 'prev'
  | 'pageNext'
  | 'pagePrev'
  | 'first'
  | 'last'
  | 'blackout'
  | 'goto'
  | 'timer'
  | 'timerReset'
  | 'surtitles'
  | 'card'
  | 'cardPrev'
  | 'bigger'
  | 'smaller'
  | 'prompter'
  | 'faster'
  | 'slower'
  | 'mirror'
  | 'video'
  | 'fullscreen'
  | 'offline'
  | 'overview'
  | 'help';

/**
 * The key of an interface string of the stage (src/i18n/): named here by its key only, so that this
 * module, which the browser runs, depends on no strings. The tests check that every one exists.
 */
export type StageStringKey = `stage.${string}`;

export interface Binding {
  command: Command;
  /** `KeyboardEvent.key` values; single letters match either case. */
  keys: string[];
  /** How the overlay shows each key (same order as `keys`): the key itself, or an interface string's key for named keys. */
  labels: Array<string | StageStringKey>;
  /** Only with Shift held (Shift+N), or only without it (N). Unset: either. */
  shift?: boolean;
  /** The description, from the interface strings. */
  text: StageStringKey;
}

const NEXT: Binding = {
  command: 'next',
  keys: ['ArrowRight', 'ArrowDown', 'PageDown', ' '],
  labels: ['→', '↓', 'stage.kbd.pageDown', 'stage.kbd.space'],
  text: 'stage.key.next',
};
const PREV: Binding = {
  command: 'prev',
  keys: ['ArrowLeft', 'ArrowUp', 'PageUp'],
  labels: ['←', '↑', 'stage.kbd.pageUp'],
  text: 'stage.key.prev',
};
const BLACKOUT: Binding = { command: 'blackout', keys: ['b', '.'], labels: ['B', '.'], text: 'stage.key.blackout' };
const FIRST: Binding = { command: 'first', keys: ['Home'], labels: ['stage.kbd.home'], text: 'stage.key.first' };
const LAST: Binding = { command: 'last', keys: ['End'], labels: ['stage.kbd.end'], text: 'stage.key.last' };
const SURTITLES: Binding = { command: 'surtitles', keys: ['s'], labels: ['S'], text: 'stage.key.surtitles' };
const CARD: Binding = { command: 'card', keys: ['n'], labels: ['N'], shift: false, text: 'stage.key.card' };
const CARD_PREV: Binding = {
  command: 'cardPrev',
  keys: ['n'],
  labels: ['stage.kbd.shiftN'],
  shift: true,
  text: 'stage.key.cardPrev',
};
const HELP: Binding = { command: 'help', keys: ['?'], labels: ['?'], text: 'stage.key.help' };

// On the presenter screen the clicker's keys (PageDown, PageUp, the down and up arrows, Space)
// page through a long script before they change beat; → and ← always change beat.
export const PRESENTER_KEYS: Binding[] = [
  {
    command: 'pageNext',
    keys: ['PageDown', 'ArrowDown', ' '],
    labels: ['stage.kbd.pageDown', '↓', 'stage.kbd.space'],
    text: 'stage.key.pageNext',
  },
  { command: 'pagePrev', keys: ['PageUp', 'ArrowUp'], labels: ['stage.kbd.pageUp', '↑'], text: 'stage.key.pagePrev' },
  { command: 'next', keys: ['ArrowRight'], labels: ['→'], text: 'stage.key.next' },
  { command: 'prev', keys: ['ArrowLeft'], labels: ['←'], text: 'stage.key.prev' },
  FIRST,
  LAST,
  { command: 'goto', keys: ['g'], labels: ['G'], text: 'stage.key.goto' },
  BLACKOUT,
  { command: 'timer', keys: ['t'], labels: ['T'], text: 'stage.key.timer' },
  { command: 'timerReset', keys: ['r'], labels: ['R'], text: 'stage.key.timerReset' },
  SURTITLES,
  CARD,
  CARD_PREV,
  { command: 'bigger', keys: ['+', '='], labels: ['+', '='], text: 'stage.key.bigger' },
  { command: 'smaller', keys: ['-', '_'], labels: ['-', '_'], text: 'stage.key.smaller' },
  { command: 'prompter', keys: ['p'], labels: ['P'], text: 'stage.key.prompter' },
  { command: 'faster', keys: [']'], labels: [']'], text: 'stage.key.faster' },
  { command: 'slower', keys: ['['], labels: ['['], text: 'stage.key.slower' },
  { command: 'mirror', keys: ['m'], labels: ['M'], text: 'stage.key.mirror' },
  { command: 'video', keys: ['v'], labels: ['V'], text: 'stage.key.video' },
  { command: 'offline', keys: ['o'], labels: ['O'], text: 'stage.key.offline' },
  // A: all the beats at once (O, the usual overview key, is the offline check).
  { command: 'overview', keys: ['a'], labels: ['A'], text: 'stage.key.overview' },
  HELP,
];

/** The audience screen answers a clicker too (it has the focus after going full screen). */
export const AUDIENCE_KEYS: Binding[] = [
  NEXT,
  PREV,
  FIRST,
  LAST,
  BLACKOUT,
  SURTITLES,
  CARD,
  CARD_PREV,
  { command: 'fullscreen', keys: ['f'], labels: ['F'], text: 'stage.key.fullscreen' },
  HELP,
];

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/** The command `event` means on a screen with `map`, or undefined. Ctrl/Alt/Cmd combinations are the browser's. */
export function commandFor(map: ReadonlyArray<Binding>, event: KeyLike): Command | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey) return undefined;
  const key = event.key === 'Spacebar' ? ' ' : event.key.length === 1 ? event.key.toLowerCase() : event.key;
  for (const b of map) {
    if (!b.keys.includes(key)) continue;
    if (b.shift !== undefined && b.shift !== Boolean(event.shiftKey)) continue;
    return b.command;
  }
  return undefined;
}

/** Whether a key event comes from a place where typing is text, not commands. */
export function isTypingTarget(
  target: { tagName?: string; isContentEditable?: boolean; type?: string } | null | undefined,
): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Buttons-like inputs take no text; every other input does.
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(
    (target.type ?? 'text').toLowerCase(),
  );
}

/** Whether a label is the key of an interface string (a named key) rather than the key itself. */
export function isNamedLabel(label: string): label is StageStringKey {
  return label.startsWith('stage.kbd.');
}
