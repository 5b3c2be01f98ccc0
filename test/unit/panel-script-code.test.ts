// media/panel.js in Chromium: evidence that a `show` message brings shows its `code spans` as code,
// as the document renderPanelHtml writes does, every piece still set as text.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { compareTable } from '../../src/core/compare';
import { renderPanelHtml } from '../../src/core/render/panelHtml';

const root = join(__dirname, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const ORIGIN = 'https://panel.test';

describe('panel script code spans', function () {
  let browser: Browser | undefined;
  before(async function () {
    if (!CHROMIUM) this.skip(); // no browser on this machine: scripts/setup-vscode.sh installs one
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  after(async () => browser?.close());

  it('renders a show message\'s code spans as <code>, and markup in them as text', async () => {
    const html = renderPanelHtml({ table: compareTable() }, { cspSource: ORIGIN, nonce: 'dGVzdC1ub25jZQ==', scriptUri: `${ORIGIN}/media/panel.js`, styleUri: `${ORIGIN}/media/panel.css` });
    const page = await browser!.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { posted: unknown[]; acquireVsCodeApi: () => unknown };
      w.posted = [];
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.posted.push(m), getState: () => undefined, setState: () => undefined });
    });
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
      return route.fulfill({ contentType: path.endsWith('.js') ? 'text/javascript' : 'text/css', body: readFileSync(join(root, path)) });
    });
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    await page.evaluate(() =>
      window.postMessage({ type: 'show', marks: { isolation: [{ workload: 'agent', verdict: 'container-hardened', file: 'compose.yaml', line: 13, message: 'Service `<img src=x onerror=alert(1)>` shares the host PID namespace; `pid: host`. A ` alone' }] } }, '*'),
    );
    await page.waitForFunction(() => document.querySelector('tr[data-dimension=isolation] .marks')?.getAttribute('data-count') === '1');
    const message = 'tr[data-dimension=isolation] .message';
    assert.deepEqual(await page.$$eval(`${message} code`, (cs) => cs.map((c) => c.textContent)), ['<img src=x onerror=alert(1)>', 'pid: host']);
    assert.equal(await page.textContent(message), 'Service <img src=x onerror=alert(1)> shares the host PID namespace; pid: host. A ` alone');
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
    await page.close();
  });
});
