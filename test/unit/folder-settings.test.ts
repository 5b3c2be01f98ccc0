// Settings that differ per workspace folder, as a person with a multi-root workspace meets them:
// each folder's containerOrVm.exclude and containerOrVm.maxFileSize apply to that folder's files
// only, and files.exclude is matched as VS Code matches it, from the folder (a name alone is only the
// folder's own entry; `**/` reaches any depth). Then the editor's scan reads them per folder through
// the VS Code API (bench/fakeVscode's stand-in, with a workspace of two folders over a MemoryFs), and
// starts its recursive file watcher only with the first scan.
import '../../bench/fakeVscode'; // first: `require('vscode')` below must find the stand-in
import * as assert from 'node:assert/strict';
import { fakeVscode } from '../../bench/fakeVscode';
import { AdviceService } from '../../src/advisor/adviceService';
import { adviseWorkspace, type AdviceReport } from '../../src/core/advisor/advise';
import { compileFolderGlob, compileGlob } from '../../src/core/advisor/glob';
import { MemoryFs, type MemoryTree } from '../../src/core/memoryFs';
import { corpusFiles } from '../fuzz/inputs';

/** A real Dockerfile from the corpus (its origin is in /work/shared/corpus/MANIFEST.tsv). */
const DOCKERFILE = corpusFiles().find((c) => c.format === 'dockerfile' && c.text.length < 900)!.text;

/** Two folders: `app` and `lib`, each with a Dockerfile at the root, in gen/, in sub/gen/ and a large one. */
function tree(): MemoryTree {
  const folder = (): MemoryTree => ({
    Dockerfile: DOCKERFILE,
    gen: { Dockerfile: DOCKERFILE },
    sub: { gen: { Dockerfile: DOCKERFILE } },
    big: { Dockerfile: DOCKERFILE + '#'.repeat(8192) + '\n' },
  });
  return { ws: { app: folder(), lib: folder() } };
}

const workloadFiles = (r: AdviceReport) => r.workloads.map((w) => w.file).sort();
const skips = (r: AdviceReport) => r.skipped.map((s) => `${s.file}: ${s.kind}`).sort();

describe('glob: files.exclude as VS Code matches it', () => {
  it('a name alone is only the folder\'s own entry; **/ reaches any depth; a path is from the folder', () => {
    const m = compileFolderGlob('gen');
    assert.equal(m('gen'), true);
    assert.equal(m('sub/gen'), false);
    assert.equal(compileFolderGlob('*.log')('a.log'), true);
    assert.equal(compileFolderGlob('*.log')('logs/a.log'), false);
    assert.equal(compileFolderGlob('**/gen')('sub/gen'), true);
    assert.equal(compileFolderGlob('**/gen')('gen'), true);
    assert.equal(compileFolderGlob('sub/*/Dockerfile')('sub/gen/Dockerfile'), true);
    assert.equal(compileFolderGlob('sub/*/Dockerfile')('x/sub/gen/Dockerfile'), false);
    // The extension's own exclude setting keeps its documented meaning: a name alone at any depth.
    assert.equal(compileGlob('gen')('sub/gen'), true);
  });
});

describe('adviseWorkspace: each root with its own settings (perRoot)', () => {
  it('applies each folder\'s exclusions, files.exclude and size limit to that folder only', async () => {
    const fs = new MemoryFs(tree());
    const r = await adviseWorkspace(fs, ['/ws/app', '/ws/lib'], {
      perRoot: [
        { folderExclude: ['gen'], maxFileSize: 1024 },
        { exclude: ['sub'], maxFileSize: 64 * 1024 },
      ],
    });
    assert.deepEqual(workloadFiles(r), ['app/Dockerfile', 'app/sub/gen/Dockerfile', 'lib/Dockerfile', 'lib/big/Dockerfile', 'lib/gen/Dockerfile']);
    assert.deepEqual(skips(r), ['app/big/Dockerfile: too-large', 'app/gen: excluded', 'lib/sub: excluded']);
    assert.match(r.skipped.find((s) => s.file === 'app/gen')!.reason, /excluded by the pattern gen$/);
    assert.match(r.skipped.find((s) => s.file === 'app/big/Dockerfile')!.reason, /larger than the 1\.0 KB limit/);
    // Nothing under an excluded folder was read.
    assert.deepEqual([...fs.reads.keys()].filter((p) => p.startsWith('/ws/app/gen/') || p.startsWith('/ws/lib/sub/')), []);
  });

  it('**/ in files.exclude reaches every depth of its folder', async () => {
    const r = await adviseWorkspace(new MemoryFs(tree()), ['/ws/app'], { perRoot: [{ folderExclude: ['**/gen'] }] });
    assert.deepEqual(workloadFiles(r), ['Dockerfile', 'big/Dockerfile']);
  });
});

// ---------------------------------------------------------------------------------------------
// The editor's scan, through the VS Code API.

interface FakeUri {
  scheme: string;
  authority: string;
  path: string;
  fsPath: string;
  with(c: { path?: string }): FakeUri;
  toString(): string;
}

const uri = (path: string): FakeUri => ({
  scheme: 'file',
  authority: '',
  path,
  fsPath: path,
  with: (c) => uri(c.path ?? path),
  toString: () => `file://${path}`,
});

/** A workspace of the two folders over `fs`, whose settings answer per folder (the folder's, else the workspace's). */
function fakeWorkspace(fs: MemoryFs, settings: { workspace: Record<string, unknown>; folders: Record<string, Record<string, unknown>> }) {
  const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };
  const watchers: string[] = [];
  const folders = ['app', 'lib'].map((name, index) => ({ name, index, uri: uri(`/ws/${name}`) }));
  const none = () => ({ dispose() {} });
  const workspace = {
    workspaceFolders: folders,
    textDocuments: [],
    getWorkspaceFolder: (u: FakeUri) => folders.find((f) => u.path.startsWith(f.uri.path + '/')),
    getConfiguration: (section: string, scope?: FakeUri) => ({
      get: (key: string, fallback?: unknown) => {
        const full = `${section}.${key}`;
        const own = scope ? settings.folders[scope.path]?.[full] : undefined;
        return own ?? settings.workspace[full] ?? fallback;
      },
    }),
    fs: {
      readDirectory: async (u: FakeUri) =>
        (await fs.readDir(u.path)).map((e) => [e.name, e.type === 'dir' ? FileType.Directory : e.type === 'file' ? FileType.File : e.type === 'symlink' ? FileType.SymbolicLink : 0]),
      stat: async (u: FakeUri) => {
        const s = await fs.stat(u.path);
        return { type: s.type === 'dir' ? FileType.Directory : FileType.File, size: s.size, mtime: s.mtimeMs ?? 0, ctime: 0 };
      },
      readFile: async (u: FakeUri) => fs.readFile(u.path),
    },
    createFileSystemWatcher: (glob: string) => {
      watchers.push(glob);
      return { onDidChange: none, onDidCreate: none, onDidDelete: none, dispose() {} };
    },
    onDidChangeWorkspaceFolders: none,
    onDidChangeConfiguration: none,
    onDidSaveTextDocument: none,
  };
  return { workspace, FileType, watchers };
}

describe('the editor\'s scan: per-folder settings and the file watcher', () => {
  const saved = { workspace: fakeVscode.workspace, FileType: fakeVscode.FileType };
  afterEach(() => Object.assign(fakeVscode, saved));

  const log = { info() {}, debug() {}, warn() {}, error() {}, trace() {} } as never;

  it('reads containerOrVm.exclude, maxFileSize and files.exclude of each folder for that folder', async () => {
    const fake = fakeWorkspace(new MemoryFs(tree()), {
      // The workspace's own: 4 KB for every folder unless the folder says otherwise.
      workspace: { 'containerOrVm.maxFileSize': 4 },
      folders: {
        '/ws/app': { 'files.exclude': { gen: true, '**/*.tmp': true, sub: false } },
        '/ws/lib': { 'containerOrVm.exclude': ['sub'], 'containerOrVm.maxFileSize': 64 },
      },
    });
    Object.assign(fakeVscode, { workspace: fake.workspace, FileType: fake.FileType });
    const service = new AdviceService(log);
    try {
      const r = await service.run();
      assert.ok(r);
      assert.deepEqual(workloadFiles(r), ['app/Dockerfile', 'app/sub/gen/Dockerfile', 'lib/Dockerfile', 'lib/big/Dockerfile', 'lib/gen/Dockerfile']);
      assert.deepEqual(skips(r), ['app/big/Dockerfile: too-large', 'app/gen: excluded', 'lib/sub: excluded']);
      assert.match(r.skipped.find((s) => s.file === 'app/big/Dockerfile')!.reason, /the 4\.0 KB limit/);
    } finally {
      service.dispose();
    }
  });

  it('starts no file watcher until the first scan, and one with it', async () => {
    const fake = fakeWorkspace(new MemoryFs(tree()), { workspace: {}, folders: {} });
    Object.assign(fakeVscode, { workspace: fake.workspace, FileType: fake.FileType });
    const service = new AdviceService(log);
    try {
      assert.deepEqual(fake.watchers, []);
      await service.run();
      assert.deepEqual(fake.watchers, ['**/*']);
      await service.run();
      assert.deepEqual(fake.watchers, ['**/*'], 'one watcher, however many scans');
    } finally {
      service.dispose();
    }
  });
});
