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
import { signalById } from '../core/advisor/signals';
import type { Direction, Finding, Signal } from '../core/advisor/types';
import { fixesFor, hasFixer } from '../core/fixes';
import { signalDocUrl } from '../core/render/signalsDoc';
import type { ModelBase } from '../core/parse/types';
import { Debouncer, type LiveAdviceCache } from './liveAdvice';
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
  if (!signal) return undefined;
  const level = levelOf(signal, overrides);
  if (level === 'off') return undefined;
  let message = f.message ?? signal.reason;
  if (hasFixer(signal.id, model.format)) {
    const r = fixesFor({ model, text: text(), finding: f, findings: all });
    if (r && r.fixes.length === 0 && r.why) message += '\n' + vscode.l10n.t('No quick fix: {0}', r.why);
  }
  const d = new vscode.Diagnostic(toRange(f.range), message, SEVERITY[level]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: signal.id, target: vscode.Uri.parse(signalDocUrl(signal.id)) };
  return d;
}

export class AdvisorDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('containerOrVm');
  private readonly debounce = new Debouncer(DIAGNOSTICS_DEBOUNCE_MS);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly advice: LiveAdviceCache) {
    this.subscriptions = [
      this.collection,
      this.debounce,
      vscode.workspace.onDidOpenTextDocument((doc) => this.update(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        const doc = e.document;
        this.debounce.run(doc.uri.toString(), () => this.update(doc));
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.debounce.cancel(doc.uri.toString());
        this.collection.delete(doc.uri);
      }),
      onSettingsChanged(() => this.updateAll()),
    ];
    this.updateAll();
  }

  updateAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.update(doc);
  }

  update(doc: vscode.TextDocument): void {
    if (doc.isClosed) return;
    const s = settings().diagnostics;
    const model = s.enabled ? this.advice.model(doc) : null;
    if (!model) {
      this.collection.delete(doc.uri);
      return;
    }
    const findings = findingsFor(model);
    let text: string | undefined;
    const lazyText = () => (text ??= doc.getText());
    const out: vscode.Diagnostic[] = [];
    for (const f of findings) {
      const d = diagnosticOf(model, lazyText, f, findings, s.severity);
      if (d) out.push(d);
    }
    this.collection.set(doc.uri, out);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

export function registerDiagnostics(advice: LiveAdviceCache): AdvisorDiagnostics {
  return new AdvisorDiagnostics(advice);
}
