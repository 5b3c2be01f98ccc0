// Temporary folders of files for tests that run the CLI or the scan on disk.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Makes folders holding the given files (relative path → text); `cleanup` removes every one made, even one left read-only. */
export function tempWorkspaces(prefix: string): { make(files: Record<string, string>): string; cleanup(): void } {
  const dirs: string[] = [];
  return {
    make(files) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      return dir;
    },
    cleanup() {
      for (const d of dirs.splice(0)) {
        try {
          chmodSync(d, 0o755);
        } catch {
          // removed already
        }
        rmSync(d, { recursive: true, force: true });
      }
    },
  };
}
