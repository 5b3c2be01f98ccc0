// A topic about a configuration key: the Topic record plus the key paths it explains and the
// line-specific notes its values deserve. Kept beside Topic (not in it) so Topic stays one shape.
import { splitPattern } from '../parse/path';
import type { Format } from '../parse/types';
import type { Topic } from './types';

/** A note shown when a key's scalar value (or a sequence item) matches. */
export interface ValueNote {
  /** An exact value (`true`, `'host'`), or a pattern tested on the value as a string. */
  match: string | number | boolean | RegExp;
  /** Markdown, about this very line. */
  note: string;
}

export interface KeyTopic extends Topic {
  format: Format;
  /** Key-path patterns (see parse/path.ts) this topic explains, e.g. `services.*.privileged`. */
  paths: string[];
  notes?: ValueNote[];
}

/** The plain Topic part of a KeyTopic (what explain, the index and the CLI print). */
export function asTopic(t: KeyTopic): Topic {
  const { format: _f, paths: _p, notes: _n, ...topic } = t;
  return topic;
}

const WILDCARDS = new Set(['*', '#', '**']);
const owned = new WeakMap<KeyTopic, readonly string[]>();

/**
 * The paths a record explains as its own. A record may list a child of a key it explains
 * (`power_state.delay` beside `power_state`); the child gets the record only when the record's text
 * speaks of it (the key in a code span, as in "`delay` waits…") or the record is about that very key
 * (its id or title ends with it). Otherwise the child has no topic of its own and gets no hover,
 * rather than its parent's text. A child standing for a name the user picks (`volumes.*`,
 * `features.*`) or a list item (`runcmd.#`) is the record's own, and so is a `type` that names a list
 * item (`provisioners.#.type` in a JSON Packer template, the label of an HCL block).
 */
export function ownPaths(t: KeyTopic): readonly string[] {
  let out = owned.get(t);
  if (out) return out;
  const spans = [t.summary, t.does, t.angle, ...(t.notes ?? []).map((n) => n.note)].join(' ').match(/`[^`]*`/g)?.join(' ') ?? '';
  out = t.paths.filter((path) => {
    if (path.includes('=')) return true;
    const segs = splitPattern(path);
    const last = segs[segs.length - 1];
    if (segs.length < 2 || WILDCARDS.has(last) || path.endsWith('\\.' + last) || path.includes('\\.')) return true;
    const parent = path.slice(0, path.length - last.length - 1);
    const covered = t.paths.includes(parent) || (parent.endsWith('.#') && t.paths.includes(parent.slice(0, -2)));
    if (!covered) return true;
    if (last === 'type' && parent.endsWith('.#')) return true;
    const esc = last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\w-])${esc}($|[^\\w-])`).test(spans) || t.id.endsWith(`.${last}`) || t.title === last || t.title.endsWith(`.${last}`);
  });
  owned.set(t, out);
  return out;
}
