// Advice for one open document: its own evidence, read from the editor's text, plus what the last
// workspace scan knows about evidence in other files (a compose service built from a Dockerfile).
// Nothing here reads the file system; a keystroke costs one file's analysis, never a scan.
import { relativeTo } from '../fs';
import type { ModelBase } from '../parse/types';
import { adviseAnalyses, DEFAULT_DEPS, type EngineDeps, type FileAnalysis } from './engine';
import type { AdviceReport, AdviceSignal, AdviceWorkload } from './report';
import { DIRECTION_OF_VERDICT, type Finding } from './types';
import { decide, type Evidence } from './verdict';
import { occurrenceKey, overriddenOf, type ComposeFacts } from './composeProject';

/** The path a report uses for an absolute file path ('/' separated), or undefined when the scan did not cover it. */
export function reportPathOf(report: Pick<AdviceReport, 'root' | 'roots'> | undefined, absPath: string): string | undefined {
  if (!report) return undefined;
  const path = absPath.replace(/\\/g, '/');
  if (report.roots?.length) {
    for (const r of report.roots) {
      const rel = relativeTo(r.path.replace(/\\/g, '/').replace(/\/+$/, ''), path);
      if (rel) return `${r.label}/${rel}`;
    }
    return undefined;
  }
  if (!report.root) return undefined;
  const rel = relativeTo(report.root.replace(/\\/g, '/').replace(/\/+$/, '') || '/', path);
  return rel || undefined;
}

/** One file's analysis from an already parsed model, reported under `file` (the report's name for it). */
export function analysisOfModel(model: ModelBase, file: string, deps: EngineDeps = DEFAULT_DEPS): FileAnalysis | null {
  const mod = deps.moduleFor(model.format);
  if (!mod) return null;
  const rename = <T extends { file: string }>(x: T): T => (x.file === file ? x : { ...x, file });
  let workloads: FileAnalysis['workloads'] = [];
  let findings: Finding[] = [];
  try {
    workloads = mod.workloads(model).map(rename);
  } catch {
    workloads = [];
  }
  let found: Finding[] = [];
  try {
    found = deps.findingsFor(model);
    findings = found.map(rename);
  } catch {
    findings = [];
  }
  // The compose detector's facts for merging with other files, told of the findings under their new name.
  const facts = model.format === 'compose' ? (model as { compose?: ComposeFacts }).compose : undefined;
  let compose: ComposeFacts | undefined;
  if (facts && findings.length === found.length) {
    const homes: ComposeFacts['homes'] = new Map();
    found.forEach((f, i) => {
      const home = facts.homes.get(f);
      if (home) homes.set(findings[i], home);
    });
    compose = { ...facts, homes };
  }
  return { file, format: model.format, workloads, findings, problems: model.problems, ...(compose ? { compose } : {}) };
}

/**
 * A report entry as the live view reads it: with, for a compose service merged from several files,
 * the values of its files a later file replaced (occurrenceKey), which the open file's own evidence
 * must leave out to agree with the scan.
 */
type Counterpart = AdviceWorkload & { overridden?: readonly string[] };

const overriddenIn = (r: Counterpart): ReadonlySet<string> | undefined => (r.overridden ? new Set(r.overridden) : overriddenOf(r));

/**
 * The merged compose services of a report by each of their other files and the service's name: an
 * override file's service is judged in the report where the service is first defined.
 */
function mergedIndex(report: Pick<AdviceReport, 'workloads'>): Map<string, AdviceWorkload> {
  const index = new Map<string, AdviceWorkload>();
  for (const r of report.workloads) {
    if (r.kind !== 'compose-service' || r.files.length < 2) continue;
    for (const f of r.files) if (f !== r.file && !index.has(`${f}\u0000${r.name}`)) index.set(`${f}\u0000${r.name}`, r);
  }
  return index;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The report's workloads by file, kind and name, each list in report order. */
type ReportIndex = Map<string, AdviceWorkload[]>;

const keyOf = (w: Pick<AdviceWorkload, 'file' | 'kind' | 'name'>) => `${w.file}\u0000${w.kind}\u0000${w.name}`;

function indexOf(report: Pick<AdviceReport, 'workloads'>): ReportIndex {
  const index: ReportIndex = new Map();
  for (const r of report.workloads) {
    const key = keyOf(r);
    const list = index.get(key);
    if (list) list.push(r);
    else index.set(key, [r]);
  }
  return index;
}

/**
 * The report's entry for a live workload: same file, kind and name; the nearest line when several
 * (the first in the report among equally near). Looked up in an index of the report: searching the
 * report for each workload took quadratic time (48,000 Vagrant machines: most of a minute).
 */
function counterpart(w: AdviceWorkload, index: ReportIndex): AdviceWorkload | undefined {
  let best: AdviceWorkload | undefined;
  for (const r of index.get(keyOf(w)) ?? []) {
    if (!best || Math.abs(r.line - w.line) < Math.abs(best.line - w.line)) best = r;
  }
  return best;
}

/** A live workload with the scan's evidence from its other files added, and the verdict taken again. */
function withLinked(w: AdviceWorkload, r: Counterpart, deps: EngineDeps): AdviceWorkload {
  const extra = r.signals.filter((s) => s.file !== w.file);
  const replaced = overriddenIn(r);
  const own = replaced?.size ? w.signals.filter((s) => !replaced.has(occurrenceKey(s.id, s.file, s.line, s.column))) : w.signals;
  if (extra.length === 0 && own.length === w.signals.length) return r.files.length > 1 ? { ...w, files: r.files } : w;
  const signals: AdviceSignal[] = [...own, ...extra];
  const counts = new Map<string, Evidence>();
  for (const s of signals) {
    const signal = deps.signalById(s.id);
    if (!signal) continue;
    const e = counts.get(s.id) ?? { signal, count: 0 };
    e.count++;
    counts.set(s.id, e);
  }
  const decision = decide([...counts.values()]);
  const lead = DIRECTION_OF_VERDICT[decision.verdict];
  const rank = (d: string) => (d === lead ? 0 : 1);
  signals.sort((x, y) => rank(x.direction) - rank(y.direction) || y.weight - x.weight || (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
  const s = decision.scores;
  return {
    ...w,
    verdict: decision.verdict,
    confidence: decision.confidence,
    signals,
    changes: decision.changes,
    files: r.files,
    scores: { vm: round(s.vm), sandbox: round(s.sandbox), harden: round(s.harden), container: round(s.container) },
    ...(w.image ?? r.image ? { image: w.image ?? r.image } : {}),
  };
}

/**
 * The scan's workloads that are built from `file` but live elsewhere (a compose service or dev
 * container built from this Dockerfile): the Dockerfile is judged with them in the report.
 */
export function buildersOf(file: string, report: Pick<AdviceReport, 'workloads'> | undefined): AdviceWorkload[] {
  if (!report) return [];
  return report.workloads.filter((r) => r.file !== file && r.files.includes(file));
}

/**
 * The workloads of one open document: judged on the document's current text, with evidence the last
 * scan linked from other files (the Dockerfile a service builds from) merged in.
 */
export function liveWorkloads(analysis: FileAnalysis, report: Pick<AdviceReport, 'workloads'> | undefined, deps: EngineDeps = DEFAULT_DEPS): AdviceWorkload[] {
  const fresh = adviseAnalyses([analysis], deps);
  if (!report) return fresh;
  const index = indexOf(report);
  let merged: Map<string, AdviceWorkload> | undefined;
  return fresh.map((w) => {
    let r = counterpart(w, index);
    // A service of an override file: the report judges it merged, where it is first defined.
    if (!r && w.kind === 'compose-service') r = (merged ??= mergedIndex(report)).get(`${w.file}\u0000${w.name}`);
    return r ? withLinked(w, r, deps) : w;
  });
}

/**
 * What liveWorkloads reads of a report for the workloads of one file, and nothing more: the report's
 * entries for `file` whose kind and name some entry shares that has evidence from another file or
 * files of its own besides this one (only those change a live workload), each with just that evidence.
 * `liveWorkloads(analysis, reportSliceFor(report, analysis.file))` equals
 * `liveWorkloads(analysis, report)`; the editor sends this slice to its document thread, not the report.
 */
export function reportSliceFor(report: Pick<AdviceReport, 'workloads'> | undefined, file: string): Pick<AdviceReport, 'workloads'> | undefined {
  const steps = reportSliceSteps(report, file);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * reportSliceFor a few thousand entries at a time: it pauses (yields) after every `every` entries it
 * looks at, so the extension host can let other work in between on a report of 48,000 workloads.
 */
export function* reportSliceSteps(report: Pick<AdviceReport, 'workloads'> | undefined, file: string, every = 2000): Generator<void, Pick<AdviceReport, 'workloads'> | undefined> {
  if (!report) return undefined;
  const own: AdviceWorkload[] = [];
  const linked = new Set<string>();
  // The compose services this file overrides, judged in the report where they are first defined.
  const overridden: AdviceWorkload[] = [];
  let seen = 0;
  for (const r of report.workloads) {
    if (++seen % every === 0) yield;
    if (r.file === file) {
      own.push(r);
      if (r.files.length > 1 || r.signals.some((s) => s.file !== file)) linked.add(keyOf(r));
    } else if (r.kind === 'compose-service' && r.files.includes(file)) overridden.push(r);
  }
  // Every entry of a linked name stays (the nearest line among them is the counterpart), each with only what withLinked reads.
  const slice = (r: AdviceWorkload): Counterpart => {
    const replaced = overriddenOf(r);
    return { ...r, signals: r.signals.filter((s) => s.file !== file), changes: [], ...(replaced?.size ? { overridden: [...replaced] } : {}) };
  };
  const workloads: AdviceWorkload[] = [];
  for (const r of own) {
    if (++seen % every === 0) yield;
    if (linked.has(keyOf(r))) workloads.push(slice(r));
  }
  for (const r of overridden) workloads.push(slice(r));
  return { workloads };
}
