#!/usr/bin/env node
// The same extension-host suites under @vscode/test-electron (desktop VS Code), for machines that
// can download VS Code. Builds nothing: run `node esbuild.mjs --tests` first.
//
//   node test/integration/electron.mjs [--suite NAME]... [--summary FILE]
//   VSCODE_VERSION=1.90.0 node test/integration/electron.mjs     the minimum supported VS Code
//
// Each suite opens a fresh copy of its fixture workspace (see run.mjs for the suite = workspace rule).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  discoverSuites, fixtureWorkspaces, freshWorkspace, newRun, parseArgs, printResults, publishResults, readResults,
  repoRoot, suiteDir, writeSummary,
} from './harness.mjs';

const args = parseArgs(process.argv.slice(2), { multi: ['suite'] });
if (!existsSync(join(suiteDir, 'index.js'))) {
  console.error(`electron.mjs: ${join(suiteDir, 'index.js')} is missing; build first: node esbuild.mjs --tests`);
  process.exit(1);
}
const { runTests } = await import('@vscode/test-electron');
const suites = args.suite ?? discoverSuites();
const totals = [];
for (const name of suites) {
  const run = newRun(`electron-${name}`);
  const { resultsFile } = run;
  const source = args.workspace ?? join(fixtureWorkspaces, name);
  const workspace = freshWorkspace(run, source);
  try {
    await runTests({
      ...(process.env.VSCODE_VERSION ? { version: process.env.VSCODE_VERSION } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(suiteDir, 'index'),
      extensionTestsEnv: { CONTAINER_OR_VM_TEST_SUITE: name, CONTAINER_OR_VM_TEST_RESULTS: resultsFile },
      launchArgs: [
        workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', join(run.dir, 'user-data'),
      ],
    });
  } catch (e) {
    // runTests rejects when run() rejects (a failing test) as well as when VS Code can't start.
    console.error(`electron.mjs: ${name}: ${e instanceof Error ? e.message : e}`);
  }
  const counts = printResults(`${name} (desktop VS Code)`, readResults(resultsFile));
  publishResults(run, `electron-${name}.json`);
  if (counts.failed) run.keep();
  totals.push({ name, ...counts });
}
writeSummary(args.summary, totals);
const failed = totals.reduce((n, s) => n + s.failed, 0);
console.log(`\nelectron: ${totals.reduce((n, s) => n + s.passed, 0)} passing, ${failed} failing`);
process.exit(failed || !totals.length ? 1 : 0);
