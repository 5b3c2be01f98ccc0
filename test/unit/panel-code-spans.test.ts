// The comparison panel shows the table's `code spans` as code, never as raw backticks, and a code
// span cannot carry markup of its own.
import * as assert from 'node:assert/strict';
import { compareTable } from '../../src/core/compare';
import { prose, renderPanelHtml } from '../../src/core/render/panelHtml';

const env = { cspSource: 'https://x.test', nonce: 'bm9uY2U=', scriptUri: 'https://x.test/panel.js', styleUri: 'https://x.test/panel.css' };

describe('comparison panel code spans', () => {
  const table = compareTable();
  const html = renderPanelHtml({ table, sandboxed: true, marks: { 'os-kernel': [{ workload: 'kmod', verdict: 'vm', file: 'Dockerfile', line: 10, message: '`RUN`: `modprobe` loads kernel modules.', decided: true }] } }, env);
  const cells = [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);

  it('renders the code spans of the table cells as <code>, with no backtick left', () => {
    const withCode = table.dimensions.filter((d) => [d.container, d.vm, d.sandboxed, d.note ?? ''].some((t) => /`[^`]+`/.test(t)));
    assert.ok(withCode.length > 0, 'the table has code spans to show');
    for (const c of cells) assert.ok(!c.includes('`'), `a raw backtick in a cell: ${c.slice(0, 200)}`);
    assert.match(html, /<code>docker run<\/code>/);
  });

  it("renders the evidence message's code spans as code", () => {
    assert.match(html, /<span class="message"><code>RUN<\/code>: <code>modprobe<\/code> loads kernel modules\.<\/span>/);
  });

  it('escapes before finding code spans, so a span holds only text', () => {
    assert.equal(prose('run `<img src=x onerror=alert(1)>` and "q" & `a`'), 'run <code>&lt;img src=x onerror=alert(1)&gt;</code> and &quot;q&quot; &amp; <code>a</code>');
    assert.equal(prose('one ` alone'), 'one ` alone');
  });
});
