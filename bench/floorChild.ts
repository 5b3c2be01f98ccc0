// The fresh-process floor of `advise`: `node out/bench/floorChild.js ROOT`. Walks the folders the scan
// walks (the same skipped folders, each folder read once with its entry types) and reads every file
// whose name makes it a candidate, all synchronously, and nothing else: no parsing, no output but one
// line of counts. The bench times it as a whole process beside `node dist/cli.js advise ROOT`.
import { readdirSync, readFileSync } from 'node:fs';
import { isCandidateName } from '../src/core/parse/detect';
import { DEFAULT_SKIPPED_FOLDERS } from '../src/core/advisor/scan';

const skip = new Set(DEFAULT_SKIPPED_FOLDERS);
let files = 0;
let read = 0;
let bytes = 0;
const folders = [process.argv[2]];
while (folders.length) {
  const dir = folders.pop() as string;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!skip.has(e.name)) folders.push(`${dir}/${e.name}`);
    } else if (e.isFile()) {
      files++;
      if (isCandidateName(e.name)) {
        read++;
        bytes += readFileSync(`${dir}/${e.name}`).length;
      }
    }
  }
}
process.stdout.write(`${JSON.stringify({ files, read, bytes })}\n`);
