// The advice report as terminal text and as a Markdown document (CLI `advise`, "copy as Markdown").
// The words around the report's data go through l10n.t (English in the CLI, which configures no bundle).
import * as l10n from '@vscode/l10n';
import type { AdviceReport, AdviceSignal, AdviceWorkload } from '../advisor/report';
import { FALLBACK_ROLES, fallbackRole, ROLES, roleName, roleWorthSaying, type Role } from '../advisor/roles';
import { signalById } from '../advisor/signals/index';
import { VERDICT_ORDER } from '../advisor/types';
import { cellCode, code, codeWhole, escapeText, inlineText } from './markdown';
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
  const from = fallbackRole(r.workloads);
  if (!from) return undefined;
  const others = FALLBACK_ROLES.filter((role) => role !== from && r.workloads.some((w) => w.role === role)).map((x) => roleName(x));
  return others.length
    ? l10n.t('No workload here is the product, so the answer comes from its {0} (also here: {1}).', roleName(from), others.join(', '))
    : l10n.t('No workload here is the product, so the answer comes from its {0}.', roleName(from));
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

/** Evidence that asks for a change (towards hardening, a sandbox or a VM), as opposed to a good habit that confirms a container fits. */
export function asksForChange(s: Pick<AdviceSignal, 'direction'>): boolean {
  return s.direction !== 'container';
}

/** A workload's evidence with what asks for a change first, each part keeping its order (strongest first). */
export function changeFirst(signals: readonly AdviceSignal[]): { asks: AdviceSignal[]; habits: AdviceSignal[] } {
  return { asks: signals.filter(asksForChange), habits: signals.filter((s) => !asksForChange(s)) };
}

/**
 * The line-specific part of a message: the message without the signal's reason (the catalogue's, or
 * what it shares with an earlier message of the same signal). '' when the message is only the reason.
 */
export function detailOf(message: string, reason: string | undefined, earlier?: string): string {
  const tidy = (d: string) => d.trim().replace(/[:;,]$/, '').trim();
  if (reason && message.endsWith(reason)) return tidy(message.slice(0, message.length - reason.length));
  if (earlier === undefined || earlier === message) return earlier === message ? '' : message;
  // The longest shared ending that starts a sentence in this message.
  let n = 0;
  while (n < earlier.length && n < message.length && earlier[earlier.length - 1 - n] === message[message.length - 1 - n]) n++;
  if (n === message.length) return '';
  const cut = message.indexOf('. ', Math.max(0, message.length - n - 1));
  return cut > 0 && message.length - cut > 20 ? message.slice(0, cut + 1) : message;
}

/**
 * Tells each signal's reason once: the first time a signal is shown its whole message, afterwards
 * only what is particular to the line ('' when nothing is). One per report.
 */
export function reasonOnce(): (s: AdviceSignal) => { text: string; repeat: boolean } {
  const first = new Map<string, string>();
  return (s) => {
    const prev = first.get(s.id);
    if (prev === undefined) {
      first.set(s.id, s.message);
      return { text: s.message, repeat: false };
    }
    return { text: detailOf(s.message, signalById(s.id)?.reason, prev), repeat: true };
  };
}

/** Workloads in the order a report section lists them: the most demanding verdict first, ties in report order. */
export function demandingFirst<T extends { w: AdviceWorkload }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => VERDICT_ORDER.indexOf(b.w.verdict) - VERDICT_ORDER.indexOf(a.w.verdict));
}

/** Good habits listed per workload in the text report, after everything that asks for a change. */
const HABITS_SHOWN = 3;
/** Pieces of evidence asking for a change listed per workload in the text report. */
const ASKS_SHOWN = 12;

function textWorkload(out: string[], w: AdviceWorkload, tell: ReturnType<typeof reasonOnce>): void {
  out.push('');
  out.push(`${plain(w.name)}  (${w.kind}, ${plain(where(w))}${w.files.length > 1 ? ` + ${w.files.slice(1).map(plain).join(', ')}` : ''})`);
  out.push('  ' + l10n.t('verdict: {0}   confidence {1}', w.verdict, w.confidence.toFixed(2)));
  if (w.role && roleWorthSaying(w)) out.push('  ' + l10n.t('role: {0} ({1})', roleName(w.role), plain(w.roleReason)));
  const line = (s: AdviceSignal) => {
    const { text } = tell(s);
    out.push(`    - [${s.direction}] ${plain(s.label)} (${plain(where(s))})${text ? `: ${plain(text)}` : ''}`);
  };
  const { asks, habits } = changeFirst(w.signals);
  if (asks.length) {
    out.push('  ' + l10n.t('asks for a change:'));
    asks.slice(0, ASKS_SHOWN).forEach(line);
    if (asks.length > ASKS_SHOWN) out.push('    … ' + l10n.t('and {0} more', asks.length - ASKS_SHOWN));
  }
  if (w.changes.length) {
    out.push('  ' + l10n.t('what would change it:'));
    for (const c of w.changes) out.push(`    - ${plain(c)}`);
  }
  if (habits.length) {
    out.push('  ' + l10n.t('good habits:'));
    habits.slice(0, HABITS_SHOWN).forEach(line);
    if (habits.length > HABITS_SHOWN) out.push('    … ' + l10n.t('and {0} more', habits.length - HABITS_SHOWN));
  }
  if (!w.signals.length) out.push('  ' + l10n.t('why: nothing found that needs more than a plain container'));
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

/** Why there is no workload: no configuration file at all, or files that declare nothing that runs. */
export function noWorkloadsText(r: AdviceReport): string {
  return r.stats.configFiles > 0
    ? l10n.t('No workloads found: the configuration files read here declare no container, VM or machine image (a Terraform file of networks and roles, a compose file of volumes only).')
    : l10n.t('No workloads found: no Dockerfile, compose, Kubernetes, dev container, Vagrant, Packer, cloud-init, Lima or Terraform file was recognised.');
}

export function renderAdviceText(r: AdviceReport): string {
  const out: string[] = [];
  // The answer first, and the workloads that decided it; then what was scanned.
  out.push(l10n.t('Overall: {0}  ({1})', overallWord(r), summaryLine(r)));
  if (r.workloads.length === 0) out.push('', noWorkloadsText(r));
  else {
    out.push(l10n.t('Decided by: {0}', decidedByText(r, plain)));
    const note = overallFromNote(r);
    if (note) out.push(note);
  }
  if (r.root) out.push(l10n.t('Scanned: {0}', plain(r.root)));
  if (r.incomplete?.length) out.push(r.incomplete.length === 1 ? l10n.t('1 file could not be read completely; the answer may miss what it holds (see Incomplete below).') : l10n.t('{0} files could not be read completely; the answer may miss what they hold (see Incomplete below).', r.incomplete.length));
  const groups = byRole(r);
  const tell = reasonOnce();
  for (const g of groups) {
    if (groups.length > 1 || g.role !== 'product') out.push('', `== ${roleHeading(g.role)} ==`);
    for (const { w } of demandingFirst(g.items)) textWorkload(out, w, tell);
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

/** At most this many characters in the Markdown report: it has to fit a pull-request comment (GitHub takes 65,536). */
export const MARKDOWN_LIMIT = 60_000;
/** Pieces of evidence one workload lists in the Markdown report before "and n more". */
const MD_EVIDENCE_SHOWN = 25;
/** Entries of a list at the end of the Markdown report (skipped, suppressed, notes…) shown before "and n more". */
const MD_LIST_SHOWN = 50;

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text inside raw HTML (a <summary>, where Markdown is not read): escaped and on one line. */
const html = (text: string): string => text.replace(/[\n\r\u2028\u2029]+/g, ' ').replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);

/** The scanned folder as the Markdown report names it: its name (or its folders' labels), never an absolute path. */
export function folderName(r: Pick<AdviceReport, 'root' | 'roots'>): string {
  if (r.roots?.length) return r.roots.map((x) => x.label).join(', ');
  const trimmed = r.root.replace(/[\\/]+$/, '');
  const name = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  return name || '.';
}

/** Every absolute folder of the report taken out of a text (what a reason or a note may quote), leaving paths relative to it. */
function relativiser(r: Pick<AdviceReport, 'root' | 'roots'>): (text: string) => string {
  const roots = [...(r.roots ?? []).map((x) => ({ path: x.path, as: x.label })), ...(r.root && !r.roots?.length ? [{ path: r.root, as: '.' }] : [])]
    .map((x) => ({ path: x.path.replace(/[\\/]+$/, ''), as: x.as }))
    .filter((x) => x.path.length > 1 && /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(x.path))
    .sort((a, b) => b.path.length - a.path.length);
  if (roots.length === 0) return (t) => t;
  return (text) => {
    let t = text;
    for (const x of roots) {
      t = t.split(x.path + '/').join(x.as === '.' ? '' : x.as + '/');
      t = t.split(x.path + '\\').join(x.as === '.' ? '' : x.as + '/');
      t = t.split(x.path).join(x.as);
    }
    return t;
  };
}

/** A list clipped to MD_LIST_SHOWN entries, with a line saying how many it leaves out. */
function clippedList<T>(items: readonly T[], line: (x: T) => string): string[] {
  const out = items.slice(0, MD_LIST_SHOWN).map(line);
  if (items.length > MD_LIST_SHOWN) out.push(`- … ${l10n.t('and {0} more', items.length - MD_LIST_SHOWN)}`);
  return out;
}

/**
 * The advice report as Markdown for a pull-request comment or a job summary: the answer, a table of
 * every workload, then each workload's details folded (<details>), at most MARKDOWN_LIMIT characters.
 * Paths are relative to the scanned folder; what does not fit is counted, with the command that shows it all.
 */
export function renderAdviceMarkdown(r: AdviceReport, limit = MARKDOWN_LIMIT): string {
  const rel = relativiser(r);
  const t = (s: string) => escapeText(rel(s));
  const c = (s: string) => code(rel(s));
  const prose = (s: string) => inlineText(rel(s));
  const folder = folderName(r);
  const command = codeWhole(`container-or-vm advise ${/^[\w./-]+$/.test(folder) ? folder : 'PATH'}`);

  const head: string[] = [];
  head.push(`# ${l10n.t('Container or VM?')}`, '');
  head.push(`**${l10n.t('Overall: {0}', overallWord(r))}** — ${t(summaryLine(r))}`, '');
  const items = byRole(r).flatMap((g) => demandingFirst(g.items));
  if (r.workloads.length) {
    const decided = (r.decidedBy ?? []).slice(0, 5).map((i) => r.workloads[i]).filter(Boolean);
    const more = (r.decidedBy?.length ?? 0) - decided.length;
    const names = decided.map((w) => `${t(w.name)} (${c(where(w))})`).join(', ');
    head.push(l10n.t('Decided by: {0}', more > 0 ? `${names} ${l10n.t('and {0} more', more)}` : names), '');
    const note = overallFromNote(r);
    if (note) head.push(t(note), '');
  }
  head.push(l10n.t('Scanned: {0}', code(folder)), '');
  if (r.incomplete?.length) {
    head.push(`**${l10n.t('Incomplete ({0})', r.incomplete.length)}**`, '');
    head.push(...clippedList(r.incomplete, (f) => `- ${c(f.file)}: ${t(f.reason)}`), '');
  }
  if (!r.workloads.length) head.push(l10n.t('No workloads found.'), '');

  // The lists at the end, each folded or short.
  const tail: string[] = [];
  const skipped = groupSkipped(r);
  if (skipped.rest.length || skipped.folders) {
    tail.push(`<details><summary>${html(l10n.t('Skipped ({0})', r.skipped.length))}</summary>`, '');
    tail.push(...clippedList(skipped.rest, (s) => `- ${c(s.file)}: ${t(s.reason)}`));
    if (skipped.folders) tail.push(`- ${t(skipped.folders)}`);
    tail.push('', '</details>', '');
  }
  if (r.suppressed?.length) {
    tail.push(`<details><summary>${html(l10n.t('Suppressed ({0})', r.suppressed.length))}</summary>`, '');
    tail.push(...clippedList(r.suppressed, (s) => `- ${c(`${s.file}:${s.line}`)} ${code(s.signal)} (${t(suppressedBy(s))}): ${t(s.reason)}`));
    tail.push('', '</details>', '');
  }
  const warnings = suppressionWarnings(r);
  if (warnings.length) {
    tail.push(`**${l10n.t('Suppression warnings')}**`, '');
    tail.push(...clippedList(warnings, (u) => `- ${c(`${u.file}:${u.line}`)}: ${t(u.message)}`), '');
  }
  if (r.notes.length) {
    tail.push(`**${l10n.t('Notes')}**`, '');
    tail.push(...clippedList(r.notes, (n) => `- ${c(n.file)}: ${t(n.message)}`), '');
  }

  // Room for the line that says what is left out.
  const reserve = 400;
  const size = (lines: readonly string[]) => lines.reduce((n, x) => n + x.length + 1, 0);
  let used = size(head) + size(tail) + reserve;

  const table: string[] = [];
  let inTable = 0;
  if (items.length) {
    const headRow = [l10n.t('Workload'), l10n.t('Role'), l10n.t('Kind'), l10n.t('Where'), l10n.t('Verdict'), l10n.t('Confidence')];
    table.push(`| ${headRow.join(' | ')} |`, '| --- | --- | --- | --- | --- | --- |');
    used += size(table) + 1;
    for (const { w } of items) {
      const row = `| ${t(w.name)} | ${escapeText(roleName(w.role ?? 'product'))} | ${w.kind} | ${cellCode(rel(where(w)))} | **${w.verdict}** | ${w.confidence.toFixed(2)} |`;
      if (used + row.length + 1 > limit) break;
      table.push(row);
      used += row.length + 1;
      inTable++;
    }
    table.push('');
  }

  const details: string[] = [];
  let inDetails = 0;
  let budget = MAX_EVIDENCE_SHOWN;
  if (inTable === items.length) {
    for (const { w } of items) {
      const block = detailsBlock(w, budget);
      const n = size(block.lines);
      if (used + n > limit) break;
      details.push(...block.lines);
      used += n;
      budget -= block.shown;
      inDetails++;
    }
  }

  const cut: string[] = [];
  const notShown = items.length - Math.min(inTable, inDetails);
  if (inTable < items.length) {
    cut.push(`**${l10n.t('{0} more workloads not shown', items.length - inTable)}** (${t(l10n.t('neither in the table nor in the details: the report is held to {0} characters', limit.toLocaleString('en-US')))}); ${l10n.t('run {0} for all.', command)}`, '');
  } else if (notShown > 0) {
    cut.push(`**${l10n.t('{0} more workloads not shown', notShown)}** (${t(l10n.t('in the table, without their details: the report is held to {0} characters', limit.toLocaleString('en-US')))}); ${l10n.t('run {0} for all.', command)}`, '');
  }
  let text = [...head, ...table, ...details, ...cut, ...tail].join('\n');
  if (text.length > limit) {
    // Only past every bound above (a huge number of lists): cut at a line end, and say so.
    const last = l10n.t('The report is cut here: it is longer than {0} characters; run {1} for all.', limit.toLocaleString('en-US'), command);
    const room = limit - last.length - 4;
    text = text.slice(0, text.lastIndexOf('\n', room) + 1) + '\n' + last + '\n';
  }
  return text;

  function detailsBlock(w: AdviceWorkload, left: number): { lines: string[]; shown: number } {
    const lines: string[] = [];
    const role = w.role && w.role !== 'product' ? `, ${html(roleName(w.role))}` : '';
    lines.push(`<details><summary><b>${html(w.name)}</b>: ${html(w.verdict)} (${html(w.kind)}${role}, <code>${html(rel(where(w)))}</code>)</summary>`, '');
    if (w.role && roleWorthSaying(w)) lines.push(t(l10n.t('Role: {0} ({1}).', roleName(w.role), w.roleReason)), '');
    const confidence = w.confidence.toFixed(2);
    lines.push(
      w.files.length > 1
        ? l10n.t('{0} at {1}, built from {2}; confidence {3}.', w.kind, c(where(w)), w.files.slice(1).map(c).join(', '), confidence)
        : l10n.t('{0} at {1}; confidence {2}.', w.kind, c(where(w)), confidence),
      '',
    );
    const { asks, habits } = changeFirst(w.signals);
    const ordered = [...asks, ...habits];
    const shown = ordered.slice(0, Math.max(0, Math.min(left, MD_EVIDENCE_SHOWN)));
    // Of the evidence listed only: a message depends on the evidence before it, never after.
    const messages = shownMessages(shown);
    const item = (s: AdviceSignal, i: number) => {
      const cites = s.sources.map((x) => `*${escapeText(x.title)}*, “${escapeText(x.section)}”`).join('; ');
      return `- **${t(s.label)}** (${s.direction}, ${c(where(s))}): ${prose(messages[i])}${cites ? ` — ${cites}` : ''}`;
    };
    const nAsks = shown.filter(asksForChange).length;
    if (asks.length) {
      lines.push(`**${l10n.t('Asks for a change')}**`, '');
      shown.slice(0, nAsks).forEach((s, i) => lines.push(item(s, i)));
      if (nAsks < asks.length) lines.push(`- … ${l10n.t('and {0} more', asks.length - nAsks)}`);
      lines.push('');
    }
    if (w.changes.length) {
      lines.push(`**${l10n.t('What would change it')}**`, '');
      for (const x of w.changes) lines.push(`- ${prose(x)}`);
      lines.push('');
    }
    if (habits.length) {
      lines.push(`**${l10n.t('Good habits')}**`, '');
      shown.slice(nAsks).forEach((s, i) => lines.push(item(s, nAsks + i)));
      if (shown.length - nAsks < habits.length) lines.push(`- … ${l10n.t('and {0} more', habits.length - (shown.length - nAsks))}`);
      lines.push('');
    }
    if (!w.signals.length) lines.push(l10n.t('Nothing found that needs more than a plain container.'), '');
    lines.push('</details>', '');
    return { lines, shown: shown.length };
  }
}
