// Walking and reading the position-carrying trees of YAML and JSON files (ConfigNode). Kept apart from
// yaml.ts so code that only reads trees (quick fixes) does not load the YAML parser.
import type { ConfigNode } from './types';

/** Depth-first walk over every node of the trees (roots included). */
export function* walkNodes(roots: readonly ConfigNode[]): Generator<ConfigNode> {
  const stack = [...roots].reverse();
  while (stack.length) {
    const n = stack.pop() as ConfigNode;
    yield n;
    if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}

/** The child of `node` with key `key`, following a dotted list of keys. */
export function child(node: ConfigNode | undefined, ...keys: string[]): ConfigNode | undefined {
  let cur = node;
  for (const k of keys) {
    cur = cur?.children?.find((c) => c.key === k);
    if (!cur) return undefined;
  }
  return cur;
}

/** A child's scalar value as a string, when it is a scalar. */
export function childString(node: ConfigNode | undefined, ...keys: string[]): string | undefined {
  const v = child(node, ...keys)?.value;
  return v === undefined || v === null ? undefined : String(v);
}
