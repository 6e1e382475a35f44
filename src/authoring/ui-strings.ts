// A new language's interface strings, from a translator's book.po into the kit: src/i18n/<lang>.ts
// (the same shape as en.ts) and its line in src/i18n/index.ts. They go into the kit's code, not
// into the book, because they serve every book: the i18n test checks their keys, the browser
// bundle imports them statically, and they are a contribution to send upstream.
// The text is written as Biome formats it, so `npm run check` stays green.

/** A JavaScript string literal as Biome writes it (single quotes unless double ones need fewer escapes). */
function literal(s: string): string {
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  const singles = (s.match(/'/g) ?? []).length;
  const doubles = (s.match(/"/g) ?? []).length;
  return singles > doubles ? `"${body.replace(/"/g, '\\"')}"` : `'${body.replace(/'/g, "\\'")}'`;
}

const LINE_WIDTH = 120;

/** The file src/i18n/<lang>.ts for `strings` (in the order of the English file). */
export function stringsModule(lang: string, name: string, strings: Array<[string, string]>): string {
  const lines = strings.map(([key, value]) => {
    const one = `  ${literal(key)}: ${literal(value)},`;
    return one.length <= LINE_WIDTH ? one : `  ${literal(key)}:\n    ${literal(value)},`;
  });
  return [
    `// ${name} interface strings (${lang}), imported from a translator's PO file by`,
    '// `npm run translations -- import`. Every language file has exactly the keys of en.ts.',
    "import type { Strings } from './types.ts';",
    '',
    'export default {',
    ...lines,
    '} satisfies Strings;',
    '',
  ].join('\n');
}

/** The identifier a language's module is imported as ("pt-BR" → "ptBR"). */
const identifier = (lang: string) => lang.replace(/-([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());

/** src/i18n/index.ts with `lang` registered, or an error saying what it could not find. */
export function registerStrings(index: string, lang: string): string | { error: string } {
  const id = identifier(lang);
  const imports = [...index.matchAll(/^import (\w+) from '\.\/([\w-]+)\.ts';\n/gm)];
  const table = /^export const STRINGS: Record<string, Strings> = \{([^}]*)\};$/m.exec(index);
  if (!imports.length || !table)
    return { error: 'src/i18n/index.ts does not have the shape the import expects (its imports and STRINGS table)' };
  const entries = table[1]!
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const key = id === lang ? id : `'${lang}': ${id}`;
  const sortKey = (e: string) => e.replace(/^'([^']+)'.*$/, '$1');
  const newTable = [...entries, key].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const lines = [...imports.map((m) => m[0]), `import ${id} from './${lang}.ts';\n`].sort((a, b) =>
    /'\.\/([\w-]+)/.exec(a)![1]!.localeCompare(/'\.\/([\w-]+)/.exec(b)![1]!),
  );
  const first = imports[0]!.index;
  const last = imports[imports.length - 1]!;
  const end = last.index + last[0].length;
  const withImports = index.slice(0, first) + lines.join('') + index.slice(end);
  return withImports.replace(table[0], `export const STRINGS: Record<string, Strings> = { ${newTable.join(', ')} };`);
}
