// activate() wires things up and does nothing else; every disposable goes to context.subscriptions.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import type { Services } from './services';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Container or VM?', { log: true });
  context.subscriptions.push(log);
  const services: Services = { context, log };
  registerCommands(context, services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
