// media/panel.js in a real browser (Chromium through playwright-core), against the document
// renderPanelHtml produces, with a stand-in for the webview API that records posted messages.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import type { Browser, Page } from 'playwright-core';
import { compareTable, type DimensionMarks } from '../../src/core/compare';
import { renderPanelHtml, type PanelModel } from '../../src/core/render/panelHtml';

const root = join(__dirname, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const ORIGIN = 'https://panel.test';

type Posted = { type: string; [k: string]: unknown };

describe('panel script', function () {
  let browser: Browser | undefined;

  before(async function () {
    if (!CHROMIUM) this.skip(); // no browser on this machine: scripts/setup-vscode.sh installs one
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  after(async () => browser?.close());

  async function open(model: Partial<PanelModel> = {}, saved?: unknown, edit: (html: string) => string = (h) => h): Promise<{ page: Page; errors: string[] }> {
    const html = edit(
      renderPanelHtml(
        { table: compareTable(), ...model },
        { cspSource: ORIGIN, nonce: 'dGVzdC1ub25jZQ==', scriptUri: `${ORIGIN}/media/panel.js`, styleUri: `${ORIGIN}/media/panel.css` },
      ),
    );
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.addInitScript((state) => {
      const w = window as unknown as { posted: unknown[]; acquireVsCodeApi: () => unknown };
      w.posted = [];
      let st = state;
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.posted.push(m), getState: () => st, setState: (s: unknown) => (st = s) });
    }, saved);
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
      return route.fulfill({ contentType: path.endsWith('.js') ? 'text/javascript' : 'text/css', body: readFileSync(join(root, path)) });
    });
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => (window as unknown as { posted: Posted[] }).posted.some((m) => m.type === 'ready'));
    return { page, errors };
  }

  const posted = (page: Page) => page.evaluate(() => (window as unknown as { posted: Posted[] }).posted);
  const visible = (page: Page) =>
    page.$$eval('tr[data-dimension]', (rs) => rs.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset.dimension));
  const active = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.dimension);

  it('filters rows by their text and says when nothing matches', async () => {
    const { page, errors } = await open();
    await page.fill('#filter', 'firewall');
    assert.deepEqual(await visible(page), ['networking']);
    await page.fill('#filter', 'zzzz-nothing');
    assert.deepEqual(await visible(page), []);
    assert.equal(await page.isVisible('#no-match'), true);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('moves between rows with the arrow keys and opens the first evidence with Enter', async () => {
    const marks: DimensionMarks = {
      'os-kernel': [{ workload: 'agent', verdict: 'vm', file: 'agent/Dockerfile', line: 7, message: 'loads a kernel module' }],
    };
    const { page } = await open({ marks });
    await page.focus('#filter');
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(page), 'isolation');
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(page), 'os-kernel');
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted(page)).at(-1), { type: 'openFile', file: 'agent/Dockerfile', line: 7 });
    await page.keyboard.press('End');
    assert.equal(await active(page), 'security');
    await page.close();
  });

  it('focuses and highlights a row on a focus message, clearing a filter that hid it', async () => {
    const { page } = await open({ filter: 'firewall' });
    assert.deepEqual(await visible(page), ['networking']);
    await page.evaluate(() => window.postMessage({ type: 'focus', dimension: 'storage' }, '*'));
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.dimension === 'storage');
    assert.equal(await page.$eval('tr[data-dimension=storage]', (r) => r.classList.contains('focused')), true);
    assert.equal(await page.inputValue('#filter'), '');
    await page.close();
  });

  it('shows workspace evidence from a show message as text, dropping malformed items', async () => {
    const { page, errors } = await open();
    await page.evaluate(() =>
      window.postMessage(
        {
          type: 'show',
          marks: {
            networking: [
              { workload: '<img src=x onerror=alert(1)>', verdict: 'sandboxed', file: 'k8s/pod.yaml', line: 9, message: 'hostNetwork' },
              { workload: 'w', verdict: 'vm', file: 42, line: 1, message: 'm' },
            ],
          },
        },
        '*',
      ),
    );
    await page.waitForFunction(() => document.querySelector('tr[data-dimension=networking] .marks')?.getAttribute('data-count') === '1');
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
    assert.equal(await page.textContent('tr[data-dimension=networking] .workload'), '<img src=x onerror=alert(1)>');
    assert.equal(await page.textContent('tr[data-dimension=networking] .verdict'), 'Sandboxed container');
    await page.click('tr[data-dimension=networking] .evidence');
    assert.deepEqual((await posted(page)).at(-1), { type: 'openFile', file: 'k8s/pod.yaml', line: 9 });
    // Messages of the wrong shape change nothing.
    await page.evaluate(() => {
      window.postMessage({ type: 'focus', dimension: 'constructor' }, '*');
      window.postMessage('focus', '*');
      window.postMessage({ type: 'show', marks: [] }, '*');
    });
    assert.equal(await page.getAttribute('tr[data-dimension=networking] .marks', 'data-count'), '1');
    // A long path shows its end, where the file name is; the link carries the whole path.
    const long = 'workspace/' + 'nested/'.repeat(30) + 'svc/Dockerfile';
    await page.evaluate((file) => window.postMessage({ type: 'show', marks: { storage: [{ workload: 'svc', verdict: 'vm', file, line: 2, message: 'm' }] } }, '*'), long);
    await page.waitForFunction(() => document.querySelector('tr[data-dimension=storage] .marks')?.getAttribute('data-count') === '1');
    const shownPath = (await page.textContent('tr[data-dimension=storage] .evidence')) ?? '';
    assert.ok(shownPath.startsWith('…') && shownPath.endsWith('nested/svc/Dockerfile:2'), shownPath);
    assert.equal(await page.getAttribute('tr[data-dimension=storage] .evidence', 'data-file'), long);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('marks the rows whose evidence decided a verdict after a show message, and unmarks them on the next', async () => {
    const { page, errors } = await open();
    const show = (marks: unknown) => page.evaluate((m) => window.postMessage({ type: 'show', marks: m }, '*'), marks);
    await show({
      'os-kernel': [
        { workload: 'lab', verdict: 'vm', file: 'Vagrantfile', line: 3, message: 'builds a VM', decided: false },
        { workload: '<b>kmod</b>', verdict: 'vm', file: '/ws/kmod/Dockerfile', display: 'kmod/Dockerfile', line: 2, message: 'loads kernel modules', decided: true },
      ],
      security: [{ workload: 'web', verdict: 'container', file: 'compose.yaml', line: 4, message: 'runs as root', decided: false }],
      // A non-boolean `decided` makes the item malformed: it is dropped.
      storage: [{ workload: 'db', verdict: 'vm', file: 'compose.yaml', line: 9, message: 'm', decided: 'yes' }],
    });
    await page.waitForFunction(() => document.querySelector('tr[data-dimension=os-kernel] .marks')?.getAttribute('data-count') === '2');
    assert.deepEqual(await page.$$eval('tr.decided', (rows) => rows.map((r) => (r as HTMLElement).dataset.dimension)), ['os-kernel']);
    assert.equal(await page.textContent('tr[data-dimension=os-kernel] .decided-note'), 'Decided the verdict of: <b>kmod</b>');
    assert.equal(await page.$$eval('b', (b) => b.length), 0);
    assert.equal(await page.textContent('tr[data-dimension=os-kernel] li.decided .message'), 'loads kernel modules');
    // The report's name is shown; the link carries the path to open.
    assert.equal(await page.textContent('tr[data-dimension=os-kernel] li.decided .evidence'), 'kmod/Dockerfile:2');
    assert.equal(await page.getAttribute('tr[data-dimension=os-kernel] li.decided .evidence', 'data-file'), '/ws/kmod/Dockerfile');
    assert.equal(await page.getAttribute('tr[data-dimension=storage] .marks', 'data-count'), '0');
    await show({ security: [{ workload: 'web', verdict: 'container', file: 'compose.yaml', line: 4, message: 'health check', decided: true }] });
    await page.waitForFunction(() => document.querySelector('tr[data-dimension=os-kernel] .marks')?.getAttribute('data-count') === '0');
    assert.deepEqual(await page.$$eval('tr.decided', (rows) => rows.map((r) => (r as HTMLElement).dataset.dimension)), ['security']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('toggles the sandboxed column, copies as Markdown and keeps its state', async () => {
    const { page } = await open();
    assert.equal(await page.isVisible('tr[data-dimension=isolation] .col-sandboxed'), true);
    await page.uncheck('#toggle-sandboxed');
    assert.equal(await page.isVisible('tr[data-dimension=isolation] .col-sandboxed'), false);
    await page.click('#copy-markdown');
    const messages = await posted(page);
    assert.deepEqual(messages.at(-1), { type: 'copyMarkdown' });
    assert.deepEqual(messages.at(-2), { type: 'state', state: { filter: '', sandboxed: false } });
    assert.match((await page.textContent('#status')) ?? '', /Copied/);
    await page.close();
  });

  it('restores filter and column from the saved state after a reload', async () => {
    const { page } = await open({}, { filter: 'kernel', sandboxed: false });
    assert.equal(await page.inputValue('#filter'), 'kernel');
    assert.ok((await visible(page)).includes('os-kernel'));
    assert.ok(!(await visible(page)).includes('load-balancing'));
    assert.equal(await page.isChecked('#toggle-sandboxed'), false);
    await page.close();
  });

  describe('in another display language', () => {
    // A made-up translation of the words the script writes itself; one carries markup, which must stay text.
    const PSEUDO = {
      'Nothing in this workspace.': 'Rien <img src=x onerror=alert(1)> ici.',
      'and {0} more': 'et {0} de plus',
      'Copied the comparison as Markdown.': 'Comparaison copiée.',
      'Sandboxed container': 'Conteneur isolé',
      'Virtual machine': 'Machine virtuelle',
    };
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ workload: `w${i}`, verdict: 'vm', file: 'Dockerfile', line: i + 1, message: 'm' }));

    async function showMarks(page: Page): Promise<void> {
      await page.evaluate(
        (marks) => window.postMessage({ type: 'show', marks }, '*'),
        { networking: [{ workload: 'api', verdict: 'sandboxed', file: 'k8s/pod.yaml', line: 9, message: 'hostNetwork' }], 'os-kernel': many(53) },
      );
      await page.waitForFunction(() => document.querySelector('tr[data-dimension="os-kernel"] .marks')?.getAttribute('data-count') === '53');
    }

    it('writes its own words (empty rows, "and N more", verdicts, the copy notice) from the page, as text', async () => {
      l10n.config({ contents: PSEUDO });
      let opened;
      try {
        opened = await open();
      } finally {
        l10n.config({ contents: {} });
      }
      const { page, errors } = opened;
      await showMarks(page);
      assert.equal(await page.textContent('tr[data-dimension=networking] .verdict'), 'Conteneur isolé');
      assert.equal(await page.textContent('tr[data-dimension="os-kernel"] .marks p.muted'), 'et 3 de plus');
      assert.equal(await page.textContent('tr[data-dimension=storage] .marks .muted'), 'Rien <img src=x onerror=alert(1)> ici.');
      assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
      await page.click('#copy-markdown');
      assert.equal(await page.textContent('#status'), 'Comparaison copiée.');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('falls back to English when the page carries no strings or broken ones', async () => {
      const carrying = (attr: string) => (h: string) => h.replace(/<main data-l10n="[^"]*">/, `<main${attr}>`);
      const pages = [
        carrying(''),
        carrying(' data-l10n="{&quot;more&quot;: "'),
        carrying(' data-l10n="{&quot;more&quot;: 7, &quot;nothing&quot;: &quot; &quot;, &quot;verdicts&quot;: [1]}"'),
      ];
      for (const edit of pages) {
        const { page, errors } = await open({}, undefined, edit);
        await showMarks(page);
        assert.equal(await page.textContent('tr[data-dimension=networking] .verdict'), 'Sandboxed container');
        assert.equal(await page.textContent('tr[data-dimension="os-kernel"] .marks p.muted'), 'and 3 more');
        assert.equal(await page.textContent('tr[data-dimension=storage] .marks .muted'), 'Nothing in this workspace.');
        await page.click('#copy-markdown');
        assert.equal(await page.textContent('#status'), 'Copied the comparison as Markdown.');
        assert.deepEqual(errors, []);
        await page.close();
      }
    });
  });
});
