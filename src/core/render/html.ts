// What the two webview renderers (the comparison panel and the advice report) share besides their
// own escaping: how workspace text is clipped, the verdict names, and how a translated message holds markup.
import * as l10n from '@vscode/l10n';
import { VERDICT_ORDER, type Verdict } from '../advisor/types';

/** Longest workspace string shown as is; longer ones are cut with an ellipsis. */
export const MAX_SHOWN = 300;

/** Workspace text on one line: runs of whitespace (line breaks included) become one space. */
const oneLine = (text: unknown): string => String(text).replace(/\s+/g, ' ').trim();

/** One line of at most `max` characters, for workspace text shown in a webview. */
export function clip(text: unknown, max = MAX_SHOWN): string {
  const s = oneLine(text);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/**
 * A path of at most `max` characters: a longer one keeps its end (folder and file name, the part
 * that tells files apart) behind a leading ellipsis.
 */
export function clipPath(text: unknown, max = MAX_SHOWN): string {
  const s = oneLine(text);
  return s.length > max ? '…' + s.slice(s.length - (max - 1)) : s;
}

/** Whether a value from a report or a message is one of the four verdicts. */
export function isVerdict(v: unknown): v is Verdict {
  return typeof v === 'string' && (VERDICT_ORDER as readonly string[]).includes(v);
}

/**
 * The verdict names in the display language. A function, not a constant, so that the names are
 * looked up after the extension has configured the translation bundle.
 */
export function verdictLabels(): Record<Verdict, string> {
  return {
    container: l10n.t('Container'),
    'container-hardened': l10n.t('Hardened container'),
    sandboxed: l10n.t('Sandboxed container'),
    vm: l10n.t('Virtual machine'),
  };
}

export function verdictLabel(v: Verdict): string {
  return verdictLabels()[v];
}

/**
 * A translated message with `{0}`, `{1}`… in it, as markup: the message's own text goes through
 * `escape`, then each placeholder takes a piece of markup the caller has already made safe. One pass,
 * so a placeholder inside a piece is left as it is.
 */
export function fillHtml(message: string, escape: (s: string) => string, ...parts: string[]): string {
  return escape(message).replace(/\{(\d+)\}/g, (m, i: string) => parts[Number(i)] ?? m);
}
