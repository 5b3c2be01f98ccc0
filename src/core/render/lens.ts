// What the CodeLens above a workload says: the verdict and its strongest reasons, in a few words.
// Pure so the words can be tested without an editor; the provider only places them. The words go
// through l10n.t; signal labels are data from the catalogue and stay as they are.
import * as l10n from '@vscode/l10n';
import type { AdviceReport, AdviceSignal, AdviceWorkload } from '../advisor/report';
import { DIRECTION_OF_VERDICT, type Verdict } from '../advisor/types';
import type { DimensionId } from '../knowledge/types';
import { plainMessage } from './markdown';

/** How many reasons a title names before it says "+N". */
export const MAX_REASONS = 2;

/** The verdict as a lens starts it. */
function head(v: Verdict): string {
  switch (v) {
    case 'vm':
      return l10n.t('VM');
    case 'sandboxed':
      return l10n.t('Sandboxed');
    case 'container-hardened':
      return l10n.t('Container — harden');
    case 'container':
      return l10n.t('Container');
  }
}

/**
 * What decidingSignals gave for a workload's signals and verdict: a lens's title, tooltip and
 * dimension each ask for it, for every workload of the document (48,000 Vagrant machines).
 */
const deciding = new WeakMap<readonly AdviceSignal[], { verdict: Verdict; length: number; out: AdviceSignal[] }>();

/** The signals that point the way the verdict went, strongest first, one per signal id. */
export function decidingSignals(w: Pick<AdviceWorkload, 'verdict' | 'signals'>): AdviceSignal[] {
  const hit = deciding.get(w.signals);
  if (hit && hit.verdict === w.verdict && hit.length === w.signals.length) return hit.out.slice();
  const out = decide(w);
  deciding.set(w.signals, { verdict: w.verdict, length: w.signals.length, out });
  return out.slice();
}

function decide(w: Pick<AdviceWorkload, 'verdict' | 'signals'>): AdviceSignal[] {
  const direction = DIRECTION_OF_VERDICT[w.verdict];
  const seen = new Set<string>();
  const out: AdviceSignal[] = [];
  const sorted = w.signals.filter((s) => s.direction === direction).sort((a, b) => b.weight - a.weight);
  for (const s of sorted) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    out.push(s);
  }
  return out;
}

/**
 * `VM: loads kernel modules`, `Container — harden: privileged, docker.sock mounted`,
 * `Sandboxed: runs submitted code`, `Container: health check` or just `Container`.
 */
export function lensTitle(w: Pick<AdviceWorkload, 'verdict' | 'signals'>, max = MAX_REASONS): string {
  const labels: string[] = [];
  for (const s of decidingSignals(w)) if (!labels.includes(s.label)) labels.push(s.label);
  if (labels.length === 0) return head(w.verdict);
  const shown = labels.slice(0, max).join(', ');
  const more = labels.length > max ? ` +${labels.length - max}` : '';
  return l10n.t('{0}: {1}', head(w.verdict), shown + more);
}

/** The comparison dimension that decided the verdict: the strongest deciding signal's. */
export function decidingDimension(w: Pick<AdviceWorkload, 'verdict' | 'signals'>): DimensionId | undefined {
  return decidingSignals(w)[0]?.dimension;
}

/** The tooltip under a verdict lens: each deciding reason with its line, as plain text (code spans quoted). */
export function lensTooltip(w: Pick<AdviceWorkload, 'verdict' | 'signals' | 'confidence' | 'name'>): string {
  const reasons = decidingSignals(w).map((s) => `• ${s.label} (${s.file}:${s.line}): ${plainMessage(s.message)}`);
  const first = l10n.t('{0}: {1} (confidence {2}%). Click to open the report.', w.name, head(w.verdict), Math.round(w.confidence * 100));
  return [first, ...reasons].join('\n');
}

/** Workloads listed above a Dockerfile as "built by"; the rest are left to the report. */
export const MAX_BUILT_BY = 3;

/**
 * The lens above a Dockerfile that the last scan found built by another workload (a compose service,
 * a dev container): that workload's verdict, which counts the evidence of both files, e.g.
 * `Built by web → VM: loads kernel modules`.
 */
export function builtByLensTitle(builder: Pick<AdviceWorkload, 'name' | 'verdict' | 'signals'>): string {
  return l10n.t('Built by {0} → {1}', builder.name, lensTitle(builder));
}

/** The title of the lens that opens the comparison. */
export function compareLensTitle(): string {
  return l10n.t('Compare container vs VM');
}

function statusWord(v: Verdict): string {
  switch (v) {
    case 'vm':
      return l10n.t('VM');
    case 'sandboxed':
      return l10n.t('Sandboxed');
    case 'container-hardened':
      return l10n.t('Harden');
    case 'container':
      return l10n.t('Container');
  }
}

/** `1 VM`, `2 containers to harden`: one message per verdict and number, so each language can inflect. */
function statusCount(v: Verdict, n: number): string {
  switch (v) {
    case 'vm':
      return n === 1 ? l10n.t('1 VM') : l10n.t('{0} VMs', n);
    case 'sandboxed':
      return n === 1 ? l10n.t('1 sandboxed container') : l10n.t('{0} sandboxed containers', n);
    case 'container-hardened':
      return n === 1 ? l10n.t('1 container to harden') : l10n.t('{0} containers to harden', n);
    case 'container':
      return n === 1 ? l10n.t('1 plain container') : l10n.t('{0} plain containers', n);
  }
}

/** Most demanding first, as the status bar and its tooltip list them. */
const STATUS_ORDER: readonly Verdict[] = ['vm', 'sandboxed', 'container-hardened', 'container'];

/** The status bar text after a scan: the overall verdict and how many workloads have it, e.g. `VM (2 of 7)`. */
export function statusText(report: Pick<AdviceReport, 'verdict' | 'workloads'>): string {
  const total = report.workloads.length;
  if (total === 0 || report.verdict === null) return l10n.t('No workloads found');
  const n = report.workloads.filter((w) => w.verdict === report.verdict).length;
  return l10n.t('{0} ({1} of {2})', statusWord(report.verdict), n, total);
}

/** The status bar tooltip: the count per verdict, most demanding first. */
export function statusTooltip(report: Pick<AdviceReport, 'verdict' | 'workloads'>): string {
  const total = report.workloads.length;
  const lines = [total === 1 ? l10n.t('Container or VM?: 1 workload in the last scan') : l10n.t('Container or VM?: {0} workloads in the last scan', total)];
  for (const v of STATUS_ORDER) {
    const n = report.workloads.filter((w) => w.verdict === v).length;
    if (n > 0) lines.push(statusCount(v, n));
  }
  lines.push(l10n.t('Click to open the report.'));
  return lines.join('\n');
}
