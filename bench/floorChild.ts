// The fresh-process floor of `advise`: `node out/bench/floorChild.js ROOT`. Walks the folders the scan
// walks (walk.ts) and reads every file whose name makes it a candidate, all synchronously, and nothing
// else: no parsing, no output but one line of counts. The bench times it as a whole process beside
// `node dist/cli.js advise ROOT`.
import { readFileSync } from 'node:fs';
import { walkCandidates } from './walk';

let read = 0;
let bytes = 0;
const files = walkCandidates(process.argv[2], (path) => {
  read++;
  bytes += readFileSync(path).length;
});
process.stdout.write(`${JSON.stringify({ files, read, bytes })}\n`);
