// The comparison webview: one reused panel, restored after a reload by its serializer. The document
// comes from core (renderPanelHtml); this class only wires it to the editor and acts on validated
// messages.
import * as vscode from 'vscode';
import { compareTable, renderCompareMarkdown } from '../core/compare';
import { isDimensionId } from '../core/knowledge/dimensions';
import type { DimensionId } from '../core/knowledge/types';
import { webviewNonce } from '../core/nonce';
import { renderPanelHtml } from '../core/render/panelHtml';
import {
  MAX_STORED_MARKS,
  parseDimensionMarks,
  parsePanelState,
  parseWebviewMessage,
  pathsInsideRoots,
  type DimensionMarks,
  type ExtensionMessage,
  type PanelState,
  type WebviewMessage,
} from './protocol';

export const COMPARISON_VIEW_TYPE = 'containerOrVm.comparison';
/** Where the last scan's marks are kept, so a panel restored after a reload still shows them. */
const MARKS_KEY = 'containerOrVm.comparison.marks';

export class ComparisonPanel {
  private static current: ComparisonPanel | undefined;
  /** Evidence from the latest scan, kept so a panel opened later shows it too. */
  private static marks: DimensionMarks | undefined;
  /** The workspace's state, where the marks outlive a window reload. */
  private static store: vscode.Memento | undefined;

  /** Reads the marks kept from the last session (validated: the store is only ours, but may be from an older version). */
  static useStore(store: vscode.Memento): void {
    ComparisonPanel.store = store;
    ComparisonPanel.marks ??= parseDimensionMarks(store.get<unknown>(MARKS_KEY)) ?? undefined;
  }

  private readonly disposables: vscode.Disposable[] = [];
  private state: PanelState;

  /** Shows the panel (creating it once), focusing a dimension's row when one is given. */
  static createOrShow(context: vscode.ExtensionContext, focus?: DimensionId): ComparisonPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    const existing = ComparisonPanel.current;
    if (existing) {
      existing.panel.reveal(column);
      if (focus) existing.focus(focus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(COMPARISON_VIEW_TYPE, vscode.l10n.t('Container or VM? Comparison'), column, webviewOptions(context.extensionUri));
    const state: PanelState = focus ? { filter: '', sandboxed: true, focus } : { filter: '', sandboxed: true };
    ComparisonPanel.current = new ComparisonPanel(panel, context.extensionUri, state);
    return ComparisonPanel.current;
  }

  /** Takes over a panel restored by VS Code after a reload; `state` is what the webview saved. */
  static revive(panel: vscode.WebviewPanel, state: unknown, context: vscode.ExtensionContext): ComparisonPanel {
    ComparisonPanel.current?.dispose();
    panel.webview.options = webviewOptions(context.extensionUri);
    ComparisonPanel.current = new ComparisonPanel(panel, context.extensionUri, parsePanelState(state) ?? { filter: '', sandboxed: true });
    return ComparisonPanel.current;
  }

  /** Shows a scan's evidence per dimension in the open panel, and in any panel opened later. */
  static setWorkspaceMarks(marks: DimensionMarks): void {
    ComparisonPanel.marks = marks;
    ComparisonPanel.current?.post({ type: 'show', marks });
    // Kept bounded: a huge workspace's evidence would otherwise grow the state database.
    const kept: DimensionMarks = {};
    for (const [id, list] of Object.entries(marks) as [DimensionId, DimensionMarks[DimensionId]][]) kept[id] = (list ?? []).slice(0, MAX_STORED_MARKS);
    void ComparisonPanel.store?.update(MARKS_KEY, kept);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    state: PanelState,
  ) {
    this.state = state;
    this.render();
    this.panel.onDidDispose(() => this.dispose(), null, this.disposables);
    this.panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), null, this.disposables);
  }

  focus(dimension: DimensionId): void {
    this.state = { ...this.state, focus: dimension };
    this.post({ type: 'focus', dimension });
  }

  dispose(): void {
    if (ComparisonPanel.current === this) ComparisonPanel.current = undefined;
    // Dispose our listeners before the panel so onDidDispose does not call back into us.
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private render(): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const webview = this.panel.webview;
    webview.html = renderPanelHtml(
      {
        table: compareTable(),
        marks: ComparisonPanel.marks,
        focus: this.state.focus,
        sandboxed: this.state.sandboxed,
        filter: this.state.filter,
      },
      {
        cspSource: webview.cspSource,
        nonce: webviewNonce(),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css')).toString(),
      },
    );
  }

  private post(message: ExtensionMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return; // malformed: ignored, never acted on
    void this.handle(message).catch((e: unknown) => {
      void vscode.window.showErrorMessage(vscode.l10n.t('Container or VM?: {0}', e instanceof Error ? e.message : String(e)));
    });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // The document is rebuilt whenever the panel comes back from hiding; bring it up to date.
        if (ComparisonPanel.marks) this.post({ type: 'show', marks: ComparisonPanel.marks });
        if (this.state.focus) this.post({ type: 'focus', dimension: this.state.focus });
        return;
      case 'state':
        this.state = message.state;
        return;
      case 'copyMarkdown':
        await vscode.env.clipboard.writeText(renderCompareMarkdown({ sandboxed: this.state.sandboxed }));
        return;
      case 'openFile':
        await this.openFile(message.file, message.line);
        return;
    }
  }

  /** Opens a file named by the webview only if it lies inside a workspace folder and exists. */
  private async openFile(file: string, line: number): Promise<void> {
    // Marks name local files by their file-system path, others by the report's relative name.
    const wanted = /^([a-z]:)?[\\/]/i.test(file) ? vscode.Uri.file(file).path : file;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const candidates = pathsInsideRoots(wanted, [folder.uri.path]).map((p) => folder.uri.with({ path: p }));
      const found = await firstFile(candidates);
      if (!found) continue;
      const doc = await vscode.workspace.openTextDocument(found);
      const at = doc.validatePosition(new vscode.Position(line - 1, 0));
      await vscode.window.showTextDocument(doc, {
        viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
        selection: new vscode.Range(at, at),
        preview: true,
      });
      return;
    }
    void vscode.window.showWarningMessage(vscode.l10n.t('Container or VM?: {0} is not a file in this workspace.', file));
  }
}

/** The first of `uris` that is a file, read through vscode.workspace.fs (local, remote and web alike). */
async function firstFile(uris: vscode.Uri[]): Promise<vscode.Uri | undefined> {
  for (const uri of uris) {
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (stat && stat.type & vscode.FileType.File) return uri;
  }
  return undefined;
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The `containerOrVm.openComparison` command: optional `{dimension}` argument, as hover links pass it. */
export function openComparison(context: vscode.ExtensionContext, arg?: unknown): void {
  let focus: DimensionId | undefined;
  if (isDimensionId(arg)) focus = arg;
  else if (typeof arg === 'object' && arg !== null && Object.prototype.hasOwnProperty.call(arg, 'dimension')) {
    const d = (arg as { dimension: unknown }).dimension;
    if (isDimensionId(d)) focus = d;
  }
  ComparisonPanel.createOrShow(context, focus);
}

/** What the advisor calls after a scan: per dimension, the evidence that touched it. */
export function setWorkspaceMarks(marks: DimensionMarks): void {
  ComparisonPanel.setWorkspaceMarks(marks);
}

/** Restores the panel after a window reload. Register once from activate(). */
export function registerComparisonPanel(context: vscode.ExtensionContext): vscode.Disposable {
  ComparisonPanel.useStore(context.workspaceState);
  return vscode.window.registerWebviewPanelSerializer(COMPARISON_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      ComparisonPanel.revive(panel, state, context);
    },
  });
}
