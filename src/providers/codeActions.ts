// Quick fixes for the advisor's diagnostics. The edits come from core/fixes.ts, each checked by
// core/fixCheck.ts on the document's text before it is offered; here they become a WorkspaceEdit the
// user picks (and can undo), attached to the diagnostic it fixes. Where a fix could
// quietly break the workload none is offered, and the diagnostic says why instead.
import * as vscode from 'vscode';
import { findingsFor } from '../core/advisor/findings';
import type { Finding } from '../core/advisor/types';
import type { Fix } from '../core/fixes';
import { checkedFixesFor, checkedHealthcheck } from '../core/fixCheck';
import type { DockerfileModel } from '../core/parse/dockerfile';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { LiveAdviceCache } from './liveAdvice';
import { allSelectors } from './selectors';
import { toRange } from './model';

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

function toAction(doc: vscode.TextDocument, fix: Fix, diagnostic?: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
  action.edit = edit;
  if (diagnostic) action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}

export class AdvisorCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly advice: LiveAdviceCache) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // VS Code asks on its own after every cursor move, so after every keystroke: with none of our
    // diagnostics here and no Dockerfile, there is nothing to offer; and a version not parsed yet is
    // left to the debounced diagnostics, which parse it once typing pauses (VS Code asks again when they
    // change). Asked for explicitly (Ctrl+., the light bulb), the document is parsed if need be.
    const ours = context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours && doc.languageId !== 'dockerfile' && !/(?:^|[/\\])(?:Dockerfile|Containerfile)|\.(?:dockerfile|containerfile)$/i.test(doc.uri.path)) return [];
    if (context.triggerKind === vscode.CodeActionTriggerKind.Automatic && !this.advice.hasModel(doc)) return [];
    const model = this.advice.model(doc);
    if (!model) return [];
    const findings = findingsFor(model);
    const text = doc.getText();
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const id = codeOf(d);
      if (!id) continue;
      // The current finding behind the diagnostic (same signal, same start); the diagnostic itself when edits moved it.
      const finding: Finding =
        findings.find((f) => f.signal === id && f.range.start.line === d.range.start.line && f.range.start.character === d.range.start.character) ??
        { signal: id, file: model.file, range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } } };
      const r = checkedFixesFor({ model, text, finding, findings });
      for (const fix of r?.fixes ?? []) actions.push(toAction(doc, fix, d));
    }
    // A HEALTHCHECK is no finding of its own; offer it on the final stage's EXPOSE line when it is safe.
    if (model.format === 'dockerfile') {
      const df = model as DockerfileModel;
      const onExpose = df.instructions.some((i) => i.stage === df.finalStage && i.keyword === 'EXPOSE' && toRange(i.range).intersection(range) !== undefined);
      if (onExpose) for (const fix of checkedHealthcheck(df, text)) actions.push(toAction(doc, fix));
    }
    return actions;
  }
}

export function registerCodeActions(advice: LiveAdviceCache): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(allSelectors(), new AdvisorCodeActionProvider(advice), AdvisorCodeActionProvider.metadata);
}
