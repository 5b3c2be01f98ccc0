// A topic about a configuration key: the Topic record plus the key paths it explains and the
// line-specific notes its values deserve. Kept beside Topic (not in it) so Topic stays one shape.
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
