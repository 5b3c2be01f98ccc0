#!/usr/bin/env node
// Runs the extension-host integration suites in a real VS Code (code-server + headless Chromium).
// Builds nothing: run `node esbuild.mjs --tests` first (npm test does).
//
//   node test/integration/run.mjs                      every suite that has test files
//   node test/integration/run.mjs --suite plain        one suite (repeatable)
//   node test/integration/run.mjs --suite basic --workspace /some/folder
//   options: --timeout SECONDS (per suite, default 240), --summary FILE (totals for test-all)
//
// A suite is a workspace: test/integration/suite/*.test.ts run in test/fixtures/workspaces/basic,
// test/integration/suite/<name>/*.test.ts run in test/fixtures/workspaces/<name>. The suite's
// run() (suite/index.ts) writes .vscode-test/results/<name>.json; this runner waits for that
// file, prints each test's result and exits non-zero on a missing file or any failure.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  discoverSuites, fixtureWorkspaces, freshWorkspace, launchBrowser, newRun, parseArgs, printResults, publishResults,
  readResults, remoteUri, repoRoot, startCodeServer, suiteDir, tail, waitFor, workbenchUrl, writeSummary,
} from './harness.mjs';

const args = parseArgs(process.argv.slice(2), { multi: ['suite'] });
const timeoutMs = Number(args.timeout ?? 240) * 1000;

if (!existsSync(join(suiteDir, 'index.js'))) {
  console.error(`run.mjs: ${join(suiteDir, 'index.js')} is missing; build first: node esbuild.mjs --tests`);
  process.exit(1);
}
if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  console.error('run.mjs: dist/extension.js is missing; build first: npm run build');
  process.exit(1);
}

const suites = args.suite ?? discoverSuites();
if (!suites.length) {
  console.error('run.mjs: no integration test files found under out/test/integration/suite');
  process.exit(1);
}
if (args.workspace && suites.length !== 1) {
  console.error('run.mjs: --workspace goes with exactly one --suite');
  process.exit(1);
}

async function runSuite(name) {
  const run = newRun(name);
  const { resultsFile } = run;
  const source = args.workspace ?? join(fixtureWorkspaces, name);
  const workspace = freshWorkspace(run, source);
  // The web workbench passes no environment to the extension host; suite/index.ts reads this instead.
  writeFileSync(join(dirname(workspace), 'test-run.json'), JSON.stringify({ suite: name, results: resultsFile }));
  const deadline = Date.now() + timeoutMs;
  const started = Date.now();
  let server;
  let browser;
  try {
    server = await startCodeServer(run, { deadline });
    browser = await launchBrowser();
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, repoRoot)],
      ['extensionTestsPath', remoteUri(server.port, suiteDir)],
    ];
    await browser.page.goto(workbenchUrl(server, workspace, payload));
    await waitFor(`results file ${resultsFile}`, () => readResults(resultsFile), { deadline });
  } catch (e) {
    console.error(`\n${name}: ${e.message}`);
    if (server) {
      console.error(`--- code-server log (${server.logFile}) ---\n${tail(server.logFile, 30)}`);
      const exthostLogs = findFiles(join(server.userDataDir, 'logs'), /exthost.*\.log$/);
      for (const f of exthostLogs) console.error(`--- ${f} ---\n${tail(f, 40)}`);
    }
    if (browser?.messages.length) console.error(`--- browser console ---\n${browser.messages.slice(-20).join('\n')}`);
  } finally {
    await browser?.close();
    await server?.stop();
  }
  const results = readResults(resultsFile);
  const counts = printResults(`${name} (workspace ${source.replace(repoRoot + '/', '')}, ${((Date.now() - started) / 1000).toFixed(1)} s)`, results);
  publishResults(run, `${name}.json`);
  if (counts.failed) {
    run.keep();
    console.log(`  logs: ${run.dir.replace(repoRoot + '/', '')}`);
  }
  return { name, ...counts };
}

function findFiles(dir, re) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => re.test(f)).map((f) => join(dir, f));
}

const totals = [];
for (const name of suites) totals.push(await runSuite(name));
writeSummary(args.summary, totals);
const passed = totals.reduce((n, s) => n + s.passed, 0);
const failed = totals.reduce((n, s) => n + s.failed, 0);
console.log(`\nintegration: ${passed} passing, ${failed} failing`);
process.exit(failed ? 1 : 0);
