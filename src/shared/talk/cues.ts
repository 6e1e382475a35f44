// Which panel the talk is at: shared by the episode page's player code and the stage mode, so it
// imports nothing.

export interface Cue {
  panel: string;
  /** Seconds into the video. */
  time: number;
}

/** The cue being performed at `position` seconds: the last one started, until the excerpt ends. */
export function cueAt(cues: readonly Cue[], position: number, end: number): Cue | undefined {
  if (!(position < end)) return undefined;
  let current: Cue | undefined;
  for (const c of cues) if (c.time <= position) current = c;
  return current;
}
