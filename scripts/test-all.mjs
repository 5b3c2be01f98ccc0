#!/usr/bin/env node
// The one test command (`npm test`): typecheck, build (extension, CLI and test bundles), unit tests,
// the VS Code install for the integration tests, the extension-host suites in a real VS Code, then
// the "what a person sees" run, and that run again against the packaged .vsix, installed the way
// users install it, in the Node extension host and in the browser's web worker host. Ends with one
// line `N passed, N failed` counting every test of every suite; a step that fails (typecheck, build,
// package, install) or a suite that reports nothing counts as a failure too. Exits non-zero on any failure.
//
//   node scripts/test-all.mjs            everything
//   node scripts/test-all.mjs --no-vscode   typecheck, build and unit tests only
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// This run's own folder, so that two runs at once don't read each other's counts.
const results = join(root, '.vscode-test', 'runs', `test-all-${process.pid}`);
const withVscode = !process.argv.includes('--no-vscode');
const started = Date.now();

let passed = 0;
let failed = 0;
const problems = [];

// A step that hangs (a test stuck in a loop) fails at this limit instead of holding CI to its own.
const STEP_LIMIT_MS = Number(process.env.TEST_STEP_MINUTES ?? 20) * 60_000;

function run(title, cmd, cmdArgs) {
  console.log(`\n━━ ${title}: ${[cmd, ...cmdArgs].join(' ')}`);
  const t = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: process.env, timeout: STEP_LIMIT_MS, killSignal: 'SIGTERM' });
  const ok = r.status === 0;
  const why = r.error?.code === 'ETIMEDOUT' ? `stopped after ${STEP_LIMIT_MS / 60_000} minutes` : r.error?.message ?? `exit ${r.status ?? r.signal}`;
  console.log(`━━ ${title}: ${ok ? 'ok' : `failed (${why})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return ok;
}

/** A step whose failure is one failure (it is not a test suite). */
function step(title, cmd, cmdArgs) {
  const ok = run(title, cmd, cmdArgs);
  if (!ok) {
    failed += 1;
    problems.push(title);
  }
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Adds the counts of a mocha-shaped results file; a missing or empty one is a failure. */
function countMocha(title, file) {
  const r = readJson(file);
  const p = r?.passes?.length ?? 0;
  const f = (r?.failures?.length ?? 0) + (r?.error ? 1 : 0);
  if (!r || p + f === 0) {
    failed += 1;
    problems.push(`${title}: no results`);
    return;
  }
  passed += p;
  failed += f;
  if (f) problems.push(`${title}: ${f} failed`);
}

/** Adds the counts of a runner summary ({ suites: [{name, passed, failed}] }); missing is a failure. */
function countSummary(title, file) {
  const s = readJson(file);
  if (!s || !Array.isArray(s.suites) || !s.suites.length) {
    failed += 1;
    problems.push(`${title}: no results`);
    return;
  }
  for (const suite of s.suites) {
    passed += suite.passed;
    failed += suite.failed;
    if (suite.failed) problems.push(`${title} ${suite.name}: ${suite.failed} failed`);
  }
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const node = process.execPath;

step('typecheck', node, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--noEmit']);
const built = step('build', node, ['esbuild.mjs', '--tests']);
// The .vsix, packaged once: the unit tests read it, the packaged runs below install it.
const vsix = join(results, 'extension.vsix');
const packaged = built && step('package the .vsix', node, ['scripts/package.mjs', '--out', vsix]);
if (packaged) process.env.CONTAINER_OR_VM_VSIX = vsix;

// Installed before the unit tests: the webview script tests drive the page in Chromium, and would
// otherwise be left pending on a fresh machine.
const installed = withVscode && step('install VS Code (code-server) and Chromium', 'bash', [join(root, 'scripts', 'setup-vscode.sh')]);

if (built) {
  run('unit tests', node, [
    join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', 'test/.mocharc.json',
    '--reporter', join(root, 'scripts', 'mocha-spec-json.cjs'), '--reporter-option', `output=${join(results, 'unit.json')}`,
  ]);
}
countMocha('unit tests', join(results, 'unit.json'));

if (withVscode) {
  if (built && installed) {
    run('integration tests in VS Code', node, ['test/integration/run.mjs', '--summary', join(results, 'integration-summary.json')]);
    if (existsSync(join(root, 'test', 'integration', 'ui.mjs'))) {
      run('what a person sees', node, ['test/integration/ui.mjs', '--summary', join(results, 'ui-summary.json')]);
      if (packaged) {
        run('the installed .vsix', node, ['test/integration/ui.mjs', '--packaged', '--vsix', vsix, '--summary', join(results, 'ui-packaged-summary.json')]);
        run('the installed .vsix in the web worker host', node, ['test/integration/ui.mjs', '--packaged', '--web-worker', '--vsix', vsix, '--summary', join(results, 'ui-web-summary.json')]);
      }
    }
    run('hostile names in the webviews', node, ['test/integration/ui-hostile.mjs', '--summary', join(results, 'ui-hostile-summary.json')]);
  }
  countSummary('integration tests', join(results, 'integration-summary.json'));
  if (existsSync(join(root, 'test', 'integration', 'ui.mjs'))) {
    countSummary('ui', join(results, 'ui-summary.json'));
    countSummary('ui packaged', join(results, 'ui-packaged-summary.json'));
    countSummary('ui packaged, web worker', join(results, 'ui-web-summary.json'));
  }
  countSummary('ui, hostile names', join(results, 'ui-hostile-summary.json'));
}

if (existsSync(join(results, 'unit.json'))) {
  mkdirSync(join(root, '.vscode-test', 'results'), { recursive: true });
  cpSync(join(results, 'unit.json'), join(root, '.vscode-test', 'results', 'unit.json'));
}
rmSync(results, { recursive: true, force: true });
console.log(`\n━━ total time ${((Date.now() - started) / 1000).toFixed(1)} s${problems.length ? `; failures: ${problems.join('; ')}` : ''}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
