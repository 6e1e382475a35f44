// The servers answer only with files whose real path (every symlink resolved) lies inside the
// folder they serve: a link out of dist/ or out of the book would hand out any readable file.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

/** The real path of `path` when it exists and lies inside `root` (itself resolved); else undefined. */
export function realPathInside(root: string, path: string): string | undefined {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(path);
    realRoot = realpathSync(root);
  } catch {
    return undefined;
  }
  const rel = relative(realRoot, real);
  return rel.startsWith('..') || isAbsolute(rel) ? undefined : real;
}
