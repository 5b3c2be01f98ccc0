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
import type { ConfigModel } from '../parse/types';
import { attachmentsOf, isKustomizationFile, kustomizationOf, type Attachment, type Kustomization } from '../parse/kubernetes';
import { assignRoles, ENGINE_WORDS, enginesIn, roleOfPath, type RoleRule } from './roles';
import { markOverridden, markResets, mergeComposeProjects, type ComposeFacts, type ComposeFileInput } from './composeProject';

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
export type { Attachment, Kustomization };

export interface FileAnalysis {
  file: string;
  format: Format;
  workloads: Workload[];
  findings: Finding[];
  problems: ParseProblem[];
  /** The evidence of a build that stops at a named stage (compose `build.target`), for files that have stages. */
  targets?: Targets;
  /** A `kustomization.yaml`: the resources it builds on and the patches it applies, as written (relative to its folder). */
  kustomization?: Kustomization;
  /** Objects that act on a workload named elsewhere (an autoscaler's `scaleTargetRef`): their extent and target. */
  attachments?: Attachment[];
  /** A compose file's services, the slots they set, its includes and each finding's slot (composeProject.ts). */
  compose?: ComposeFacts;
}

/** Workload kinds that are machines, whose provisioning may install a container engine. */
const MACHINE_KINDS = new Set<WorkloadKind>(['vagrant-machine', 'packer-build', 'cloud-init', 'lima-instance', 'terraform-vm']);

const LINE_BREAK = /\r\n|\r|\n/g;

/** Each engine's words as a global expression, to find every line that names it in one pass. */
const engineWordsGlobalCache = new Map<string, RegExp>();
function engineWordsGlobal(name: string): RegExp {
  let re = engineWordsGlobalCache.get(name);
  if (!re) {
    const words = ENGINE_WORDS.find(([, n]) => n === name)![0];
    re = new RegExp(words.source, words.flags.includes('g') ? words.flags : `${words.flags}g`);
    engineWordsGlobalCache.set(name, re);
  }
  return re;
}

/**
 * The engines each machine's provisioning installs: the words of its own lines, and of the lines
 * outside every machine (a Vagrantfile's shared provisioners apply to each).
 *
 * No engine's words run over a line break, so the engines of some lines are those of each line put
 * together. Each engine's words are looked for once over the whole text, each match giving the line
 * it lies on, and each machine asks which engines fall in its lines by a binary search per engine:
 * joining each machine's own lines took quadratic time when machines nest (48,000 nested Vagrant
 * machines).
 */
function markProvisions(source: string, workloads: Workload[]): void {
  const machines = workloads.filter((w) => MACHINE_KINDS.has(w.kind));
  if (machines.length === 0) return;
  // Comment lines say what a reader may do (`vagrant init`'s "Puppet, Chef, Ansible, Salt, and Docker
  // are also available"), not what the machine installs: blanked, so that offsets stay where they are.
  const text = /^[ \t]*(#|\/\/)/m.test(source) ? source.replace(/^[ \t]*(?:#|\/\/).*$/gm, (c) => ' '.repeat(c.length)) : source;
  // Every engine the file names, in enginesIn's order, which each machine's list keeps.
  const named = enginesIn(text);
  if (named.length === 0) return;
  // Where each line starts (a line ends at \r\n, \r or \n), and the last line's number.
  const starts = [0];
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) starts.push(m.index + m[0].length);
  const last = starts.length - 1;
  // Per engine, the lines that name it, in order.
  const linesOf: number[][] = named.map((name) => {
    const out: number[] = [];
    const re = engineWordsGlobal(name);
    re.lastIndex = 0;
    let line = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      while (line < last && starts[line + 1] <= m.index) line++;
      if (out.length === 0 || out[out.length - 1] !== line) out.push(line);
    }
    return out;
  });
  const names = (from: number, to: number): string[] =>
    named.filter((_, e) => {
      const list = linesOf[e];
      // The first line at or after `from` that names the engine, then whether it is at most `to`.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      return lo < list.length && list[lo] <= to;
    });
  const spans = machines.map((w) => {
    const from = w.extent.start.line;
    // A workload with no extent of its own (a cloud-init file, a Packer file's one build) is the whole file.
    const to = w.extent.end.line === 0 ? last : Math.min(last, w.extent.end.line);
    return { w, from, to, whole: from === 0 && to === last };
  });
  // The lines outside every machine: how many spans start minus how many have ended, line by line.
  const depth = new Int32Array(last + 2);
  for (const s of spans) {
    if (s.whole || s.from > s.to) continue;
    depth[s.from]++;
    depth[s.to + 1]--;
  }
  const shared = new Set<string>();
  for (let e = 0; e < named.length; e++) {
    let open = 0;
    let at = 0;
    for (const line of linesOf[e]) {
      for (; at <= line; at++) open += depth[at];
      if (open === 0) {
        shared.add(named[e]);
        break;
      }
    }
  }
  const sharedEngines = named.filter((e) => shared.has(e));
  for (const s of spans) {
    const own = s.whole ? named : names(s.from, s.to);
    const all = [...new Set([...own, ...sharedEngines])];
    if (all.length) s.w.provisions = all;
  }
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
  // What merging a compose file with others needs, which the compose detector left on the model (composeFacts.ts).
  const compose = format === 'compose' ? (model as { compose?: ComposeFacts }).compose : undefined;
  if (compose) markResets(compose, text);
  let kustomization: Kustomization | undefined;
  let attachments: Attachment[] | undefined;
  if (format === 'kubernetes' && 'roots' in model) {
    const config = model as unknown as ConfigModel;
    if (isKustomizationFile(file)) kustomization = kustomizationOf(config);
    const found = attachmentsOf(config);
    if (found.length) attachments = found;
  }
  try {
    markProvisions(text, workloads);
  } catch {
    // Provisioning words only inform a workload's role; a file they cannot be read from keeps none.
  }
  markPurpose(text, workloads);
  return {
    file,
    format,
    workloads,
    findings,
    problems: model.problems,
    ...(targets ? { targets } : {}),
    ...(kustomization ? { kustomization } : {}),
    ...(attachments ? { attachments } : {}),
    ...(compose ? { compose } : {}),
  };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What a file's opening comment may say of its purpose, in the words that say it outright. */
const PURPOSE: readonly { test: RegExp; role: 'development' | 'test' }[] = [
  { test: /\b(?:(?:testing|tests?) (?:and|&) )?(?:local )?(?:development|dev)(?: (?:and|&) (?:testing|tests?))?(?: use| purposes)? only\b|\bonly for (?:local )?(?:development|dev)\b/i, role: 'development' },
  { test: /\b(?:testing|tests?)(?: use| purposes)? only\b|\bonly for (?:testing|tests)\b/i, role: 'test' },
  { test: /\b(?:do not|don't|never) use (?:this (?:file )?|it )?(?:in|for) production\b|\bnot (?:meant|intended|suitable|ready) for (?:use in )?production\b/i, role: 'development' },
];

/**
 * A file whose opening comment says it is for development or testing only ("FOR TEST AND DEVELOPMENT
 * ONLY, DO NOT USE IN PRODUCTION", as photoprism's compose.yaml begins) gives its workloads that role,
 * unless their format, folder or file name already gave one. Only the comment block before the first line of content is
 * read: a comment further down speaks of that line.
 */
function markPurpose(text: string, workloads: Workload[]): void {
  // Where the folder or the file name already says (docs/examples/…, Dockerfile.ci), that stands.
  if (!workloads.length || roleOfPath(workloads[0].file)) return;
  const head: string[] = [];
  for (const line of text.slice(0, 4096).split(/\r\n|\r|\n/, 30)) {
    const t = line.trim();
    if (t === '' || t === '---') continue;
    const comment = /^(?:#|\/\/)(.*)$/.exec(t);
    if (!comment) break;
    head.push(comment[1]);
  }
  if (!head.length) return;
  const said = head.join(' ');
  for (const p of PURPOSE) {
    const m = p.test.exec(said);
    if (!m) continue;
    for (const w of workloads) w.roleHint ??= { role: p.role, reason: `its opening comment says "${m[0].trim()}"` };
    return;
  }
}

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
  bake: 'bake-target',
  'cloud-init': 'cloud-init',
  lima: 'lima-instance',
  terraform: 'terraform-vm',
  quadlet: 'quadlet-container',
};

/** A workload while it is being put together: its own definition plus the findings it owns. */
interface Building {
  workload: Workload;
  findings: Finding[];
  files: string[];
  targets?: Targets;
  /** Findings of its files that a later compose file replaced. */
  overridden?: Finding[];
}

function resolveBuild(from: Workload, dockerfiles: Map<string, Building[]>): Building[] | undefined {
  if (!from.buildsFrom) return undefined;
  const target = joinPath(dirname(from.file), from.buildsFrom.replace(/\\/g, '/'));
  if (target.startsWith('..')) return undefined;
  return dockerfiles.get(target) ?? dockerfiles.get(joinPath(target, 'Dockerfile')) ?? dockerfiles.get(joinPath(target, 'Containerfile'));
}

/**
 * A file's workloads in order of where their extents start, when no two extents share a position
 * (machines, services, documents side by side); undefined when some nest or touch. Then each finding
 * is placed by one binary search instead of a test against every workload: a Vagrantfile of 1,300
 * machines and as many findings made 2 million tests.
 */
function disjointByStart(own: readonly Building[]): Building[] | undefined {
  if (own.length < 2) return undefined;
  const sorted = [...own].sort((x, y) => x.workload.extent.start.line - y.workload.extent.start.line || x.workload.extent.start.character - y.workload.extent.start.character);
  for (let i = 1; i < sorted.length; i++) if (before(sorted[i].workload.extent.start, sorted[i - 1].workload.extent.end)) return undefined;
  return sorted;
}

/** The last of `sorted` (disjointByStart's order) whose extent starts at or before `p`. */
function lastStartingBy(sorted: readonly Building[], p: Pos): Building | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  let found: Building | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (before(sorted[mid].workload.extent.start, p)) {
      found = sorted[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const compare = (a: Pos, b: Pos) => a.line - b.line || a.character - b.character;

/** A binary heap of indexes, least first by `less`. */
class Heap {
  private readonly items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  top(): number {
    return this.items[0];
  }
  push(x: number): void {
    const a = this.items;
    let i = a.length;
    a.push(x);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  pop(): void {
    const a = this.items;
    const end = a.pop()!;
    if (a.length === 0) return;
    a[0] = end;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < a.length && this.less(a[l], a[least])) least = l;
      if (r < a.length && this.less(a[r], a[least])) least = r;
      if (least === i) break;
      [a[i], a[least]] = [a[least], a[i]];
      i = least;
    }
  }
}

/**
 * Each finding's home among workloads whose extents nest or overlap: of the extents that contain its
 * start, the smallest, and of equally small ones the first listed. One sweep over the findings in
 * order of position, with the extents begun so far in a heap, smallest first; an extent that has
 * ended is dropped when it comes to the top (the findings after it lie beyond its end too). Testing
 * every finding against every workload took quadratic time: 48,000 nested Vagrant machines, 202 s.
 */
function smallestContaining(own: readonly Building[], findings: readonly Finding[]): Map<Finding, Building> {
  const homes = new Map<Finding, Building>();
  const spans = own.map((b) => span(b.workload.extent));
  const byStart = own.map((_, i) => i).sort((x, y) => compare(own[x].workload.extent.start, own[y].workload.extent.start) || x - y);
  const order = findings.map((_, i) => i).sort((x, y) => compare(findings[x].range.start, findings[y].range.start) || x - y);
  const heap = new Heap((x, y) => spans[x] < spans[y] || (spans[x] === spans[y] && x < y));
  let next = 0;
  for (const i of order) {
    const f = findings[i];
    const p = f.range.start;
    while (next < byStart.length && before(own[byStart[next]].workload.extent.start, p)) heap.push(byStart[next++]);
    while (heap.size && !before(p, own[heap.top()].workload.extent.end)) heap.pop();
    if (heap.size) homes.set(f, own[heap.top()]);
  }
  return homes;
}

/** What the engine is told beyond the files. */
export interface AdviseAnalysesOptions {
  /** The user's word on which files are which (config file `roles`, `--role`). */
  roles?: readonly RoleRule[];
  /** Hears of what could not be followed across files (a compose `extends.file` or `include` that is missing, outside the folder, or a cycle). */
  onNote?: (note: { file: string; message: string }) => void;
}

const insideAny = (list: readonly Attachment[] | undefined, p: Pos) => list?.find((a) => contains(a.extent, p));

/** The workloads of a set of analysed files, each with its verdict and evidence. */
export function adviseAnalyses(analyses: readonly FileAnalysis[], deps: EngineDeps = DEFAULT_DEPS, options: AdviseAnalysesOptions = {}): AdviceWorkload[] {
  // 1. Each finding goes to the smallest workload whose extent contains it; a finding outside every
  //    extent concerns the whole file and goes to each of its workloads. In Kubernetes manifests a
  //    finding outside every workload lies in an object that runs nothing: an autoscaler's goes to the
  //    workload it scales (step 4), any other is no evidence (a Service, a policy, an Application).
  const building: Building[] = [];
  const attached: { target: Attachment['target']; finding: Finding; file: string }[] = [];
  const composeFiles: ComposeFileInput<Building>[] = [];
  for (const a of analyses) {
    let own: Building[] = a.workloads.map((w) => ({ workload: w, findings: [], files: [a.file], ...(a.targets ? { targets: a.targets } : {}) }));
    if (own.length === 0 && a.findings.length > 0 && a.format !== 'kubernetes') {
      const folder = dirname(a.file);
      const name = folder === '.' ? a.file : folder.slice(folder.lastIndexOf('/') + 1);
      own = [{ workload: { name, kind: FALLBACK_KIND[a.format], format: a.format, file: a.file, range: ZERO, extent: ZERO }, findings: [], files: [a.file] }];
    }
    const disjoint = disjointByStart(own);
    const homes = disjoint || own.length === 0 ? undefined : smallestContaining(own, a.findings);
    for (const f of a.findings) {
      let home: Building | undefined;
      if (disjoint) {
        // At most one extent holds the position: the last one starting at or before it.
        const b = lastStartingBy(disjoint, f.range.start);
        if (b && contains(b.workload.extent, f.range.start)) home = b;
      } else if (homes) home = homes.get(f);
      if (home) home.findings.push(f);
      else if (a.format === 'kubernetes') {
        const at = insideAny(a.attachments, f.range.start);
        if (at) attached.push({ target: at.target, finding: f, file: a.file });
      } else for (const b of own) b.findings.push(f);
    }
    if (a.compose) composeFiles.push({ file: a.file, facts: a.compose, findings: a.findings, units: own });
    append(building, own);
  }

  // 1b. Compose files read together: a service that extends another, the files an `include:` pulls in,
  //     and override files merged into the services they change (composeProject.ts).
  const consumed = new Set<Building>();
  const onNote = options.onNote;
  try {
    mergeComposeProjects(composeFiles, consumed, onNote ? (file, line, message) => onNote({ file, message: `line ${line + 1}: ${message}` }) : undefined);
  } catch (e) {
    // Each file is then judged as far as the merge got (a chain of extends too deep to follow).
    onNote?.({ file: composeFiles[0]?.file ?? '', message: `compose files could not be read together: ${e instanceof Error ? e.message : String(e)}` });
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
  for (const b of building) {
    if (b.workload.format === 'dockerfile' || consumed.has(b)) continue;
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

  // 4. A Kustomize patch joins the object it patches: its settings are that object's in the overlay,
  //    not a workload of their own. An autoscaler's evidence joins the workload it scales.
  joinKustomizePatches(analyses, building, consumed);
  for (const a of attached) {
    const target = nearestObject(building, consumed, a.target, a.file);
    if (target) {
      target.findings.push(a.finding);
      if (!target.files.includes(a.file)) target.files.push(a.file);
    }
  }

  // 5. One verdict per workload, then each workload's role in the repository.
  const out: AdviceWorkload[] = [];
  const kept: Building[] = [];
  const judging = new Judge(deps);
  for (const b of building) {
    if (consumed.has(b)) continue;
    const judged = judge(b, judging);
    if (b.overridden?.length) markOverridden(judged, b.overridden);
    out.push(judged);
    kept.push(b);
  }
  const roles = assignRoles(
    out.map((w, i) => ({ ...w, provisions: kept[i].workload.provisions, roleHint: kept[i].workload.roleHint, hostReason: kept[i].workload.hostReason })),
    options.roles,
  );
  out.forEach((w, i) => {
    w.role = roles[i].role;
    w.roleReason = roles[i].reason;
  });
  qualifyRepeatedNames(out);
  out.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
  return out;
}

/** The shortest trailing runs of path segments that differ for every path, or undefined when none do. */
function shortestDistinct(paths: readonly string[][]): string[] | undefined {
  const longest = Math.max(...paths.map((p) => p.length));
  for (let k = 1; k <= longest; k++) {
    const tried = paths.map((p) => p.slice(Math.max(0, p.length - k)).join('/'));
    if (new Set(tried).size === tried.length) return tried;
  }
  return undefined;
}

/**
 * Workloads of different files that share a name (`photoprism` in fifteen compose files, `build` in
 * every template's build/ folder) get the shortest run of their folders that tells them apart:
 * `photoprism (setup/docker/arm64)`. A folder the name was taken from is not repeated.
 */
export function qualifyRepeatedNames(workloads: { name: string; file: string }[]): void {
  const byName = new Map<string, { name: string; file: string }[]>();
  for (const w of workloads) {
    const list = byName.get(w.name);
    if (list) list.push(w);
    else byName.set(w.name, [w]);
  }
  for (const [name, list] of byName) {
    if (list.length < 2 || new Set(list.map((w) => w.file)).size < 2) continue;
    const folders = list.map((w) => {
      const parts = w.file.split('/').slice(0, -1);
      if (parts[parts.length - 1] === name) parts.pop();
      return parts;
    });
    // Folders that cannot tell them apart (two files side by side): the paths with the file names do.
    const qualifiers = shortestDistinct(folders) ?? shortestDistinct(list.map((w) => w.file.split('/'))) ?? list.map((w) => w.file);
    list.forEach((w, i) => {
      if (qualifiers![i] !== '') w.name = `${name} (${qualifiers![i]})`;
    });
  }
}

/** The number of leading path segments two paths share. */
function sharedDepth(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[n] === y[n]) n++;
  return n;
}

/** The Kubernetes workload of this kind and name nearest to `file` (the same file, then the deepest shared folder). */
function nearestObject(building: readonly Building[], consumed: ReadonlySet<Building>, target: { kind?: string; name?: string }, file: string, among?: (b: Building) => boolean): Building | undefined {
  let best: Building | undefined;
  let bestDepth = -1;
  for (const b of building) {
    const o = b.workload.object;
    if (!o || consumed.has(b) || b.workload.format !== 'kubernetes') continue;
    if (target.name !== undefined && o.name !== target.name) continue;
    if (target.kind !== undefined && o.kind !== target.kind) continue;
    if (among && !among(b)) continue;
    const depth = b.workload.file === file ? 1e6 : sharedDepth(b.workload.file, file);
    if (depth > bestDepth) {
      best = b;
      bestDepth = depth;
    }
  }
  return best;
}

/** Kustomize patch files (and patches with a target) join the objects they patch. */
function joinKustomizePatches(analyses: readonly FileAnalysis[], building: Building[], consumed: Set<Building>): void {
  const patchFiles = new Map<string, { kind?: string; name?: string } | undefined>();
  for (const a of analyses) {
    const k = a.kustomization;
    if (!k) continue;
    const dir = dirname(a.file);
    for (const p of k.patches) {
      if (!p.path || /^[a-z]+:\/\//i.test(p.path)) continue;
      patchFiles.set(joinPath(dir, p.path.replace(/\\/g, '/')), p.target);
    }
  }
  if (patchFiles.size === 0) return;
  const isPatch = (b: Building) => patchFiles.has(b.workload.file);
  for (const b of building) {
    if (consumed.has(b) || !isPatch(b) || b.workload.format !== 'kubernetes') continue;
    const o = b.workload.object;
    const given = patchFiles.get(b.workload.file);
    const want = { kind: o?.kind ?? given?.kind, name: o?.name ?? given?.name };
    if (want.kind === undefined && want.name === undefined) continue;
    const target = nearestObject(building, consumed, want, b.workload.file, (x) => !isPatch(x));
    if (!target) continue;
    consumed.add(b);
    append(target.findings, b.findings);
    for (const f of b.files) if (!target.files.includes(f)) target.files.push(f);
  }
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
  const message = f.message ?? signal.reason;
  const made: AdviceSignal = {
    id: signal.id,
    direction: signal.direction,
    file: f.file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    message: f.when && !f.whenStated ? `Only when ${f.when} holds, which the files do not decide: ${message}` : message,
    dimension: signal.dimension,
    sources: citationsOf(signal),
    label: signal.label,
    weight: signal.weight,
  };
  evidence.set(f, { signal, made });
  return made;
}

/**
 * How much a finding that holds only under an undecided condition (Finding.when) counts, as a share of
 * the signal's weight: less than the setting written as a literal, so that a guarded `privileged`
 * alone does not decide, while it still adds up with other evidence.
 */
export const CONDITIONAL_SHARE = 0.5;

const conditionals = new WeakMap<Signal, Signal>();

/** A signal as it counts when its finding holds only under a condition: the same record at CONDITIONAL_SHARE of its weight. */
function conditionalOf(signal: Signal): Signal {
  let made = conditionals.get(signal);
  if (!made) conditionals.set(signal, (made = { ...signal, weight: Math.round(signal.weight * CONDITIONAL_SHARE * 100) / 100, label: `${signal.label} (if set)` }));
  return made;
}

/** What judging needs of a finding, worked out once however many workloads it counts for. */
interface Prepared {
  /** Its occurrence (signal, file, position), numbered. */
  occurrence: number;
  /** Its signal, numbered. */
  signal: number;
  made: AdviceSignal;
}

/**
 * Judges the workloads of one advice run. What a finding means is looked up once per run, and what
 * a workload has counted is kept in arrays marked with the workload's round rather than in sets and
 * maps of its own: a file's findings outside every machine block count for each of its hundreds of
 * machines (a Vagrantfile of 1,300 machines: 130,000 findings to judge).
 */
class Judge {
  private readonly prepared = new Map<Finding, Prepared | null>();
  private readonly occurrenceIds = new Map<string, number>();
  private readonly signalIds = new Map<string, number>();
  private readonly signalsById: Signal[] = [];
  /** Per occurrence: the round that counted it. */
  private readonly seenIn: number[] = [];
  /** Per signal: the round that counted it, and how many times. */
  private readonly countedIn: number[] = [];
  private readonly counts: number[] = [];
  private round = 0;

  constructor(private readonly deps: EngineDeps) {}

  private prepare(f: Finding): Prepared | null {
    let p = this.prepared.get(f);
    if (p !== undefined) return p;
    const found = this.deps.signalById(f.signal);
    const signal = found && f.when ? conditionalOf(found) : found;
    if (!signal) p = null;
    else {
      const key = occurrenceOf(f);
      let occurrence = this.occurrenceIds.get(key);
      if (occurrence === undefined) {
        occurrence = this.seenIn.length;
        this.occurrenceIds.set(key, occurrence);
        this.seenIn.push(0);
      }
      // A conditional occurrence counts as a signal of its own, at its lower weight.
      const signalKey = f.when ? `${signal.id}\u0000if` : signal.id;
      let id = this.signalIds.get(signalKey);
      if (id === undefined) {
        id = this.signalsById.length;
        this.signalIds.set(signalKey, id);
        this.signalsById.push(signal);
        this.countedIn.push(0);
        this.counts.push(0);
      }
      p = { occurrence, signal: id, made: evidenceOf(f, signal) };
    }
    this.prepared.set(f, p);
    return p;
  }

  /** The evidence of one workload's findings, each signal with its count, in the order signals first occur; and its pieces of evidence. */
  count(findings: readonly Finding[]): { evidence: Evidence[]; signals: AdviceSignal[] } {
    const round = ++this.round;
    const order: number[] = [];
    const signals: AdviceSignal[] = [];
    for (const f of findings) {
      const p = this.prepare(f);
      if (!p) continue;
      // The same occurrence reached through two paths (a file-level finding, a shared Dockerfile) counts once.
      if (this.seenIn[p.occurrence] === round) continue;
      this.seenIn[p.occurrence] = round;
      if (this.countedIn[p.signal] !== round) {
        this.countedIn[p.signal] = round;
        this.counts[p.signal] = 0;
        order.push(p.signal);
      }
      this.counts[p.signal]++;
      signals.push(p.made);
    }
    return { evidence: order.map((i) => ({ signal: this.signalsById[i], count: this.counts[i] })), signals };
  }
}

function judge(b: Building, judging: Judge): AdviceWorkload {
  const { evidence, signals } = judging.count(b.findings);
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
    // Set once every workload is judged (roles.ts): a host is the product only when nothing else is.
    role: 'product',
    roleReason: '',
  };
}

function directionOf(v: string): string {
  return v === 'vm' ? 'vm' : v === 'sandboxed' ? 'sandbox' : v === 'container-hardened' ? 'harden' : 'container';
}
