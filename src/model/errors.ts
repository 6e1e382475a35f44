// Errors about content, written for authors: every one names the file, the line or field when
// known, and what was expected. The build prints `message` and nothing else (no stack trace).

export interface ContentProblem {
  /** Path relative to the book's root, e.g. content/episodes/19-x/fr.mdx */
  file: string;
  /** 1-based line in that file, when the problem has a place. */
  line?: number;
  /** 1-based column (in characters) on that line, when the problem is one character. */
  column?: number;
  /** Dotted field path, for settings and frontmatter problems. */
  field?: string;
  /** What is wrong and what was expected, in one or two sentences. */
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}` : p.file;
  const field = p.field ? ` (${p.field})` : '';
  return `${where}${field}: ${p.message}`;
}

export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    const lines = problems.map(formatProblem);
    super(
      problems.length === 1
        ? lines[0]!
        : `${problems.length} problems in the book's content:\n${lines.map((l) => `  - ${l}`).join('\n')}`,
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** Collects problems so that one run reports all of them, not just the first. */
export class ProblemList {
  readonly items: ContentProblem[] = [];
  add(p: ContentProblem): void {
    this.items.push(p);
  }
  get size(): number {
    return this.items.length;
  }
  throwIfAny(): void {
    if (this.items.length) throw new ContentError(this.items);
  }
}

/**
 * What the build is doing, for the last-resort message: the step ("checking the content") and the
 * file last opened. Set by scripts/build.ts and scripts/panels.ts (steps) and read.ts (files).
 */
const activity: { step: string; file?: string } = { step: 'starting' };

export function startStep(step: string): void {
  activity.step = step;
  activity.file = undefined;
}

export function noteFile(file: string): void {
  activity.file = file;
}

/** Where the build starts its report of a fault that is not the book's: scripts/build.ts looks for it. */
export const UNEXPECTED_HEADER = 'Build failed: ';

/**
 * The last-resort message for an exception nobody expected: what went wrong, during which step and
 * on which file, and a hint to report it. The stack trace only when asked for (`--debug`).
 */
export function unexpectedFailure(e: unknown, debug = false): string {
  const what =
    e instanceof Error
      ? `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message.split('\n')[0]}`
      : `${String(e)}`;
  const where = activity.file ? `, at ${activity.file}` : '';
  const lines = [
    `${UNEXPECTED_HEADER}${what.replace(/\.$/, '')} while ${activity.step}${where}.`,
    'This is a fault of the kit, not a mistake in your book: please report it to the Planches maintainers with this message' +
      (debug
        ? ' and the stack trace below.'
        : ' and what `npm run build -- --debug` prints (the same, with the stack trace).'),
  ];
  if (debug && e instanceof Error && e.stack) lines.push('', e.stack);
  return lines.join('\n');
}
