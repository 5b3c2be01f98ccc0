// Activation loads only the registrations: the built dist/extension.js, run against the stand-in
// VS Code API of test/unit/helpers/fakeVscode.ts, registers every command, both panel serializers
// and the providers without loading dist/features.js; the first call that needs a feature loads it
// once and answers as the extension always did. `npm run test:unit` builds dist/ first.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import * as vm from 'node:vm';
import { CONFIG_FILE_NAME } from '../../src/core/config/projectConfig';
import { repoRoot } from '../fuzz/inputs';
import { fakeVscode, type Fake, type FakeDocument } from './helpers/fakeVscode';

const dist = join(repoRoot(), 'dist');

/** Runs a CommonJS bundle the way Node does, with `vscode` answered by the fake; records every file of dist/ it loads. */
function loader(fake: Fake) {
  const modules = new Map<string, { exports: Record<string, unknown> }>();
  const loaded: string[] = [];
  const load = (file: string): Record<string, unknown> => {
    const known = modules.get(file);
    if (known) return known.exports;
    loaded.push(relative(dist, file).replace(/\\/g, '/'));
    const module = { exports: {} as Record<string, unknown> };
    modules.set(file, module);
    const wrapped = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: file });
    const req = (id: string) => (id === 'vscode' ? fake.api : id.startsWith('./') || id.startsWith('../') ? load(join(dirname(file), id)) : require(id));
    wrapped(module.exports, req, module, file, dirname(file));
    return module.exports;
  };
  return { load, loaded };
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('activation (dist/extension.js)', () => {
  let fake: Fake;
  let subscriptions: { dispose(): unknown }[];
  let run: ReturnType<typeof loader>;
  const watched: string[] = [];
  const openListeners: ((doc: FakeDocument) => void)[] = [];

  beforeEach(() => {
    assert.ok(existsSync(join(dist, 'extension.js')), 'dist/extension.js is missing: build first (node esbuild.mjs)');
    fake = fakeVscode();
    const workspace = fake.api.workspace as Record<string, unknown>;
    const createWatcher = workspace.createFileSystemWatcher as (glob: string) => unknown;
    const onOpen = workspace.onDidOpenTextDocument as (l: (doc: FakeDocument) => void) => { dispose(): void };
    watched.length = 0;
    openListeners.length = 0;
    workspace.createFileSystemWatcher = (glob: string) => (watched.push(glob), createWatcher(glob));
    workspace.onDidOpenTextDocument = (l: (doc: FakeDocument) => void) => {
      openListeners.push(l);
      const d = onOpen(l);
      return { dispose: () => (openListeners.splice(openListeners.indexOf(l), 1), d.dispose()) };
    };
    run = loader(fake);
    const ext = run.load(join(dist, 'extension.js')) as { activate(c: unknown): void };
    subscriptions = [];
    ext.activate({ subscriptions, workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] }, extensionUri: (fake.api.Uri as { file(p: string): unknown }).file('/ext') });
  });
  afterEach(() => subscriptions.forEach((d) => d.dispose()));

  it('registers every command, a serializer for every onWebviewPanel event, the hover and the CodeLens, and loads nothing else', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { activationEvents: string[]; contributes: { commands: { command: string }[] } };
    assert.deepEqual([...fake.commands.keys()].sort(), pkg.contributes.commands.map((c) => c.command).sort());
    assert.deepEqual([...fake.serializers].sort(), pkg.activationEvents.filter((e) => e.startsWith('onWebviewPanel:')).map((e) => e.slice('onWebviewPanel:'.length)).sort());
    assert.equal(fake.hoverProviders.length, 1);
    assert.equal(fake.codeLensProviders.length, 1);
    assert.deepEqual(watched, [], 'activate() itself starts no watcher');
    await nextTurn();
    // Right after: the only watcher is the project config file's (the advisor's recursive one starts
    // with a scan), and with no document open and no folder nothing needs the features yet.
    assert.deepEqual(watched, [`**/${CONFIG_FILE_NAME}`]);
    assert.deepEqual(run.loaded, ['extension.js']);
  });

  it('loads the features once, on the first hover, and hovers as before', async () => {
    const doc = fake.document('/ws/Dockerfile', 'dockerfile', 'FROM debian:bookworm\nUSER root\nCMD ["bash"]\n');
    const hover = (await fake.hoverProviders[0].provideHover(doc, new fake.Position(1, 1), {})) as { contents: { value: string } | { value: string }[] } | undefined;
    assert.ok(hover, 'a hover on USER');
    const text = [hover.contents].flat().map((c) => c.value).join('\n');
    assert.match(text, /USER/);
    assert.ok(run.loaded.includes('features.js'), run.loaded.join(', '));
    assert.ok(run.loaded.includes('lazy/dockerfile.js'), 'the Dockerfile reader, on first use');
    const lenses = (await fake.codeLensProviders[0].provideCodeLenses(doc, {})) as { command?: { command: string } }[];
    assert.ok(lenses.some((l) => l.command?.command === 'containerOrVm.openComparison'), JSON.stringify(lenses));
    assert.equal(run.loaded.filter((f) => f === 'features.js').length, 1);
  });

  it('loads the features when a document of a supported format opens (its diagnostics), not for another', async () => {
    for (const l of [...openListeners]) l(fake.document('/ws/notes.txt', 'plaintext', 'hello\n'));
    assert.ok(!run.loaded.includes('features.js'), 'a plain text file needs nothing');
    for (const l of [...openListeners]) l(fake.document('/ws/Dockerfile', 'dockerfile', 'FROM debian:bookworm\n'));
    assert.ok(run.loaded.includes('features.js'), run.loaded.join(', '));
  });

  it('a command loads the features and runs its handler', async () => {
    // No folder open: the advisor says so and returns nothing, as it always did.
    assert.equal(await fake.commands.get('containerOrVm.advise')!(), undefined);
    assert.ok(run.loaded.includes('features.js'));
    assert.equal(basename(run.loaded[0]), 'extension.js');
  });

  it('loads the features right after activation when a workspace folder has a config file (its errors are shown on it), not without one', async () => {
    for (const has of [false, true]) {
      const f = fakeVscode();
      const workspace = f.api.workspace as Record<string, unknown>;
      const folder = (f.api.Uri as { file(p: string): { path: string } }).file('/ws');
      const config = `/ws/${CONFIG_FILE_NAME}`;
      workspace.workspaceFolders = [{ uri: folder, name: 'ws', index: 0 }];
      const missing = () => Object.assign(new Error('no such file'), { code: 'FileNotFound' });
      workspace.fs = {
        stat: async (u: { path: string }) => {
          if (has && u.path === config) return { type: 1, size: 10, mtime: 1, ctime: 1 };
          throw missing();
        },
        readFile: async (u: { path: string }) => {
          if (has && u.path === config) return new TextEncoder().encode('fail-on: vm\n');
          throw missing();
        },
      };
      const r = loader(f);
      const subs: { dispose(): unknown }[] = [];
      (r.load(join(dist, 'extension.js')) as { activate(c: unknown): void }).activate({ subscriptions: subs, workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] }, extensionUri: folder });
      try {
        assert.deepEqual(r.loaded, ['extension.js']);
        await nextTurn();
        await nextTurn();
        assert.equal(r.loaded.includes('features.js'), has, `config file ${has ? 'present' : 'absent'}: ${r.loaded.join(', ')}`);
      } finally {
        subs.forEach((d) => d.dispose());
      }
    }
  });
});
