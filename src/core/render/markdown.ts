// Markdown helpers shared by everything that prints text taken from a user's file, and the link to
// the comparison. The explanation a hover shows is rendered by render/explanation.ts.
import * as l10n from '@vscode/l10n';
import type { DimensionId } from '../knowledge/types';

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

/**
 * A message for a place that shows plain text (VS Code's Problems panel, an LSP client's diagnostics):
 * its code spans as quoted text, `USER root` → 'USER root', whatever their fence, so no backticks show.
 */
export function plainMessage(text: string): string {
  return text.replace(/(`+)(?!`)([^]*?[^`])\1(?!`)/g, (_m, _fence: string, inner: string) => {
    const s = inner.length > 1 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '' ? inner.slice(1, -1) : inner;
    return `'${s}'`;
  });
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

export const COMPARE_COMMAND = 'containerOrVm.openComparison';

/** A `command:` link that opens the comparison on one dimension. */
export function compareLink(dimension: DimensionId, name: string): string {
  const arg = encodeURIComponent(JSON.stringify({ dimension }));
  return `[${l10n.t('Compare containers and VMs on {0}', escapeText(name))}](command:${COMPARE_COMMAND}?${arg})`;
}
