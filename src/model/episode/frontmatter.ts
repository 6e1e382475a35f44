// Splits an episode file into its YAML frontmatter and its body, keeping line numbers right.
import type { ContentProblem } from '../errors.ts';
import { parseYaml, type YamlSource } from '../yaml-source.ts';

export interface SplitFile {
  front: YamlSource;
  body: string;
  /** Lines before the body, to turn body line numbers into file line numbers. */
  bodyLineOffset: number;
}

export function splitFrontmatter(text: string, file: string): SplitFile | ContentProblem {
  const m = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text);
  if (!m) {
    return {
      file,
      line: 1,
      message: 'the file must start with a frontmatter: a line "---", the fields (title: …), then another line "---".',
    };
  }
  const front = parseYaml(m[1]!, file, 1);
  if (!('data' in front)) return front;
  const bodyLineOffset = m[0].split('\n').length - 1;
  return { front, body: text.slice(m[0].length), bodyLineOffset };
}
