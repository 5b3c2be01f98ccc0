// `container-or-vm advise` as a user runs it: the built CLI in a child process, and the same
// subcommand in-process with a synthetic signal set for the verdict-dependent exit codes.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { makeAdviseCommand } from '../../src/cli/advise';
import type { CliIO } from '../../src/cli/io';
import { fakeDeps } from './helpers/fakeFormats';

const repo = join(__dirname, '..', '..', '..');
const cli = join(repo, 'out', 'test', 'cli-advise', 'cli.js');

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'advise-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function runInProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') };
  const code = await makeAdviseCommand(fakeDeps).run(args, io);
  return { code, out, err };
}

describe('cli advise', () => {
  let ws: string;
  before(() => {
    // Bundle the CLI from the current sources so the test never runs a stale dist/.
    execFileSync(join(repo, 'node_modules', '.bin', process.platform === 'win32' ? 'esbuild.cmd' : 'esbuild'), ['src/cli.ts', '--bundle', '--platform=node', '--format=cjs', `--outfile=${cli}`, '--log-level=warning'], { cwd: repo });
    ws = workspace({
      'compose.yaml': 'services:\n  web:\n    build: ./app\n    ports: ["8080:80"]\n  db:\n    image: postgres:16\n',
      'app/Dockerfile': 'FROM python:3.12-slim\nUSER 1000\nCMD ["python", "app.py"]\n',
      'legacy/Dockerfile': 'FROM ubuntu:22.04\n',
      'node_modules/x/Dockerfile': 'FROM nope\n',
      'src/main.py': 'print(1)\n',
    });
  });
  after(() => ws && rmSync(ws, { recursive: true, force: true }));

  it('prints the documented JSON and exits 0', () => {
    const r = run('advise', ws, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    for (const k of ['version', 'root', 'verdict', 'workloads', 'skipped', 'stats']) assert.ok(k in j, k);
    assert.equal(j.root, ws);
    assert.ok(['container', 'container-hardened', 'sandboxed', 'vm'].includes(j.verdict));
    for (const k of ['files', 'configFiles', 'ms']) assert.equal(typeof j.stats[k], 'number', k);
    assert.equal(j.stats.configFiles, 3);
    const names = j.workloads.map((w: { name: string; file: string }) => `${w.name}@${w.file}`).sort();
    // web is built from app/Dockerfile: one workload, and the Dockerfile does not stand alone.
    assert.deepEqual(names.filter((n: string) => !n.startsWith('legacy')), ['db@compose.yaml', 'web@compose.yaml']);
    assert.ok(names.some((n: string) => n.endsWith('@legacy/Dockerfile')));
    for (const w of j.workloads) {
      for (const k of ['name', 'kind', 'file', 'line', 'verdict', 'confidence', 'signals']) assert.ok(k in w, `workload.${k}`);
      assert.ok(Number.isInteger(w.line) && w.line >= 1);
      assert.ok(w.confidence >= 0 && w.confidence <= 1);
      assert.ok(!w.file.startsWith('/'));
      for (const s of w.signals) {
        for (const k of ['id', 'direction', 'file', 'line', 'message', 'dimension', 'sources']) assert.ok(k in s, `signal.${k}`);
        assert.ok(s.line >= 1);
      }
    }
    assert.deepEqual(j.skipped, [{ file: 'node_modules', reason: 'node_modules folder not scanned (dependencies, caches or version control)', kind: 'default-folder' }]);
  });

  it('honours --exclude and lists what it left out', () => {
    const r = run('advise', ws, '--format', 'json', '--exclude', 'legacy/**', '--exclude=**/*.py');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.ok(!j.workloads.some((w: { file: string }) => w.file.startsWith('legacy/')));
    assert.ok(j.skipped.some((s: { file: string; reason: string }) => s.file === 'legacy' && /legacy\/\*\*/.test(s.reason)));
  });

  it('prints a readable summary by default', () => {
    const r = run('advise', ws);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Overall: (container|container-hardened|sandboxed|vm) /m);
    assert.match(r.out, /^web {2}\(compose-service, compose\.yaml:2 \+ app\/Dockerfile\)$/m);
    assert.match(r.out, /verdict: \S+ {3}confidence \d\.\d\d/);
    assert.match(r.out, /^1 folder of dependencies, caches or version control not scanned \(node_modules ×1\)/m);
  });

  it('prints a Markdown report', () => {
    const r = run('advise', ws, '--format', 'markdown');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^# Container or VM\?$/m);
    assert.match(r.out, /^\| web \| product \| compose-service \| `compose.yaml:2` \|/m);
  });

  for (const args of [['--help'], ['-h'], ['help'], ['.', '--format', 'json', '--help']]) {
    it(`prints its usage on stdout and exits 0 for advise ${args.join(' ')}`, () => {
      const r = run('advise', ...args);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      assert.match(r.out, /^usage: container-or-vm advise \[PATH\] \[--format text\|json\|markdown\|sarif\] \[--fail-on container-hardened\|sandboxed\|vm\]/);
      assert.match(r.out, /^Exit codes: 0 done; 1 with --fail-on: .*\(unless --allow-incomplete\); 2 bad usage/m);
    });
  }

  const bad: [string, string[], RegExp][] = [
    ['a folder named -h after --', ['advise', '--', '-h'], /-h: no such folder/],
    ['help with another argument', ['advise', 'help', 'x'], /one folder/],
    ['a missing folder', ['advise', '/no/such/folder/anywhere'], /no such folder/],
    ['a file where a folder is expected', ['advise', '@FILE'], /not a folder/],
    ['an unknown format', ['advise', '.', '--format', 'xml'], /--format must be one of text, json, markdown, sarif/],
    ['an unknown --fail-on', ['advise', '.', '--fail-on', 'container'], /--fail-on must be one of container-hardened, sandboxed, vm/],
    ['an unknown option', ['advise', '--deep'], /unknown option --deep/],
    ['two folders', ['advise', 'a', 'b'], /one folder/],
    ['--exclude without a value', ['advise', '.', '--exclude'], /--exclude needs a value/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one line on stderr for ${what}`, () => {
      const r = run(...args.map((a) => (a === '@FILE' ? join(ws, 'compose.yaml') : a)));
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /\n\s+at /);
    });
  }

  it('exits 1 when a workload is at or past --fail-on, 0 below it', async () => {
    const dir = workspace({ 'compose.yaml': 'service web\n  build .\n', 'Dockerfile': 'FROM x\nRUN !t.privileged\n', 'other/Dockerfile': 'FROM y\n' });
    try {
      assert.equal((await runInProcess([dir, '--fail-on', 'container-hardened'])).code, 1);
      assert.equal((await runInProcess([dir, '--fail-on', 'sandboxed'])).code, 0);
      assert.equal((await runInProcess([dir, '--fail-on', 'vm'])).code, 0);
      assert.equal((await runInProcess([dir])).code, 0);
      const text = (await runInProcess([dir, '--fail-on', 'container-hardened'])).out;
      assert.match(text, /Overall: container-hardened/);
      assert.match(text, /\[harden\] t\.privileged \(Dockerfile:2\): reason of t\.privileged/);
      assert.match(text, /Drop privileged: true and add only the capabilities it needs → container/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with the real catalogue: a Vagrant machine is a VM, a privileged service a hardening problem', () => {
    const dir = workspace({
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      'Vagrantfile': 'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\nend\n',
    });
    try {
      const r = run('advise', dir, '--format', 'json', '--fail-on', 'vm');
      assert.equal(r.code, 1, r.err);
      const j = JSON.parse(r.out);
      assert.equal(j.verdict, 'vm');
      const web = j.workloads.find((w: { name: string }) => w.name === 'web');
      assert.equal(web.verdict, 'container-hardened');
      const privileged = web.signals.find((s: { id: string }) => s.id === 'hardening.privileged');
      assert.deepEqual([privileged.file, privileged.line, privileged.direction], ['compose.yaml', 4, 'harden']);
      assert.ok(privileged.sources.length > 0 && privileged.sources.every((c: { doc: string; title: string; section: string }) => c.doc && c.title && c.section));
      assert.ok(web.changes.some((c: string) => c.endsWith('→ container')));
      assert.equal(j.workloads.find((w: { kind: string }) => w.kind === 'vagrant-machine')?.verdict, 'vm');
      assert.equal(run('advise', dir, '--fail-on', 'container-hardened').code, 1);
      const sarif = JSON.parse(run('advise', dir, '--format', 'sarif').out);
      assert.ok(sarif.runs[0].results.some((x: { ruleId: string; level: string }) => x.ruleId === 'hardening.privileged' && x.level === 'warning'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows control characters from file names instead of obeying them', async () => {
    const dir = workspace({ 'evil\u001b[31m/Dockerfile': 'FROM x\n' });
    try {
      const r = await runInProcess([dir]);
      assert.ok(!r.out.includes('\u001b'));
      assert.match(r.out, /evil\\u001b\[31m/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
