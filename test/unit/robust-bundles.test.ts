// What the built bundles may do: read files, nothing else. No processes, no code from strings, no
// network; and the editor's bundles reach files only through vscode.workspace.fs (so virtual and
// remote workspaces work, as package.json's capabilities declare). `npm run test:unit` builds dist/ first.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../fuzz/inputs';

const dist = join(repoRoot(), 'dist');

const bundles = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? bundles(p) : p.endsWith('.js') ? [p] : [];
  });

const mod = (names: string) => new RegExp(`require\\(\\s*["'](?:node:)?(?:${names})["']\\s*\\)|from\\s*["'](?:node:)?(?:${names})["']`);

const FORBIDDEN: [string, RegExp][] = [
  ['child_process', /child_process/],
  ['eval(', /(?<![\w$.])eval\s*\(/],
  ['new Function', /new\s+Function\s*\(/],
  ['a network module', mod('http|https|http2|net|tls|dgram')],
  ['fetch(', /(?<![\w$.])fetch\s*\(/],
  ['XMLHttpRequest', /XMLHttpRequest/],
  ['WebSocket', /WebSocket/],
];

/** Modules the editor's bundles may load: VS Code's API and the two Node globals esbuild refers to by name. */
const EDITOR_MODULES = new Set(['vscode', 'buffer', 'process']);
/** And per bundle: the desktop extension's features (dist/features.js) check quick fixes on a worker thread (dist/fixWorker.js), which reads no file. */
const BUNDLE_MODULES: Record<string, string[]> = { 'features.js': ['worker_threads'], 'fixWorker.js': ['worker_threads'] };

describe('built bundles', () => {
  const files = existsSync(dist) ? bundles(dist) : [];

  it('exist (the extension for Node and the browser, and the CLI)', () => {
    const names = files.map((f) => relative(dist, f));
    for (const n of ['extension.js', 'cli.js']) assert.ok(names.includes(n), `dist/${n} is missing: ${names.join(', ')}`);
  });

  for (const [what, re] of FORBIDDEN) {
    it(`never use ${what}`, () => {
      const hits = files.flatMap((f) => {
        const text = readFileSync(f, 'utf8');
        const m = re.exec(text);
        return m ? [`${relative(dist, f)}: ${text.slice(Math.max(0, m.index - 60), m.index + 60).replace(/\s+/g, ' ')}`] : [];
      });
      assert.deepEqual(hits, []);
    });
  }

  it('the editor bundles load no Node module but buffer and process (files go through vscode.workspace.fs)', () => {
    const used: string[] = [];
    for (const f of files.filter((x) => relative(dist, x) !== 'cli.js')) {
      for (const m of readFileSync(f, 'utf8').matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
        const name = m[1].replace(/^node:/, '');
        if (!EDITOR_MODULES.has(name) && !BUNDLE_MODULES[relative(dist, f)]?.includes(name) && !name.startsWith('./') && !name.startsWith('../')) used.push(`${relative(dist, f)}: ${m[1]}`);
      }
    }
    assert.deepEqual(used, []);
  });

  it('the extension carries @vscode/l10n once, in features.js (extension.js loads it on demand): a lazy format file with its own copy would not see the configured translations', () => {
    const marker = 'expected a string as the first argument to l10n.t';
    const editor = files.filter((f) => relative(dist, f) !== 'cli.js');
    const holding = editor.filter((f) => readFileSync(f, 'utf8').includes(marker)).map((f) => relative(dist, f).replace(/\\/g, '/'));
    // The quick-fix thread has a module instance of its own, configured with the same translations when it starts.
    assert.deepEqual(holding.sort(), ['features.js', 'fixWorker.js', 'web/extension.js']);
  });

  it('package.json declares what the bundles allow: virtual workspaces, and untrusted ones with the scan settings restricted', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'));
    assert.equal(pkg.capabilities?.virtualWorkspaces, true);
    const u = pkg.capabilities?.untrustedWorkspaces;
    assert.equal(u?.supported, 'limited');
    assert.ok(typeof u.description === 'string' && u.description.length > 20);
    const settings = Object.keys(pkg.contributes.configuration.properties);
    for (const s of u.restrictedConfigurations) assert.ok(settings.includes(s), `${s} is not a setting`);
    assert.deepEqual([...u.restrictedConfigurations].sort(), ['containerOrVm.exclude', 'containerOrVm.maxFileSize']);
  });
});
