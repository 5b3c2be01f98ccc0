// ConfigNodes that keep offsets into their text and work their ranges out when asked. A large file
// makes tens of thousands of nodes, few of whose ranges are ever read (the advisor reads the ranges of
// the nodes it reports, a hover those on the way to the cursor), and the objects a range is made of —
// a range and two positions, up to three ranges a node — were most of a parse's memory, and of the
// time spent collecting it. Used by the fast YAML reader and the Vagrantfile reader.
import type { ConfigNode, Range } from './types';

/** Ranges from offsets, as the parser that made the node counts them. */
export interface RangeSource {
  range(start: number, end: number): Range;
}

export class OffsetNode implements ConfigNode {
  value?: string | number | boolean | null;
  children?: ConfigNode[];
  /** Where the whole node ends (it starts with its key). */
  end: number;
  /** Where the value starts (-1: no value range) and ends. */
  vs = -1;
  ve = -1;
  readonly #at: RangeSource;

  constructor(
    readonly key: string,
    readonly path: string[],
    at: RangeSource,
    /** Where the key starts and ends. */
    public ks: number,
    public ke: number,
    end = ke,
  ) {
    this.#at = at;
    this.end = end;
  }

  protected rangeOf(start: number, end: number): Range {
    return this.#at.range(start, end);
  }

  get keyRange(): Range {
    return this.#at.range(this.ks, this.ke);
  }

  get range(): Range {
    return this.#at.range(this.ks, this.end);
  }

  get valueRange(): Range | undefined {
    return this.vs < 0 ? undefined : this.#at.range(this.vs, this.ve);
  }

  toJSON(): ConfigNode {
    return plainConfigNode(this);
  }
}

/** A node as an ordinary object, ranges included: what JSON.stringify prints and what tests compare. */
export function plainConfigNode(n: ConfigNode): ConfigNode {
  const out: ConfigNode = { key: n.key, path: n.path, keyRange: n.keyRange, range: n.range };
  const valueRange = n.valueRange;
  if (valueRange !== undefined) out.valueRange = valueRange;
  if (n.value !== undefined) out.value = n.value;
  if (n.children) out.children = n.children.map(plainConfigNode);
  return out;
}
