// Replaces a file's content so that a reader sees either the old bytes or the new ones, never a
// part: the new bytes go to a temporary file beside the target (a unique name, opened with `wx` so
// nothing in the way is reused), are flushed to disk, take the target's mode (and owner, where
// they differ), and the temporary file is renamed over the target. A link is resolved first and its
// target replaced, so the link stays a link. Whatever fails on the way, the temporary file is removed
// and the target is as it was. For the CLI only: the extension never writes.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Why a file was not written; the file is as it was. */
export class WriteRefused extends Error {}

export interface AtomicWriteOptions {
  /** The bytes the new content was made from: when the file holds anything else now, nothing is written. */
  expected?: Uint8Array;
  /** The rename step, for tests that make it fail. */
  rename?: (from: string, to: string) => void;
}

const codeOf = (e: unknown): string => (e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '');

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

/** Writes `bytes` to `path` (a link is written through to its target). Throws WriteRefused, or the file system's error. */
export function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): void {
  const target = realpathSync.native(path);
  const st = statSync(target);
  if (!st.isFile()) throw new WriteRefused('not a regular file');
  // A rename gives this name a new file: the file's other hard links would keep the old content.
  if (st.nlink > 1) throw new WriteRefused(`the file has ${st.nlink} hard links, which a replacement would not reach`);
  if (options.expected && !sameBytes(readFileSync(target), options.expected)) throw new WriteRefused('the file changed since it was read');
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined = openSync(temp, 'wx', 0o600);
  try {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    fchmodSync(fd, st.mode & 0o7777);
    const uid = process.getuid?.();
    const gid = process.getgid?.();
    if (uid !== undefined && gid !== undefined && (st.uid !== uid || st.gid !== gid)) {
      try {
        fchownSync(fd, st.uid, st.gid);
      } catch (e) {
        throw new WriteRefused(`its owner or group could not be kept (${codeOf(e) || 'error'})`);
      }
      // chown may clear the set-user and set-group bits: the mode once more.
      fchmodSync(fd, st.mode & 0o7777);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    (options.rename ?? renameSync)(temp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already reported by the failure above
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // gone already, or never made
    }
    throw e;
  }
  // The rename itself to disk, where the platform allows a folder to be synced.
  try {
    const dirFd = openSync(dirname(target), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Windows cannot open a folder for syncing; the content is on disk already.
  }
}
