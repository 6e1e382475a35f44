// YAML parsing that remembers where each value came from, so that schema errors can point at
// the line an author must fix.
import { LineCounter, parseDocument, isCollection, isMap, isNode, isPair, isScalar, visit, type Document } from 'yaml';
import type { z } from 'zod';
import type { ContentProblem } from './errors.ts';
import { forbiddenInValue, invisibleInName } from './characters.ts';
import { processMemo } from './memo.ts';

export interface YamlSource {
  file: string;
  data: unknown;
  /** 1-based line of the value at `path`, or of its nearest parent that exists. */
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
}

/**
 * Limits against files made to exhaust the build: how many times aliases (`*name`) may be expanded
 * (yaml's own default is 100; an "alias bomb" multiplies ten by ten by ten…), and how deeply lists
 * and mappings may nest (the book's files need half a dozen levels).
 */
export const YAML_LIMITS = { aliases: 100, depth: 64 };

/**
 * Parsed YAML by file and text. `npm run dev` loads the book again after every save, and parsing
 * the 200 panels.yaml of a large book again was half of that load (profiled); what a parse gives
 * is only read (every caller validates `data` with zod, which makes new objects), so it is shared.
 */
const parsedYaml = processMemo<string, YamlSource | ContentProblem>('yaml');

export function parseYaml(text: string, file: string, lineOffset = 0): YamlSource | ContentProblem {
  const key = `${file}\u0000${lineOffset}\u0000${text}`;
  let parsed = parsedYaml.get(key);
  if (!parsed) {
    parsed = parseYamlText(text, file, lineOffset);
    // A bound, so that a long session of edits does not keep every version of every file.
    if (parsedYaml.size > 20_000) parsedYaml.clear();
    parsedYaml.set(key, parsed);
  }
  // A problem is the caller's to add to (or reword): its own copy.
  return 'data' in parsed ? parsed : { ...parsed };
}

function parseYamlText(text: string, file: string, lineOffset: number): YamlSource | ContentProblem {
  const counter = new LineCounter();
  const at = (offset: number | undefined, message: string): ContentProblem => ({
    file,
    line: offset !== undefined ? counter.linePos(offset).line + lineOffset : undefined,
    message,
  });
  const tooDeep = `this YAML is nested more than ${YAML_LIMITS.depth} levels deep (lists or mappings inside one another); the book's files need a few levels: flatten it. The limit protects the build from files made to exhaust it.`;
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  } catch (e) {
    // The parser recurses: a file nested thousands of levels deep overflows its stack.
    if (e instanceof RangeError) return at(undefined, tooDeep);
    throw e;
  }
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? counter.linePos(first.pos[0]).line;
    if (/Maximum call stack/.test(first.message)) return { file, line: line + lineOffset, message: tooDeep };
    return {
      file,
      line: line !== undefined ? line + lineOffset : undefined,
      message: `this is not valid YAML (${first.message.split('\n')[0]}).`,
    };
  }
  const deep = deepestNode(doc);
  if (deep) return at(deep, tooDeep);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.aliases }) ?? {};
  } catch (e) {
    if (!(e instanceof ReferenceError) || !/alias count/i.test(e.message)) throw e;
    let alias: number | undefined;
    visit(doc, {
      Alias(_, node) {
        alias = node.range?.[0];
        return visit.BREAK;
      },
    });
    return at(
      alias,
      `this YAML expands its aliases (*name) into more than ${YAML_LIMITS.aliases} copies of what they name, the pattern of an "alias bomb" made to exhaust the build: write the values out, or use fewer aliases.`,
    );
  }
  // Escapes decode to characters the file itself does not hold ("\0", "\uD800"): checked here.
  let odd: ContentProblem | undefined;
  visit(doc, {
    Scalar(_, node) {
      const why = typeof node.value === 'string' ? forbiddenInValue(node.value) : undefined;
      if (!why) return undefined;
      const pos = counter.linePos(node.range?.[0] ?? 0);
      odd = {
        file,
        line: pos.line + lineOffset,
        column: pos.col,
        message: `this value contains ${why}: remove it.`,
      };
      return visit.BREAK;
    },
  });
  if (odd) return odd;
  return {
    file,
    data,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        // Prefer the line of the key ("title:"), which is where an author looks.
        const parent = doc.getIn(path.slice(0, n - 1) as unknown[], true);
        const key = path[n - 1];
        if (n > 0 && isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
          if (pair && isNode(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line + lineOffset;
        }
        const node = doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return counter.linePos(node.range[0]).line + lineOffset;
      }
      return undefined;
    },
  };
}

/** The offset of the first node nested deeper than the limit, if any (walked without recursion). */
function deepestNode(doc: Document): number | undefined {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > YAML_LIMITS.depth) return node.range?.[0];
    for (const item of node.items as unknown[]) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** Turns zod issues into problems an author can act on, with the line of the offending value. */
export function zodProblems(error: z.ZodError, src: YamlSource, fieldPrefix = ''): ContentProblem[] {
  return error.issues.map((issue) => {
    // An unknown key is reported on its parent: point at the key itself.
    const path = [
      ...(issue.path as PropertyKey[]),
      ...(issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [issue.keys[0]!] : []),
    ];
    const field = fieldPrefix + (path.map(String).join('.') || '(top level)');
    return {
      file: src.file,
      line: src.lineOf(path),
      field,
      message: describeIssue(issue, valueAt(src.data, issue.path as PropertyKey[])),
    };
  });
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  // An id that looks right but holds an invisible character: say which, not "expected lowercase letters".
  const invisible = typeof input === 'string' && issue.code === 'invalid_format' ? invisibleInName(input) : undefined;
  if (invisible) return invisible;
  switch (issue.code) {
    case 'invalid_type': {
      // zod's own message is kept when the schema gave a specific one.
      const custom =
        /^expected [a-z]+, received/i.test(issue.message) || issue.message.startsWith('Invalid input')
          ? ''
          : issue.message;
      const expected = custom || `expected ${EXPECTED[issue.expected] ?? issue.expected}`;
      if (input === undefined) return `this field is required (${expected}).`;
      return `${expected}, found ${typeName(input)}.`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling).`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    default:
      // A number out of range: say what was found, next to the range.
      if (typeof input === 'number' && ['too_small', 'too_big', 'not_multiple_of', 'invalid_type'].includes(issue.code))
        return `${issue.message.replace(/\.$/, '')}, found ${typeName(input)}.`;
      return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  }
}

/** zod's type names in the authors' words. */
const EXPECTED: Record<string, string> = {
  number: 'a number',
  string: 'a text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (fields written "name: value")',
  int: 'a whole number',
};

function typeName(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  // YAML's .nan and .inf are numbers to the parser, not to an author.
  if (typeof v === 'number' && Number.isNaN(v)) return '.nan (not a number)';
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v > 0 ? '' : '-'}.inf (infinity)`;
  if (typeof v === 'number') return String(v);
  return `${typeof v} ${JSON.stringify(v)}`;
}
