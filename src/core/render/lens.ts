// What the CodeLens above a workload says: the verdict and its strongest reasons, in a few words.
// Pure so the words can be tested without an editor; the provider only places them.
import type { AdviceSignal, AdviceWorkload } from '../advisor/report';
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
