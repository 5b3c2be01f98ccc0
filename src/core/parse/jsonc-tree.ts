// JSON with comments (devcontainer.json, legacy Packer templates, *.tf.json) -> ConfigNode tree.
// jsonc-parser's visitor reads the text (tolerating comments and trailing commas) and reports each
// value with its offsets; the ConfigNodes are built as the values come, without the parser's own
// tree in between (for a large file, building that tree and converting it was most of the time
// and most of the garbage).
// The ESM build: the package's default (UMD) entry loads its parts through dynamic requires that a
// bundle cannot follow, and esbuild picks `main` over `module` for Node targets.
import { printParseErrorCode, visit } from 'jsonc-parser/lib/esm/main';
import type { ParseError } from 'jsonc-parser/lib/esm/main';
import type { ConfigNode, ParseProblem, Pos, Range } from './types';
import { Lines } from './config-topics';
import { blankedSpan, unifyLineBreaks } from './lines';
import { KeyStrings, pathWith, PosCursor } from './pos-cursor';

export interface JsonTree {
  roots: ConfigNode[];
  problems: ParseProblem[];
  lines: Lines;
}

/**
 * Longest key path read. Every node carries its whole path (quadratic in the depth). Deeper
 * values keep their position but get no children; a problem says so.
 */
export const MAX_JSON_DEPTH = 64;

/** An object or array being read. */
interface Open {
  node: ConfigNode;
  /** Where its value starts (the bracket). */
  valueStart: Pos;
  /** Where an object member's key starts; undefined for the root and list items. */
  keyStart: Pos | undefined;
  isArray: boolean;
  /** False for a container deeper than MAX_JSON_DEPTH: its content is not read. */
  collect: boolean;
  /** Where its children start on the builder's stack of finished children. */
  from: number;
  /** Items so far (arrays). */
  count: number;
  /** The member key read last and not yet given a value (objects). */
  key: string | undefined;
  keyOffset: number;
  keyLength: number;
}

/** Where a new value goes: its key and path, and for an object member its key's range. */
interface Slot {
  key: string;
  path: string[];
  keyRange: Range | undefined;
}

/**
 * Builds the ConfigNode tree from the visitor's events, in one pass over the text. Positions are
 * asked for in text order (a key, its value's start, the value's end), which the cursor is fast at.
 * A 1 MB file's tree is what the garbage collector copies while the parse runs, so it is kept
 * lean: each node is made in one object literal with all its fields, and each path and children
 * list is made at its final length.
 */
class TreeBuilder {
  root: ConfigNode | undefined;
  /** Offset of the first container not read for depth. */
  deepAt = -1;
  private readonly stack: Open[] = [];
  /** The nodes made so far under every open container, each container's after its parent's; a container's are cut off when it closes. */
  private readonly done: ConfigNode[] = [];
  /** Containers opened inside one that is not part of the tree, still open. */
  private ignored = 0;
  private readonly keys = new KeyStrings();

  constructor(private readonly at: PosCursor) {}

  /**
   * A value starts: its key and path under the open container. An object member takes the key read
   * just before it; a value without one is dropped (as is a member without a value), and so is a
   * second top-level value. Undefined when dropped.
   */
  private slot(): Slot | undefined {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return this.root ? undefined : { key: '', path: [], keyRange: undefined };
    if (!parent.collect) return undefined;
    if (parent.isArray) {
      const key = this.keys.index(parent.count++);
      return { key, path: pathWith(parent.node.path, key), keyRange: undefined };
    }
    if (parent.key === undefined) return undefined;
    const key = parent.key;
    parent.key = undefined;
    return { key, path: pathWith(parent.node.path, key), keyRange: this.at.range(parent.keyOffset, parent.keyOffset + parent.keyLength) };
  }

  /** A finished or opened node: the root, or one more child of the open container. */
  private place(node: ConfigNode): void {
    if (this.stack.length) this.done.push(node);
    else this.root = node;
  }

  literal(value: ConfigNode['value'], offset: number, length: number): void {
    if (this.ignored) return;
    const s = this.slot();
    if (!s) return;
    const valueRange = { start: this.at.pos(offset), end: this.at.pos(offset + length) };
    // The root and list items are their value; a member runs from its key to its value's end.
    const keyRange = s.keyRange ?? valueRange;
    const range = s.keyRange ? { start: s.keyRange.start, end: valueRange.end } : valueRange;
    this.place({ key: s.key, path: s.path, keyRange, range, valueRange, value });
  }

  open(offset: number, isArray: boolean): void {
    const s = this.ignored ? undefined : this.slot();
    if (!s) {
      // Not part of the tree, so neither is anything inside it.
      this.ignored++;
      return;
    }
    const collect = s.path.length < MAX_JSON_DEPTH;
    const keyRange = s.keyRange ?? PENDING;
    // The ranges still to be set are placeholders here, so that every field is there from the start.
    const node: ConfigNode = collect
      ? { key: s.key, path: s.path, keyRange, range: PENDING, valueRange: PENDING, children: NO_CHILDREN }
      : { key: s.key, path: s.path, keyRange, range: PENDING, valueRange: PENDING };
    if (!collect && this.deepAt < 0) this.deepAt = offset;
    this.place(node);
    this.stack.push({ node, valueStart: this.at.pos(offset), keyStart: s.keyRange?.start, isArray, collect, from: this.done.length, count: 0, key: undefined, keyOffset: 0, keyLength: 0 });
  }

  close(offset: number, length: number): void {
    if (this.ignored) {
      this.ignored--;
      return;
    }
    const top = this.stack.pop();
    if (!top) return;
    const node = top.node;
    const valueRange = { start: top.valueStart, end: this.at.pos(offset + length) };
    node.valueRange = valueRange;
    if (top.keyStart) {
      node.range = { start: top.keyStart, end: valueRange.end };
    } else {
      node.keyRange = valueRange;
      node.range = valueRange;
    }
    if (top.collect) {
      node.children = this.done.slice(top.from);
      this.done.length = top.from;
    }
  }

  property(name: string, offset: number, length: number): void {
    const top = this.stack[this.stack.length - 1];
    if (this.ignored || !top) return;
    top.key = this.keys.get(name);
    top.keyOffset = offset;
    top.keyLength = length;
  }

  /** A comma ends the member before it: a key still waiting for its value gets none. */
  comma(): void {
    const top = this.stack[this.stack.length - 1];
    if (!this.ignored && top) top.key = undefined;
  }
}

/** The ranges and children of a node whose value has not ended yet (replaced when it does). */
const PENDING: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const NO_CHILDREN: ConfigNode[] = [];

/** Parses JSONC; never throws. The root node has key '' and path []. */
/**
 * Brackets the parser reads nested: jsonc-parser recurses once or more per level, and past a few
 * thousand levels it runs out of stack at a depth that depends on how much stack the caller left, so
 * the same text parsed one time and failed the next. What lies deeper is blanked before parsing
 * (blankDeepNesting); the tree stops at MAX_JSON_DEPTH anyway.
 */
export const MAX_JSON_NESTING = 500;

/**
 * The text with every bracket pair nested deeper than MAX_JSON_NESTING blanked, with all it holds
 * (spaces for every character but line breaks, so offsets and lines stay); null when there is none.
 * Brackets count as jsonc-parser's scanner sees them: not inside strings (which end at a line break)
 * or comments, and a closing bracket of the wrong kind closes nothing (the parser skips it). Where this
 * counts deeper than the parser would go, it only blanks more of a text that is broken there anyway.
 */
export function blankDeepNesting(text: string): string | null {
  const n = text.length;
  // The brackets open, as bytes (a megabyte of `{` opens a million).
  let open = new Uint8Array(1024);
  let depth = 0;
  let pieces: string[] | null = null;
  let copied = 0;
  let deepFrom = -1;
  const blank = (from: number, to: number) => {
    (pieces ??= []).push(text.slice(copied, from), blankedSpan(text, from, to, ' '));
    copied = to;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
        else if (d === 10 || d === 13) {
          i--;
          break;
        }
      }
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i + 1 < n && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === 123 || c === 91) {
      if (depth === open.length) {
        const more = new Uint8Array(depth * 2);
        more.set(open);
        open = more;
      }
      open[depth++] = c;
      if (depth === MAX_JSON_NESTING + 1) deepFrom = i;
    } else if ((c === 125 || c === 93) && depth && open[depth - 1] === c - 2) {
      depth--;
      if (depth === MAX_JSON_NESTING) {
        blank(deepFrom, i + 1);
        deepFrom = -1;
      }
    }
  }
  if (deepFrom >= 0) blank(deepFrom, n);
  if (!pieces) return null;
  const out = pieces as string[];
  out.push(text.slice(copied));
  return out.join('');
}

/** Syntax errors listed one by one; the rest are counted in one more problem. */
export const MAX_LISTED_ERRORS = 100;

/** The problem that stands for the errors past MAX_LISTED_ERRORS, placed at the first of them. */
export function unlistedErrors(count: number, range: Range): ParseProblem {
  return { message: `${count} more syntax ${count === 1 ? 'error' : 'errors'} from here on, not listed one by one`, range, incomplete: true };
}

export function parseJsonTree(source: string): JsonTree {
  const text = unifyLineBreaks(source);
  const lines = new Lines(text);
  const errors: ParseError[] = [];
  // Errors past the first MAX_LISTED_ERRORS are counted, not kept: text that is not JSON at all has
  // one per character (200 KB of `#` comment lines listed 200,000 and took 170 ms).
  let unlisted = 0;
  let firstUnlisted: ParseError | undefined;
  const builder = new TreeBuilder(new PosCursor(lines));
  try {
    visit(
      blankDeepNesting(text) ?? text,
      {
        onObjectBegin: (offset) => builder.open(offset, false),
        onArrayBegin: (offset) => builder.open(offset, true),
        onObjectEnd: (offset, length) => builder.close(offset, length),
        onArrayEnd: (offset, length) => builder.close(offset, length),
        onObjectProperty: (name, offset, length) => builder.property(name, offset, length),
        onLiteralValue: (value, offset, length) => builder.literal(value, offset, length),
        onSeparator: (sep) => {
          if (sep === ',') builder.comma();
        },
        onError: (error, offset, length) => {
          if (errors.length < MAX_LISTED_ERRORS) errors.push({ error, offset, length });
          else if (unlisted++ === 0) firstUnlisted = { error, offset, length };
        },
      },
      { allowTrailingComma: true, disallowComments: false },
    );
  } catch (e) {
    // The visitor recurses per nesting level: thousands of brackets run out of stack.
    return { roots: [], problems: [{ message: `could not parse: ${String(e)}`, range: lines.range(0, 0), incomplete: true }], lines };
  }
  // A syntax error is incomplete (part of the file not analysed) unless jsonc-parser skips nothing after it: a missing
  // comma, or brackets the end of the file leaves open. After the others it skips tokens up to the next `,` or closing
  // bracket (a property without its colon loses its value), drops an unknown token, or stops (EndOfFileExpected).
  const problems: ParseProblem[] = errors.map((e) => ({ message: printParseErrorCode(e.error), range: lines.range(e.offset, e.offset + e.length), ...(/^(?:CommaExpected|CloseBraceExpected|CloseBracketExpected)$/.test(printParseErrorCode(e.error)) ? {} : { incomplete: true as const }) }));
  if (firstUnlisted) problems.push(unlistedErrors(unlisted, lines.range(firstUnlisted.offset, firstUnlisted.offset + firstUnlisted.length)));
  if (builder.deepAt >= 0) problems.push({ message: `nested more than ${MAX_JSON_DEPTH} keys deep; the deeper part was not read`, range: lines.range(builder.deepAt, builder.deepAt + 1), incomplete: true });
  return { roots: builder.root ? [builder.root] : [], problems, lines };
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
