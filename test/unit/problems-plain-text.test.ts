// VS Code's Problems panel shows a diagnostic's message as plain text, so a Markdown code span would
// show its backticks: the editor's problems name services, images and keys in quotes instead, on every
// corpus file, and so do the lenses' tooltips, while the CLI's reports keep their code spans. The providers run against
// bench/fakeVscode's stand-in.
import '../../bench/fakeVscode'; // first: `require('vscode')` in the providers below must find the stand-in
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ParseCache } from '../../src/core/cache';
import { lensTooltip } from '../../src/core/render/lens';
import { plainMessage } from '../../src/core/render/markdown';
import { adviseWorkspace } from '../../src/core/advisor/advise';
import { MemoryFs } from '../../src/core/memoryFs';
import { AdvisorDiagnostics } from '../../src/providers/diagnostics';
import { LiveAdviceCache } from '../../src/providers/liveAdvice';
import { corpusFiles } from '../fuzz/inputs';

function docOf(path: string, text: string): vscode.TextDocument {
  return { uri: { scheme: 'file', fsPath: path, path, toString: () => `file://${path}` }, version: 1, languageId: 'plaintext', isClosed: false, getText: () => text } as unknown as vscode.TextDocument;
}

async function problemsOf(path: string, text: string): Promise<string[]> {
  const problems = new AdvisorDiagnostics(new LiveAdviceCache(new ParseCache()));
  let published: vscode.Diagnostic[] = [];
  (problems.collection as unknown as { set: (u: unknown, d: vscode.Diagnostic[]) => void }).set = (_u, d) => void (published = d);
  await problems.update(docOf(path, text));
  problems.dispose();
  return published.map((d) => d.message);
}

const CODE_SPAN = /`[^`\n]+`/;

describe('problems as plain text', () => {
  it("names a compose service and its image in quotes, with no backticks", async () => {
    const messages = await problemsOf('/w/compose.yaml', 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n');
    assert.ok(messages.some((m) => m.includes("'web'")), messages.join(' | '));
    assert.ok(messages.some((m) => m.includes("'nginx:latest'")), messages.join(' | '));
    assert.ok(messages.every((m) => !m.includes('`')), messages.join(' | '));
  });

  it('shows no Markdown code span in any problem of any corpus file', async () => {
    let quoted = 0;
    let total = 0;
    for (const c of corpusFiles()) {
      for (const m of await problemsOf(`/w/${c.name}`, c.text)) {
        total++;
        assert.ok(!CODE_SPAN.test(m), `${c.name}: ${m}`);
        if (/'[^'\n]+'/.test(m)) quoted++;
      }
    }
    assert.ok(total > 500 && quoted > 100, `${total} problems, ${quoted} with a quoted name`);
  });

  it('gives a lens tooltip (plain text too) its reasons with names in quotes', async () => {
    const report = await adviseWorkspace(new MemoryFs({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' }, '/w'), ['/w']);
    const web = report.workloads.find((w) => w.name === 'web');
    assert.ok(web, report.workloads.map((w) => w.name).join(', '));
    const tip = lensTooltip(web);
    assert.match(tip, /'web'/, tip);
    assert.ok(!tip.includes('`'), tip);
  });

  it('turns code spans of any fence into quoted text and leaves other text alone', () => {
    assert.equal(plainMessage('Service `web` uses `privileged: true`.'), "Service 'web' uses 'privileged: true'.");
    assert.equal(plainMessage('Image ``a`b`` is unpinned'), "Image 'a`b' is unpinned");
    assert.equal(plainMessage('The escape `` ` `` directive'), "The escape '`' directive");
    assert.equal(plainMessage('no spans, a lone ` stays'), 'no spans, a lone ` stays');
  });
});
