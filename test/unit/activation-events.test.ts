// package.json's activationEvents: the extension starts where its files are, not with every JSON,
// Ruby or HCL file, and lists none of the events VS Code makes itself. Since VS Code 1.74 a
// contributed command activates its extension without `onCommand`
// (https://code.visualstudio.com/api/references/activation-events); for a contributed language VS
// Code makes `onLanguage` only when the contribution has a language configuration (the `languages`
// extension point's activationEventsGenerator, src/vs/workbench/services/language/common/
// languageService.ts), which ours (`dockerfile`, for Containerfile names) has not, so it is listed.
// A webview panel has no contribution: a panel restored after a reload needs
// `onWebviewPanel:<viewType>` and a serializer registered in activate() (vscode.d.ts,
// registerWebviewPanelSerializer).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFolderGlob } from '../../src/core/advisor/glob';
import { repoRoot } from '../fuzz/inputs';

interface Manifest {
  engines: { vscode: string };
  activationEvents: string[];
  contributes: { commands: { command: string }[]; languages: { id: string; configuration?: string }[] };
}

const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
const events = manifest.activationEvents;
const workspaceGlobs = events.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
/** Whether a workspace holding this file (path from the folder) activates the extension. */
const activatesOn = (path: string) => workspaceGlobs.some((g) => compileFolderGlob(g)(path));

describe('package.json activationEvents', () => {
  it('needs VS Code 1.74 or later, which makes the command and language events itself', () => {
    const [major, minor] = manifest.engines.vscode.replace(/^\^/, '').split('.').map(Number);
    assert.ok(major > 1 || minor >= 74, manifest.engines.vscode);
  });

  it('lists no event VS Code makes itself (contributed commands, languages with a configuration), and every one it does not', () => {
    const generated = [
      ...manifest.contributes.commands.map((c) => `onCommand:${c.command}`),
      ...manifest.contributes.languages.filter((l) => l.configuration).map((l) => `onLanguage:${l.id}`),
    ];
    assert.deepEqual(events.filter((e) => generated.includes(e)), []);
    const notGenerated = manifest.contributes.languages.filter((l) => !l.configuration).map((l) => `onLanguage:${l.id}`);
    assert.ok(notGenerated.includes('onLanguage:dockerfile'));
    assert.deepEqual(notGenerated.filter((e) => !events.includes(e)), [], 'a Dockerfile opened on its own starts the extension');
    assert.deepEqual(events.filter((e) => e === '*' || e === 'onStartupFinished'), [], 'no start with every window');
  });

  it('does not start with every JSON, JSON with comments, Ruby or HCL file', () => {
    assert.deepEqual(events.filter((e) => /^onLanguage:(json|jsonc|ruby|hcl)$/.test(e)), []);
    for (const path of ['package.json', '.vscode/settings.json', 'tsconfig.json', 'Gemfile', 'lib/app.rb', 'main.hcl', 'config/app.hcl', 'docs/perlfunc.pod', 'network/app.network']) {
      assert.equal(activatesOn(path), false, path);
    }
  });

  it('starts where a file name says the folder holds one of the formats', () => {
    const named = [
      'Dockerfile', 'app/Dockerfile', 'web.dockerfile', 'Containerfile', 'compose.yaml', 'deploy/docker-compose.yml',
      '.devcontainer/devcontainer.json', '.devcontainer/python/devcontainer.json', '.devcontainer.json', 'src/feature/devcontainer-feature.json',
      'Vagrantfile', 'boxes/Vagrantfile.fedora', 'packer/ubuntu.pkr.hcl', 'legacy.pkr.json', 'infra/main.tf', 'main.tf.json',
      'lima.yaml', 'cloud/user-data', 'vm.cloud-config',
      // Docker Bake
      'docker-bake.hcl', 'build/docker-bake.json', 'docker-bake.override.hcl', 'docker-bake.override.json',
      // Podman Quadlet, where Podman reads them and anywhere for the unambiguous suffixes
      'containers/systemd/web.container', '.config/containers/systemd/app.pod', 'etc/containers/systemd/data.volume',
      'etc/containers/systemd/net.network', 'deploy/app.kube', 'quadlet/db.container',
    ];
    assert.deepEqual(named.filter((p) => !activatesOn(p)), []);
  });

  it('restores the report and the comparison after a reload: an onWebviewPanel event for each panel', () => {
    assert.deepEqual(events.filter((e) => e.startsWith('onWebviewPanel:')).sort(), ['onWebviewPanel:containerOrVm.comparison', 'onWebviewPanel:containerOrVm.report']);
    // activate() registers a serializer for each (test/unit/lazy-activation.test.ts runs it).
  });

  it('keeps Dockerfile, YAML, Compose and Terraform documents: their names say nothing (manifests) or another extension names the language', () => {
    for (const e of ['onLanguage:dockerfile', 'onLanguage:yaml', 'onLanguage:dockercompose', 'onLanguage:terraform']) assert.ok(events.includes(e), e);
  });
});
