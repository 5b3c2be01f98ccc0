// Runs the advisor over the labelled fixture workspaces (test/fixtures/advisor/<case>/) and compares
// its verdicts with test/fixtures/advisor/labels.json. Used by `npm run eval` (scripts/eval.mjs)
// and by the unit test that keeps accuracy from slipping.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { adviseFiles } from '../src/core/advisor/advise';
import { VERDICT_ORDER, type Verdict } from '../src/core/advisor/types';

export interface CaseLabel {
  /** The expected answer for the whole workspace (the most demanding workload's verdict). */
  verdict: Verdict;
  /** Expected verdicts of single workloads, by workload name, where the case has several. */
  workloads?: Record<string, Verdict>;
  /** Why this is the right answer, in words (reasoned from the documents, not from the tool's output). */
  why: string;
}

export interface Item {
  case: string;
  /** '' for the workspace verdict, else the workload name. */
  workload: string;
  expected: Verdict;
  actual: Verdict | 'missing';
}

export interface EvalResult {
  items: Item[];
  perVerdict: Record<Verdict, { total: number; agree: number }>;
  overall: { total: number; agree: number };
  confusions: Item[];
  /** `vm` items the advisor called a plain `container`: the one mistake that must never happen. */
  vmAsContainer: Item[];
}

const SKIP = new Set(['ORIGIN.md', 'ORIGIN.tsv', 'README.md']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? filesUnder(p) : SKIP.has(e) ? [] : [p];
  });
}

export function loadLabels(fixtures: string): Record<string, CaseLabel> {
  return JSON.parse(readFileSync(join(fixtures, 'labels.json'), 'utf8')) as Record<string, CaseLabel>;
}

export function evaluate(fixtures: string): EvalResult {
  const labels = loadLabels(fixtures);
  const items: Item[] = [];
  for (const [name, label] of Object.entries(labels)) {
    const dir = join(fixtures, name);
    const files = filesUnder(dir).map((p) => ({ path: relative(dir, p).replace(/\\/g, '/'), text: readFileSync(p, 'utf8') }));
    const report = adviseFiles(files);
    items.push({ case: name, workload: '', expected: label.verdict, actual: report.workloads.length ? report.verdict : 'missing' });
    for (const [w, expected] of Object.entries(label.workloads ?? {})) {
      const found = report.workloads.find((x) => x.name === w);
      items.push({ case: name, workload: w, expected, actual: found ? found.verdict : 'missing' });
    }
  }
  const perVerdict = Object.fromEntries(VERDICT_ORDER.map((v) => [v, { total: 0, agree: 0 }])) as EvalResult['perVerdict'];
  for (const it of items) {
    perVerdict[it.expected].total++;
    if (it.actual === it.expected) perVerdict[it.expected].agree++;
  }
  const agree = items.filter((i) => i.actual === i.expected).length;
  return {
    items,
    perVerdict,
    overall: { total: items.length, agree },
    confusions: items.filter((i) => i.actual !== i.expected),
    vmAsContainer: items.filter((i) => i.expected === 'vm' && i.actual === 'container'),
  };
}

const pct = (a: number, t: number) => (t === 0 ? 'n/a' : `${((100 * a) / t).toFixed(1)}%`);

/** The report `npm run eval` prints. */
export function formatResult(r: EvalResult): string {
  const lines = ['verdict              agree / total'];
  for (const v of VERDICT_ORDER) lines.push(`${v.padEnd(20)} ${String(r.perVerdict[v].agree).padStart(5)} / ${String(r.perVerdict[v].total).padEnd(5)} ${pct(r.perVerdict[v].agree, r.perVerdict[v].total)}`);
  lines.push(`${'overall'.padEnd(20)} ${String(r.overall.agree).padStart(5)} / ${String(r.overall.total).padEnd(5)} ${pct(r.overall.agree, r.overall.total)}`);
  lines.push('', r.confusions.length ? 'confusions (expected -> actual):' : 'no confusions');
  for (const c of r.confusions) lines.push(`  ${c.case}${c.workload ? ` / ${c.workload}` : ''}: ${c.expected} -> ${c.actual}`);
  return lines.join('\n');
}

/** Accuracy gates: overall agreement at least this, and no `vm` case called `container`. */
export const MIN_OVERALL = 0.9;

export function passes(r: EvalResult): boolean {
  return r.overall.total > 0 && r.overall.agree / r.overall.total >= MIN_OVERALL && r.vmAsContainer.length === 0;
}
