#!/usr/bin/env node
// The activation time VS Code itself reports for the extension: code-server with the built extension
// installed, the `basic` fixture workspace (it has Dockerfiles, so the extension starts with the
// window) opened in headless Chromium, then "Developer: Show Running Extensions" read off the page,
// and the extension host's log lines for the extension.
//
//   npm run build && node bench/vscode-activation.mjs [--runs 3] [--extension DIR]
//
// --extension installs the extension from DIR (a folder laid out like the repository: package.json,
// dist/, media/...) instead of this repository, to compare two builds.
//
// Prints one line per run and, last, a JSON line {"vscodeActivationMs": [...], "median": ...}.
// Needs code-server and Chromium (scripts/setup-vscode.sh), like the UI tests.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  freshWorkspace, launchBrowser, newRun, repoRoot, startCodeServer, waitFor, workbenchUrl,
} from '../test/integration/harness.mjs';

const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 3;
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const id = `${pkg.publisher}.${pkg.name}`;
const source = argv.includes('--extension') ? argv[argv.indexOf('--extension') + 1] : repoRoot;

/** Copies what a .vsix would hold into the extensions folder, as an installed extension. */
function install(extensionsDir) {
  const dest = join(extensionsDir, `${id}-${pkg.version}`);
  mkdirSync(dest, { recursive: true });
  const files = ['package.json', 'dist', 'media', 'snippets', 'l10n', 'LICENSE', 'README.md', 'CHANGELOG.md',
    ...readdirSync(source).filter((f) => /^package\.nls.*\.json$/.test(f))];
  for (const f of files) if (existsSync(join(source, f))) cpSync(join(source, f), join(dest, f), { recursive: true });
}

function exthostLines(userDataDir) {
  const dir = join(userDataDir, 'logs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => /exthost\.log$/.test(f))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l.includes(id));
}

async function once(i) {
  const run = newRun(`bench-activation-${i}`);
  let server;
  let browser;
  try {
    const deadline = Date.now() + 240_000;
    const workspace = freshWorkspace(run, join(repoRoot, 'test', 'fixtures', 'workspaces', 'basic'));
    server = await startCodeServer(run, { deadline });
    install(server.extensionsDir);
    browser = await launchBrowser();
    const { page } = browser;
    page.setDefaultTimeout(60_000);
    await page.goto(workbenchUrl(server, workspace));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    await waitFor('the extension host to activate the extension', () => exthostLines(server.userDataDir).some((l) => l.includes('_doActivateExtension')), { deadline });

    // F1 → Developer: Show Running Extensions; our row shows the activation time.
    const input = page.locator('.quick-input-widget input');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Developer: Show Running Extensions');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().click();
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: pkg.displayName }).first();
    await row.waitFor({ state: 'visible' });
    const text = await waitFor('an activation time in the row', async () => {
      const t = (await row.innerText()).replace(/\s+/g, ' ');
      return /\d+\s*ms/.test(t) ? t : '';
    }, { deadline });
    const title = (await row.locator('.activation-time').getAttribute('title').catch(() => null)) ?? '';
    const ms = Number(/(\d+(?:\.\d+)?)\s*ms/.exec(text)?.[1]);
    const log = exthostLines(server.userDataDir).filter((l) => l.includes('_doActivateExtension'));
    console.log(`run ${i + 1}: ${ms} ms (row: "${text.slice(0, 160)}"${title ? `, tooltip: "${title.replace(/\s+/g, ' ')}"` : ''})`);
    for (const l of log) console.log(`  log: ${l.trim()}`);
    return ms;
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

const times = [];
for (let i = 0; i < runs; i++) {
  try {
    times.push(await once(i));
  } catch (e) {
    console.error(`run ${i + 1} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
const sorted = times.filter(Number.isFinite).sort((a, b) => a - b);
console.log(JSON.stringify({ vscodeActivationMs: times, median: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null }));
process.exit(sorted.length ? 0 : 1);
