// The GitHub Action as the runner runs it: `node action/index.js` with the environment Actions sets
// (INPUT_* with the input's name upper-cased and its hyphens kept, GITHUB_OUTPUT, GITHUB_EVENT_PATH,
// GITHUB_API_URL...), against a stand-in for the GitHub API on 127.0.0.1 that records each call.
// Checks the outputs file, the SARIF file, the code-scanning upload (its gzipped, base64 SARIF
// decoded), the one pull-request comment posted and then updated, and that action/index.js is the
// build of the sources.
import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { repoRoot } from '../fuzz/inputs';

const root = repoRoot();
const entry = join(root, 'action', 'index.js');
const MARKER = '<!-- container-or-vm -->';

interface Call {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | undefined;
}

/** The GitHub REST endpoints the action calls, kept in memory. */
function standIn() {
  const calls: Call[] = [];
  const comments: Array<{ id: number; body: string; user: { login: string } }> = [
    { id: 11, body: 'Looks good to me', user: { login: 'someone' } },
  ];
  let next = 100;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (text += d));
    req.on('end', () => {
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      const path = req.url ?? '';
      calls.push({ method: req.method ?? '', path, headers: req.headers, body });
      const reply = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && path === '/repos/octo/app/code-scanning/sarifs') return reply(202, { id: 'sarif-1', url: 'x' });
      if (req.method === 'GET' && (m = /^\/repos\/octo\/app\/issues\/7\/comments\?per_page=100&page=(\d+)$/.exec(path))) {
        return reply(200, Number(m[1]) === 1 ? comments : []);
      }
      if (req.method === 'POST' && path === '/repos/octo/app/issues/7/comments') {
        const c = { id: next++, body: String(body?.body), user: { login: 'github-actions[bot]' } };
        comments.push(c);
        return reply(201, c);
      }
      if (req.method === 'PATCH' && (m = /^\/repos\/octo\/app\/issues\/comments\/(\d+)$/.exec(path))) {
        const c = comments.find((x) => x.id === Number(m![1]));
        if (!c) return reply(404, { message: 'Not Found' });
        c.body = String(body?.body);
        return reply(200, c);
      }
      reply(404, { message: `no route ${req.method} ${path}` });
    });
  });
  return { server, calls, comments };
}

describe('the GitHub Action (action.yml, action/index.js)', function () {
  this.timeout(60_000);
  let dir: string;
  let workspace: string;
  let api: ReturnType<typeof standIn>;
  let apiUrl: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'container-or-vm-action-'));
    workspace = join(dir, 'checkout');
    mkdirSync(join(workspace, 'deploy', 'node'), { recursive: true });
    writeFileSync(join(workspace, 'deploy', 'node', 'Dockerfile'), 'FROM alpine:3.20\nRUN modprobe br_netfilter\n');
    mkdirSync(join(workspace, 'web'));
    writeFileSync(join(workspace, 'web', 'Dockerfile'), 'FROM nginx:1.27\nUSER 101\n');
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: 'abc' } } }));
    api = standIn();
    await new Promise<void>((ok) => api.server.listen(0, '127.0.0.1', ok));
    apiUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((ok) => api.server.close(ok));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the action as the runner does; the child is asynchronous so that the stand-in server answers. */
  function runAction(inputs: Record<string, string>, extra: Record<string, string> = {}): Promise<{ code: number; stdout: string; outputs: Record<string, string> }> {
    const outputFile = join(dir, `output-${Math.random().toString(36).slice(2)}`);
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_API_URL: apiUrl,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REF: 'refs/pull/7/merge',
      ...extra,
    };
    // action.yml's defaults, as the runner passes them when a workflow leaves an input out.
    const manifest = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
    for (const [name, spec] of Object.entries(manifest.inputs)) {
      const value = name in inputs ? inputs[name] : name === 'token' ? 'test-token' : (spec.default ?? '');
      env[`INPUT_${name.toUpperCase()}`] = value;
    }
    return new Promise((ok) => {
      execFile(process.execPath, [entry], { cwd: workspace, env, encoding: 'utf8' }, (error, stdout) => {
        const outputs: Record<string, string> = {};
        for (const m of readFileSync(outputFile, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm)) outputs[m[1]] = m[3];
        ok({ code: error ? Number(error.code) : 0, stdout, outputs });
      });
    });
  }

  it('declares the inputs and outputs it reads and sets, and runs action/index.js on Node 20', () => {
    const manifest = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
    assert.deepEqual(Object.keys(manifest.inputs).sort(), ['comment', 'config', 'fail-on', 'path', 'sarif-file', 'token', 'upload']);
    assert.deepEqual(Object.keys(manifest.outputs).sort(), ['sarif-file', 'verdict', 'workloads']);
    assert.deepEqual(manifest.runs, { using: 'node20', main: 'action/index.js' });
  });

  it('action/index.js is the build of the sources (rebuild it with `node esbuild.mjs` and commit it)', () => {
    const fresh = join(dir, 'fresh-index.js');
    const r = spawnSync(process.execPath, ['esbuild.mjs', '--action-out', fresh], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(readFileSync(entry, 'utf8') === readFileSync(fresh, 'utf8'), 'action/index.js is stale: run `node esbuild.mjs` and commit action/index.js');
  });

  it('writes the SARIF and the outputs, uploads the SARIF, posts one comment, and fails at fail-on', async () => {
    const r = await runAction({ 'fail-on': 'vm', upload: 'true', comment: 'true', 'sarif-file': 'reports/cov.sarif' });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^::error::container-or-vm: the overall answer, vm, is at or past fail-on vm$/m);
    const sarifFile = join(workspace, 'reports', 'cov.sarif');
    assert.deepEqual(r.outputs, { verdict: 'vm', 'sarif-file': sarifFile, workloads: '2' });

    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    const results = sarif.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    const modprobe = results.find((x) => x.ruleId === 'kernel.module-load');
    assert.ok(modprobe, `no kernel.module-load result among ${results.map((x) => x.ruleId).join(', ')}`);
    assert.equal(modprobe.locations[0].physicalLocation.artifactLocation.uri, 'deploy/node/Dockerfile');

    const uploads = api.calls.filter((c) => c.path.endsWith('/code-scanning/sarifs'));
    assert.equal(uploads.length, 1);
    const u = uploads[0];
    assert.equal(u.method, 'POST');
    assert.equal(u.headers.authorization, 'Bearer test-token');
    assert.equal(u.body?.commit_sha, '0123456789abcdef0123456789abcdef01234567');
    assert.equal(u.body?.ref, 'refs/pull/7/merge');
    assert.equal(u.body?.checkout_uri, pathToFileURL(workspace).href);
    assert.deepEqual(JSON.parse(gunzipSync(Buffer.from(String(u.body?.sarif), 'base64')).toString('utf8')), sarif);

    const ours = api.comments.filter((c) => c.body.startsWith(MARKER));
    assert.equal(ours.length, 1);
    assert.match(ours[0].body, /\*\*Overall: vm\*\*/);
    assert.match(ours[0].body, /deploy\/node\/Dockerfile/);
    assert.equal(api.comments.length, 2, 'the other comment on the pull request is left alone');
  });

  it('updates its comment on the next run instead of posting another', async () => {
    const before = api.comments.find((c) => c.body.startsWith(MARKER));
    assert.ok(before, 'the previous test posted a comment');
    writeFileSync(join(workspace, 'deploy', 'node', 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\nCMD ["/app"]\n');
    try {
      const r = await runAction({ comment: 'true' });
      assert.equal(r.code, 0, r.stdout);
      assert.equal(r.outputs.verdict, 'container');
      const patches = api.calls.filter((c) => c.method === 'PATCH');
      assert.deepEqual(patches.map((c) => c.path), [`/repos/octo/app/issues/comments/${before.id}`]);
      assert.equal(api.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/comments')).length, 1);
      const ours = api.comments.filter((c) => c.body.startsWith(MARKER));
      assert.equal(ours.length, 1);
      assert.match(ours[0].body, /\*\*Overall: container\*\*/);
    } finally {
      writeFileSync(join(workspace, 'deploy', 'node', 'Dockerfile'), 'FROM alpine:3.20\nRUN modprobe br_netfilter\n');
    }
  });

  it('scans the folder named by path, and calls no API unless asked', async () => {
    const count = api.calls.length;
    // An unpinned base asks for a change, so the SARIF file has a result to place.
    writeFileSync(join(workspace, 'web', 'Dockerfile'), 'FROM nginx:latest\nUSER 101\n');
    const r = await runAction({ path: 'web' }).finally(() => writeFileSync(join(workspace, 'web', 'Dockerfile'), 'FROM nginx:1.27\nUSER 101\n'));
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(r.outputs, { verdict: 'container', 'sarif-file': join(workspace, 'container-or-vm.sarif'), workloads: '1' });
    const sarif = JSON.parse(readFileSync(join(workspace, 'container-or-vm.sarif'), 'utf8'));
    const uris = new Set((sarif.runs[0].results as Array<{ locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>).flatMap((x) => (x.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri)));
    assert.deepEqual([...uris], ['web/Dockerfile'], 'locations are relative to the checkout, not to the folder scanned');
    assert.equal(api.calls.length, count);
  });

  it('posts no comment outside a pull request', async () => {
    const count = api.calls.length;
    writeFileSync(join(dir, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));
    const r = await runAction({ comment: 'true' }, { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(dir, 'push.json') });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /not for a pull request, so no comment is posted/);
    assert.equal(api.calls.length, count);
  });

  it('keeps a long report under the comment limit, with a note where it is cut', async () => {
    const big = join(dir, 'big');
    for (let i = 0; i < 120; i++) {
      mkdirSync(join(big, `svc${i}`), { recursive: true });
      writeFileSync(join(big, `svc${i}`, 'Dockerfile'), 'FROM alpine\nRUN modprobe br_netfilter && insmod x.ko\nCMD ["/app"]\n');
    }
    const before = api.comments.find((c) => c.body.startsWith(MARKER))!;
    const r = await runAction({ comment: 'true' }, { GITHUB_WORKSPACE: big });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.outputs.workloads, '120');
    const body = api.comments.find((c) => c.id === before.id)!.body;
    assert.ok(body.length <= 65536, `the comment is ${body.length} characters`);
    assert.ok(body.length > 50000, `the comment was cut far below the limit (${body.length} characters)`);
    // The Markdown report keeps itself to 60,000 characters and says what it leaves out.
    assert.match(body, /more workloads not shown|The report is cut here/);
    assert.ok(!/The report is cut here: it is longer than a pull-request comment holds/.test(body), 'the report fitted, so the action did not cut it again');
    assert.ok(body.startsWith(MARKER));
  });

  it('refuses a bad fail-on and a bad boolean', async () => {
    const bad = await runAction({ 'fail-on': 'kernel' });
    assert.equal(bad.code, 2);
    assert.match(bad.stdout, /^::error::container-or-vm: input fail-on must be one of none, container-hardened, sandboxed, vm \(got 'kernel'\)$/m);
    const yes = await runAction({ upload: 'yes' });
    assert.equal(yes.code, 2);
    assert.match(yes.stdout, /input upload must be true or false \(got 'yes'\)/);
  });

  it('passes the config input on as advise --config (or refuses it where advise takes none)', async () => {
    const advise = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'advise', '--help'], { encoding: 'utf8' });
    if (!/--config\b/.test(advise.stdout)) {
      const config = await runAction({ config: 'ci/advice.yaml' });
      assert.equal(config.code, 2);
      assert.match(config.stdout, /^::error::container-or-vm: input config: this version of container-or-vm does not read config files yet/m);
      return;
    }
    mkdirSync(join(workspace, 'ci'), { recursive: true });
    writeFileSync(join(workspace, 'ci', 'advice.yaml'), "exclude:\n  - 'deploy/**'\nfail-on: container-hardened\n");
    try {
      const r = await runAction({ config: 'ci/advice.yaml' });
      assert.deepEqual([r.outputs.verdict, r.outputs.workloads], ['container', '1'], r.stdout);
      assert.equal(r.code, 0, r.stdout);
      const missing = await runAction({ config: 'ci/none.yaml' });
      assert.equal(missing.code, 2);
      assert.match(missing.stdout, /^::error::container-or-vm: .*ci\/none\.yaml/m);
      assert.deepEqual(missing.outputs, {});
    } finally {
      rmSync(join(workspace, 'ci'), { recursive: true, force: true });
    }
  });

  it('fails at the fail-on of the config file when the input leaves it out', async function () {
    const advise = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'advise', '--help'], { encoding: 'utf8' });
    if (!/--config\b/.test(advise.stdout)) this.skip(); // advise reads no config file here
    writeFileSync(join(workspace, '.container-or-vm.yaml'), 'fail-on: vm\n');
    try {
      const r = await runAction({});
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stdout, /^::error::container-or-vm: the overall answer, vm, is at or past the fail-on of the config file$/m);
    } finally {
      rmSync(join(workspace, '.container-or-vm.yaml'));
    }
  });

  it('writes workspace names into the log as one line each, so none can pass for a workflow command', async () => {
    const odd = join(dir, 'odd');
    mkdirSync(join(odd, 'a\n::error::injected'), { recursive: true });
    writeFileSync(join(odd, 'a\n::error::injected', 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
    const r = await runAction({}, { GITHUB_WORKSPACE: odd });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /a\\u000a::error::injected/);
    assert.doesNotMatch(r.stdout, /^::error::injected/m);
  });
});
