// Reference copy of src/core/parse/hcl.ts in its earlier, slower form: the HCL reader (a token list of objects, then the parser).
// test/unit/parse-reference.test.ts checks that the current reader gives deep-equal trees on the corpus
// and on random and mutated inputs. Not used by the extension.
//
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
import { Lines } from '../../../src/core/parse/config-topics';
import { unifyLineBreaks } from '../../../src/core/parse/lines';
import type { ConfigNode, ParseProblem } from '../../../src/core/parse/types';

type Kind = 'ident' | 'string' | 'heredoc' | 'number' | 'punct' | 'op' | 'newline';

interface Token {
  kind: Kind;
  start: number;
  end: number;
  /** Identifier text, punctuation, or a string's unquoted content. */
  text: string;
}

/** Scans a quoted string starting at `i` (on the quote); returns the index after the closing quote. */
function scanString(src: string, i: number): number {
  let k = i + 1;
  while (k < src.length) {
    const c = src[k];
    if (c === '\\') {
      k += 2;
      continue;
    }
    if (c === '"' || c === '\n') return k + 1;
    if ((c === '$' || c === '%') && src[k + 1] === '{') {
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
    const c = src[k];
    if (c === '"') {
      k = scanString(src, k);
      continue;
    }
    const heredoc = c === '<' && src[k + 1] === '<' ? /^<<-?([A-Za-z_]\w*)/.exec(src.slice(k, k + 40)) : null;
    if (heredoc) {
      // A heredoc inside the template: past its terminator line (or to the end when there is none).
      const open = src.indexOf('\n', k);
      let at = src.length;
      for (let p = open < 0 ? src.length : open + 1; p < src.length; ) {
        const e = src.indexOf('\n', p);
        const end = e < 0 ? src.length : e;
        if (src.slice(p, end).trim() === heredoc[1]) {
          at = Math.min(end + 1, src.length);
          break;
        }
        p = end + 1;
      }
      k = at;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '\n' && depth === 1) break;
    k++;
  }
  return k;
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

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      out.push({ kind: 'newline', start: i, end: i + 1, text: '\n' });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') {
      i++;
    } else if (c === '#' || (c === '/' && src[i + 1] === '/')) {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === '"') {
      const e = scanString(src, i);
      const raw = src.slice(i + 1, src[e - 1] === '"' && e - 1 > i ? e - 1 : e);
      out.push({ kind: 'string', start: i, end: e, text: raw.replace(/\\(["\\])/g, '$1').replace(/\\n/g, '\n') });
      i = e;
    } else if (c === '<' && src[i + 1] === '<' && /^<<-?[A-Za-z_]\w*/.test(src.slice(i, i + 40))) {
      const m = /^<<(-?)([A-Za-z_]\w*)/.exec(src.slice(i, i + 40))!;
      let k = src.indexOf('\n', i);
      if (k < 0) k = n;
      const bodyStart = Math.min(k + 1, n);
      let p = bodyStart;
      let bodyEnd = n;
      let after = n;
      while (p < n) {
        let e = src.indexOf('\n', p);
        if (e < 0) e = n;
        if (src.slice(p, e).trim() === m[2]) {
          bodyEnd = p;
          after = e;
          break;
        }
        p = e + 1;
      }
      out.push({ kind: 'heredoc', start: i, end: after, text: src.slice(bodyStart, bodyEnd) });
      i = after;
    } else if (isIdentStart(src.charCodeAt(i))) {
      let k = i + 1;
      while (k < n && isIdentPart(src.charCodeAt(k))) k++;
      out.push({ kind: 'ident', start: i, end: k, text: src.slice(i, k) });
      i = k;
    } else if (isDigit(src.charCodeAt(i))) {
      let k = i + 1;
      while (k < n && isNumberPart(src.charCodeAt(k))) k++;
      out.push({ kind: 'number', start: i, end: k, text: src.slice(i, k) });
      i = k;
    } else if ((c === '=' || c === '!' || c === '<' || c === '>') && (src[i + 1] === '=' || (c === '=' && src[i + 1] === '>'))) {
      out.push({ kind: 'op', start: i, end: i + 2, text: src.slice(i, i + 2) });
      i += 2;
    } else {
      out.push({ kind: 'punct', start: i, end: i + 1, text: c });
      i++;
    }
  }
  return out;
}

const OPEN = new Set(['{', '[', '(']);
const CLOSE = new Set(['}', ']', ')']);

/**
 * Longest key path read. Every node carries its whole path, so nesting thousands deep costs the
 * square of the depth (a 60 KB file of nested blocks took seconds); real files stay far below this.
 * Deeper blocks, objects and lists are skipped whole and a problem says so.
 */
export const MAX_PATH_DEPTH = 64;

class Parser {
  private i = 0;
  /** The first bracket whose content was skipped for depth, if any. */
  tooDeep: Token | undefined;
  constructor(
    private readonly toks: Token[],
    private readonly lines: Lines,
  ) {}

  private peek(off = 0): Token | undefined {
    return this.toks[this.i + off];
  }

  /** When `path` is too deep: skips to the bracket closing the current one (not consumed) and returns true. */
  private skippedForDepth(path: string[]): boolean {
    if (path.length <= MAX_PATH_DEPTH) return false;
    this.tooDeep ??= this.toks[this.i - 1] ?? this.toks[this.i];
    let depth = 0;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if (t.kind === 'punct' && OPEN.has(t.text)) depth++;
      else if (t.kind === 'punct' && CLOSE.has(t.text)) {
        if (depth === 0) return true;
        depth--;
      }
      this.i++;
    }
    return true;
  }

  /** A body (file, block or object): attributes and blocks until `}` (not consumed) or the end. */
  body(path: string[]): ConfigNode[] {
    const out: ConfigNode[] = [];
    if (this.skippedForDepth(path)) return out;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if (t.kind === 'newline' || (t.kind === 'punct' && t.text === ',')) {
        this.i++;
        continue;
      }
      if (t.kind === 'punct' && t.text === '}') return out;
      if (t.kind === 'punct' && CLOSE.has(t.text)) {
        // A stray `)` or `]`: skip it, or skipLine would stop on it forever.
        this.i++;
        continue;
      }
      if (t.kind !== 'ident' && t.kind !== 'string') {
        this.skipLine();
        continue;
      }
      // Labels: consecutive strings or identifiers after the type.
      let k = this.i + 1;
      while (k < this.toks.length && (this.toks[k].kind === 'string' || this.toks[k].kind === 'ident')) k++;
      const next = this.toks[k];
      if (next && next.kind === 'punct' && (next.text === '=' || next.text === ':') && k === this.i + 1) {
        this.i = k + 1;
        out.push(this.attribute(t, path));
      } else if (next && next.kind === 'punct' && next.text === '{') {
        const labels = this.toks.slice(this.i, k);
        this.i = k + 1;
        const segs = labels.map((l) => l.text);
        const node: ConfigNode = {
          key: segs.join('.'),
          path: [...path, ...segs],
          keyRange: this.lines.range(t.start, labels[labels.length - 1].end),
          range: this.lines.range(t.start, t.end),
        };
        node.children = this.body(node.path);
        const close = this.peek();
        let end = close ? close.end : this.lines.text.length;
        if (close && close.kind === 'punct' && close.text === '}') this.i++;
        else end = this.lines.text.length;
        node.range = this.lines.range(t.start, end);
        out.push(node);
      } else {
        this.skipLine();
      }
    }
    return out;
  }

  private skipLine(): void {
    let depth = 0;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if (t.kind === 'punct' && OPEN.has(t.text)) depth++;
      else if (t.kind === 'punct' && CLOSE.has(t.text)) {
        if (depth === 0) return;
        depth--;
      } else if (t.kind === 'newline' && depth === 0) return;
      this.i++;
    }
  }

  private attribute(keyTok: Token, path: string[]): ConfigNode {
    const node: ConfigNode = {
      key: keyTok.text,
      path: [...path, keyTok.text],
      keyRange: this.lines.range(keyTok.start, keyTok.end),
      range: this.lines.range(keyTok.start, keyTok.end),
    };
    const first = this.peek();
    const startIdx = this.i;
    // An object or list literal that is the whole value gets children.
    if (first && first.kind === 'punct' && (first.text === '{' || first.text === '[')) {
      this.i++;
      if (first.text === '{') node.children = this.body(node.path);
      else node.children = this.list(node.path);
      const close = this.peek();
      if (close && close.kind === 'punct' && CLOSE.has(close.text)) this.i++;
    }
    // The rest of the expression, to a newline or separator outside brackets.
    let depth = 0;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if (t.kind === 'punct' && OPEN.has(t.text)) depth++;
      else if (t.kind === 'punct' && CLOSE.has(t.text)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (t.kind === 'newline' || (t.kind === 'punct' && t.text === ','))) break;
      this.i++;
    }
    const exprToks = this.toks.slice(startIdx, this.i).filter((t) => t.kind !== 'newline');
    if (exprToks.length) {
      const a = exprToks[0];
      const b = exprToks[exprToks.length - 1];
      node.valueRange = this.lines.range(a.start, b.end);
      node.range = this.lines.range(keyTok.start, b.end);
      if (exprToks.length === 1) {
        const v = scalar(a);
        if (v !== undefined) node.value = v;
      }
    }
    return node;
  }

  /** List items until `]` (not consumed). */
  private list(path: string[]): ConfigNode[] {
    const out: ConfigNode[] = [];
    if (this.skippedForDepth(path)) return out;
    let idx = 0;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if (t.kind === 'newline' || (t.kind === 'punct' && t.text === ',')) {
        this.i++;
        continue;
      }
      if (t.kind === 'punct' && CLOSE.has(t.text)) return out;
      const item: ConfigNode = { key: String(idx), path: [...path, String(idx)], keyRange: this.lines.range(t.start, t.end), range: this.lines.range(t.start, t.end) };
      idx++;
      const startIdx = this.i;
      if (t.kind === 'punct' && (t.text === '{' || t.text === '[')) {
        this.i++;
        item.children = t.text === '{' ? this.body(item.path) : this.list(item.path);
        const close = this.peek();
        if (close && close.kind === 'punct' && CLOSE.has(close.text)) this.i++;
      }
      let depth = 0;
      while (this.i < this.toks.length) {
        const u = this.toks[this.i];
        if (u.kind === 'punct' && OPEN.has(u.text)) depth++;
        else if (u.kind === 'punct' && CLOSE.has(u.text)) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && u.kind === 'punct' && u.text === ',') break;
        this.i++;
      }
      const toks = this.toks.slice(startIdx, this.i).filter((u) => u.kind !== 'newline');
      if (toks.length) {
        const r = this.lines.range(toks[0].start, toks[toks.length - 1].end);
        item.keyRange = r;
        item.range = r;
        item.valueRange = r;
        if (toks.length === 1) {
          const v = scalar(toks[0]);
          if (v !== undefined) item.value = v;
        }
      }
      out.push(item);
    }
    return out;
  }

  get index(): number {
    return this.i;
  }
  set index(v: number) {
    this.i = v;
  }
}

function scalar(t: Token): ConfigNode['value'] | undefined {
  if (t.kind === 'string' || t.kind === 'heredoc') return t.text;
  if (t.kind === 'number') return Number.isNaN(Number(t.text)) ? undefined : Number(t.text);
  if (t.kind === 'ident') {
    if (t.text === 'true') return true;
    if (t.text === 'false') return false;
    if (t.text === 'null') return null;
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
    const p = new Parser(tokenize(text), lines);
    for (;;) {
      root.children!.push(...p.body([]));
      const t = (p as unknown as { toks: Token[] }).toks[p.index];
      if (!t) break;
      problems.push({ message: 'unmatched `}`', range: lines.range(t.start, t.end) });
      p.index = p.index + 1;
    }
    if (p.tooDeep) problems.push({ message: `nested more than ${MAX_PATH_DEPTH} keys deep; the deeper part was not read`, range: lines.range(p.tooDeep.start, p.tooDeep.end) });
  } catch (e) {
    problems.push({ message: `could not parse: ${String(e)}`, range: lines.range(0, 0) });
  }
  return { roots: [root], problems, lines };
}
