import * as assert from 'node:assert/strict';
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
    const allowed = new Set(['html', 'head', 'meta', 'link', 'title', 'body', 'header', 'label', 'input', 'button', 'span', 'main', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'a', 'p', 'strong', 'div', 'section', 'h2', 'ol', 'cite', 'script']);
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
