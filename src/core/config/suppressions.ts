// Suppressions: a comment `# container-or-vm: ignore <signal-id>[,<signal-id>…] -- <reason>` (or
// `// …` in JSONC and HCL) on a line, or alone on the line above it, and the config file's `ignore`
// entries. A suppressed finding leaves the verdict and stays in the report with its reason; a
// comment that suppresses nothing is reported, and so is one without a reason (it suppresses nothing).
import { compileGlob, type PathMatcher } from '../advisor/glob';
import { signalById } from '../advisor/signals';
import type { Finding } from '../advisor/types';
import type { IgnoreRule } from './projectConfig';

/** The marker every suppression comment holds. */
export const SUPPRESSION_MARKER = 'container-or-vm:';

/** One suppression comment of a file. Lines are 0-based. */
export interface SuppressionComment {
  /** The comment's line. */
  line: number;
  /** The lines whose findings it applies to: its own, and the next code line when it is alone on its line. */
  targets: number[];
  signals: string[];
  reason?: string;
  /** Why it suppresses nothing (no reason, an unknown signal, no id). */
  problem?: string;
}

export interface SuppressedFinding {
  signal: string;
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  message?: string;
  reason: string;
  by: 'comment' | 'config';
  /** Where the suppression is written: the comment's line, or the config file and its entry's line. */
  at: { file: string; line: number };
}

export interface UnusedSuppression {
  file: string;
  /** 1-based. */
  line: number;
  signal: string;
}

export interface SuppressionProblem {
  file: string;
  /** 1-based. */
  line: number;
  message: string;
}

const COMMENT = /(^|\s|;|,)(#|\/\/)\s*container-or-vm:\s*(.*)$/;
const ALONE = /^\s*(?:#|\/\/)\s*container-or-vm:/;

/** The suppression comments of a text (cheap when it holds none). */
export function scanSuppressions(text: string, knownSignal: (id: string) => boolean = (id) => signalById(id) !== undefined): SuppressionComment[] {
  if (!text.includes(SUPPRESSION_MARKER)) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const out: SuppressionComment[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (!text.includes(SUPPRESSION_MARKER)) continue;
    const m = COMMENT.exec(text);
    if (!m) continue;
    const body = m[3].trim();
    const alone = ALONE.test(text);
    const targets = [i];
    if (alone) {
      let next = i + 1;
      while (next < lines.length && ALONE.test(lines[next])) next++;
      if (next < lines.length) targets.push(next);
    }
    const c: SuppressionComment = { line: i, targets, signals: [] };
    const im = /^ignore\b\s*(.*)$/.exec(body);
    if (!im) {
      c.problem = `a container-or-vm comment must read "container-or-vm: ignore <signal-id> -- <reason>"`;
      out.push(c);
      continue;
    }
    const rest = im[1];
    const sep = rest.search(/(^|\s)--(\s|$)/);
    const ids = (sep >= 0 ? rest.slice(0, sep) : rest).split(/[\s,]+/).filter(Boolean);
    const reason = sep >= 0 ? rest.slice(sep).replace(/^\s*--/, '').replace(/\s*(?:\*\/|-->)\s*$/, '').trim() : '';
    c.signals = ids;
    if (ids.length === 0) c.problem = 'a suppression must name the signal it ignores: "container-or-vm: ignore <signal-id> -- <reason>"';
    else if (!reason) c.problem = `the suppression of ${ids.join(', ')} needs a reason after " -- ": it suppresses nothing without one`;
    else {
      const unknown = ids.filter((id) => !knownSignal(id));
      if (unknown.length) c.problem = `unknown signal ${unknown.map((u) => JSON.stringify(u)).join(', ')}: the suppression suppresses nothing`;
      else c.reason = reason;
    }
    out.push(c);
  }
  return out;
}

/** Compiled config `ignore` rules. */
export interface IgnoreMatcher {
  rule: IgnoreRule;
  matches: PathMatcher;
}

export function compileIgnores(rules: readonly IgnoreRule[] = []): IgnoreMatcher[] {
  return rules.map((rule) => ({ rule, matches: rule.path === undefined ? () => true : compileGlob(rule.path) }));
}

/** Whether a finding is suppressed, and by what: a comment of its file first, then the config. */
export function isSuppressed(
  finding: Pick<Finding, 'signal' | 'file' | 'range'>,
  comments: readonly SuppressionComment[],
  ignores: readonly IgnoreMatcher[] = [],
  file: string = finding.file,
): { by: 'comment'; comment: SuppressionComment; reason: string } | { by: 'config'; rule: IgnoreRule; reason: string } | undefined {
  const line = finding.range.start.line;
  for (const c of comments) if (c.reason !== undefined && c.targets.includes(line) && c.signals.includes(finding.signal)) return { by: 'comment', comment: c, reason: c.reason };
  for (const m of ignores) if (m.rule.signal === finding.signal && m.matches(file)) return { by: 'config', rule: m.rule, reason: m.rule.reason };
  return undefined;
}

export interface AppliedSuppressions<F> {
  /** The findings that still count. */
  kept: F[];
  suppressed: SuppressedFinding[];
  /** Comments that suppressed nothing, one per signal they name. */
  unused: UnusedSuppression[];
  problems: SuppressionProblem[];
  /** The config rules that suppressed something. */
  usedRules: Set<IgnoreRule>;
}

/**
 * A file's findings with the suppressed ones taken out. `comments` is the file's text or its scanned
 * comments; `file` names it in the results (default: the findings' own file). The editor's
 * diagnostics use `kept` (`applySuppressions(findings, document.getText(), config).kept`).
 */
export function applySuppressions<F extends Pick<Finding, 'signal' | 'file' | 'range' | 'message'>>(
  findings: readonly F[],
  comments: string | readonly SuppressionComment[],
  config?: { ignore: readonly IgnoreRule[] } | readonly IgnoreMatcher[],
  file?: string,
): AppliedSuppressions<F> {
  const scanned = typeof comments === 'string' ? scanSuppressions(comments) : comments;
  const ignores = config === undefined ? [] : Array.isArray(config) ? (config as readonly IgnoreMatcher[]) : compileIgnores((config as { ignore: readonly IgnoreRule[] }).ignore);
  const out: AppliedSuppressions<F> = { kept: [], suppressed: [], unused: [], problems: [], usedRules: new Set() };
  if (scanned.length === 0 && ignores.length === 0) {
    out.kept = findings.slice();
    return out;
  }
  const used = new Set<string>();
  for (const f of findings) {
    const name = file ?? f.file;
    const hit = isSuppressed(f, scanned, ignores, name);
    if (!hit) {
      out.kept.push(f);
      continue;
    }
    const at = hit.by === 'comment' ? { file: name, line: hit.comment.line + 1 } : { file: hit.rule.file, line: hit.rule.line };
    if (hit.by === 'comment') used.add(`${hit.comment.line}\u0000${f.signal}`);
    else out.usedRules.add(hit.rule);
    out.suppressed.push({ signal: f.signal, file: name, line: f.range.start.line + 1, column: f.range.start.character + 1, ...(f.message ? { message: f.message } : {}), reason: hit.reason, by: hit.by, at });
  }
  for (const c of scanned) {
    const name = file ?? findings[0]?.file ?? '';
    if (c.problem) out.problems.push({ file: name, line: c.line + 1, message: c.problem });
    else for (const s of c.signals) if (!used.has(`${c.line}\u0000${s}`)) out.unused.push({ file: name, line: c.line + 1, signal: s });
  }
  return out;
}
