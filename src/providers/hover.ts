// Hover: what the line under the pointer is, and what it means for container versus VM.
// A thin shell over core/explain; the words come from the knowledge records. A large document's
// hover is made on the document thread (LiveAdviceCache.offThread) and comes as a promise, shown only
// if the document is still at the version asked about and the request was not cancelled.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commands';
import { formatsWithoutGeneric, hoverShowsGeneric, settings } from '../config';
import type { ParseCache } from '../core/cache';
import { explainAt } from '../core/explain';
import type { HoverAnswer } from '../node/documentProtocol';
import type { LiveAdviceCache } from './liveAdvice';
import { allSelectors } from './selectors';
import { modelOf, toPos, toRange } from './model';

/** Context key set once a hover has been shown; completes the walkthrough's "Hover a Dockerfile" step. */
export const HOVERED_CONTEXT = 'containerOrVm.hovered';

export class ExplainHoverProvider implements vscode.HoverProvider {
  private hovered = false;

  /** `live`: where large documents are answered (its document thread); without it, all on the spot. */
  constructor(
    private readonly cache: ParseCache,
    private readonly live?: LiveAdviceCache,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): vscode.Hover | undefined | Promise<vscode.Hover | undefined> {
    const s = settings();
    if (!s.hover.enabled) return undefined;
    const withoutGeneric = formatsWithoutGeneric(s.hover.verbosity);
    const off = this.live?.offThread(doc);
    if (off) {
      const version = doc.version;
      return off.thread.hover(off.doc, toPos(position), withoutGeneric, [...s.hover.off]).then(
        (ex) => (ex && !token?.isCancellationRequested && !doc.isClosed && doc.version === version ? this.hoverOf(ex) : undefined),
        () => (token?.isCancellationRequested || doc.version !== version ? undefined : this.onTheSpot(doc, position)),
      );
    }
    return this.onTheSpot(doc, position);
  }

  private onTheSpot(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const s = settings();
    const model = modelOf(this.cache, doc);
    if (!model || s.hover.off.has(model.format)) return undefined;
    const ex = explainAt(model, toPos(position), { generic: hoverShowsGeneric(s.hover.verbosity, model.format) });
    return ex ? this.hoverOf(ex) : undefined;
  }

  private hoverOf(ex: HoverAnswer): vscode.Hover {
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

export function registerHover(cache: ParseCache, live?: LiveAdviceCache): vscode.Disposable {
  return vscode.languages.registerHoverProvider(allSelectors(), new ExplainHoverProvider(cache, live));
}
