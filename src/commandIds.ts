// The extension's command and webview ids, apart from their handlers, so that activate()
// (src/extension.ts) can register every command and panel without loading what they run.
// package.json's `contributes.commands` and `activationEvents` list the same ids.

export const COMMAND_IDS = {
  advise: 'containerOrVm.advise',
  openComparison: 'containerOrVm.openComparison',
  openReport: 'containerOrVm.openReport',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** The webview panels VS Code restores after a reload (`onWebviewPanel:<viewType>` in package.json). */
export const VIEW_TYPES = {
  comparison: 'containerOrVm.comparison',
  report: 'containerOrVm.report',
} as const;

export type ViewType = (typeof VIEW_TYPES)[keyof typeof VIEW_TYPES];
