// `container-or-vm fix` as a user runs it, through the CLI's main() on temporary folders: the diff it
// prints, its exit codes, and what --write leaves on disk (content, mode, line endings, links).
import * as assert from 'node:assert/strict';
import { chmodSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFixCommand } from '../../src/cli/fix';
import type { CliIO } from '../../src/cli/io';
import { writeFileAtomic, WriteRefused } from '../../src/node/atomicWrite';
import { tempWorkspaces } from './helpers/workspace';
import { runCli as run } from './helpers/cli';

const COMPOSE = 'services:\n  vpn:\n    image: linuxserver/wireguard:1\n    privileged: true\n  web:\n    image: nginx:1\n    privileged: true\n';
const COMPOSE_FIXED = 'services:\n  vpn:\n    image: linuxserver/wireguard:1\n    cap_add:\n      - NET_ADMIN\n  web:\n    image: nginx:1\n    privileged: true\n';
const DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n';
const USER_COMMENT = '# Unprivileged at run time: files the process writes must be writable by uid 10001.';
const WEB_WITHHELD =
  'hardening.privileged — not fixed: No fix is clearly right here; the editor offers: Remove `privileged: true` (nothing in the service shows a need for extra capabilities)';

const temp = tempWorkspaces('fix-');
const workspace = temp.make;

/** The diff's name for a path: as given, without the leading slash. */
const named = (path: string) => path.replace(/\\/g, '/').replace(/^\/+/, '');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('cli fix', () => {
  after(() => temp.cleanup());

  it('prints the diff of a compose fix, one line per fix and per withheld finding on stderr, and exits 1', async () => {
    const ws = workspace({ 'compose.yaml': COMPOSE });
    const file = join(ws, 'compose.yaml');
    const r = await run('fix', file);
    assert.equal(r.code, 1, r.err);
    const n = named(file);
    assert.equal(
      r.out,
      `--- a/${n}\n+++ b/${n}\n@@ -1,7 +1,8 @@\n services:\n   vpn:\n     image: linuxserver/wireguard:1\n-    privileged: true\n+    cap_add:\n+      - NET_ADMIN\n   web:\n     image: nginx:1\n     privileged: true\n`,
    );
    assert.equal(
      r.err,
      `${file}:4 hardening.privileged — Replace \`privileged: true\` with \`cap_add: [NET_ADMIN]\`\n${file}:7 ${WEB_WITHHELD}\n1 fix to apply in 1 file; run again with --write to apply them\n`,
    );
    assert.equal(readFileSync(file, 'utf8'), COMPOSE, 'without --write nothing is written');
  });

  it('prints the diff of a Dockerfile USER fix, with paths under the folder as given', async () => {
    const ws = workspace({ 'app/Dockerfile': DOCKERFILE, 'README.md': '# app\n' });
    const r = await run('fix', ws);
    assert.equal(r.code, 1, r.err);
    const n = named(`${ws}/app/Dockerfile`);
    assert.equal(
      r.out,
      `--- a/${n}\n+++ b/${n}\n@@ -2,4 +2,6 @@\n WORKDIR /app\n COPY . .\n RUN pip install -r requirements.txt\n+${USER_COMMENT}\n+USER 10001\n CMD ["python", "app.py"]\n`,
    );
    assert.equal(r.err, `${ws}/app/Dockerfile:1 hardening.root-user — Run as a non-root user: add \`USER 10001\`\n1 fix to apply in 1 file; run again with --write to apply them\n`);
  });

  it('shows a CRLF file without carriage returns and says when the last line has no line break', async () => {
    const ws = workspace({ Dockerfile: 'FROM python:3.12-slim\r\nCOPY . /app\r\nCMD ["python", "app.py"]' });
    const r = await run('fix', join(ws, 'Dockerfile'));
    assert.equal(r.code, 1, r.err);
    const n = named(join(ws, 'Dockerfile'));
    assert.equal(r.out, `--- a/${n}\n+++ b/${n}\n@@ -1,3 +1,5 @@\n FROM python:3.12-slim\n COPY . /app\n+${USER_COMMENT}\n+USER 10001\n CMD ["python", "app.py"]\n\\ No newline at end of file\n`);
  });

  it('exits 0 and prints nothing when nothing is to fix', async () => {
    const ws = workspace({ Dockerfile: 'FROM python:3.12-slim\nUSER 1000\nCMD ["python", "app.py"]\n', 'notes.txt': 'hello\n' });
    const r = await run('fix', ws);
    assert.deepEqual(r, { code: 0, out: '', err: '' });
  });

  it('exits 2 on bad usage, before any output', async () => {
    const ws = workspace({ 'compose.yaml': COMPOSE });
    for (const argv of [['fix'], ['fix', ws, '--signal', 'hardening.nope'], ['fix', ws, '--frobnicate'], ['fix', join(ws, 'missing.yaml')], ['fix', ws, '--write=yes'], ['fix', ws, '--max-file-size', 'big']]) {
      const r = await run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.out, '', argv.join(' '));
      assert.match(r.err, /^container-or-vm: [^\n]+\n$/, argv.join(' '));
    }
    const r = await run('fix', ws, '--signal', 'hardening.nope');
    assert.match(r.err, /unknown signal 'hardening\.nope' \(signals with fixes: [^)]*hardening\.privileged/);
    assert.equal(readFileSync(join(ws, 'compose.yaml'), 'utf8'), COMPOSE);
  });

  it('--write leaves exactly what the diff showed, keeps the mode and CRLF, and a second run finds nothing', async () => {
    const crlf = DOCKERFILE.replace(/\n/g, '\r\n');
    const ws = workspace({ 'compose.yaml': COMPOSE, 'svc/Dockerfile': crlf });
    chmodSync(join(ws, 'svc/Dockerfile'), 0o640);
    const shown = await run('fix', ws);
    const w = await run('fix', ws, '--write');
    assert.equal(w.code, 1, w.err);
    assert.equal(w.out, shown.out, 'the diff printed with --write is the one printed without');
    assert.match(w.err, /\n2 fixes applied in 2 files\n$/);
    // The withheld finding is told at its line in the file as it is now.
    assert.ok(w.err.includes(`${ws}/compose.yaml:8 ${WEB_WITHHELD}\n`), w.err);
    assert.equal(readFileSync(join(ws, 'compose.yaml'), 'utf8'), COMPOSE_FIXED);
    const df = readFileSync(join(ws, 'svc/Dockerfile'), 'utf8');
    assert.equal(df, crlf.replace('CMD [', `${USER_COMMENT}\r\nUSER 10001\r\nCMD [`));
    assert.equal(statSync(join(ws, 'svc/Dockerfile')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(join(ws, 'svc')), ['Dockerfile'], 'no temporary file left');
    const again = await run('fix', ws);
    assert.equal(again.code, 0);
    assert.equal(again.out, '');
    assert.equal(again.err, `${ws}/compose.yaml:8 ${WEB_WITHHELD}\n`);
    const third = await run('fix', ws, '--write');
    assert.equal(third.code, 0);
    assert.equal(readFileSync(join(ws, 'compose.yaml'), 'utf8'), COMPOSE_FIXED);
  });

  it('tells each line as it stands in the file: the original without --write, the fixed file with it', async () => {
    const two = COMPOSE.replace('  web:\n', '  vpn2:\n    image: linuxserver/wireguard:1\n    privileged: true\n  web:\n');
    const ws = workspace({ 'compose.yaml': two });
    const file = join(ws, 'compose.yaml');
    const lines = (err: string) => err.split('\n').filter((l) => l.startsWith(file)).map((l) => Number(l.slice(file.length + 1).split(' ')[0]));
    const shown = await run('fix', file);
    assert.deepEqual(lines(shown.err), [4, 7, 10]);
    assert.deepEqual(two.split('\n').filter((_, i) => [3, 6, 9].includes(i)), ['    privileged: true', '    privileged: true', '    privileged: true']);
    const w = await run('fix', file, '--write');
    assert.deepEqual(lines(w.err), [4, 8, 12]);
    const now = readFileSync(file, 'utf8').split('\n');
    assert.deepEqual([now[3], now[7], now[11]], ['    cap_add:', '    cap_add:', '    privileged: true']);
  });

  it('--write keeps a UTF-8 byte order mark', async () => {
    const ws = workspace({});
    const file = join(ws, 'Dockerfile');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DOCKERFILE)]));
    assert.equal((await run('fix', file, '--write')).code, 1);
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(bytes.subarray(3).toString('utf8'), /^FROM python:3\.12-slim\n[\s\S]*\nUSER 10001\nCMD/);
  });

  it('--signal keeps to the signals named, and applies a runtime class only when named', async () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: judge\nspec:\n  containers:\n  - name: run\n    image: judge0/judge0:1.13\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n';
    const ws = workspace({ 'compose.yaml': COMPOSE, Dockerfile: DOCKERFILE, 'pod.yaml': pod });
    const only = await run('fix', ws, '--signal', 'hardening.privileged');
    assert.equal(only.code, 1);
    assert.deepEqual(only.out.match(/^\+\+\+ .*$/gm), [`+++ b/${named(ws)}/compose.yaml`]);
    const user = await run('fix', ws, '--signal=hardening.root-user');
    assert.deepEqual(user.out.match(/^\+\+\+ .*$/gm), [`+++ b/${named(ws)}/Dockerfile`]);
    const plain = await run('fix', join(ws, 'pod.yaml'));
    assert.equal(plain.out, '');
    const runtime = await run('fix', join(ws, 'pod.yaml'), '--signal', 'sandboxing.code-execution', '--write');
    assert.equal(runtime.code, 1, runtime.err);
    assert.match(runtime.out, /^\+  runtimeClassName: gvisor$/m);
    assert.match(readFileSync(join(ws, 'pod.yaml'), 'utf8'), /\n  runtimeClassName: gvisor\n  containers:/);
    // Nothing else was written.
    assert.equal(readFileSync(join(ws, 'compose.yaml'), 'utf8'), COMPOSE);
    assert.equal(readFileSync(join(ws, 'Dockerfile'), 'utf8'), DOCKERFILE);
  });

  it('skips binary, oversized and unknown files with a note on stderr', async () => {
    const ws = workspace({ 'big/compose.yaml': COMPOSE + `# ${'x'.repeat(2048)}\n`, 'notes.txt': 'hello\n' });
    writeFileSync(join(ws, 'bin.Dockerfile'), Buffer.from('FROM x\n\0\0'));
    const r = await run('fix', ws, '--max-file-size', '1KB');
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    assert.equal(r.err, `${ws}/big/compose.yaml: skipped: larger than the 1.0 KB limit (2.1 KB); give --max-file-size to read it\n${ws}/bin.Dockerfile: skipped: binary content (NUL bytes), not a text configuration file\n`);
    const named1 = await run('fix', join(ws, 'notes.txt'));
    assert.deepEqual(named1, { code: 0, out: '', err: `${join(ws, 'notes.txt')}: skipped: not a file the advisor reads\n` });
  });

  it("leaves a Helm chart's files alone, as advise reads them rendered, and fixes the rest of the folder", async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n  - name: run\n    image: {{ .Values.image }}\n    securityContext:\n      privileged: true\n';
    const ws = workspace({ 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', 'chart/values.yaml': 'image: nginx\n', 'chart/templates/pod.yaml': pod, 'compose.yaml': COMPOSE });
    const note = 'skipped: part of a Helm chart, whose templates are rendered before they are read; fix does not edit them';
    const r = await run('fix', ws, '--write');
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(r.out.match(/^\+\+\+ .*$/gm), [`+++ b/${named(ws)}/compose.yaml`]);
    assert.ok(r.err.startsWith(`${ws}/chart/: ${note}\n`), r.err);
    assert.equal(readFileSync(join(ws, 'chart/templates/pod.yaml'), 'utf8'), pod);
    const named1 = await run('fix', join(ws, 'chart/templates/pod.yaml'), '--write');
    assert.deepEqual(named1, { code: 0, out: '', err: `${join(ws, 'chart/templates/pod.yaml')}: ${note}\n` });
  });

  it('prints a file name holding a line break on one line', async () => {
    const ws = workspace({ 'a\nb/compose.yaml': COMPOSE });
    const r = await run('fix', ws);
    assert.equal(r.code, 1);
    assert.deepEqual(r.out.match(/^(?:---|\+\+\+) .*$/gm), [`--- a/${named(ws)}/a\\nb/compose.yaml`, `+++ b/${named(ws)}/a\\nb/compose.yaml`]);
    assert.ok(r.err.startsWith(`${ws}/a\\nb/compose.yaml:4 hardening.privileged`), r.err);
  });

  it('writes a symbolic link through to its target, which stays a link, and fixes a file once however it is reached', async () => {
    const ws = workspace({ 'real/compose.yaml': COMPOSE });
    mkdirSync(join(ws, 'linked'));
    symlinkSync(join(ws, 'real/compose.yaml'), join(ws, 'linked/compose.yaml'));
    const r = await run('fix', join(ws, 'linked/compose.yaml'), join(ws, 'real/compose.yaml'), '--write');
    assert.equal(r.code, 1, r.err);
    assert.equal((r.out.match(/^\+\+\+ /gm) ?? []).length, 1, 'one file, fixed once');
    assert.ok(lstatSync(join(ws, 'linked/compose.yaml')).isSymbolicLink());
    assert.equal(readFileSync(join(ws, 'real/compose.yaml'), 'utf8'), COMPOSE_FIXED);
    assert.deepEqual(readdirSync(join(ws, 'real')), ['compose.yaml']);
  });

  it('leaves the file as it was and no temporary file when the rename fails', async () => {
    const ws = workspace({ 'compose.yaml': COMPOSE });
    chmodSync(join(ws, 'compose.yaml'), 0o640);
    let out = '';
    let err = '';
    const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t + '\n') };
    const failing = makeFixCommand({
      rename: () => {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      },
    });
    const code = await failing.run([ws, '--write'], io);
    assert.equal(code, 3);
    assert.match(out, /^\+    cap_add:$/m);
    assert.ok(err.includes(`${ws}/compose.yaml: not written (EXDEV); the file is as it was\n`), err);
    assert.equal(readFileSync(join(ws, 'compose.yaml'), 'utf8'), COMPOSE);
    assert.equal(statSync(join(ws, 'compose.yaml')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(ws), ['compose.yaml']);
  });

  it('leaves the file as it was when its folder is read-only', async function () {
    if (isRoot || process.platform === 'win32') {
      // root writes into a read-only folder anyway, and Windows has no folder mode bits.
      this.skip();
    }
    const ws = workspace({ 'ro/compose.yaml': COMPOSE });
    chmodSync(join(ws, 'ro'), 0o555);
    try {
      const r = await run('fix', join(ws, 'ro'), '--write');
      assert.equal(r.code, 3);
      assert.match(r.err, /ro\/compose\.yaml: not written \(EACCES\); the file is as it was\n/);
      assert.equal(readFileSync(join(ws, 'ro/compose.yaml'), 'utf8'), COMPOSE);
      assert.deepEqual(readdirSync(join(ws, 'ro')), ['compose.yaml']);
    } finally {
      chmodSync(join(ws, 'ro'), 0o755);
    }
  });

  it('does not replace a file with other hard links, nor one changed since it was read', () => {
    const ws = workspace({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' });
    linkSync(join(ws, 'a.yaml'), join(ws, 'a2.yaml'));
    assert.throws(() => writeFileAtomic(join(ws, 'a.yaml'), Buffer.from('a: 2\n')), (e: unknown) => e instanceof WriteRefused && /2 hard links/.test(e.message));
    assert.equal(readFileSync(join(ws, 'a2.yaml'), 'utf8'), 'a: 1\n');
    assert.throws(() => writeFileAtomic(join(ws, 'b.yaml'), Buffer.from('b: 2\n'), { expected: Buffer.from('b: 0\n') }), /changed since it was read/);
    assert.equal(readFileSync(join(ws, 'b.yaml'), 'utf8'), 'b: 1\n');
    writeFileAtomic(join(ws, 'b.yaml'), Buffer.from('b: 2\n'), { expected: Buffer.from('b: 1\n') });
    assert.equal(readFileSync(join(ws, 'b.yaml'), 'utf8'), 'b: 2\n');
    assert.deepEqual(readdirSync(ws).sort(), ['a.yaml', 'a2.yaml', 'b.yaml']);
  });

  it('is described by --help and listed among the commands', async () => {
    const h = await run('fix', '--help');
    assert.equal(h.code, 0);
    assert.match(h.out, /^usage: container-or-vm fix PATH\.\.\. \[--signal ID\]\.\.\. \[--write\]/);
    assert.match(h.out, /Exit codes: 0 nothing to fix; 1 fixes apply/);
    const all = await run('--help');
    assert.match(all.out, /^ {2}fix PATH\.\.\. /m);
  });
});
