// The commands "Should this be a VM?" (containerOrVm.advise) and containerOrVm.openReport, and the
// wiring that keeps the report panel and the comparison's workspace marks up to date after a scan.
import * as vscode from 'vscode';
import type { AdviceReport } from '../core/advisor/advise';
import { marksOf } from '../core/advisor/marks';
import { workloadIndex } from '../core/render/reportHtml';
import { setWorkspaceMarks } from '../panel/comparisonPanel';
import type { Services } from '../services';
import { ReportPanel, type ReportHost } from './reportPanel';

/** Shortest time between two progress messages. */
const PROGRESS_EVERY_MS = 150;

function host(services: Services): ReportHost {
  return { extensionUri: services.context.extensionUri, advice: services.advice, rescan: () => scanWithProgress(services) };
}

/** Scans with a cancellable progress notification; undefined when cancelled or no folder is open. */
export async function scanWithProgress(services: Services): Promise<AdviceReport | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Container or VM?: open a folder to scan its containers and virtual machines.'));
    return undefined;
  }
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Should this be a VM?'), cancellable: true },
      (progress, token) => {
        let shown = 0;
        return services.advice.run({
          token,
          onProgress: (p) => {
            const now = Date.now();
            if (now - shown < PROGRESS_EVERY_MS) return;
            shown = now;
            progress.report({ message: vscode.l10n.t('{0} files scanned, {1}/{2} configuration candidates read', p.files, p.done, p.candidates) });
          },
        });
      },
    );
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    services.log.error(`Advisor: scan failed: ${msg}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Container or VM?: the scan failed: {0}', msg));
    return undefined;
  }
}

/** `containerOrVm.advise`: scan, then show (or refresh) the report. Returns the report (for other extensions and tests). */
export async function advise(services: Services): Promise<AdviceReport | undefined> {
  const report = await scanWithProgress(services);
  if (report) ReportPanel.show(host(services));
  return report;
}

/** `containerOrVm.openReport`, optional `{file, line}` of a workload: reveals the report there, scanning first if there is no report yet. */
export async function openReport(services: Services, arg?: unknown): Promise<void> {
  const report = services.advice.last() ?? (await scanWithProgress(services));
  if (!report) return;
  let at: { file?: unknown; line?: unknown } | undefined;
  if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
    const a = arg as { file?: unknown; line?: unknown };
    let file = a.file;
    // A URI or an absolute path is turned into the report's relative name.
    if (file instanceof vscode.Uri) file = services.advice.fileOf(file);
    else if (typeof file === 'string' && (file.startsWith('/') || /^[a-z][\w+.-]*:/i.test(file))) file = services.advice.fileOf(/^[a-z][\w+.-]+:\/\//i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file)) ?? file;
    at = { file, line: a.line };
  }
  ReportPanel.show(host(services), workloadIndex(report, at));
}

/** Keeps the open report and the comparison's marks in step with the last scan. */
export function registerAdvisor(services: Services): vscode.Disposable {
  return services.advice.onDidChange((report) => {
    ReportPanel.refresh();
    setWorkspaceMarks(marksOf(report, (f) => {
      const uri = services.advice.uriOf(f);
      return uri && uri.scheme === 'file' ? uri.fsPath : f;
    }));
  });
}

/** Takes over the report panel VS Code restored after a reload (activate() registers the serializer of REPORT_VIEW_TYPE). */
export function reviveReport(services: Services, panel: vscode.WebviewPanel): void {
  ReportPanel.revive(panel, host(services));
}
