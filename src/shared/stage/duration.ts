// Durations as authors write them in content/book.yaml ("8m", "7m30s", "1h05m", "90s" or a
// number of seconds) and as performers read them on stage ("7:30", "−0:45", "1:02:03").

const UNIT = /(\d+(?:\.\d+)?)\s*(h|min|m|sec|s)/y;

/** Seconds in `value`, or undefined when it is not a duration. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text) > 0 ? Number(text) : undefined;
  let total = 0;
  let pos = 0;
  const seen = new Set<string>();
  while (pos < text.length) {
    UNIT.lastIndex = pos;
    const m = UNIT.exec(text);
    if (!m) return undefined;
    const unit = m[2]![0]!;
    if (seen.has(unit)) return undefined;
    seen.add(unit);
    total += Number(m[1]) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
    pos = UNIT.lastIndex;
    while (text[pos] === ' ') pos++;
  }
  return total > 0 ? Math.round(total) : undefined;
}

/**
 * A clock reading: "7:30", "12:05", "1:02:03". Negative values get a real minus sign. Seconds
 * are floored (a countdown shows 0:01 until the last second is over, via `ceil` below).
 */
export function formatClock(seconds: number, options: { sign?: boolean; ceil?: boolean } = {}): string {
  const negative = seconds < 0;
  const s = Math.abs(options.ceil ? Math.ceil(seconds) : Math.trunc(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const body = h
    ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`
    : `${m}:${String(sec).padStart(2, '0')}`;
  return (negative && s > 0 ? '−' : options.sign ? '+' : '') + body;
}
