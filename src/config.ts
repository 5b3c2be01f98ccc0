// The one place that reads the extension's settings. Everything else asks these typed accessors.
import * as vscode from 'vscode';

export const CONFIG_SECTION = 'containerOrVm';

export type HoverVerbosity = 'auto' | 'full' | 'angle';

export interface Settings {
  hover: {
    enabled: boolean;
    verbosity: HoverVerbosity;
  };
}

/** Extensions that already explain what each Dockerfile line does; with them installed `auto` keeps to the container-or-VM angle. */
export const DOCKER_EXTENSION_IDS = ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker'] as const;

const VERBOSITIES: readonly HoverVerbosity[] = ['auto', 'full', 'angle'];

export function settings(): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const verbosity = c.get<string>('hover.verbosity', 'auto');
  return {
    hover: {
      enabled: c.get<boolean>('hover.enabled', true) !== false,
      verbosity: (VERBOSITIES as readonly string[]).includes(verbosity) ? (verbosity as HoverVerbosity) : 'auto',
    },
  };
}

/** Whether hovers include the generic "what it does" part. */
export function hoverShowsGeneric(verbosity: HoverVerbosity = settings().hover.verbosity): boolean {
  if (verbosity === 'full') return true;
  if (verbosity === 'angle') return false;
  return !DOCKER_EXTENSION_IDS.some((id) => vscode.extensions.getExtension(id) !== undefined);
}

/** Calls `listener` when any of this extension's settings changes. */
export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(CONFIG_SECTION)) listener();
  });
}
