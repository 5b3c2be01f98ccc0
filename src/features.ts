// Everything the extension does, started on the first call that needs it (src/extension.ts): the
// parse cache, the advisor, the hover, CodeLens, diagnostics and quick fixes, the status bar, the
// project config's checks, the command handlers and the two panels. The Node build makes this its own
// file, dist/features.js, so that activation loads none of it; the web build bundles it with
// extension.js (a web worker loads no other module) and runs it as late.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AdviceService } from './advisor/adviceService';
import { registerAdvisor, reviveReport } from './advisor/adviseCommands';
import { commandHandlers } from './commands';
import { VIEW_TYPES, type CommandId, type ViewType } from './commandIds';
import { ComparisonPanel } from './panel/comparisonPanel';
import { ParseCache } from './core/cache';
import { ExplainHoverProvider } from './providers/hover';
import { AdvisorCodeActionProvider } from './providers/codeActions';
import { AdvisorCodeLensProvider } from './providers/codelens';
import { registerDiagnostics } from './providers/diagnostics';
import { registerProjectConfig } from './providers/projectConfig';
import { defaultDocumentThread, LiveAdviceCache } from './providers/liveAdvice';
import { AdvisorStatusBar } from './providers/statusBar';
import { forgetClosedDocuments } from './providers/model';
import type { Services } from './services';

declare const __WEB_BUILD__: boolean | undefined;

/** What activate()'s registrations hand their calls to. */
export interface Features {
  commands: Record<CommandId, (...args: unknown[]) => unknown>;
  revive(viewType: ViewType, panel: vscode.WebviewPanel, state: unknown): void;
  hover: vscode.HoverProvider;
  codeLens: AdvisorCodeLensProvider;
  codeActions: AdvisorCodeActionProvider;
}

/** What activate() made before the features were loaded. */
export interface Started {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  /** Fired whenever the CodeLens provider's own onDidChangeCodeLenses fires (the registered provider's event). */
  lensesChanged: vscode.EventEmitter<void>;
}

/** Starts every feature once; every disposable goes to context.subscriptions. */
export function startFeatures({ context, log, lensesChanged }: Started): Features {
  // src/core renders through @vscode/l10n, which cannot read VS Code's display language itself:
  // hand it the bundle VS Code loaded for this extension (none in English), before anything renders.
  const bundle = vscode.l10n.bundle;
  if (bundle && typeof bundle === 'object') l10n.config({ contents: bundle });
  const cache = new ParseCache();
  const advice = new AdviceService(log);
  context.subscriptions.push(advice);
  const services: Services = { context, log, cache, advice };
  ComparisonPanel.useStore(context.workspaceState);
  context.subscriptions.push(registerAdvisor(services), forgetClosedDocuments(cache));
  // The document thread is the desktop's (worker_threads); the web build leaves it out altogether.
  const live = new LiveAdviceCache(cache, advice, typeof __WEB_BUILD__ !== 'undefined' ? undefined : defaultDocumentThread());
  const codeLens = new AdvisorCodeLensProvider(live, advice);
  const codeActions = new AdvisorCodeActionProvider(live);
  context.subscriptions.push(live, codeLens, codeLens.onDidChangeCodeLenses(() => lensesChanged.fire()));
  context.subscriptions.push(registerDiagnostics(live), new AdvisorStatusBar(advice), registerProjectConfig());
  return {
    commands: commandHandlers(services),
    revive(viewType, panel, state) {
      if (viewType === VIEW_TYPES.comparison) ComparisonPanel.revive(panel, state, context);
      else reviveReport(services, panel);
    },
    hover: new ExplainHoverProvider(cache, live),
    codeLens,
    codeActions,
  };
}
