// HCL2 (Packer *.pkr.hcl, Terraform *.tf) -> ConfigNode tree.
//
// There is no well-kept HCL2 parser for JavaScript (HashiCorp's is Go; the JS ports are stale or
// WASM blobs), and hovers only need the block/attribute skeleton with positions, so this is a small
// tolerant scanner: blocks `type "label" ... { body }`, attributes `name = expr`, objects, lists,
// strings with `${...}` templates, heredocs and comments. It never throws; what it cannot read it
// skips to the end of the line.
//
// Path scheme: a block adds its type and labels (`resource "aws_instance" "web" {}` ->
// ['resource','aws_instance','web'], key 'resource.aws_instance.web'); an attribute adds its name;
// an object value adds its keys; a list item adds its index ('0', '1', ...). Scalars (strings,
// numbers, true/false/null, heredoc bodies) become `value`; expressions stay value-less with a
// `valueRange`.
// Tokens live in typed arrays (kind, offsets, and the offsets of their text) rather than one object
// each, and a token's text is cut out only when a key, label or value needs it: a 1 MB file has a
// few hundred thousand tokens, and as objects they were most of the parse and of its garbage.
// Positions come from a running line counter (pos-cursor.ts), asked in text order.
import { Lines } from './config-topics';
import { unifyLineBreaks } from './lines';
import { KeyStrings, pathWith, PosCursor } from './pos-cursor';
import type { ConfigNode, ParseProblem, Pos, Range } from './types';
import { append } from '../arrays';

const IDENT = 1;
const STRING = 2;
const HEREDOC = 3;
const NUMBER = 4;
/** One character of punctuation: `{`, `=`, `,`, `(`, ... (any character no other kind takes). */
const PUNCT = 5;
/** `==`, `!=`, `<=`, `>=`, `=>` */
const OP = 6;
const NEWLINE = 7;

const QUOTE = 34; // "
const BACKSLASH = 92;
const DOLLAR = 36;
const PERCENT = 37;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const LPAREN = 40;
const RPAREN = 41;
const LF = 10;
const COMMA = 44;
const EQUALS = 61;
const COLON = 58;

/**
 * The tokens of a text. For token i: kind[i]; its extent start[i]..end[i]; and the extent of its text
 * textStart[i]..textEnd[i] (an identifier, number or operator itself, a string's content between the
 * quotes, a heredoc's body).
 */
class Tokens {
  length = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  textStart: Int32Array;
  textEnd: Int32Array;

  constructor(
    readonly src: string,
    capacity: number,
  ) {
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.textStart = new Int32Array(capacity);
    this.textEnd = new Int32Array(capacity);
  }

  push(kind: number, start: number, end: number, textStart: number, textEnd: number): void {
    if (this.length === this.kind.length) this.grow();
    const i = this.length++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.textStart[i] = textStart;
    this.textEnd[i] = textEnd;
  }

  private grow(): void {
    const size = this.kind.length * 2 + 16;
    const more = <T extends Uint8Array | Int32Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.kind = more(this.kind, new Uint8Array(size));
    this.start = more(this.start, new Int32Array(size));
    this.end = more(this.end, new Int32Array(size));
    this.textStart = more(this.textStart, new Int32Array(size));
    this.textEnd = more(this.textEnd, new Int32Array(size));
  }

  /** Identifier text, punctuation, or a string's unquoted content (`\"`, `\\` and `\n` read as what they stand for). */
  text(i: number): string {
    const raw = this.src.slice(this.textStart[i], this.textEnd[i]);
    if (this.kind[i] !== STRING || !raw.includes('\\')) return raw;
    return raw.replace(/\\(["\\])/g, '$1').replace(/\\n/g, '\n');
  }

  /** Whether token i is the punctuation character with this code. */
  isPunct(i: number, code: number): boolean {
    return this.kind[i] === PUNCT && this.src.charCodeAt(this.start[i]) === code;
  }

  /** `{`, `[` or `(` */
  isOpen(i: number): boolean {
    if (this.kind[i] !== PUNCT) return false;
    const c = this.src.charCodeAt(this.start[i]);
    return c === LBRACE || c === LBRACKET || c === LPAREN;
  }

  /** `}`, `]` or `)` */
  isClose(i: number): boolean {
    if (this.kind[i] !== PUNCT) return false;
    const c = this.src.charCodeAt(this.start[i]);
    return c === RBRACE || c === RBRACKET || c === RPAREN;
  }
}

/** Scans a quoted string starting at `i` (on the quote); returns the index after the closing quote. */
function scanString(src: string, i: number): number {
  let k = i + 1;
  while (k < src.length) {
    const c = src.charCodeAt(k);
    if (c === BACKSLASH) {
      k += 2;
      continue;
    }
    if (c === QUOTE || c === LF) return k + 1;
    if ((c === DOLLAR || c === PERCENT) && src.charCodeAt(k + 1) === LBRACE) {
      k = scanTemplate(src, k + 2);
      continue;
    }
    k++;
  }
  return k;
}

/** Scans a `${ ... }` template body from `i` (after the brace); returns the index after its `}`. */
function scanTemplate(src: string, i: number): number {
  let depth = 1;
  let k = i;
  while (k < src.length && depth > 0) {
    const c = src.charCodeAt(k);
    if (c === QUOTE) {
      k = scanString(src, k);
      continue;
    }
    if (c === 60 && src.charCodeAt(k + 1) === 60 && /^<<-?[A-Za-z_]\w*/.test(src.slice(k, k + 40))) {
      // A heredoc inside the template (`"${base64encode(<<EOF` … `EOF` `)}"`): its body and
      // terminator line are part of the expression, which goes on on the next line.
      const h = heredocAt(src, k);
      k = Math.min(h.after + 1, src.length);
      continue;
    }
    if (c === LBRACE) depth++;
    else if (c === RBRACE) depth--;
    else if (c === LF && depth === 1) break;
    k++;
  }
  return k;
}

/** The heredoc opening at `i` (on `<<`): where its body starts and ends, and the index after its terminator. */
function heredocAt(src: string, i: number): { bodyStart: number; bodyEnd: number; after: number } {
  const n = src.length;
  const m = /^<<(-?)([A-Za-z_]\w*)/.exec(src.slice(i, i + 40))!;
  let k = src.indexOf('\n', i);
  if (k < 0) k = n;
  const bodyStart = Math.min(k + 1, n);
  let p = bodyStart;
  while (p < n) {
    let e = src.indexOf('\n', p);
    if (e < 0) e = n;
    if (src.slice(p, e).trim() === m[2]) return { bodyStart, bodyEnd: p, after: e };
    p = e + 1;
  }
  return { bodyStart, bodyEnd: n, after: n };
}

// Character classes by code, as the tokenizer runs them on every character (a regular expression
// per character was a fifth of a 1 MB file's parse).
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** `[A-Za-z_]` */
const isIdentStart = (c: number) => isLetter(c) || c === 95;
/** `[\w-]` */
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c) || c === 45;
/** `[\w.]` */
const isNumberPart = (c: number) => isIdentStart(c) || isDigit(c) || c === 46;

function tokenize(src: string): Tokens {
  const n = src.length;
  // The corpus files have one token (newlines included) per five to ten characters; room for one
  // per four means the arrays seldom have to grow and copy.
  const out = new Tokens(src, (n >> 2) + 16);
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === LF) {
      out.push(NEWLINE, i, i + 1, i, i + 1);
      i++;
    } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
      i++;
    } else if (c === 35 || (c === 47 && src.charCodeAt(i + 1) === 47)) {
      // `#` or `//`: to the end of the line.
      const e = src.indexOf('\n', i);
      i = e < 0 ? n : e;
    } else if (c === 47 && src.charCodeAt(i + 1) === 42) {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === QUOTE) {
      const e = scanString(src, i);
      out.push(STRING, i, e, i + 1, src.charCodeAt(e - 1) === QUOTE && e - 1 > i ? e - 1 : e);
      i = e;
    } else if (c === 60 && src.charCodeAt(i + 1) === 60 && /^<<-?[A-Za-z_]\w*/.test(src.slice(i, i + 40))) {
      const { bodyStart, bodyEnd, after } = heredocAt(src, i);
      out.push(HEREDOC, i, after, bodyStart, bodyEnd);
      i = after;
    } else if (isIdentStart(c)) {
      let k = i + 1;
      while (k < n && isIdentPart(src.charCodeAt(k))) k++;
      out.push(IDENT, i, k, i, k);
      i = k;
    } else if (isDigit(c)) {
      let k = i + 1;
      while (k < n && isNumberPart(src.charCodeAt(k))) k++;
      out.push(NUMBER, i, k, i, k);
      i = k;
    } else if ((c === EQUALS || c === 33 || c === 60 || c === 62) && (src.charCodeAt(i + 1) === EQUALS || (c === EQUALS && src.charCodeAt(i + 1) === 62))) {
      // `==`, `!=`, `<=`, `>=`, `=>`
      out.push(OP, i, i + 2, i, i + 2);
      i += 2;
    } else {
      out.push(PUNCT, i, i + 1, i, i + 1);
      i++;
    }
  }
  return out;
}

/**
 * Longest key path read. Every node carries its whole path, so nesting thousands deep costs the
 * square of the depth (a 60 KB file of nested blocks took seconds); real files stay far below this.
 * Deeper blocks, objects and lists are skipped whole and a problem says so.
 */
export const MAX_PATH_DEPTH = 64;

class Parser {
  i = 0;
  /** The token where content first went unread for depth, as a rule its opening bracket (-1: none). */
  tooDeep = -1;
  private readonly n: number;
  /**
   * The nodes read so far in every body and list still being read, each one's after its parent's; a
   * body or list takes its own off the end when done, so every children list is made at its final
   * length (a list grown by push keeps spare room, and a 1 MB file's tree is what the garbage
   * collector copies while the parse runs).
   */
  private readonly done: ConfigNode[] = [];
  private readonly keys = new KeyStrings();

  /** The nodes read since `from`, taken off the stack of read nodes. */
  private take(from: number): ConfigNode[] {
    const out = this.done.slice(from);
    this.done.length = from;
    return out;
  }

  constructor(
    readonly toks: Tokens,
    private readonly at: PosCursor,
    private readonly textLength: number,
  ) {
    this.n = toks.length;
  }

  /** When `path` is too deep: skips to the bracket closing the current one (not consumed) and returns true. */
  private skippedForDepth(path: string[]): boolean {
    if (path.length <= MAX_PATH_DEPTH) return false;
    if (this.tooDeep < 0) this.tooDeep = this.i - 1 >= 0 && this.i - 1 < this.n ? this.i - 1 : this.i < this.n ? this.i : -1;
    const toks = this.toks;
    let depth = 0;
    while (this.i < this.n) {
      if (toks.isOpen(this.i)) depth++;
      else if (toks.isClose(this.i)) {
        if (depth === 0) return true;
        depth--;
      }
      this.i++;
    }
    return true;
  }

  /** A body (file, block or object): attributes and blocks until `}` (not consumed) or the end. */
  body(path: string[]): ConfigNode[] {
    if (this.skippedForDepth(path)) return [];
    const from = this.done.length;
    const toks = this.toks;
    const kind = toks.kind;
    while (this.i < this.n) {
      const t = this.i;
      if (kind[t] === NEWLINE || toks.isPunct(t, COMMA)) {
        this.i++;
        continue;
      }
      if (toks.isPunct(t, RBRACE)) return this.take(from);
      if (toks.isClose(t)) {
        // A stray `)` or `]`: skip it, or skipLine would stop on it forever.
        this.i++;
        continue;
      }
      if (kind[t] !== IDENT && kind[t] !== STRING) {
        this.skipLine();
        continue;
      }
      // Labels: consecutive strings or identifiers after the type.
      let k = t + 1;
      while (k < this.n && (kind[k] === STRING || kind[k] === IDENT)) k++;
      if (k < this.n && k === t + 1 && (toks.isPunct(k, EQUALS) || toks.isPunct(k, COLON))) {
        this.i = k + 1;
        this.done.push(this.attribute(t, path));
      } else if (k < this.n && toks.isPunct(k, LBRACE)) {
        const segs: string[] = [];
        for (let l = t; l < k; l++) segs.push(this.keys.get(toks.text(l)));
        this.i = k + 1;
        const keyRange = this.at.range(toks.start[t], toks.end[k - 1]);
        const blockPath = path.concat(segs);
        const children = this.body(blockPath);
        let end = this.textLength;
        if (this.i < this.n && toks.isPunct(this.i, RBRACE)) {
          end = toks.end[this.i];
          this.i++;
        }
        const range = { start: keyRange.start, end: this.at.pos(Math.max(toks.start[t], end)) };
        this.done.push({ key: segs.join('.'), path: blockPath, keyRange, range, children });
      } else {
        this.skipLine();
      }
    }
    return this.take(from);
  }

  private skipLine(): void {
    const toks = this.toks;
    let depth = 0;
    while (this.i < this.n) {
      if (toks.isOpen(this.i)) depth++;
      else if (toks.isClose(this.i)) {
        if (depth === 0) return;
        depth--;
      } else if (toks.kind[this.i] === NEWLINE && depth === 0) return;
      this.i++;
    }
  }

  /** From the current token to the end of an expression: a newline (`newlineEnds`) or `,` outside brackets, or an unmatched closing bracket. */
  private skipExpression(newlineEnds: boolean): void {
    const toks = this.toks;
    let depth = 0;
    while (this.i < this.n) {
      const u = this.i;
      if (toks.isOpen(u)) depth++;
      else if (toks.isClose(u)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && ((newlineEnds && toks.kind[u] === NEWLINE) || toks.isPunct(u, COMMA))) break;
      this.i++;
    }
  }

  /** The last token before the current one that is not a newline, from `first` on (-1: none). */
  private lastBefore(first: number): number {
    let b = this.i - 1;
    while (b >= first && this.toks.kind[b] === NEWLINE) b--;
    return b;
  }

  /**
   * An attribute's value, from the current token (just after `=`): the expression's tokens run to a
   * newline or separator outside brackets. Only a non-newline first token starts a value; its
   * position is taken before an object or list literal's children are read, to keep positions in
   * text order.
   */
  private attribute(keyTok: number, path: string[]): ConfigNode {
    const toks = this.toks;
    const key = this.keys.get(toks.text(keyTok));
    const keyRange = this.at.range(toks.start[keyTok], toks.end[keyTok]);
    const nodePath = pathWith(path, key);
    const first = this.i;
    const hasFirst = first < this.n && toks.kind[first] !== NEWLINE && !toks.isClose(first) && !toks.isPunct(first, COMMA);
    const valueStart: Pos | undefined = hasFirst ? this.at.pos(toks.start[first]) : undefined;
    // An object or list literal that is the whole value gets children.
    let children: ConfigNode[] | undefined;
    if (first < this.n && (toks.isPunct(first, LBRACE) || toks.isPunct(first, LBRACKET))) {
      this.i++;
      children = toks.isPunct(first, LBRACE) ? this.body(nodePath) : this.list(nodePath);
      if (this.i < this.n && toks.isClose(this.i)) this.i++;
    }
    this.skipExpression(true);
    const last = this.lastBefore(first);
    if (!valueStart || last < first) return children ? { key, path: nodePath, keyRange, range: keyRange, children } : { key, path: nodePath, keyRange, range: keyRange };
    const valueRange = { start: valueStart, end: this.at.pos(Math.max(toks.start[first], toks.end[last])) };
    const range = { start: keyRange.start, end: this.at.pos(Math.max(toks.start[keyTok], toks.end[last])) };
    return withValue(key, nodePath, keyRange, range, valueRange, last === first ? scalar(toks, first) : undefined, children);
  }

  /** List items until `]` (not consumed). */
  private list(path: string[]): ConfigNode[] {
    if (this.skippedForDepth(path)) return [];
    const from = this.done.length;
    const toks = this.toks;
    let idx = 0;
    while (this.i < this.n) {
      const t = this.i;
      if (toks.kind[t] === NEWLINE || toks.isPunct(t, COMMA)) {
        this.i++;
        continue;
      }
      if (toks.isClose(t)) return this.take(from);
      const key = this.keys.index(idx++);
      const itemPath = pathWith(path, key);
      const start = this.at.pos(toks.start[t]);
      let children: ConfigNode[] | undefined;
      if (toks.isPunct(t, LBRACE) || toks.isPunct(t, LBRACKET)) {
        this.i++;
        children = toks.isPunct(t, LBRACE) ? this.body(itemPath) : this.list(itemPath);
        if (this.i < this.n && toks.isClose(this.i)) this.i++;
      }
      this.skipExpression(false);
      // The item's tokens (newlines aside) run from t, which is not one, to the last before here;
      // key, whole and value are that same text.
      const last = this.lastBefore(t);
      const r = { start, end: this.at.pos(Math.max(toks.start[t], toks.end[last])) };
      this.done.push(withValue(key, itemPath, r, r, r, last === t ? scalar(toks, t) : undefined, children));
    }
    return this.take(from);
  }
}

/**
 * A node with a value range, made in one object literal with just the fields it has (`value` only
 * when there is one), so that no field is added to it afterwards.
 */
function withValue(key: string, path: string[], keyRange: Range, range: Range, valueRange: Range, value: ConfigNode['value'] | undefined, children: ConfigNode[] | undefined): ConfigNode {
  if (children) return value === undefined ? { key, path, keyRange, range, valueRange, children } : { key, path, keyRange, range, valueRange, value, children };
  return value === undefined ? { key, path, keyRange, range, valueRange } : { key, path, keyRange, range, valueRange, value };
}

function scalar(toks: Tokens, i: number): ConfigNode['value'] | undefined {
  const kind = toks.kind[i];
  if (kind === STRING || kind === HEREDOC) return toks.text(i);
  if (kind === NUMBER) {
    const text = toks.text(i);
    return Number.isNaN(Number(text)) ? undefined : Number(text);
  }
  if (kind === IDENT) {
    const text = toks.text(i);
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') return null;
  }
  return undefined;
}

export interface HclTree {
  roots: ConfigNode[];
  problems: ParseProblem[];
  lines: Lines;
}

/** Parses HCL2 text; never throws. The root node has key '' and path []. */
export function parseHcl(source: string): HclTree {
  const text = unifyLineBreaks(source);
  const lines = new Lines(text);
  const root: ConfigNode = { key: '', path: [], keyRange: lines.range(0, 0), range: lines.range(0, text.length), children: [] };
  const problems: ParseProblem[] = [];
  try {
    const toks = tokenize(text);
    const p = new Parser(toks, new PosCursor(lines), text.length);
    for (;;) {
      append(root.children!, p.body([]));
      if (p.i >= toks.length) break;
      problems.push({ message: 'unmatched `}`', range: lines.range(toks.start[p.i], toks.end[p.i]) });
      p.i++;
    }
    if (p.tooDeep >= 0) problems.push({ message: `nested more than ${MAX_PATH_DEPTH} keys deep; the deeper part was not read`, range: lines.range(toks.start[p.tooDeep], toks.end[p.tooDeep]), incomplete: true });
  } catch (e) {
    problems.push({ message: `could not parse: ${String(e)}`, range: lines.range(0, 0), incomplete: true });
  }
  return { roots: [root], problems, lines };
}
