// The diagnostics and CodeLens of a large document, as the providers publish them: diagnostics made a
// slice at a time (so the extension host can answer other requests in between) are the same ones made
// at once, published once; a run whose document changed or that was asked again meanwhile publishes
// nothing. Lenses come without titles and get them when VS Code resolves them, the same titles and
// commands as before. Slices are forced here (a slice of 0 ms yields after every diagnostic), so
// nothing depends on how fast the machine is. The providers run against bench/fakeVscode's stand-in.
import '../../bench/fakeVscode'; // first: `require('vscode')` in the providers below must find the stand-in
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ParseCache } from '../../src/core/cache';
import { AdvisorCodeLensProvider, TITLED_UP_TO } from '../../src/providers/codelens';
import { AdvisorDiagnostics } from '../../src/providers/diagnostics';
import { LiveAdviceCache } from '../../src/providers/liveAdvice';
import { corpusFiles } from '../fuzz/inputs';
import { machinesVagrantfile } from '../helpers/vagrantMachines';

interface Doc {
  doc: vscode.TextDocument;
  edit(): void;
}

function docOf(path: string, text: string, languageId = 'yaml'): Doc {
  const d = { uri: { scheme: 'file', fsPath: path, path, toString: () => `file://${path}` }, version: 1, languageId, isClosed: false, getText: () => text };
  return { doc: d as unknown as vscode.TextDocument, edit: () => void (d.version += 1) };
}

/** A Kubernetes manifest of many corpus documents: thousands of findings. */
function bigManifest(): string {
  const docs = corpusFiles().filter((c) => c.format === 'kubernetes').map((c) => c.text.trim());
  const parts: string[] = [];
  for (let i = 0; parts.length < 400; i++) parts.push(docs[i % docs.length]);
  return parts.join('\n---\n') + '\n';
}

function diagnostics(sliceMs: number): { provider: AdvisorDiagnostics; published: vscode.Diagnostic[][] } {
  const provider = new AdvisorDiagnostics(new LiveAdviceCache(new ParseCache()), sliceMs);
  const published: vscode.Diagnostic[][] = [];
  (provider.collection as unknown as { set: (u: unknown, d: vscode.Diagnostic[]) => void }).set = (_u, d) => void published.push(d);
  return { provider, published };
}

const shown = (ds: vscode.Diagnostic[]) =>
  ds.map((d) => {
    const code = d.code as { value: string; target: { toString(): string } };
    return { range: d.range, message: d.message, severity: d.severity, code: code.value, link: code.target.toString(), source: d.source };
  });

describe('the editor on a large document', function () {
  this.timeout(60_000);
  const text = bigManifest();

  it('publishes diagnostics made a slice at a time once, the same as made at once', async () => {
    const whole = diagnostics(Infinity);
    await whole.provider.update(docOf('/w/all.yaml', text).doc);
    const sliced = diagnostics(0);
    const run = sliced.provider.update(docOf('/w/all.yaml', text).doc);
    assert.equal(sliced.published.length, 0, 'nothing is published before the last slice');
    await run;
    assert.equal(whole.published.length, 1);
    assert.equal(sliced.published.length, 1);
    assert.ok(whole.published[0].length > 100, `${whole.published[0].length} diagnostics`);
    assert.ok(whole.published[0].some((d) => d.message.includes('No quick fix')), 'some carry the note of a fix that cannot be made');
    assert.deepEqual(shown(sliced.published[0]), shown(whole.published[0]));
    whole.provider.dispose();
    sliced.provider.dispose();
  });

  it('drops a run whose document changed before it finished, and publishes the next', async () => {
    const { provider, published } = diagnostics(0);
    const d = docOf('/w/edited.yaml', text);
    const stale = provider.update(d.doc);
    d.edit();
    await stale;
    assert.equal(published.length, 0);
    await provider.update(d.doc);
    assert.equal(published.length, 1);
    provider.dispose();
  });

  it('drops a run asked again before it finished (a settings change), publishing once', async () => {
    const { provider, published } = diagnostics(0);
    const d = docOf('/w/again.yaml', text);
    const first = provider.update(d.doc);
    const second = provider.update(d.doc);
    await Promise.all([first, second]);
    assert.equal(published.length, 1);
    provider.dispose();
  });

  it('places the lenses of many workloads untitled, and titles each as VS Code resolves it, as a small file has them', async () => {
    const lensesOf = async (n: number) => {
      const provider = new AdvisorCodeLensProvider(new LiveAdviceCache(new ParseCache()));
      const lenses = await provider.provideCodeLenses(docOf('/w/Vagrantfile', machinesVagrantfile(n, false), 'ruby').doc);
      return { provider, lenses };
    };
    const small = await lensesOf(3);
    assert.equal(small.lenses.length, 6);
    assert.ok(small.lenses.every((l) => l.command), 'a few workloads are titled at once');
    const many = TITLED_UP_TO + 100;
    const big = await lensesOf(many);
    assert.equal(big.lenses.length, 2 * many);
    assert.ok(big.lenses.every((l) => !l.command), 'many workloads are placed untitled');
    const resolved = big.lenses.slice(0, 6).map((l) => big.provider.resolveCodeLens(l));
    const seen = (ls: vscode.CodeLens[]) => ls.map((l) => ({ line: l.range.start.line, ...l.command }));
    assert.deepEqual(seen(resolved), seen(small.lenses));
    assert.match(resolved[0].command!.title, /^VM\b/);
    assert.equal(resolved[1].command!.command, 'containerOrVm.openComparison');
    // Asked again, the same lenses, titled where they were resolved.
    assert.equal((await big.provider.provideCodeLenses(docOf('/w/Vagrantfile', machinesVagrantfile(many, false), 'ruby').doc)).length, 2 * many);
    small.provider.dispose();
    big.provider.dispose();
  });
});
