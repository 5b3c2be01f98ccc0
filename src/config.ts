// The one place that reads the extension's settings. Everything else asks these typed accessors.
import * as vscode from 'vscode';
import { showsGeneric } from './core/render/explanation';

export const CONFIG_SECTION = 'containerOrVm';

export type HoverVerbosity = 'auto' | 'full' | 'angle';

export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Settings {
  hover: {
    enabled: boolean;
    verbosity: HoverVerbosity;
    /** Formats whose hovers are turned off (`containerOrVm.hover.formats` set to false). */
    off: ReadonlySet<string>;
  };
  codeLens: {
    enabled: boolean;
  };
  diagnostics: {
    enabled: boolean;
    /** Per signal group, as set; groups not set keep the default for their direction. */
    severity: Partial<Record<string, DiagnosticLevel>>;
  };
  advisor: {
    /** Globs left out of a scan, on top of files.exclude. */
    exclude: string[];
    /** Bytes; larger files are skipped. */
    maxFileSize: number;
    /** Run the advisor again when a file it reads is saved (after a first run). */
    refreshOnSave: boolean;
  };
}

/** Extensions that already explain what each Dockerfile line does; with them installed `auto` keeps to the container-or-VM angle. */
export const DOCKER_EXTENSION_IDS = ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker'] as const;

const VERBOSITIES: readonly HoverVerbosity[] = ['auto', 'full', 'angle'];
const LEVELS: readonly DiagnosticLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

function levels(raw: unknown): Partial<Record<string, DiagnosticLevel>> {
  const out: Partial<Record<string, DiagnosticLevel>> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [group, level] of Object.entries(raw)) if ((LEVELS as readonly unknown[]).includes(level)) out[group] = level as DiagnosticLevel;
  return out;
}

export function settings(): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const verbosity = c.get<string>('hover.verbosity', 'auto');
  return {
    hover: {
      enabled: c.get<boolean>('hover.enabled', true) !== false,
      verbosity: (VERBOSITIES as readonly string[]).includes(verbosity) ? (verbosity as HoverVerbosity) : 'auto',
      off: formatsOff(c.get<unknown>('hover.formats', {})),
    },
    codeLens: {
      enabled: c.get<boolean>('codeLens.enabled', true) !== false,
    },
    diagnostics: {
      enabled: c.get<boolean>('diagnostics.enabled', true) !== false,
      severity: levels(c.get<unknown>('diagnostics.severity', {})),
    },
    advisor: {
      exclude: stringList(c.get<unknown>('exclude', [])),
      maxFileSize: sizeInBytes(c.get<unknown>('maxFileSize', 2048)),
      refreshOnSave: c.get<boolean>('refreshOnSave', true) !== false,
    },
  };
}

/** The formats set to `false` in a `{ format: boolean }` map; anything else leaves a format on. */
const formatsOff = (v: unknown): ReadonlySet<string> =>
  new Set(typeof v === 'object' && v !== null ? Object.entries(v).filter(([, on]) => on === false).map(([f]) => f) : []);

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);

/** `containerOrVm.maxFileSize` is in KB; anything unusable falls back to 2 MB. */
const sizeInBytes = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v * 1024) : 2 * 1024 * 1024);

/**
 * The advisor's settings as one workspace folder has them: `exclude` and `maxFileSize` are
 * resource-scoped, so each folder of a multi-root workspace can set its own (its folder settings
 * over the workspace's over the user's).
 */
export function folderSettings(folder?: vscode.Uri): { exclude: string[]; maxFileSize: number } {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION, folder);
  return { exclude: stringList(c.get<unknown>('exclude', [])), maxFileSize: sizeInBytes(c.get<unknown>('maxFileSize', 2048)) };
}

/** The editor's own `files.exclude` patterns for a folder (those set to true; conditional ones are left out). */
export function filesExclude(scope?: vscode.ConfigurationScope): string[] {
  return enabledGlobs('exclude', scope);
}

/** The enabled `files.watcherExclude` globs: changes there are not reported to file watchers. */
export function watcherExclude(scope?: vscode.ConfigurationScope): string[] {
  return enabledGlobs('watcherExclude', scope);
}

/** The globs set to `true` in a `files.*` glob map. */
function enabledGlobs(key: 'exclude' | 'watcherExclude', scope?: vscode.ConfigurationScope): string[] {
  const map = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>(key, {});
  return Object.entries(map ?? {})
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** The formats whose lines the Docker extensions explain themselves (Dockerfiles and Compose files). */
const EXPLAINED_BY_DOCKER_EXTENSIONS: ReadonlySet<string> = new Set(['dockerfile', 'compose']);

/**
 * The formats whose hovers leave out the generic "what it does" part; `'*'` stands for every format.
 * With `auto` it is left out only where an installed Docker extension already explains the line:
 * Dockerfiles and Compose files, never Vagrant, Packer, cloud-init, Lima, Terraform, Kubernetes or
 * devcontainer. The document thread decides with this list once it knows the model's format.
 */
export function formatsWithoutGeneric(verbosity: HoverVerbosity = settings().hover.verbosity): string[] {
  if (verbosity === 'full') return [];
  if (verbosity === 'angle') return ['*'];
  return DOCKER_EXTENSION_IDS.some((id) => vscode.extensions.getExtension(id) !== undefined) ? [...EXPLAINED_BY_DOCKER_EXTENSIONS] : [];
}

/** Whether a hover on a file of this format includes the generic "what it does" part (see formatsWithoutGeneric). */
export function hoverShowsGeneric(verbosity: HoverVerbosity = settings().hover.verbosity, format: string): boolean {
  return showsGeneric(formatsWithoutGeneric(verbosity), format);
}

/** Calls `listener` when any of this extension's settings changes. */
export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(CONFIG_SECTION)) listener();
  });
}
