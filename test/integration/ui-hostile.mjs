#!/usr/bin/env node
// Hostile names in the webviews, in real Chromium through the real VS Code: a workspace whose folder
// and compose service names are markup (`<img src=x onerror=…>`, `"><svg onload=…>`, `javascript:`
// and `<script>` text, a very long name) is scanned with "Should this be a VM?", then the report
// and the comparison panel (with the scan's workspace marks) are read from their webview frames.
// Each name must show as text, no script from workspace data may run (window.__pwned stays
// undefined in every frame, no element the names describe exists), and the console shows no
// Content-Security-Policy violation. Builds nothing: run `npm run build` first.
//
//   node test/integration/ui-hostile.mjs [--summary FILE] [--timeout SECONDS]
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  finishPageRun, frameWith, launchBrowser, newRun, parseArgs, repoRoot, startCodeServer, waitFor, workbenchUrl, runPageChecks,
} from './harness.mjs';

const args = parseArgs(process.argv.slice(2));
const timeoutMs = Number(args.timeout ?? 240) * 1000;
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  console.error('ui-hostile.mjs: dist/extension.js is missing; build first: npm run build');
  process.exit(1);
}

/** Folder names (one Dockerfile each) and compose service names that must stay text. */
const FOLDERS = ['<img src=x onerror=window.__pwned=1>', '"><svg onload=window.__pwned=2>', 'javascript:window.__pwned=3'];
const SERVICES = ['<script>window.__pwned=4</script>', '"><img src=x onerror=window.__pwned=5>', `long-${'x'.repeat(3000)}`];

function makeWorkspace(dir) {
  const ws = join(dir, 'hostile-names');
  for (const name of FOLDERS) {
    mkdirSync(join(ws, name), { recursive: true });
    writeFileSync(join(ws, name, 'Dockerfile'), 'FROM alpine:3.20\nUSER root\n');
  }
  writeFileSync(
    join(ws, 'compose.yaml'),
    'services:\n' + SERVICES.map((n) => `  ${JSON.stringify(n)}:\n    image: nginx:1.27\n    privileged: true\n    network_mode: host\n`).join(''),
  );
  return ws;
}

/** Copies the unpacked extension (what a .vsix would hold) to EXT_DIR/<publisher>.<name>-<version>/. */
function installExtension(extensionsDir) {
  const dest = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(dest, { recursive: true });
  const files = ['package.json', 'dist', 'media', 'snippets', 'l10n', 'LICENSE', 'README.md', 'CHANGELOG.md',
    ...readdirSync(repoRoot).filter((f) => /^package\.nls.*\.json$/.test(f))];
  for (const f of files) if (existsSync(join(repoRoot, f))) cpSync(join(repoRoot, f), join(dest, f), { recursive: true });
}

const assert = (cond, message) => { if (!cond) throw new Error(message); };

/** F1, type a command's title, run it. Until the extension's commands are listed (a loaded machine starts slowly), closes the palette and tries again. */
async function runCommand(page, title) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Nothing from workspace data ran in any frame of the page, nor became an element in the panel's document. */
async function assertInert(page, content) {
  for (const f of page.frames()) {
    const state = await f.evaluate(() => ({
      pwned: window.__pwned,
      elements: document.querySelectorAll('img, svg, iframe, object, embed, a[href^="javascript:"], [onerror], [onload]').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).map((s) => s.textContent.slice(0, 80)).filter((t) => /__pwned/.test(t)),
      violations: window.__cspViolations ?? [],
      listening: Array.isArray(window.__cspViolations),
    })).catch(() => null);
    if (!state) continue;
    assert(state.pwned === undefined, `window.__pwned is ${state.pwned} in ${f.url().slice(0, 80)}`);
    assert(state.scripts.length === 0, `a script from workspace data in ${f.url().slice(0, 80)}: ${state.scripts.join(' | ')}`);
    assert(state.violations.length === 0, `CSP violations in ${f.url().slice(0, 80)}: ${state.violations.join(' | ')}`);
    if (f === content) assert(state.listening, 'the CSP violation listener is not installed in the panel frame');
    if (f === content) assert(state.elements === 0, `${state.elements} element(s) made from workspace data in the panel`);
  }
}

const cspMessages = [];

const checks = [
  {
    title: 'the report shows hostile folder and service names as text, and nothing from them runs',
    async run(page) {
      await runCommand(page, 'Container or VM?: Should this be a VM?');
      const frame = await frameWith(page, 'section.workload', 'the report in a webview frame');
      await waitFor('every workload in the report', async () => (await frame.locator('section.workload').count()) === FOLDERS.length + SERVICES.length, { deadline: Date.now() + 30_000 });
      const text = (await frame.locator('section.workload h2').allInnerTexts()).join('\n');
      for (const name of [...FOLDERS, ...SERVICES.slice(0, 2)]) assert(text.includes(name), `${name} is not shown as text in the report:\n${text.slice(0, 600)}`);
      assert(text.includes('long-xxxx'), 'the long service name is not shown');
      await assertInert(page, frame);
    },
  },
  {
    title: 'the comparison panel lists the hostile names among its workspace marks as text, and nothing from them runs',
    async run(page) {
      await runCommand(page, 'Container or VM?: Open Comparison');
      const frame = await frameWith(page, 'table#comparison .marks li', 'workspace marks in the comparison frame');
      const workloads = (await frame.locator('.marks span.workload').allInnerTexts()).join('\n');
      for (const name of SERVICES.slice(0, 2)) assert(workloads.includes(name), `${name} is not among the marks:\n${workloads.slice(0, 600)}`);
      const places = (await frame.locator('.marks .evidence').allInnerTexts()).join('\n');
      for (const name of FOLDERS) assert(places.includes(`${name}/Dockerfile`), `${name}/Dockerfile is not among the evidence:\n${places.slice(0, 800)}`);
      await assertInert(page, frame);
    },
  },
  {
    title: 'the console shows no Content-Security-Policy violation',
    async run() {
      assert(cspMessages.length === 0, `CSP messages:\n${cspMessages.join('\n')}`);
    },
  },
];

const run = newRun('ui-hostile');
const results = { name: 'ui-hostile', passes: [], failures: [], pending: [] };
const started = Date.now();
let server;
let browser;
let error;
try {
  const deadline = Date.now() + timeoutMs;
  const workspace = makeWorkspace(join(run.dir, 'workspace'));
  server = await startCodeServer(run, { deadline });
  installExtension(server.extensionsDir);
  browser = await launchBrowser();
  const { page } = browser;
  page.setDefaultTimeout(Math.min(60_000, Math.max(5_000, deadline - Date.now())));
  // Every frame (webviews included) records CSP violations where the check can read them.
  await page.context().addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|run)/i.test(m.text())) cspMessages.push(`[${m.type()}] ${m.text()}`);
  });
  await page.goto(workbenchUrl(server, workspace));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'compose.yaml' }).first().waitFor({ state: 'visible' });
  await runPageChecks(page, checks, { results, run, prefix: 'hostile names in webviews', script: 'ui-hostile.mjs', deadline });
} catch (e) {
  error = e;
}
await finishPageRun({ run, results, name: 'ui-hostile', title: 'hostile names in webviews', started, summary: args.summary, server, browser, error });
