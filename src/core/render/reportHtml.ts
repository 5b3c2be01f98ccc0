// The advice report panel's document, as a pure function of the report. Every string from the
// workspace goes through escapeHtml; evidence links are data attributes that media/report.js turns
// into `open` messages (validated again by the extension); the only script is media/report.js,
// loaded with the per-render nonce.
import type { AdviceReport, AdviceSignal, AdviceWorkload } from '../advisor/report';
import type { Verdict } from '../advisor/types';
import { groupSkipped } from './adviceText';
import { clip, clipPath, VERDICT_LABELS } from './html';

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

const VERDICT_SUMMARY: Record<Verdict, string> = {
  container: 'A plain container fits.',
  'container-hardened': 'A container fits, once the settings that give away isolation are fixed.',
  sandboxed: 'A container with a stronger boundary: a sandboxed runtime such as gVisor, Kata Containers or Hyper-V isolation.',
  vm: 'Needs what only a virtual machine gives.',
};

const verdictOf = (v: unknown): Verdict => (typeof v === 'string' && Object.prototype.hasOwnProperty.call(VERDICT_LABELS, v) ? (v as Verdict) : 'container');

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

function renderWorkload(w: AdviceWorkload, index: number, focus: number | undefined): string {
  const verdict = verdictOf(w.verdict);
  const pct = Math.round(Math.max(0, Math.min(1, Number(w.confidence) || 0)) * 100);
  const from = w.files.length > 1 ? ` <span class="muted">built from</span> ${w.files.slice(1).map((f) => place(f, 1, clipPath(f, 160))).join(', ')}` : '';
  const shown = w.signals.slice(0, MAX_SIGNALS_SHOWN).map(renderSignal).join('');
  const more = w.signals.length > MAX_SIGNALS_SHOWN ? `<p class="muted">and ${w.signals.length - MAX_SIGNALS_SHOWN} more</p>` : '';
  const why = w.signals.length ? `<h3>Evidence</h3><ul class="signals">${shown}</ul>${more}` : '<p class="muted">Nothing found that needs more than a plain container.</p>';
  const changes = w.changes.length ? `<h3>What would change it</h3><ul class="changes">${w.changes.map((c) => `<li>${prose(clip(c, 500))}</li>`).join('')}</ul>` : '';
  return (
    `<section class="workload verdict-${verdict}${focus === index ? ' focused' : ''}" id="w-${index}" data-index="${index}" data-file="${escapeHtml(w.file)}" data-line="${Number(w.line) || 1}" tabindex="-1">` +
    `<h2><span class="badge verdict-${verdict}">${escapeHtml(VERDICT_LABELS[verdict])}</span> ${escapeHtml(clip(w.name, 160))}</h2>` +
    `<p class="meta">${escapeHtml(w.kind)} at ${place(w.file, w.line)}${from} · confidence <span class="confidence">${pct}%</span></p>` +
    why +
    changes +
    `</section>`
  );
}

function renderSkipped(r: AdviceReport): string {
  if (r.skipped.length === 0 && r.notes.length === 0) return '';
  const { folders, rest } = groupSkipped(r);
  const items = rest.slice(0, MAX_SKIPPED_SHOWN).map((s) => `<li><code>${escapeHtml(clipPath(s.file, 200))}</code>: ${escapeHtml(clip(s.reason))}</li>`);
  if (rest.length > MAX_SKIPPED_SHOWN) items.push(`<li class="muted">and ${rest.length - MAX_SKIPPED_SHOWN} more</li>`);
  if (folders) items.push(`<li>${escapeHtml(folders)}</li>`);
  const notes = r.notes.slice(0, MAX_SKIPPED_SHOWN).map((n) => `<li><code>${escapeHtml(clipPath(n.file, 200))}</code>: ${escapeHtml(clip(n.message))}</li>`);
  return (
    (r.skipped.length ? `<details class="skipped"><summary>Skipped (${r.skipped.length})</summary><ul>${items.join('')}</ul></details>` : '') +
    (notes.length ? `<details class="notes"><summary>Notes (${r.notes.length})</summary><ul>${notes.join('')}</ul></details>` : '')
  );
}

export function renderReportHtml(report: AdviceReport | undefined, env: ReportEnv, focus?: number): string {
  const csp = [`default-src 'none'`, `style-src ${env.cspSource}`, `img-src ${env.cspSource}`, `script-src 'nonce-${env.nonce}'`].join('; ');
  let body: string;
  if (!report) {
    body =
      `<header class="toolbar"><h1>Should this be a VM?</h1><button type="button" data-action="rerun">Scan the workspace</button></header>` +
      `<p class="muted">No report yet. Scan the workspace to see, for each workload, whether it belongs in a container, a hardened or sandboxed container, or a virtual machine.</p>`;
  } else {
    const overall = verdictOf(report.verdict);
    const n = report.workloads.length;
    const summary = `${n} workload${n === 1 ? '' : 's'} · ${report.stats.files} files scanned · ${report.stats.configFiles} configuration files · ${report.stats.ms} ms`;
    body =
      `<header class="toolbar"><h1>Should this be a VM?</h1>` +
      `<button type="button" data-action="rerun">Scan again</button> <button type="button" data-action="copy">Copy as Markdown</button></header>` +
      `<section class="overall verdict-${overall}"><p class="answer">Overall: <span class="badge verdict-${overall}">${escapeHtml(VERDICT_LABELS[overall])}</span></p>` +
      `<p>${escapeHtml(VERDICT_SUMMARY[overall])} <span class="muted">${escapeHtml(summary)}</span></p>` +
      (n > 1 ? `<ul class="index">${report.workloads.map((w, i) => `<li><a href="#w-${i}" data-index="${i}">${escapeHtml(clip(w.name, 80))}</a> <span class="badge verdict-${verdictOf(w.verdict)}">${escapeHtml(VERDICT_LABELS[verdictOf(w.verdict)])}</span></li>`).join('')}</ul>` : '') +
      `</section>` +
      (n ? report.workloads.map((w, i) => renderWorkload(w, i, focus)).join('') : `<p class="muted">No workloads found: no Dockerfile, compose, Kubernetes, dev container, Vagrant, Packer, cloud-init, Lima or Terraform file was recognised.</p>`) +
      renderSkipped(report);
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(env.styleUri)}">
<title>Should this be a VM?</title>
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
