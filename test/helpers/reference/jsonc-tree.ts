// Reference copy of src/core/parse/jsonc-tree.ts in its earlier, slower form: the JSONC reader (jsonc-parser parseTree, then a conversion).
// test/unit/parse-reference.test.ts checks that the current reader gives deep-equal trees on the corpus
// and on random and mutated inputs. Not used by the extension.
//
// JSON with comments (devcontainer.json, legacy Packer templates, *.tf.json) -> ConfigNode tree.
// jsonc-parser's parseTree keeps offsets and tolerates comments and trailing commas.
// The ESM build: the package's default (UMD) entry loads its parts through dynamic requires that a
// bundle cannot follow, and esbuild picks `main` over `module` for Node targets.
import { parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main';
import type { Node as JsonNode, ParseError } from 'jsonc-parser/lib/esm/main';
import type { ConfigNode, ParseProblem } from '../../../src/core/parse/types';
import { Lines } from '../../../src/core/parse/config-topics';
import { unifyLineBreaks } from '../../../src/core/parse/lines';

export interface JsonTree {
  roots: ConfigNode[];
  problems: ParseProblem[];
  lines: Lines;
}

function scalar(n: JsonNode): ConfigNode['value'] {
  if (n.type === 'string' || n.type === 'number' || n.type === 'boolean') return n.value as string | number | boolean;
  if (n.type === 'null') return null;
  return undefined;
}

/**
 * Longest key path converted. Every node carries its whole path (quadratic in the depth), and the
 * recursion overflowed the stack at about 2,000 levels (a RangeError out of a parser that never
 * throws). Deeper values keep their position but get no children; a problem says so.
 */
export const MAX_JSON_DEPTH = 64;

function convert(n: JsonNode, key: string, path: string[], keyNode: JsonNode | undefined, whole: JsonNode, lines: Lines, deep: { at?: JsonNode }): ConfigNode {
  const node: ConfigNode = {
    key,
    path,
    keyRange: keyNode ? lines.range(keyNode.offset, keyNode.offset + keyNode.length) : lines.range(n.offset, n.offset + n.length),
    range: lines.range(whole.offset, whole.offset + whole.length),
    valueRange: lines.range(n.offset, n.offset + n.length),
  };
  const v = scalar(n);
  if (v !== undefined) node.value = v;
  if ((n.type === 'object' || n.type === 'array') && path.length >= MAX_JSON_DEPTH) {
    deep.at ??= n;
    return node;
  }
  if (n.type === 'object') {
    node.children = [];
    for (const prop of n.children ?? []) {
      const [k, val] = prop.children ?? [];
      if (!k || !val) continue;
      const name = String(k.value);
      node.children.push(convert(val, name, [...path, name], k, prop, lines, deep));
    }
  } else if (n.type === 'array') {
    node.children = (n.children ?? []).map((item, i) => convert(item, String(i), [...path, String(i)], undefined, item, lines, deep));
  }
  return node;
}

/** Parses JSONC; never throws. The root node has key '' and path []. */
export function parseJsonTree(source: string): JsonTree {
  const text = unifyLineBreaks(source);
  const lines = new Lines(text);
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    return { roots: [], problems: [{ message: `could not parse: ${String(e)}`, range: lines.range(0, 0) }], lines };
  }
  const problems: ParseProblem[] = errors.map((e) => ({ message: printParseErrorCode(e.error), range: lines.range(e.offset, e.offset + e.length) }));
  const deep: { at?: JsonNode } = {};
  const roots = root ? [convert(root, '', [], undefined, root, lines, deep)] : [];
  if (deep.at) problems.push({ message: `nested more than ${MAX_JSON_DEPTH} keys deep; the deeper part was not read`, range: lines.range(deep.at.offset, deep.at.offset + 1) });
  return { roots, problems, lines };
}

/** The child with this key. */
export function child(node: ConfigNode | undefined, key: string): ConfigNode | undefined {
  return node?.children?.find((c) => c.key === key);
}

/** The string value of a child, when it is one. */
export function childString(node: ConfigNode | undefined, key: string): string | undefined {
  const v = child(node, key)?.value;
  return typeof v === 'string' ? v : undefined;
}
