// ReadOnlyFs over Node's fs, for the CLI. Paths are POSIX-style; on Windows a drive path such as
// C:\work becomes /C:/work and back.
import { promises as fsp } from 'node:fs';
import type { DirEntry, EntryType, FileStat, ReadOnlyFs } from '../core/fs';

const isWindows = process.platform === 'win32';

/** A native path as the POSIX-style path the advisor core uses. */
export function toPosixPath(native: string): string {
  const p = native.replace(/\\/g, '/');
  return isWindows && /^[A-Za-z]:/.test(p) ? '/' + p : p;
}

/** The native path of a POSIX-style path. */
export function toNativePath(posix: string): string {
  return isWindows && /^\/[A-Za-z]:/.test(posix) ? posix.slice(1).replace(/\//g, '\\') : posix;
}

function typeOf(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'dir';
  return 'other';
}

export const nodeFs: ReadOnlyFs = {
  async readDir(path: string): Promise<DirEntry[]> {
    const entries = await fsp.readdir(toNativePath(path), { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, type: typeOf(e) }));
  },
  async stat(path: string): Promise<FileStat> {
    const s = await fsp.stat(toNativePath(path));
    const t = typeOf(s);
    return { type: t === 'symlink' ? 'other' : t, size: s.size, mtimeMs: s.mtimeMs };
  },
  async readFile(path: string): Promise<Uint8Array> {
    return fsp.readFile(toNativePath(path));
  },
  async realPath(path: string): Promise<string> {
    return toPosixPath(await fsp.realpath(toNativePath(path)));
  },
};
