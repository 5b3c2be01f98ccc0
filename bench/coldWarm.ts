// Where a cold CLI run's analysis time goes: `node out/bench/coldWarm.js ROOT [PASSES]` reads the
// candidate files of ROOT (the walk of out/bench/floorChild.js), then runs analyzeText over all of
// them PASSES times (3 unless given) in one fresh process and prints each pass's time per format.
// Pass 0 is what a CLI run pays; the later passes show the same work once V8 has warmed up.
import { readdirSync, readFileSync } from 'node:fs';
import { analyzeText } from '../src/core/advisor/engine';
import { detectFormat, isCandidateName } from '../src/core/parse/detect';
import { DEFAULT_SKIPPED_FOLDERS } from '../src/core/advisor/scan';
const skip = new Set(DEFAULT_SKIPPED_FOLDERS);
const files: [string, string][] = [];
const folders = [process.argv[2]];
while (folders.length) {
  const dir = folders.pop()!;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) { if (!skip.has(e.name)) folders.push(`${dir}/${e.name}`); }
    else if (e.isFile() && isCandidateName(e.name)) files.push([`${dir}/${e.name}`, readFileSync(`${dir}/${e.name}`, 'utf8')]);
  }
}
for (let pass = 0; pass < +(process.argv[3] ?? 3); pass++) {
  const by: Record<string, [number, number, number]> = {};
  const t0 = performance.now();
  for (const [f, text] of files) {
    const fmt = detectFormat(f, text.slice(0, 4096));
    if (!fmt) continue;
    const t = performance.now();
    analyzeText(f, text, fmt);
    const d = performance.now() - t;
    const b = (by[fmt] ??= [0, 0, 0]); b[0]++; b[1] += d; b[2] += text.length;
  }
  console.log(`pass ${pass}: ${(performance.now() - t0).toFixed(0)} ms`, Object.entries(by).sort((a, b) => b[1][1] - a[1][1]).map(([k, v]) => `${k} n=${v[0]} ${v[1].toFixed(0)}ms ${(v[2] / 1024).toFixed(0)}KB`).join(' | '));
}
