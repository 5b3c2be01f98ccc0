// The report panel's document: hostile workspace strings stay text, links carry only checked values,
// and messages from the webview are accepted only in their exact shape.
import * as assert from 'node:assert/strict';
import { adviseFiles } from '../../src/core/advisor/advise';
import { MARKDOWN_LIMIT, MAX_EVIDENCE_SHOWN, renderAdviceMarkdown } from '../../src/core/render/adviceText';
import { parseReportMessage, renderReportHtml, workloadIndex } from '../../src/core/render/reportHtml';
import { fakeDeps } from './helpers/fakeFormats';
import { HOSTILE, hostileReport } from './helpers/hostileReport';

const env = { cspSource: 'vscode-webview://abc', nonce: 'bm9uY2UxMjM0NTY3ODk=', scriptUri: 'vscode-webview://abc/media/report.js', styleUri: 'vscode-webview://abc/media/report.css' };

/** Tags and attributes of the document as a browser would see them (good enough for our own markup). */
function tags(html: string): string[] {
  return html.match(/<[a-zA-Z!/][^>]*>/g) ?? [];
}

describe('report html', () => {
  const html = renderReportHtml(hostileReport(), env, 0);

  it('keeps hostile workspace strings inert', () => {
    assert.ok(!html.includes('<img'), 'no img element');
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'only our script');
    for (const t of tags(html)) {
      // Every attribute is name="value" with no quote inside the value; what is left must be bare names.
      const names = [...t.replace(/\s[\w:-]+="[^"]*"/g, (a) => ` ${a.trim().split('=')[0]}`).matchAll(/\s([^\s>]+)/g)].map((m) => m[1]);
      for (const n of names) assert.match(n, /^(?!on)[a-z][\w:-]*$/i, `attribute ${n} in ${t}`);
    }
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&quot;&amp;&lt;script&gt;'));
  });

  it('loads only the media script, with the nonce, under a strict CSP', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src vscode-webview:\/\/abc; img-src vscode-webview:\/\/abc; script-src &#39;nonce-bm9uY2UxMjM0NTY3ODk=&#39;">/);
    assert.match(html, /<script nonce="bm9uY2UxMjM0NTY3ODk=" src="vscode-webview:\/\/abc\/media\/report.js"><\/script>/);
  });

  it('shows the overall answer, each verdict, confidence, evidence links and what would change it', () => {
    assert.match(html, /Overall: <span class="badge verdict-container-hardened">Hardened container<\/span>/);
    assert.match(html, /<button type="button" class="link" data-file="&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;&#39;&quot;&amp;&lt;script&gt;alert\(2\)&lt;\/script&gt;\/compose.yaml" data-line="3">/);
    assert.match(html, /confidence <span class="confidence">\d+%<\/span>/);
    assert.match(html, /<h3>What would change it<\/h3><ul class="changes"><li>Drop privileged: true and add only the capabilities it needs → container<\/li>/);
    assert.match(html, /<details class="skipped"><summary>Skipped \(1\)<\/summary>/);
    assert.match(html, /<section class="workload verdict-container-hardened focused" id="w-0"/);
  });

  it('shows the end of a long evidence path, where the file name is', () => {
    const deep = 'a-rather-long-folder-name/'.repeat(10) + 'svc';
    const r = adviseFiles([{ path: `${deep}/Dockerfile`, text: 'FROM x\n!t.root\n' }], { deps: fakeDeps });
    const shown = [...renderReportHtml(r, env, 0).matchAll(/class="link" data-file="([^"]*)" data-line="\d+">([^<]*)</g)];
    assert.ok(shown.length > 0);
    for (const [, file, text] of shown) {
      assert.equal(file, `${deep}/Dockerfile`);
      assert.ok(text.startsWith('…') && /folder-name\/svc\/Dockerfile:\d+$/.test(text), text);
    }
  });

  it('shows `code spans` in messages as code, still escaped', () => {
    const r = hostileReport();
    r.workloads[0].signals[0].message = 'Image `<b>nginx</b>` has no tag';
    assert.match(renderReportHtml(r, env), /<div class="message">Image <code>&lt;b&gt;nginx&lt;\/b&gt;<\/code> has no tag<\/div>/);
  });

  it('does not link a file name it could not open safely', () => {
    const r = hostileReport();
    r.workloads[0].signals[0].file = 'a\0b';
    r.workloads[0].signals[0].line = 0;
    const out = renderReportHtml(r, env);
    assert.ok(!out.includes('data-line="0"'));
    assert.match(out, /<span class="place">a\0b:0<\/span>/);
  });

  it('offers a scan when there is no report yet', () => {
    const empty = renderReportHtml(undefined, env);
    assert.match(empty, /No report yet/);
    assert.match(empty, /data-action="rerun"/);
  });

  it('finds the workload a CodeLens points at', () => {
    const r = hostileReport();
    assert.equal(workloadIndex(r, { file: r.workloads[0].file, line: r.workloads[0].line }), 0);
    assert.equal(workloadIndex(r, { file: `${HOSTILE}/Dockerfile` }), 0, 'the linked Dockerfile leads to its service');
    assert.equal(workloadIndex(r, { file: 'nope' }), undefined);
    assert.equal(workloadIndex(r, undefined), undefined);
  });
});

describe('report messages', () => {
  it('accepts the exact shapes', () => {
    assert.deepEqual(parseReportMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseReportMessage({ type: 'rerun' }), { type: 'rerun' });
    assert.deepEqual(parseReportMessage({ type: 'copy' }), { type: 'copy' });
    assert.deepEqual(parseReportMessage({ type: 'open', file: 'a/Dockerfile', line: 3 }), { type: 'open', file: 'a/Dockerfile', line: 3 });
  });
  const bad: [string, unknown][] = [
    ['null', null],
    ['an array', [{ type: 'ready' }]],
    ['an unknown type', { type: 'eval', code: '1' }],
    ['extra fields', { type: 'ready', x: 1 }],
    ['a line given as text', { type: 'open', file: 'a', line: '3' }],
    ['line 0', { type: 'open', file: 'a', line: 0 }],
    ['a fractional line', { type: 'open', file: 'a', line: 1.5 }],
    ['an empty file', { type: 'open', file: '', line: 1 }],
    ['a NUL in the file', { type: 'open', file: 'a\0b', line: 1 }],
    ['a huge file name', { type: 'open', file: 'a'.repeat(5000), line: 1 }],
    ['a class instance', new (class { type = 'ready'; })()],
  ];
  for (const [what, raw] of bad) it(`rejects ${what}`, () => assert.equal(parseReportMessage(raw), undefined));
  it('lists at most MAX_EVIDENCE_SHOWN pieces of evidence over all workloads, then says how many each leaves out', () => {
    // 600 services with four pieces of evidence each: 2,400 in all.
    const service = (i: number) => `  s${i}:\n    image: alpine\n    privileged: true\n    network_mode: host\n    pid: host\n`;
    const report = adviseFiles([{ path: 'compose.yaml', text: `services:\n${Array.from({ length: 600 }, (_, i) => service(i)).join('')}` }]);
    const total = report.workloads.reduce((n, w) => n + w.signals.length, 0);
    assert.ok(total > MAX_EVIDENCE_SHOWN, `only ${total} pieces of evidence`);
    const page = renderReportHtml(report, env);
    assert.equal((page.match(/<li class="signal /g) ?? []).length, MAX_EVIDENCE_SHOWN);
    // The Markdown is held to a pull-request comment's size first: it lists less, and says so.
    const md = renderAdviceMarkdown(report);
    assert.ok(md.length <= MARKDOWN_LIMIT);
    assert.ok((md.match(/^- \*\*/gm) ?? []).length < MAX_EVIDENCE_SHOWN);
    assert.match(md, /^\*\*\d+ more workloads not shown\*\*/m);
    // The last workload lists none of its evidence, and says so.
    const last = report.workloads[report.workloads.length - 1];
    const lastSection = page.slice(page.lastIndexOf('<section class="workload'));
    assert.ok(lastSection.includes(`<h3>Evidence</h3><p class="muted">and ${last.signals.length} more</p>`), 'no "and N more" for the last workload');
  });
});
