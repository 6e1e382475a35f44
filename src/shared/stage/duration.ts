// The stage's clock and plans use the kit's one time grammar and clock format
// (src/shared/talk/time.ts); this module keeps the stage's imports short.
import { parseLength } from '../talk/time.ts';

export { formatClock } from '../talk/time.ts';

/** Seconds in `value` (more than zero), or undefined when it is not a length. */
export function parseDuration(value: unknown): number | undefined {
  const r = parseLength(value);
  return 'seconds' in r ? r.seconds : undefined;
}
