#!/usr/bin/env node
// `npm run demo`: a real VS Code in the browser (code-server) with the extension installed from a
// freshly built .vsix and a copy of examples/demo-workspace open. Prints the address and runs until
// Ctrl+C, then stops code-server and removes its folders (user data, extensions, the workspace copy).
//
//   node scripts/demo.mjs [--workspace FOLDER]
//   node scripts/demo.mjs --screenshots [--theme dark]   retake the README's hover, report, comparison
//        and walkthrough pictures (docs/images/*.png, *-dark.png with --theme dark) from the built
//        extension (npm run build first) on a copy of examples/demo-workspace, then stop
// code-server comes from scripts/setup-vscode.sh (npm run demo runs it first).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeServerBin, frameWith, freshWorkspace, launchBrowser, newRun, parseArgs, repoRoot, startCodeServer, waitFor, workbenchUrl } from '../test/integration/harness.mjs';

const args = parseArgs(process.argv.slice(2), { flags: ['screenshots'] });
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
if (args.screenshots) {
  await screenshots();
  process.exit(0);
}
const source = resolve(args.workspace ?? join(repoRoot, 'examples', 'demo-workspace'));

function must(what, r) {
  if (r.status !== 0) {
    console.error(`demo: ${what} failed\n${r.stdout ?? ''}${r.stderr ?? ''}`);
    process.exit(1);
  }
}

const run = newRun('demo');
const workspace = freshWorkspace(run, source);
const vsix = join(run.dir, `${pkg.name}-${pkg.version}.vsix`);
console.log('demo: building the .vsix');
must('packaging', spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs'), '--out', vsix], { cwd: repoRoot, encoding: 'utf8' }));

const server = await startCodeServer(run, { deadline: Date.now() + 120_000 });
must('installing the .vsix', spawnSync(codeServerBin, ['--install-extension', vsix, '--extensions-dir', server.extensionsDir, '--user-data-dir', server.userDataDir], { encoding: 'utf8' }));
if (!existsSync(join(server.extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`, 'package.json'))) {
  console.error('demo: the extension is not in the extensions folder after installing');
  await server.stop();
  process.exit(1);
}

console.log(`
Container or VM? ${pkg.version} is running in VS Code (code-server) with a copy of ${source.replace(repoRoot + '/', '')}:

    ${workbenchUrl(server, workspace)}

Open that address in a browser. Try: hover USER in api/Dockerfile, the CodeLens above each
workload, F1 "Container or VM?: Should this be a VM?", F1 "Container or VM?: Open Comparison",
and Help > Welcome for the Getting Started walkthrough.
Logs: ${server.logFile}
Press Ctrl+C to stop (the copy of the workspace is removed; examples/ is left as it was).
`);
// The harness stops code-server and removes the run's folders on Ctrl+C; until then code-server's
// output pipes keep this process running.

// ---------------------------------------------------------------------------------------------
// --screenshots: the README's pictures, each showing what it is about whole: the hover from its
// first line, the comparison with its column headers, the walkthrough's title and steps uncut.

async function screenshots() {
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
    console.error('demo: dist/extension.js is missing; build first: npm run build');
    process.exit(1);
  }
  const dark = args.theme === 'dark';
  const imagesDir = join(repoRoot, 'docs', 'images');
  mkdirSync(imagesDir, { recursive: true });
  const run = newRun('screenshots');
  const workspace = freshWorkspace(run, resolve(args.workspace ?? join(repoRoot, 'examples', 'demo-workspace')));
  const deadline = Date.now() + 300_000;
  const server = await startCodeServer(run, { deadline, settings: { 'editor.hover.above': false, ...(dark ? { 'workbench.colorTheme': 'Default Dark Modern' } : {}) } });
  // The unpacked extension, as a .vsix would hold it.
  const dest = join(server.extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(dest, { recursive: true });
  for (const f of ['package.json', 'dist', 'media', 'snippets', 'l10n', 'LICENSE', 'README.md', 'CHANGELOG.md', ...readdirSync(repoRoot).filter((x) => /^package\.nls.*\.json$/.test(x))]) {
    if (existsSync(join(repoRoot, f))) cpSync(join(repoRoot, f), join(dest, f), { recursive: true });
  }
  const browser = await launchBrowser();
  const { page } = browser;
  page.setDefaultTimeout(60_000);
  const shot = async (name) => {
    const file = dark ? name.replace(/\.png$/, '-dark.png') : name;
    await page.screenshot({ path: join(imagesDir, file) });
    console.log(`demo: docs/images/${file}`);
  };
  const command = async (title) => {
    const input = page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      try {
        // A webview that has the focus keeps F1 to itself: give the focus back to the workbench first.
        await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 }, timeout: 5_000 }).catch(() => {});
        await page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill(`>${title}`);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click({ timeout: 10_000 });
        return;
      } catch (e) {
        if (attempt >= 5) throw e;
        await page.keyboard.press('Escape');
      }
    }
  };
  const openDockerfile = async () => {
    const input = page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      try {
        await page.keyboard.press('Control+P');
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill('Dockerfile');
        await page.locator('.quick-input-list .monaco-list-row[aria-label^="Dockerfile"]').first().click({ timeout: 10_000 });
        await page.locator('.tabs-container .tab.active', { hasText: 'Dockerfile' }).waitFor({ state: 'visible', timeout: 10_000 });
        return;
      } catch (e) {
        if (attempt >= 5) throw e;
        await page.keyboard.press('Escape');
      }
    }
  };
  try {
    await page.goto(workbenchUrl(server, workspace));
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'compose.yaml' }).first().waitFor({ state: 'visible' });

    // The hover on USER in api/Dockerfile, from its top.
    await openDockerfile();
    const line = page.locator('.editor-instance .monaco-editor .view-line', { hasText: 'USER nonroot' }).first();
    const token = line.locator('span span', { hasText: /^USER$/ }).first();
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /Container or VM\?/ }).first();
    await waitFor('the USER hover', async () => {
      await page.mouse.move(5, 5);
      await token.hover();
      return hover.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    }, { deadline: Date.now() + 90_000 });
    // Wait for every part of the hover (the explanation arrives after the problem's), then show it from its top.
    await waitFor('the hover title', async () => /(^|\n)USER(\n|$)/.test(await hover.innerText()), { deadline: Date.now() + 30_000 });
    await hover.evaluate((el) => el.querySelectorAll('.monaco-scrollable-element, .monaco-hover-content, .hover-contents').forEach((e) => { e.scrollTop = 0; }));
    await shot('hover-user.png');
    await page.keyboard.press('Escape');

    // The comparison after a scan, opened on its own: the column headers and the first rows, with
    // the evidence the workspace holds for them.
    await command('Container or VM?: Should this be a VM?');
    await frameWith(page, 'section.workload', 'the report', { deadline: Date.now() + 60_000 });
    // The report from its top, across the window: the overall answer and the first workloads, once
    // the scan's progress notification has gone.
    await page.locator('.tabs-container .tab', { hasText: 'Should this be a VM?' }).first().click();
    await command('View: Close Editors in Other Groups');
    await command('View: Close Primary Side Bar');
    const report = await frameWith(page, 'section.workload', 'the report', { deadline: Date.now() + 60_000 });
    await waitFor('the scan finished', async () => (await page.locator('.notification-toast').count()) === 0, { deadline: Date.now() + 60_000 });
    await waitFor('the report across the window', async () => (await report.evaluate(() => window.innerWidth)) > 1000, { deadline: Date.now() + 20_000 });
    await report.locator('body').evaluate(() => window.scrollTo(0, 0));
    await shot('advice-report.png');
    await command('View: Toggle Primary Side Bar Visibility');
    await command('View: Close All Editors');
    await command('Container or VM?: Open Comparison');
    const frame = await frameWith(page, 'table#comparison tbody tr[data-dimension="isolation"] .marks li', 'the comparison with the workspace evidence', { deadline: Date.now() + 60_000 });
    // The whole window for the table, as when it is opened on its own.
    await command('View: Close Primary Side Bar');
    await waitFor('the comparison across the window', async () => (await frame.evaluate(() => window.innerWidth)) > 1000, { deadline: Date.now() + 20_000 });
    await frame.locator('table#comparison thead').evaluate(() => window.scrollTo(0, 0));
    await waitFor('the column headers in view', async () => frame.locator('table#comparison thead').evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }), { deadline: Date.now() + 10_000 });
    await shot('comparison.png');

    // The walkthrough with room for its title, its description and the first step's page.
    await command('View: Close All Editors');
    await command('Welcome: Open Walkthrough...');
    const input = page.locator('.quick-input-widget input').first();
    await input.fill('Get started with Container or VM');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Container or VM' }).first().waitFor({ state: 'visible' });
    await input.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'Walkthrough: Container or VM?' }).first().waitFor({ state: 'visible' });
    await page.locator('button.getting-started-step').filter({ hasText: 'Hover a Dockerfile' }).first().click();
    await frameWith(page, 'h1', 'the step page', { hasText: 'Hover a Dockerfile line', deadline: Date.now() + 60_000 });
    // VS Code clamps the title and description to a few lines: say so when they no longer fit.
    for (const part of ['.category-title', '.category-description']) {
      const el = page.locator(`.gettingStartedSlideDetails ${part}`).first();
      const cut = await el.evaluate((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1).catch(() => false);
      if (cut) console.log(`demo: the walkthrough's ${part.slice(1)} is cut off at this size`);
    }
    await shot('walkthrough.png');
  } catch (e) {
    if (args.debug) await page.screenshot({ path: String(args.debug) }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
    await server.stop();
  }
}
