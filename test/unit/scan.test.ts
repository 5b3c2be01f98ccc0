import * as assert from 'node:assert/strict';
import { adviseWorkspace, RootError } from '../../src/core/advisor/advise';
import { compileGlob } from '../../src/core/advisor/glob';
import { decodeText, exclusionsHidingScannedFiles, walk } from '../../src/core/advisor/scan';
import { MemoryFs } from '../../src/core/memoryFs';
import { fakeDeps } from './helpers/fakeFormats';

const reasonOf = (skipped: { file: string; reason: string }[], file: string) => skipped.find((s) => s.file === file)?.reason;

function hostileTree(): MemoryFs {
  const big = 'x'.repeat(3 * 1024 * 1024);
  const fs = new MemoryFs({
    ws: {
      'Dockerfile': 'FROM alpine\n',
      app: { 'Dockerfile': 'FROM node:20\nRUN x !t.root\n', 'main.js': 'console.log(1)\n' },
      'huge.yaml': big,
      bin: { 'Dockerfile': new Uint8Array([0x46, 0x52, 0, 0x4f, 0x4d, 0xff]) },
      node_modules: { pkg: { 'Dockerfile': 'FROM evil\n' } },
      '.git': { 'Dockerfile': 'FROM evil\n' },
      loop: { again: { symlink: '/ws/loop' } },
      'dangling.yaml': { symlink: '/ws/nowhere.yaml' },
      'outside.yaml': { symlink: '/etc/compose.yaml' },
      'inside-link': { symlink: 'app/Dockerfile' },
      'Dockerfile.link': { symlink: 'app/Dockerfile' },
      'etc-link': { symlink: '/etc' },
      generated: { 'Dockerfile': 'FROM skipped\n' },
      'bom.Dockerfile': '\uFEFFFROM busybox\n',
    },
    etc: { 'compose.yaml': 'services:\n  x: {}\n' },
  });
  return fs;
}

describe('workspace scan', () => {
  it('lists every skipped file with its reason and never leaves the folder', async () => {
    const fs = hostileTree();
    const r = await adviseWorkspace(fs, ['/ws'], { exclude: ['generated/**'], deps: fakeDeps });
    assert.match(reasonOf(r.skipped, 'huge.yaml') ?? '', /larger than the 2\.0 MB limit \(3\.0 MB\)/);
    assert.match(reasonOf(r.skipped, 'bin/Dockerfile') ?? '', /binary/);
    assert.match(reasonOf(r.skipped, 'node_modules') ?? '', /not scanned/);
    assert.match(reasonOf(r.skipped, '.git') ?? '', /not scanned/);
    assert.match(reasonOf(r.skipped, 'loop/again') ?? '', /loop/);
    assert.match(reasonOf(r.skipped, 'dangling.yaml') ?? '', /broken symbolic link/);
    assert.match(reasonOf(r.skipped, 'outside.yaml') ?? '', /outside the scanned folder/);
    assert.match(reasonOf(r.skipped, 'etc-link') ?? '', /outside the scanned folder/);
    assert.match(reasonOf(r.skipped, 'generated') ?? '', /excluded by the pattern generated\/\*\*/);
    assert.equal(reasonOf(r.skipped, 'Dockerfile.link'), 'symbolic link to a file already in the workspace (app/Dockerfile)');
    // Nothing outside /ws, in node_modules, .git or the excluded folder was read.
    for (const path of fs.reads.keys()) assert.ok(path.startsWith('/ws/') && !/node_modules|\.git\/|generated|\/etc/.test(path), path);
    const files = r.workloads.map((w) => w.file).sort();
    assert.deepEqual(files, ['Dockerfile', 'app/Dockerfile', 'bom.Dockerfile']);
  });

  it('reads a file once when links inside the folder point to it: no workload twice', async () => {
    const fs = new MemoryFs({
      ws: {
        app: { 'Dockerfile': 'FROM node:20\n', 'compose.yaml': 'service web\n  build .\n' },
        'compose.yaml': { symlink: 'app/compose.yaml' },
        // Not a Dockerfile by its own name: read as one only through the links.
        shared: { 'base.txt': 'FROM alpine\n' },
        one: { 'Dockerfile': { symlink: '/ws/shared/base.txt' } },
        two: { 'Dockerfile': { symlink: '../shared/base.txt' } },
      },
    });
    const r = await adviseWorkspace(fs, ['/ws'], { deps: fakeDeps });
    assert.deepEqual(r.workloads.map((w) => `${w.name}@${w.file}`), ['web@app/compose.yaml', 'one@one/Dockerfile']);
    assert.deepEqual(
      r.skipped.map((s) => `${s.file}: ${s.kind}: ${s.reason}`),
      [
        'compose.yaml: link: symbolic link to a file already in the workspace (app/compose.yaml)',
        'two/Dockerfile: link: symbolic link to a file already in the workspace (shared/base.txt, read through one/Dockerfile)',
      ],
    );
    // Read by real path: the compose file once; base.txt as itself and as the Dockerfile one link names it.
    assert.deepEqual(Object.fromEntries([...fs.reads].sort()), { '/ws/app/Dockerfile': 1, '/ws/app/compose.yaml': 1, '/ws/shared/base.txt': 2 });
  });

  it('reads each file once and strips a byte-order mark', async () => {
    const fs = new MemoryFs({ ws: { 'a.Dockerfile': '\uFEFFFROM busybox\n', 'compose.yaml': 'service web\n  build .\n', 'Dockerfile': 'FROM x\n' } });
    const r = await adviseWorkspace(fs, ['/ws'], { deps: fakeDeps });
    assert.deepEqual([...fs.reads.values()], [1, 1, 1]);
    assert.equal(r.workloads.find((w) => w.file === 'a.Dockerfile')?.image, 'busybox');
  });

  it('replaces invalid UTF-8 and says so', async () => {
    const fs = new MemoryFs({ ws: { 'Dockerfile': new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xc3, 0x28, 0x0a]) } });
    const r = await adviseWorkspace(fs, ['/ws'], { deps: fakeDeps });
    assert.equal(r.workloads.length, 1);
    assert.match(r.notes.find((n) => n.file === 'Dockerfile')?.message ?? '', /not valid UTF-8/);
    assert.equal(decodeText(new Uint8Array([0xc3, 0x28])).text, '\uFFFD(');
  });

  it('honours a smaller size limit and name-only exclude patterns', async () => {
    const fs = new MemoryFs({ ws: { 'Dockerfile': 'FROM a\n' + '#'.repeat(200), sub: { 'compose.yml': 'service a\n', 'old.Dockerfile': 'FROM b\n' } } });
    const r = await adviseWorkspace(fs, ['/ws'], { maxFileSize: 100, exclude: ['*.Dockerfile'], deps: fakeDeps });
    assert.match(reasonOf(r.skipped, 'Dockerfile') ?? '', /larger than the 100 bytes limit/);
    assert.match(reasonOf(r.skipped, 'sub/old.Dockerfile') ?? '', /excluded by the pattern \*\.Dockerfile/);
    assert.deepEqual(r.workloads.map((w) => w.file), ['sub/compose.yml']);
  });

  it('rejects a root that is missing or a file', async () => {
    const fs = new MemoryFs({ ws: { 'Dockerfile': 'FROM a\n' } });
    await assert.rejects(adviseWorkspace(fs, ['/nope'], { deps: fakeDeps }), RootError);
    await assert.rejects(adviseWorkspace(fs, ['/ws/Dockerfile'], { deps: fakeDeps }), /not a folder/);
  });

  it('stops when cancelled', async () => {
    const fs = new MemoryFs({ ws: { a: { 'Dockerfile': 'FROM a\n' }, b: { 'Dockerfile': 'FROM b\n' } } });
    await assert.rejects(adviseWorkspace(fs, ['/ws'], { isCancelled: () => true, deps: fakeDeps }), /cancelled/);
  });

  it('reports progress with files seen and candidates', async () => {
    const fs = new MemoryFs({ ws: { 'Dockerfile': 'FROM a\n', 'x.js': '', 'y.js': '' } });
    const seen: number[] = [];
    await walk(fs, '/ws', { onProgress: (p) => seen.push(p.files * 10 + p.candidates) });
    assert.equal(seen[seen.length - 1], 31);
  });

  it('labels files by folder in a multi-folder scan', async () => {
    const fs = new MemoryFs({ one: { 'Dockerfile': 'FROM a\n' }, two: { 'Dockerfile': 'FROM b\n', big: { 'Dockerfile': 'FROM c\n' + '#'.repeat(50) } } });
    const r = await adviseWorkspace(fs, ['/one', '/two'], { maxFileSize: 40, deps: fakeDeps });
    assert.deepEqual(r.workloads.map((w) => w.file), ['one/Dockerfile', 'two/Dockerfile']);
    assert.deepEqual(r.skipped.map((s) => s.file), ['two/big/Dockerfile']);
    assert.deepEqual(r.roots, [{ label: 'one', path: '/one' }, { label: 'two', path: '/two' }]);
  });
});

describe('exclude globs', () => {
  const cases: [string, string, boolean][] = [
    ['**/node_modules', 'a/b/node_modules', true],
    ['**/node_modules', 'node_modules', true],
    ['**/*.log', 'x/y.log', true],
    ['*.log', 'deep/down/y.log', true],
    ['*.log', 'y.logs', false],
    ['deploy/**/*.yaml', 'deploy/a/b/c.yaml', true],
    ['deploy/**/*.yaml', 'deploy/c.yaml', true],
    ['deploy/**/*.yaml', 'other/deploy/c.yaml', false],
    ['build/**', 'build', true],
    ['build/**', 'build/x/y', true],
    ['build/**', 'builds/x', false],
    ['**/Dockerfile.{dev,test}', 'a/Dockerfile.dev', true],
    ['**/Dockerfile.{dev,test}', 'a/Dockerfile.prod', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false],
    ['[ab].yaml', 'b.yaml', true],
    ['[!ab].yaml', 'b.yaml', false],
    ['a/*.yaml', 'a/b/c.yaml', false],
    ['./a/b.yaml', 'a/b.yaml', true],
    ['a.b', 'axb', false],
  ];
  for (const [glob, path, want] of cases) {
    it(`${glob} ${want ? 'matches' : 'does not match'} ${path}`, () => assert.equal(compileGlob(glob)(path), want));
  }
});

describe('file watcher exclusions', () => {
  it('keeps only the files.watcherExclude patterns that can hide a file the scan reads', () => {
    const defaults = ['**/.git/objects/**', '**/.git/subtree-cache/**', '**/.hg/store/**', '**/node_modules/*/**'];
    assert.deepEqual(exclusionsHidingScannedFiles(defaults), []);
    assert.deepEqual(exclusionsHidingScannedFiles([...defaults, '**/deploy/**', 'build/**', '**/*.yaml']), ['**/deploy/**', 'build/**', '**/*.yaml']);
    assert.deepEqual(exclusionsHidingScannedFiles(['**/generated/**'], ['generated']), []);
  });
});
