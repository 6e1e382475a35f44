// Errors about content, written for authors: every one names the file, the line or field when
// known, and what was expected. The build prints `message` and nothing else (no stack trace).

export interface ContentProblem {
  /** Path relative to the book's root, e.g. content/episodes/19-x/fr.mdx */
  file: string;
  /** 1-based line in that file, when the problem has a place. */
  line?: number;
  /** Dotted field path, for settings and frontmatter problems. */
  field?: string;
  /** What is wrong and what was expected, in one or two sentences. */
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
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
