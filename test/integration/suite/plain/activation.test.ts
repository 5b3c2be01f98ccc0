// The extension stays out of the way until a container or VM file is opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, openFile, waitFor, workspaceUri } from '../helpers';

describe('activation (workspace without container or VM files)', () => {
  it('is not active after opening an unrelated text file', async function () {
    // The browser workbench sometimes opens a JSONC model of its own (settings) as the extension host
    // starts, and a JSONC document activates the extension by design (devcontainer.json): then there
    // is nothing left for a text file to show.
    if (extension().isActive) this.skip();
    const editor = await openFile('notes.txt');
    assert.equal(editor.document.languageId, 'plaintext');
    // Let the editor settle: the text file is shown and its language known before asserting.
    await waitFor('notes.txt to be the active editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/notes.txt'));
    assert.equal(extension().isActive, false, 'activated by a plain text file');
  });

  it('becomes active when a Dockerfile is opened', async () => {
    const uri = workspaceUri('Dockerfile');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('FROM alpine:3.20\nUSER nobody\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.equal(editor.document.languageId, 'dockerfile');
    await waitFor('the extension to activate', () => extension().isActive);
  });
});
