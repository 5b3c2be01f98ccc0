// The comparison panel in a real VS Code: the command opens one webview tab and reuses it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

const VIEW_TYPE = 'containerOrVm.comparison';

function comparisonTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

describe('comparison panel', () => {
  after(async () => {
    for (const tab of comparisonTabs()) await vscode.window.tabGroups.close(tab);
  });

  it('is listed as a command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('containerOrVm.openComparison'));
  });

  it('opens one "Container or VM? Comparison" tab and reuses it when asked for a dimension', async () => {
    await vscode.commands.executeCommand('containerOrVm.openComparison');
    const tab = await waitFor('the comparison tab', () => comparisonTabs()[0]);
    assert.equal(tab.label, 'Container or VM? Comparison');
    // As a hover's command link passes it.
    await vscode.commands.executeCommand('containerOrVm.openComparison', { dimension: 'isolation' });
    await vscode.commands.executeCommand('containerOrVm.openComparison', { dimension: '__proto__' });
    assert.equal(comparisonTabs().length, 1);
  });
});
