// CodeLens above each workload: its verdict with the strongest reasons (opens the report there), and
// "Compare container vs VM" (opens the comparison at the dimension that decided it). The words come
// from core/render/lens.ts; the advice from the open document's cached parse plus the last scan.
// provideCodeLenses places the lenses (titled at once up to TITLED_UP_TO workloads); resolveCodeLens
// titles the ones VS Code shows. A large document's lenses are made on the document thread
// (LiveAdviceCache.offThread): its words come in parts, each placed as it arrives, and the promise
// gives nothing for a version that has changed meanwhile or a cancelled request.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commands';
import { onSettingsChanged, settings } from '../config';
import type { AdviceWorkload } from '../core/advisor/report';
import { buildersOf } from '../core/advisor/live';
import { builtByLensTitle, compareLensTitle, MAX_BUILT_BY } from '../core/render/lens';
import { projectConfigFor } from './projectConfig';
import { lensPartOf, type LensPart } from '../node/documentProtocol';
import { allSelectors } from './selectors';
import { Debouncer, type LiveAdvice, type LiveAdviceCache, type OffThread, type ReportSource } from './liveAdvice';

/** How long typing must pause before lenses are asked for again. */
export const LENS_DEBOUNCE_MS = 300;

/** Up to this many workloads a document's lenses are titled when they are asked for; above it, when VS Code resolves those it shows. */
export const TITLED_UP_TO = 200;

/** The arguments `containerOrVm.openReport` takes from a lens: the workload's file as the report names it, and its 1-based line. */
export interface OpenReportArgs {
  file: string;
  line: number;
}

/** What a lens opens: the report at its workload, the comparison, or the report at the workload that builds this Dockerfile. */
type LensKind = 'verdict' | 'compare' | 'builtBy';

/**
 * A lens placed before it is titled: VS Code resolves only the lenses it shows, so a document of
 * 48,000 workloads titles the few dozen on screen, not 96,000.
 */
export class AdvisorCodeLens extends vscode.CodeLens {
  /** `workload`: the workload, or what its lenses say (made on the document thread). */
  constructor(
    range: vscode.Range,
    private readonly workload: AdviceWorkload | LensPart,
    private readonly kind: LensKind,
  ) {
    super(range);
  }

  /** Gives the lens its title and command, once. */
  resolve(): this {
    this.command ??= commandOf(this.workload, this.kind);
    return this;
  }
}

const isPart = (w: AdviceWorkload | LensPart): w is LensPart => 'at' in w;

function commandOf(w: AdviceWorkload | LensPart, kind: LensKind): vscode.Command {
  if (kind === 'builtBy' && !isPart(w)) {
    const args: OpenReportArgs = { file: w.file, line: w.line };
    return { title: builtByLensTitle(w), tooltip: lensPartOf(w).tooltip, command: COMMAND_IDS.openReport, arguments: [args] };
  }
  const part = isPart(w) ? w : lensPartOf(w);
  if (kind !== 'compare') {
    const args: OpenReportArgs = { file: part.file, line: part.line };
    return { title: part.title, tooltip: part.tooltip, command: COMMAND_IDS.openReport, arguments: [args] };
  }
  const dimension = part.dimension;
  return {
    title: compareLensTitle(),
    tooltip: dimension ? vscode.l10n.t('Open the comparison at the dimension that decided this verdict') : vscode.l10n.t('Open the comparison of containers and VMs'),
    command: COMMAND_IDS.openComparison,
    arguments: dimension ? [{ dimension }] : [],
  };
}

/** The two lenses above a workload, not yet titled: its verdict (opens the report there) and the comparison. */
export function workloadLenses(w: AdviceWorkload | LensPart): AdvisorCodeLens[] {
  const line = isPart(w) ? w.at : Math.max(0, w.range.start.line);
  const range = new vscode.Range(line, 0, line, 0);
  return [new AdvisorCodeLens(range, w, 'verdict'), new AdvisorCodeLens(range, w, 'compare')];
}

export class AdvisorCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly debounce = new Debouncer(LENS_DEBOUNCE_MS);
  private readonly subscriptions: vscode.Disposable[];
  /** The lenses made for each piece of live advice. */
  private readonly made = new WeakMap<LiveAdvice, AdvisorCodeLens[]>();

  constructor(
    private readonly advice: LiveAdviceCache,
    reports?: ReportSource,
  ) {
    this.subscriptions = [
      this.changed,
      this.debounce,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.debounce.run('edit', () => this.changed.fire());
      }),
      onSettingsChanged(() => this.changed.fire()),
      vscode.workspace.onDidCloseTextDocument((d) => this.offThread.delete(d.uri.toString())),
      ...(reports ? [reports.onDidChange(() => this.debounce.run('report', () => this.changed.fire()))] : []),
    ];
  }

  /** The lenses being made on the document thread for each document, per version and report. */
  private readonly offThread = new Map<string, { version: number; report: unknown; lenses: Promise<AdvisorCodeLens[] | undefined> }>();

  provideCodeLenses(doc: vscode.TextDocument, token?: vscode.CancellationToken): AdvisorCodeLens[] | Promise<AdvisorCodeLens[]> {
    if (!settings().codeLens.enabled) return [];
    const off = this.advice.offThread(doc);
    if (off) return this.lensesOffThread(doc, off, token);
    return this.lensesOnTheSpot(doc);
  }

  /**
   * A large document's lenses, made on the document thread: each part of its answer is placed as it
   * arrives (a short stretch on the host each). Asked again for the same version and report, the
   * same lenses. Nothing for a version that changed meanwhile or a cancelled request.
   */
  private async lensesOffThread(doc: vscode.TextDocument, off: OffThread, token?: vscode.CancellationToken): Promise<AdvisorCodeLens[]> {
    const uri = doc.uri.toString();
    const version = doc.version;
    const report = this.advice.lastReport();
    let hit = this.offThread.get(uri);
    if (!hit || hit.version !== version || hit.report !== report) {
      const file = this.advice.fileOf(doc, report);
      const ignore = projectConfigFor(doc.uri)?.ignore ?? [];
      const lenses: AdvisorCodeLens[] = [];
      const seen: { first?: LensPart } = {};
      const made = this.advice
        .reportSlice(report, file)
        .then((slice) => off.thread.lenses(off.doc, file, slice, ignore, (parts) => {
          seen.first ??= parts[0];
          for (const p of parts) for (const lens of workloadLenses(p)) lenses.push(lens);
        }))
        .then((count) => {
          const first = seen.first;
          if (first?.kind === 'dockerfile') {
            for (const b of buildersOf(file, report).slice(0, MAX_BUILT_BY)) lenses.push(new AdvisorCodeLens(new vscode.Range(first.at, 0, first.at, 0), b, 'builtBy'));
          }
          if (count <= TITLED_UP_TO) for (const lens of lenses) lens.resolve();
          return lenses;
        })
        // The thread failed: made on the spot, as the web extension does (unless the document changed).
        .catch(() => (doc.version === version && !doc.isClosed ? this.lensesOnTheSpot(doc) : undefined));
      hit = { version, report, lenses: made };
      this.offThread.set(uri, hit);
      void made.then((l) => {
        if (!l && this.offThread.get(uri) === hit) this.offThread.delete(uri);
      });
    }
    const lenses = await hit.lenses;
    if (!lenses || token?.isCancellationRequested || doc.isClosed || doc.version !== version) return [];
    return lenses;
  }

  private lensesOnTheSpot(doc: vscode.TextDocument): AdvisorCodeLens[] {
    const live = this.advice.get(doc);
    if (!live) return [];
    // VS Code asks again after every pause in typing and every scan; the advice is the same object
    // until the document or the report changes, and so are its lenses (48,000 machines: 96,000 lenses).
    const made = this.made.get(live);
    if (made) return made;
    const lenses = lensesOf(live);
    // A document of a few workloads gets its titles at once (no second request before they show).
    if (live.workloads.length <= TITLED_UP_TO) for (const lens of lenses) lens.resolve();
    this.made.set(live, lenses);
    return lenses;
  }

  /** Titles a lens VS Code is about to show. */
  resolveCodeLens(lens: vscode.CodeLens): vscode.CodeLens {
    return lens instanceof AdvisorCodeLens ? lens.resolve() : lens;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.offThread.clear();
  }
}

/** The lenses of one piece of live advice: two above each workload, and "built by" above a Dockerfile. */
function lensesOf(live: LiveAdvice): AdvisorCodeLens[] {
  const lenses: AdvisorCodeLens[] = [];
  for (const w of live.workloads) for (const lens of workloadLenses(w)) lenses.push(lens);
  // A Dockerfile that a compose service or dev container builds is judged with it in the report:
  // say so above the Dockerfile's own verdict, and open the report at that workload.
  const first = live.workloads[0];
  if (first && first.kind === 'dockerfile') {
    const line = Math.max(0, first.range.start.line);
    for (const b of live.builtBy.slice(0, MAX_BUILT_BY)) lenses.push(new AdvisorCodeLens(new vscode.Range(line, 0, line, 0), b, 'builtBy'));
  }
  return lenses;
}

export function registerCodeLens(advice: LiveAdviceCache, reports?: ReportSource): vscode.Disposable {
  const provider = new AdvisorCodeLensProvider(advice, reports);
  return vscode.Disposable.from(provider, vscode.languages.registerCodeLensProvider(allSelectors(), provider));
}
