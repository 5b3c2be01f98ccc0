// Runs the advisor over the labelled fixture workspaces (test/fixtures/advisor/<case>/) and compares
// its verdicts with the labels: test/fixtures/advisor/labels.json and every other labels*.json there
// (same format, merged by case name). Used by `npm run eval` (scripts/eval.mjs) and by the unit test
// that keeps accuracy from slipping.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { adviseFiles } from '../src/core/advisor/advise';
import { VERDICT_ORDER, type Verdict } from '../src/core/advisor/types';

/** What a file is to the repository it comes from. */
export type FileRole = 'product' | 'development' | 'test' | 'example' | 'ci' | 'host';

/** The groups a case can belong to, in the order the per-class table lists them. */
export const CLASSES = ['roles', 'helm', 'kustomize', 'sandbox', 'vm-wrapper', 'macos', 'no-evidence'] as const;

export interface CaseLabel {
  /**
   * The expected answer for the whole workspace (the most demanding workload's verdict), or `null`
   * when the workspace has no workload at all (only policies, CRDs, CI files, docs…).
   */
  verdict: Verdict | null;
  /** Expected verdicts of single workloads, by workload name, where the case has several. */
  workloads?: Record<string, Verdict>;
  /** What the case exercises (roles, helm, kustomize, sandbox, vm-wrapper, macos, no-evidence). */
  class?: string[];
  /** Which files are which: a path or glob (relative to the case folder) to the role of the files it matches. */
  roles?: Record<string, FileRole>;
  /** Why this is the right answer, in words (reasoned from the documents, not from the tool's output). */
  why: string;
}

/** The answer a verdict item expects or got: a verdict, or `null` for "no workload". */
export type Answer = Verdict | null;

export interface Item {
  case: string;
  /** '' for the workspace verdict, else the workload name. */
  workload: string;
  expected: Answer;
  /** For the workspace item, `null` when the report has no workload; for a workload item, 'missing' when no workload has that name. */
  actual: Answer | 'missing';
  /** The case's classes. */
  classes: string[];
}

export interface Tally {
  total: number;
  agree: number;
}

/** The key the per-verdict table uses for an expected `null`. */
export const NONE = 'none';

export interface EvalResult {
  items: Item[];
  perVerdict: Record<Verdict | typeof NONE, Tally>;
  /** Agreement per class, over every item of the cases in that class. */
  perClass: Record<string, Tally>;
  overall: Tally;
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

/** The label files of the fixture folder: labels.json first, then the other labels*.json by name. */
export function labelFiles(fixtures: string): string[] {
  const names = readdirSync(fixtures).filter((n) => /^labels.*\.json$/.test(n) && statSync(join(fixtures, n)).isFile());
  return names.sort((a, b) => (a === 'labels.json' ? -1 : b === 'labels.json' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Every label file merged. A case may appear in more than one file only to gain fields (a class, say);
 * two files that give one case different verdicts are an error, not a silent override.
 */
export function loadLabels(fixtures: string): Record<string, CaseLabel> {
  const merged: Record<string, CaseLabel> = {};
  for (const file of labelFiles(fixtures)) {
    const labels = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as Record<string, Partial<CaseLabel>>;
    for (const [name, label] of Object.entries(labels)) {
      const before = merged[name];
      if (before && 'verdict' in label && label.verdict !== before.verdict) {
        throw new Error(`${file}: ${name} is labelled ${JSON.stringify(label.verdict)}, another label file says ${JSON.stringify(before.verdict)}`);
      }
      merged[name] = { ...before, ...label } as CaseLabel;
    }
  }
  return merged;
}

const tally = (): Tally => ({ total: 0, agree: 0 });

export function evaluate(fixtures: string): EvalResult {
  const labels = loadLabels(fixtures);
  const items: Item[] = [];
  for (const [name, label] of Object.entries(labels)) {
    const dir = join(fixtures, name);
    const files = filesUnder(dir).map((p) => ({ path: relative(dir, p).replace(/\\/g, '/'), text: readFileSync(p, 'utf8') }));
    const report = adviseFiles(files);
    const classes = label.class ?? [];
    // A report without workloads answers "none", whatever its verdict field says (older reports say `container`).
    const overall: Answer = report.workloads.length === 0 ? null : (report.verdict as Answer);
    items.push({ case: name, workload: '', expected: label.verdict ?? null, actual: overall, classes });
    for (const [w, expected] of Object.entries(label.workloads ?? {})) {
      const found = report.workloads.find((x) => x.name === w);
      items.push({ case: name, workload: w, expected, actual: found ? found.verdict : 'missing', classes });
    }
  }
  const perVerdict = Object.fromEntries([...VERDICT_ORDER, NONE].map((v) => [v, tally()])) as EvalResult['perVerdict'];
  const perClass: Record<string, Tally> = Object.fromEntries(CLASSES.map((c) => [c, tally()]));
  for (const it of items) {
    const ok = it.actual === it.expected;
    const v = perVerdict[it.expected ?? NONE];
    v.total++;
    if (ok) v.agree++;
    for (const c of it.classes.length ? it.classes : ['(no class)']) {
      const t = (perClass[c] ??= tally());
      t.total++;
      if (ok) t.agree++;
    }
  }
  const agree = items.filter((i) => i.actual === i.expected).length;
  return {
    items,
    perVerdict,
    perClass,
    overall: { total: items.length, agree },
    confusions: items.filter((i) => i.actual !== i.expected),
    vmAsContainer: items.filter((i) => i.expected === 'vm' && i.actual === 'container'),
  };
}

const pct = (a: number, t: number) => (t === 0 ? 'n/a' : `${((100 * a) / t).toFixed(1)}%`);
const row = (name: string, t: Tally) => `${name.padEnd(20)} ${String(t.agree).padStart(5)} / ${String(t.total).padEnd(5)} ${pct(t.agree, t.total)}`;
const show = (a: Answer | 'missing') => (a === null ? NONE : a);

/** The report `npm run eval` prints. */
export function formatResult(r: EvalResult): string {
  const lines = ['verdict              agree / total'];
  for (const v of VERDICT_ORDER) lines.push(row(v, r.perVerdict[v]));
  if (r.perVerdict[NONE].total) lines.push(row(`${NONE} (no workload)`, r.perVerdict[NONE]));
  lines.push(row('overall', r.overall));
  lines.push('', 'class                agree / total');
  const known = new Set<string>(CLASSES);
  const names = [...CLASSES, ...Object.keys(r.perClass).filter((c) => !known.has(c) && c !== '(no class)').sort(), '(no class)'];
  for (const c of names) if (r.perClass[c]?.total) lines.push(row(c, r.perClass[c]));
  lines.push('', r.confusions.length ? 'confusions (expected -> actual):' : 'no confusions');
  for (const c of r.confusions) lines.push(`  ${c.case}${c.workload ? ` / ${c.workload}` : ''}: ${show(c.expected)} -> ${show(c.actual)}`);
  return lines.join('\n');
}

/** Accuracy gates: overall agreement at least this, and no `vm` case called `container`. */
export const MIN_OVERALL = 0.9;

export function passes(r: EvalResult): boolean {
  return r.overall.total > 0 && r.overall.agree / r.overall.total >= MIN_OVERALL && r.vmAsContainer.length === 0;
}
