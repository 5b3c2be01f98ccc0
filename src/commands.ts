// The one table of command handlers. The ids are in src/commandIds.ts (activate() registers them
// without loading this file); package.json's `contributes.commands` lists the same ids.
import { advise, openReport } from './advisor/adviseCommands';
import { COMMAND_IDS, type CommandId } from './commandIds';
import { openComparison } from './panel/comparisonPanel';
import type { Services } from './services';

export { COMMAND_IDS, type CommandId } from './commandIds';

type Handler = (services: Services, ...args: unknown[]) => unknown;

/** Every command and its handler; a command id without a handler does not type-check. */
const HANDLERS: Record<CommandId, Handler> = {
  [COMMAND_IDS.openComparison]: (services, arg) => openComparison(services.context, arg),
  [COMMAND_IDS.advise]: (services) => advise(services),
  [COMMAND_IDS.openReport]: (services, arg) => openReport(services, arg),
};

/** Every command's handler, bound to the services (src/features.ts gives them to activate()'s registrations). */
export function commandHandlers(services: Services): Record<CommandId, (...args: unknown[]) => unknown> {
  const out = {} as Record<CommandId, (...args: unknown[]) => unknown>;
  for (const [id, handler] of Object.entries(HANDLERS) as [CommandId, Handler][]) out[id] = (...args: unknown[]) => handler(services, ...args);
  return out;
}
