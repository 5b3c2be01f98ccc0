// Which documents each format's providers attach to. One row per format; the providers themselves
// are format-agnostic and read this table.
import type * as vscode from 'vscode';
import type { Format } from '../core/parse/types';

export const SELECTORS: Partial<Record<Format, vscode.DocumentFilter[]>> = {
  dockerfile: [
    { language: 'dockerfile' },
    { pattern: '**/Dockerfile' },
    { pattern: '**/*.dockerfile' },
    { pattern: '**/Dockerfile.*' },
    { pattern: '**/Containerfile' },
    { pattern: '**/*.containerfile' },
  ],
  compose: [
    { language: 'dockercompose' },
    { pattern: '**/compose*.{yaml,yml}' },
    { pattern: '**/docker-compose*.{yaml,yml}' },
  ],
  // Manifests have generic names: any YAML document, and the content check in the parse cache decides.
  kubernetes: [{ language: 'yaml' }],
  // User-data often has no extension (plain text); `#cloud-config` on the first line decides.
  'cloud-init': [{ language: 'yaml' }, { pattern: '**/user-data*' }, { pattern: '**/*.cloud-config' }],
  lima: [{ language: 'yaml' }, { pattern: '**/lima.{yaml,yml}' }],
  devcontainer: [
    { pattern: '**/{devcontainer,.devcontainer,devcontainer-feature}.json' },
    { pattern: '**/*{_,.,-}devcontainer.json' },
    { pattern: '**/.devcontainer/**/*.json' },
  ],
  // VS Code gives `Vagrantfile` the ruby language; `Vagrantfile.fedora` and box templates have none.
  vagrant: [{ pattern: '**/{Vagrantfile,vagrantfile}*' }, { pattern: '**/*.template' }],
  // Legacy JSON templates have any name: JSON documents are offered, the `builders` check decides.
  packer: [{ pattern: '**/*.pkr.{hcl,json}' }, { language: 'hcl' }, { language: 'json' }],
  // Docker Bake files, by the names Bake looks up (other names are passed with `--file` and not told apart).
  bake: [{ pattern: '**/docker-bake.{hcl,json}' }, { pattern: '**/docker-bake.override.{hcl,json}' }],
  terraform: [{ language: 'terraform' }, { pattern: '**/*.tf' }, { pattern: '**/*.tf.json' }],
  // Podman Quadlet units. `.network`, `.volume`, `.image`, `.pod`… are also other tools' names: the
  // content check in the parse cache decides (a [Container], [Network]… section; not systemd-networkd).
  quadlet: [{ pattern: '**/*.{container,pod,kube,volume,network,image,build}' }],
};

/** Every row, flattened into one selector. */
export function allSelectors(): vscode.DocumentFilter[] {
  return Object.values(SELECTORS).flatMap((rows) => rows ?? []);
}

/** Copies of a file that are not the file itself (the old side of a diff, history, output): no lenses or problems there. */
export const OTHER_COPIES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'vscode-local-history', 'pr', 'review', 'conflictResolution', 'vscode-chat-code-block']);
