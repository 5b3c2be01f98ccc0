// ReadOnlyFs over Node's fs, for the CLI. Paths are POSIX-style; on Windows a drive path such as
// C:\work becomes /C:/work and back.
//
// The calls are Node's synchronous ones behind the interface's promises: the CLI is one process that
// does one scan and nothing else meanwhile, and a synchronous call costs no hand-off to libuv's thread
// pool and back per folder, stat and read (on the 10,000-file workspace the asynchronous calls took
// several times the time of the calls themselves; docs/performance.md). A failing call still rejects
// the promise, as the interface says. Folders are read once with their entry types, so the walk
// stats only links.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
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
    const entries = readdirSync(toNativePath(path), { withFileTypes: true });
    const out: DirEntry[] = new Array(entries.length);
    for (let i = 0; i < entries.length; i++) out[i] = { name: entries[i].name, type: typeOf(entries[i]) };
    return out;
  },
  async stat(path: string): Promise<FileStat> {
    const s = statSync(toNativePath(path));
    const t = typeOf(s);
    return { type: t === 'symlink' ? 'other' : t, size: s.size, mtimeMs: s.mtimeMs };
  },
  async readFile(path: string): Promise<Uint8Array> {
    return readFileSync(toNativePath(path));
  },
  async realPath(path: string): Promise<string> {
    return toPosixPath(realpathSync.native(toNativePath(path)));
  },
};
