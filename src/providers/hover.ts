// Hover: what the line under the pointer is, and what it means for container versus VM.
// A thin shell over core/explain; the words come from the knowledge records.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commands';
import { hoverShowsGeneric, settings } from '../config';
import type { ParseCache } from '../core/cache';
import { explainAt } from '../core/explain';
import { allSelectors } from './selectors';
import { modelOf, toPos, toRange } from './model';

/** Context key set once a hover has been shown; completes the walkthrough's "Hover a Dockerfile" step. */
export const HOVERED_CONTEXT = 'containerOrVm.hovered';

export class ExplainHoverProvider implements vscode.HoverProvider {
  private hovered = false;

  constructor(private readonly cache: ParseCache) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const s = settings();
    if (!s.hover.enabled) return undefined;
    const model = modelOf(this.cache, doc);
    if (!model || s.hover.off.has(model.format)) return undefined;
    const ex = explainAt(model, toPos(position), { generic: hoverShowsGeneric(s.hover.verbosity) });
    if (!ex) return undefined;
    const md = new vscode.MarkdownString(ex.markdown);
    // Only the comparison command may run from a hover link; nothing else in the text is trusted.
    md.isTrusted = { enabledCommands: [COMMAND_IDS.openComparison] };
    if (!this.hovered) {
      this.hovered = true;
      void vscode.commands.executeCommand('setContext', HOVERED_CONTEXT, true);
    }
    return new vscode.Hover(md, toRange(ex.range));
  }
}

export function registerHover(cache: ParseCache): vscode.Disposable {
  return vscode.languages.registerHoverProvider(allSelectors(), new ExplainHoverProvider(cache));
}
