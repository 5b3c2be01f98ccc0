// CodeLens above each workload: its verdict with the strongest reasons (opens the report there), and
// "Compare container vs VM" (opens the comparison at the dimension that decided it). The words come
// from core/render/lens.ts; the advice from the open document's cached parse plus the last scan.
// provideCodeLenses places the lenses (titled at once up to TITLED_UP_TO workloads); resolveCodeLens
// titles the ones VS Code shows.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commands';
import { onSettingsChanged, settings } from '../config';
import type { AdviceWorkload } from '../core/advisor/report';
import { builtByLensTitle, compareLensTitle, decidingDimension, lensTitle, lensTooltip, MAX_BUILT_BY } from '../core/render/lens';
import { allSelectors } from './selectors';
import { Debouncer, type LiveAdvice, type LiveAdviceCache, type ReportSource } from './liveAdvice';

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
  constructor(
    range: vscode.Range,
    private readonly workload: AdviceWorkload,
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

function commandOf(w: AdviceWorkload, kind: LensKind): vscode.Command {
  if (kind !== 'compare') {
    const args: OpenReportArgs = { file: w.file, line: w.line };
    return { title: kind === 'builtBy' ? builtByLensTitle(w) : lensTitle(w), tooltip: lensTooltip(w), command: COMMAND_IDS.openReport, arguments: [args] };
  }
  const dimension = decidingDimension(w);
  return {
    title: compareLensTitle(),
    tooltip: dimension ? vscode.l10n.t('Open the comparison at the dimension that decided this verdict') : vscode.l10n.t('Open the comparison of containers and VMs'),
    command: COMMAND_IDS.openComparison,
    arguments: dimension ? [{ dimension }] : [],
  };
}

/** The two lenses above a workload, not yet titled: its verdict (opens the report there) and the comparison. */
export function workloadLenses(w: AdviceWorkload): AdvisorCodeLens[] {
  const line = Math.max(0, w.range.start.line);
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
      ...(reports ? [reports.onDidChange(() => this.debounce.run('report', () => this.changed.fire()))] : []),
    ];
  }

  provideCodeLenses(doc: vscode.TextDocument): AdvisorCodeLens[] {
    if (!settings().codeLens.enabled) return [];
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
