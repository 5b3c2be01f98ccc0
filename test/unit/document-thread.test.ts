// On the desktop a large document is parsed and analysed on the document thread (dist/fixWorker.js,
// src/node/documentThread.ts) and the providers answer with promises. What the editor shows must not
// depend on where it was made: every hover, lens, problem and quick fix answered through the thread
// equals the one made on the spot, on every corpus file (sent to the thread whatever its size here),
// on a Vagrantfile of 48,000 machines each defined inside the one before (2 MB), and with a report
// that links a Dockerfile to the compose service built from it. An answer for a version that changed
// meanwhile, or for a cancelled request, shows nothing. The providers run against
// bench/fakeVscode's stand-in; `npm run test:unit` builds dist/ first.
import '../../bench/fakeVscode'; // first: `require('vscode')` in the providers below must find the stand-in
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { adviseWorkspace } from '../../src/core/advisor/advise';
import type { AdviceReport } from '../../src/core/advisor/report';
import { ParseCache } from '../../src/core/cache';
import { fakeVscode } from '../../bench/fakeVscode';
import { DOCKER_EXTENSION_IDS } from '../../src/config';
import { MemoryFs } from '../../src/core/memoryFs';
import { DocumentThread } from '../../src/node/documentThread';
import { AdvisorCodeActionProvider } from '../../src/providers/codeActions';
import { AdvisorCodeLensProvider } from '../../src/providers/codelens';
import { AdvisorDiagnostics } from '../../src/providers/diagnostics';
import { ExplainHoverProvider } from '../../src/providers/hover';
import { LiveAdviceCache, type ReportSource } from '../../src/providers/liveAdvice';
import { corpusFiles, repoRoot } from '../fuzz/inputs';
import { machinesVagrantfile } from '../helpers/vagrantMachines';

const script = join(repoRoot(), 'dist', 'fixWorker.js');

interface Doc {
  doc: vscode.TextDocument;
  edit(): void;
}

const LANGUAGE: Record<string, string> = { dockerfile: 'dockerfile', compose: 'dockercompose', devcontainer: 'jsonc', vagrant: 'ruby', packer: 'hcl', terraform: 'terraform' };

function docOf(path: string, text: string, languageId = 'yaml'): Doc {
  const d = { uri: { scheme: 'file', fsPath: path, path, toString: () => `file://${path}` }, version: 1, languageId, isClosed: false, getText: () => text };
  return { doc: d as unknown as vscode.TextDocument, edit: () => void (d.version += 1) };
}

/** The providers of one editor: on the spot, or with every document sent to `thread`. */
function editorOf(reports: ReportSource | undefined, thread?: DocumentThread) {
  const cache = new ParseCache();
  const live = new LiveAdviceCache(cache, reports, thread, 0);
  const problems = new AdvisorDiagnostics(live);
  const published: vscode.Diagnostic[][] = [];
  (problems.collection as unknown as { set: (u: unknown, d: vscode.Diagnostic[]) => void }).set = (_u, d) => void published.push(d);
  return { live, problems, published, lenses: new AdvisorCodeLensProvider(live, reports), hover: new ExplainHoverProvider(cache, live), actions: new AdvisorCodeActionProvider(live) };
}
type Editor = ReturnType<typeof editorOf>;

const shownProblems = (ds: vscode.Diagnostic[]) =>
  ds.map((d) => {
    const code = d.code as { value: string; target: { toString(): string } };
    return { range: d.range, message: d.message, severity: d.severity, code: code.value, link: code.target.toString(), source: d.source };
  });
const shownLenses = (ls: vscode.CodeLens[], e: Editor) => ls.map((l) => ({ line: l.range.start.line, ...e.lenses.resolveCodeLens(l).command }));
const shownHover = (h: vscode.Hover | undefined) => h && { markdown: (h.contents as unknown as vscode.MarkdownString).value, range: h.range };
const shownActions = (as: vscode.CodeAction[]) =>
  as.map((a) => ({ title: a.title, preferred: a.isPreferred ?? false, edits: (a.edit as unknown as { replaced: unknown[] }).replaced, diagnostic: a.diagnostics?.[0]?.message }));

/** Everything the editor shows of a document: problems, lenses, hovers at `lines` (first character past the indent), and the quick fixes of up to `fixes` problems. */
async function everything(e: Editor, d: Doc, lines: number[], fixes = Infinity) {
  const text = d.doc.getText().split('\n');
  await e.problems.update(d.doc);
  const problems = e.published.at(-1) ?? [];
  const lenses = shownLenses(await e.lenses.provideCodeLenses(d.doc), e);
  const hovers = [];
  for (const line of lines) {
    const character = Math.max(0, (text[line] ?? '').length - (text[line] ?? '').trimStart().length);
    hovers.push(shownHover(await e.hover.provideHover(d.doc, { line, character } as vscode.Position)));
  }
  const actions = [];
  const step = Math.max(1, Math.ceil(problems.length / fixes));
  for (let i = 0; i < problems.length; i += step) {
    const context = { diagnostics: [problems[i]], triggerKind: 1, only: undefined } as unknown as vscode.CodeActionContext;
    actions.push(shownActions(await e.actions.provideCodeActions(d.doc, problems[i].range as vscode.Range, context)));
  }
  return { problems: shownProblems(problems), lenses, hovers, actions };
}

describe('the document thread (dist/fixWorker.js) against the editor on the spot', function () {
  this.timeout(300_000);
  let thread: DocumentThread;
  before(function () {
    if (!existsSync(script)) throw new Error(`${script} is missing: build first (node esbuild.mjs)`);
    thread = new DocumentThread(script);
  });
  after(() => thread?.dispose());

  it('shows the same problems, lenses, hovers and quick fixes for every corpus file', async () => {
    let problems = 0;
    let lenses = 0;
    let hovers = 0;
    let fixes = 0;
    for (const c of corpusFiles()) {
      const path = `/w/${c.name}`;
      const lines = c.text.split('\n').map((_, i) => i).filter((i) => i < 60);
      const spot = await everything(editorOf(undefined), docOf(path, c.text, LANGUAGE[c.format]), lines);
      const off = editorOf(undefined, thread);
      const d = docOf(path, c.text, LANGUAGE[c.format]);
      const there = await everything(off, d, lines);
      assert.ok(thread.isOpen(d.doc.uri.toString(), 1), `${c.name}: answered on the thread`);
      assert.deepEqual(there, spot, c.name);
      problems += spot.problems.length;
      lenses += spot.lenses.length;
      hovers += spot.hovers.filter(Boolean).length;
      fixes += spot.actions.flat().length;
    }
    // Every format has problems, lenses and hovers in the corpus; an editor that showed nothing either way would fail here.
    assert.ok(problems > 500 && lenses > 500 && hovers > 2000 && fixes > 50, `${problems} problems, ${lenses} lenses, ${hovers} hovers, ${fixes} fixes`);
  });

  it('shows the same for a Vagrantfile of 48,000 machines, each inside the one before', async () => {
    const text = machinesVagrantfile(48_000, true);
    const report = await adviseWorkspace(new MemoryFs({ Vagrantfile: text }, '/w'), ['/w']);
    const reports: ReportSource = { last: () => report, onDidChange: () => ({ dispose() {} }) };
    const count = text.split('\n').length;
    const lines = Array.from({ length: 100 }, (_, i) => Math.floor((i * (count - 1)) / 99));
    const spot = await everything(editorOf(reports), docOf('/w/Vagrantfile', text, 'ruby'), lines, 20);
    const d = docOf('/w/Vagrantfile', text, 'ruby');
    const there = await everything(editorOf(reports, thread), d, lines, 20);
    assert.ok(thread.isOpen(d.doc.uri.toString(), 1), 'answered on the thread');
    assert.equal(spot.lenses.length, 2 * 48_000);
    assert.ok(spot.hovers.filter(Boolean).length > 50 && spot.problems.length > 0);
    assert.deepEqual(there.problems, spot.problems);
    assert.deepEqual(there.lenses, spot.lenses);
    assert.deepEqual(there.hovers, spot.hovers);
    assert.deepEqual(there.actions, spot.actions);
  });

  it('merges what the report links from other files, as on the spot: a service built from a Dockerfile, and the Dockerfile built by it', async () => {
    const files = {
      'compose.yaml': 'services:\n  web:\n    build: .\n    ports:\n      - "80:80"\n  db:\n    image: postgres:16\n',
      Dockerfile: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y kmod && modprobe br_netfilter\nUSER root\nCMD ["/app"]\n',
    };
    const report: AdviceReport = await adviseWorkspace(new MemoryFs(files, '/w'), ['/w']);
    const reports: ReportSource = { last: () => report, onDidChange: () => ({ dispose() {} }) };
    const linked = report.workloads.find((w) => w.file === 'compose.yaml' && w.files.includes('Dockerfile'));
    assert.ok(linked && linked.signals.some((s) => s.file === 'Dockerfile'), 'the scan links the Dockerfile to the service');
    for (const [name, text] of Object.entries(files)) {
      const lang = name === 'Dockerfile' ? 'dockerfile' : 'dockercompose';
      const spot = await everything(editorOf(reports), docOf(`/w/${name}`, text, lang), [0, 1, 2]);
      const there = await everything(editorOf(reports, thread), docOf(`/w/${name}`, text, lang), [0, 1, 2]);
      assert.ok(thread.isOpen(`file:///w/${name}`, 1), `${name}: answered on the thread`);
      assert.deepEqual(there, spot, name);
      if (name === 'Dockerfile') assert.ok(spot.lenses.some((l) => /web/.test(String(l.title))), 'the Dockerfile says which service builds it');
      else assert.ok(spot.lenses.some((l) => /Dockerfile/.test(JSON.stringify(l.arguments)) || /kernel|module/i.test(String(l.title))), 'the service is judged with the Dockerfile');
    }
  });

  it('with a Docker extension installed, leaves out "What it does" only in Dockerfile and Compose hovers, on the thread as on the spot', async () => {
    const before = fakeVscode.extensions;
    fakeVscode.extensions = { getExtension: (id: string) => (id === DOCKER_EXTENSION_IDS[0] ? { id } : undefined), all: [] };
    try {
      const cases = [
        { name: 'Vagrantfile', lang: 'ruby', text: machinesVagrantfile(3, false), line: 1, does: true },
        { name: 'Dockerfile', lang: 'dockerfile', text: 'FROM ubuntu:24.04\nUSER root\nCMD ["/app"]\n', line: 1, does: false },
        { name: 'compose.yaml', lang: 'dockercompose', text: 'services:\n  web:\n    image: nginx:1\n    privileged: true\n', line: 3, does: false },
      ];
      for (const c of cases) {
        const path = `/w/generic/${c.name}`;
        const spot = (await everything(editorOf(undefined), docOf(path, c.text, c.lang), [c.line])).hovers[0];
        const d = docOf(path, c.text, c.lang);
        const there = (await everything(editorOf(undefined, thread), d, [c.line])).hovers[0];
        assert.ok(thread.isOpen(d.doc.uri.toString(), 1), `${c.name}: answered on the thread`);
        assert.ok(spot, `${c.name}: a hover on line ${c.line + 1}`);
        assert.deepEqual(there, spot, c.name);
        assert.equal(/What it does\./.test(spot.markdown), c.does, `${c.name}: ${spot.markdown}`);
      }
    } finally {
      fakeVscode.extensions = before;
    }
  });

  it('shows nothing for a version that changed before the answer came, nor for a cancelled request', async () => {
    const e = editorOf(undefined, thread);
    const text = 'services:\n  web:\n    image: nginx:1\n    privileged: true\n';
    const d = docOf('/w/stale/compose.yaml', text, 'dockercompose');
    const lenses = e.lenses.provideCodeLenses(d.doc);
    const hover = e.hover.provideHover(d.doc, { line: 3, character: 4 } as vscode.Position);
    const problems = e.problems.update(d.doc);
    d.edit();
    assert.deepEqual(await lenses, []);
    assert.equal(await hover, undefined);
    await problems;
    assert.equal(e.published.length, 0, 'nothing published for the old version');
    // The new version is sent and answered.
    await e.problems.update(d.doc);
    assert.equal(e.published.length, 1);
    assert.ok(e.published[0].some((p) => /privileged/i.test(p.message)), e.published[0].map((p) => p.message).join(' | '));
    const cancelled = { isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) } as unknown as vscode.CancellationToken;
    assert.deepEqual(await e.lenses.provideCodeLenses(d.doc, cancelled), []);
    assert.equal(await e.hover.provideHover(d.doc, { line: 3, character: 4 } as vscode.Position, cancelled), undefined);
    assert.ok(await e.hover.provideHover(d.doc, { line: 3, character: 4 } as vscode.Position), 'not cancelled: the hover comes');
  });

  it('answers on the spot, the same, once the thread has ended', async () => {
    const ended = new DocumentThread(script);
    const text = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nEXPOSE 8080\nCMD ["/app"]\n';
    const spot = await everything(editorOf(undefined), docOf('/w/Dockerfile', text, 'dockerfile'), [0, 1, 2, 3]);
    const e = editorOf(undefined, ended);
    ended.dispose();
    assert.equal(ended.available, false);
    assert.deepEqual(await everything(e, docOf('/w/Dockerfile', text, 'dockerfile'), [0, 1, 2, 3]), spot);
  });
});
