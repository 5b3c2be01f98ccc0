// Runs the advisor over the workspace and keeps the last report for everyone who shows it: the
// report panel, CodeLens, the status bar. One instance, created in activate().
import * as vscode from 'vscode';
import { AdviceCache, adviseWorkspace, CancelledError, type AdviceReport, type AdviceWorkload, type AdviseProgress } from '../core/advisor/advise';
import { exclusionsHidingScannedFiles } from '../core/advisor/scan';
import { basename } from '../core/fs';
import { isCandidateName } from '../core/parse/detect';
import { filesExclude, folderSettings, settings, watcherExclude } from '../config';
import { VscodeFs } from './vscodeFs';

export interface RunOptions {
  onProgress?: (p: AdviseProgress) => void;
  token?: vscode.CancellationToken;
}

interface Root {
  /** Prefix of this folder's files in the report ('' in a single-folder workspace). */
  label: string;
  uri: vscode.Uri;
}

/** Quiet time after the last save before the advisor runs again. */
const REFRESH_DELAY_MS = 500;

export class AdviceService implements vscode.Disposable {
  private report: AdviceReport | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private roots: Root[] = [];
  private readonly cache = new AdviceCache();
  private readonly changed = new vscode.EventEmitter<AdviceReport>();
  private running: Promise<AdviceReport | undefined> | undefined;

  /** Fires after every completed scan with the new report. */
  readonly onDidChange = this.changed.event;

  private readonly disposables: vscode.Disposable[] = [];
  /** Whether the file watcher runs: from the first scan on, so a window that never scans watches nothing. */
  private watching = false;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(this.refreshOnSave());
  }

  /** The last completed report, if any. */
  last(): AdviceReport | undefined {
    return this.report;
  }

  /** Scans every workspace folder; a second call while one runs waits for it. Undefined when cancelled or there is no folder. */
  run(options: RunOptions = {}): Promise<AdviceReport | undefined> {
    if (!this.running) {
      this.running = this.scan(options).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** The editor's URI of a file as the report names it. */
  uriOf(file: string): vscode.Uri | undefined {
    if (this.roots.length === 1 && this.roots[0].label === '') return vscode.Uri.joinPath(this.roots[0].uri, ...file.split('/'));
    const root = this.roots.find((r) => file.startsWith(r.label + '/'));
    return root ? vscode.Uri.joinPath(root.uri, ...file.slice(root.label.length + 1).split('/')) : undefined;
  }

  /** A document's path as the report names it, when it lies in a scanned folder. */
  fileOf(uri: vscode.Uri): string | undefined {
    for (const r of this.roots) {
      if (r.uri.scheme !== uri.scheme || r.uri.authority !== uri.authority) continue;
      const base = r.uri.path.replace(/\/+$/, '') + '/';
      if (!uri.path.startsWith(base)) continue;
      const rel = uri.path.slice(base.length);
      return r.label ? `${r.label}/${rel}` : rel;
    }
    return undefined;
  }

  /** The workloads of the last report that a document defines or contributes evidence to. */
  workloadsIn(uri: vscode.Uri): AdviceWorkload[] {
    const file = this.fileOf(uri);
    if (!this.report || file === undefined) return [];
    return this.report.workloads.filter((w) => w.files.includes(file));
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }

  private async scan(options: RunOptions): Promise<AdviceReport | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) return undefined;
    if (!this.watching) {
      this.watching = true;
      this.disposables.push(...this.watchChanges());
    }
    // Each folder with its own settings: containerOrVm.exclude and maxFileSize are resource-scoped,
    // and files.exclude is matched from the folder, as the editor matches it.
    const perRoot = folders.map((f) => {
      const own = folderSettings(f.uri);
      return { exclude: own.exclude, folderExclude: filesExclude(f.uri), maxFileSize: own.maxFileSize };
    });
    const fs = new VscodeFs(folders.map((f) => f.uri));
    // Unsaved editors count with what is on screen, keyed by their version.
    const dirty = new Map<string, { text: string; version: string }>();
    for (const d of vscode.workspace.textDocuments) if (d.isDirty) dirty.set(`${d.uri.scheme}:${d.uri.authority}:${d.uri.path}`, { text: d.getText(), version: `dirty-${d.version}` });
    const started = Date.now();
    let report: AdviceReport;
    try {
      report = await adviseWorkspace(
        fs,
        folders.map((f) => f.uri.path),
        {
          perRoot,
          labels: folders.map((f) => f.name),
          cache: this.cache,
          onProgress: options.onProgress,
          isCancelled: () => options.token?.isCancellationRequested ?? false,
          overlay: (path) => {
            const uri = fs.uriOf(path);
            return dirty.get(`${uri.scheme}:${uri.authority}:${uri.path}`);
          },
        },
      );
    } catch (e) {
      if (e instanceof CancelledError) {
        this.log.info('Advisor: scan cancelled');
        return undefined;
      }
      throw e;
    }
    this.roots = folders.length === 1 ? [{ label: '', uri: folders[0].uri }] : (report.roots ?? []).map((r, i) => ({ label: r.label, uri: folders[i].uri }));
    this.report = report;
    this.logReasoning(report, Date.now() - started);
    this.changed.fire(report);
    return report;
  }

  /**
   * From the first scan on (the watcher is recursive, so it is not started before it is of use),
   * tells the scan cache of every change on disk, so a re-scan reads only the files that changed and
   * walks the folders again only after files came or went. Only while the watcher sees everything
   * the scan reads: every folder on the local disk, and no files.watcherExclude pattern outside the
   * folders the scan skips. Otherwise every re-scan checks every file, as the CLI does.
   */
  private watchChanges(): vscode.Disposable[] {
    const decide = () => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      const hidden = folders.flatMap((f) => exclusionsHidingScannedFiles(watcherExclude(f.uri)));
      const local = folders.length > 0 && folders.every((f) => f.uri.scheme === 'file');
      if (local && hidden.length === 0) {
        this.cache.trackChanges();
        // The folders or the exclusions may be new: walk again once.
        this.cache.treeChanged();
      } else {
        this.cache.untrack();
        if (hidden.length) this.log.info(`Advisor: every re-scan checks every file, because files.watcherExclude hides ${[...new Set(hidden)].join(', ')}`);
      }
    };
    decide();
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    return [
      watcher,
      watcher.onDidChange((uri) => this.cache.fileChanged(uri.path)),
      watcher.onDidCreate((uri) => this.cache.treeChanged(uri.path)),
      watcher.onDidDelete((uri) => this.cache.treeChanged(uri.path)),
      vscode.workspace.onDidChangeWorkspaceFolders(decide),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.watcherExclude')) decide();
      }),
    ];
  }

  /**
   * Once there is a report, saving a file the scan reads runs the advisor again, half a second after
   * the last save, so the report, the status bar and the comparison's marks follow the files. The
   * save itself tells the cache the file changed (the watcher's event may come later).
   */
  private refreshOnSave(): vscode.Disposable {
    return vscode.workspace.onDidSaveTextDocument((doc) => {
      if (!this.report || !settings().advisor.refreshOnSave) return;
      if (!isCandidateName(basename(doc.uri.path)) || !vscode.workspace.getWorkspaceFolder(doc.uri)) return;
      this.cache.fileChanged(doc.uri.path);
      if (this.refreshTimer) clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = undefined;
        void this.refresh();
      }, REFRESH_DELAY_MS);
    });
  }

  /** Runs again after any run in progress (which may have read the file before it was saved). */
  private async refresh(): Promise<void> {
    await this.running?.catch(() => undefined);
    try {
      await this.run();
    } catch (e) {
      this.log.warn(`Advisor: refresh after a save failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private logReasoning(r: AdviceReport, ms: number): void {
    this.log.info(`Advisor: ${r.verdict} overall; ${r.workloads.length} workloads, ${r.stats.files} files, ${r.stats.configFiles} configuration files (${r.stats.parsed} parsed, ${r.stats.reused} unchanged), ${r.skipped.length} skipped, ${ms} ms`);
    for (const w of r.workloads) {
      const s = w.scores;
      this.log.debug(
        `Advisor: ${w.name} (${w.kind}, ${w.file}:${w.line}) → ${w.verdict}, confidence ${w.confidence}; scores vm ${s.vm}, sandbox ${s.sandbox}, harden ${s.harden}, container ${s.container}`,
      );
      for (const sig of w.signals) this.log.debug(`Advisor:   ${sig.direction} ${sig.id} (${sig.weight}) at ${sig.file}:${sig.line}`);
      for (const c of w.changes) this.log.debug(`Advisor:   would change: ${c}`);
    }
    for (const k of r.skipped) this.log.debug(`Advisor: skipped ${k.file}: ${k.reason}`);
  }
}
