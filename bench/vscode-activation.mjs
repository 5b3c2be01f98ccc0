#!/usr/bin/env node
// The activation time VS Code itself reports: code-server with the extension installed, the `basic`
// fixture workspace (it has Dockerfiles, so the extension starts with the window) opened in headless
// Chromium, then "Developer: Show Running Extensions" read off the page ("Startup Activation"), and
// the extension host's log lines. Runs alternate with the baseline, the same code-server and
// workspace with an empty extension installed instead (an `activate` that does nothing, activated by
// `workspaceContains:**/Dockerfile`). One extension per window: two activated together wait for
// each other, and the second reports the first's time too.
//
//   node esbuild.mjs --bench && node bench/vscode-activation.mjs [--runs 5] [--dev] [--extension DIR]
//
// By default the release build is measured: out/bench/release (what `node esbuild.mjs --production`
// ships, built by --bench) laid out as the packaged extension. --dev measures dist/ (the development
// build, with source maps); --extension installs the extension from DIR (a folder laid out like the
// repository: package.json, dist/, media/...) to compare two builds.
//
// Prints one line per run and, last, a JSON line
// {"vscodeActivationMs": [...], "median": ..., "emptyMs": [...], "emptyMedian": ..., "build": ...}.
// Needs code-server and Chromium (scripts/setup-vscode.sh), like the UI tests.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  freshWorkspace, launchBrowser, newRun, repoRoot, startCodeServer, waitFor, workbenchUrl,
} from '../test/integration/harness.mjs';

const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 5;
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const id = `${pkg.publisher}.${pkg.name}`;
const EMPTY = { publisher: 'bench', name: 'empty-extension', version: '0.0.1', displayName: 'Empty Extension (bench baseline)' };
const emptyId = `${EMPTY.publisher}.${EMPTY.name}`;

/** The folder laid out like the packaged extension that is measured, and which build it holds. */
function sourceFolder() {
  if (argv.includes('--extension')) return { dir: argv[argv.indexOf('--extension') + 1], build: 'given folder' };
  if (argv.includes('--dev')) return { dir: repoRoot, build: 'development (dist/)' };
  const release = join(repoRoot, 'out', 'bench', 'release');
  if (!existsSync(join(release, 'extension.js'))) throw new Error(`${release}/extension.js missing: run node esbuild.mjs --bench`);
  const dir = join(repoRoot, 'out', 'bench', 'vscode-release');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'dist'), { recursive: true });
  for (const f of ['package.json', 'media', 'snippets', 'l10n', 'LICENSE', ...readdirSync(repoRoot).filter((f) => /^package\.nls.*\.json$/.test(f))]) {
    if (existsSync(join(repoRoot, f))) cpSync(join(repoRoot, f), join(dir, f), { recursive: true });
  }
  // extension.js, the features it loads on demand (features.js), the thread's fixWorker.js and lazy/.
  for (const f of readdirSync(release).filter((f) => f.endsWith('.js'))) cpSync(join(release, f), join(dir, 'dist', f));
  cpSync(join(release, 'lazy'), join(dir, 'dist', 'lazy'), { recursive: true });
  if (existsSync(join(repoRoot, 'dist', 'web'))) cpSync(join(repoRoot, 'dist', 'web'), join(dir, 'dist', 'web'), { recursive: true });
  return { dir, build: 'release (out/bench/release, the --production options)' };
}

const { dir: source, build } = sourceFolder();

/** Copies what a .vsix would hold into the extensions folder, as an installed extension (or installs the empty one). */
function install(extensionsDir, baseline) {
  if (baseline) return installEmpty(extensionsDir);
  const dest = join(extensionsDir, `${id}-${pkg.version}`);
  mkdirSync(dest, { recursive: true });
  const files = ['package.json', 'dist', 'media', 'snippets', 'l10n', 'LICENSE', 'README.md', 'CHANGELOG.md',
    ...readdirSync(source).filter((f) => /^package\.nls.*\.json$/.test(f))];
  for (const f of files) if (existsSync(join(source, f))) cpSync(join(source, f), join(dest, f), { recursive: true });
}

/** The baseline: an extension that loads one empty module and activates when a Dockerfile is in the workspace. */
function installEmpty(extensionsDir) {
  const empty = join(extensionsDir, `${emptyId}-${EMPTY.version}`);
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, 'package.json'), JSON.stringify({
    ...EMPTY, engines: { vscode: pkg.engines.vscode }, main: './extension.js', activationEvents: ['workspaceContains:**/Dockerfile'],
  }, null, 2));
  writeFileSync(join(empty, 'extension.js'), 'exports.activate = function activate() {};\nexports.deactivate = function deactivate() {};\n');
}

function exthostLines(userDataDir) {
  const dir = join(userDataDir, 'logs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => /exthost\.log$/.test(f))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l.includes(id) || l.includes(emptyId));
}

/** The activation time in the Running Extensions row of the extension shown as `name`. */
async function activationOf(page, name, deadline) {
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible' });
  const text = await waitFor(`an activation time in the row of ${name}`, async () => {
    const t = (await row.innerText()).replace(/\s+/g, ' ');
    return /\d+\s*ms/.test(t) ? t : '';
  }, { deadline });
  const title = (await row.locator('.activation-time').getAttribute('title').catch(() => null)) ?? '';
  return { ms: Number(/(\d+(?:\.\d+)?)\s*ms/.exec(text)?.[1]), text, title: title.replace(/\s+/g, ' ') };
}

async function once(i, baseline) {
  const run = newRun(`bench-activation-${i}${baseline ? '-empty' : ''}`);
  let server;
  let browser;
  try {
    const deadline = Date.now() + 240_000;
    const workspace = freshWorkspace(run, join(repoRoot, 'test', 'fixtures', 'workspaces', 'basic'));
    server = await startCodeServer(run, { deadline });
    install(server.extensionsDir, baseline);
    browser = await launchBrowser();
    const { page } = browser;
    page.setDefaultTimeout(60_000);
    await page.goto(workbenchUrl(server, workspace));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    const which = baseline ? emptyId : id;
    await waitFor(`the extension host to activate ${which}`, () => exthostLines(server.userDataDir).some((l) => l.includes('_doActivateExtension') && l.includes(which)), { deadline });

    // F1 → Developer: Show Running Extensions; the row shows the activation time.
    const input = page.locator('.quick-input-widget input');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Developer: Show Running Extensions');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().click();
    const shown = await activationOf(page, baseline ? EMPTY.displayName : pkg.displayName, deadline);
    const log = exthostLines(server.userDataDir).filter((l) => l.includes('_doActivateExtension'));
    console.log(`run ${i + 1}, ${baseline ? 'empty extension' : 'this extension'}: ${shown.ms} ms (row: "${shown.text.slice(0, 120)}"${shown.title ? `, tooltip: "${shown.title}"` : ''})`);
    for (const l of log) console.log(`  log: ${l.trim().slice(0, 160)}`);
    return shown.ms;
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

const times = [];
const empties = [];
for (let i = 0; i < runs; i++) {
  // Alternating, the order swapped every other pair, so drift in the machine's load falls on both.
  for (const baseline of i % 2 ? [true, false] : [false, true]) {
    try {
      const ms = await once(i, baseline);
      if (Number.isFinite(ms)) (baseline ? empties : times).push(ms);
    } catch (e) {
      console.error(`run ${i + 1}${baseline ? ' (empty extension)' : ''} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
console.log(JSON.stringify({ vscodeActivationMs: times, median: median(times), emptyMs: empties, emptyMedian: median(empties), build }));
process.exit(times.length ? 0 : 1);
