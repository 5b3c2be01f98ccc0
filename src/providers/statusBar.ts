// The workspace's overall verdict in the status bar after a scan; hidden until one has run.
// Clicking opens the report.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commandIds';
import { statusText, statusTooltip } from '../core/render/lens';
import type { ReportSource } from './liveAdvice';

export const STATUS_ITEM_ID = 'containerOrVm.verdict';

export class AdvisorStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly reports: ReportSource) {
    this.item.name = vscode.l10n.t('Container or VM?');
    this.item.command = COMMAND_IDS.openReport;
    this.subscription = reports.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const report = this.reports.last();
    if (!report) {
      this.item.hide();
      return;
    }
    this.item.text = `$(server-environment) ${statusText(report)}`;
    this.item.tooltip = statusTooltip(report);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Container or VM? {0}', statusText(report)), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
