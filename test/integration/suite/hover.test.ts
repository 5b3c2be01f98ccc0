// Hovering a Dockerfile instruction shows what it is and what it means for container versus VM.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, hoverText, openFile, positionOf, waitFor } from './helpers';

async function hoverAt(file: string, linePrefix: string, token?: string): Promise<string> {
  const editor = await openFile(file);
  await waitFor('the extension to activate', () => extension().isActive);
  return hoverText(editor.document.uri, positionOf(editor.document, linePrefix, token));
}

/**
 * The first lines a reader sees of a hover, before any scrolling: the Markdown as text (headings,
 * emphasis, code fences and link targets taken out), each paragraph wrapped at the width of a hover
 * (about 60 characters at VS Code's default 500 px).
 */
function firstScreen(md: string, lines = 12, width = 60): string[] {
  const out: string[] = [];
  for (const raw of md.split('\n')) {
    const text = raw
      .replace(/^#{1,6}\s+/, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*]/g, '')
      .trim();
    if (!text) continue;
    let line = '';
    for (const word of text.split(/\s+/)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.slice(0, lines);
}

describe('Dockerfile hover', () => {
  it('FROM: the first screen of the hover speaks of VMs, before what the instruction does', async () => {
    const md = await hoverAt('Dockerfile', 'FROM', 'FROM');
    assert.match(md, /^#### FROM$/m);
    const top = firstScreen(md).join('\n');
    assert.match(top, /\bVMs?\b|virtual machine/i, `the first screen of the FROM hover:\n${top}`);
    const angle = md.indexOf('**Container or VM?**');
    const does = md.indexOf('**What it does.**');
    assert.ok(angle >= 0 && (does < 0 || angle < does), md);
  });


  it('USER root: the USER topic, the line note about root and the container-or-VM angle', async () => {
    const md = await hoverAt('Dockerfile', 'USER root', 'USER');
    assert.match(md, /^#### USER$/m);
    assert.match(md, /`USER root`/);
    assert.match(md, /\*\*Container or VM\?\*\*/);
    assert.match(md, /kernel/i);
  });

  it('EXPOSE 22: the EXPOSE topic and the note that SSH into a container is a VM habit', async () => {
    const md = await hoverAt('Dockerfile', 'EXPOSE 22', '22');
    assert.match(md, /^#### EXPOSE$/m);
    assert.match(md, /`EXPOSE 22`/);
    assert.match(md, /SSH/);
    assert.match(md, /\*\*Container or VM\?\*\*/);
  });

  it('a real Dockerfile (microsoft/mssql-docker non-root example): USER mssql', async () => {
    const md = await hoverAt('mssql-non-root/Dockerfile', 'USER mssql', 'USER');
    assert.match(md, /^#### USER$/m);
    assert.match(md, /\*\*Container or VM\?\*\*/);
  });

  it('a real Dockerfile (docker-library/healthcheck postgres): HEALTHCHECK', async () => {
    const md = await hoverAt('healthcheck-postgres/Dockerfile', 'HEALTHCHECK', 'HEALTHCHECK');
    assert.match(md, /^#### HEALTHCHECK$/m);
    assert.match(md, /\*\*Container or VM\?\*\*/);
  });

  it('a comment line has no container-or-VM hover', async () => {
    const md = await hoverAt('mssql-non-root/Dockerfile', '# Exmple', 'creating');
    assert.doesNotMatch(md, /Container or VM\?/);
  });

  it('containerOrVm.hover.enabled = false turns the hover off', async () => {
    const config = vscode.workspace.getConfiguration('containerOrVm');
    await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the setting to apply', () => vscode.workspace.getConfiguration('containerOrVm').get('hover.enabled') === false);
      const md = await hoverAt('Dockerfile', 'USER root', 'USER');
      assert.doesNotMatch(md, /Container or VM\?/);
    } finally {
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('containerOrVm.hover.verbosity: "angle" leaves out what the instruction does and keeps the container-or-VM part; "full" brings it back', async () => {
    const config = vscode.workspace.getConfiguration('containerOrVm');
    try {
      await config.update('hover.verbosity', 'angle', vscode.ConfigurationTarget.Global);
      await waitFor('the setting to apply', () => vscode.workspace.getConfiguration('containerOrVm').get('hover.verbosity') === 'angle');
      const angle = await hoverAt('Dockerfile', 'USER root', 'USER');
      assert.doesNotMatch(angle, /What it does\./);
      assert.match(angle, /`USER root`/);
      assert.match(angle, /\*\*Container or VM\?\*\*/);
      await config.update('hover.verbosity', 'full', vscode.ConfigurationTarget.Global);
      await waitFor('the setting to apply', () => vscode.workspace.getConfiguration('containerOrVm').get('hover.verbosity') === 'full');
      const full = await hoverAt('Dockerfile', 'USER root', 'USER');
      assert.match(full, /What it does\./);
      assert.match(full, /\*\*Container or VM\?\*\*/);
    } finally {
      await config.update('hover.verbosity', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
