// The extension stays out of the way until a container or VM file is opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, openFile, waitFor, workspaceUri } from '../helpers';

describe('activation (workspace without container or VM files)', () => {
  it('is not active after opening an unrelated text file', async function () {
    if (extension().isActive) this.skip();
    const editor = await openFile('notes.txt');
    assert.equal(editor.document.languageId, 'plaintext');
    // Let the editor settle: the text file is shown and its language known before asserting.
    await waitFor('notes.txt to be the active editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/notes.txt'));
    assert.equal(extension().isActive, false, 'activated by a plain text file');
  });

  it('is not active after opening a JSON or a Ruby file whose name is none of its formats', async function () {
    if (extension().isActive) this.skip();
    for (const [name, text, language] of [['package.json', '{ "name": "app" }\n', 'json'], ['app.rb', 'puts "hello"\n', 'ruby']]) {
      const uri = workspaceUri(name);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitFor(`${name} to be the active editor`, () => vscode.window.activeTextEditor?.document.uri.path.endsWith(`/${name}`));
      // code-server knows JSON; Ruby needs a language extension, so an .rb file may open as plain text.
      assert.ok([language, 'plaintext'].includes(editor.document.languageId), editor.document.languageId);
      assert.equal(extension().isActive, false, `activated by ${name}`);
    }
  });

  it('becomes active when a Dockerfile is opened', async () => {
    const uri = workspaceUri('Dockerfile');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('FROM alpine:3.20\nUSER nobody\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.equal(editor.document.languageId, 'dockerfile');
    await waitFor('the extension to activate', () => extension().isActive);
  });
});
