// The advice report as terminal text and as a Markdown document (CLI `advise`, "copy as Markdown").
// The words around the report's data go through l10n.t (English in the CLI, which configures no bundle).
import * as l10n from '@vscode/l10n';
import type { AdviceReport, AdviceSignal, AdviceWorkload } from '../advisor/report';
import { ROLES, roleName, type Role } from '../advisor/roles';
import { cellCode, code, escapeText } from './markdown';
import { terminalSafe } from './terminal';

/** The workloads in the order a report lists them: the product first, then each other role, each keeping the report's order. */
export function byRole(r: Pick<AdviceReport, 'workloads'>): { role: Role; items: { w: AdviceWorkload; index: number }[] }[] {
  return ROLES.map((role) => ({ role, items: r.workloads.map((w, index) => ({ w, index })).filter((x) => (x.w.role ?? 'product') === role) })).filter((g) => g.items.length > 0);
}

/** A role as a report's section heading: `Product`, `Tests and fixtures`. */
export function roleHeading(role: Role): string {
  switch (role) {
    case 'product':
      return l10n.t('Product');
    case 'development':
      return l10n.t('Development environment');
    case 'test':
      return l10n.t('Tests and fixtures');
    case 'example':
      return l10n.t('Examples and docs');
    case 'ci':
      return l10n.t('CI');
    case 'host':
      return l10n.t('Hosts');
  }
}

/** The overall answer in words: the verdict, or that there is none. */
export function overallWord(r: Pick<AdviceReport, 'verdict'>): string {
  return r.verdict ?? l10n.t('No workloads found');
}

/** The workloads that decided the overall answer, as `name (file:line)`, at most `max` of them. */
export function decidedByText(r: Pick<AdviceReport, 'workloads' | 'decidedBy'>, show: (s: string) => string, max = 5): string {
  const list = (r.decidedBy ?? []).slice(0, max).map((i) => r.workloads[i]).filter(Boolean);
  const names = list.map((w) => `${show(w.name)} (${show(`${w.file}:${w.line}`)})`).join(', ');
  const more = (r.decidedBy?.length ?? 0) - list.length;
  return more > 0 ? `${names} ${l10n.t('and {0} more', more)}` : names;
}

/** Why the overall answer comes from workloads that are not the product, or undefined when it does not. */
export function overallFromNote(r: Pick<AdviceReport, 'overallFrom' | 'workloads'>): string | undefined {
  if (r.overallFrom !== 'other') return undefined;
  const roles = [...new Set(r.workloads.map((w) => w.role))].map((x) => roleName(x)).join(', ');
  return l10n.t('No workload here is the product, so the answer comes from the others ({0}).', roles);
}

const TOP_REASONS = 5;

/**
 * Text from a workspace made safe for a terminal, on one line: control characters (escape
 * sequences), bidi overrides and line separators shown as escapes, not obeyed; line feeds folded.
 */
export function plain(text: string): string {
  return terminalSafe(text).replace(/\n/g, ' ');
}

/** `1 workload`, `3 workloads`. */
/**
 * Most pieces of evidence one report page or Markdown report lists, over all its workloads: a 250 KB
 * Vagrantfile of 575 machines gave 25,881, an 18 MB page that took 0.4 s to write. Past it each
 * workload says how many it leaves out; the JSON report and SARIF keep them all.
 */
export const MAX_EVIDENCE_SHOWN = 2000;

export const workloadCount = (n: number): string => (n === 1 ? l10n.t('1 workload') : l10n.t('{0} workloads', n));
const fileCount = (n: number): string => (n === 1 ? l10n.t('1 file') : l10n.t('{0} files', n));
const configFileCount = (n: number): string => (n === 1 ? l10n.t('1 configuration file') : l10n.t('{0} configuration files', n));

export function summaryLine(r: AdviceReport): string {
  return l10n.t('{0}, {1} scanned, {2}, {3} ms', workloadCount(r.workloads.length), fileCount(r.stats.files), configFileCount(r.stats.configFiles), r.stats.ms);
}

/** Skipped entries with the default folders (node_modules, .git…) folded into one line: they are many and expected. */
export function groupSkipped(r: AdviceReport): { folders: string | undefined; rest: AdviceReport['skipped'] } {
  const byName = new Map<string, number>();
  const rest: AdviceReport['skipped'] = [];
  for (const s of r.skipped) {
    if (s.kind === 'default-folder') {
      const name = s.file.slice(s.file.lastIndexOf('/') + 1);
      byName.set(name, (byName.get(name) ?? 0) + 1);
    } else rest.push(s);
  }
  const total = [...byName.values()].reduce((a, b) => a + b, 0);
  const list = [...byName].map(([n, c]) => `${n} ×${c}`).join(', ');
  const folders =
    total === 0
      ? undefined
      : total === 1
        ? l10n.t('1 folder of dependencies, caches or version control not scanned ({0})', list)
        : l10n.t('{0} folders of dependencies, caches or version control not scanned ({1})', total, list);
  return { folders, rest };
}

const where = (s: { file: string; line: number }) => `${s.file}:${s.line}`;

/** The reasons worth showing first: the ones that push towards the verdict, then the rest. */
export function topReasons(w: AdviceWorkload, max = TOP_REASONS): { shown: AdviceSignal[]; more: number } {
  return { shown: w.signals.slice(0, max), more: Math.max(0, w.signals.length - max) };
}

/**
 * The messages as shown in a report: a signal's generic reason once per workload, at its first
 * occurrence; later occurrences show only their line-specific part (the JSON keeps full messages).
 */
export function shownMessages(signals: readonly AdviceSignal[]): string[] {
  const first = new Map<string, string>();
  return signals.map((s) => {
    const prev = first.get(s.id);
    if (prev === undefined) {
      first.set(s.id, s.message);
      return s.message;
    }
    let n = 0;
    while (n < prev.length && n < s.message.length && prev[prev.length - 1 - n] === s.message[s.message.length - 1 - n]) n++;
    const cut = s.message.indexOf('. ', Math.max(0, s.message.length - n - 1));
    return cut > 0 && s.message.length - cut > 20 ? s.message.slice(0, cut + 1) : s.message;
  });
}

function textWorkload(out: string[], w: AdviceWorkload): void {
  out.push('');
  out.push(`${plain(w.name)}  (${w.kind}, ${plain(where(w))}${w.files.length > 1 ? ` + ${w.files.slice(1).map(plain).join(', ')}` : ''})`);
  out.push('  ' + l10n.t('verdict: {0}   confidence {1}', w.verdict, w.confidence.toFixed(2)));
  if (w.role && w.role !== 'product') out.push('  ' + l10n.t('role: {0} ({1})', roleName(w.role), plain(w.roleReason)));
  const { shown, more } = topReasons(w);
  if (shown.length) {
    out.push('  ' + l10n.t('why:'));
    const messages = shownMessages(shown);
    shown.forEach((s, i) => out.push(`    - [${s.direction}] ${plain(s.label)} (${plain(where(s))}): ${plain(messages[i])}`));
    if (more) out.push('    … ' + l10n.t('and {0} more', more));
  } else out.push('  ' + l10n.t('why: nothing found that needs more than a plain container'));
  if (w.changes.length) {
    out.push('  ' + l10n.t('what would change it:'));
    for (const c of w.changes) out.push(`    - ${plain(c)}`);
  }
}

/** Where a suppression came from, in a few words. */
function suppressedBy(s: NonNullable<AdviceReport['suppressed']>[number]): string {
  return s.by === 'comment' ? l10n.t('comment') : l10n.t('{0} line {1}', s.at.file, s.at.line);
}

/** Suppressions that suppress nothing, and comments that were not understood, in line order. */
export function suppressionWarnings(r: Pick<AdviceReport, 'unusedSuppressions' | 'suppressionProblems'>): { file: string; line: number; message: string }[] {
  const out = [
    ...(r.unusedSuppressions ?? []).map((u) => ({ file: u.file, line: u.line, message: l10n.t('the suppression of {0} suppresses nothing', u.signal) })),
    ...(r.suppressionProblems ?? []),
  ];
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

export function renderAdviceText(r: AdviceReport): string {
  const out: string[] = [];
  out.push(`${l10n.t('Container or VM?')} ${plain(r.root)}`);
  out.push(l10n.t('Overall: {0}  ({1})', overallWord(r), summaryLine(r)));
  if (r.workloads.length === 0) out.push('', l10n.t('No workloads found: no Dockerfile, compose, Kubernetes, dev container, Vagrant, Packer, cloud-init, Lima or Terraform file was recognised.'));
  else {
    out.push(l10n.t('Decided by: {0}', decidedByText(r, plain)));
    const note = overallFromNote(r);
    if (note) out.push(note);
  }
  if (r.incomplete?.length) out.push(r.incomplete.length === 1 ? l10n.t('1 file could not be read completely; the answer may miss what it holds (see Incomplete below).') : l10n.t('{0} files could not be read completely; the answer may miss what they hold (see Incomplete below).', r.incomplete.length));
  const groups = byRole(r);
  for (const g of groups) {
    if (groups.length > 1 || g.role !== 'product') out.push('', `== ${roleHeading(g.role)} ==`);
    for (const { w } of g.items) textWorkload(out, w);
  }
  if (r.incomplete?.length) {
    out.push('', l10n.t('Incomplete ({0}):', r.incomplete.length));
    for (const f of r.incomplete) out.push(`  - ${plain(f.file)}: ${plain(f.reason)}`);
  }
  const { folders, rest } = groupSkipped(r);
  if (rest.length) {
    out.push('', rest.length === 1 ? l10n.t('Skipped 1 file:') : l10n.t('Skipped {0} files:', rest.length));
    for (const s of rest) out.push(`  - ${plain(s.file)}: ${plain(s.reason)}`);
  }
  if (folders) out.push('', l10n.t('{0} (the JSON output lists each).', plain(folders)));
  if (r.suppressed?.length) {
    out.push('', l10n.t('Suppressed ({0}):', r.suppressed.length));
    for (const s of r.suppressed) out.push(`  - ${plain(s.file)}:${s.line} ${plain(s.signal)} (${suppressedBy(s)}): ${plain(s.reason)}`);
  }
  const unused = suppressionWarnings(r);
  if (unused.length) {
    out.push('', l10n.t('Suppression warnings ({0}):', unused.length));
    for (const u of unused) out.push(`  - ${plain(u.file)}:${u.line}: ${plain(u.message)}`);
  }
  if (r.notes.length) {
    out.push('', l10n.t('Notes:'));
    for (const n of r.notes) out.push(`  - ${plain(n.file)}: ${plain(n.message)}`);
  }
  return out.join('\n') + '\n';
}

export function renderAdviceMarkdown(r: AdviceReport): string {
  const out: string[] = [];
  out.push(`# ${l10n.t('Container or VM?')}`, '');
  out.push(`**${l10n.t('Overall: {0}', overallWord(r))}** — ${escapeText(summaryLine(r))}`, '');
  if (r.root) out.push(l10n.t('Scanned: {0}', code(r.root)), '');
  if (r.workloads.length) {
    out.push(l10n.t('Decided by: {0}', decidedByText(r, (x) => escapeText(x))), '');
    const note = overallFromNote(r);
    if (note) out.push(escapeText(note), '');
    const head = [l10n.t('Workload'), l10n.t('Role'), l10n.t('Kind'), l10n.t('Where'), l10n.t('Verdict'), l10n.t('Confidence')];
    out.push(`| ${head.join(' | ')} |`, '| --- | --- | --- | --- | --- | --- |');
    for (const g of byRole(r)) for (const { w } of g.items) out.push(`| ${escapeText(w.name)} | ${escapeText(roleName(w.role ?? 'product'))} | ${w.kind} | ${cellCode(where(w))} | **${w.verdict}** | ${w.confidence.toFixed(2)} |`);
    out.push('');
  } else out.push(l10n.t('No workloads found.'), '');
  if (r.incomplete?.length) {
    out.push(`**${l10n.t('Incomplete ({0})', r.incomplete.length)}**`, '');
    for (const f of r.incomplete) out.push(`- ${code(f.file)}: ${escapeText(f.reason)}`);
    out.push('');
  }
  let budget = MAX_EVIDENCE_SHOWN;
  for (const { w } of byRole(r).flatMap((g) => g.items)) {
    out.push(`## ${escapeText(w.name)}: ${w.verdict}`, '');
    if (w.role && w.role !== 'product') out.push(escapeText(l10n.t('Role: {0} ({1}).', roleName(w.role), w.roleReason)), '');
    const confidence = w.confidence.toFixed(2);
    out.push(
      w.files.length > 1
        ? l10n.t('{0} at {1}, built from {2}; confidence {3}.', w.kind, code(where(w)), w.files.slice(1).map(code).join(', '), confidence)
        : l10n.t('{0} at {1}; confidence {2}.', w.kind, code(where(w)), confidence),
      '',
    );
    if (w.signals.length) {
      out.push(`**${l10n.t('Evidence')}**`, '');
      const shown = w.signals.slice(0, budget);
      // Of the evidence listed only: a message depends on the evidence before it, never after.
      const messages = shownMessages(shown);
      budget -= shown.length;
      for (const [i, s] of shown.entries()) {
        const cites = s.sources.map((c) => `*${escapeText(c.title)}*, “${escapeText(c.section)}”`).join('; ');
        out.push(`- **${escapeText(s.label)}** (${s.direction}, ${code(where(s))}): ${escapeText(messages[i])}${cites ? ` — ${cites}` : ''}`);
      }
      if (shown.length < w.signals.length) out.push(`- … ${l10n.t('and {0} more', w.signals.length - shown.length)}`);
      out.push('');
    } else out.push(l10n.t('Nothing found that needs more than a plain container.'), '');
    if (w.changes.length) {
      out.push(`**${l10n.t('What would change it')}**`, '');
      for (const c of w.changes) out.push(`- ${escapeText(c)}`);
      out.push('');
    }
  }
  const skipped = groupSkipped(r);
  if (skipped.rest.length || skipped.folders) {
    out.push(`<details><summary>${l10n.t('Skipped ({0})', r.skipped.length)}</summary>`, '');
    for (const s of skipped.rest) out.push(`- ${code(s.file)}: ${escapeText(s.reason)}`);
    if (skipped.folders) out.push(`- ${escapeText(skipped.folders)}`);
    out.push('', '</details>', '');
  }
  if (r.suppressed?.length) {
    out.push(`<details><summary>${l10n.t('Suppressed ({0})', r.suppressed.length)}</summary>`, '');
    for (const s of r.suppressed) out.push(`- ${code(`${s.file}:${s.line}`)} ${code(s.signal)} (${escapeText(suppressedBy(s))}): ${escapeText(s.reason)}`);
    out.push('', '</details>', '');
  }
  const warnings = suppressionWarnings(r);
  if (warnings.length) {
    out.push(`**${l10n.t('Suppression warnings')}**`, '');
    for (const u of warnings) out.push(`- ${code(`${u.file}:${u.line}`)}: ${escapeText(u.message)}`);
    out.push('');
  }
  if (r.notes.length) {
    out.push(`**${l10n.t('Notes')}**`, '');
    for (const n of r.notes) out.push(`- ${code(n.file)}: ${escapeText(n.message)}`);
    out.push('');
  }
  return out.join('\n');
}
