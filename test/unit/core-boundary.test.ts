// src/core is shared by the extension, the CLI and the tests, so it must never reach for the editor API.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });

describe('src/core boundary', () => {
  it('no file under src/core imports vscode', () => {
    const files = walk(join(root, 'src', 'core'));
    assert.ok(files.length >= 5, 'src/core has files');
    const offenders = files.filter((f) =>
      /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\s+['"]vscode['"])/.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(offenders.map((f) => relative(root, f)), []);
  });
});

/** The files a TypeScript file imports by a relative path: `import`, `import type` and `export … from`. */
export function relativeImports(text: string): string[] {
  const found: string[] = [];
  // An import starts a statement: one quoted in a comment (`// import`, ` * import`) or a string is none.
  const re = /(?:^|[\n;])\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push(m[1]);
  return found;
}

/** Every cycle of a graph (strongly connected components of more than one node, or a node importing itself), each sorted. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  // Tarjan's algorithm, with an explicit stack: no recursion depth to run out of.
  for (const startNode of graph.keys()) {
    if (index.has(startNode)) continue;
    const work: { node: string; i: number }[] = [{ node: startNode, i: 0 }];
    index.set(startNode, next);
    low.set(startNode, next++);
    stack.push(startNode);
    onStack.add(startNode);
    while (work.length) {
      const top = work[work.length - 1];
      const deps = graph.get(top.node) ?? [];
      if (top.i < deps.length) {
        const w = deps[top.i++];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) !== index.get(top.node)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== top.node);
      if (component.length > 1 || deps.includes(top.node)) cycles.push(component.sort());
    }
  }
  return cycles;
}

/** The import graph of the TypeScript files under a folder, by path relative to the repository. */
function importGraph(dir: string): Map<string, string[]> {
  const files = walk(dir);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps: string[] = [];
    for (const spec of relativeImports(readFileSync(f, 'utf8'))) {
      const p = resolve(dirname(f), spec.replace(/\.js$/, ''));
      const hit = [`${p}.ts`, join(p, 'index.ts')].find((c) => known.has(c));
      if (hit) deps.push(relative(root, hit));
    }
    graph.set(relative(root, f), deps);
  }
  return graph;
}

describe('import cycles', () => {
  it('reads import, import type, export from and multi-line imports, not comments', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      'import {',
      '  c,',
      '  d,',
      "} from './c';",
      "export { e } from './e';",
      "export * from './f';",
      "import './g';",
      "import x from 'node:fs';",
      "// import { h } from './h';",
      "/** import { i } from './i'; */",
      "const s = 'import { j } from \\'./j\\'';",
    ].join('\n');
    assert.deepEqual(relativeImports(text), ['./a', '../b', './c', './e', './f', './g']);
  });

  it('finds a cycle of three, a file importing itself, and none in a chain', () => {
    const g = new Map<string, string[]>([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', ['e']],
      ['e', []],
      ['s', ['s']],
    ]);
    assert.deepEqual(importCycles(g), [['a', 'b', 'c'], ['s']]);
    assert.deepEqual(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]])), []);
  });

  it('no file under src/ is part of an import cycle (type-only imports included)', () => {
    const graph = importGraph(join(root, 'src'));
    assert.ok(graph.size > 50, 'src has files');
    assert.ok((graph.get(join('src', 'core', 'parse', 'dockerfile.ts')) ?? []).length >= 4, 'the Dockerfile module has imports');
    assert.deepEqual(importCycles(graph), []);
  });
});
