// YAML text -> ConfigNode trees, one root per document, with 0-based positions. Shared by Compose,
// Kubernetes, cloud-init and Lima (and any other YAML format). Never throws: broken YAML, oversized
// text and alias bombs become problems.
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, visit } from 'yaml';
import type { Alias, Document, Node as YamlNode } from 'yaml';
import { LineIndex, unifyLineBreaks } from './lines';
import type { ConfigNode, ParseProblem, Range } from './types';
import { readPlainYaml } from './yamlFast';

/** Text larger than this is not parsed at all (a problem is reported instead). */
export const MAX_YAML_BYTES = 5 * 1024 * 1024;
/** Aliases expanded per file; beyond this an alias keeps its position but gets no children. */
export const MAX_ALIAS_COUNT = 1000;
/** Nodes created by alias expansion per file, so nested aliases cannot grow exponentially. */
export const MAX_ALIAS_NODES = 10_000;
/** Nodes per file, whatever their origin. */
export const MAX_NODES = 500_000;

export interface YamlTree {
  roots: ConfigNode[];
  problems: ParseProblem[];
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

type Scalar = ConfigNode['value'];

function scalarValue(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/** Longest complex key (a map or sequence used as a key) named by its source text. */
const MAX_COMPLEX_KEY = 200;

/**
 * A key's name: a scalar's value, an alias's `*name`, and for a complex key (a map or sequence as a
 * key, which is rare) its source text with blanks run together, or `{…}` / `[…]` when that is long.
 * Never the library's printing of it: that prints every complex key inside again, at each level
 * (2.5 KB of nested complex keys took 18 seconds; 1 KB of unclosed brackets under tabs, one).
 */
function keyText(key: unknown, text: string): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  if (isAlias(key)) return `*${key.source}`;
  const r = (key as { range?: number[] }).range;
  if (!r || r[1] - r[0] > MAX_COMPLEX_KEY) return isMap(key) ? '{…}' : isSeq(key) ? '[…]' : '…';
  return text.slice(r[0], r[1]).replace(/\s+/g, ' ').trim();
}

/**
 * Where a node's own text ends. The yaml library lets a block collection's range run on over the
 * comment lines after its last item (which ones depends on their indentation and on what follows);
 * a node here ends where its last item's value ends, so a comment below a block is not inside it.
 */
function endOf(node: YamlNode): number {
  let n = node;
  for (;;) {
    if ((isMap(n) || isSeq(n)) && !n.flow && n.items.length) {
      const last = n.items[n.items.length - 1] as unknown;
      const next = (isPair(last) ? (last.value ?? last.key) : last) as YamlNode | null;
      if (next && typeof next === 'object' && next.range) {
        n = next;
        continue;
      }
    }
    return n.range ? n.range[1] : 0;
  }
}

class Builder {
  readonly problems: ParseProblem[] = [];
  private aliasCount = 0;
  private aliasNodes = 0;
  private nodes = 0;
  private limitReported = false;

  constructor(private readonly lines: LineIndex) {}

  private limit(message: string, at: Range): void {
    if (this.limitReported) return;
    this.limitReported = true;
    this.problems.push({ message, range: at });
  }

  private rangeOf(node: YamlNode | null | undefined, fallback: Range): Range {
    const r = node?.range;
    return r ? this.lines.range(r[0], endOf(node!)) : fallback;
  }

  /**
   * Fills `target` from the YAML value `value`. `pinned` is set inside an alias expansion: the
   * expanded nodes all take the alias's own range, so hovers land on the `*name` text.
   */
  private fill(target: ConfigNode, value: unknown, doc: Document, pinned: Range | null, depth: number): void {
    if (isAlias(value)) {
      const at = this.rangeOf(value, target.range);
      target.valueRange = at;
      if (this.aliasCount >= MAX_ALIAS_COUNT) {
        this.limit(`YAML alias expansion stopped after ${MAX_ALIAS_COUNT} aliases.`, at);
        return;
      }
      this.aliasCount++;
      let resolved: unknown;
      try {
        resolved = this.resolve(value, doc);
      } catch {
        resolved = undefined;
      }
      if (resolved === undefined || depth > 64) return;
      this.fill(target, resolved, doc, pinned ?? at, depth + 1);
      return;
    }
    if (isScalar(value)) {
      target.value = scalarValue(value.value);
      target.valueRange = pinned ?? this.rangeOf(value, target.range);
      return;
    }
    if (isMap(value)) {
      if (!pinned) target.valueRange = this.rangeOf(value, target.range);
      const children: ConfigNode[] = [];
      const own = new Set(value.items.map((p) => (isPair(p) ? keyText(p.key, this.lines.text) : '')));
      for (const pair of value.items) {
        if (!isPair(pair)) continue;
        if (keyText(pair.key, this.lines.text) === '<<' && !(isScalar(pair.key) && pair.key.type !== 'PLAIN')) {
          this.merge(target, children, own, pair.value, doc, pinned, depth);
          continue;
        }
        const child = this.node(keyText(pair.key, this.lines.text), target.path, pair.key as YamlNode | null, pair.value as YamlNode | null, pinned);
        if (!child) break;
        this.fill(child, pair.value, doc, pinned, depth + 1);
        children.push(child);
      }
      target.children = children;
      return;
    }
    if (isSeq(value)) {
      if (!pinned) target.valueRange = this.rangeOf(value, target.range);
      const children: ConfigNode[] = [];
      value.items.forEach((item, i) => {
        const itemNode = item as YamlNode | null;
        const child = this.node(String(i), target.path, itemNode, itemNode, pinned);
        if (!child) return;
        this.fill(child, item, doc, pinned, depth + 1);
        children.push(child);
      });
      target.children = children;
      return;
    }
    if (value === null || value === undefined) target.value = null;
  }

  /**
   * A merge key (`<<: *defaults`, `<<: [*a, *b]`): the merged mapping's keys become children of
   * `target`, unless the mapping sets them itself. They sit at the alias's position.
   */
  private merge(target: ConfigNode, children: ConfigNode[], own: Set<string>, value: unknown, doc: Document, pinned: Range | null, depth: number): void {
    const sources = isSeq(value) ? value.items : [value];
    for (const src of sources) {
      const at = this.rangeOf(src as YamlNode, target.range);
      const tmp: ConfigNode = { key: target.key, path: target.path, keyRange: at, range: at };
      this.fill(tmp, src, doc, pinned ?? at, depth + 1);
      for (const c of tmp.children ?? []) {
        if (own.has(c.key) || children.some((x) => x.key === c.key)) continue;
        children.push(c);
      }
    }
  }

  /** A new node for a key (or sequence item) and its value, or null once a size limit is hit. */
  private node(key: string, parentPath: string[], keyNode: YamlNode | null, valueNode: YamlNode | null, pinned: Range | null): ConfigNode | null {
    if (this.nodes >= MAX_NODES) {
      this.limit(`YAML document too large: stopped after ${MAX_NODES} nodes.`, pinned ?? this.rangeOf(keyNode, zero));
      return null;
    }
    if (pinned) {
      if (this.aliasNodes >= MAX_ALIAS_NODES) {
        this.limit(`YAML alias expansion stopped after ${MAX_ALIAS_NODES} nodes (nested aliases).`, pinned);
        return null;
      }
      this.aliasNodes++;
    }
    this.nodes++;
    let keyRange: Range;
    let range: Range;
    if (pinned) {
      keyRange = pinned;
      range = pinned;
    } else {
      const kr = keyNode?.range;
      const vr = valueNode?.range;
      const start = kr ? kr[0] : vr ? vr[0] : 0;
      const keyEnd = kr ? endOf(keyNode!) : vr ? endOf(valueNode!) : start;
      const end = vr ? Math.max(endOf(valueNode!), keyEnd) : keyEnd;
      keyRange = this.lines.range(start, keyEnd);
      range = this.lines.range(start, end);
    }
    return { key, path: parentPath.concat(key), keyRange, range };
  }

  private anchors: { doc: Document; byName: Map<string, { at: number; node: YamlNode }[]>; order: Map<YamlNode, number> } | undefined;

  /**
   * The node an alias stands for: the last node before it, in document order, with its anchor — what
   * the yaml library's Alias.resolve finds by walking the whole document for every alias (3,000 aliases
   * in 22 KB took 1.2 s). Here the document is walked once and each alias found by binary search.
   */
  private resolve(alias: Alias, doc: Document): YamlNode | undefined {
    if (this.anchors?.doc !== doc) {
      const byName = new Map<string, { at: number; node: YamlNode }[]>();
      const order = new Map<YamlNode, number>();
      let at = 0;
      visit(doc, {
        Node: (_key, node) => {
          if (isAlias(node)) order.set(node, at++);
          else if (node.anchor) {
            const list = byName.get(node.anchor) ?? [];
            list.push({ at: at++, node });
            byName.set(node.anchor, list);
          }
        },
      });
      this.anchors = { doc, byName, order };
    }
    const list = this.anchors.byName.get(alias.source);
    const at = this.anchors.order.get(alias);
    if (!list || at === undefined) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].at < at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? list[lo - 1].node : undefined;
  }

  root(doc: Document, docStart: number, docEnd: number): ConfigNode {
    const contents = doc.contents as YamlNode | null;
    const range = this.lines.range(docStart, contents?.range ? endOf(contents) : docEnd);
    const root: ConfigNode = { key: '', path: [], keyRange: { start: range.start, end: range.start }, range };
    this.fill(root, doc.contents, doc, null, 0);
    return root;
  }
}

const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Deepest nesting of collections in the yaml library's token tree that it is asked to compose. Broken
 * text can nest thousands deep (32 KB of mutated manifest, 2,000 levels), and whether composing that
 * overflowed the stack depended on how much of the library the engine had compiled: the same text gave
 * a tree one time and "nested too deeply" the next.
 */
export const MAX_TOKEN_DEPTH = 200;

/** Whether collections nest more than MAX_TOKEN_DEPTH deep in a token tree (walked without recursion). */
function tooDeep(tokens: readonly unknown[]): boolean {
  const stack: [unknown, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [x, depth] = stack.pop()!;
    if (!x || typeof x !== 'object') continue;
    if (Array.isArray(x)) {
      for (const y of x) stack.push([y, depth]);
      continue;
    }
    const token = x as Record<string, unknown>;
    const d = Array.isArray(token.items) ? depth + 1 : depth;
    if (d > MAX_TOKEN_DEPTH) return true;
    for (const k of ['items', 'key', 'sep', 'value']) if (token[k]) stack.push([token[k], d]);
  }
  return false;
}

/** Deepest `[`/`{` nesting handed to the yaml library (see flowDepth). */
export const MAX_FLOW_DEPTH = 100;

/**
 * How deep `[` and `{` nest, outside quotes and comments: the yaml library slows down past a few hundred
 * levels and at about 2,000 (2 KB of `{`) takes tens of seconds, then aborts the whole process in V8's
 * regular-expression compiler, which no try/catch can stop. Stops counting past MAX_FLOW_DEPTH.
 */
export function flowDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 92 && quote === 34) i++;
      else if (c === 10 && depth === 0) quote = 0;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 35 && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return { depth, offset: i };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return { depth, offset: -1 };
}

/**
 * Where a line opens more than MAX_FLOW_DEPTH block collections (`- - - x`, `a: b: c: x`): each nests
 * in the last, and the yaml library recurses once per level. -1 when no line does.
 */
export function lineNesting(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count = 0;
    else if ((c === 45 || c === 63 || c === 58) && (i + 1 === text.length || isSpace(text.charCodeAt(i + 1))) && (c === 58 || i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      if (++count > MAX_FLOW_DEPTH) return i;
    }
  }
  return -1;
}

/**
 * Most text the yaml library is given: it reads about 3 KB a millisecond, less on broken YAML (600
 * problems in 100 KB of dedented cloud-init took 50-150 ms, 64 KB of it 60 ms), and a parse must end
 * within 100 ms. Larger text the fast reader leaves is read up to about this size, ending at a
 * document or line boundary; a problem says where the reading stopped.
 */
export const LIBRARY_MAX_BYTES = 32 * 1024;

/** The first LIBRARY_MAX_BYTES of a large text the fast reader left, and a problem where the reading stopped. */
function readHead(text: string): YamlTree {
  // The last line break (or `---` line) that leaves at most LIBRARY_MAX_BYTES before it.
  const lastLine = text.lastIndexOf('\n', LIBRARY_MAX_BYTES - 1);
  const lastDoc = text.lastIndexOf('\n---', LIBRARY_MAX_BYTES - 1);
  const cut = lastDoc > LIBRARY_MAX_BYTES / 2 ? lastDoc + 1 : lastLine > 0 ? lastLine + 1 : LIBRARY_MAX_BYTES;
  const head = parseYamlTree(text.slice(0, cut), { head: false });
  const lines = new LineIndex(text);
  const at = lines.pos(cut);
  head.problems.push({
    message: `Only lines 1-${at.line} of this ${Math.round(text.length / 1024)} KB file were analysed: it is larger than ${LIBRARY_MAX_BYTES / 1024} KB and uses YAML that is slow to read (anchors, tags, multi-line quoted scalars, very deep nesting and the like) or is not valid YAML.`,
    range: { start: at, end: at },
  });
  return head;
}

/**
 * Parses every document of a YAML text into ConfigNode roots (one per document). Everyday YAML is read
 * by yamlFast.ts; whatever it leaves by the yaml library, the first LIBRARY_MAX_BYTES of it for larger
 * text. With `library` set, the whole text goes to the yaml library (tests compare the two readings);
 * `head: false` is readHead's own call, on text already cut to size.
 */
export function parseYamlTree(source: string, options: { library?: boolean; head?: boolean } = {}): YamlTree {
  if (source.length > MAX_YAML_BYTES) {
    return {
      roots: [],
      problems: [{ message: `File too large to analyse (${(source.length / 1048576).toFixed(1)} MB; the limit is ${MAX_YAML_BYTES / 1048576} MB).`, range: zero }],
    };
  }
  // The fast reader needs no nesting guards (it reads in one pass and gives up past its own depth
  // limit); they protect the yaml library, which gets whatever the fast reader leaves. The fast reader
  // ends lines at a lone CR itself.
  if (!options.library) {
    const plain = readPlainYaml(source, MAX_NODES);
    if (plain) return { roots: plain, problems: [] };
  }
  // A lone CR ends a line for YAML and for the editor, but the yaml library reads a CR-only file as
  // one line of nested compact mappings, thousands deep (see tooDeep).
  const text = unifyLineBreaks(source);
  const deep = flowDepth(text);
  if (deep.offset >= 0) {
    return { roots: [], problems: [{ message: `Brackets nested more than ${MAX_FLOW_DEPTH} deep; the file was not analysed.`, range: new LineIndex(text).range(deep.offset, deep.offset + 1) }] };
  }
  const nested = lineNesting(text);
  if (nested >= 0) {
    return { roots: [], problems: [{ message: `More than ${MAX_FLOW_DEPTH} collections open on one line; the file was not analysed.`, range: new LineIndex(text).range(nested, nested + 1) }] };
  }
  if (!options.library && options.head !== false && text.length > LIBRARY_MAX_BYTES) return readHead(text);
  const lines = new LineIndex(text);
  const builder = new Builder(lines);
  const roots: ConfigNode[] = [];
  try {
    // Every problem the library finds is an Error, and capturing each one's stack was most of the
    // time on broken files (600 problems in 100 KB of dedented cloud-init): none is thrown, so none
    // needs its stack. Restored before anything else runs.
    const stackLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let list: Document[];
    try {
      // parseAllDocuments, in its two steps: the token tree is built without recursion, and composing
      // it recurses once per level, so a tree too deep for the stack is refused before that.
      const tokens = Array.from(new Parser().parse(text));
      if (tooDeep(tokens)) return { roots: [], problems: [{ message: 'Nested too deeply to analyse; the file was not analysed.', range: zero }] };
      list = Array.from(new Composer({ uniqueKeys: false, merge: false }).compose(tokens));
    } finally {
      Error.stackTraceLimit = stackLimit;
    }
    // The yaml library turns a stack overflow into a document error, and where the stack runs out
    // depends on the engine's state, so the tree would differ from one parse to the next.
    const overflow = list.flatMap((d) => d.errors).find((e) => /Maximum call stack size exceeded/.test(e.message));
    // Reported at the top of the file: where the overflow happened varies too.
    if (overflow) return { roots: [], problems: [{ message: 'Nested too deeply to analyse; the file was not analysed.', range: zero }] };
    for (const doc of list) {
      for (const err of doc.errors) {
        const [s, e] = err.pos ?? [0, 0];
        builder.problems.push({ message: err.message.split('\n')[0], range: lines.range(s, e) });
      }
      const r = doc.range;
      roots.push(builder.root(doc, r ? r[0] : 0, r ? r[1] : text.length));
    }
  } catch (e) {
    builder.problems.push({ message: `YAML could not be read: ${e instanceof Error ? e.message : String(e)}`, range: zero });
  }
  return { roots, problems: builder.problems };
}

export { child, childString, walkNodes } from './configNodes';
