// Hovering a key of a Podman Quadlet unit in a real VS Code: the topic from podman-systemd.unit(5)
// and its container-or-VM angle.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, hoverText, openFile, waitFor } from '../helpers';

describe('Quadlet hover', () => {
  it('PublishPort= in a real rootless .container unit: the key, its angle and the Podman reference', async () => {
    const editor = await openFile('quadlet/nginx-proxy-manager.container');
    await waitFor('the extension to activate', () => extension().isActive);
    const doc = editor.document;
    const line = [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.startsWith('PublishPort=80:80'));
    assert.ok(line !== undefined, 'PublishPort=80:80 in the unit');
    const pos = new vscode.Position(line, 2);
    // The first request may race the extension's activation; ask until the hover is there.
    const md = await waitFor('a hover on PublishPort=', async () => {
      const text = await hoverText(doc.uri, pos);
      return /Container or VM\?/.test(text) ? text : '';
    });
    assert.match(md, /^#### PublishPort=$/m);
    assert.match(md, /\*\*Container or VM\?\*\*/);
    assert.match(md, /docs\.podman\.io\/en\/latest\/markdown\/podman-systemd\.unit\.5\.html/);
  });
});
