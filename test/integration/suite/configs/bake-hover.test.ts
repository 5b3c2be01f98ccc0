// Hovering a target attribute of a Docker Bake file in a real VS Code: the topic from the Bake file
// reference, its container-or-VM angle and the note on this very value.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, hoverText, openFile, waitFor } from '../helpers';

describe('Docker Bake hover', () => {
  it('entitlements = ["security.insecure"] in docker-bake.hcl: the build, not the container, loses its isolation', async () => {
    const editor = await openFile('bake/docker-bake.hcl');
    await waitFor('the extension to activate', () => extension().isActive);
    const doc = editor.document;
    const line = [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.includes('"security.insecure"'));
    assert.ok(line !== undefined, 'security.insecure in the Bake file');
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('security.insecure') + 2);
    // The first request may race the extension's activation; ask until the hover is there.
    const md = await waitFor('a hover on security.insecure', async () => {
      const text = await hoverText(doc.uri, pos);
      return /Container or VM\?/.test(text) ? text : '';
    });
    assert.match(md, /^#### entitlements$/m);
    assert.match(md, /\*\*Container or VM\?\*\* These loosen the isolation of the \*\*build\*\*/);
    assert.match(md, /`security\.insecure`: `RUN --security=insecure` steps of this build run as privileged containers/);
  });
});
