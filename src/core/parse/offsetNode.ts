// ConfigNodes that keep offsets into their text and work their ranges out when asked. A large file
// makes tens of thousands of nodes, few of whose ranges are ever read (the advisor reads the ranges of
// the nodes it reports, a hover those on the way to the cursor), and the objects a range is made of —
// a range and two positions, up to three ranges a node — were most of a parse's memory, and of the
// time spent collecting it. Used by the fast YAML reader (ChildNode) and the Vagrantfile reader (OffsetNode).
import type { ConfigNode, Range } from './types';

/** Ranges from offsets, as the parser that made the node counts them. */
export interface RangeSource {
  range(start: number, end: number): Range;
}

/** What the nodes below share: a key, offsets for its ranges, a value and children. */
abstract class OffsetRangesNode implements ConfigNode {
  value?: string | number | boolean | null;
  children?: ConfigNode[];
  /** Where the value starts (-1: no value range) and ends. */
  vs = -1;
  ve = -1;
  readonly #at: RangeSource;

  constructor(
    readonly key: string,
    at: RangeSource,
    /** Where the key starts and ends. */
    public ks: number,
    public ke: number,
  ) {
    this.#at = at;
  }

  abstract get path(): string[];
  abstract get range(): Range;

  protected rangeOf(start: number, end: number): Range {
    return this.#at.range(start, end);
  }

  get keyRange(): Range {
    return this.#at.range(this.ks, this.ke);
  }

  get valueRange(): Range | undefined {
    return this.vs < 0 ? undefined : this.#at.range(this.vs, this.ve);
  }

  toJSON(): ConfigNode {
    return plainConfigNode(this);
  }
}

/** A node with its path given and a whole range ending at `end` (the Vagrantfile reader's). */
export class OffsetNode extends OffsetRangesNode {
  /** Where the whole node ends (it starts with its key). */
  end: number;

  constructor(
    key: string,
    readonly path: string[],
    at: RangeSource,
    ks: number,
    ke: number,
    end = ke,
  ) {
    super(key, at, ks, ke);
    this.end = end;
  }

  get range(): Range {
    return this.rangeOf(this.ks, this.end);
  }
}

/**
 * A node whose path is its parent's path and its own key, made when first asked for (the YAML
 * reader's). The advisor's rules look at the last two keys of every node's path (pathEnd), and at
 * whole paths only where those fit a rule: a large file's nodes mostly never need theirs. Its whole
 * range runs from its key to where its value ends, or its key if that ends later (an empty value).
 */
export class ChildNode extends OffsetRangesNode {
  readonly parent: ChildNode | undefined;
  #path: string[] | undefined;

  constructor(key: string, parent: ChildNode | undefined, at: RangeSource, ks: number, ke: number) {
    super(key, at, ks, ke);
    this.parent = parent;
  }

  get path(): string[] {
    return (this.#path ??= this.parent ? this.parent.path.concat(this.key) : []);
  }

  get range(): Range {
    return this.rangeOf(this.ks, Math.max(this.ve, this.ke));
  }
}

/**
 * How deep a node's path is (0, 1, or 2 for two or more) and its last two segments ('' where there
 * are none), without making the path of a node that can tell them from its parents.
 */
export function pathEnd(node: ConfigNode): { depth: 0 | 1 | 2; last: string; parent: string } {
  if (node instanceof ChildNode) {
    const up = node.parent;
    if (!up) return { depth: 0, last: '', parent: '' };
    if (!up.parent) return { depth: 1, last: node.key, parent: '' };
    return { depth: 2, last: node.key, parent: up.key };
  }
  const path = node.path;
  const n = path.length;
  return { depth: n > 1 ? 2 : (n as 0 | 1), last: n ? path[n - 1] : '', parent: n > 1 ? path[n - 2] : '' };
}

/**
 * Whether a node's path ends with `segs` (`*` stands for any one segment), and with `whole` is just
 * that long, read from a YAML node and its parents without making its path.
 */
export function pathEndsWith(node: ConfigNode, segs: readonly string[], whole: boolean): boolean {
  if (node instanceof ChildNode) {
    // A node adds its key to its parent's path; a root (no parent) has none.
    let n: ChildNode | undefined = node;
    for (let i = segs.length - 1; i >= 0; i--) {
      const up: ChildNode | undefined = n?.parent;
      if (!n || !up) return false;
      if (segs[i] !== '*' && segs[i] !== n.key) return false;
      n = up;
    }
    return !whole || n?.parent === undefined;
  }
  const path = node.path;
  const offset = path.length - segs.length;
  if (whole ? offset !== 0 : offset < 0) return false;
  for (let i = segs.length - 1; i >= 0; i--) if (segs[i] !== '*' && segs[i] !== path[offset + i]) return false;
  return true;
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
