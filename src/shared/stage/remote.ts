// What the stage server's phone remote (src/server/stage-remote.ts) and the pages that use it
// (the phone's page, the presenter screen) exchange.

/** What the phone may ask the presenter to do: the clicker's two keys and the blackout. */
export const REMOTE_COMMANDS = ['next', 'prev', 'blackout'] as const;
export type RemoteCommand = (typeof REMOTE_COMMANDS)[number];

/** The presenter's state as the phone shows it (texts already in the show's language). */
export interface RemoteStatus {
  now: string;
  next: string;
  elapsed: string;
  left: string;
  blackout: boolean;
  ended: boolean;
}

/** Where the remote's routes live under the site's base path. */
export const REMOTE_PATH = 'stage-remote/';
