// `npm run bench:big`: the cost of one parse, plus its findings and workloads, on large files: the
// largest corpus file of each format repeated up to 1 MB (YAML formats as separate documents), wall
// time at each size (median of five). Then YAML read whole: the fast reader against the yaml library
// in the same process, over the corpus and over large files, and a 1.9 MB manifest with anchors that
// only the library reads. Then one JSON line. (The 100 ms bound these once served is retired: every
// file is read whole, see docs/reliability.md.) Timing lives here only; the unit tests time nothing.
//
//   node out/bench/bigInputs.js [--sizes 64,256,1024]   sizes in KB
import { performance } from 'node:perf_hooks';
import { findingsFor } from '../src/core/advisor/findings';
import { parseYamlTree } from '../src/core/parse/yaml';
import { readPlainYaml } from '../src/core/parse/yamlFast';
import type { Format } from '../src/core/parse/types';
import { moduleFor } from '../src/core/registry';
import { corpusFiles, NAMES } from '../test/fuzz/inputs';

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

const result: Record<string, { ms: Record<string, number> }> = {};
const header = ['format', ...SIZES_KB.map((k) => `${k} KB`)];
const rows: string[][] = [];
for (const format of FORMATS) {
  const source = largest(format);
  const mod = moduleFor(format);
  if (!source || !mod) continue;
  const ms: Record<string, number> = {};
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
  }
  result[format] = { ms };
  rows.push([format, ...SIZES_KB.map((k) => `${ms[k]} ms`)]);
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`parse + findings + workloads, wall ms, median of 5 (largest corpus file of each format, repeated)\n`);
console.log(line(header));
for (const r of rows) console.log(line(r));

/** About 1.9 MB of Kubernetes manifests (the corpus's, a DaemonSet with anchors every tenth document, a privileged Pod last), as test/unit/whole-file.test.ts builds it. */
function anchoredManifest(): string {
  const corpus = corpusFiles()
    .filter((c) => c.format === 'kubernetes')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => c.text.trim());
  const anchored = (i: number) =>
    `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent-${i}\n  labels: &labels\n    app: agent-${i}\nspec:\n  selector:\n    matchLabels: *labels\n  template:\n    metadata:\n      labels: *labels\n    spec:\n      containers:\n        - name: agent\n          image: "agent:${i}"\n          securityContext: &sc\n            runAsNonRoot: true`;
  const parts: string[] = [];
  for (let i = 0, size = 0; size < 1.9 * 1024 * 1024; i++) {
    parts.push(i % 10 === 0 ? anchored(i) : corpus[i % corpus.length]);
    size += parts[i].length + 5;
  }
  parts.push('apiVersion: v1\nkind: Pod\nmetadata:\n  name: the-last-one\nspec:\n  containers:\n    - name: last\n      image: &img alpine:3.20\n      securityContext:\n        privileged: true');
  return parts.join('\n---\n') + '\n';
}

// YAML read whole: parseYamlTree as the formats call it (the fast reader, the library for what it
// leaves) against the library alone, called in turn in this process, median of five each.
const whole: Record<string, { kb: number; fastReader: boolean; ms: number; libraryMs: number }> = {};
const yamlCorpus = corpusFiles().filter((c) => YAML.has(c.format));
const corpusTexts = yamlCorpus.map((c) => c.text);
const timeAll = (texts: string[], library: boolean) => wallMs(() => texts.forEach((t) => parseYamlTree(t, { library })));
for (let i = 0; i < 2; i++) timeAll(corpusTexts, false), timeAll(corpusTexts, true);
const taken = corpusTexts.filter((t) => readPlainYaml(t, 3_000_000) !== null).length;
whole['corpus'] = { kb: Math.round(corpusTexts.reduce((n, t) => n + t.length, 0) / 1024), fastReader: taken === corpusTexts.length, ms: timeAll(corpusTexts, false), libraryMs: timeAll(corpusTexts, true) };
const bigOnes: [string, string][] = [
  ['kubernetes 1 MB', grow('kubernetes', largest('kubernetes')!.text, 1024 * 1024)],
  ['compose 1 MB', grow('compose', largest('compose')!.text, 1024 * 1024)],
  ['compose 2 MB', grow('compose', largest('compose')!.text, 2 * 1024 * 1024)],
  ['manifest with anchors 1.9 MB', anchoredManifest()],
];
for (const [what, text] of bigOnes) {
  whole[what] = { kb: Math.round(text.length / 1024), fastReader: readPlainYaml(text, 3_000_000) !== null, ms: wallMs(() => parseYamlTree(text)), libraryMs: wallMs(() => parseYamlTree(text, { library: true })) };
}
console.log(`\nYAML read whole, wall ms, median of 5 (parseYamlTree as the formats call it; the yaml library alone)\n`);
console.log(`corpus: ${yamlCorpus.length} YAML files, ${taken} read by the fast reader`);
for (const [what, w] of Object.entries(whole)) {
  console.log(`${what.padEnd(30)} ${String(w.kb).padStart(5)} KB  ${w.fastReader ? 'fast reader' : what === 'corpus' ? 'both       ' : 'library    '}  ${w.ms.toFixed(1).padStart(8)} ms   library alone ${w.libraryMs.toFixed(1).padStart(8)} ms`);
}
console.log(JSON.stringify({ ...result, whole }));
