// A compose file too large to check quick fixes on the extension host (over 64 KB, so the desktop
// extension checks them on its worker thread), and with more workloads than are titled at once (so
// its lenses get their titles as VS Code resolves them): the user sees the same fix, lens and
// diagnostics as in a small file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFile, waitFor, workspaceUri } from '../helpers';

const FILE = 'large/compose.yaml';

/** The VPN service first, then 1,500 plain ones: about 110 KB. */
function largeCompose(): string {
  const parts = ['services:\n  vpn:\n    image: lscr.io/linuxserver/wireguard:1.0.20210914\n    privileged: true\n    ports:\n      - 51820:51820/udp\n'];
  for (let i = 0; i < 1500; i++) parts.push(`  web${i}:\n    image: nginx:1.27\n    ports:\n      - "${8000 + (i % 1000)}:80"\n`);
  return parts.join('');
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : undefined);

describe('the advisor in the editor on a large file', () => {
  before(async () => {
    await vscode.workspace.fs.writeFile(workspaceUri(FILE), new TextEncoder().encode(largeCompose()));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(workspaceUri(FILE));
  });

  it('titles the lens of the first service when VS Code resolves it', async () => {
    await openFile(FILE);
    const lens = await waitFor('the VPN service’s lens', async () => {
      const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri(FILE), 4)) ?? [];
      return found.find((l) => l.range.start.line === 1 && l.command?.command === 'containerOrVm.openReport');
    });
    assert.match(lens.command!.title, /^Container — harden: privileged\b/);
  });

  it('offers privileged → cap_add NET_ADMIN on the VPN service, checked away from the extension host, and the edit applies', async () => {
    const editor = await openFile(FILE);
    const doc = editor.document;
    assert.ok(doc.getText().length > 64 * 1024, 'large enough to be checked on the worker thread');
    const diag = await waitFor('the privileged finding', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'Container or VM?' && codeOf(d) === 'hardening.privileged' && d.range.start.line === 3),
    );
    const fixes = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = fixes.find((a) => a.title.includes('cap_add'));
    assert.ok(fix, `a cap_add fix among ${fixes.map((f) => f.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.lineAt(3).text, '    cap_add:');
    assert.equal(doc.lineAt(4).text, '      - NET_ADMIN');
    await waitFor('the privileged finding to go', () => !vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'hardening.privileged'));
  });
});
