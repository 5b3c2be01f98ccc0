// Parse a document once per version. Keyed by uri; bounded, least recently used entries go first.
import { detectFormat } from './parse/detect';
import type { Format, ModelBase } from './parse/types';
import { moduleFor } from './registry';

/** How many characters of a file the content sniffing looks at. */
const HEAD = 4096;

interface Entry {
  version: number;
  model: ModelBase | null;
}

export class ParseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 64) {}

  /**
   * The model of a document at a version, parsed on the first request for that version. `file` is the
   * path the model reports and the format is told from; `text` is only called when a parse is needed.
   * Null when no registered format handles the file.
   */
  get(uri: string, version: number, file: string, text: () => string, format?: Format): ModelBase | null {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version) {
      this.entries.delete(uri);
      this.entries.set(uri, hit);
      return hit.model;
    }
    const model = parseWith(file, text(), format);
    this.entries.delete(uri);
    this.entries.set(uri, { version, model });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return model;
  }

  /** Forgets a document (closed, deleted). */
  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Detects the format (by name, then content) and parses; null when no module handles it. */
export function parseWith(file: string, text: string, format?: Format): ModelBase | null {
  const f = format ?? detectFormat(file, text.slice(0, HEAD));
  if (!f) return null;
  const mod = moduleFor(f);
  return mod ? mod.parse(text, file) : null;
}
