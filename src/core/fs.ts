// A small read-only file system the advisor scans through. Paths are POSIX-style ('/' separated,
// absolute within the file system). Implementations: Node's fs (the CLI, src/node/nodeFs.ts),
// vscode.workspace.fs (the editor, web included, src/advisor/vscodeFs.ts) and an in-memory tree
// (tests, eval, benchmarks, src/core/memoryFs.ts).

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  /** The entry itself, links not followed (a link to a folder is 'symlink'). */
  type: EntryType;
}

export interface FileStat {
  /** With links followed: the type of what the path finally names. */
  type: Exclude<EntryType, 'symlink'>;
  size: number;
  mtimeMs?: number;
}

export interface ReadOnlyFs {
  readDir(path: string): Promise<DirEntry[]>;
  /** Follows links; rejects for a missing path or a dangling link. */
  stat(path: string): Promise<FileStat>;
  readFile(path: string): Promise<Uint8Array>;
  /** The path with every link resolved, when the file system can tell; rejects on a dangling link or a loop. */
  realPath?(path: string): Promise<string>;
}

/** Joins POSIX path parts and normalises `.`, `..` and repeated slashes. */
export function joinPath(...parts: string[]): string {
  return normalizePath(parts.filter((p) => p !== '').join('/'));
}

export function normalizePath(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  const s = out.join('/');
  return abs ? '/' + s : s || '.';
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return path.slice(0, i);
}

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** `path` relative to `root` when inside it, else null. Both normalised POSIX paths. */
export function relativeTo(root: string, path: string): string | null {
  if (path === root) return '';
  const prefix = root.endsWith('/') ? root : root + '/';
  return path.startsWith(prefix) ? path.slice(prefix.length) : null;
}
