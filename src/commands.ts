// The one table of command ids and their handlers. package.json's `contributes.commands` lists the same ids.
import * as vscode from 'vscode';
import { advise, openReport } from './advisor/adviseCommands';
import { openComparison } from './panel/comparisonPanel';
import type { Services } from './services';

export const COMMAND_IDS = {
  advise: 'containerOrVm.advise',
  openComparison: 'containerOrVm.openComparison',
  openReport: 'containerOrVm.openReport',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

type Handler = (services: Services, ...args: unknown[]) => unknown;

/** Every command and its handler; a command id without a handler does not type-check. */
const HANDLERS: Record<CommandId, Handler> = {
  [COMMAND_IDS.openComparison]: (services, arg) => openComparison(services.context, arg),
  [COMMAND_IDS.advise]: (services) => advise(services),
  [COMMAND_IDS.openReport]: (services, arg) => openReport(services, arg),
};

export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  for (const [id, handler] of Object.entries(HANDLERS) as [CommandId, Handler][]) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => handler(services, ...args)));
  }
}
