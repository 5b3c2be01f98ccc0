// The advisor's findings in open documents as diagnostics in the Problems panel: one per finding,
// on its exact range, coded with the signal id and a link to its entry in docs/signals.md.
//
// Default severity by the way a finding pushes: hardening and sandbox findings are warnings (a line
// in the same file usually fixes them), reasons for a VM are information (a fact about the workload,
// not a mistake), cloud-native traits are hints (good news). `containerOrVm.diagnostics.severity`
// overrides this per signal group, `off` included.
import * as vscode from 'vscode';
import { type DiagnosticLevel, onSettingsChanged, settings } from '../config';
import { findingsFor } from '../core/advisor/findings';
import { applySuppressions, SUPPRESSION_MARKER } from '../core/config/suppressions';
import { projectConfigFor } from './projectConfig';
import { signalById } from '../core/advisor/signals';
import type { Direction, Finding, Signal } from '../core/advisor/types';
import { plainMessage } from '../core/render/markdown';
import { signalDocUrl } from '../core/render/signalsDoc';
import type { ModelBase } from '../core/parse/types';
import { Debouncer, type LiveAdviceCache, type OffThread } from './liveAdvice';
import type { ProblemItem } from '../node/documentProtocol';
import { whyNoFix } from '../node/documentWork';
import { toRange } from './model';

export const DIAGNOSTIC_SOURCE = 'Container or VM?';

/** How long typing must pause before a document's diagnostics are computed again. */
export const DIAGNOSTICS_DEBOUNCE_MS = 300;

const DEFAULT_LEVEL: Record<Direction, DiagnosticLevel> = {
  harden: 'warning',
  sandbox: 'warning',
  vm: 'information',
  container: 'hint',
};

const SEVERITY: Record<Exclude<DiagnosticLevel, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function levelOf(signal: Signal, overrides: Partial<Record<string, DiagnosticLevel>>): DiagnosticLevel {
  return overrides[signal.group] ?? DEFAULT_LEVEL[signal.direction];
}

/** The diagnostic for one finding; undefined when its group is off or the catalogue does not know it. */
export function diagnosticOf(model: ModelBase, text: () => string, f: Finding, all: readonly Finding[], overrides: Partial<Record<string, DiagnosticLevel>>): vscode.Diagnostic | undefined {
  const signal = signalById(f.signal);
  if (!signal || levelOf(signal, overrides) === 'off') return undefined;
  return diagnosticFrom({ signal: f.signal, range: f.range, message: f.message, why: whyNoFix(model, text(), f, all) }, overrides);
}

/** The diagnostic of a problem made on the spot or on the document thread; undefined when its group is off or the catalogue does not know it. */
export function diagnosticFrom(p: ProblemItem, overrides: Partial<Record<string, DiagnosticLevel>>): vscode.Diagnostic | undefined {
  const signal = signalById(p.signal);
  if (!signal) return undefined;
  const level = levelOf(signal, overrides);
  if (level === 'off') return undefined;
  let message = p.message ?? signal.reason;
  if (p.why) message += '\n' + vscode.l10n.t('No quick fix: {0}', p.why);
  // The Problems panel shows plain text: code spans become quoted text.
  const d = new vscode.Diagnostic(toRange(p.range), plainMessage(message), SEVERITY[level]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: signal.id, target: vscode.Uri.parse(signalDocUrl(signal.id)) };
  return d;
}

/** How long diagnostics are made before other work on the extension host is let in. */
export const SLICE_MS = 10;

const now = () => performance.now();

/** Lets the rest of the extension host's work run: after pending I/O in Node, a task later on the web (which has no setImmediate). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

export class AdvisorDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('containerOrVm');
  private readonly debounce = new Debouncer(DIAGNOSTICS_DEBOUNCE_MS);
  private readonly subscriptions: vscode.Disposable[];
  /** The run under way for each document; a newer one (an edit, a settings change) makes it stop. */
  private readonly runs = new Map<string, number>();
  private nextRun = 0;

  /** `sliceMs`: how long to work before letting other work in (SLICE_MS; 0 lets it in after each diagnostic). */
  constructor(
    private readonly advice: LiveAdviceCache,
    private readonly sliceMs = SLICE_MS,
  ) {
    this.subscriptions = [
      this.collection,
      this.debounce,
      vscode.workspace.onDidOpenTextDocument((doc) => void this.update(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        const doc = e.document;
        this.debounce.run(doc.uri.toString(), () => void this.update(doc));
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.debounce.cancel(doc.uri.toString());
        this.runs.delete(doc.uri.toString());
        this.collection.delete(doc.uri);
      }),
      onSettingsChanged(() => this.updateAll()),
    ];
    this.updateAll();
  }

  updateAll(): void {
    for (const doc of vscode.workspace.textDocuments) void this.update(doc);
  }

  /**
   * Publishes a document's diagnostics once all are made. Each finding's diagnostic asks its fixer
   * whether a quick fix is possible (the "No quick fix" note), which on a file of thousands of
   * findings takes longer than the extension host should be held at once: they are made in slices of
   * about SLICE_MS, with other work let in between, and a run whose document changed, closed or was
   * asked again meanwhile stops without publishing. Resolves when the run has published or stopped.
   */
  async update(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    let sliceStart = now();
    const key = doc.uri.toString();
    const run = ++this.nextRun;
    this.runs.set(key, run);
    const s = settings().diagnostics;
    const off = s.enabled ? this.advice.offThread(doc) : undefined;
    if (off) return this.updateOffThread(doc, off, key, run);
    const model = s.enabled ? this.advice.model(doc) : null;
    if (!model) {
      this.runs.delete(key);
      this.collection.delete(doc.uri);
      return;
    }
    const version = doc.version;
    const findings = findingsFor(model);
    let text: string | undefined;
    const lazyText = () => (text ??= doc.getText());
    // What a `# container-or-vm: ignore` comment or the folder's config file suppresses is not shown.
    const config = projectConfigFor(doc.uri);
    const shown = config?.ignore.length || lazyText().includes(SUPPRESSION_MARKER) ? applySuppressions(findings, lazyText(), config).kept : findings;
    const out: vscode.Diagnostic[] = [];
    for (let i = 0; i < shown.length; i++) {
      if (now() - sliceStart >= this.sliceMs) {
        await nextTurn();
        if (this.runs.get(key) !== run || doc.isClosed || doc.version !== version) return;
        sliceStart = now();
      }
      const d = diagnosticOf(model, lazyText, shown[i], findings, s.severity);
      if (d) out.push(d);
    }
    this.runs.delete(key);
    this.collection.set(doc.uri, out);
  }

  /**
   * A large document's diagnostics: its problems are made on the document thread and arrive in parts;
   * here they become diagnostics in slices of about SLICE_MS, as on the spot. A run whose document
   * changed, closed or was asked again meanwhile publishes nothing.
   */
  private async updateOffThread(doc: vscode.TextDocument, off: OffThread, key: string, run: number): Promise<void> {
    const version = doc.version;
    const stale = () => this.runs.get(key) !== run || doc.isClosed || doc.version !== version;
    const items: ProblemItem[] = [];
    try {
      await off.thread.problems(off.doc, projectConfigFor(doc.uri)?.ignore ?? [], (part) => {
        for (const p of part) items.push(p);
      });
    } catch {
      // The thread failed: made on the spot, as the web extension does.
      if (stale()) return;
      this.runs.delete(key);
      return this.update(doc);
    }
    if (stale()) return;
    const overrides = settings().diagnostics.severity;
    const out: vscode.Diagnostic[] = [];
    let sliceStart = now();
    for (let i = 0; i < items.length; i++) {
      if (now() - sliceStart >= this.sliceMs) {
        await nextTurn();
        if (stale()) return;
        sliceStart = now();
      }
      const d = diagnosticFrom(items[i], overrides);
      if (d) out.push(d);
    }
    this.runs.delete(key);
    this.collection.set(doc.uri, out);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

export function registerDiagnostics(advice: LiveAdviceCache): AdvisorDiagnostics {
  return new AdvisorDiagnostics(advice);
}
