// "Should this be a VM?" on a hostile workspace in a real VS Code: the command completes with a
// report that lists what it skipped and why, hovers keep answering while it runs, the 200,000-line
// Dockerfile it skips as too large is still hovered in the editor, and no file is changed.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AdviceReport } from '../../../../src/core/advisor/report';
import { repoRoot } from '../../../fuzz/inputs';
import { treeDiff, treeFingerprint } from '../../../fuzz/tree';
import { extension, hoverText, openFile, positionOf, waitFor, workspaceUri } from '../helpers';

/** Folder and service names that must stay text wherever they are shown. */
export const HOSTILE_NAMES = ['<img src=x onerror=window.__pwned=1>', '"><svg onload=window.__pwned=1>', 'javascript:window.__pwned=1'];

const REPORT_TITLE = 'Should this be a VM?';

/** Adds the generated hostile tree and the hostile names to the open workspace folder. */
function populate(root: string): void {
  const tool = join(repoRoot(), '..', 'shared', 'tools', 'make-workspace.mjs');
  const r = spawnSync(process.execPath, [tool, join(root, 'gen'), '--files', '1000', '--seed', '7', '--hostile'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `make-workspace.mjs failed: ${r.stderr}`);
  for (const name of HOSTILE_NAMES) {
    mkdirSync(join(root, 'names', name), { recursive: true });
    writeFileSync(join(root, 'names', name, 'Dockerfile'), 'FROM alpine:3.20\nUSER root\n');
  }
  writeFileSync(
    join(root, 'names', 'compose.yaml'),
    'services:\n' + HOSTILE_NAMES.map((n) => `  ${JSON.stringify(n)}:\n    image: ${JSON.stringify(n)}\n    privileged: true\n`).join(''),
  );
}

describe('hostile workspace in VS Code', function () {
  this.timeout(240_000);
  let root: string;
  let before0: Map<string, string>;
  let report: AdviceReport | undefined;

  before(async () => {
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    populate(root);
    before0 = treeFingerprint(root);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await extension().activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the command completes with a report, and a hover answers while it runs', async () => {
    const small = await openFile('small/Dockerfile');
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand<AdviceReport | undefined>('containerOrVm.advise')).finally(() => {
      settled = true;
    });
    const text = await hoverText(small.document.uri, positionOf(small.document, 'USER root', 'USER'));
    assert.match(text, /USER/);
    console.log(`      (the hover answered ${settled ? 'after' : 'while'} the scan ran)`);
    report = await running;
    assert.ok(report, 'the command returned no report');
    await waitFor('the report tab', () =>
      vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.label === REPORT_TITLE)),
    );
  });

  it('the report lists each hostile file it skipped, with the reason', () => {
    assert.ok(report);
    const skip = (file: string) => report!.skipped.find((s) => s.file === file);
    assert.match(skip('gen/hostile/big/compose.yaml')?.reason ?? '', /larger than the 2\.0 MB limit/);
    assert.match(skip('gen/hostile/long/Dockerfile')?.reason ?? '', /larger than the 2\.0 MB limit/);
    assert.match(skip('gen/hostile/binary/Dockerfile')?.reason ?? '', /binary content/);
    // vscode.workspace.fs stats a dangling link as a link to nothing, so the editor cannot call it broken.
    assert.match(skip('gen/hostile/dangling')?.reason ?? '', /broken symbolic link|symbolic link to something that is not a regular file/);
    assert.match(skip('gen/hostile/loop/parent')?.reason ?? '', /symbolic link/);
    const files = new Set(report.workloads.flatMap((w) => w.files));
    assert.ok(files.has('gen/hostile/names/my service ü/Dockerfile'));
    assert.ok([...files].some((f) => f.endsWith('/d149/Dockerfile')), 'no workload from the folder 150 levels deep');
    for (const n of HOSTILE_NAMES) assert.ok(files.has(`names/${n}/Dockerfile`), `no workload for names/${n}/Dockerfile`);
    // Each name is also a Dockerfile's folder beside compose.yaml: the report tells the two apart by file.
    assert.deepEqual(report.workloads.filter((w) => w.file === 'names/compose.yaml').map((w) => w.name).sort(), HOSTILE_NAMES.map((n) => `${n} (compose.yaml)`).sort());
  });

  it('the 200,000-line Dockerfile the scan skipped is hovered in the editor on line 199,999', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('gen/hostile/long/Dockerfile'));
    assert.equal(doc.lineCount, 200_004);
    const text = await hoverText(doc.uri, new vscode.Position(199_998, 6));
    assert.match(text, /RUN/);
  });

  it('changes no file, mode or link in the workspace', () => {
    assert.deepEqual(treeDiff(before0, treeFingerprint(root)), []);
  });
});
