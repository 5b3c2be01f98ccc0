// activate() registers every command, panel serializer and provider with a stand-in that hands the
// call on to the features (src/features.ts), and loads nothing else: the features are required on
// the first call that needs them. In the Node build they are their own file, dist/features.js, so
// activation costs the few registrations VS Code needs to know of them. What starts the features:
// a command, a restored panel, a hover, CodeLens or quick fixes asked for, a document of a supported
// format open (its diagnostics; right after activation for those already open), or a workspace
// folder with a .container-or-vm.yaml (its errors are shown on the file). Each does exactly what it
// did when everything loaded with the extension. Every disposable goes to context.subscriptions.
// The Node and the web extension both start here.
import * as vscode from 'vscode';
import { COMMAND_IDS, VIEW_TYPES } from './commandIds';
import type { Features } from './features';
import { allSelectors, OTHER_COPIES } from './providers/selectors';

/** The project config file (src/core/config/projectConfig.ts CONFIG_FILE_NAME; test/unit/lazy-activation.test.ts checks they agree). */
const CONFIG_FILE_NAME = '.container-or-vm.yaml';

export function activate(context: vscode.ExtensionContext): void {
  const lensesChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(lensesChanged);
  const selector = allSelectors();

  let features: Features | undefined;
  /** What waits for the features to be needed; disposed once they run. */
  const waiting: vscode.Disposable[] = [];
  const load = (): Features => {
    if (!features) {
      // A plain require, so that the Node build can leave it to dist/features.js (esbuild.mjs).
      const { startFeatures } = require('./features') as typeof import('./features');
      const log = vscode.window.createOutputChannel('Container or VM?', { log: true });
      context.subscriptions.push(log);
      features = startFeatures({ context, log, lensesChanged });
      for (const d of waiting.splice(0)) d.dispose();
    }
    return features;
  };

  for (const id of Object.values(COMMAND_IDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => load().commands[id](...args)));
  }
  for (const viewType of Object.values(VIEW_TYPES)) {
    context.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(viewType, {
        async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
          load().revive(viewType, panel, state);
        },
      }),
    );
  }
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, {
      provideHover: (doc, position, token) => load().hover.provideHover(doc, position, token),
    }),
    vscode.languages.registerCodeLensProvider(selector, {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: (doc) => load().codeLens.provideCodeLenses(doc),
      resolveCodeLens: (lens) => load().codeLens.resolveCodeLens(lens),
    }),
    vscode.languages.registerCodeActionsProvider(
      selector,
      {
        // Asked on its own (every cursor move) before anything was parsed, the provider offers nothing
        // (no diagnostics of ours, no parsed model): no need to load it for that.
        provideCodeActions: (doc, range, ctx, token) =>
          !features && ctx.triggerKind === vscode.CodeActionTriggerKind.Automatic ? [] : load().codeActions.provideCodeActions(doc, range, ctx, token),
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );

  // Until the features run: what would need them at once (the diagnostics of an open document of a
  // supported format, the errors of a folder's config file) starts them.
  const needed = (doc: vscode.TextDocument) => !OTHER_COPIES.has(doc.uri.scheme) && vscode.languages.match(selector, doc) > 0;
  let disposed = false;
  const start = () => void (disposed || features || load());
  const checkFolders = () => {
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      vscode.workspace.fs.stat(vscode.Uri.joinPath(f.uri, CONFIG_FILE_NAME)).then(start, () => undefined);
    }
  };
  waiting.push(vscode.workspace.onDidOpenTextDocument((doc) => needed(doc) && start()));
  // After activation, not in it: the documents already open, the folders' config files and a watch
  // for config files to come.
  const first = setTimeout(() => {
    if (features) return;
    if (vscode.workspace.textDocuments.some(needed)) return start();
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`, false, false, true);
    waiting.push(configWatcher, configWatcher.onDidCreate(start), configWatcher.onDidChange(start), vscode.workspace.onDidChangeWorkspaceFolders(checkFolders));
    checkFolders();
  }, 0);
  context.subscriptions.push({
    dispose: () => {
      disposed = true;
      clearTimeout(first);
      for (const d of waiting.splice(0)) d.dispose();
    },
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
