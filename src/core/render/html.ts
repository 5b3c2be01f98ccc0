// What the two webview renderers (the comparison panel and the advice report) share besides their
// own escaping: how workspace text is clipped, and the verdict names.
import type { Verdict } from '../advisor/types';

/** Longest workspace string shown as is; longer ones are cut with an ellipsis. */
export const MAX_SHOWN = 300;

/** One line of at most `max` characters, for workspace text shown in a webview. */
export function clip(text: unknown, max = MAX_SHOWN): string {
  const s = String(text).replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/**
 * A path of at most `max` characters: a longer one keeps its end (folder and file name, the part
 * that tells files apart) behind a leading ellipsis.
 */
export function clipPath(text: unknown, max = MAX_SHOWN): string {
  const s = String(text).replace(/\s+/g, ' ').trim();
  return s.length > max ? '…' + s.slice(s.length - (max - 1)) : s;
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  container: 'Container',
  'container-hardened': 'Hardened container',
  sandboxed: 'Sandboxed container',
  vm: 'Virtual machine',
};
