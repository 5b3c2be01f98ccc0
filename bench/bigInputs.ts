// `npm run bench:big`: the cost of one parse, plus its findings and workloads, on large files: the
// largest corpus file of each format repeated up to 1 MB (YAML formats as separate documents). The
// fuzz properties ask for 100 ms per call on inputs up to 1 MB; this prints, per format, the wall time
// at each size (median of five) and the largest size that stays within 100 ms, then one JSON line.
// Timing lives here only; the unit tests never time anything.
//
//   node out/bench/bigInputs.js [--sizes 64,256,1024]   sizes in KB
import { performance } from 'node:perf_hooks';
import { findingsFor } from '../src/core/advisor/findings';
import type { Format } from '../src/core/parse/types';
import { moduleFor } from '../src/core/registry';
import { corpusFiles, NAMES } from '../test/fuzz/inputs';

const BOUND_MS = 100;
const FORMATS: Format[] = ['dockerfile', 'compose', 'kubernetes', 'devcontainer', 'vagrant', 'packer', 'cloud-init', 'lima', 'terraform'];
const YAML = new Set<Format>(['compose', 'kubernetes', 'cloud-init', 'lima']);

const argSizes = process.argv.includes('--sizes') ? process.argv[process.argv.indexOf('--sizes') + 1] : undefined;
const SIZES_KB = (argSizes ?? '16,32,64,128,256,512,1024').split(',').map(Number).filter((n) => n > 0);

/** The largest corpus file of a format (the first by name among equals). */
function largest(format: Format): { name: string; text: string } | undefined {
  const files = corpusFiles().filter((c) => c.format === format);
  files.sort((a, b) => b.text.length - a.text.length || a.name.localeCompare(b.name));
  return files[0];
}

/** `text` repeated to `bytes` characters, cut at a line end. A devcontainer stays one JSON object: its largest member list repeats inside it. */
function grow(format: Format, text: string, bytes: number): string {
  if (format === 'devcontainer') {
    const body = text.trim().replace(/^\{/, '').replace(/\}$/, '').trim().replace(/,\s*$/, '');
    const parts: string[] = [];
    let size = 2;
    for (let i = 0; size < bytes; i++) {
      const part = `"copy${i}": {${body}}`;
      parts.push(part);
      size += part.length + 2;
    }
    return `{\n${parts.join(',\n')}\n}\n`;
  }
  const sep = YAML.has(format) ? '\n---\n' : '\n';
  let out = '';
  while (out.length < bytes) out += text + sep;
  out = out.slice(0, bytes);
  return out.slice(0, out.lastIndexOf('\n') + 1);
}

/** Wall time, median of five, as the fuzzing's bound counts it (CPU time would add the garbage collector's helper threads). */
function wallMs(fn: () => void): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[2];
}

const result: Record<string, { ms: Record<string, number>; withinBoundKB: number }> = {};
const header = ['format', ...SIZES_KB.map((k) => `${k} KB`), `≤ ${BOUND_MS} ms up to`];
const rows: string[][] = [];
for (const format of FORMATS) {
  const source = largest(format);
  const mod = moduleFor(format);
  if (!source || !mod) continue;
  const ms: Record<string, number> = {};
  let within = 0;
  let over = false;
  // Warm-up: the first parse of a format also compiles its code.
  for (let i = 0; i < 3; i++) mod.parse(grow(format, source.text, 64 * 1024), NAMES[format][0]);
  for (const kb of SIZES_KB) {
    const text = grow(format, source.text, kb * 1024);
    // A fresh model each run: findings are cached per model.
    const t = wallMs(() => {
      const model = mod.parse(text, NAMES[format][0]);
      findingsFor(model);
      mod.workloads(model);
    });
    ms[kb] = Math.round(t);
    // The largest size up to which every size stays within the bound.
    if (t > BOUND_MS) over = true;
    else if (!over) within = kb;
  }
  result[format] = { ms, withinBoundKB: within };
  rows.push([format, ...SIZES_KB.map((k) => `${ms[k]} ms`), within ? `${within} KB` : `< ${SIZES_KB[0]} KB`]);
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`parse + findings + workloads, wall ms, median of 5 (largest corpus file of each format, repeated)\n`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(JSON.stringify(result));
