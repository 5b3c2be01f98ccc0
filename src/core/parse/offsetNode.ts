// ConfigNodes that keep offsets into their text and work their ranges out when asked. A large file
// makes tens of thousands of nodes, few of whose ranges are ever read (the advisor reads the ranges of
// the nodes it reports, a hover those on the way to the cursor), and the objects a range is made of —
// a range and two positions, up to three ranges a node — were most of a parse's memory, and of the
// time spent collecting it. Their paths are made on request too. Used by the fast YAML reader
// (ChildNode) and the Vagrantfile reader (JoinedPathNode).
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

/** What a node's path is built on: a block variable's configuration object, or a node. */
export interface PathBase {
  readonly path: string[];
}

const NO_SEGMENTS: readonly string[] = Object.freeze([]);

/**
 * A node whose path is another's path followed by `tail` (and `last`), made when first asked for (the
 * Vagrantfile reader's: `config.vm.provider :x` under a machine is the machine's path, then `vm`,
 * `provider`, `x`). pathLength and segmentFromEnd read it without making it.
 */
export class JoinedPathNode extends OffsetRangesNode {
  /** Where the whole node ends (it starts with its key). */
  end: number;
  readonly #base: PathBase;
  readonly #tail: readonly string[];
  readonly #last: string | undefined;
  #path: string[] | undefined;

  constructor(key: string, base: PathBase, tail: readonly string[] | undefined, last: string | undefined, at: RangeSource, ks: number, ke: number, end = ke) {
    super(key, at, ks, ke);
    this.end = end;
    this.#base = base;
    this.#tail = tail ?? NO_SEGMENTS;
    this.#last = last;
  }

  get range(): Range {
    return this.rangeOf(this.ks, this.end);
  }

  get path(): string[] {
    if (this.#path === undefined) {
      const base = this.#base.path;
      this.#path = this.#last === undefined ? base.concat(this.#tail) : base.concat(this.#tail, this.#last);
    }
    return this.#path;
  }

  /** The segments it adds to its base's path. */
  get ownLength(): number {
    return this.#tail.length + (this.#last === undefined ? 0 : 1);
  }

  get base(): PathBase {
    return this.#base;
  }

  /** Its `i`-th own segment from the end (0: the last), for i < ownLength. */
  ownFromEnd(i: number): string {
    if (this.#last !== undefined) {
      if (i === 0) return this.#last;
      i--;
    }
    return this.#tail[this.#tail.length - 1 - i];
  }
}

/**
 * A node whose path is its parent's path and its own key, made when first asked for (the YAML
 * reader's). The advisor's rules look at the last two keys of every node's path (segmentFromEnd), and at
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

/** How many segments a node's path has, without making a path that is made on request. */
export function pathLength(node: ConfigNode): number {
  let n = 0;
  let at: ConfigNode | PathBase = node;
  for (;;) {
    if (at instanceof ChildNode) {
      if (!at.parent) return n;
      n++;
      at = at.parent;
    } else if (at instanceof JoinedPathNode) {
      n += at.ownLength;
      at = at.base;
    } else return n + at.path.length;
  }
}

/** The `i`-th segment of a node's path from the end (0: the last), or undefined past its start; no path is made. */
export function segmentFromEnd(node: ConfigNode, i: number): string | undefined {
  let at: ConfigNode | PathBase = node;
  for (;;) {
    if (at instanceof ChildNode) {
      if (!at.parent) return undefined;
      if (i === 0) return at.key;
      i--;
      at = at.parent;
    } else if (at instanceof JoinedPathNode) {
      const own = at.ownLength;
      if (i < own) return at.ownFromEnd(i);
      i -= own;
      at = at.base;
    } else {
      const path = at.path;
      return i < path.length ? path[path.length - 1 - i] : undefined;
    }
  }
}

/**
 * Whether a node's path ends with `segs` (`*` stands for any one segment), and with `whole` is just
 * that long, read without making a path that is made on request.
 */
export function pathEndsWith(node: ConfigNode, segs: readonly string[], whole: boolean): boolean {
  for (let i = 0; i < segs.length; i++) {
    const seg = segmentFromEnd(node, i);
    if (seg === undefined) return false;
    const want = segs[segs.length - 1 - i];
    if (want !== '*' && want !== seg) return false;
  }
  return !whole || segmentFromEnd(node, segs.length) === undefined;
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
