// What the CodeLens above a workload says: the verdict and its strongest reasons, in a few words.
// Pure so the words can be tested without an editor; the provider only places them.
import type { AdviceReport, AdviceSignal, AdviceWorkload } from '../advisor/report';
import type { Direction, Verdict } from '../advisor/types';
import type { DimensionId } from '../knowledge/types';

/** How many reasons a title names before it says "+N". */
export const MAX_REASONS = 2;

const DIRECTION_OF: Record<Verdict, Direction> = {
  vm: 'vm',
  sandboxed: 'sandbox',
  'container-hardened': 'harden',
  container: 'container',
};

const HEAD: Record<Verdict, string> = {
  vm: 'VM',
  sandboxed: 'Sandboxed',
  'container-hardened': 'Container — harden',
  container: 'Container',
};

/** The signals that point the way the verdict went, strongest first, one per signal id. */
export function decidingSignals(w: Pick<AdviceWorkload, 'verdict' | 'signals'>): AdviceSignal[] {
  const direction = DIRECTION_OF[w.verdict];
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
  if (labels.length === 0) return HEAD[w.verdict];
  const shown = labels.slice(0, max).join(', ');
  const more = labels.length > max ? ` +${labels.length - max}` : '';
  return `${HEAD[w.verdict]}: ${shown}${more}`;
}

/** The comparison dimension that decided the verdict: the strongest deciding signal's. */
export function decidingDimension(w: Pick<AdviceWorkload, 'verdict' | 'signals'>): DimensionId | undefined {
  return decidingSignals(w)[0]?.dimension;
}

/** The tooltip under a verdict lens: each deciding reason with its line. */
export function lensTooltip(w: Pick<AdviceWorkload, 'verdict' | 'signals' | 'confidence' | 'name'>): string {
  const reasons = decidingSignals(w).map((s) => `• ${s.label} (${s.file}:${s.line}): ${s.message}`);
  const head = `${w.name}: ${HEAD[w.verdict]} (confidence ${Math.round(w.confidence * 100)}%). Click to open the report.`;
  return [head, ...reasons].join('\n');
}

export const COMPARE_LENS_TITLE = 'Compare container vs VM';

const STATUS_WORD: Record<Verdict, string> = {
  vm: 'VM',
  sandboxed: 'Sandboxed',
  'container-hardened': 'Harden',
  container: 'Container',
};

const STATUS_NOUN: Record<Verdict, [one: string, many: string]> = {
  vm: ['VM', 'VMs'],
  sandboxed: ['sandboxed container', 'sandboxed containers'],
  'container-hardened': ['container to harden', 'containers to harden'],
  container: ['plain container', 'plain containers'],
};

/** Most demanding first, as the status bar and its tooltip list them. */
const STATUS_ORDER: readonly Verdict[] = ['vm', 'sandboxed', 'container-hardened', 'container'];

/** The status bar text after a scan: the overall verdict and how many workloads have it, e.g. `VM (2 of 7)`. */
export function statusText(report: Pick<AdviceReport, 'verdict' | 'workloads'>): string {
  const total = report.workloads.length;
  if (total === 0) return 'No workloads';
  const n = report.workloads.filter((w) => w.verdict === report.verdict).length;
  return `${STATUS_WORD[report.verdict]} (${n} of ${total})`;
}

/** The status bar tooltip: the count per verdict, most demanding first. */
export function statusTooltip(report: Pick<AdviceReport, 'verdict' | 'workloads'>): string {
  const total = report.workloads.length;
  const lines = [`Container or VM?: ${total} workload${total === 1 ? '' : 's'} in the last scan`];
  for (const v of STATUS_ORDER) {
    const n = report.workloads.filter((w) => w.verdict === v).length;
    if (n > 0) lines.push(`${n} ${STATUS_NOUN[v][n === 1 ? 0 : 1]}`);
  }
  lines.push('Click to open the report.');
  return lines.join('\n');
}
