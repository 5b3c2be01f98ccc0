// The CLI as the build ships it: its bundle behind the code-cache loader (scripts/cliCodeCache.mjs).
// What a user sees must not depend on the cache: the same output and exit code with no cache, a
// fresh one, a corrupt one or one that cannot be written; the cache lives in the user's cache folder,
// never in the scanned folder, and one that others can write is not used.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { addCodeCacheLoader } from '../../scripts/cliCodeCache.mjs';

const repo = join(__dirname, '..', '..', '..');
const cli = join(repo, 'out', 'test', 'cli-code-cache', 'cli.js');
const posix = process.platform !== 'win32';

function run(cacheHome: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, CONTAINER_OR_VM_NO_CODE_CACHE: '', ...env },
  });
  // The report says how long the scan took: the one part that differs from run to run.
  return { code: r.status, out: r.stdout.replace(/\d+ ms\)/, 'N ms)'), err: r.stderr };
}

const cacheFiles = (home: string) => {
  try {
    return readdirSync(join(home, 'container-or-vm'));
  } catch {
    return [];
  }
};

describe('cli code cache', function () {
  this.timeout(60000);
  let ws: string;
  let homes: string;
  let plain: { code: number | null; out: string; err: string };
  const args = () => ['advise', ws];

  before(() => {
    execFileSync(join(repo, 'node_modules', '.bin', process.platform === 'win32' ? 'esbuild.cmd' : 'esbuild'), ['src/cli.ts', '--bundle', '--platform=node', '--format=cjs', '--banner:js=#!/usr/bin/env node', `--outfile=${cli}`, '--log-level=warning'], { cwd: repo });
    assert.equal(addCodeCacheLoader(cli), true);
    ws = mkdtempSync(join(tmpdir(), 'code-cache-ws-'));
    const files: Record<string, string> = {
      'compose.yaml': 'services:\n  web:\n    build: ./app\n    privileged: true\n',
      'app/Dockerfile': 'FROM python:3.12-slim\nUSER 1000\nCMD ["python", "app.py"]\n',
      'Vagrantfile': 'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\n  config.vm.provision "shell", inline: "apt-get install -y docker.io"\nend\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(ws, rel)), { recursive: true });
      writeFileSync(join(ws, rel), text);
    }
    homes = mkdtempSync(join(tmpdir(), 'code-cache-home-'));
    plain = run(join(homes, 'unused'), args(), { CONTAINER_OR_VM_NO_CODE_CACHE: '1' });
    assert.equal(plain.code, 0, plain.err);
    assert.match(plain.out, /Overall: /);
  });
  after(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(homes, { recursive: true, force: true });
  });

  it('turned off, writes no cache', () => {
    assert.deepEqual(cacheFiles(join(homes, 'unused')), []);
  });

  it('writes one cache file in the cache folder on the first run and reads it afterwards, with the same output', () => {
    const home = join(homes, 'fresh');
    const first = run(home, args());
    assert.deepEqual(first, plain);
    const files = cacheFiles(home);
    assert.equal(files.length, 1, files.join(', '));
    assert.match(files[0], /^cli-[0-9a-f]{32}\.bin$/);
    const file = join(home, 'container-or-vm', files[0]);
    const bytes = readFileSync(file);
    assert.ok(bytes.length > 0);
    const second = run(home, args());
    assert.deepEqual(second, plain);
    // Accepted, so not written again.
    assert.deepEqual(readFileSync(file), bytes);
    assert.deepEqual(cacheFiles(home), files);
    // Nothing was written into the scanned folder.
    assert.deepEqual(readdirSync(ws).sort(), ['Vagrantfile', 'app', 'compose.yaml']);
  });

  it('gives the same output with a corrupt cache, and replaces it', () => {
    const home = join(homes, 'corrupt');
    run(home, args());
    const [name] = cacheFiles(home);
    const file = join(home, 'container-or-vm', name);
    writeFileSync(file, 'not a code cache');
    assert.deepEqual(run(home, args()), plain);
    assert.notEqual(readFileSync(file, 'utf8'), 'not a code cache');
    assert.deepEqual(run(home, args()), plain);
  });

  it('gives the same output when the cache folder cannot be made', () => {
    const home = join(homes, 'blocked');
    mkdirSync(home);
    writeFileSync(join(home, 'container-or-vm'), 'a file where the folder would be');
    assert.deepEqual(run(home, args()), plain);
    assert.deepEqual(run(home, ['--version']).code, 0);
  });

  (posix && typeof process.getuid === 'function' ? it : it.skip)('does not use a cache folder that others can write', () => {
    const home = join(homes, 'shared');
    mkdirSync(join(home, 'container-or-vm'), { recursive: true });
    chmodSync(join(home, 'container-or-vm'), 0o777);
    assert.deepEqual(run(home, args()), plain);
    assert.deepEqual(cacheFiles(home), []);
    assert.equal(statSync(join(home, 'container-or-vm')).mode & 0o777, 0o777);
  });

  it('runs a bundle that holds non-ASCII text and ends of block comments exactly as written, with and without the cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'code-cache-bundle-'));
    try {
      const file = join(dir, 'tool.js');
      // Each line of the bundle must come back as it was: the comment ends, the text that looks
      // like the loader's escape of them, the non-ASCII text, and a stack trace's line number.
      const source = [
        '#!/usr/bin/env node',
        '/* a comment */ const quotes = "\u201cquoted\u201d — café";',
        'const re = /a*\\/b/; // "*/" in a line comment',
        'const line = Number(new Error().stack.split("\\n")[1].split(":").slice(-2)[0]);',
        'console.log(JSON.stringify([quotes, re.test("aa/b"), "*%/", line]));',
        '',
      ].join('\n');
      writeFileSync(file, source);
      const expected = JSON.stringify(['\u201cquoted\u201d \u2014 caf\u00e9', true, '*%/', 4]) + '\n';
      // The text of the escape is in the bundle: left as it is, and it runs as it is.
      assert.equal(addCodeCacheLoader(file), false);
      assert.equal(readFileSync(file, 'utf8'), source);
      const withoutEscape = source.replace('"*%/"', '"*" + "%/"');
      writeFileSync(file, withoutEscape);
      assert.equal(addCodeCacheLoader(file), true);
      assert.equal(readFileSync(file, 'utf8').split('\n').length, withoutEscape.split('\n').length + 1); // and the loader's line
      for (const home of ['first', 'cached']) {
        const r = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), CONTAINER_OR_VM_NO_CODE_CACHE: '' } });
        assert.equal(r.stderr, '', home);
        assert.equal(r.stdout, expected, home);
      }
      assert.equal(cacheFiles(join(dir, 'cache')).length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
