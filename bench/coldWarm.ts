// Where a cold CLI run's analysis time goes: `node out/bench/coldWarm.js ROOT [PASSES]` reads the
// candidate files of ROOT (the walk of walk.ts), then runs analyzeText over all of them PASSES times
// (3 unless given) in one fresh process and prints each pass's time per format. Pass 0 is what a CLI
// run pays; the later passes show the same work once V8 has warmed up.
import { readFileSync } from 'node:fs';
import { analyzeText } from '../src/core/advisor/engine';
import { detectFormat } from '../src/core/parse/detect';
import { walkCandidates } from './walk';

const texts: [string, string][] = [];
walkCandidates(process.argv[2], (path) => texts.push([path, readFileSync(path, 'utf8')]));

for (let pass = 0; pass < Number(process.argv[3] ?? 3); pass++) {
  const byFormat = new Map<string, { files: number; ms: number; chars: number }>();
  const start = performance.now();
  for (const [path, text] of texts) {
    const format = detectFormat(path, text.slice(0, 4096));
    if (!format) continue;
    const t = performance.now();
    analyzeText(path, text, format);
    const b = byFormat.get(format) ?? { files: 0, ms: 0, chars: 0 };
    b.files++;
    b.ms += performance.now() - t;
    b.chars += text.length;
    byFormat.set(format, b);
  }
  const parts = [...byFormat].sort((a, b) => b[1].ms - a[1].ms).map(([f, b]) => `${f} n=${b.files} ${b.ms.toFixed(0)}ms ${(b.chars / 1024).toFixed(0)}KB`);
  console.log(`pass ${pass}: ${(performance.now() - start).toFixed(0)} ms`, parts.join(' | '));
}
