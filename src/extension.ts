// activate() wires things up and does nothing else; every disposable goes to context.subscriptions.
// The Node and the web extension both start here.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AdviceService } from './advisor/adviceService';
import { registerAdvisor } from './advisor/adviseCommands';
import { registerCommands } from './commands';
import { registerComparisonPanel } from './panel/comparisonPanel';
import { ParseCache } from './core/cache';
import { registerHover } from './providers/hover';
import { registerCodeActions } from './providers/codeActions';
import { registerCodeLens } from './providers/codelens';
import { registerDiagnostics } from './providers/diagnostics';
import { registerProjectConfig } from './providers/projectConfig';
import { LiveAdviceCache } from './providers/liveAdvice';
import { AdvisorStatusBar } from './providers/statusBar';
import { forgetClosedDocuments } from './providers/model';
import type { Services } from './services';

export function activate(context: vscode.ExtensionContext): void {
  // src/core renders through @vscode/l10n, which cannot read VS Code's display language itself:
  // hand it the bundle VS Code loaded for this extension (none in English), before anything renders.
  const bundle = vscode.l10n.bundle;
  if (bundle && typeof bundle === 'object') l10n.config({ contents: bundle });
  const log = vscode.window.createOutputChannel('Container or VM?', { log: true });
  context.subscriptions.push(log);
  const cache = new ParseCache();
  const advice = new AdviceService(log);
  context.subscriptions.push(advice);
  const services: Services = { context, log, cache, advice };
  registerCommands(context, services);
  context.subscriptions.push(registerComparisonPanel(context));
  context.subscriptions.push(registerAdvisor(services));
  context.subscriptions.push(forgetClosedDocuments(cache), registerHover(cache));
  const live = new LiveAdviceCache(cache, advice);
  context.subscriptions.push(registerCodeLens(live, advice), registerDiagnostics(live), registerCodeActions(live), new AdvisorStatusBar(advice));
  context.subscriptions.push(registerProjectConfig());
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
