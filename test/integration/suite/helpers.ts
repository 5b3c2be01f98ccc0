// Helpers for the extension-host tests: find the extension, open files, wait on conditions.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'container-or-vm.container-or-vm';

/** The extension under test; it is loaded from the repository (extensionDevelopmentPath). */
export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws, naming `what`). */
export async function waitFor<T>(what: string | (() => string), check: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** URI of a path relative to the first workspace folder. */
export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** Opens a workspace file in an editor, as a user clicking it in the explorer would. */
export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(doc);
}

/** Position of the first occurrence of `text` on the first line that starts with `linePrefix`. */
export function positionOf(doc: vscode.TextDocument, linePrefix: string, text = linePrefix): vscode.Position {
  for (let i = 0; i < doc.lineCount; i++) {
    const line = doc.lineAt(i).text;
    if (line.startsWith(linePrefix)) {
      const col = line.indexOf(text);
      if (col >= 0) return new vscode.Position(i, col + 1);
    }
  }
  throw new Error(`no line starting with ${JSON.stringify(linePrefix)} in ${doc.uri.path}`);
}

/** The markdown of every hover the providers give at `pos`, as one string. */
export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}
