// The comparison panel's document, as a pure function of the table and the workspace evidence.
// Every string goes through escapeHtml; file links are data attributes that media/panel.js turns
// into `openFile` messages; the only script is media/panel.js, loaded with the per-render nonce.
// The panel's own words go through l10n.t; the few the script writes itself travel in the
// `data-l10n` attribute of <main> (see scriptStrings).
import * as l10n from '@vscode/l10n';
import type { CompareRow, CompareTable, DimensionMark, DimensionMarks } from '../compare';
import { isDimensionId } from '../knowledge/dimensions';
import type { DimensionId } from '../knowledge/types';
import { clip, clipPath, isVerdict, verdictLabels } from './html';
import { MAX_FILE_LENGTH, MAX_FILTER_LENGTH } from '../panelProtocol';

export interface PanelModel {
  table: CompareTable;
  /** Evidence from the last scan; undefined before any scan. */
  marks?: DimensionMarks;
  /** The row to highlight and scroll to. */
  focus?: DimensionId;
  /** Whether the "Sandboxed container" column is shown (default: shown). */
  sandboxed?: boolean;
  /** The filter text restored from the panel's state. */
  filter?: string;
}

export interface PanelEnv {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh for every render (core/nonce.ts). */
  nonce: string;
  /** `asWebviewUri` of media/panel.js and media/panel.css. */
  scriptUri: string;
  styleUri: string;
}

/** Most evidence items listed per dimension; the rest are counted. */
export const MAX_MARKS_SHOWN = 50;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The one HTML escape: safe in text and in double-quoted attribute values (every attribute here is double-quoted). */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"]/g, (c) => ENTITIES[c]);
}

/** Escaped text with its `code spans` shown as <code>: the spans are found after escaping, so they add no markup of their own. */
export function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function renderMark(m: DimensionMark): string {
  const where = `${clipPath(typeof m.display === 'string' && m.display !== '' ? m.display : m.file, 120)}:${m.line}`;
  const linkable =
    typeof m.file === 'string' && m.file.length > 0 && m.file.length <= MAX_FILE_LENGTH && Number.isInteger(m.line) && m.line >= 1;
  const place = linkable
    ? `<button type="button" class="evidence" data-file="${escapeHtml(m.file)}" data-line="${m.line}">${escapeHtml(where)}</button>`
    : `<span class="evidence-place">${escapeHtml(where)}</span>`;
  const verdict = String(m.verdict);
  const verdictClass = isVerdict(verdict) ? ` verdict-${verdict}` : '';
  const label = isVerdict(verdict) ? verdictLabels()[verdict] : clip(verdict, 40);
  return (
    `<li${m.decided === true ? ' class="decided"' : ''}>${place} <span class="workload">${escapeHtml(clip(m.workload, 120))}</span>` +
    ` <span class="verdict${verdictClass}">${escapeHtml(label)}</span>` +
    ` <span class="message">${prose(clip(m.message))}</span></li>`
  );
}

/** Most workload names listed in a row's "decided" note; the rest are counted. */
export const MAX_DECIDED_NAMES = 5;

/** The workloads whose verdict this row's evidence decided, in order, each once. */
export function decidedWorkloads(list: readonly DimensionMark[]): string[] {
  const names: string[] = [];
  for (const m of list) if (m.decided === true && typeof m.workload === 'string' && !names.includes(m.workload)) names.push(m.workload);
  return names;
}

function renderDecided(names: string[]): string {
  if (names.length === 0) return '';
  const shown = names.slice(0, MAX_DECIDED_NAMES).map((n) => clip(n, 60)).join(', ');
  const more = names.length > MAX_DECIDED_NAMES ? ` ${l10n.t('and {0} more', names.length - MAX_DECIDED_NAMES)}` : '';
  return `<p class="decided-note"><strong>${escapeHtml(l10n.t('Decided the verdict of:'))}</strong> ${escapeHtml(shown + more)}</p>`;
}

function marksOfRow(marks: DimensionMarks | undefined, id: DimensionId): DimensionMark[] {
  return marks && Object.prototype.hasOwnProperty.call(marks, id) ? marks[id] ?? [] : [];
}

function renderMarks(marks: DimensionMarks | undefined, id: DimensionId): string {
  if (!marks) return `<div class="marks" data-count="0"><span class="muted">${escapeHtml(l10n.t('No workspace scan yet.'))}</span></div>`;
  const list = marksOfRow(marks, id);
  if (list.length === 0) return `<div class="marks" data-count="0"><span class="muted">${escapeHtml(l10n.t('Nothing in this workspace.'))}</span></div>`;
  const shown = list.slice(0, MAX_MARKS_SHOWN).map(renderMark).join('');
  const more = list.length > MAX_MARKS_SHOWN ? `<p class="muted">${escapeHtml(l10n.t('and {0} more', list.length - MAX_MARKS_SHOWN))}</p>` : '';
  return `<div class="marks" data-count="${list.length}">${renderDecided(decidedWorkloads(list))}<ul>${shown}</ul>${more}</div>`;
}

function renderRow(d: CompareRow, model: PanelModel, numberOf: Map<string, number>, first: boolean): string {
  const focused = model.focus === d.id;
  const decided = decidedWorkloads(marksOfRow(model.marks, d.id)).length > 0;
  const classes = [focused ? 'focused' : '', decided ? 'decided' : ''].filter(Boolean).join(' ');
  const tabindex = focused || (first && !model.focus) ? '0' : '-1';
  const cites = d.sources
    .map((c) => `<li><a class="cite" href="#source-${escapeHtml(c.doc)}">[${numberOf.get(c.doc) ?? '?'}]</a> ${escapeHtml(c.section)}</li>`)
    .join('');
  const note = d.note ? `<p class="note"><strong>${escapeHtml(l10n.t('Note:'))}</strong> ${prose(d.note)}</p>` : '';
  return (
    `<tr data-dimension="${escapeHtml(d.id)}" id="row-${escapeHtml(d.id)}" tabindex="${tabindex}"${classes ? ` class="${classes}"` : ''}>` +
    `<th scope="row">${escapeHtml(d.name)}</th>` +
    `<td>${prose(d.container)}</td>` +
    `<td>${prose(d.vm)}</td>` +
    `<td class="col-sandboxed">${prose(d.sandboxed)}</td>` +
    `<td class="sources"><ul>${cites}</ul>${note}</td>` +
    `<td>${renderMarks(model.marks, d.id)}</td>` +
    '</tr>'
  );
}

/**
 * The words media/panel.js writes itself (after a copy, and when a `show` message brings new
 * evidence), in the display language. The script cannot load code or data of its own (the CSP
 * allows one script, by nonce), so they travel as JSON in an attribute; the script falls back to
 * English for any it cannot read.
 */
export function scriptStrings(): { copied: string; nothing: string; more: string; decided: string; verdicts: Record<string, string> } {
  return {
    copied: l10n.t('Copied the comparison as Markdown.'),
    nothing: l10n.t('Nothing in this workspace.'),
    // {0} is filled in by the script.
    more: l10n.t('and {0} more'),
    decided: l10n.t('Decided the verdict of:'),
    verdicts: verdictLabels(),
  };
}

/** The whole webview document. */
export function renderPanelHtml(model: PanelModel, env: PanelEnv): string {
  const showSandboxed = model.sandboxed !== false;
  const focus = model.focus !== undefined && isDimensionId(model.focus) ? model.focus : undefined;
  const filter = clip(model.filter ?? '', MAX_FILTER_LENGTH);
  const numberOf = new Map(model.table.sources.map((s, i) => [s.id as string, i + 1] as const));
  const csp = [
    "default-src 'none'",
    `style-src ${env.cspSource}`,
    `script-src 'nonce-${env.nonce}'`,
    `img-src ${env.cspSource}`,
  ].join('; ');
  const rows = model.table.dimensions.map((d, i) => renderRow(d, { ...model, focus }, numberOf, i === 0)).join('\n');
  const sources = model.table.sources
    .map(
      (s, i) =>
        `<li id="source-${escapeHtml(s.id)}" value="${i + 1}"><cite>${escapeHtml(s.title)}</cite>, ${escapeHtml(s.publisher)}</li>`,
    )
    .join('\n');
  const n = model.table.dimensions.length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(env.styleUri)}">
<title>${escapeHtml(l10n.t('Container or VM? Comparison'))}</title>
</head>
<body data-focus="${focus ?? ''}" data-sandboxed="${showSandboxed}">
<header class="toolbar">
<label for="filter">${escapeHtml(l10n.t('Filter'))}</label>
<input id="filter" type="search" placeholder="${escapeHtml(l10n.t('Filter dimensions'))}" autocomplete="off" aria-controls="comparison" value="${escapeHtml(filter)}">
<label class="toggle"><input type="checkbox" id="toggle-sandboxed"${showSandboxed ? ' checked' : ''}> ${escapeHtml(l10n.t('Sandboxed container column'))}</label>
<button type="button" id="copy-markdown">${escapeHtml(l10n.t('Copy as Markdown'))}</button>
<span id="status" role="status" aria-live="polite"></span>
</header>
<main data-l10n="${escapeHtml(JSON.stringify(scriptStrings()))}">
<table id="comparison" class="comparison${showSandboxed ? '' : ' hide-sandboxed'}">
<caption>${escapeHtml(l10n.t('Containers, virtual machines and sandboxed containers compared on {0} dimensions, with the documents behind each row and the evidence found in this workspace. Arrow keys move between rows; Enter opens a row\'s first piece of evidence.', n))}</caption>
<thead><tr><th scope="col">${escapeHtml(l10n.t('Dimension'))}</th><th scope="col">${escapeHtml(l10n.t('Containers'))}</th><th scope="col">${escapeHtml(l10n.t('Virtual machines'))}</th><th scope="col" class="col-sandboxed">${escapeHtml(l10n.t('Sandboxed container'))}</th><th scope="col">${escapeHtml(l10n.t('Sources'))}</th><th scope="col">${escapeHtml(l10n.t('In this workspace'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p id="no-match" hidden>${escapeHtml(l10n.t('No dimension matches the filter.'))}</p>
<section class="sources-list" aria-labelledby="sources-heading">
<h2 id="sources-heading">${escapeHtml(l10n.t('Sources'))}</h2>
<ol>
${sources}
</ol>
<p class="muted">${escapeHtml(l10n.t('Sandboxed containers: the documents describe Hyper-V isolation; gVisor, Kata Containers and Firecracker microVMs are other implementations of the same idea.'))}</p>
</section>
</main>
<script nonce="${escapeHtml(env.nonce)}" src="${escapeHtml(env.scriptUri)}"></script>
</body>
</html>
`;
}
