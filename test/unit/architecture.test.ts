// The layout's rules, checked on the code itself (docs/architecture.md, "Folders"):
// - imports run one way: from a folder to a folder of a lower layer, never back, and no module
//   imports itself through others (type-only imports count: they tie the modules together too);
// - what runs in the browser (src/shared/, src/i18n/, src/client/) imports no Node module, no
//   native or server-side package and nothing from the folders that use them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = new URL('../..', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

/**
 * Lower layers first. A module may import from its own folder and from the folders of lower
 * layers. The last layer is the site's rendering (Astro components, layouts, pages, styles and the
 * integration), whose folders use each other: there, only module cycles are forbidden.
 */
const LAYERS: string[][] = [
  ['shared', 'types'],
  // The local servers: the stage remote shares its message types with the pages (src/shared/stage/remote.ts).
  ['server'],
  ['i18n'],
  ['model'],
  ['images', 'fonts'],
  ['astro-adapter', 'authoring', 'outputs'],
  ['integrations', 'components', 'layouts', 'pages', 'styles'],
];
const RENDERING = LAYERS.length - 1;
/** Browser code may import only these folders (and itself). */
const BROWSER = new Set(['shared', 'i18n', 'client']);
const BROWSER_ALLOWED = new Set(['shared', 'i18n', 'client']);
const SERVER_PACKAGES =
  /^(node:|sharp$|fontkit$|playwright-core$|pdf-lib$|pagefind$|epub-gen-memory$|image-size$|parse5$|unified$|remark-|yaml$)/;

interface Edge {
  from: string;
  to: string;
  spec: string;
}

/** Every import (static, dynamic, re-export, type-only) of every module under src/. */
export function readImports(src: string): { modules: string[]; edges: Edge[]; packages: Edge[] } {
  const modules: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|astro)$/.test(name) && !name.endsWith('.d.ts')) modules.push(relative(src, p));
    }
  };
  walk(src);
  const edges: Edge[] = [];
  const packages: Edge[] = [];
  const IMPORT =
    /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of modules) {
    const text = readFileSync(join(src, m), 'utf8');
    // In an .astro file, the frontmatter and the <script> elements hold the imports.
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2]!;
      if (spec.startsWith('.')) {
        edges.push({ from: m, to: normalize(join(dirname(m), spec)), spec });
      } else packages.push({ from: m, to: spec, spec });
    }
  }
  return { modules, edges, packages };
}

/** The cycles of a graph, each as the list of its modules (empty when the graph has none). */
export function findCycles(edges: Array<{ from: string; to: string }>): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of next.get(n) ?? []) {
      if (state.get(m) === 'open') cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of next.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

const folderOf = (module: string) => module.split('/')[0]!;
const layerOf = (folder: string) => LAYERS.findIndex((l) => l.includes(folder));

/** Imports that go to a higher layer, or sideways to another folder of the same layer. */
export function upwardImports(edges: Edge[]): Edge[] {
  return edges.filter((e) => {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b || a === 'client') return false;
    if (layerOf(a) === RENDERING && layerOf(b) === RENDERING) return false;
    return layerOf(b) >= layerOf(a);
  });
}

describe('the import graph', () => {
  const { modules, edges, packages } = readImports(SRC);

  test('reads the imports it should (the checker is not looking at nothing)', () => {
    assert.ok(modules.length > 100, `${modules.length} modules`);
    assert.ok(edges.length > 300, `${edges.length} imports between modules`);
    assert.ok(
      edges.some((e) => e.from === 'outputs/index.ts' && e.to === 'outputs/pdf/index.ts'),
      'a dynamic import',
    );
    assert.ok(
      edges.some((e) => e.from.startsWith('pages/') && e.from.endsWith('.astro')),
      'imports from .astro files',
    );
  });

  test('every import points at a module that exists', () => {
    const known = new Set(modules);
    const missing = edges.filter((e) => /\.(ts|astro)$/.test(e.to) && !known.has(e.to) && !e.to.endsWith('.d.ts'));
    assert.deepEqual(missing, []);
  });

  test('no module imports itself through others (type-only imports counted)', () => {
    assert.deepEqual(findCycles(edges), []);
  });

  test('imports run from higher layers to lower ones only', () => {
    for (const m of modules) assert.notEqual(layerOf(folderOf(m)) === -1 && folderOf(m) !== 'client', true, m);
    assert.deepEqual(
      upwardImports(edges).map((e) => `${e.from} → ${e.spec}`),
      [],
    );
  });

  test('browser code imports no Node module, no server-side package and nothing that does', () => {
    const bad = [
      ...edges.filter((e) => BROWSER.has(folderOf(e.from)) && !BROWSER_ALLOWED.has(folderOf(e.to))),
      ...packages.filter((e) => BROWSER.has(folderOf(e.from)) && SERVER_PACKAGES.test(e.to)),
    ];
    assert.deepEqual(
      bad.map((e) => `${e.from} → ${e.spec}`),
      [],
    );
  });
});

describe('the checker itself', () => {
  test('finds a cycle, and only a real one', () => {
    assert.deepEqual(
      findCycles([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ]),
      [['a', 'b', 'c', 'a']],
    );
    assert.deepEqual(
      findCycles([
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
        { from: 'b', to: 'c' },
      ]),
      [],
    );
  });

  test('finds an upward import and a sideways one', () => {
    const e = (from: string, to: string): Edge => ({ from, to, spec: to });
    assert.equal(upwardImports([e('shared/a.ts', 'model/b.ts')]).length, 1);
    assert.equal(upwardImports([e('outputs/a.ts', 'authoring/b.ts')]).length, 1);
    assert.equal(upwardImports([e('model/a.ts', 'shared/b.ts')]).length, 0);
  });
});
