// Quick fixes for the advisor's diagnostics. The edits come from core/fixes.ts, each checked by
// core/fixCheck.ts on the document's text before it is offered; here they become a WorkspaceEdit the
// user picks (and can undo), attached to the diagnostic it fixes. Where a fix could
// quietly break the workload none is offered, and the diagnostic says why instead.
//
// A check parses the whole edited text again and runs the advisor on it: on a file of a few MB that
// is seconds. So on the desktop a document of OFF_THREAD_FROM characters or more (64 KB) is checked
// on the document thread (dist/fixWorker.js, LiveAdviceCache.offThread), which holds its parse
// already, and the answer comes as a promise; smaller documents are checked on the spot, as are all
// of them on the web and when the thread cannot start.
import * as vscode from 'vscode';
import type { Fix } from '../core/fixes';
import { hasFixer } from '../core/fixes';
import { quickFixesAt, type FixAsk, type QuickFixAnswer } from '../core/quickFixes';
import type { Range } from '../core/parse/types';
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

  provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token?: vscode.CancellationToken,
  ): vscode.CodeAction[] | Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // VS Code asks on its own after every cursor move, so after every keystroke: with none of our
    // diagnostics here and no Dockerfile, there is nothing to offer; and a version not parsed yet is
    // left to the debounced diagnostics, which parse it once typing pauses (VS Code asks again when they
    // change). Asked for explicitly (Ctrl+., the light bulb), the document is parsed if need be.
    const ours = context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours && doc.languageId !== 'dockerfile' && !/(?:^|[/\\])(?:Dockerfile|Containerfile)|\.(?:dockerfile|containerfile)$/i.test(doc.uri.path)) return [];
    if (context.triggerKind === vscode.CodeActionTriggerKind.Automatic && !this.advice.hasModel(doc)) return [];
    const diagnostics: vscode.Diagnostic[] = [];
    const asks: FixAsk[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const id = codeOf(d);
      if (!id) continue;
      diagnostics.push(d);
      asks.push({ signal: id, range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } } });
    }
    const at: Range = { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
    const toActions = (a: QuickFixAnswer): vscode.CodeAction[] => {
      const actions: vscode.CodeAction[] = [];
      a.fixes.forEach((fixes, i) => fixes.forEach((fix) => actions.push(toAction(doc, fix, diagnostics[i]))));
      for (const fix of a.healthcheck) actions.push(toAction(doc, fix));
      return actions;
    };
    const off = this.advice.offThread(doc);
    if (off) {
      const version = doc.version;
      return off.thread.fixes(off.doc, asks, at).then(
        (a) => (token?.isCancellationRequested || doc.isClosed || doc.version !== version ? [] : toActions(a)),
        // The thread failed: checked on the spot (unless the document changed meanwhile).
        () => (token?.isCancellationRequested || doc.isClosed || doc.version !== version ? [] : this.onTheSpot(doc, asks, at, toActions)),
      );
    }
    return this.onTheSpot(doc, asks, at, toActions);
  }

  private onTheSpot(doc: vscode.TextDocument, asks: FixAsk[], at: Range, toActions: (a: QuickFixAnswer) => vscode.CodeAction[]): vscode.CodeAction[] {
    const model = this.advice.model(doc);
    if (!model) return [];
    // Only diagnostics whose signal has a fixer in this format can have fixes; a HEALTHCHECK is no
    // finding of its own, offered on the final stage's EXPOSE line when it is safe (quickFixesAt).
    if (!asks.some((a) => hasFixer(a.signal, model.format)) && model.format !== 'dockerfile') return [];
    return toActions(quickFixesAt(model, doc.getText(), asks, at));
  }
}

export function registerCodeActions(advice: LiveAdviceCache): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(allSelectors(), new AdvisorCodeActionProvider(advice), AdvisorCodeActionProvider.metadata);
}
