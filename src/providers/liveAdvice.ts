// The advice for one open document, shared by the CodeLens, diagnostics and quick fixes: the cached
// parse (the hover's), its findings, and its workloads judged with what the last scan linked in.
// Computed once per (document version, report); never scans the workspace.
import * as vscode from 'vscode';
import type { ParseCache } from '../core/cache';
import { DEFAULT_DEPS } from '../core/advisor/engine';
import { suppressAnalysis } from '../core/advisor/advise';
import { analysisOfModel, buildersOf, liveWorkloads, reportPathOf } from '../core/advisor/live';
import { SUPPRESSION_MARKER } from '../core/config/suppressions';
import { projectConfigFor } from './projectConfig';
import type { AdviceReport, AdviceWorkload } from '../core/advisor/report';
import type { ModelBase } from '../core/parse/types';
import { allSelectors } from './selectors';
import { documentPath, isParsed, modelOf } from './model';

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

/** Copies of a file that are not the file itself (the old side of a diff, history, output): no lenses or problems there. */
const OTHER_COPIES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'vscode-local-history', 'pr', 'review', 'conflictResolution', 'vscode-chat-code-block']);

/** Whether a document is one the advisor reads (a format row in selectors.ts matches it). */
export function isSupported(doc: vscode.TextDocument): boolean {
  return !OTHER_COPIES.has(doc.uri.scheme) && vscode.languages.match(allSelectors(), doc) > 0;
}

export class LiveAdviceCache {
  private readonly byModel = new WeakMap<ModelBase, { report: AdviceReport | undefined; advice: LiveAdvice }>();

  constructor(
    private readonly cache: ParseCache,
    private readonly reports?: ReportSource,
  ) {}

  /** The model of a supported document, from the shared parse cache. */
  model(doc: vscode.TextDocument): ModelBase | null {
    return isSupported(doc) ? modelOf(this.cache, doc) : null;
  }

  /** Whether model(doc) would return without parsing (its current version was parsed already). */
  hasModel(doc: vscode.TextDocument): boolean {
    return isParsed(this.cache, doc);
  }

  get(doc: vscode.TextDocument): LiveAdvice | null {
    const model = this.model(doc);
    if (!model) return null;
    const report = this.reports?.last();
    const hit = this.byModel.get(model);
    if (hit && hit.report === report) return hit.advice;
    const path = documentPath(doc);
    const file = (report && this.reports?.fileOf ? this.reports.fileOf(doc.uri) : reportPathOf(report, path)) ?? path;
    const raw = analysisOfModel(model, file, DEFAULT_DEPS);
    // Suppressed findings (a `container-or-vm: ignore` comment, the folder's config) count as the scan counts them: not at all.
    const config = projectConfigFor(doc.uri);
    const analysis = raw && (config?.ignore.length || doc.getText().includes(SUPPRESSION_MARKER)) ? suppressAnalysis(raw, doc.getText(), config) : raw;
    const advice: LiveAdvice = { model, file, workloads: analysis ? liveWorkloads(analysis, report, DEFAULT_DEPS) : [], builtBy: buildersOf(file, report) };
    this.byModel.set(model, { report, advice });
    return advice;
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
