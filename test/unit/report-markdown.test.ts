// `advise --format markdown` as a pull-request comment: read with a CommonMark parser (markdown-it,
// as GitHub and VS Code read it) for what renders, and measured against the comment's size.
import * as assert from 'node:assert/strict';
import { adviseFiles } from '../../src/core/advisor/advise';
import { MARKDOWN_LIMIT, renderAdviceMarkdown } from '../../src/core/render/adviceText';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (opts?: Record<string, unknown>) => { render(src: string): string };
const mdit = new MarkdownIt({ html: true });

/** The text of every rendered <code> element, entities decoded. */
function codes(html: string): string[] {
  return [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
}

const service = (name: string, extra = '') => `  ${name}:\n    image: alpine:3.20\n    privileged: true\n${extra}`;

describe('Markdown report', () => {
  const report = adviseFiles([
    { path: 'compose.yaml', text: `services:\n${service('web', '    read_only: true\n')}${service('agent', '    pid: host\n')}` },
    { path: 'we`ird/Dockerfile', text: 'FROM alpine:3.20\nUSER 1000\n' },
    { path: 'legacy/Vagrantfile', text: 'Vagrant.configure("2") do |config|\n  config.vm.box = "generic/debian12"\nend\n' },
  ]);
  report.root = '/home/someone/src/shop';
  report.notes = [{ file: 'compose.yaml', message: 'read from /home/someone/src/shop/compose.yaml with a caveat' }];
  const md = renderAdviceMarkdown(report);
  const html = mdit.render(md);

  it('has a summary table first, then each workload folded in <details>', () => {
    const table = md.indexOf('| Workload | Role | Kind | Where | Verdict | Confidence |');
    const details = md.indexOf('<details>');
    assert.ok(table > 0 && details > table, md);
    assert.ok(md.indexOf('**Overall: vm**') < table);
    assert.equal((html.match(/<table>/g) ?? []).length, 1);
    assert.equal((html.match(/<tr>/g) ?? []).length, 1 + report.workloads.length, 'a header row and one row per workload');
    assert.equal((md.match(/^<details><summary><b>/gm) ?? []).length, report.workloads.length);
    // Inside a fold the Markdown is read as Markdown: the evidence is a list, its code spans code.
    const fold = html.slice(html.indexOf('<details><summary><b>agent</b>'));
    assert.match(fold.slice(0, fold.indexOf('</details>')), /<li><strong>privileged<\/strong> \(harden, <code>compose\.yaml:\d+<\/code>\): Service <code>agent<\/code> runs privileged\./);
  });

  it('lists what asks for a change before good habits, in each fold', () => {
    const web = md.slice(md.indexOf('<details><summary><b>web</b>'));
    const block = web.slice(0, web.indexOf('</details>'));
    assert.ok(block.indexOf('**Asks for a change**') >= 0 && block.indexOf('**Asks for a change**') < block.indexOf('**Good habits**'), block);
  });

  it('renders code spans as code, a backtick in a name with a longer fence', () => {
    const spans = codes(html);
    assert.ok(spans.includes('we`ird/Dockerfile:1'), spans.join(' | '));
    assert.ok(md.includes('``we`ird/Dockerfile:1``'));
    // The only backtick left outside code is the one in the workload's own name.
    const outside = html.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/we`ird/g, '');
    assert.ok(!outside.includes('`'), outside.slice(Math.max(0, outside.indexOf('`') - 80), outside.indexOf('`') + 80));
  });

  it('names paths relative to the scanned folder and no absolute path anywhere', () => {
    assert.ok(!md.includes('/home/someone'), md);
    assert.match(md, /^Scanned: `shop`$/m);
    assert.match(md, /read from compose\\\.yaml with a caveat/);
  });

  it('stays under the comment limit, saying how many workloads it leaves out and how to see them', () => {
    const many = adviseFiles([{ path: 'compose.yaml', text: `services:\n${Array.from({ length: 400 }, (_, i) => service(`s${i}`, '    network_mode: host\n    pid: host\n')).join('')}` }]);
    many.root = '/srv/big';
    const out = renderAdviceMarkdown(many);
    assert.ok(out.length <= MARKDOWN_LIMIT, `${out.length} characters`);
    assert.ok(out.length > MARKDOWN_LIMIT - 5000, `cut far below the limit (${out.length})`);
    const folds = (out.match(/^<details><summary><b>/gm) ?? []).length;
    assert.ok(folds > 0 && folds < 400);
    const m = /^\*\*(\d+) more workloads not shown\*\* \(in the table, without their details: the report is held to 60,000 characters\); run `container-or-vm advise big` for all\.$/m.exec(out);
    assert.ok(m, out.slice(-600));
    assert.equal(Number(m[1]) + folds, 400);
    assert.equal((out.match(/^\| s\d+ \|/gm) ?? []).length, 400, 'the table still has every workload');
    assert.match(out, /^\*\*Overall: container-hardened\*\*/m);
    // Every fold that is there is whole.
    assert.equal((out.match(/^<\/details>$/gm) ?? []).length, folds);
  });

  it('when even the table is too long, says how many rows are missing', () => {
    const many = adviseFiles([{ path: 'compose.yaml', text: `services:\n${Array.from({ length: 1500 }, (_, i) => service(`service-with-a-long-name-${i}`)).join('')}` }]);
    const out = renderAdviceMarkdown(many);
    assert.ok(out.length <= MARKDOWN_LIMIT, `${out.length} characters`);
    const rows = (out.match(/^\| service\\-with/gm) ?? []).length;
    const m = /^\*\*(\d+) more workloads not shown\*\* \(neither in the table nor in the details/m.exec(out);
    assert.ok(m && rows > 0, out.slice(-600));
    assert.equal(rows + Number(m[1]), 1500);
    assert.ok(!out.includes('<details><summary><b>'), 'no details once the table is cut');
  });
});
