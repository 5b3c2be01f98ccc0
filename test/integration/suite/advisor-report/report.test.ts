// "Should this be a VM?" as a user runs it: the whole workspace read through the editor's file
// system, settings and files.exclude honoured, unsaved edits counted, one report tab kept up to date.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AdviceReport } from '../../../../src/core/advisor/report';
import { extension, openFile, waitFor } from '../helpers';

const REPORT_TITLE = 'Should this be a VM?';

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.label === REPORT_TITLE));
}

async function advise(): Promise<AdviceReport> {
  const report = await vscode.commands.executeCommand<AdviceReport | undefined>('containerOrVm.advise');
  assert.ok(report, 'the command returns the report');
  return report;
}

describe('Should this be a VM?', () => {
  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await extension().activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('advises on every workload, linking the service to its Dockerfile, and opens the report', async () => {
    const r = await advise();
    const names = r.workloads.map((w) => `${w.name}:${w.kind}:${w.file}`).sort();
    assert.deepEqual(names.filter((n) => !n.includes('vagrant')), ['db:compose-service:compose.yaml', 'web:compose-service:compose.yaml']);
    const web = r.workloads.find((w) => w.name === 'web')!;
    assert.deepEqual(web.files, ['compose.yaml', 'web/Dockerfile']);
    assert.equal(r.workloads.find((w) => w.kind === 'vagrant-machine')?.verdict, 'vm');
    assert.equal(r.verdict, 'vm');
    await waitFor('the report tab', () => reportTabs().length === 1);
  });

  it('honours containerOrVm.exclude, files.exclude and containerOrVm.maxFileSize, listing each', async () => {
    const r = await advise();
    const reason = (file: string) => r.skipped.find((s) => s.file === file)?.reason ?? '';
    assert.match(reason('legacy'), /excluded by the pattern legacy\/\*\*/);
    assert.match(reason('generated'), /excluded by the pattern \*\*\/generated/);
    assert.match(reason('big/Dockerfile'), /larger than the 1\.0 KB limit/);
    assert.ok(!r.workloads.some((w) => /^(legacy|generated|big)\//.test(w.file)));
  });

  it('counts what is on screen in an unsaved editor, and refreshes the same report tab', async () => {
    const editor = await openFile('compose.yaml');
    const dbLine = editor.document.getText().split('\n').findIndex((l) => l.startsWith('  db:'));
    await editor.edit((e) => e.insert(new vscode.Position(dbLine + 1, 0), '    privileged: true\n'));
    assert.ok(editor.document.isDirty);
    const r = await advise();
    assert.equal(r.workloads.find((w) => w.name === 'db')?.verdict, 'container-hardened');
    assert.ok(r.workloads.find((w) => w.name === 'db')!.signals.some((s) => s.id === 'hardening.privileged' && s.line === dbLine + 2));
    assert.equal(reportTabs().length, 1, 'running again keeps one report tab');
    // Revert acts on the active editor, and the report tab may have taken the focus: bring the edited
    // file back first, or its unsaved edit outlives the test (and reaches the disk when saved later).
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!editor.document.isDirty, 'the edit was reverted');
  });

  it('after a Dockerfile changes on disk, running again shows the change and reads only that file', async () => {
    const before = await advise();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const target = vscode.Uri.joinPath(folder, 'web', 'Dockerfile');
    const original = await vscode.workspace.fs.readFile(target);
    /** Resolves once the editor's file watcher reports a change to the Dockerfile (the advisor's watcher hears it in the same event). */
    const changeSeen = () =>
      new Promise<void>((resolve) => {
        const watcher = vscode.workspace.createFileSystemWatcher('**/*');
        const sub = watcher.onDidChange((uri) => {
          if (uri.path !== target.path) return;
          sub.dispose();
          watcher.dispose();
          resolve();
        });
      });
    try {
      const seen = changeSeen();
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${new TextDecoder().decode(original)}\nRUN modprobe wireguard\n`));
      await seen;
      const after = await advise();
      assert.equal(after.stats.parsed, 1, `parsed ${after.stats.parsed}, reused ${after.stats.reused}`);
      assert.equal(after.stats.reused, before.stats.parsed + before.stats.reused - 1);
      const web = after.workloads.find((w) => w.name === 'web')!;
      assert.equal(web.verdict, 'vm');
      assert.ok(web.signals.some((s) => s.file === 'web/Dockerfile' && /kernel/i.test(s.id)), web.signals.map((s) => s.id).join(', '));
    } finally {
      const seen = changeSeen();
      await vscode.workspace.fs.writeFile(target, original);
      await seen;
    }
    const restored = await advise();
    assert.equal(restored.workloads.find((w) => w.name === 'web')?.verdict, before.workloads.find((w) => w.name === 'web')?.verdict);
  });

  it('Open Advice Report reveals the report at a workload', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('no report tab', () => reportTabs().length === 0);
    await vscode.commands.executeCommand('containerOrVm.openReport', { file: 'compose.yaml', line: 2 });
    await waitFor('the report tab', () => reportTabs().length === 1);
    assert.ok(reportTabs()[0].isActive);
  });
});
