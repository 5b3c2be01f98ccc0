// A reader for the everyday part of YAML, straight to ConfigNode trees: block maps and sequences,
// plain and quoted one-line scalars, literal and folded block scalars, one-line flow collections,
// comments and `---` documents. That is what Compose files, Kubernetes manifests, cloud-init and Lima
// configurations are almost always made of, and reading it directly takes a fraction of the time and
// memory of the yaml library, which first builds a token tree and then a document of its own.
//
// Anything else — anchors, aliases, tags, directives, complex keys, multi-line plain or quoted
// scalars, multi-line flow collections, tabs outside quotes and block scalars, explicit indentation
// indicators, `|+`, control characters, anything the library would report as an error — makes it give up (null), and
// the yaml library reads the file instead. So this reader only ever has to agree with the library on
// text the library accepts without a word, and test/unit/yaml-fast.test.ts checks that it does, node
// for node, on every corpus file and on mutated and random text.
import { LineIndex, lineStartsAnyBreak } from './lines';
import { ChildNode } from './offsetNode';
import type { Range } from './types';

/** Thrown inside the reader when the text leaves the subset it reads; caught at the top. */
class GiveUp {}
const GIVE_UP = new GiveUp();
const giveUp = (): never => {
  throw GIVE_UP;
};

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;

/** Characters a plain scalar may not start with (besides `-`, `?` and `:` before a space). */
const BAD_START = new Set([..."&*!?%@`,[]{}#|>:'\""].map((c) => c.charCodeAt(0)));
/** Characters that end a plain scalar inside a flow collection. */
const FLOW_STOP = new Set([...',[]{}'].map((c) => c.charCodeAt(0)));
/** Control characters, DEL, C1 controls and a byte order mark past the start: the library has rules of its own for them. */
const ODD_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]/;

/** Deepest block nesting read here; deeper text goes to the library, which has its own guard. */
const MAX_DEPTH = 400;

/** The YAML 1.2 core schema, as the yaml library resolves a plain scalar. */
export function plainValue(s: string): string | number | boolean | null {
  if (s === '') return null;
  const c = s.charCodeAt(0);
  // Only these first characters can start a null, boolean or number.
  if (!(c === 126 || c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57) || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  if (/^(?:~|[Nn]ull|NULL)$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return c === 116 || c === 84;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : c === 45 ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * A node read here: a collection or a scalar. Its whole range runs from its key to where its value
 * ends, or its key if that ends later (an empty value); every node has a value range.
 */
export class PlainNode extends ChildNode {
  declare children?: PlainNode[];

  override get valueRange(): Range {
    return this.rangeOf(this.vs, this.ve);
  }
}

/** Plain scalars of at most this many characters are shared (Reader.plain), up to this many distinct ones. */
const MAX_SHARED_SCALAR = 64;
const MAX_SHARED_SCALARS = 4096;

class Reader {
  /** Where each line's text starts: after its line break, and after a byte order mark on the first. */
  private readonly starts: number[];
  private readonly count: number;
  private readonly positions: LineIndex;
  private nodes = 0;
  private depth = 0;
  /** Set by every value reader: the first line after the value, and where the value's text ends. */
  private next = 0;
  private end = 0;
  /**
   * The children of the collections being read, innermost last: a collection's go here as they are
   * read and are copied out, exactly as many, when it ends (an array per collection, grown by pushes,
   * was twice the memory of its children).
   */
  private readonly pending: PlainNode[] = [];

  private collected(base: number): PlainNode[] {
    const children = this.pending.slice(base);
    this.pending.length = base;
    return children;
  }

  /** Set by `key`: where the key it read ends, and where its colon is (no object per key). */
  private keyEnd = 0;
  private colon = 0;

  constructor(
    private readonly text: string,
    private readonly maxNodes: number,
  ) {
    // Lines end at an LF, a CRLF or a lone CR: the text is read as given, not copied with its line breaks unified.
    this.positions = new LineIndex(text, lineStartsAnyBreak(text));
    const starts = this.positions.starts;
    this.count = starts.length;
    // A byte order mark at the start is not part of the first line's text: the library reads that
    // line from after it. Positions still count it, as the editor does.
    const bom = text.charCodeAt(0) === 0xfeff;
    this.starts = bom ? [1, ...starts.slice(1)] : starts;
  }

  // ---- lines

  /** Where line `ln`'s text ends, before its `\n`, `\r\n` or lone `\r` (worked out from where the next line starts: a table of ends was a second array as long as the file's lines). */
  private lineEnd(ln: number): number {
    if (ln + 1 >= this.count) return this.text.length;
    const next = this.positions.starts[ln + 1];
    if (this.text.charCodeAt(next - 1) === 13) return next - 1;
    return next - (next >= 2 && this.text.charCodeAt(next - 2) === 13 ? 2 : 1);
  }

  /** Leading spaces of a line. */
  private indent(ln: number): number {
    const t = this.text;
    const s = this.starts[ln];
    let i = s;
    while (t.charCodeAt(i) === SPACE) i++;
    return i - s;
  }

  /** The first line from `ln` on that holds more than blanks and a comment. */
  private content(ln: number): number {
    const t = this.text;
    for (; ln < this.count; ln++) {
      const e = this.lineEnd(ln);
      let i = this.starts[ln];
      while (i < e && t.charCodeAt(i) === SPACE) i++;
      if (i < e && t.charCodeAt(i) === TAB) {
        while (i < e && (t.charCodeAt(i) === SPACE || t.charCodeAt(i) === TAB)) i++;
        if (i < e && t.charCodeAt(i) !== HASH) giveUp();
      }
      if (i < e && t.charCodeAt(i) !== HASH) return ln;
    }
    return ln;
  }

  /** `---` at the start of a line, alone or before a comment; `...` and directives are not read here. */
  private isMarker(ln: number): boolean {
    const t = this.text;
    const s = this.starts[ln];
    const c = t.charCodeAt(s);
    if (c === 37) giveUp();
    if ((c === DASH || c === 46) && t.charCodeAt(s + 1) === c && t.charCodeAt(s + 2) === c) {
      const after = t.charCodeAt(s + 3);
      if (s + 3 >= this.lineEnd(ln) || after === SPACE || after === TAB) {
        if (c === 46) giveUp();
        return true;
      }
    }
    return false;
  }

  /** After a value that ended on line `ln`: the rest of that line must be blank or a comment. */
  private restOfLine(at: number, ln: number): void {
    const t = this.text;
    const e = this.lineEnd(ln);
    let i = at;
    while (i < e && t.charCodeAt(i) === SPACE) i++;
    if (i < e && !(t.charCodeAt(i) === HASH && i > at)) giveUp();
  }

  /** A one-line value ended on line `ln`: a more indented content line after it would continue it. */
  private endOfLineValue(ln: number, parentIndent: number): void {
    const nl = this.content(ln + 1);
    if (nl < this.count && !this.isMarker(nl) && this.indent(nl) > parentIndent) giveUp();
    this.next = ln + 1;
  }

  private isDash(at: number, e: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const c = this.text.charCodeAt(at + 1);
    return at + 1 >= e || c === SPACE;
  }

  /**
   * Plain scalars read so far, by their text: a file repeats the same keys and many of the same values
   * (`name`, `image`, `bus: virtio` in every document), and each would be a copy of its own that lives
   * as long as the tree. Short ones only, and only so many, so a file of distinct keys keeps no
   * second table of them all.
   */
  private readonly scalars = new Map<string, string | number | boolean | null>();

  private plain(raw: string): string | number | boolean | null {
    if (raw.length > MAX_SHARED_SCALAR) return plainValue(raw);
    let v = this.scalars.get(raw);
    if (v === undefined) {
      v = plainValue(raw);
      if (this.scalars.size < MAX_SHARED_SCALARS) this.scalars.set(raw, v);
    }
    return v;
  }

  private newNode(key: string, parent: PlainNode, ks: number, ke: number): PlainNode {
    if (++this.nodes > this.maxNodes) giveUp();
    return new PlainNode(key, parent, this.positions, ks, ke);
  }

  // ---- documents

  read(): PlainNode[] {
    if (ODD_CHARS.test(this.starts[0] ? this.text.slice(1) : this.text)) giveUp();
    const roots: PlainNode[] = [];
    let ln = this.content(0);
    let first = true;
    while (ln < this.count) {
      let start: number;
      let marker = -1;
      if (this.isMarker(ln)) {
        marker = this.starts[ln];
        start = marker;
        this.restOfLine(marker + 3, ln);
        ln = this.content(ln + 1);
      } else {
        if (!first) giveUp();
        start = this.starts[ln]; // the line start, indentation included, as the library has it
      }
      first = false;
      // A document's key range is empty, where the document starts.
      const root = new PlainNode('', undefined, this.positions, start, start);
      if (ln >= this.count || this.isMarker(ln)) {
        // `---` with nothing after it: an empty document, a null where the marker ends.
        let p = marker + 3;
        const e = this.lineEnd(this.positions.pos(marker).line);
        while (p < e && this.text.charCodeAt(p) === SPACE) p++;
        if (p >= e) p = marker + 3;
        root.value = null;
        root.vs = root.ve = p;
      } else {
        const col = this.indent(ln);
        this.node(root, ln, this.starts[ln] + col, -1, true);
        ln = this.content(this.next);
        if (ln < this.count && !this.isMarker(ln)) giveUp();
      }
      roots.push(root);
    }
    return roots;
  }

  // ---- block nodes

  /**
   * Reads the node that starts at offset `at` on line `ln` into `target`. `parentIndent` is the
   * indentation of the collection holding it; `open` says a block sequence or mapping may start here
   * (at the start of a line or after `- `), which it may not right after `key: `.
   */
  private node(target: PlainNode, ln: number, at: number, parentIndent: number, open: boolean): void {
    if (++this.depth > MAX_DEPTH) giveUp();
    const t = this.text;
    const e = this.lineEnd(ln);
    const c = t.charCodeAt(at);
    const col = at - this.starts[ln];
    if (this.isDash(at, e)) {
      if (!open) giveUp();
      this.blockSeq(target, ln, col);
    } else if (c === 91 || c === 123) {
      this.flowValue(target, at, e, ln);
      if (t.charCodeAt(this.scanSpaces(this.end, e)) === COLON) giveUp();
      this.restOfLine(this.end, ln);
      this.endOfLineValue(ln, parentIndent);
    } else if (c === 124 || c === 62) {
      this.blockScalar(target, ln, at, parentIndent);
    } else if (c === DQUOTE || c === SQUOTE) {
      const value = this.quoted(at, e);
      const after = this.end;
      const i = this.scanSpaces(after, e);
      if (t.charCodeAt(i) === COLON && (i + 1 >= e || t.charCodeAt(i + 1) === SPACE)) {
        if (!open) giveUp();
        this.blockMap(target, ln, col);
      } else {
        this.restOfLine(after, ln);
        target.value = value;
        target.vs = at;
        target.ve = this.end = after;
        this.endOfLineValue(ln, parentIndent);
      }
    } else {
      if (BAD_START.has(c) || (c === DASH && t.charCodeAt(at + 1) === TAB)) giveUp();
      const stop = this.plainEnd(at, e);
      if (stop < 0) {
        if (!open) giveUp();
        this.blockMap(target, ln, col);
      } else {
        let v = stop;
        while (v > at && t.charCodeAt(v - 1) === SPACE) v--;
        let text = t.slice(at, v);
        // A comment ends a plain scalar; without one, more indented lines below continue it.
        const last = stop === e ? this.continuation(text, ln, parentIndent) : ln;
        if (last > ln) {
          text = this.folded;
          v = this.end;
        }
        target.value = this.plain(text);
        target.vs = at;
        target.ve = this.end = v;
        this.endOfLineValue(last, parentIndent);
      }
    }
    this.depth--;
  }

  /** Set by continuation: the scalar with its lines folded. */
  private folded = '';

  /**
   * The lines that continue a plain scalar whose first line, `ln`, holds `first`: those below it
   * indented past `parentIndent`, up to a comment or a less indented line. Returns the last line read
   * (`ln` when none), with this.folded the whole scalar (lines joined by a space, each blank line
   * between kept as a line break) and this.end where its text ends. Lines that would need more of
   * YAML's rules (an indicator at their start, a `: ` inside, a tab) give up.
   */
  private continuation(first: string, ln: number, parentIndent: number): number {
    const t = this.text;
    let last = ln;
    let blanks = 0;
    let out = first;
    for (let l = ln + 1; l < this.count; l++) {
      const s = this.starts[l];
      const e = this.lineEnd(l);
      let i = s;
      while (i < e && t.charCodeAt(i) === SPACE) i++;
      if (i >= e) {
        blanks++;
        continue;
      }
      const c = t.charCodeAt(i);
      if (c === TAB) giveUp();
      if (i - s <= parentIndent || c === HASH || this.isMarker(l)) break;
      if (BAD_START.has(c) || c === DASH) giveUp();
      let end = e;
      let comment = false;
      for (let k = i; k < e; k++) {
        const ch = t.charCodeAt(k);
        if (ch === TAB || (ch === COLON && (k + 1 === e || t.charCodeAt(k + 1) === SPACE))) giveUp();
        if (ch === HASH && t.charCodeAt(k - 1) === SPACE) {
          end = k;
          comment = true;
          break;
        }
      }
      while (end > i && t.charCodeAt(end - 1) === SPACE) end--;
      out += (blanks ? '\n'.repeat(blanks) : ' ') + t.slice(i, end);
      blanks = 0;
      last = l;
      this.end = end;
      // A comment ends the scalar.
      if (comment) break;
    }
    this.folded = out;
    return last;
  }

  /** Skips spaces; a tab gives up. */
  private scanSpaces(i: number, e: number): number {
    const t = this.text;
    while (i < e) {
      const c = t.charCodeAt(i);
      if (c === SPACE) i++;
      else if (c === TAB) giveUp();
      else break;
    }
    return i;
  }

  /**
   * Where a plain scalar starting at `at` ends on its line (at a comment or the line end), or -1 when
   * a `: ` makes it a mapping key. A tab gives up.
   */
  private plainEnd(at: number, e: number): number {
    const t = this.text;
    for (let i = at; i < e; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON) {
        if (i + 1 >= e || t.charCodeAt(i + 1) === SPACE) return -1;
        if (t.charCodeAt(i + 1) === TAB) giveUp();
      } else if (c === HASH && t.charCodeAt(i - 1) === SPACE) {
        return i;
      } else if (c === TAB) giveUp();
    }
    return e;
  }

  /** A mapping key at `at`: its text; sets this.keyEnd (where it ends) and this.colon (its colon). */
  private key(at: number, e: number): string {
    const t = this.text;
    const c = t.charCodeAt(at);
    let key: string;
    let keyEnd: number;
    if (c === DQUOTE || c === SQUOTE) {
      key = this.quoted(at, e);
      keyEnd = this.end;
    } else {
      if (BAD_START.has(c) || (c === DASH && (at + 1 >= e || t.charCodeAt(at + 1) === SPACE))) giveUp();
      let i = at;
      for (; i < e; i++) {
        const ch = t.charCodeAt(i);
        if (ch === COLON && (i + 1 >= e || t.charCodeAt(i + 1) === SPACE)) break;
        if (ch === TAB || (ch === HASH && t.charCodeAt(i - 1) === SPACE)) giveUp();
      }
      keyEnd = i;
      while (keyEnd > at && t.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
      const raw = t.slice(at, keyEnd);
      if (raw === '<<') giveUp();
      const v = this.plain(raw);
      key = v === null ? '' : String(v);
    }
    if (keyEnd - at > 1000) giveUp();
    const colon = this.scanSpaces(keyEnd, e);
    if (t.charCodeAt(colon) !== COLON || !(colon + 1 >= e || t.charCodeAt(colon + 1) === SPACE)) giveUp();
    this.keyEnd = keyEnd;
    this.colon = colon;
    return key;
  }

  /** A key or `-` with nothing after it on line `ln`: a null, where its value would start. */
  private empty(target: PlainNode, at: number, ln: number): void {
    target.value = null;
    target.vs = target.ve = this.end = at;
    this.next = ln + 1;
  }

  /** A block mapping whose first key is at column `indent` of line `ln`; later keys start lines at that indentation. */
  private blockMap(target: PlainNode, ln: number, indent: number): void {
    const t = this.text;
    const base = this.pending.length;
    const start = this.starts[ln] + indent;
    for (;;) {
      const e = this.lineEnd(ln);
      const ks = this.starts[ln] + indent;
      const key = this.key(ks, e);
      const keyEnd = this.keyEnd;
      const colon = this.colon;
      const child = this.newNode(key, target, ks, keyEnd);
      const p = this.scanSpaces(colon + 1, e);
      if (p >= e || t.charCodeAt(p) === HASH) {
        const nl = this.content(ln + 1);
        const more = nl < this.count && !this.isMarker(nl);
        const ni = more ? this.indent(nl) : -1;
        if (more && ni > indent) {
          this.node(child, nl, this.starts[nl] + ni, indent, true);
        } else if (more && ni === indent && this.isDash(this.starts[nl] + ni, this.lineEnd(nl))) {
          this.blockSeq(child, nl, ni);
        } else {
          this.empty(child, p, ln);
        }
      } else {
        this.node(child, ln, p, indent, false);
      }
      this.pending.push(child);
      const nl = this.content(this.next);
      if (nl >= this.count || this.isMarker(nl)) break;
      const ni = this.indent(nl);
      if (ni < indent) break;
      if (ni > indent || this.isDash(this.starts[nl] + ni, this.lineEnd(nl))) giveUp();
      ln = nl;
    }
    target.vs = start;
    target.ve = this.end;
    target.children = this.collected(base);
  }

  /** A block sequence whose first `-` is at column `indent` of line `ln`. */
  private blockSeq(target: PlainNode, ln: number, indent: number): void {
    const t = this.text;
    const base = this.pending.length;
    const start = this.starts[ln] + indent;
    for (let i = 0; ; i++) {
      const e = this.lineEnd(ln);
      const dash = this.starts[ln] + indent;
      const child = this.newNode(String(i), target, 0, 0);
      const p = this.scanSpaces(dash + 1, e);
      if (p >= e || t.charCodeAt(p) === HASH) {
        const nl = this.content(ln + 1);
        const ni = nl < this.count && !this.isMarker(nl) ? this.indent(nl) : -1;
        if (ni > indent) {
          this.node(child, nl, this.starts[nl] + ni, indent, true);
        } else {
          this.empty(child, p, ln);
        }
      } else {
        this.node(child, ln, p, indent, true);
      }
      // An item's key range is its value's.
      child.ks = child.vs;
      child.ke = child.ve;
      this.pending.push(child);
      const nl = this.content(this.next);
      if (nl >= this.count || this.isMarker(nl)) break;
      const ni = this.indent(nl);
      if (ni < indent) break;
      if (ni > indent) giveUp();
      if (!this.isDash(this.starts[nl] + ni, this.lineEnd(nl))) break;
      ln = nl;
    }
    target.vs = start;
    target.ve = this.end;
    target.children = this.collected(base);
  }

  /** `|` or `>` at `at` on line `ln`, and the lines indented past `parentIndent` under it. */
  private blockScalar(target: PlainNode, ln: number, at: number, parentIndent: number): void {
    const t = this.text;
    const e = this.lineEnd(ln);
    const folded = t.charCodeAt(at) === 62;
    let strip = false;
    let i = at + 1;
    if (t.charCodeAt(i) === DASH) {
      strip = true;
      i++;
    }
    const h = t.charCodeAt(i);
    if (i < e && h !== SPACE) giveUp(); // `+`, an indentation indicator, or anything else
    this.restOfLine(i, ln);
    let indent = -1;
    let leading = 0;
    const lines: string[] = [];
    let lastText = -1;
    let lastLine = ln;
    let l = ln + 1;
    for (; l < this.count; l++) {
      const s = this.starts[l];
      const le = this.lineEnd(l);
      let k = s;
      while (k < le && t.charCodeAt(k) === SPACE) k++;
      const spaces = k - s;
      if (k >= le) {
        // A blank line with more spaces than the content's indentation holds those spaces as text.
        if (indent >= 0 && spaces > indent) giveUp();
        if (indent < 0) leading = Math.max(leading, spaces);
        lines.push('');
        continue;
      }
      if (indent < 0) {
        if (spaces <= parentIndent) break;
        if (spaces === 0 || leading > spaces) giveUp();
        indent = spaces;
      }
      if (spaces < indent) {
        if (t.charCodeAt(k) === TAB) giveUp();
        break;
      }
      const line = t.slice(s + indent, le);
      if (folded && (spaces > indent || t.charCodeAt(k) === TAB)) giveUp();
      lines.push(line);
      lastText = lines.length - 1;
      lastLine = l;
    }
    if (indent < 0 && leading > 0) giveUp();
    let value: string;
    if (lastText < 0) value = '';
    else if (!folded) value = lines.slice(0, lastText + 1).join('\n');
    else {
      value = '';
      let blanks = 0;
      let seen = false;
      for (let j = 0; j <= lastText; j++) {
        const line = lines[j];
        if (line === '') {
          blanks++;
          continue;
        }
        if (seen) value += blanks ? '\n'.repeat(blanks) : ' ';
        else value += '\n'.repeat(blanks);
        value += line;
        blanks = 0;
        seen = true;
      }
    }
    if (!strip && lastText >= 0) value += '\n';
    target.value = value;
    const end = lastText >= 0 ? this.lineEnd(lastLine) : this.lineEnd(ln);
    target.vs = at;
    target.ve = this.end = end;
    this.next = lastText >= 0 ? lastLine + 1 : ln + 1;
  }

  // ---- scalars and flow collections on one line

  /** A quoted scalar at `at` that closes on the same line; this.end is set after the closing quote. */
  private quoted(at: number, e: number): string {
    const t = this.text;
    const q = t.charCodeAt(at);
    let out = '';
    let from = at + 1;
    for (let i = at + 1; i < e; i++) {
      const c = t.charCodeAt(i);
      if (q === SQUOTE && c === SQUOTE) {
        if (t.charCodeAt(i + 1) === SQUOTE && i + 1 < e) {
          out += t.slice(from, i + 1);
          from = ++i + 1;
          continue;
        }
        this.end = i + 1;
        return out + t.slice(from, i);
      }
      if (q === DQUOTE && c === DQUOTE) {
        this.end = i + 1;
        return out + t.slice(from, i);
      }
      if (q === DQUOTE && c === 92) {
        out += t.slice(from, i);
        const x = t[i + 1];
        if (i + 1 >= e) giveUp();
        const n = HEX_LENGTH[x];
        if (n) {
          const hex = t.slice(i + 2, i + 2 + n);
          if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
          const code = parseInt(hex, 16);
          if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) giveUp();
          out += String.fromCodePoint(code);
          i += 1 + n;
        } else {
          const r = ESCAPES[x];
          if (r === undefined) giveUp();
          out += r;
          i += 1;
        }
        from = i + 1;
      }
    }
    return giveUp();
  }

  /** `[` or `{` at `at`, closed on the same line; this.end is set after the closing bracket. */
  private flowValue(target: PlainNode, at: number, e: number, ln: number): void {
    if (++this.depth > MAX_DEPTH) giveUp();
    const t = this.text;
    const map = t.charCodeAt(at) === 123;
    const close = map ? 125 : 93;
    const base = this.pending.length;
    let i = this.scanSpaces(at + 1, e);
    if (t.charCodeAt(i) !== close) {
      for (let n = 0; ; n++) {
        if (map) {
          const ks = i;
          const c = t.charCodeAt(i);
          let key: string;
          let keyEnd: number;
          let colon: number;
          if (c === DQUOTE || c === SQUOTE) {
            key = this.quoted(i, e);
            keyEnd = this.end;
            colon = this.scanSpaces(keyEnd, e);
            if (t.charCodeAt(colon) !== COLON) giveUp();
          } else {
            keyEnd = this.flowPlainEnd(i, e);
            if (keyEnd === i) giveUp();
            colon = this.scanSpaces(keyEnd, e);
            if (t.charCodeAt(colon) !== COLON || t.charCodeAt(colon + 1) !== SPACE) giveUp();
            const v = plainValue(t.slice(i, keyEnd));
            key = v === null ? '' : String(v);
          }
          const child = this.newNode(key, target, ks, keyEnd);
          const vs = this.scanSpaces(colon + 1, e);
          const vc = t.charCodeAt(vs);
          if (vs >= e || vc === 44 || vc === close) giveUp();
          this.flowItem(child, vs, e, ln);
          this.pending.push(child);
        } else {
          const child = this.newNode(String(n), target, 0, 0);
          this.flowItem(child, i, e, ln);
          child.ks = child.vs;
          child.ke = child.ve;
          this.pending.push(child);
        }
        i = this.scanSpaces(this.end, e);
        const c = t.charCodeAt(i);
        if (c === close) break;
        if (c !== 44) giveUp();
        i = this.scanSpaces(i + 1, e);
        if (i >= e || t.charCodeAt(i) === close) giveUp();
      }
    }
    if (i >= e) giveUp();
    this.end = i + 1;
    target.vs = at;
    target.ve = this.end;
    target.children = this.collected(base);
    this.depth--;
  }

  /** One item of a flow collection: a nested collection, a quoted or a plain scalar. */
  private flowItem(target: PlainNode, at: number, e: number, ln: number): void {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 91 || c === 123) {
      this.flowValue(target, at, e, ln);
      return;
    }
    let end: number;
    if (c === DQUOTE || c === SQUOTE) {
      target.value = this.quoted(at, e);
      end = this.end;
    } else {
      end = this.flowPlainEnd(at, e);
      if (end === at) giveUp();
      target.value = this.plain(t.slice(at, end));
    }
    target.vs = at;
    target.ve = this.end = end;
  }

  /** Where a plain scalar inside a flow collection ends (trailing spaces left out). */
  private flowPlainEnd(at: number, e: number): number {
    const t = this.text;
    const c0 = t.charCodeAt(at);
    if (BAD_START.has(c0) || (c0 === DASH && (at + 1 >= e || t.charCodeAt(at + 1) === SPACE || FLOW_STOP.has(t.charCodeAt(at + 1))))) giveUp();
    let i = at;
    for (; i < e; i++) {
      const c = t.charCodeAt(i);
      if (FLOW_STOP.has(c)) break;
      if (c === TAB) giveUp();
      if (c === HASH && t.charCodeAt(i - 1) === SPACE) giveUp();
      if (c === COLON) {
        const n = t.charCodeAt(i + 1);
        if (i + 1 >= e || n === SPACE || FLOW_STOP.has(n)) break;
      }
    }
    while (i > at && t.charCodeAt(i - 1) === SPACE) i--;
    return i;
  }
}

/**
 * The document roots of `text` (line breaks already unified), or null when the text uses YAML this
 * reader leaves to the yaml library.
 */
export function readPlainYaml(text: string, maxNodes: number): PlainNode[] | null {
  try {
    return new Reader(text, maxNodes).read();
  } catch (e) {
    if (e === GIVE_UP) return null;
    // A stack overflow on pathological nesting: the library's own guards take over.
    if (e instanceof RangeError) return null;
    throw e;
  }
}
