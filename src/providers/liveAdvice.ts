// The advice for one open document, shared by the CodeLens, diagnostics and quick fixes: the cached
// parse (the hover's), its findings, and its workloads judged with what the last scan linked in.
// Computed once per (document version, report); never scans the workspace.
//
// On the desktop a document of OFF_THREAD_FROM characters or more is not parsed here at all: its
// text goes to the document thread once per version (src/node/documentThread.ts) and the providers
// ask the thread, with promises, for its hovers, lenses, problems and quick fixes (offThread below).
// Such a document's lenses are judged against only what the report says of its own file
// (reportSliceFor), so a scan of thousands of workloads never crosses to the thread.
import * as vscode from 'vscode';
import type { ParseCache } from '../core/cache';
import { DEFAULT_DEPS } from '../core/advisor/engine';
import { suppressAnalysis } from '../core/advisor/advise';
import { analysisOfModel, buildersOf, liveWorkloads, reportPathOf, reportSliceSteps } from '../core/advisor/live';
import { SUPPRESSION_MARKER } from '../core/config/suppressions';
import { projectConfigFor } from './projectConfig';
import type { AdviceReport, AdviceWorkload } from '../core/advisor/report';
import type { ModelBase } from '../core/parse/types';
import { allSelectors, OTHER_COPIES } from './selectors';
import { documentPath, isParsed, languageFormatOf, modelOf } from './model';
import { OFF_THREAD_FROM } from '../node/documentProtocol';
import type { DocumentThread, ThreadDoc } from '../node/documentThread';

declare const __WEB_BUILD__: boolean | undefined;

/** A document answered by the document thread: the thread, and the version of the document sent to it. */
export interface OffThread {
  thread: DocumentThread;
  doc: ThreadDoc;
}

/** The thread of the running desktop extension, next to its bundle (dist/fixWorker.js); none on the web. */
export function defaultDocumentThread(): DocumentThread | undefined {
  if (typeof __WEB_BUILD__ !== 'undefined') return undefined;
  const { DocumentThread: Thread } = require('../node/documentThread') as typeof import('../node/documentThread');
  return new Thread(`${__dirname}/fixWorker.js`, vscode.l10n.bundle as ConstructorParameters<typeof Thread>[1]);
}

/** What the providers need of the advisor service: the last workspace report and when it changes. */
export interface ReportSource {
  last(): AdviceReport | undefined;
  readonly onDidChange: vscode.Event<unknown>;
  /** A document's name in the report, when it lies in a scanned folder. */
  fileOf?(uri: vscode.Uri): string | undefined;
}

export interface LiveAdvice {
  model: ModelBase;
  /** The document's name in the last report (relative to the scanned folder), or its path when the scan did not cover it. */
  file: string;
  workloads: AdviceWorkload[];
  /** The last scan's workloads built from this document elsewhere (compose services, dev containers). */
  builtBy: AdviceWorkload[];
}

/** Whether a document is one the advisor reads (a format row in selectors.ts matches it). */
export function isSupported(doc: vscode.TextDocument): boolean {
  return !OTHER_COPIES.has(doc.uri.scheme) && vscode.languages.match(allSelectors(), doc) > 0;
}

export class LiveAdviceCache implements vscode.Disposable {
  private readonly byModel = new WeakMap<ModelBase, { report: AdviceReport | undefined; advice: LiveAdvice }>();
  /** Each open document's length at its last version asked about. */
  private readonly lengths = new Map<string, { version: number; length: number }>();
  /** What each report says of each file, as the thread gets it. */
  private readonly slices = new WeakMap<AdviceReport, Map<string, Promise<ReportSlice>>>();
  private readonly subscription: vscode.Disposable;

  /**
   * `documents`: the thread documents of `offThreadFrom` characters or more are answered on (none:
   * all on the spot); disposed with this cache.
   */
  constructor(
    private readonly cache: ParseCache,
    private readonly reports?: ReportSource,
    readonly documents?: DocumentThread,
    private readonly offThreadFrom = OFF_THREAD_FROM,
  ) {
    this.subscription = vscode.workspace.onDidCloseTextDocument((doc) => {
      const uri = doc.uri.toString();
      this.lengths.delete(uri);
      this.documents?.forget(uri);
    });
  }

  /** Whether a document is answered on the thread (large, on the desktop, while the thread runs). */
  private isLarge(doc: vscode.TextDocument): boolean {
    return this.documents?.available === true && isSupported(doc) && this.lengthOf(doc) >= this.offThreadFrom;
  }

  private lengthOf(doc: vscode.TextDocument): number {
    const uri = doc.uri.toString();
    let hit = this.lengths.get(uri);
    if (!hit || hit.version !== doc.version) this.lengths.set(uri, (hit = { version: doc.version, length: doc.getText().length }));
    return hit.length;
  }

  /**
   * The thread a large document is answered on, with its current version sent to it (once per
   * version); undefined for a document answered on the spot (small, the web, the thread failed).
   */
  offThread(doc: vscode.TextDocument): OffThread | undefined {
    if (!this.isLarge(doc)) return undefined;
    const thread = this.documents!;
    const version = doc.version;
    const sent: ThreadDoc = {
      uri: doc.uri.toString(),
      version,
      path: documentPath(doc),
      format: languageFormatOf(doc),
      length: this.lengthOf(doc),
      text: () => doc.getText(),
      stale: () => doc.isClosed || doc.version !== version,
    };
    return thread.open(sent) ? { thread, doc: sent } : undefined;
  }

  /** The document's name in the last report (relative to the scanned folder), or its path when the scan did not cover it. */
  fileOf(doc: vscode.TextDocument, report = this.reports?.last()): string {
    const path = documentPath(doc);
    return (report && this.reports?.fileOf ? this.reports.fileOf(doc.uri) : reportPathOf(report, path)) ?? path;
  }

  /**
   * What the report says of `file` that live advice reads (core/advisor/live.ts reportSliceFor), made
   * once per report and file, a few thousand entries at a time with other work let in between (a
   * report of 48,000 workloads takes longer than the host should be held at once).
   */
  reportSlice(report: AdviceReport | undefined, file: string): Promise<ReportSlice> {
    if (!report) return Promise.resolve(undefined);
    let byFile = this.slices.get(report);
    if (!byFile) this.slices.set(report, (byFile = new Map()));
    let slice = byFile.get(file);
    if (!slice) byFile.set(file, (slice = inSlices(reportSliceSteps(report, file))));
    return slice;
  }

  /** The last report, when there is one. */
  lastReport(): AdviceReport | undefined {
    return this.reports?.last();
  }

  dispose(): void {
    this.subscription.dispose();
    this.documents?.dispose();
  }

  /** The model of a supported document, from the shared parse cache. */
  model(doc: vscode.TextDocument): ModelBase | null {
    return isSupported(doc) ? modelOf(this.cache, doc) : null;
  }

  /** Whether model(doc) would return without parsing (its current version was parsed already, or sent to the thread). */
  hasModel(doc: vscode.TextDocument): boolean {
    if (this.isLarge(doc)) return this.documents!.isOpen(doc.uri.toString(), doc.version);
    return isParsed(this.cache, doc);
  }

  get(doc: vscode.TextDocument): LiveAdvice | null {
    const model = this.model(doc);
    if (!model) return null;
    const report = this.reports?.last();
    const hit = this.byModel.get(model);
    if (hit && hit.report === report) return hit.advice;
    const file = this.fileOf(doc, report);
    const raw = analysisOfModel(model, file, DEFAULT_DEPS);
    // Suppressed findings (a `container-or-vm: ignore` comment, the folder's config) count as the scan counts them: not at all.
    const config = projectConfigFor(doc.uri);
    const analysis = raw && (config?.ignore.length || doc.getText().includes(SUPPRESSION_MARKER)) ? suppressAnalysis(raw, doc.getText(), config) : raw;
    const advice: LiveAdvice = { model, file, workloads: analysis ? liveWorkloads(analysis, report, DEFAULT_DEPS) : [], builtBy: buildersOf(file, report) };
    this.byModel.set(model, { report, advice });
    return advice;
  }
}

type ReportSlice = ReturnType<typeof reportSliceSteps> extends Generator<void, infer R> ? R : never;

/** How long work on the extension host runs before other work is let in (as the diagnostics' slices). */
const SLICE_MS = 10;

/** Runs steps until done, letting other work in (after pending I/O in Node, a task later on the web) whenever SLICE_MS have passed. */
export async function inSlices<R>(steps: Generator<void, R>): Promise<R> {
  let start = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - start >= SLICE_MS) {
      await new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
      start = performance.now();
    }
  }
}

/** Calls `fn` once `ms` after the last call for the same key. */
export class Debouncer implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly ms: number) {}

  run(key: string, fn: () => void): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        fn();
      }, this.ms),
    );
  }

  cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
