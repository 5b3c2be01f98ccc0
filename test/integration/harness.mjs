// Shared pieces of the integration runners (run.mjs, ui.mjs): a fresh code-server on a free
// loopback port, headless Debian Chromium driven by playwright-core, and cleanup that leaves
// no process behind, also on failure and on SIGINT/SIGTERM.
// See /work/shared/guides/real-vscode-here.md for why the tests run this way.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const testRoot = join(repoRoot, '.vscode-test');
export const codeServerBin = process.env.CODE_SERVER_BIN
  ?? join(process.env.CODE_SERVER_DIR ?? join(testRoot, 'code-server'), 'node_modules', '.bin', 'code-server');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const fixtureWorkspaces = join(repoRoot, 'test', 'fixtures', 'workspaces');
/** The bundled extension-host suite (esbuild --tests); index.js is the extensionTestsPath module. */
export const suiteDir = join(repoRoot, 'out', 'test', 'integration', 'suite');

const testFiles = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.js')) : []);

/**
 * The suites that have bundled test files. A suite is a workspace: suite/*.test.js run in the
 * `basic` fixture workspace, suite/<name>/*.test.js in test/fixtures/workspaces/<name>.
 */
export function discoverSuites() {
  if (!existsSync(suiteDir)) return [];
  const found = [];
  if (testFiles(suiteDir).length) found.push('basic');
  for (const e of readdirSync(suiteDir).sort()) {
    if (statSync(join(suiteDir, e)).isDirectory() && testFiles(join(suiteDir, e)).length) found.push(e);
  }
  return found;
}

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

// ---------------------------------------------------------------------------------------------
// Cleanup: every started thing registers a synchronous killer and an async closer.

const cleanups = new Set();
let exiting = false;

/** Registers `fn` (sync, best effort) to run at exit; returns an unregister function. */
export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function runCleanupsSync() {
  for (const fn of [...cleanups].reverse()) {
    try { fn(); } catch { /* already gone */ }
    cleanups.delete(fn);
  }
}

process.on('exit', runCleanupsSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n${sig}: stopping code-server and chromium`);
    runCleanupsSync();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Waiting on conditions.

/** Polls `check` (sync or async; a truthy result ends the wait) until `deadline` (ms since epoch). */
export async function waitFor(what, check, { deadline, interval = 200 } = {}) {
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The first frame of the page (webviews are frames) whose document has `selector`, with `hasText` when given. */
export function frameWith(page, selector, what, { hasText, deadline = Date.now() + 60_000 } = {}) {
  return waitFor(what, async () => {
    for (const f of page.frames()) if (await f.locator(selector, hasText ? { hasText } : {}).count().catch(() => 0)) return f;
    return null;
  }, { deadline });
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((res) => {
    const req = request(url, { timeout: 2000 }, (r) => { r.resume(); res(r.statusCode ?? 0); });
    req.on('error', () => res(0));
    req.on('timeout', () => { req.destroy(); res(0); });
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Fresh folders.

/** Empties and recreates `dir`. */
export function freshDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A fresh folder for one run of one suite, .vscode-test/runs/<name>-<pid>, so that runs started at
 * the same time (two terminals, two people) never share user data, workspace or results. This
 * run's folder is removed at exit unless `keep()` was called (on failure: logs, screenshots);
 * folders left by runs that were killed are removed first, kept ones stay until deleted by hand.
 */
export function newRun(name) {
  const runsDir = join(testRoot, 'runs');
  mkdirSync(runsDir, { recursive: true });
  for (const e of readdirSync(runsDir)) {
    const pid = Number(/-(\d+)$/.exec(e)?.[1]);
    if (!pid || pid === process.pid || alive(pid) || existsSync(join(runsDir, e, KEPT))) continue;
    rmSync(join(runsDir, e), { recursive: true, force: true });
  }
  const dir = freshDir(join(runsDir, `${name}-${process.pid}`));
  let kept = false;
  onCleanup(() => { if (!kept) rmSync(dir, { recursive: true, force: true }); });
  const keep = () => {
    kept = true;
    writeFileSync(join(dir, KEPT), 'This run failed; its folder is kept for its logs.\n');
  };
  return { name, dir, resultsFile: join(dir, 'results.json'), keep };
}

const KEPT = 'KEPT';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Copies a fixture workspace into the run's folder so tests can't alter the fixtures; the copy
 * keeps the folder's name (what the explorer shows).
 */
export function freshWorkspace(run, source) {
  if (!existsSync(source)) throw new Error(`no fixture workspace at ${source}`);
  const dest = join(freshDir(join(run.dir, 'workspace')), basename(resolve(source)));
  cpSync(source, dest, { recursive: true });
  return dest;
}

/** Copies a run's results to .vscode-test/results/<file> for people to read. */
export function publishResults(run, file) {
  if (!existsSync(run.resultsFile)) return;
  mkdirSync(join(testRoot, 'results'), { recursive: true });
  cpSync(run.resultsFile, join(testRoot, 'results', file));
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.hover.delay': 100,
  // In the browser VS Code saves edits after a second by default; the desktop does not. The tests that
  // keep an unsaved editor open need the desktop's behaviour, or the edit reaches the workspace.
  'files.autoSave': 'off',
};

// ---------------------------------------------------------------------------------------------
// code-server.

// The tests need no marketplace; point code-server's at a closed loopback port so the workbench
// makes no lookups outside this machine.
const OFFLINE_GALLERY = JSON.stringify({
  serviceUrl: 'http://127.0.0.1:9/gallery',
  itemUrl: 'http://127.0.0.1:9/item',
  resourceUrlTemplate: 'http://127.0.0.1:9/asset/{publisher}/{name}/{version}/{path}',
});

/**
 * Starts code-server on a free 127.0.0.1 port with fresh user-data and extensions folders in the
 * run's folder and waits until it answers. Returns { port, url, userDataDir, extensionsDir,
 * logFile, stop() }.
 */
export async function startCodeServer(run, { deadline, settings = {} } = {}) {
  if (!existsSync(codeServerBin)) {
    throw new Error(`code-server not found at ${codeServerBin}; run scripts/setup-vscode.sh first`);
  }
  const runDir = run.dir;
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const logFile = join(runDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const port = await freePort();
  const child = spawn(codeServerBin, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--log', 'info',
  ], {
    cwd: repoRoot,
    // Own process group, so the extension host and code-server's other children go with it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VSCODE_PROXY_URI: '', EXTENSIONS_GALLERY: OFFLINE_GALLERY },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  const exitedPromise = new Promise((r) => child.on('exit', (code, signal) => { exited = { code, signal }; r(); }));
  const killGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
  const unregister = onCleanup(() => { if (!exited) killGroup('SIGKILL'); });

  const stop = async () => {
    if (!exited) {
      killGroup('SIGTERM');
      const t = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(t);
    }
    // Children that outlived code-server in the group.
    killGroup('SIGKILL');
    unregister();
    log.end();
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`code-server on ${url}`, async () => {
      if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}); see ${logFile}\n${tail(logFile)}`);
      return (await httpStatus(`${url}/healthz`)) === 200;
    }, { deadline: deadline ?? Date.now() + 60_000 });
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, url, userDataDir, extensionsDir, logFile, stop };
}

/** `vscode-remote://` URI of a path on the code-server side. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath.split('\\').join('/')}`;
}

/** The workbench URL that opens `folder`, optionally with extension-development payload entries. */
export function workbenchUrl(server, folder, payload) {
  let u = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

// ---------------------------------------------------------------------------------------------
// Chromium.

/** Launches headless Chromium and opens one page; console errors are kept in `messages`. */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found; run scripts/setup-vscode.sh first`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  const pid = browser.process?.()?.pid;
  const unregister = onCleanup(() => { if (pid) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } } });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const messages = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') messages.push(`[${m.type()}] ${m.text()}`); });
  page.on('pageerror', (e) => messages.push(`[pageerror] ${e.message}`));
  const close = async () => {
    await browser.close().catch(() => {});
    unregister();
  };
  return { browser, page, messages, close };
}

// ---------------------------------------------------------------------------------------------
// Results: one JSON shape for every suite: { name, passes: [{title, fullTitle}],
// failures: [{title, fullTitle, message}], error? }.

export function readResults(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Prints a suite's results the way mocha's spec reporter would, briefly. Returns {passed, failed}. */
export function printResults(name, results) {
  console.log(`\n${name}`);
  if (!results) {
    console.log('  ✗ produced no results');
    return { passed: 0, failed: 1 };
  }
  for (const t of results.passes ?? []) console.log(`  ✓ ${t.fullTitle ?? t.title}`);
  for (const t of results.failures ?? []) {
    console.log(`  ✗ ${t.fullTitle ?? t.title}`);
    for (const line of String(t.message ?? '').split('\n').slice(0, 12)) console.log(`      ${line}`);
  }
  let failed = results.failures?.length ?? 0;
  if (results.error) {
    console.log(`  ✗ suite error: ${results.error}`);
    failed += 1;
  }
  const passed = results.passes?.length ?? 0;
  if (passed + failed === 0) {
    console.log('  ✗ ran no test');
    failed = 1;
  }
  return { passed, failed };
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Writes `{ suites: [{name, passed, failed}], passed, failed }` for scripts/test-all.mjs. */
/**
 * The end of a page-check script (ui.mjs, ui-hostile.mjs): the logs when the run broke, the browser
 * and code-server closed, the results written, published and printed, the run's folder kept when a
 * check failed, the summary line, and the exit code.
 */
export async function finishPageRun({ run, results, name, title, started, summary, server, browser, error }) {
  if (error !== undefined) {
    results.error = error instanceof Error ? error.message : String(error);
    if (server) console.error(`--- code-server log ---\n${tail(server.logFile, 30)}`);
    if (browser?.messages.length) console.error(`--- browser console ---\n${browser.messages.slice(-20).join('\n')}`);
  }
  await browser?.close();
  await server?.stop();
  writeFileSync(run.resultsFile, JSON.stringify(results, null, 2));
  publishResults(run, `${name}.json`);
  const counts = printResults(`${title} (code-server + Chromium, ${((Date.now() - started) / 1000).toFixed(1)} s)`, results);
  if (counts.failed) {
    run.keep();
    console.log(`  logs and screenshots: ${run.dir.replace(repoRoot + '/', '')}`);
  }
  writeSummary(summary, [{ name, ...counts }]);
  console.log(`\n${name}: ${counts.passed} passing, ${counts.failed} failing`);
  process.exit(counts.failed ? 1 : 0);
}

export function writeSummary(file, suites) {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  const passed = suites.reduce((n, s) => n + s.passed, 0);
  const failed = suites.reduce((n, s) => n + s.failed, 0);
  writeFileSync(file, JSON.stringify({ suites, passed, failed }, null, 2));
}

/** Value of `--name value` (or `--name=value`) options; repeated options give an array. */
export function parseArgs(argv, { multi = [], flags = [] } = {}) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { out._.push(a); continue; }
    let [k, v] = a.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(k)) { out[k] = true; continue; }
    if (v === undefined) v = argv[++i];
    if (multi.includes(k)) (out[k] ??= []).push(v);
    else out[k] = v;
  }
  return out;
}

/**
 * Runs page checks in order, each reported like a test in `results` (passes / failures); a failed
 * check leaves a screenshot in the run's folder and does not stop the ones after it.
 */
export async function runPageChecks(page, checks, { results, run, prefix, script, deadline }) {
  for (const check of checks) {
    const entry = { title: check.title, fullTitle: `${prefix}: ${check.title}` };
    try {
      if (Date.now() > deadline) throw new Error('overall deadline passed');
      await check.run(page);
      results.passes.push(entry);
    } catch (e) {
      results.failures.push({ ...entry, message: e instanceof Error ? e.message : String(e) });
      const shot = join(run.dir, `failure-${results.failures.length}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      console.error(`${script}: "${check.title}" failed; screenshot ${shot}`);
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
}
