// The advice report panel's document, as a pure function of the report. Every string from the
// workspace goes through escapeHtml; evidence links are data attributes that media/report.js turns
// into `open` messages (validated again by the extension); the only script is media/report.js,
// loaded with the per-render nonce. The report's own words go through l10n.t (media/report.js writes
// none of its own).
import * as l10n from '@vscode/l10n';
import type { AdviceReport, AdviceSignal, AdviceWorkload } from '../advisor/report';
import type { Verdict } from '../advisor/types';
import { byRole, decidedByText, groupSkipped, MAX_EVIDENCE_SHOWN, noWorkloadsText, overallFromNote, roleHeading, workloadCount } from './adviceText';
import { roleName, roleWorthSaying } from '../advisor/roles';
import { clip, clipPath, fillHtml, isVerdict, verdictLabel } from './html';

export interface ReportEnv {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh for every render, from a cryptographic random source. */
  nonce: string;
  /** `asWebviewUri` of media/report.js and media/report.css. */
  scriptUri: string;
  styleUri: string;
}

/** Longest file path a link may carry; longer ones are shown but not linked. */
export const MAX_LINK_FILE = 1024;
/** Evidence items listed per workload before "and n more". */
export const MAX_SIGNALS_SHOWN = 40;
/** Skipped entries listed before "and n more". */
export const MAX_SKIPPED_SHOWN = 500;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Escaped text with `code spans` shown as code; the spans are found after escaping, so they add no markup of their own. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function verdictSummary(v: Verdict): string {
  switch (v) {
    case 'container':
      return l10n.t('A plain container fits.');
    case 'container-hardened':
      return l10n.t('A container fits, once the settings that give away isolation are fixed.');
    case 'sandboxed':
      return l10n.t('A container with a stronger boundary: a sandboxed runtime such as gVisor, Kata Containers or Hyper-V isolation.');
    case 'vm':
      return l10n.t('Needs what only a virtual machine gives.');
  }
}

const verdictOf = (v: unknown): Verdict => (isVerdict(v) ? v : 'container');

/** A translated message as markup: its text escaped, its placeholders filled with safe markup. */
const fill = (message: string, ...parts: string[]) => fillHtml(message, escapeHtml, ...parts);

/** A button that opens file:line, or plain text when the values could not be opened safely. */
function place(file: string, line: number, text?: string): string {
  const shown = escapeHtml(text ?? `${clipPath(file, 160)}:${line}`);
  const linkable = typeof file === 'string' && file.length > 0 && file.length <= MAX_LINK_FILE && !file.includes('\0') && Number.isInteger(line) && line >= 1;
  return linkable ? `<button type="button" class="link" data-file="${escapeHtml(file)}" data-line="${line}">${shown}</button>` : `<span class="place">${shown}</span>`;
}

function renderSignal(s: AdviceSignal): string {
  const cites = s.sources.map((c) => `<cite>${escapeHtml(clip(c.title, 120))}</cite>, “${escapeHtml(clip(c.section, 120))}”`).join('; ');
  return (
    `<li class="signal dir-${escapeHtml(s.direction)}">` +
    `<span class="tag">${escapeHtml(s.direction)}</span> <strong>${escapeHtml(clip(s.label, 80))}</strong> ${place(s.file, s.line)}` +
    `<div class="message">${prose(clip(s.message, 1000))}</div>` +
    (cites ? `<div class="sources">${cites}</div>` : '') +
    `</li>`
  );
}

/** `left`: how many more pieces of evidence the page may list (MAX_EVIDENCE_SHOWN over all workloads). */
function renderWorkload(w: AdviceWorkload, index: number, focus: number | undefined, left: { evidence: number }): string {
  const verdict = verdictOf(w.verdict);
  const pct = Math.round(Math.max(0, Math.min(1, Number(w.confidence) || 0)) * 100);
  const from = w.files.length > 1 ? ` <span class="muted">${escapeHtml(l10n.t('built from'))}</span> ${w.files.slice(1).map((f) => place(f, 1, clipPath(f, 160))).join(', ')}` : '';
  const count = Math.min(w.signals.length, MAX_SIGNALS_SHOWN, left.evidence);
  left.evidence -= count;
  const shown = w.signals.slice(0, count).map(renderSignal).join('');
  const more = w.signals.length > count ? `<p class="muted">${escapeHtml(l10n.t('and {0} more', w.signals.length - count))}</p>` : '';
  const why = w.signals.length
    ? `<h3>${escapeHtml(l10n.t('Evidence'))}</h3>${count ? `<ul class="signals">${shown}</ul>` : ''}${more}`
    : `<p class="muted">${escapeHtml(l10n.t('Nothing found that needs more than a plain container.'))}</p>`;
  const changes = w.changes.length ? `<h3>${escapeHtml(l10n.t('What would change it'))}</h3><ul class="changes">${w.changes.map((c) => `<li>${prose(clip(c, 500))}</li>`).join('')}</ul>` : '';
  return (
    `<section class="workload verdict-${verdict}${focus === index ? ' focused' : ''}" id="w-${index}" data-index="${index}" data-file="${escapeHtml(w.file)}" data-line="${Number(w.line) || 1}" tabindex="-1">` +
    `<h2><span class="badge verdict-${verdict}">${escapeHtml(verdictLabel(verdict))}</span> ${escapeHtml(clip(w.name, 160))}</h2>` +
    `<p class="meta">${fill(l10n.t('{0} at {1}'), escapeHtml(w.kind), place(w.file, w.line))}${from} · ${fill(l10n.t('confidence {0}'), `<span class="confidence">${pct}%</span>`)}</p>` +
    (w.role && roleWorthSaying(w) ? `<p class="role muted">${escapeHtml(l10n.t('Role: {0} ({1}).', roleName(w.role), clip(String(w.roleReason ?? ''), 200)))}</p>` : '') +
    why +
    changes +
    `</section>`
  );
}

function renderIncomplete(r: AdviceReport): string {
  const list = r.incomplete ?? [];
  if (list.length === 0) return '';
  const items = list.slice(0, MAX_SKIPPED_SHOWN).map((f) => `<li><code>${escapeHtml(clipPath(f.file, 200))}</code>: ${escapeHtml(clip(f.reason))}</li>`);
  return `<section class="incomplete"><h2>${escapeHtml(l10n.t('Incomplete ({0})', list.length))}</h2><p class="muted">${escapeHtml(l10n.t('These files could not be read completely; the answer may miss what they hold.'))}</p><ul>${items.join('')}</ul></section>`;
}

function renderSkipped(r: AdviceReport): string {
  if (r.skipped.length === 0 && r.notes.length === 0) return '';
  const { folders, rest } = groupSkipped(r);
  const items = rest.slice(0, MAX_SKIPPED_SHOWN).map((s) => `<li><code>${escapeHtml(clipPath(s.file, 200))}</code>: ${escapeHtml(clip(s.reason))}</li>`);
  if (rest.length > MAX_SKIPPED_SHOWN) items.push(`<li class="muted">${escapeHtml(l10n.t('and {0} more', rest.length - MAX_SKIPPED_SHOWN))}</li>`);
  if (folders) items.push(`<li>${escapeHtml(folders)}</li>`);
  const notes = r.notes.slice(0, MAX_SKIPPED_SHOWN).map((n) => `<li><code>${escapeHtml(clipPath(n.file, 200))}</code>: ${escapeHtml(clip(n.message))}</li>`);
  return (
    (r.skipped.length ? `<details class="skipped"><summary>${escapeHtml(l10n.t('Skipped ({0})', r.skipped.length))}</summary><ul>${items.join('')}</ul></details>` : '') +
    (notes.length ? `<details class="notes"><summary>${escapeHtml(l10n.t('Notes ({0})', r.notes.length))}</summary><ul>${notes.join('')}</ul></details>` : '')
  );
}

export function renderReportHtml(report: AdviceReport | undefined, env: ReportEnv, focus?: number): string {
  const csp = [`default-src 'none'`, `style-src ${env.cspSource}`, `img-src ${env.cspSource}`, `script-src 'nonce-${env.nonce}'`].join('; ');
  const title = escapeHtml(l10n.t('Should this be a VM?'));
  let body: string;
  if (!report) {
    body =
      `<header class="toolbar"><h1>${title}</h1><button type="button" data-action="rerun">${escapeHtml(l10n.t('Scan the workspace'))}</button></header>` +
      `<p class="muted">${escapeHtml(l10n.t('No report yet. Scan the workspace to see, for each workload, whether it belongs in a container, a hardened or sandboxed container, or a virtual machine.'))}</p>`;
  } else if (report.verdict === null || report.workloads.length === 0) {
    const summary = l10n.t('{0} · {1} files scanned · {2} configuration files · {3} ms', workloadCount(0), report.stats.files, report.stats.configFiles, report.stats.ms);
    body =
      `<header class="toolbar"><h1>${title}</h1>` +
      `<button type="button" data-action="rerun">${escapeHtml(l10n.t('Scan again'))}</button> <button type="button" data-action="copy">${escapeHtml(l10n.t('Copy as Markdown'))}</button></header>` +
      `<section class="overall"><p class="answer">${escapeHtml(l10n.t('No workloads found'))}</p><p class="muted">${escapeHtml(summary)}</p></section>` +
      `<p class="muted">${escapeHtml(noWorkloadsText(report))}</p>` +
      renderIncomplete(report) +
      renderSkipped(report);
  } else {
    const overall = verdictOf(report.verdict);
    const n = report.workloads.length;
    const groups = byRole(report);
    const note = overallFromNote(report);
    const left = { evidence: MAX_EVIDENCE_SHOWN };
    const summary = l10n.t('{0} · {1} files scanned · {2} configuration files · {3} ms', workloadCount(n), report.stats.files, report.stats.configFiles, report.stats.ms);
    body =
      `<header class="toolbar"><h1>${title}</h1>` +
      `<button type="button" data-action="rerun">${escapeHtml(l10n.t('Scan again'))}</button> <button type="button" data-action="copy">${escapeHtml(l10n.t('Copy as Markdown'))}</button></header>` +
      `<section class="overall verdict-${overall}"><p class="answer">${fill(l10n.t('Overall: {0}'), `<span class="badge verdict-${overall}">${escapeHtml(verdictLabel(overall))}</span>`)}</p>` +
      `<p>${escapeHtml(verdictSummary(overall))} <span class="muted">${escapeHtml(summary)}</span></p>` +
      `<p class="decided">${escapeHtml(l10n.t('Decided by: {0}', decidedByText(report, (x) => clip(x, 160))))}</p>` +
      (note ? `<p class="muted">${escapeHtml(note)}</p>` : '') +
      (n > 1 ? `<ul class="index">${groups.flatMap((g) => g.items).map(({ w, index: i }) => `<li><a href="#w-${i}" data-index="${i}">${escapeHtml(clip(w.name, 80))}</a> <span class="badge verdict-${verdictOf(w.verdict)}">${escapeHtml(verdictLabel(verdictOf(w.verdict)))}</span>${w.role && w.role !== 'product' ? ` <span class="muted">${escapeHtml(roleName(w.role))}</span>` : ''}</li>`).join('')}</ul>` : '') +
      `</section>` +
      renderIncomplete(report) +
      groups.map((g) => (groups.length > 1 || g.role !== 'product' ? `<h2 class="role-heading">${escapeHtml(roleHeading(g.role))}</h2>` : '') + g.items.map(({ w, index }) => renderWorkload(w, index, focus, left)).join('')).join('') +
      renderSkipped(report);
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(env.styleUri)}">
<title>${title}</title>
</head>
<body${focus !== undefined && Number.isInteger(focus) ? ` data-focus="${focus}"` : ''}>
${body}
<script nonce="${escapeHtml(env.nonce)}" src="${escapeHtml(env.scriptUri)}"></script>
</body>
</html>
`;
}

/** Messages the report webview may send; anything else is ignored. */
export type ReportMessage = { type: 'ready' } | { type: 'rerun' } | { type: 'copy' } | { type: 'open'; file: string; line: number };

/** Checks a message from the webview: exact shape, bounded values, no extra fields. */
export function parseReportMessage(raw: unknown): ReportMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const proto = Object.getPrototypeOf(raw);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const m = raw as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'ready':
    case 'rerun':
    case 'copy':
      return keys === 'type' ? { type: m.type } : undefined;
    case 'open': {
      if (keys !== 'file,line,type') return undefined;
      const { file, line } = m;
      if (typeof file !== 'string' || file.length === 0 || file.length > MAX_LINK_FILE || file.includes('\0')) return undefined;
      if (typeof line !== 'number' || !Number.isInteger(line) || line < 1 || line > 10_000_000) return undefined;
      return { type: 'open', file, line };
    }
    default:
      return undefined;
  }
}

/** The workload a CodeLens or command points at: exact file and line first, then the first in the file. */
export function workloadIndex(report: AdviceReport, at: { file?: unknown; line?: unknown } | undefined): number | undefined {
  if (!at || typeof at.file !== 'string') return undefined;
  const file = at.file;
  const line = typeof at.line === 'number' ? at.line : undefined;
  const exact = report.workloads.findIndex((w) => w.file === file && (line === undefined || w.line === line));
  if (exact >= 0) return exact;
  const inFile = report.workloads.findIndex((w) => w.files.includes(file));
  return inFile >= 0 ? inFile : undefined;
}
