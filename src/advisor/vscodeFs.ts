// ReadOnlyFs over vscode.workspace.fs, so the advisor reads the workspace the way the editor does
// (local, remote, virtual and web file systems alike). Paths are the URI paths of the workspace
// folders; each path is read through the folder (scheme and authority) that contains it.
import * as vscode from 'vscode';
import type { DirEntry, EntryType, FileStat, ReadOnlyFs } from '../core/fs';

function entryType(t: vscode.FileType): EntryType {
  if (t & vscode.FileType.SymbolicLink) return 'symlink';
  if (t & vscode.FileType.Directory) return 'dir';
  if (t & vscode.FileType.File) return 'file';
  return 'other';
}

export class VscodeFs implements ReadOnlyFs {
  /** Longest path first, so nested folders resolve to the innermost. */
  private readonly folders: vscode.Uri[];

  constructor(folders: readonly vscode.Uri[]) {
    this.folders = [...folders].sort((a, b) => b.path.length - a.path.length);
  }

  uriOf(path: string): vscode.Uri {
    const folder = this.folders.find((f) => path === f.path || path.startsWith(f.path.replace(/\/+$/, '') + '/')) ?? this.folders[0];
    if (!folder) throw Object.assign(new Error(`no workspace folder holds ${path}`), { code: 'ENOENT' });
    return folder.with({ path });
  }

  async readDir(path: string): Promise<DirEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.uriOf(path));
    return entries.map(([name, t]) => ({ name, type: entryType(t) }));
  }

  async stat(path: string): Promise<FileStat> {
    const s = await vscode.workspace.fs.stat(this.uriOf(path));
    const type = s.type & vscode.FileType.Directory ? 'dir' : s.type & vscode.FileType.File ? 'file' : 'other';
    return { type, size: s.size, mtimeMs: s.mtime };
  }

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uriOf(path));
  }
}
