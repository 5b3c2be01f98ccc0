// activate() wires things up and does nothing else; every disposable goes to context.subscriptions.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerComparisonPanel } from './panel/comparisonPanel';
import { ParseCache } from './core/cache';
import { registerHover } from './providers/hover';
import { forgetClosedDocuments } from './providers/model';
import type { Services } from './services';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Container or VM?', { log: true });
  context.subscriptions.push(log);
  const cache = new ParseCache();
  const services: Services = { context, log, cache };
  registerCommands(context, services);
  context.subscriptions.push(registerComparisonPanel(context));
  context.subscriptions.push(forgetClosedDocuments(cache), registerHover(cache));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
