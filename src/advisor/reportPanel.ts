// The advice report webview: one reused panel, refreshed after every scan, restored after a reload.
// The document comes from core (renderReportHtml); this class wires it to the editor and acts only
// on validated messages.
import * as vscode from 'vscode';
import { webviewNonce } from '../core/nonce';
import { renderAdviceMarkdown } from '../core/render/adviceText';
import { parseReportMessage, renderReportHtml, type ReportMessage } from '../core/render/reportHtml';
import type { AdviceService } from './adviceService';

export const REPORT_VIEW_TYPE = 'containerOrVm.report';

/** What the panel needs from the rest of the extension. */
export interface ReportHost {
  extensionUri: vscode.Uri;
  advice: AdviceService;
  /** Runs a scan with progress (the "Scan again" button). */
  rescan(): Promise<unknown>;
}

export class ReportPanel {
  private static current: ReportPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private focusIndex: number | undefined;

  /** Shows the panel (creating it once) with the last report, at a workload when one is given. */
  static show(host: ReportHost, focus?: number): ReportPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    const existing = ReportPanel.current;
    if (existing) {
      existing.focusIndex = focus;
      existing.render();
      existing.panel.reveal(column);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, vscode.l10n.t('Should this be a VM?'), column, webviewOptions(host.extensionUri));
    ReportPanel.current = new ReportPanel(panel, host, focus);
    return ReportPanel.current;
  }

  /** Takes over a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, host: ReportHost): void {
    ReportPanel.current?.dispose();
    panel.webview.options = webviewOptions(host.extensionUri);
    ReportPanel.current = new ReportPanel(panel, host, undefined);
  }

  /** Re-renders the open panel, if any, with the last report. */
  static refresh(): void {
    ReportPanel.current?.render();
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly host: ReportHost,
    focus: number | undefined,
  ) {
    this.focusIndex = focus;
    this.render();
    this.panel.onDidDispose(() => this.dispose(), null, this.disposables);
    this.panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), null, this.disposables);
  }

  dispose(): void {
    if (ReportPanel.current === this) ReportPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private render(): void {
    const media = vscode.Uri.joinPath(this.host.extensionUri, 'media');
    const webview = this.panel.webview;
    const report = this.host.advice.last();
    const focus = report && this.focusIndex !== undefined && this.focusIndex < report.workloads.length ? this.focusIndex : undefined;
    webview.html = renderReportHtml(
      report,
      {
        cspSource: webview.cspSource,
        nonce: webviewNonce(),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.css')).toString(),
      },
      focus,
    );
  }

  private receive(raw: unknown): void {
    const message = parseReportMessage(raw);
    if (!message) return; // malformed: ignored, never acted on
    void this.handle(message).catch((e: unknown) => {
      void vscode.window.showErrorMessage(vscode.l10n.t('Container or VM?: {0}', e instanceof Error ? e.message : String(e)));
    });
  }

  private async handle(message: ReportMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'rerun':
        await this.host.rescan();
        return;
      case 'copy': {
        const report = this.host.advice.last();
        if (report) await vscode.env.clipboard.writeText(renderAdviceMarkdown(report));
        return;
      }
      case 'open':
        await this.open(message.file, message.line);
        return;
    }
  }

  /** Opens a file only if the report names it, at a line clamped to the document. */
  private async open(file: string, line: number): Promise<void> {
    const report = this.host.advice.last();
    const known = report?.workloads.some((w) => w.file === file || w.files.includes(file) || w.signals.some((s) => s.file === file));
    const uri = known ? this.host.advice.uriOf(file) : undefined;
    if (!uri) return;
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.validatePosition(new vscode.Position(line - 1, 0));
    await vscode.window.showTextDocument(doc, {
      viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
      selection: new vscode.Range(at, at),
      preview: true,
    });
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
