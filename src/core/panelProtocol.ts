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

/** Evidence items kept per dimension when marks are stored between sessions (see parseDimensionMarks). */
export const MAX_STORED_MARKS = 200;
const MAX_MARK_TEXT = 2000;

/**
 * Marks read back from storage (the workspace state keeps the last scan's marks across a reload),
 * rebuilt item by item: known dimensions only, each item of the DimensionMark shape with bounded
 * strings, at most `max` items per dimension. Null when `v` is not a marks object at all.
 */
export function parseDimensionMarks(v: unknown, max = MAX_STORED_MARKS): DimensionMarks | null {
  if (!isPlainObject(v)) return null;
  const out: DimensionMarks = {};
  const text = (x: unknown, limit = MAX_MARK_TEXT) => typeof x === 'string' && x.length <= limit;
  for (const id of Object.keys(v)) {
    const list = v[id];
    if (!isDimensionId(id) || !Array.isArray(list)) continue;
    const items: NonNullable<DimensionMarks[DimensionId]> = [];
    for (const m of list) {
      if (items.length >= max) break;
      if (!isPlainObject(m) || !hasOnlyKeys(m, ['workload', 'verdict', 'file', 'line', 'message'], ['decided', 'display'])) continue;
      const { workload, verdict, file, line, message, decided, display } = m;
      if (!text(workload) || !text(verdict, 40) || !text(file, MAX_FILE_LENGTH) || !text(message)) continue;
      if (typeof line !== 'number' || !Number.isInteger(line) || line < 1 || line > MAX_LINE) continue;
      if (decided !== undefined && typeof decided !== 'boolean') continue;
      if (display !== undefined && !text(display, MAX_FILE_LENGTH)) continue;
      const item = { workload, verdict, file, line, message } as NonNullable<DimensionMarks[DimensionId]>[number];
      if (decided !== undefined) item.decided = decided;
      if (display !== undefined) item.display = display as string;
      items.push(item);
    }
    out[id] = items;
  }
  return out;
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
