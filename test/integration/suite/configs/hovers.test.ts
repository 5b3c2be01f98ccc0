// Hovers on the keys of VM and orchestration configs, and the snippets in completion, in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, hoverText, openFile, positionOf, waitFor } from '../helpers';

/** The hover markdown on the first line starting with `linePrefix` (after indentation), at `token`. */
async function hoverAt(file: string, linePrefix: string, token: string): Promise<string> {
  const editor = await openFile(file);
  await waitFor('the extension to activate', () => extension().isActive);
  const doc = editor.document;
  for (let i = 0; i < doc.lineCount; i++) {
    const line = doc.lineAt(i).text;
    if (line.trimStart().startsWith(linePrefix)) {
      const col = line.indexOf(token);
      if (col >= 0) {
        const pos = new vscode.Position(i, col + 1);
        // The first request may race the extension's activation; ask until the hover is there.
        return waitFor(`a hover at ${file}:${i + 1}`, async () => {
          const md = await hoverText(doc.uri, pos);
          return /Container or VM\?/.test(md) ? md : '';
        });
      }
    }
  }
  return hoverText(doc.uri, positionOf(doc, linePrefix, token));
}

describe('config hovers', () => {
  it('compose: privileged: true explains privileged mode, with a note on this line', async () => {
    const md = await hoverAt('compose.yaml', 'privileged: true', 'privileged');
    assert.match(md, /^#### privileged$/m);
    assert.match(md, /\*\*On this line\*\*/);
    assert.match(md, /\*\*Container or VM\?\*\*/);
  });

  it('compose: a comment line gets no container-or-VM hover', async () => {
    const md = await hoverText((await openFile('compose.yaml')).document.uri, new vscode.Position(0, 3));
    assert.doesNotMatch(md, /Container or VM\?/);
  });

  it('Kubernetes: runAsNonRoot in a Deployment', async () => {
    const md = await hoverAt('k8s/deployment.yaml', 'runAsNonRoot:', 'runAsNonRoot');
    assert.match(md, /^#### .*runAsNonRoot/m);
    assert.match(md, /\*\*Container or VM\?\*\*/);
  });

  it('Vagrantfile: vm.box is a VM with its own kernel', async () => {
    const md = await hoverAt('Vagrantfile', 'linux.vm.box', 'box');
    assert.match(md, /^#### vm\.box$/m);
    assert.match(md, /kernel/i);
  });

  it('Packer: a qemu source builds a VM image; communicator is explained too', async () => {
    const builder = await hoverAt('packer/image.pkr.hcl', 'source "qemu"', 'qemu');
    assert.match(builder, /^#### qemu builder$/m);
    const communicator = await hoverAt('packer/image.pkr.hcl', 'communicator', 'communicator');
    assert.match(communicator, /^#### communicator$/m);
  });
});

describe('snippets', () => {
  /**
   * The snippet labels completion offers where a person has typed `cvm-` in a new document of
   * `language`, once `wanted` is among them (the editor loads snippet files as they are first asked for).
   */
  async function snippetsFor(language: string, wanted: string): Promise<string[]> {
    const doc = await vscode.workspace.openTextDocument({ language, content: 'cvm-' });
    await vscode.window.showTextDocument(doc);
    let last: string[] = [];
    return waitFor(() => `the ${language} snippet ${wanted} (offered: ${last.join(', ') || 'none'})`, async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 4));
      last = (list?.items ?? []).filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return last.includes(wanted) ? last : null;
    }, 30_000);
  }

  it('a Dockerfile offers the non-root multi-stage build and the HEALTHCHECK snippets', async () => {
    const labels = await snippetsFor('dockerfile', 'cvm-multistage-nonroot');
    assert.ok(labels.includes('cvm-healthcheck'), labels.join(', '));
  });

  it('a compose file offers the hardened service snippet', async () => {
    const labels = await snippetsFor('dockercompose', 'cvm-service-hardened');
    assert.ok(labels.includes('cvm-service-sandboxed'), labels.join(', '));
  });

  it('a Vagrantfile (ruby) offers the own-kernel machine snippet', async () => {
    await snippetsFor('ruby', 'cvm-vagrant-own-kernel');
  });
});
