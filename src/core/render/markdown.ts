// Markdown helpers shared by everything that prints text taken from a user's file, and the one
// renderer of an explanation (the hover and the CLI print the same bytes). The explanation's own
// headings and labels go through l10n.t; the topic, its notes and its sources are knowledge data.
import * as l10n from '@vscode/l10n';
import { citation } from '../knowledge/sources';
import type { Cite, DimensionId, Topic } from '../knowledge/types';

const MAX_CODE = 80;

/**
 * Text from a file as an inline code span that cannot break out of itself: newlines folded, long
 * text shortened, the fence longer than any backtick run inside. Code spans render their content
 * literally, so links, emphasis and HTML in the text stay inert.
 */
export function code(text: string): string {
  let s = text.replace(/\s+/g, ' ').trim();
  if (s.length > MAX_CODE) s = s.slice(0, MAX_CODE - 1) + '…';
  return fenced(s);
}

/** A file name or position as a code span, like code() but never shortened: a message naming a file names all of it. */
export function codeWhole(text: string): string {
  return fenced(text.replace(/\s+/g, ' ').trim());
}

function fenced(s: string): string {
  if (s === '') return '` `';
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * Plain text with every markdown-significant character escaped and its line breaks (LF, CR, and the
 * line and paragraph separators) folded into spaces: a name with a newline cannot end a heading, a
 * list item or a table row, nor start a block of its own. A `|` is escaped, so the text can stand in
 * a table cell.
 */
export function escapeText(text: string): string {
  return foldBreaks(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

/** Line breaks (LF, CR, U+2028, U+2029) with the blanks around them folded into one space. */
function foldBreaks(text: string): string {
  return /[\n\r\u2028\u2029]/.test(text) ? text.replace(/[^\S\n\r\u2028\u2029]*[\n\r\u2028\u2029]\s*/g, ' ') : text;
}

/**
 * Text from a file as a code span that can stand in a table cell: a `|` would end the cell even
 * inside a code span, so each is escaped (GitHub and VS Code's Markdown take the backslash out again
 * before the span is read, so the span shows the text as it is).
 */
export function cellCode(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}

/**
 * Text from a file inside an HTML comment (`<!-- Dockerfile:3:1 -->`): line breaks shown as `\n` and
 * `\r`, and a `\` after each `-` that another follows
 * (`-->` is written `-\->`), so no `-->` (nor `--!>`) in the text can end the comment early.
 */
export function commentText(text: string): string {
  return text.replace(/\r\n|\r|\n|\u2028|\u2029/g, (b) => (b === '\n' ? '\\n' : b === '\r' ? '\\r' : b === '\r\n' ? '\\r\\n' : `\\u${b.charCodeAt(0).toString(16)}`)).replace(/-(?=-)/g, '-\\');
}

/**
 * A short message that may hold `code spans` (an advisor finding): the code spans are kept, re-fenced
 * so file text inside them stays literal; everything else is escaped; line breaks are folded.
 */
export function inlineText(text: string): string {
  const out: string[] = [];
  let last = 0;
  const spans = /(`+)([^`][\s\S]*?)\1(?!`)/g;
  for (let m = spans.exec(text); m; m = spans.exec(text)) {
    out.push(escapeLight(text.slice(last, m.index)), code(m[2]));
    last = m.index + m[0].length;
  }
  out.push(escapeLight(text.slice(last)));
  return out.join('');
}

/** Escapes what could start a link, an image, HTML, emphasis or a code span; folds line breaks. */
function escapeLight(text: string): string {
  return foldBreaks(text).replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`);
}

/** What the renderer needs beyond the topic: the line-specific parts and the related topics. */
export interface RenderInput {
  topic: Topic;
  /** Leave out the generic "what it does" part (another Docker extension already shows it). */
  generic: boolean;
  notes: string[];
  /** The advisor's findings here: label, message and where the evidence pushes, as plain text (the renderer escapes). */
  findings: { label: string; message: string; toward?: string }[];
  related: Topic[];
  dimensions: DimensionId[];
  /** Display names of the dimensions, in the same order. */
  dimensionNames: string[];
  sources: Cite[];
}

export const COMPARE_COMMAND = 'containerOrVm.openComparison';

/** A `command:` link that opens the comparison on one dimension. */
export function compareLink(dimension: DimensionId, name: string): string {
  const arg = encodeURIComponent(JSON.stringify({ dimension }));
  return `[${l10n.t('Compare containers and VMs on {0}', escapeText(name))}](command:${COMPARE_COMMAND}?${arg})`;
}

export function renderExplanation(input: RenderInput): string {
  const { topic } = input;
  const out: string[] = [];
  out.push(`#### ${topic.title}`, '', topic.summary, '');
  if (input.generic && topic.does.trim()) {
    out.push(`**${l10n.t('What it does.')}** ${topic.does.trim()}`, '');
    if (topic.reference) out.push(l10n.t('Reference: {0}', `[${escapeText(topic.reference.label)}](${topic.reference.url})`), '');
  }
  if (input.notes.length || input.findings.length) {
    out.push(`**${l10n.t('On this line')}**`, '');
    for (const n of input.notes) out.push(`- ${n}`);
    // With notes present the finding's message mostly repeats them; its label and direction suffice.
    for (const f of input.findings) {
      const toward = f.toward ? ` ${l10n.t('(evidence toward {0})', f.toward)}` : '';
      const message = input.notes.length || !f.message ? '' : `: ${inlineText(f.message)}`;
      out.push(`- ⚑ **${inlineText(f.label)}**${toward}${message}`);
    }
    out.push('');
  }
  out.push(`**${l10n.t('Container or VM?')}** ${topic.angle.trim()}`, '');
  for (const r of input.related) {
    out.push(`**${r.title}**: ${r.summary}`, '');
    if (r.angle.trim()) out.push(r.angle.trim(), '');
  }
  if (input.dimensions.length) out.push(`*${l10n.t('Dimensions:')}* ${input.dimensionNames.join(' · ')}`, '');
  if (input.sources.length) {
    const cites = input.sources.map((c) => {
      const s = citation(c);
      return `*${s.title}*, “${s.section}”`;
    });
    out.push(`*${l10n.t('Sources:')}* ${cites.join('; ')}`, '');
  }
  if (input.dimensions.length) out.push(compareLink(input.dimensions[0], input.dimensionNames[0]), '');
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
