// The decision advisor's entry points: a whole workspace through a ReadOnlyFs, or files in memory.
import { version } from '../../../package.json';
import { basename, normalizePath, type ReadOnlyFs } from '../fs';
import { detectFormat, formatByName, isCandidateName } from '../parse/detect';
import type { Format } from '../parse/types';
import { adviseAnalyses, analyzeText, DEFAULT_DEPS, type EngineDeps, type FileAnalysis } from './engine';
import type { AdviceNote, AdviceReport, AdviceWorkload, IncompleteFile } from './report';
import { overallOf, type RoleRule } from './roles';
import { analyzeCharts, chartOf, chartRoots } from './charts';
import { CancelledError, CHART_ARCHIVE, DEFAULT_MAX_FILE_SIZE, loadCandidate, runPool, unpackChartArchive, walk, type Candidate, type ScanProgress, type Skipped, type SkipKind, type WalkResult } from './scan';
import { append } from '../arrays';
import { readProjectConfig } from '../config/load';
import { CONFIG_FILE_NAME, type IgnoreRule, type ProjectConfig } from '../config/projectConfig';
import { applySuppressions, compileIgnores, isSuppressed, scanSuppressions, type IgnoreMatcher, type SuppressedFinding, type SuppressionComment, type SuppressionProblem, type UnusedSuppression } from '../config/suppressions';

export type { AdviceReport, AdviceWorkload, AdviceSignal, AdviceSource, AdviceNote, AdviceStats, IncompleteFile } from './report';
export type { Role, RoleRule } from './roles';
export { CancelledError, RootError, DEFAULT_MAX_FILE_SIZE, DEFAULT_SKIPPED_FOLDERS, type ScanProgress, type Skipped, type SkipKind } from './scan';

/** Enough of a file's head to tell its format by content. */
const HEAD = 4096;

export interface AdviseProgress extends ScanProgress {
  /** Candidate files read (or reused) so far. */
  done: number;
}

export interface AdviseOptions {
  /** Globs of files and folders to leave out (see glob.ts). */
  exclude?: string[];
  /** Files larger than this many bytes are skipped; default 2 MB. */
  maxFileSize?: number;
  /**
   * Each root's own settings, in the order of `roots` (an editor's workspace folders): `exclude` on
   * top of the exclude above, `folderExclude` matched as VS Code matches `files.exclude` (from the
   * folder: a name alone is only the folder's own entry), `maxFileSize` instead of the one above.
   */
  perRoot?: { exclude?: string[]; folderExclude?: string[]; maxFileSize?: number }[];
  /** Folder names never entered; default DEFAULT_SKIPPED_FOLDERS. */
  skipFolders?: string[];
  /** In a multi-folder scan, each folder's label (default: its name). */
  labels?: string[];
  onProgress?: (p: AdviseProgress) => void;
  isCancelled?: () => boolean;
  /** Results kept from earlier runs: unchanged files are not read or parsed again. */
  cache?: AdviceCache;
  /**
   * Text the caller already has (an editor's unsaved document), with its version; used instead of
   * the file's bytes and cached by that version.
   */
  overlay?: (path: string) => { text: string; version: string | number } | undefined;
  /** Parallel reads; default 16. */
  concurrency?: number;
  deps?: Partial<EngineDeps>;
  /** Which files are which (the config file's `roles`, `--role`): overrides the roles the advisor infers. */
  roles?: RoleRule[];
  /**
   * The project config (`--config`): its exclude, roles (after `roles`) and ignore entries apply to
   * every root. Undefined: each root's own `.container-or-vm.yaml` is read, if there is one (an
   * invalid one is applied not at all and named in the notes). null: none.
   */
  config?: ProjectConfig | null;
}

interface CacheEntry {
  key: string;
  /** null: read, but not a configuration file. */
  analysis: FileAnalysis | null;
  skip?: { reason: string; kind: SkipKind };
  notes: string[];
  /** The file's suppression comments. */
  comments?: SuppressionComment[];
}

/** Reported changes kept between runs; past this, the next run checks every file. */
const MAX_TRACKED_CHANGES = 10_000;

/** What a cache that is told of every change keeps between runs. */
export interface ChangeTracking {
  /** Files reported changed since the run that last read them, each with the number of its latest report. */
  changed: Map<string, number>;
  /** Reports so far. */
  reports: number;
  /** Walk results by root and walk options, valid until the tree changes. */
  walks: Map<string, WalkResult>;
  /** Bumped by every tree change, so a walk that raced one is not kept. */
  generation: number;
  /** The settings the cached results were made with (a change makes every file be checked once). */
  settings: string;
}

/**
 * Per-file results from earlier runs, keyed by path, relative name and (size, mtime) or the caller's
 * version. Hold one per workspace; after a run it keeps only the files that run saw.
 */
export class AdviceCache {
  private entries = new Map<string, CacheEntry>();
  /** Set while a caller reports every change (trackChanges); unset, every run walks and stats. */
  private tracked: ChangeTracking | undefined;

  get size(): number {
    return this.entries.size;
  }

  get(path: string, key: string): CacheEntry | undefined {
    const e = this.entries.get(path);
    return e && e.key === key ? e : undefined;
  }

  /** The entry of a file whatever its key, for a file known not to have changed. */
  peek(path: string): CacheEntry | undefined {
    return this.entries.get(path);
  }

  /**
   * From now on the caller reports every change under the scanned folders (an editor's file
   * watcher): `fileChanged` for a file whose content changed, `treeChanged` when files or folders
   * were created, deleted or renamed. A run then takes files nobody reported as they were (no stat)
   * and reuses the last walk of the folders until the tree changes. `untrack` goes back to walking
   * and checking every file on every run.
   */
  trackChanges(): void {
    this.tracked ??= { changed: new Map(), reports: 0, walks: new Map(), generation: 0, settings: '' };
  }

  untrack(): void {
    this.tracked = undefined;
  }

  get tracking(): ChangeTracking | undefined {
    return this.tracked;
  }

  fileChanged(path: string): void {
    const t = this.tracked;
    // Only files a scan reads can matter (candidates are chosen by name).
    if (!t || !isCandidateName(basename(path))) return;
    if (t.changed.size >= MAX_TRACKED_CHANGES) {
      // So many changes at once (a checkout, a build): check every file on the next run instead.
      t.changed.clear();
      t.settings = '';
      return;
    }
    t.changed.set(normalizePath(path), ++t.reports);
  }

  treeChanged(path?: string): void {
    if (!this.tracked) return;
    this.tracked.generation++;
    this.tracked.walks.clear();
    if (path !== undefined) this.fileChanged(path);
  }

  set(path: string, entry: CacheEntry): void {
    this.entries.set(path, entry);
  }

  /** Forgets every entry under these roots that a run did not see. */
  prune(roots: readonly string[], seen: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) {
      if (!seen.has(path) && roots.some((r) => path === r || path.startsWith(r.replace(/\/+$/, '') + '/'))) this.entries.delete(path);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

function labelsFor(roots: readonly string[], given?: readonly string[]): string[] {
  if (roots.length <= 1) return [''];
  const used = new Map<string, number>();
  return roots.map((r, i) => {
    const base = (given?.[i] ?? basename(r)) || `folder${i + 1}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** The overall answer of a report and the workloads that decided it. */
function overall(workloads: readonly AdviceWorkload[]): Pick<AdviceReport, 'verdict' | 'overallFrom' | 'decidedBy'> {
  const o = overallOf(workloads);
  return { verdict: o.verdict, overallFrom: o.from, decidedBy: o.decidedBy };
}

/** Skips that leave part of the workspace unread: a candidate that was too large, unreadable or not text. */
const UNREAD_KINDS = new Set<SkipKind>(['too-large', 'unreadable', 'binary']);

/**
 * The files a report cannot vouch for: configuration files skipped unread, and files whose reading
 * lost content. A skipped file counts only when its name alone makes it a configuration file (a
 * Dockerfile, a compose file, a packaged subchart…): a large `package-lock.json` is a candidate by
 * its extension, but nothing says it holds a workload.
 */
function incompleteOf(analyses: readonly FileAnalysis[], skipped: readonly Skipped[]): IncompleteFile[] {
  const out: IncompleteFile[] = [];
  // A packaged subchart beside a chart is one by its place (charts/<name>.tgz).
  for (const s of skipped) if (UNREAD_KINDS.has(s.kind) && (formatByName(s.file) || /(^|\/)charts\/[^/]+\.tgz$/i.test(s.file))) out.push({ file: s.file, reason: s.reason });
  for (const a of analyses) {
    const lost = a.problems.find((p) => (p as { incomplete?: boolean }).incomplete);
    if (lost) out.push({ file: a.file, reason: `line ${lost.range.start.line + 1}: ${lost.message}` });
  }
  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return out;
}

function depsOf(options: { deps?: Partial<EngineDeps> }): EngineDeps {
  return { ...DEFAULT_DEPS, ...options.deps };
}

/** Advises on every configuration file under the roots. Throws RootError for a root that is not a readable folder, CancelledError when cancelled. */
export async function adviseWorkspace(fs: ReadOnlyFs, roots: string[], options: AdviseOptions = {}): Promise<AdviceReport> {
  const started = Date.now();
  const deps = depsOf(options);
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const cancelled = () => options.isCancelled?.() ?? false;
  const normRoots = roots.map((r) => (r === '/' ? r : normalizePath(r).replace(/\/+$/, '')));
  const labels = labelsFor(normRoots, options.labels);

  const skipped: Skipped[] = [];
  const candidates: Candidate[] = [];
  const notes: AdviceNote[] = [];
  const projects = await projectConfigs(fs, normRoots, labels, options.config, notes);
  const excludeOf = (i: number) => [...(options.exclude ?? []), ...(options.perRoot?.[i]?.exclude ?? []), ...projects.excludes[i]];
  const folderExcludeOf = (i: number) => options.perRoot?.[i]?.folderExclude ?? [];
  const limitOf = (i: number) => options.perRoot?.[i]?.maxFileSize ?? maxFileSize;
  const tracked = options.cache?.tracking;
  // Files nobody reported changed are taken as they were, unless the settings changed since.
  const settingsKey = JSON.stringify([normRoots.map((_, i) => [limitOf(i), excludeOf(i), folderExcludeOf(i)]), options.skipFolders ?? null, labels]);
  const trustUnreported = tracked !== undefined && tracked.settings === settingsKey;
  // Reports up to now are settled by this run if it completes; later ones wait for the next.
  const reportsBefore = tracked?.reports ?? 0;
  const changed = (path: string) => tracked?.changed.has(path) ?? false;
  let files = 0;
  /** The root of each candidate, by index. */
  const rootOf: number[] = [];
  for (let i = 0; i < normRoots.length; i++) {
    const before = files;
    const walkKey = JSON.stringify([normRoots[i], labels[i], excludeOf(i), folderExcludeOf(i), options.skipFolders ?? null]);
    const generation = tracked?.generation;
    let res = tracked?.walks.get(walkKey);
    if (!res) {
      res = await walk(fs, normRoots[i], {
        exclude: excludeOf(i),
        folderExclude: folderExcludeOf(i),
        skipFolders: options.skipFolders,
        label: labels[i],
        concurrency: options.concurrency,
        isCancelled: options.isCancelled,
        onProgress: (p) => options.onProgress?.({ files: before + p.files, candidates: candidates.length + p.candidates, done: 0 }),
      });
      // Kept only when no tree change arrived while it walked.
      if (tracked && tracked.generation === generation) tracked.walks.set(walkKey, res);
    }
    files += res.files;
    append(skipped, res.skipped);
    append(candidates, res.candidates);
    for (let k = 0; k < res.candidates.length; k++) rootOf.push(i);
  }

  const analyses: (FileAnalysis | null)[] = new Array(candidates.length).fill(null);
  const comments = new Map<string, SuppressionComment[]>();
  const noteLists: string[][] = new Array(candidates.length).fill(null).map(() => []);
  const skips: ({ reason: string; kind: SkipKind } | undefined)[] = new Array(candidates.length).fill(undefined);
  const seen = new Set<string>();
  let parsed = 0;
  let reused = 0;
  let done = 0;

  // A Helm chart's files are read together, rendered with the chart's default values (charts.ts).
  const charts = chartRoots(candidates.map((c) => c.rel));
  const chartTexts = new Map<string, string>();

  await runPool(
    candidates,
    options.concurrency ?? 16,
    async (c, i) => {
      seen.add(c.path);
      const maxFileSize = limitOf(rootOf[i]);
      const over = options.overlay?.(c.path);
      if (charts.length && chartOf(c.rel, charts) !== undefined) {
        if (over) chartTexts.set(c.rel, over.text);
        else if (CHART_ARCHIVE.test(c.rel)) {
          const unpacked = await unpackChartArchive(fs, c.path, maxFileSize);
          if ('reason' in unpacked) skips[i] = unpacked;
          else for (const [rest, text] of unpacked.files) chartTexts.set(`${c.rel}/${rest}`, text);
        } else {
          const loaded = await loadCandidate(fs, c.path, maxFileSize);
          if (loaded.kind === 'skip') skips[i] = { reason: loaded.reason, kind: loaded.skipKind };
          else chartTexts.set(c.rel, loaded.text);
        }
        done++;
        return;
      }
      let key: string | undefined;
      let known: { size: number; mtimeMs?: number } | undefined;
      const kept = !over && trustUnreported && !changed(c.path) ? options.cache?.peek(c.path) : undefined;
      if (kept && kept.key.startsWith(`${c.rel}\u0000`) && !kept.key.startsWith(`${c.rel}\u0000v`)) key = kept.key;
      else if (over) key = `${c.rel}\u0000v${over.version}`;
      else {
        try {
          const st = await fs.stat(c.path);
          known = { size: st.size, mtimeMs: st.mtimeMs };
          // The size limit is part of the key: a file over one limit may be under the next.
          if (st.mtimeMs !== undefined) key = `${c.rel}\u0000${st.size}\u0000${st.mtimeMs}\u0000${maxFileSize}`;
        } catch (e) {
          skips[i] = { reason: `could not be read (${(e as { code?: string }).code ?? 'error'})`, kind: 'unreadable' };
          return;
        }
      }
      const hit = key !== undefined ? options.cache?.get(c.path, key) : undefined;
      if (hit) {
        reused++;
        analyses[i] = hit.analysis;
        skips[i] = hit.skip;
        noteLists[i] = hit.notes;
        if (hit.comments?.length) comments.set(c.rel, hit.comments);
      } else {
        const analyze = analyzeCandidate(c, deps);
        let result: ReturnType<typeof analyze>;
        if (over) result = analyze(over.text, false);
        else {
          const loaded = await loadCandidate(fs, c.path, maxFileSize, known);
          result = loaded.kind === 'skip' ? { analysis: null, skip: { reason: loaded.reason, kind: loaded.skipKind }, notes: [], parsed: false } : analyze(loaded.text, loaded.invalidUtf8);
        }
        if (result.parsed) parsed++;
        analyses[i] = result.analysis;
        skips[i] = result.skip;
        noteLists[i] = result.notes;
        if (result.comments?.length) comments.set(c.rel, result.comments);
        if (key !== undefined) options.cache?.set(c.path, { key, analysis: result.analysis, skip: result.skip, notes: result.notes, comments: result.comments });
      }
      done++;
      if (done % 50 === 0) options.onProgress?.({ files, candidates: candidates.length, done });
    },
    options.isCancelled,
  );
  if (cancelled()) throw new CancelledError();
  options.onProgress?.({ files, candidates: candidates.length, done });

  candidates.forEach((c, i) => {
    const sk = skips[i];
    if (sk) skipped.push({ file: c.rel, reason: sk.reason, kind: sk.kind });
    for (const n of noteLists[i]) notes.push({ file: c.rel, message: n });
  });
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  options.cache?.prune(normRoots, seen);
  if (tracked) {
    tracked.settings = settingsKey;
    for (const [path, n] of tracked.changed) if (n <= reportsBefore) tracked.changed.delete(path);
  }

  let found = analyses.filter((a): a is FileAnalysis => a !== null);
  if (charts.length) {
    const rendered = analyzeCharts(chartTexts, charts, deps);
    append(found, rendered.analyses);
    append(notes, rendered.notes);
  }
  const suppression = suppress(found, comments, projects.ignore);
  found = suppression.analyses;
  const workloads = adviseAnalyses(found, deps, { roles: [...(options.roles ?? []), ...projects.roles], onNote: (n) => notes.push(n) });
  return {
    version,
    root: normRoots.join(', '),
    ...overall(workloads),
    workloads,
    incomplete: incompleteOf(found, skipped),
    skipped,
    notes,
    stats: { files, configFiles: found.length, ms: Date.now() - started, parsed, reused },
    ...(normRoots.length > 1 ? { roots: normRoots.map((path, i) => ({ label: labels[i], path })) } : {}),
    ...suppression.report,
    ...(projects.files.length ? { config: projects.files } : {}),
  };
}

/**
 * One file's analysis with its suppressed findings taken out (its comments, then the config's
 * `ignore` entries): for advice on an open document (live.ts, the editor's diagnostics and CodeLens),
 * which does not go through a scan.
 */
export function suppressAnalysis(analysis: FileAnalysis, text: string, config?: Pick<ProjectConfig, 'ignore'> | null): FileAnalysis {
  const comments = scanSuppressions(text);
  return suppress([analysis], comments.length ? new Map([[analysis.file, comments]]) : new Map(), config?.ignore ?? []).analyses[0];
}

/** The globs of a root's config as the report's paths read them: a glob with a '/' is prefixed by the root's label. */
function labelled(glob: string, label: string): string {
  if (!label || !glob.includes('/')) return glob;
  return `${label}/${glob.replace(/^\.?\//, '')}`;
}

/** The project configs of a scan: the one given, or each root's own file. */
async function projectConfigs(
  fs: ReadOnlyFs,
  roots: readonly string[],
  labels: readonly string[],
  given: ProjectConfig | null | undefined,
  notes: AdviceNote[],
): Promise<{ excludes: string[][]; roles: RoleRule[]; ignore: IgnoreRule[]; files: string[] }> {
  const out = { excludes: roots.map(() => [] as string[]), roles: [] as RoleRule[], ignore: [] as IgnoreRule[], files: [] as string[] };
  if (given === null) return out;
  if (given) {
    out.excludes = roots.map(() => given.exclude);
    out.roles = given.roles;
    out.ignore = given.ignore;
    out.files = [given.file];
    return out;
  }
  for (let i = 0; i < roots.length; i++) {
    const label = labels[i];
    const shown = label ? `${label}/${CONFIG_FILE_NAME}` : CONFIG_FILE_NAME;
    const read = await readProjectConfig(fs, roots[i], shown);
    if (!read) continue;
    if (!read.config) {
      for (const e of read.errors) notes.push({ file: shown, message: `not applied: line ${e.line}: ${e.message}` });
      continue;
    }
    const c = read.config;
    out.files.push(shown);
    out.excludes[i] = c.exclude;
    for (const r of c.roles) out.roles.push({ glob: labelled(r.glob, label), role: r.role });
    for (const r of c.ignore) out.ignore.push(r.path === undefined ? r : { ...r, path: labelled(r.path, label) });
  }
  return out;
}

/** The analyses with every suppressed finding taken out, and what the report says of the suppressions. */
function suppress(
  analyses: FileAnalysis[],
  comments: ReadonlyMap<string, SuppressionComment[]>,
  rules: readonly IgnoreRule[],
): { analyses: FileAnalysis[]; report: { suppressed: SuppressedFinding[]; unusedSuppressions: UnusedSuppression[]; suppressionProblems: SuppressionProblem[] } } {
  const report = { suppressed: [] as SuppressedFinding[], unusedSuppressions: [] as UnusedSuppression[], suppressionProblems: [] as SuppressionProblem[] };
  if (comments.size === 0 && rules.length === 0) return { analyses, report };
  const ignores: IgnoreMatcher[] = compileIgnores(rules);
  const used = new Set<IgnoreRule>();
  const out = analyses.map((a) => {
    const cs = comments.get(a.file) ?? [];
    const applied = applySuppressions(a.findings, cs, ignores, a.file);
    append(report.suppressed, applied.suppressed);
    append(report.unusedSuppressions, applied.unused);
    append(report.suppressionProblems, applied.problems);
    for (const r of applied.usedRules) used.add(r);
    if (applied.suppressed.length === 0) return a;
    const targets = a.targets;
    return {
      ...a,
      findings: applied.kept,
      ...(targets
        ? {
            targets: (t: string) => {
              const r = targets(t);
              return r && { ...r, findings: r.findings.filter((f) => !isSuppressed(f, cs, ignores, a.file)) };
            },
          }
        : {}),
    };
  });
  // A comment of a file that gave no analysis (no workload format) suppresses nothing either.
  const analysed = new Set(analyses.map((a) => a.file));
  for (const [file, cs] of comments) {
    if (analysed.has(file)) continue;
    const applied = applySuppressions([], cs, undefined, file);
    append(report.unusedSuppressions, applied.unused);
    append(report.suppressionProblems, applied.problems);
  }
  for (const r of rules) if (!used.has(r)) report.unusedSuppressions.push({ file: r.file, line: r.line, signal: r.signal });
  const order = <T extends { file: string; line: number }>(x: T[]) => x.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  order(report.suppressed);
  order(report.unusedSuppressions);
  order(report.suppressionProblems);
  return { analyses: out, report };
}

/** The analysis of one candidate once its text is known; the format is told by name, then by content. */
function analyzeCandidate(c: Candidate, deps: EngineDeps) {
  return (text: string, invalidUtf8: boolean): { analysis: FileAnalysis | null; skip?: { reason: string; kind: SkipKind }; notes: string[]; parsed: boolean; comments?: SuppressionComment[] } => {
    const notes: string[] = [];
    const format: Format | null = formatByName(c.rel) ?? detectFormat(c.rel, text.slice(0, HEAD));
    if (!format) return { analysis: null, notes, parsed: false };
    if (invalidUtf8) notes.push('not valid UTF-8: the invalid bytes were read as U+FFFD');
    let analysis: FileAnalysis | null;
    try {
      analysis = analyzeText(c.rel, text, format, deps);
    } catch (e) {
      return { analysis: null, skip: { reason: `could not be parsed as ${format} (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, kind: 'unsupported' }, notes, parsed: true };
    }
    if (!analysis) return { analysis: null, skip: { reason: `no reader for the ${format} format yet`, kind: 'unsupported' }, notes, parsed: false };
    for (const p of analysis.problems.slice(0, 3)) notes.push(`line ${p.range.start.line + 1}: ${p.message}`);
    if (analysis.problems.length > 3) notes.push(`${analysis.problems.length - 3} more problems`);
    const comments = scanSuppressions(text);
    return { analysis, notes, parsed: true, ...(comments.length ? { comments } : {}) };
  };
}

/** Advises on files given as text (tests, the eval, an editor's open documents). Paths are used as given. */
export function adviseFiles(files: { path: string; text: string }[], options: { deps?: Partial<EngineDeps>; roles?: RoleRule[]; config?: ProjectConfig } = {}): AdviceReport {
  const started = Date.now();
  const deps = depsOf(options);
  const analyses: FileAnalysis[] = [];
  const notes: AdviceNote[] = [];
  const skipped: Skipped[] = [];
  const charts = chartRoots(files.map((f) => f.path.replace(/\\/g, '/')));
  const chartTexts = new Map<string, string>();
  const comments = new Map<string, SuppressionComment[]>();
  for (const f of files) {
    const path = f.path.replace(/\\/g, '/');
    const text = f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text;
    if (charts.length && chartOf(path, charts) !== undefined) {
      chartTexts.set(path, text);
      continue;
    }
    const r = analyzeCandidate({ path, rel: path }, deps)(text, false);
    if (r.analysis) analyses.push(r.analysis);
    if (r.comments) comments.set(path, r.comments);
    if (r.skip) skipped.push({ file: path, ...r.skip });
    for (const n of r.notes) notes.push({ file: path, message: n });
  }
  if (charts.length) {
    const rendered = analyzeCharts(chartTexts, charts, deps);
    append(analyses, rendered.analyses);
    append(notes, rendered.notes);
  }
  const suppression = suppress(analyses, comments, options.config?.ignore ?? []);
  const workloads = adviseAnalyses(suppression.analyses, deps, { roles: [...(options.roles ?? []), ...(options.config?.roles ?? [])], onNote: (n) => notes.push(n) });
  return {
    version,
    root: '',
    ...overall(workloads),
    workloads,
    incomplete: incompleteOf(analyses, skipped),
    skipped,
    notes,
    stats: { files: files.length, configFiles: analyses.length, ms: Date.now() - started, parsed: analyses.length, reused: 0 },
    ...suppression.report,
    ...(options.config ? { config: [options.config.file] } : {}),
  };
}
