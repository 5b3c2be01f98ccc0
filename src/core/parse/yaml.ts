// YAML text -> ConfigNode trees, one root per document, with 0-based positions. Shared by Compose,
// Kubernetes, cloud-init and Lima (and any other YAML format). Never throws: broken YAML, oversized
// text and alias bombs become problems.
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, visit } from 'yaml';
import type { Alias, Document, Node as YamlNode } from 'yaml';
import { LineIndex, unifyLineBreaks } from './lines';
import type { ConfigNode, ParseProblem, Range } from './types';
import { readPlainYaml } from './yamlFast';

/**
 * Text larger than this is not parsed at all (a problem is reported instead). Above the workspace
 * scan's default size limit (2 MB), so every file the scan reads is read whole; the editor parses any
 * open document, and this keeps a huge one from holding the extension host.
 */
export const MAX_YAML_BYTES = 5 * 1024 * 1024;
/**
 * Nodes created by alias expansion per file, at least: nested aliases (`b: [*a, *a]`, `c: [*b, *b]`…)
 * grow exponentially, so expansion stops once it has made this many nodes or, in a larger file, as
 * many as the file has characters. Ordinary anchors (`<<: *defaults` in every service) stay far below.
 */
export const MAX_ALIAS_NODES = 10_000;
/** Nodes per file, whatever their origin: more than a file of MAX_YAML_BYTES can spell without aliases. */
export const MAX_NODES = 3_000_000;

/*
 * Which problems say that part of a file was not analysed (`incomplete: true`, read by the advisor to
 * list the file and by `--fail-on`): the file too large; brackets or collections nested too deep for the
 * yaml library (refused whole, to protect the stack); an expansion or node limit; the library failing;
 * and those of the library's errors after which its tree no longer holds what the text says. The
 * library recovers from an error by dropping tokens (UNEXPECTED_TOKEN: the rest of a line or block),
 * swallowing lines into a scalar (MISSING_CHAR: an unclosed quote reads on to the next one), or hanging
 * keys under another parent (BAD_INDENT, TAB_AS_INDENT, BLOCK_AS_IMPLICIT_KEY, MULTILINE_IMPLICIT_KEY,
 * BLOCK_IN_FLOW): a `privileged: true` after such an error may be gone or sit under the wrong service.
 * The errors in KEEPS_CONTENT are about how one key or value is written, and the library keeps it, as
 * written, where it stands: those are not incomplete. Any other code, including codes a later version
 * of the library adds, counts as incomplete.
 */
const KEEPS_CONTENT: ReadonlySet<string> = new Set([
  'BAD_DQ_ESCAPE', // an unknown `\q` escape: the text is kept as written
  'BAD_SCALAR_START', // a plain scalar starting with a reserved character (`@`, a backtick): kept
  'BAD_PROP_ORDER', // a tag or anchor in an odd place: the node is kept
  'MULTIPLE_ANCHORS',
  'MULTIPLE_TAGS',
  'ALIAS_PROPS', // an anchor or tag on an alias: dropped, the alias is kept
  'KEY_OVER_1024_CHARS', // an implicit key too long for the spec: kept
  'DUPLICATE_KEY', // not raised (uniqueKeys is off); both keys are kept
  'NON_STRING_KEY',
  'TAG_RESOLVE_FAILED', // a warning in this version: the value is kept as a string
  'BAD_DIRECTIVE', // a warning: an unknown `%` directive is ignored
]);

/** Whether the yaml library's error with this code leaves its tree short of what the text holds. */
export function errorLosesContent(code: string | undefined): boolean {
  return code === undefined || !KEEPS_CONTENT.has(code);
}

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
  private aliasNodes = 0;
  private readonly aliasBudget: number;
  private nodes = 0;
  private limitReported = false;

  constructor(private readonly lines: LineIndex) {
    this.aliasBudget = Math.max(MAX_ALIAS_NODES, lines.text.length);
  }

  /** A limit was hit: what lies past it is not in the tree. Reported once per file. */
  private limit(message: string, at: Range): void {
    if (this.limitReported) return;
    this.limitReported = true;
    this.problems.push({ message, range: at, incomplete: true });
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
      this.limit(`YAML document too large: stopped after ${MAX_NODES} nodes; the rest was not analysed.`, pinned ?? this.rangeOf(keyNode, zero));
      return null;
    }
    if (pinned) {
      if (this.aliasNodes >= this.aliasBudget) {
        this.limit(`YAML alias expansion stopped after ${this.aliasBudget} nodes (nested aliases); what the later aliases stand for was not analysed.`, pinned);
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
   * The node an alias stands for: the last node before it, in document order, with its anchor: what
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
 * Parses every document of a YAML text into ConfigNode roots (one per document), always the whole text.
 * Everyday YAML is read by yamlFast.ts; whatever it leaves (anchors, tags, multi-line quoted scalars,
 * errors…), by the yaml library, whatever its size up to MAX_YAML_BYTES. With `library` set, the whole
 * text goes to the yaml library (tests compare the two readings).
 */
export function parseYamlTree(source: string, options: { library?: boolean } = {}): YamlTree {
  const tree = parseYamlText(source, options);
  if (!tree.problems.some((p) => p.incomplete) || !source.includes('{{')) return tree;
  // YAML that is a Go template outside a Helm chart (Lima's cloud-init user-data, an operator's
  // manifests): read again with its actions out of the way. Kept only when that reads it all.
  const template = withoutGoActions(source);
  if (!template) return tree;
  const read = parseYamlText(template.text, options);
  if (read.problems.some((p) => p.incomplete)) return tree;
  const note: ParseProblem = {
    message: `Read as a Go template: its ${template.actions === 1 ? '{{ }} action was' : `${template.actions} {{ }} actions were`} left out (a value one gives shows as its text between underscores) and every conditional part was read as if present; what the template makes for given inputs may differ.`,
    range: new LineIndex(source).range(template.first, template.first + 2),
  };
  return { roots: read.roots, problems: [note, ...read.problems] };
}

/**
 * A Go-templated YAML text with its actions (`{{ ... }}`, comments and trim markers and all) out of
 * the way, each line where it was and every character where it was: a line of nothing but actions
 * (`{{- if .X }}`, `{{- end }}`) and an action over several lines become blanks, and an action among
 * other text (`timezone: {{ .TimeZone }}`) becomes a plain word of the same length
 * (`__.TimeZone__`). Undefined when the text has no action. One pass with indexOf: a text of
 * unclosed `{{` costs no more than its length.
 */
export function withoutGoActions(text: string): { text: string; actions: number; first: number } | undefined {
  const spans: [number, number][] = [];
  for (let at = text.indexOf('{{'); at >= 0; ) {
    const close = text.indexOf('}}', at + 2);
    if (close < 0) break;
    spans.push([at, close + 2]);
    at = text.indexOf('{{', close + 2);
  }
  if (spans.length === 0) return undefined;
  const out: string[] = [];
  let done = 0;
  for (let i = 0; i < spans.length; ) {
    // The line (or lines) the next action is on, with every action that starts on them.
    const lineStart = lineStartBefore(text, spans[i][0]);
    let j = i;
    let lineEnd = lineEndAfter(text, spans[i][1]);
    while (j + 1 < spans.length && spans[j + 1][0] < lineEnd) {
      j++;
      if (spans[j][1] > lineEnd) lineEnd = lineEndAfter(text, spans[j][1]);
    }
    out.push(text.slice(done, lineStart));
    // The line as it reads with each action stood in for, and whether anything but actions is on it.
    let line = '';
    let alone = true;
    let from = lineStart;
    for (let k = i; k <= j; k++) {
      const [a, b] = spans[k];
      const action = text.slice(a, b);
      const between = text.slice(from, a);
      if (between.trim() !== '') alone = false;
      line += between + (/[\r\n]/.test(action) ? action.replace(/[^\r\n]/g, ' ') : `_${action.slice(1, -1).replace(/[^A-Za-z0-9.]/g, '_')}_`);
      from = b;
    }
    const after = text.slice(from, lineEnd);
    if (after.trim() !== '') alone = false;
    line += after;
    out.push(alone ? line.replace(/[^\r\n]/g, ' ') : line);
    done = lineEnd;
    i = j + 1;
  }
  out.push(text.slice(done));
  return { text: out.join(''), actions: spans.length, first: spans[0][0] };
}

function lineStartBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndAfter(text: string, at: number): number {
  let i = at;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function parseYamlText(source: string, options: { library?: boolean }): YamlTree {
  if (source.length > MAX_YAML_BYTES) {
    return {
      roots: [],
      problems: [{ message: `File too large to analyse (${(source.length / 1048576).toFixed(1)} MB; the limit is ${MAX_YAML_BYTES / 1048576} MB).`, range: zero, incomplete: true }],
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
    return { roots: [], problems: [{ message: `Brackets nested more than ${MAX_FLOW_DEPTH} deep; the file was not analysed.`, range: new LineIndex(text).range(deep.offset, deep.offset + 1), incomplete: true }] };
  }
  const nested = lineNesting(text);
  if (nested >= 0) {
    return { roots: [], problems: [{ message: `More than ${MAX_FLOW_DEPTH} collections open on one line; the file was not analysed.`, range: new LineIndex(text).range(nested, nested + 1), incomplete: true }] };
  }
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
      if (tooDeep(tokens)) return { roots: [], problems: [{ message: 'Nested too deeply to analyse; the file was not analysed.', range: zero, incomplete: true }] };
      list = Array.from(new Composer({ uniqueKeys: false, merge: false }).compose(tokens));
    } finally {
      Error.stackTraceLimit = stackLimit;
    }
    // The yaml library turns a stack overflow into a document error, and where the stack runs out
    // depends on the engine's state, so the tree would differ from one parse to the next.
    const overflow = list.flatMap((d) => d.errors).find((e) => /Maximum call stack size exceeded/.test(e.message));
    // Reported at the top of the file: where the overflow happened varies too.
    if (overflow) return { roots: [], problems: [{ message: 'Nested too deeply to analyse; the file was not analysed.', range: zero, incomplete: true }] };
    for (const doc of list) {
      for (const err of doc.errors) {
        const [s, e] = err.pos ?? [0, 0];
        const problem: ParseProblem = { message: err.message.split('\n')[0], range: lines.range(s, e) };
        if (errorLosesContent(err.code)) problem.incomplete = true;
        builder.problems.push(problem);
      }
      const r = doc.range;
      roots.push(builder.root(doc, r ? r[0] : 0, r ? r[1] : text.length));
    }
  } catch (e) {
    builder.problems.push({ message: `YAML could not be read: ${e instanceof Error ? e.message : String(e)}`, range: zero, incomplete: true });
  }
  return { roots, problems: builder.problems };
}

export { child, childString, walkNodes } from './configNodes';
