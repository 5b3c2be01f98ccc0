// The extension-host test entry point (extensionTestsPath): VS Code calls run() inside the real
// extension host. It runs mocha over the bundled test files of one suite and always writes the
// results to a JSON file, because in code-server's web mode the extension host exits with code 0
// even when run() throws; the runner (run.mjs, electron.mjs) reads that file.
//
// Suite = workspace: suite/*.test.js run in the `basic` fixture workspace, suite/<name>/*.test.js
// in the `<name>` one. Which suite, and where its results go, come from (first found):
//   1. CONTAINER_OR_VM_TEST_SUITE / CONTAINER_OR_VM_TEST_RESULTS (electron.mjs sets them);
//   2. test-run.json ({ suite, results }) beside the workspace folder: run.mjs writes it, since
//      code-server's web workbench passes no environment to the extension host;
//   3. the workspace folder's name, and .vscode-test/results/<name>.json.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import * as vscode from 'vscode';
// Resolved at run time from node_modules (kept external by esbuild).
import Mocha = require('mocha');

interface TestResult {
  title: string;
  fullTitle: string;
  file?: string;
  message?: string;
}

interface SuiteResults {
  name: string;
  passes: TestResult[];
  failures: TestResult[];
  pending: TestResult[];
  error?: string;
}

// out/test/integration/suite -> repo root
const repoRoot = join(__dirname, '..', '..', '..', '..');

function runDescriptor(): { suite?: string; results?: string } {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return {};
  try {
    return JSON.parse(readFileSync(posix.join(posix.dirname(folder.uri.path), 'test-run.json'), 'utf8'));
  } catch {
    return {};
  }
}

export function suiteName(): string {
  return process.env.CONTAINER_OR_VM_TEST_SUITE || runDescriptor().suite || vscode.workspace.workspaceFolders?.[0]?.name || 'basic';
}

function resultsFile(name: string): string {
  return process.env.CONTAINER_OR_VM_TEST_RESULTS || runDescriptor().results || join(repoRoot, '.vscode-test', 'results', `${name}.json`);
}

function write(file: string, results: SuiteResults): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2));
}

export async function run(): Promise<void> {
  const name = suiteName();
  const file = resultsFile(name);
  const results: SuiteResults = { name, passes: [], failures: [], pending: [] };
  try {
    const dir = name === 'basic' ? __dirname : join(__dirname, name);
    const files = readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
    if (!files.length) throw new Error(`no test files in ${dir}`);
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
    for (const f of files) mocha.addFile(join(dir, f));
    await new Promise<void>((resolve, reject) => {
      try {
        const runner = mocha.run(() => resolve());
        const entry = (t: Mocha.Test | Mocha.Hook, err?: Error): TestResult => ({
          title: t.title,
          fullTitle: t.fullTitle(),
          ...(t.file ? { file: t.file.slice(repoRoot.length + 1) } : {}),
          ...(err ? { message: err.message ?? String(err) } : {}),
        });
        runner.on('pass', (t) => results.passes.push(entry(t)));
        runner.on('fail', (t, err) => results.failures.push(entry(t, err)));
        runner.on('pending', (t) => results.pending.push(entry(t)));
      } catch (e) {
        reject(e);
      }
    });
  } catch (e) {
    results.error = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  } finally {
    write(file, results);
  }
  if (results.error) throw new Error(results.error);
  if (results.failures.length) throw new Error(`${results.failures.length} test(s) failed`);
}
