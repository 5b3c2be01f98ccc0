// The messages between the comparison panel's webview and the extension, and the validator for
// what comes back from the webview. The webview runs untrusted-ish content (workspace strings), so
// the extension acts only on messages that pass parseWebviewMessage, rebuilt field by field.
import type { DimensionMarks } from './compare';
import { joinPath, normalizePath, relativeTo } from './fs';
import { isDimensionId } from './knowledge/dimensions';
import type { DimensionId } from './knowledge/types';

/** What the webview keeps with `setState` and what the serializer hands back after a reload. */
export interface PanelState {
  filter: string;
  sandboxed: boolean;
  focus?: DimensionId;
}

/** Extension → webview. */
export type ExtensionMessage =
  | { type: 'show'; focus?: DimensionId; marks?: DimensionMarks }
  | { type: 'focus'; dimension: DimensionId };

/** Webview → extension. `line` is 1-based. */
export type WebviewMessage =
  | { type: 'openFile'; file: string; line: number }
  | { type: 'copyMarkdown' }
  | { type: 'ready' }
  | { type: 'state'; state: PanelState };

export const MAX_FILE_LENGTH = 4096;
export const MAX_FILTER_LENGTH = 200;
const MAX_LINE = 10_000_000;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Own keys only, exactly the allowed ones (so `__proto__`, `constructor` and extras are refused). */
function hasOnlyKeys(o: Record<string, unknown>, required: string[], optional: string[] = []): boolean {
  const keys = Object.keys(o);
  if (!required.every((k) => Object.prototype.hasOwnProperty.call(o, k))) return false;
  return keys.every((k) => required.includes(k) || optional.includes(k));
}

/** A panel state from the webview or from the serializer; null when it is not one. */
export function parsePanelState(v: unknown): PanelState | null {
  if (!isPlainObject(v) || !hasOnlyKeys(v, ['filter', 'sandboxed'], ['focus'])) return null;
  const { filter, sandboxed, focus } = v;
  if (typeof filter !== 'string' || filter.length > MAX_FILTER_LENGTH) return null;
  if (typeof sandboxed !== 'boolean') return null;
  if (focus !== undefined && !isDimensionId(focus)) return null;
  return focus === undefined ? { filter, sandboxed } : { filter, sandboxed, focus };
}

/** The message if it is exactly one of the WebviewMessage shapes, otherwise null. */
export function parseWebviewMessage(v: unknown): WebviewMessage | null {
  if (!isPlainObject(v) || typeof v.type !== 'string') return null;
  switch (v.type) {
    case 'ready':
      return hasOnlyKeys(v, ['type']) ? { type: 'ready' } : null;
    case 'copyMarkdown':
      return hasOnlyKeys(v, ['type']) ? { type: 'copyMarkdown' } : null;
    case 'openFile': {
      if (!hasOnlyKeys(v, ['type', 'file', 'line'])) return null;
      const { file, line } = v;
      if (typeof file !== 'string' || file.length === 0 || file.length > MAX_FILE_LENGTH || file.includes('\0')) return null;
      if (typeof line !== 'number' || !Number.isInteger(line) || line < 1 || line > MAX_LINE) return null;
      return { type: 'openFile', file, line };
    }
    case 'state': {
      if (!hasOnlyKeys(v, ['type', 'state'])) return null;
      const state = parsePanelState(v.state);
      return state ? { type: 'state', state } : null;
    }
    default:
      return null;
  }
}

/**
 * The absolute paths `file` may name inside the workspace folders `roots`, in root order: an
 * absolute path only if it lies inside a root, a relative one resolved against each root. `..`
 * cannot climb out of a root. Empty when the file is outside every root. POSIX paths (URI paths),
 * so the same check runs in the web extension host.
 */
export function pathsInsideRoots(file: string, roots: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of roots) {
    const root = normalizePath(r);
    const abs = file.startsWith('/') ? normalizePath(file) : joinPath(root, file);
    if (relativeTo(root, abs) !== null && !out.includes(abs)) out.push(abs);
  }
  return out;
}
