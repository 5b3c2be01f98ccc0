#!/usr/bin/env node
// What a person sees: the built extension installed into code-server like any extension, a
// workspace opened in Chromium, and the page driven with the keyboard and mouse. Builds nothing:
// run `npm run build` first (npm test does).
//
//   node test/integration/ui.mjs [--screenshots] [--summary FILE] [--timeout SECONDS]
//   node test/integration/ui.mjs --packaged [--vsix FILE]   the same checks against the .vsix, installed
//        with `code-server --install-extension` (packaged first with scripts/package.mjs unless --vsix)
//   node test/integration/ui.mjs --web-worker [--packaged]  the extension installed without its `main`
//        entry, so only the web bundle can run: the browser's web worker extension host, as in vscode.dev
//
// --screenshots saves PNGs of what each check saw into .vscode-test/screenshots/; with --theme dark the workbench
// uses VS Code's Default Dark Modern theme and the PNGs are named *-dark.png. Results are written to
// .vscode-test/results/ui.json in the same shape as the extension-host suites.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  codeServerBin, freshWorkspace, launchBrowser, newRun, parseArgs, repoRoot, startCodeServer,
  finishPageRun, frameWith, waitFor, workbenchUrl, runPageChecks,
} from './harness.mjs';

const args = parseArgs(process.argv.slice(2), { flags: ['screenshots', 'packaged', 'web-worker'] });
/** The run's name: its results file and its line in the totals. */
const runName = ['ui', args.packaged && 'packaged', args['web-worker'] && 'web'].filter(Boolean).join('-');
const timeoutMs = Number(args.timeout ?? 240) * 1000;
// What the checks saw, to look at when one fails; the README's pictures are taken by scripts/demo.mjs --screenshots.
const imagesDir = join(repoRoot, '.vscode-test', 'screenshots');
const dark = args.theme === 'dark';
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  console.error('ui.mjs: dist/extension.js is missing; build first: npm run build');
  process.exit(1);
}

/** Copies the unpacked extension (what a .vsix would hold) to EXT_DIR/<publisher>.<name>-<version>/. */
function installExtension(extensionsDir) {
  const dest = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(dest, { recursive: true });
  const files = ['package.json', 'dist', 'media', 'snippets', 'l10n', 'LICENSE', 'README.md', 'CHANGELOG.md',
    ...readdirSync(repoRoot).filter((f) => /^package\.nls.*\.json$/.test(f))];
  for (const f of files) {
    if (existsSync(join(repoRoot, f))) cpSync(join(repoRoot, f), join(dest, f), { recursive: true });
  }
  return dest;
}

/** Installs the .vsix (given, or packaged now into the run's folder) the documented way. Returns its folder. */
function installVsix(server, runDir) {
  let vsix = args.vsix;
  if (!vsix) {
    vsix = join(runDir, 'extension.vsix');
    const p = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs'), '--out', vsix], { cwd: repoRoot, encoding: 'utf8' });
    if (p.status !== 0) throw new Error(`packaging failed:\n${p.stdout}\n${p.stderr}`);
  }
  const r = spawnSync(codeServerBin, ['--install-extension', vsix, '--extensions-dir', server.extensionsDir, '--user-data-dir', server.userDataDir, '--force'], { encoding: 'utf8' });
  const dest = join(server.extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  if (r.status !== 0 || !existsSync(join(dest, 'package.json'))) throw new Error(`code-server --install-extension ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  console.log(`  installed ${vsix.replace(repoRoot + '/', '')} into ${dest.replace(repoRoot + '/', '')}`);
  return dest;
}

/** Leaves the installed extension only its `browser` entry, so the web worker extension host is the one that runs it. */
function webOnly(dest) {
  const file = join(dest, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  if (!manifest.browser) throw new Error('package.json has no browser entry');
  delete manifest.main;
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

// ---------------------------------------------------------------------------------------------
// Page helpers: each waits on what appears on the page, never on time.

const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

/** Quick Open (Ctrl+P): type `query`, click the row whose label and description match. */
async function quickOpen(page, query, { label, description = '' }) {
  const input = page.locator('.quick-input-widget input');
  // A row's aria-label is "<label>, <separator>" or "<label> <description>" (its folder).
  const wanted = (aria) => {
    const rest = aria.startsWith(label) ? aria.slice(label.length) : null;
    if (rest === null) return false;
    return description ? rest.startsWith(` ${description}`) : rest === '' || rest.startsWith(',');
  };
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const deadline = Date.now() + 60_000;
  // A webview that takes the focus while it loads closes the box; then open it again.
  for (;;) {
    try {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 }, timeout: 5_000 }).catch(() => {});
      await page.keyboard.press(`${mod}+P`);
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(query, { timeout: 5_000 });
      const index = await waitFor(`a Quick Open row for ${label} ${description}`, async () => {
        const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        const i = labels.findIndex(wanted);
        return i >= 0 ? i + 1 : 0;
      }, { deadline: Math.min(deadline, Date.now() + 15_000) });
      await rows.nth(index - 1).click({ timeout: 5_000 });
      await input.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits for the active editor tab to show `title`. */
async function activeTab(page, title) {
  await page.locator('.tabs-container .tab.active', { hasText: title }).waitFor({ state: 'visible' });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

/**
 * Hovers the first token reading exactly `token` on a line starting with `lineText` until the
 * hover's text matches `wanted`, and returns that text. Hover parts arrive one by one (a problem
 * on the line may show before the explanation), and the extension may still be starting, so it
 * waits for the text and, when none comes, moves away and hovers again, as a person would.
 */
async function hoverToken(page, lineText, token, wanted) {
  const line = page.locator('.editor-instance .monaco-editor .view-line', { hasText: lineText }).first();
  await line.waitFor({ state: 'visible' });
  const span = line.locator('span span', { hasText: new RegExp(`^${escapeRe(token)}$`) }).first();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /\S/ });
  const deadline = Date.now() + 60_000;
  let last = '';
  for (;;) {
    await page.mouse.move(5, 5);
    await span.hover();
    try {
      return await waitFor(`a hover matching ${wanted}`, async () => {
        last = (await hover.allInnerTexts()).join('\n');
        return wanted.test(last) ? last : '';
      }, { deadline: Math.min(deadline, Date.now() + 5_000) });
    } catch {
      if (Date.now() > deadline) throw new Error(`no hover matching ${wanted} over ${token}; the last one read:\n${last.slice(0, 600)}`);
    }
  }
}

/** F1, type a command's title, run it. */
async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + 60_000;
  // A webview that takes the focus while it loads closes the box; then open it again.
  for (;;) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click({ timeout: 5_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
}

async function screenshot(page, name) {
  if (!args.screenshots) return;
  mkdirSync(imagesDir, { recursive: true });
  const file = dark ? name.replace(/\.png$/, '-dark.png') : name;
  await page.screenshot({ path: join(imagesDir, file) });
  console.log(`  screenshot .vscode-test/screenshots/${file}`);
}

const assert = (cond, message) => { if (!cond) throw new Error(message); };

/** The comparison as `node dist/cli.js compare --format json` prints it: the rows the panel must show. */
function compareFromCli() {
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'compare', '--format', 'json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`compare --format json failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------------------------------------
// The checks, in order; each one is reported like a test.

const checks = [
  {
    title: 'hovering USER in a Dockerfile shows the USER explanation with its container-or-VM angle',
    async run(page) {
      await quickOpen(page, 'Dockerfile', { label: 'Dockerfile' });
      await activeTab(page, 'Dockerfile');
      const text = await hoverToken(page, 'USER root', 'USER', /^USER$/m);
      // The angle section reads "Container or VM? <sentence>" (a problem's source reads "Container or VM?(code)").
      assert(/Container or VM\?[ \t]+[A-Z]/.test(text), `the hover has no "Container or VM?" section:\n${text.slice(0, 600)}`);
      if (args.screenshots) {
        // The problem on the line comes first in the hover; bring our section into view, as a reader would scroll.
        await page.locator('.monaco-hover:not(.hidden) strong', { hasText: /^Container or VM\?$/ }).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
      }
      await screenshot(page, 'hover-user.png');
      await page.keyboard.press('Escape');
    },
  },
  {
    title: 'CodeLens above the Dockerfile shows its verdict and "Compare container vs VM", which opens the comparison',
    async run(page) {
      await quickOpen(page, 'Dockerfile', { label: 'Dockerfile' });
      await activeTab(page, 'Dockerfile');
      const lenses = page.locator('.editor-instance .monaco-editor .codelens-decoration');
      const compare = lenses.locator('a', { hasText: 'Compare container vs VM' }).first();
      await compare.waitFor({ state: 'visible' });
      const texts = (await lenses.allInnerTexts()).join(' | ');
      assert(texts.replace(/Compare container vs VM/g, '').replace(/[\s|]/g, '').length > 0, `no verdict lens beside the comparison lens: ${texts}`);
      await compare.click();
      await page.locator('.tabs-container .tab.active', { hasText: 'Container or VM? Comparison' }).waitFor({ state: 'visible' });
      // The table loaded (a webview still loading takes the focus, and closes the next check's F1 box).
      await frameWith(page, 'table#comparison tbody tr', 'the comparison table in a webview frame', { deadline: Date.now() + 30_000 });
    },
  },
  {
    title: 'F1 "Container or VM?: Open Comparison" opens the comparison table in a tab',
    async run(page) {
      await closeAllEditors(page);
      await runCommand(page, 'Container or VM?: Open Comparison');
      await page.locator('.tabs-container .tab.active', { hasText: 'Container or VM? Comparison' }).waitFor({ state: 'visible' });
      // The webview's document is one of the page's frames.
      const frame = await frameWith(page, 'table#comparison tbody tr', 'the comparison table in a webview frame', { deadline: Date.now() + 30_000 });
      const head = (await frame.locator('table#comparison thead').innerText()).replace(/\s+/g, ' ');
      assert(/Containers/.test(head) && /Virtual machines/.test(head), `unexpected table head: ${head}`);
      const rows = await frame.locator('table#comparison tbody tr').allInnerTexts();
      assert(rows.some((r) => /Isolation/.test(r)), `no Isolation row among ${rows.length} rows`);
    },
  },
  {
    title: 'F1 "Container or VM?: Should this be a VM?" opens a report with a verdict for each of the three Dockerfiles',
    async run(page) {
      await closeAllEditors(page);
      await runCommand(page, 'Container or VM?: Should this be a VM?');
      await page.locator('.tabs-container .tab.active', { hasText: 'Should this be a VM?' }).waitFor({ state: 'visible' });
      const frame = await frameWith(page, 'section.workload', 'the report in a webview frame', { deadline: Date.now() + 30_000 });
      const answer = await frame.locator('p.answer').innerText();
      assert(/^Overall:\s*\S/.test(answer), `no overall verdict: ${answer}`);
      const names = (await frame.locator('section.workload h2').allInnerTexts()).join(' | ');
      for (const n of ['Dockerfile', 'healthcheck-postgres', 'mssql-non-root']) {
        assert(names.includes(n), `no workload ${n} in the report: ${names}`);
      }
      assert((await frame.locator('section.workload').count()) === 3, `expected 3 workloads: ${names}`);
      await screenshot(page, 'advice-report.png');
    },
  },
  {
    title: 'after the report, saving a Dockerfile that now loads a kernel module turns the status bar and the report to VM',
    async run(page) {
      // The status bar item reads "<verdict> (<n> of 3)" once the advisor has run.
      const status = page.locator('.statusbar-item', { hasText: /\(\d+ of 3\)/ }).first();
      await status.waitFor({ state: 'visible' });
      const before = (await status.innerText()).trim();
      assert(!/^VM\b/.test(before), `the status bar already reads ${before}`);
      await quickOpen(page, 'Dockerfile', { label: 'Dockerfile' });
      await activeTab(page, 'Dockerfile');
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('RUN modprobe wireguard');
      await page.keyboard.press('Control+S');
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
      await waitFor('the status bar to read VM after the save', async () => /^VM\b/.test((await status.innerText()).trim()), { deadline: Date.now() + 30_000 });
      // The status bar opens the refreshed report.
      await status.click();
      await page.locator('.tabs-container .tab.active', { hasText: 'Should this be a VM?' }).waitFor({ state: 'visible' });
      await frameWith(page, 'p.answer', 'the report to say Virtual machine', { hasText: /Overall:\s*Virtual machine/, deadline: Date.now() + 30_000 });
    },
  },
  {
    title: 'the Dockerfile\'s "Compare container vs VM" lens opens the comparison at the row that decided its verdict, marked with the workload; the filter narrows the rows',
    async run(page) {
      await closeAllEditors(page);
      await quickOpen(page, 'Dockerfile', { label: 'Dockerfile' });
      await activeTab(page, 'Dockerfile');
      const lenses = page.locator('.editor-instance .monaco-editor .codelens-decoration');
      // The lens follows the saved `RUN modprobe` of the previous check.
      await lenses.locator('a', { hasText: /^VM\b/ }).first().waitFor({ state: 'visible' });
      await lenses.locator('a', { hasText: 'Compare container vs VM' }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: 'Container or VM? Comparison' }).waitFor({ state: 'visible' });
      const frame = await frameWith(page, 'table#comparison tbody tr.focused', 'the comparison with a focused row', { deadline: Date.now() + 30_000 });
      // Every dimension of the comparison is a row, in the order the CLI prints them.
      const expected = compareFromCli().dimensions;
      const names = await frame.locator('table#comparison tbody th[scope=row]').allInnerTexts();
      assert(JSON.stringify(names) === JSON.stringify(expected.map((d) => d.name)), `rows ${names.join(', ')}; expected ${expected.map((d) => d.name).join(', ')}`);
      // The lens opened the panel at one row, on screen, and that row is marked as having decided the Dockerfile's verdict.
      const focused = frame.locator('table#comparison tbody tr.focused');
      assert((await focused.count()) === 1, `${await focused.count()} focused rows`);
      await waitFor('the focused row marked as deciding the Dockerfile\'s verdict', async () =>
        /\bdecided\b/.test((await focused.getAttribute('class')) ?? '') &&
        /Decided the verdict of:\s*Dockerfile\b/.test(await focused.locator('.decided-note').innerText().catch(() => '')), { deadline: Date.now() + 30_000 });
      const evidence = await focused.locator('li.decided .evidence').first().innerText();
      assert(/(^|\/)Dockerfile:\d+$/.test(evidence), `the deciding evidence links to ${evidence}`);
      const inView = await focused.evaluate((r) => { const b = r.getBoundingClientRect(); return b.bottom > 0 && b.top < window.innerHeight; });
      assert(inView, 'the focused row is scrolled out of view');
      if (args.screenshots) {
        // The panel opened beside the Dockerfile; the picture shows it on its own, without the side bar.
        await runCommand(page, 'View: Toggle Maximize Editor Group');
        await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
        await frame.locator('table#comparison tbody tr.focused').evaluate((r) => r.scrollIntoView({ block: 'center' }));
        await screenshot(page, 'comparison.png');
        await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
        await runCommand(page, 'View: Toggle Maximize Editor Group');
      }
      // Typing in the filter leaves only the rows that mention the text; clearing it brings all back.
      const visible = () => frame.locator('table#comparison tbody tr[data-dimension]:not([hidden])').allInnerTexts();
      await frame.locator('#filter').fill('kernel');
      await waitFor('the filter to leave only rows that mention "kernel"', async () => {
        const rows = await visible();
        return rows.length > 0 && rows.length < expected.length && rows.every((t) => /kernel/i.test(t));
      }, { deadline: Date.now() + 15_000 });
      await frame.locator('#filter').fill('');
      await waitFor('every row back after clearing the filter', async () => (await visible()).length === expected.length, { deadline: Date.now() + 15_000 });
    },
  },
  {
    title: 'after a window reload the comparison comes back by itself, with its filter and the workspace marks',
    async run(page) {
      const before = await frameWith(page, 'table#comparison tbody tr.decided', 'the comparison with the workspace marks', { deadline: Date.now() + 30_000 });
      await before.locator('#filter').fill('kernel');
      const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 });
      await runCommand(page, 'Developer: Reload Window');
      await reloaded;
      await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
      await page.locator('.tabs-container .tab', { hasText: 'Container or VM? Comparison' }).first().waitFor({ state: 'visible' });
      const frame = await frameWith(page, 'table#comparison tbody tr.decided', 'the restored comparison with the workspace marks', { deadline: Date.now() + 60_000 });
      const filter = await frame.locator('#filter').inputValue();
      assert(filter === 'kernel', `the restored filter reads "${filter}"`);
      // The page's script applies the restored filter once it runs.
      let rows = [];
      await waitFor('only rows that mention "kernel" after the reload', async () => {
        rows = await frame.locator('table#comparison tbody tr[data-dimension]:not([hidden])').allInnerTexts();
        return rows.length > 0 && rows.every((t) => /kernel/i.test(t));
      }, { deadline: Date.now() + 30_000 }).catch(() => {
        throw new Error(`rows shown after the reload: ${rows.map((r) => r.split('\t')[0].split('\n')[0]).join(', ')}`);
      });
      const note = await frame.locator('tr.decided .decided-note').first().innerText();
      assert(/Decided the verdict of:\s*Dockerfile\b/.test(note), `the restored marks read: ${note}`);
    },
  },
];

// The walkthrough as a person follows it: do what each step says (its button, where it has one), then
// the step is ticked. First, so that its hover is the session's first: VS Code ticks a step when its
// context key changes while the walkthrough is loaded, and the extension sets the key on the first hover.
checks.unshift({
  title: 'the Getting Started walkthrough: each of its three steps is ticked once the person has done what it says',
  async run(page) {
    await closeAllEditors(page);
    // Filter the list of walkthroughs down to ours before clicking: while it still fills, rows move
    // under the pointer. Another walkthrough (VS Code's own) can still take the one walkthrough tab
    // as the workbench settles, so open ours again until its tab is there.
    const ours = 'Get started with Container or VM';
    const input = page.locator('.quick-input-widget input').first();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    const tab = page.locator('.tabs-container .tab', { hasText: 'Walkthrough: Container or VM?' }).first();
    const openOurs = async () => {
      for (let attempt = 1; ; attempt++) {
        await runCommand(page, 'Welcome: Open Walkthrough...');
        await rows.filter({ hasText: ours }).first().waitFor({ state: 'visible' });
        await waitFor('our walkthrough alone in the list', async () => {
          if ((await input.inputValue().catch(() => '')) !== ours) await input.fill(ours).catch(() => {});
          return (await rows.count()) === 1 && (await rows.first().innerText().catch(() => '')).includes(ours);
        }, { deadline: Date.now() + 30_000 });
        // Enter picks the one row left, which has the focus: a click could land on a hover the
        // workbench still shows over the list (it did once, on the installed .vsix).
        await input.press('Enter');
        try {
          await tab.waitFor({ state: 'visible', timeout: 15_000 });
          return;
        } catch (e) {
          if (attempt >= 3) throw e;
          await page.keyboard.press('Escape');
        }
      }
    };
    // Back to our walkthrough: its tab when it is still there, else open it again from the list, as a
    // person would (VS Code shows one walkthrough per tab and may put one of its own in that tab).
    const showOurs = async () => {
      if (await tab.isVisible().catch(() => false)) await tab.click();
      else await openOurs();
    };
    await openOurs();
    const step = (title) => page.locator('button.getting-started-step').filter({ hasText: title }).first();
    const webviewWith = (selector, hasText) => frameWith(page, selector, `a webview frame with ${selector} ${hasText ?? ''}`, { hasText });
    const follow = async (title, media, button, done) => {
      await showOurs();
      await step(title).click();
      // The step's page (media/walkthrough/*.md) shows in a webview that takes the focus as it loads.
      await webviewWith('h1', media);
      assert((await step(title).getAttribute('aria-checked')) === 'false', `"${title}" is ticked before its button was followed`);
      if (button) await step(title).locator('a, button', { hasText: button }).first().click();
      await done();
      await showOurs();
      await waitFor(`the step "${title}" ticked`, async () => (await step(title).getAttribute('aria-checked')) === 'true', { deadline: Date.now() + 30_000 });
    };
    // This step's button only opens Quick Open; open the file the usual way and hover it.
    await follow('Hover a Dockerfile', 'Hover a Dockerfile line', null, async () => {
      await quickOpen(page, 'Dockerfile', { label: 'Dockerfile' });
      await activeTab(page, 'Dockerfile');
      await hoverToken(page, 'USER root', 'USER', /Container or VM\?/);
      await page.keyboard.press('Escape');
    });
    await follow('Open the comparison', 'Compare containers and virtual machines', 'Open Comparison', () => webviewWith('table#comparison tbody tr'));
    await follow('Run "Should this be a VM?"', 'Should this be a VM?', 'Should this be a VM?', () => webviewWith('section.workload'));
    await screenshot(page, 'walkthrough.png');
  },
});

if (args['web-worker']) {
  checks.push({
    title: 'the extension ran in the web worker extension host, not in the Node one',
    async run() {
      // The Node extension host logs every activation to disk; the web worker host logs in the browser.
      const logs = readdirSync(join(server.userDataDir, 'logs'), { recursive: true }).map(String).filter((f) => /remoteexthost\.log$/.test(f));
      const text = logs.map((f) => readFileSync(join(server.userDataDir, 'logs', f), 'utf8')).join('\n');
      assert(/_doActivateExtension vscode\./.test(text), `the Node extension host logged no activation at all (${logs.join(', ') || 'no log'})`);
      const ours = text.split('\n').filter((l) => l.includes(`_doActivateExtension ${pkg.publisher}.${pkg.name}`));
      assert(ours.length === 0, `the Node extension host activated the extension:\n${ours.join('\n')}`);
    },
  });
}

// ---------------------------------------------------------------------------------------------

const run = newRun(runName);
const results = { name: runName, passes: [], failures: [], pending: [] };
const started = Date.now();
let server;
let browser;
let error;
try {
  const deadline = Date.now() + timeoutMs;
  const workspace = freshWorkspace(run, join(repoRoot, 'test', 'fixtures', 'workspaces', 'basic'));
  server = await startCodeServer(run, { deadline, settings: dark ? { 'workbench.colorTheme': 'Default Dark Modern' } : {} });
  const installed = args.packaged ? installVsix(server, run.dir) : installExtension(server.extensionsDir);
  if (args['web-worker']) webOnly(installed);
  browser = await launchBrowser();
  const { page } = browser;
  page.setDefaultTimeout(Math.min(60_000, Math.max(5_000, deadline - Date.now())));
  await page.goto(workbenchUrl(server, workspace));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
  // The explorer lists the workspace once the workbench has restored it.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor({ state: 'visible' });
  await runPageChecks(page, checks, { results, run, prefix: `what a person sees${runName === 'ui' ? '' : ` (${runName})`}`, script: 'ui.mjs', deadline });
} catch (e) {
  error = e;
}
await finishPageRun({ run, results, name: runName, title: 'what a person sees', started, summary: args.summary, server, browser, error });
