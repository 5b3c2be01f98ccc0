// The verdict rule, in one place and small enough to read (docs/advisor.md says the same in words).
//
// 1. Score each direction: the sum of the weights of the workload's signals in that direction. A
//    signal counts once per workload; every further occurrence adds REPEAT_SHARE of its weight, for
//    at most MAX_REPEATS more.
// 2. Container-direction evidence (cloud-native traits) is subtracted from the hardening score only:
//    it shows the workload is fine in a container, which says nothing against needing a kernel.
//    It cannot offset a hardening signal that reaches THRESHOLD on its own (privileged mode, the
//    Docker socket, the host's root): good habits elsewhere do not give that isolation back.
// 3. The first direction whose score reaches THRESHOLD decides, most demanding first:
//    vm, then sandboxed, then container-hardened; otherwise a plain container.
// Hardening and VM are separate axes: a privileged container is a hardening problem, not by itself
// a reason for a VM; and a sandboxed runtime is no fallback for what needs its own kernel.
import type { Direction, Signal, Verdict } from './types';
import { DIRECTION_OF_VERDICT, VERDICT_OF_DIRECTION, VERDICT_ORDER } from './types';

export const THRESHOLD = 0.7;
export const REPEAT_SHARE = 0.1;
export const MAX_REPEATS = 3;

/** One signal as seen in one workload: how many times it occurred. */
export interface Evidence {
  signal: Signal;
  count: number;
}

export type Scores = Record<Direction, number>;

export interface Decision {
  verdict: Verdict;
  /** 0..1, two decimals. */
  confidence: number;
  scores: Scores;
  /** The hardening score after container evidence was taken off. */
  hardenNet: number;
  /** Signals in the deciding direction, strongest first (empty for a plain container). */
  deciding: Signal[];
  /** What would change the verdict: a remedy and the verdict it would lead to. */
  changes: string[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function scoreOf(evidence: readonly Evidence[]): Scores {
  const scores: Scores = { vm: 0, sandbox: 0, harden: 0, container: 0 };
  for (const { signal, count } of evidence) {
    if (count <= 0) continue;
    scores[signal.direction] += signal.weight * (1 + REPEAT_SHARE * Math.min(count - 1, MAX_REPEATS));
  }
  return scores;
}

/** The weight of the strongest hardening signal that reaches THRESHOLD alone, else 0 (see rule 2). */
export function hardenFloorOf(evidence: readonly Evidence[]): number {
  let floor = 0;
  for (const { signal, count } of evidence) {
    if (count > 0 && signal.direction === 'harden' && signal.weight >= THRESHOLD) floor = Math.max(floor, signal.weight);
  }
  return floor;
}

/** The hardening score after container evidence was taken off, never below `floor` (hardenFloorOf). */
export function netHarden(scores: Scores, floor = 0): number {
  return Math.max(0, scores.harden - scores.container, floor);
}

/** The verdict for a set of scores, without the explanation. `hardenFloor` is hardenFloorOf the same evidence. */
export function verdictOf(scores: Scores, hardenFloor = 0): Verdict {
  if (scores.vm >= THRESHOLD) return 'vm';
  if (scores.sandbox >= THRESHOLD) return 'sandboxed';
  if (netHarden(scores, hardenFloor) >= THRESHOLD) return 'container-hardened';
  return 'container';
}

/** The more demanding of two verdicts, by VERDICT_ORDER. */
export function maxVerdict(a: Verdict, b: Verdict): Verdict {
  return VERDICT_ORDER.indexOf(a) >= VERDICT_ORDER.indexOf(b) ? a : b;
}

/**
 * Confidence grows with the margin over the threshold and with the number of distinct signals that
 * agree; evidence the other way takes some off. A plain container is more certain the further every
 * other score stays below the threshold and the more cloud-native evidence there is.
 */
export function confidenceOf(verdict: Verdict, scores: Scores, agreeing: number, hardenFloor = 0): number {
  const hardenNet = netHarden(scores, hardenFloor);
  if (verdict === 'container') {
    const nearest = Math.max(scores.vm, scores.sandbox, hardenNet);
    const headroom = clamp((THRESHOLD - nearest) / THRESHOLD, 0, 1);
    return round2(clamp(0.5 + 0.3 * headroom + 0.2 * clamp(scores.container / THRESHOLD, 0, 1), 0.05, 0.99));
  }
  const score = verdict === 'container-hardened' ? hardenNet : scores[DIRECTION_OF_VERDICT[verdict]];
  // Full margin at a score of 1: one signal at full weight, or several adding up to it.
  const margin = clamp((score - THRESHOLD) / (1 - THRESHOLD), 0, 1);
  const amount = clamp((agreeing - 1) / 2, 0, 1);
  const against = verdict === 'container-hardened' ? 0 : clamp(scores.container / THRESHOLD, 0, 1);
  return round2(clamp(0.5 + 0.35 * margin + 0.15 * amount - 0.2 * against, 0.05, 0.99));
}

function remedyText(s: Signal): string {
  // A sandbox signal's remedy says how to run such code safely (under gVisor...), which is what the
  // verdict already asks for; what would change the verdict is the code being trusted.
  if (s.direction === 'sandbox' && s.id !== 'sandboxing.sandbox-runtime') return `If the code it runs were trusted (not "${s.label}")`;
  const r = (s.remedy ?? '').trim().replace(/\.$/, '');
  return r !== '' ? r : `Take away what makes it "${s.label}"`;
}

/**
 * For a plain container: the directions that already have some evidence, nearest to the threshold
 * first, each with the signals behind it, so the report says what would tip it.
 */
function nearMisses(evidence: readonly Evidence[], scores: Scores, hardenFloor: number): string[] {
  const out: { score: number; text: string }[] = [];
  for (const direction of ['vm', 'sandbox', 'harden'] as const) {
    const score = direction === 'harden' ? netHarden(scores, hardenFloor) : scores[direction];
    if (score <= 0) continue;
    const labels = [...new Set(evidence.filter((e) => e.count > 0 && e.signal.direction === direction).sort((a, b) => b.signal.weight - a.signal.weight).map((e) => e.signal.label))];
    const shown = labels.slice(0, 3).join(', ') + (labels.length > 3 ? ` +${labels.length - 3}` : '');
    out.push({ score, text: `More evidence like ${shown} (${score.toFixed(2)} of ${THRESHOLD.toFixed(2)}) → ${VERDICT_OF_DIRECTION[direction]}` });
  }
  return out.sort((a, b) => b.score - a.score).map((o) => o.text);
}

/** The verdict, its confidence and what would change it, for one workload's evidence. */
export function decide(evidence: readonly Evidence[]): Decision {
  const scores = scoreOf(evidence);
  const floor = hardenFloorOf(evidence);
  const verdict = verdictOf(scores, floor);
  const hardenNet = netHarden(scores, floor);
  if (verdict === 'container') {
    return { verdict, confidence: confidenceOf(verdict, scores, 0, floor), scores, hardenNet, deciding: [], changes: nearMisses(evidence, scores, floor) };
  }
  const direction = DIRECTION_OF_VERDICT[verdict];
  const inDirection = evidence
    .filter((e) => e.count > 0 && e.signal.direction === direction)
    .sort((a, b) => b.signal.weight - a.signal.weight || (a.signal.id < b.signal.id ? -1 : 1));
  const deciding = inDirection.map((e) => e.signal);
  const confidence = confidenceOf(verdict, scores, deciding.length, floor);

  // What would change it: each deciding signal whose removal alone moves the verdict; when none
  // does alone, the strongest ones that must all go together.
  const changes: string[] = [];
  const without = (ids: Set<string>) => {
    const rest = evidence.filter((e) => !ids.has(e.signal.id));
    return verdictOf(scoreOf(rest), hardenFloorOf(rest));
  };
  for (const s of deciding) {
    const next = without(new Set([s.id]));
    if (next !== verdict) changes.push(`${remedyText(s)} → ${next}`);
  }
  if (changes.length === 0 && deciding.length > 0) {
    const ids = new Set<string>();
    const parts: string[] = [];
    for (const s of deciding) {
      ids.add(s.id);
      parts.push(remedyText(s));
      const next = without(ids);
      if (next !== verdict) {
        changes.push(`${parts.join('; ')} → ${next}`);
        break;
      }
    }
  }
  return { verdict, confidence, scores, hardenNet, deciding, changes };
}
