// The project config file, `.container-or-vm.yaml` at a workspace folder's root: its errors as
// diagnostics on the file (with or without Red Hat YAML, which adds completion from the contributed
// schema). The file is read through vscode.workspace.fs, never run, so it is read in Restricted Mode
// too: it is data. Validation is the CLI's (src/core/config/projectConfig.ts).
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, parseProjectConfig, type ConfigError, type ProjectConfig } from '../core/config/projectConfig';

const SOURCE = 'Container or VM?';

/** The valid config of each workspace folder, by the folder's URI, as last read. */
const configs = new Map<string, ProjectConfig>();

/** The project config that applies to a document (its workspace folder's), when it has a valid one. */
export function projectConfigFor(uri: vscode.Uri): ProjectConfig | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? configs.get(folder.uri.toString()) : undefined;
}

function isRootConfig(uri: vscode.Uri): boolean {
  if (!uri.path.endsWith(`/${CONFIG_FILE_NAME}`)) return false;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder !== undefined && uri.path.slice(0, -CONFIG_FILE_NAME.length - 1).replace(/\/+$/, '') === folder.uri.path.replace(/\/+$/, '');
}

function toDiagnostic(e: ConfigError): vscode.Diagnostic {
  const { start, end } = e.range;
  const same = start.line === end.line && start.character === end.character;
  const range = new vscode.Range(start.line, start.character, end.line, same ? start.character + 1 : end.character);
  const d = new vscode.Diagnostic(range, e.message, vscode.DiagnosticSeverity.Error);
  d.source = SOURCE;
  return d;
}

/** Checks each workspace folder's config file, on start, when it changes on disk and as it is edited. */
export function registerProjectConfig(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('containerOrVm.config');
  const show = (uri: vscode.Uri, text: string) => {
    const { config, errors } = parseProjectConfig(text, CONFIG_FILE_NAME);
    collection.set(uri, errors.map(toDiagnostic));
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    if (config) configs.set(folder.uri.toString(), config);
    else configs.delete(folder.uri.toString());
  };
  const forget = (uri: vscode.Uri) => {
    collection.delete(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder) configs.delete(folder.uri.toString());
  };
  const open = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const check = async (uri: vscode.Uri) => {
    // An open editor's text counts over what is on disk.
    const doc = open(uri);
    if (doc) return show(uri, doc.getText());
    try {
      show(uri, new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      forget(uri);
    }
  };
  const checkFolders = () => {
    collection.clear();
    configs.clear();
    for (const f of vscode.workspace.workspaceFolders ?? []) void check(vscode.Uri.joinPath(f.uri, CONFIG_FILE_NAME));
  };
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
  const disposables: vscode.Disposable[] = [
    collection,
    watcher,
    watcher.onDidCreate((uri) => isRootConfig(uri) && void check(uri)),
    watcher.onDidChange((uri) => isRootConfig(uri) && void check(uri)),
    watcher.onDidDelete((uri) => isRootConfig(uri) && forget(uri)),
    vscode.workspace.onDidChangeTextDocument((e) => isRootConfig(e.document.uri) && show(e.document.uri, e.document.getText())),
    vscode.workspace.onDidOpenTextDocument((d) => isRootConfig(d.uri) && show(d.uri, d.getText())),
    vscode.workspace.onDidChangeWorkspaceFolders(checkFolders),
  ];
  checkFolders();
  return { dispose: () => (disposables.forEach((d) => d.dispose()), configs.clear()) };
}
