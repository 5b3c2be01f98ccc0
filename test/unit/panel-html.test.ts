import * as assert from 'node:assert/strict';
import { adviseFiles } from '../../src/core/advisor/advise';
import { marksOf } from '../../src/core/advisor/marks';
import { compareTable, type DimensionMarks } from '../../src/core/compare';
import { DIMENSIONS } from '../../src/core/knowledge/dimensions';
import { SOURCES } from '../../src/core/knowledge/sources';
import { escapeHtml, renderPanelHtml, type PanelModel } from '../../src/core/render/panelHtml';

const env = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utdm9uLXRlc3Q=',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
};

const HUGE = 'x'.repeat(100_000);
const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', HUGE];

function hostileMarks(): DimensionMarks {
  const marks: DimensionMarks = {};
  for (const d of DIMENSIONS) {
    marks[d.id] = HOSTILE.map((s, i) => ({ workload: s, verdict: 'vm' as const, file: s, line: i + 1, message: s }));
  }
  // A verdict that is not one of ours must still come out as text.
  marks.isolation?.push({ workload: 'w', verdict: '<script>x</script>' as never, file: 'Dockerfile', line: 1, message: 'm' });
  return marks;
}

/** Every start tag of the document: name and attributes as the browser would read them. */
function tags(html: string): { name: string; attrs: Record<string, string> }[] {
  const out: { name: string; attrs: Record<string, string> }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>"]+(?:="[^"]*")?)*)\s*>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/\s+([^\s=>"]+)(?:="([^"]*)")?/g)) attrs[a[1].toLowerCase()] = a[2] ?? '';
    out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}

function render(model: Partial<PanelModel> = {}): string {
  return renderPanelHtml({ table: compareTable(), ...model }, env);
}

describe('panel html', () => {
  it('sets the content security policy and loads exactly one script, with the nonce', () => {
    const html = render();
    assert.ok(
      html.includes(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${env.cspSource}; script-src 'nonce-${env.nonce}'; img-src ${env.cspSource}">`,
      ),
    );
    const scripts = tags(html).filter((t) => t.name === 'script');
    assert.equal(scripts.length, 1);
    assert.deepEqual(scripts[0].attrs, { nonce: env.nonce, src: env.scriptUri });
    assert.equal((html.match(/<script/gi) ?? []).length, 1);
  });

  it('shows every dimension as a row with a header cell, the sources and the five documents', () => {
    const html = render();
    const all = tags(html);
    const rows = all.filter((t) => t.name === 'tr' && t.attrs['data-dimension']);
    assert.deepEqual(rows.map((r) => r.attrs['data-dimension']), DIMENSIONS.map((d) => d.id));
    assert.equal(all.filter((t) => t.name === 'th' && t.attrs.scope === 'row').length, DIMENSIONS.length);
    assert.ok(all.filter((t) => t.name === 'th' && t.attrs.scope === 'col').length >= 4);
    assert.ok(html.includes('<caption>'));
    assert.ok(all.some((t) => t.name === 'input' && t.attrs.id === 'filter'));
    for (const s of SOURCES) assert.ok(html.includes(escapeHtml(s.title)), `source ${s.id} listed`);
    assert.ok(html.includes(escapeHtml(DIMENSIONS.find((d) => d.id === 'networking')?.note ?? '∅')));
    assert.match(html, /No workspace scan yet/);
  });

  it('keeps hostile workspace strings inert', () => {
    const html = render({ marks: hostileMarks() });
    const all = tags(html);
    const allowed = new Set(['html', 'head', 'meta', 'link', 'title', 'body', 'header', 'label', 'input', 'button', 'span', 'main', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'a', 'p', 'strong', 'div', 'section', 'h2', 'ol', 'cite', 'code', 'script']);
    for (const t of all) {
      assert.ok(allowed.has(t.name), `unexpected <${t.name}>`);
      for (const [k, v] of Object.entries(t.attrs)) {
        assert.ok(!k.startsWith('on'), `event handler attribute ${k} on <${t.name}>`);
        if (k === 'href' || k === 'src') assert.ok(v.startsWith('#source-') || v === env.scriptUri || v === env.styleUri, `${k}=${v}`);
        assert.ok(!/^\s*javascript:/i.test(v) || k === 'data-file', `javascript: in ${k}`);
      }
    }
    assert.equal((html.match(/<script/gi) ?? []).length, 1);
    assert.equal((html.match(/<img/gi) ?? []).length, 0);
    // Data only ever appears inside quoted attribute values or as text; outside those, no handler.
    const markupOnly = html.replace(/"[^"]*"/g, '""');
    assert.ok(!/<[^>]*\sonerror=/i.test(markupOnly), 'onerror= as an attribute');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('turns evidence into data-attribute links and cuts very long strings', () => {
    const html = render({ marks: hostileMarks() });
    const buttons = tags(html).filter((t) => t.name === 'button' && t.attrs.class === 'evidence');
    assert.ok(buttons.length > 0);
    for (const b of buttons) {
      assert.ok(b.attrs['data-file'].length <= 4096, 'an over-long path is not offered as a link');
      assert.match(b.attrs['data-line'], /^[1-9][0-9]*$/);
    }
    assert.ok(buttons.some((b) => b.attrs['data-file'] === 'javascript:alert(1)' && b.attrs['data-line'] === '3'));
    assert.ok(!html.includes('x'.repeat(1000)), 'the 100,000-character string is shortened');
    assert.ok(html.length < 400_000);
  });

  it('shows the end of a long evidence path, so the file name stays visible, and links the whole path', () => {
    const file = '/home/someone/' + 'deeply/nested/'.repeat(12) + 'service-a/Dockerfile';
    const html = render({ marks: { security: [{ workload: 'a', verdict: 'vm', file, line: 4, message: 'm' }] } });
    const button = tags(html).find((t) => t.name === 'button' && t.attrs.class === 'evidence');
    assert.equal(button?.attrs['data-file'], file);
    const shown = /class="evidence"[^>]*>([^<]*)<\/button>/.exec(html)?.[1] ?? '';
    assert.ok(shown.startsWith('…') && shown.endsWith('nested/service-a/Dockerfile:4'), shown);
    assert.ok(shown.length <= 125, `${shown.length} characters shown`);
  });

  it('lists a dimension\'s evidence in its row with the verdict in words', () => {
    const marks: DimensionMarks = {
      security: [{ workload: 'api', verdict: 'container-hardened', file: 'api/Dockerfile', line: 12, message: 'runs as root' }],
    };
    const html = render({ marks });
    const row = html.slice(html.indexOf('<tr data-dimension="security"'), html.indexOf('</tr>', html.indexOf('<tr data-dimension="security"')));
    assert.match(row, /<div class="marks" data-count="1">/);
    assert.match(row, /data-file="api\/Dockerfile" data-line="12">api\/Dockerfile:12<\/button>/);
    assert.match(row, /Hardened container/);
    assert.match(row, /runs as root/);
    const other = html.slice(html.indexOf('<tr data-dimension="startup"'));
    assert.match(other, /Nothing in this workspace/);
  });

  it('marks the rows whose evidence decided a verdict, naming the workloads, and lists that evidence first', () => {
    // `kmod` needs a VM (it loads kernel modules) and is also privileged; `web` is a plain container
    // whose health check counts for containers. Only the evidence that points the verdict's way decides.
    const report = adviseFiles([
      { path: 'kmod/Dockerfile', text: 'FROM ubuntu:24.04\nRUN modprobe wireguard\nUSER 1000\n' },
      {
        path: 'compose.yaml',
        text: 'services:\n  kmod:\n    build: ./kmod\n    privileged: true\n  web:\n    image: nginx:1.27\n    user: "101"\n',
      },
    ]);
    const kmod = report.workloads.find((w) => w.name === 'kmod');
    assert.equal(kmod?.verdict, 'vm');
    const marks = marksOf(report);
    const html = render({ marks });
    const rowOf = (id: string) => {
      const at = html.indexOf(`<tr data-dimension="${id}"`);
      return html.slice(at, html.indexOf('</tr>', at));
    };
    const decidedRows = compareTable().dimensions.filter((d) => / class="[^"]*\bdecided\b/.test(rowOf(d.id).split('>')[0]));
    const expected = compareTable().dimensions.filter((d) => (marks[d.id] ?? []).some((m) => m.decided));
    assert.ok(expected.length > 0, 'the VM verdict was decided by some dimension');
    assert.deepEqual(decidedRows.map((d) => d.id), expected.map((d) => d.id));
    const kernel = rowOf(expected[0].id);
    assert.match(kernel, /<p class="decided-note"><strong>Decided the verdict of:<\/strong> kmod<\/p>/);
    assert.match(kernel, /<li class="decided">/);
    // The privileged flag is evidence, but it points at hardening, not at the VM verdict.
    const privileged = Object.values(marks).flat().find((m) => m?.workload === 'kmod' && /privileged/i.test(m.message));
    assert.equal(privileged?.decided, false);
    for (const list of Object.values(marks)) {
      const flags = (list ?? []).map((m) => !!m.decided);
      assert.deepEqual(flags, [...flags].sort((a, b) => Number(b) - Number(a)), 'deciding evidence first');
    }
    // Without a scan nothing is marked.
    assert.doesNotMatch(render(), /class="[^"]*\bdecided\b|decided-note/);
  });

  it('shows the report\'s workspace-relative name of a file and links the path to open', () => {
    const report = adviseFiles([{ path: 'svc/Dockerfile', text: 'FROM ubuntu:24.04\nRUN modprobe wireguard\n' }]);
    const marks = marksOf(report, (f) => `/home/me/project/${f}`);
    const mark = Object.values(marks).flat()[0];
    assert.equal(mark?.file, '/home/me/project/svc/Dockerfile');
    assert.equal(mark?.display, 'svc/Dockerfile');
    const html = render({ marks });
    assert.match(html, /data-file="\/home\/me\/project\/svc\/Dockerfile" data-line="2">svc\/Dockerfile:2<\/button>/);
    // Without a different path to open, no display name is added.
    assert.equal(Object.values(marksOf(report)).flat()[0]?.display, undefined);
  });

  it('focuses the requested row and hides the sandboxed column when asked', () => {
    const html = render({ focus: 'storage', sandboxed: false });
    assert.match(html, /<tr data-dimension="storage" id="row-storage" tabindex="0" class="focused">/);
    assert.match(html, /<body data-focus="storage" data-sandboxed="false">/);
    assert.match(html, /<table id="comparison" class="comparison hide-sandboxed">/);
    assert.doesNotMatch(html, /id="toggle-sandboxed" checked/);
    const shown = render();
    assert.match(shown, /id="toggle-sandboxed" checked/);
    assert.match(shown, /<tr data-dimension="isolation" id="row-isolation" tabindex="0">/);
  });

  it('escapes a restored filter and ignores an unknown focus', () => {
    const html = render({ filter: '"><script>alert(1)</script>', focus: 'nope' as never });
    assert.equal((html.match(/<script/gi) ?? []).length, 1);
    assert.match(html, /data-focus=""/);
    assert.doesNotMatch(html, /class="focused"/);
  });
});
