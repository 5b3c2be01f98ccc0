// From parsed files to advised workloads: assigns each finding to the workload it lies in, links a
// service to the Dockerfile it is built from, and applies the verdict rule (verdict.ts).
import { citation } from '../knowledge/sources';
import type { FormatModule } from '../parse/format';
import type { Format, ModelBase, ParseProblem, Pos, Range } from '../parse/types';
import { moduleFor as registryModuleFor } from '../registry';
import { dirname, joinPath } from '../fs';
import { findingsFor as catalogueFindingsFor, targetsFor as catalogueTargetsFor, type Targets } from './findings';
import { signalById as catalogueSignalById } from './signals';
import type { Finding, Signal, Workload, WorkloadKind } from './types';
import type { AdviceSignal, AdviceWorkload } from './report';
import { decide, type Evidence } from './verdict';
import { append } from '../arrays';

/** What the engine needs from the rest of the core; tests pass their own. */
export interface EngineDeps {
  moduleFor(format: Format): FormatModule<ModelBase> | null;
  findingsFor(model: ModelBase): Finding[];
  signalById(id: string): Signal | undefined;
  /** The build targets of a model (a Dockerfile's named stages), when it has any. */
  targetsFor?(model: ModelBase): Targets | undefined;
}

export const DEFAULT_DEPS: EngineDeps = {
  moduleFor: registryModuleFor,
  findingsFor: catalogueFindingsFor,
  signalById: catalogueSignalById,
  targetsFor: catalogueTargetsFor,
};

/** What one file contributes, cached per file version. */
export interface FileAnalysis {
  file: string;
  format: Format;
  workloads: Workload[];
  findings: Finding[];
  problems: ParseProblem[];
  /** The evidence of a build that stops at a named stage (compose `build.target`), for files that have stages. */
  targets?: Targets;
}

/** Parses one file and finds its workloads and signal occurrences; null when no module reads the format. */
export function analyzeText(file: string, text: string, format: Format, deps: EngineDeps = DEFAULT_DEPS): FileAnalysis | null {
  const mod = deps.moduleFor(format);
  if (!mod) return null;
  const model = mod.parse(text, file);
  let workloads: Workload[] = [];
  let findings: Finding[] = [];
  try {
    workloads = mod.workloads(model);
  } catch (e) {
    model.problems.push({ message: `workloads could not be read: ${e instanceof Error ? e.message : String(e)}`, range: ZERO });
  }
  let targets: Targets | undefined;
  try {
    findings = deps.findingsFor(model);
    targets = deps.targetsFor?.(model);
  } catch (e) {
    model.problems.push({ message: `signals could not be read: ${e instanceof Error ? e.message : String(e)}`, range: ZERO });
  }
  return { file, format, workloads, findings, problems: model.problems, ...(targets ? { targets } : {}) };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (r: Range, p: Pos) => before(r.start, p) && before(p, r.end);
const span = (r: Range) => (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);

const FALLBACK_KIND: Record<Format, WorkloadKind> = {
  dockerfile: 'dockerfile',
  compose: 'compose-service',
  kubernetes: 'kubernetes-workload',
  devcontainer: 'devcontainer',
  vagrant: 'vagrant-machine',
  packer: 'packer-build',
  'cloud-init': 'cloud-init',
  lima: 'lima-instance',
  terraform: 'terraform-vm',
};

/** A workload while it is being put together: its own definition plus the findings it owns. */
interface Building {
  workload: Workload;
  findings: Finding[];
  files: string[];
  targets?: Targets;
}

function resolveBuild(from: Workload, dockerfiles: Map<string, Building[]>): Building[] | undefined {
  if (!from.buildsFrom) return undefined;
  const target = joinPath(dirname(from.file), from.buildsFrom.replace(/\\/g, '/'));
  if (target.startsWith('..')) return undefined;
  return dockerfiles.get(target) ?? dockerfiles.get(joinPath(target, 'Dockerfile')) ?? dockerfiles.get(joinPath(target, 'Containerfile'));
}

/** The workloads of a set of analysed files, each with its verdict and evidence. */
export function adviseAnalyses(analyses: readonly FileAnalysis[], deps: EngineDeps = DEFAULT_DEPS): AdviceWorkload[] {
  // 1. Each finding goes to the smallest workload whose extent contains it; a finding outside every
  //    extent concerns the whole file and goes to each of its workloads.
  const building: Building[] = [];
  for (const a of analyses) {
    let own: Building[] = a.workloads.map((w) => ({ workload: w, findings: [], files: [a.file], ...(a.targets ? { targets: a.targets } : {}) }));
    if (own.length === 0 && a.findings.length > 0) {
      const folder = dirname(a.file);
      const name = folder === '.' ? a.file : folder.slice(folder.lastIndexOf('/') + 1);
      own = [{ workload: { name, kind: FALLBACK_KIND[a.format], format: a.format, file: a.file, range: ZERO, extent: ZERO }, findings: [], files: [a.file] }];
    }
    for (const f of a.findings) {
      const inside = own.filter((b) => contains(b.workload.extent, f.range.start));
      if (inside.length === 0) for (const b of own) b.findings.push(f);
      else inside.reduce((x, y) => (span(y.workload.extent) < span(x.workload.extent) ? y : x)).findings.push(f);
    }
    append(building, own);
  }

  // 2. A service or dev container built from a Dockerfile becomes one workload with the Dockerfile's
  //    evidence (of its `build.target` stage and the stages that one builds on, when it names a stage;
  //    else of the final stage); a Dockerfile something is built from no longer stands alone.
  const dockerfiles = new Map<string, Building[]>();
  for (const b of building) {
    if (b.workload.format !== 'dockerfile') continue;
    const list = dockerfiles.get(b.workload.file) ?? [];
    list.push(b);
    dockerfiles.set(b.workload.file, list);
  }
  const consumed = new Set<Building>();
  for (const b of building) {
    if (b.workload.format === 'dockerfile') continue;
    const linked = resolveBuild(b.workload, dockerfiles);
    if (!linked) continue;
    const target = b.workload.buildTarget;
    for (const d of linked) {
      consumed.add(d);
      const stage = target !== undefined ? d.targets?.(target) : undefined;
      append(b.findings, stage ? stage.findings : d.findings);
      if (!b.files.includes(d.workload.file)) b.files.push(d.workload.file);
      const image = stage ? stage.image : d.workload.image;
      if (!b.workload.image && image) b.workload = { ...b.workload, image };
    }
  }

  // 3. A dev container that attaches to a compose service (`dockerComposeFile` + `service`) is that
  //    service's container: its settings join the service's evidence and it no longer stands alone.
  for (const b of building) {
    const to = b.workload.attachesTo;
    if (!to || consumed.has(b)) continue;
    const targets = new Set(to.files.map((f) => joinPath(dirname(b.workload.file), f.replace(/\\/g, '/'))));
    const service = building.find((x) => x.workload.format === 'compose' && x.workload.name === to.service && targets.has(x.workload.file) && !consumed.has(x));
    if (!service) continue;
    consumed.add(b);
    append(service.findings, b.findings);
    for (const f of b.files) if (!service.files.includes(f)) service.files.push(f);
  }

  // 4. One verdict per workload.
  const out: AdviceWorkload[] = [];
  for (const b of building) {
    if (consumed.has(b)) continue;
    out.push(judge(b, deps));
  }
  out.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
  return out;
}

/**
 * Each signal's citations, made once and shared by every piece of evidence that cites them: a file
 * whose findings count for hundreds of workloads (settings outside every machine block of a large
 * Vagrantfile) gave 120,000 pieces of evidence, each with its own copies.
 */
const citations = new WeakMap<Signal, AdviceSignal['sources']>();

function citationsOf(signal: Signal): AdviceSignal['sources'] {
  let list = citations.get(signal);
  if (!list) citations.set(signal, (list = signal.sources.map(citation)));
  return list;
}

/** What makes two findings the same occurrence: signal, file and position; made once per finding, which many workloads may share. */
const occurrences = new WeakMap<Finding, string>();

function occurrenceOf(f: Finding): string {
  let key = occurrences.get(f);
  if (key === undefined) occurrences.set(f, (key = `${f.signal}\u0000${f.file}\u0000${f.range.start.line}:${f.range.start.character}`));
  return key;
}

/**
 * A finding as a piece of evidence, made once: it reads the same in every workload it counts for,
 * and the report shares it between them (reports are read, never changed).
 */
const evidence = new WeakMap<Finding, { signal: Signal; made: AdviceSignal }>();

function evidenceOf(f: Finding, signal: Signal): AdviceSignal {
  const cached = evidence.get(f);
  if (cached?.signal === signal) return cached.made;
  const made: AdviceSignal = {
    id: signal.id,
    direction: signal.direction,
    file: f.file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    message: f.message ?? signal.reason,
    dimension: signal.dimension,
    sources: citationsOf(signal),
    label: signal.label,
    weight: signal.weight,
  };
  evidence.set(f, { signal, made });
  return made;
}

function judge(b: Building, deps: EngineDeps): AdviceWorkload {
  const counts = new Map<string, { signal: Signal; count: number }>();
  const signals: AdviceSignal[] = [];
  const seen = new Set<string>();
  for (const f of b.findings) {
    const signal = deps.signalById(f.signal);
    if (!signal) continue;
    // The same occurrence reached through two paths (a file-level finding, a shared Dockerfile) counts once.
    const key = occurrenceOf(f);
    if (seen.has(key)) continue;
    seen.add(key);
    const c = counts.get(signal.id) ?? { signal, count: 0 };
    c.count++;
    counts.set(signal.id, c);
    signals.push(evidenceOf(f, signal));
  }
  const evidence: Evidence[] = [...counts.values()];
  const decision = decide(evidence);
  const rank = (d: string) => (d === directionOf(decision.verdict) ? 0 : 1);
  signals.sort((x, y) => rank(x.direction) - rank(y.direction) || y.weight - x.weight || (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
  const w = b.workload;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    name: w.name,
    kind: w.kind,
    format: w.format,
    file: w.file,
    line: w.range.start.line + 1,
    verdict: decision.verdict,
    confidence: decision.confidence,
    signals,
    changes: decision.changes,
    range: w.range,
    files: b.files,
    scores: { vm: round(decision.scores.vm), sandbox: round(decision.scores.sandbox), harden: round(decision.scores.harden), container: round(decision.scores.container) },
    ...(w.image ? { image: w.image } : {}),
  };
}

function directionOf(v: string): string {
  return v === 'vm' ? 'vm' : v === 'sandboxed' ? 'sandbox' : v === 'container-hardened' ? 'harden' : 'container';
}
