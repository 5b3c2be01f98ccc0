// The walk the scan makes, and nothing else: the folders it enters (the same skipped folders, each
// folder read once with its entry types) and the files whose name makes them candidates. Shared by
// the fresh-process floor (floorChild.ts) and the cold/warm analysis timing (coldWarm.ts).
import { readdirSync } from 'node:fs';
import { isCandidateName } from '../src/core/parse/detect';
import { DEFAULT_SKIPPED_FOLDERS } from '../src/core/advisor/scan';

const skip = new Set(DEFAULT_SKIPPED_FOLDERS);

/** Walks `root`, calls `onCandidate` with the path of each candidate file; returns the number of files seen. */
export function walkCandidates(root: string, onCandidate: (path: string) => void): number {
  let files = 0;
  const folders = [root];
  while (folders.length) {
    const dir = folders.pop() as string;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!skip.has(e.name)) folders.push(`${dir}/${e.name}`);
      } else if (e.isFile()) {
        files++;
        if (isCandidateName(e.name)) onCandidate(`${dir}/${e.name}`);
      }
    }
  }
  return files;
}
