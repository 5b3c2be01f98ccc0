// The npm package as `npm pack` makes it and `npm install` installs it into an empty folder: only
// runtime files inside, a working `container-or-vm` command (also through npx) that prints the
// package's version, and the pre-commit hooks (.pre-commit-hooks.yaml) running what they name.
// Packs the dist/cli.js the test build has just made (--ignore-scripts: the prepack build would
// rewrite dist/ under other running commands) and installs it offline: dist/cli.js bundles every
// dependency, so the package declares none and nothing is fetched.
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../fuzz/inputs';

const root = repoRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
};

const npm = (args: string[], cwd: string): SpawnSyncReturns<string> =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

interface PackFile {
  path: string;
  mode: number;
}

describe('the npm package', function () {
  this.timeout(120_000);
  let dir: string;
  let files: PackFile[];
  let app: string;
  let bin: string;
  const run = (args: string[], cwd = app) => spawnSync(bin, args, { cwd, encoding: 'utf8' });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'container-or-vm-npm-'));
    const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
    assert.equal(packed.status, 0, `npm pack failed:\n${packed.stderr}`);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: PackFile[] }>;
    files = info.files;
    app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true }\n');
    const installed = npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, info.filename)], app);
    assert.equal(installed.status, 0, `npm install of the tarball failed:\n${installed.stderr}`);
    bin = join(app, 'node_modules', '.bin', 'container-or-vm');
    const work = join(app, 'work');
    mkdirSync(join(work, 'svc'), { recursive: true });
    writeFileSync(join(work, 'svc', 'Dockerfile'), 'FROM alpine:3.20\nRUN modprobe br_netfilter\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds only runtime files: the CLI bundle, the manifest, README and LICENSE (and a JSON Schema if one ships)', () => {
    const paths = files.map((f) => f.path).sort();
    assert.ok(paths.includes('dist/cli.js'), `no dist/cli.js in ${paths.join(', ')}`);
    for (const must of ['package.json', 'README.md', 'LICENSE']) assert.ok(paths.includes(must), `${must} is not in the package`);
    const extra = paths.filter((p) => !['dist/cli.js', 'package.json', 'README.md', 'LICENSE'].includes(p) && !/\.schema\.json$/.test(p));
    assert.deepEqual(extra, [], 'files in the package beyond the runtime ones');
  });

  it('declares the container-or-vm command, an executable script with a node shebang, and no dependency to fetch', () => {
    assert.deepEqual(pkg.bin, { 'container-or-vm': 'dist/cli.js' });
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'dist/cli.js bundles its dependencies; declaring them makes every install fetch them');
    const cli = files.find((f) => f.path === 'dist/cli.js')!;
    assert.equal(cli.mode & 0o111, 0o111, `dist/cli.js mode ${cli.mode.toString(8)} is not executable`);
    const installed = readFileSync(join(app, 'node_modules', 'container-or-vm', 'dist', 'cli.js'), 'utf8');
    assert.ok(installed.startsWith('#!/usr/bin/env node\n'), 'dist/cli.js does not start with #!/usr/bin/env node');
    assert.deepEqual(readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.')), ['container-or-vm'], 'installing the package installed other packages');
    assert.match(pkg.scripts.prepack, /esbuild\.mjs\b.*--cli\b/, 'npm pack must build dist/cli.js first (prepack)');
  });

  it('prints the version from package.json with --version and -V', () => {
    for (const flag of ['--version', '-V']) {
      const r = run([flag]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `${pkg.version}\n`);
    }
  });

  it('advises on a folder, from node_modules/.bin and through npx', () => {
    const r = run(['advise', 'work']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Overall: vm /m);
    const j = run(['advise', 'work', '--format', 'json']);
    const report = JSON.parse(j.stdout) as { verdict: string; workloads: Array<{ file: string }> };
    assert.equal(report.verdict, 'vm');
    assert.deepEqual(report.workloads.map((w) => w.file), ['svc/Dockerfile']);
    const x = spawnSync('npx', ['--offline', '--no-install', 'container-or-vm', 'advise', '.'], { cwd: join(app, 'work'), encoding: 'utf8' });
    assert.equal(x.status, 0, x.stderr);
    assert.match(x.stdout, /^Overall: vm /m);
  });

  describe('the pre-commit hooks', () => {
    interface Hook {
      id: string;
      entry: string;
      language: string;
      pass_filenames?: boolean;
    }
    const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    const hook = (id: string): Hook => {
      const h = hooks.find((x) => x.id === id);
      assert.ok(h, `no hook ${id}`);
      return h;
    };
    /** Runs a hook's entry as pre-commit does: in the repository's root, with the package's command. */
    const runHook = (h: Hook, cwd: string) => {
      const [command, ...args] = h.entry.split(/\s+/);
      assert.equal(command, 'container-or-vm');
      assert.equal(h.language, 'node');
      assert.equal(h.pass_filenames, false);
      return run(args, cwd);
    };

    it('container-or-vm-advise fails on a VM workload and passes on a container', () => {
      const h = hook('container-or-vm-advise');
      const vm = runHook(h, join(app, 'work'));
      assert.equal(vm.status, 1, vm.stderr);
      assert.match(vm.stdout, /^Overall: vm /m);
      const ok = join(dir, 'ok');
      mkdirSync(ok);
      writeFileSync(join(ok, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\nCMD ["/app"]\n');
      const container = runHook(h, ok);
      assert.equal(container.status, 0, container.stdout + container.stderr);
    });

    it('container-or-vm-fix writes the fixes and fails so the commit is looked at again', () => {
      const h = hook('container-or-vm-fix');
      const repo = join(dir, 'fixme');
      mkdirSync(repo);
      writeFileSync(join(repo, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo hi\n');
      const first = runHook(h, repo);
      assert.equal(first.status, 1, first.stderr);
      assert.match(readFileSync(join(repo, 'Dockerfile'), 'utf8'), /^USER 10001$/m);
      const again = runHook(h, repo);
      assert.equal(again.status, 0, again.stderr);
    });
  });
});
