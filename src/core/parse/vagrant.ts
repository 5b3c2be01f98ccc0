// Vagrantfile -> ConfigNode tree.
//
// A Vagrantfile is Ruby, and JavaScript has no well-kept Ruby parser, so this is a small tolerant
// scanner, not a parser. It masks comments, strings and heredocs, joins continued lines into
// statements, tracks block nesting with a keyword counter (`do`/`end`, and if/unless/while/until/
// case/begin/def/class/module/for at the start of a statement), and remembers which block variable
// stands for which configuration object (`|config|`, `|vb|`, `|node|`). Anything it does not
// understand is skipped, never an error.
//
// Path scheme (what hovers and advisor signals match on):
//   config.vm.box = "x"                        ['vm','box']                 value 'x'
//   config.vm.provider :virtualbox do |vb|     ['vm','provider','virtualbox']   (block; children below)
//     vb.memory = 2048                         ['vm','provider','virtualbox','memory']  value 2048
//     vb.customize ["modifyvm", ...]           ['vm','provider','virtualbox','customize']  value = argument text
//     v.vmx["memsize"] = "2048"                ['vm','provider','vmware_fusion','vmx','memsize']
//   config.vm.network "private_network", ip: "10.0.0.2"
//                                              ['vm','network','private_network'], child ['...','ip']
//   config.vm.synced_folder ".", "/vagrant", disabled: true
//                                              ['vm','synced_folder'] value = argument text, child 'disabled'
//   config.vm.provision "shell", inline: "..." ['vm','provision','shell'], child 'inline'
//   config.vm.define "web" do |web|            ['vm','define','web']; inside: ['vm','define','web','vm','box']
// A block's second parameter (`|v, override|`) stands for the machine's config again. A name given
// through a loop over a literal list (`%w(a b).each do |p| config.vm.provider p do ...`) yields one
// node per name. For method calls, `value` is the argument text as written; options written as
// `key: value` or `:key => value` become children.
import type { Workload } from '../advisor/types';
import { VAGRANT_TOPICS } from '../knowledge/vagrant';
import { Lines, keyTopicAt, machineName, vagrantDevelopmentHint, vagrantfileName } from './config-topics';
import { blankedSpan, unifyLineBreaks } from './lines';
import { JoinedPathNode, pathEndsWith } from './offsetNode';
import type { FormatModule } from './format';
import type { ConfigModel, ConfigNode, Range } from './types';

export interface VagrantModel extends ConfigModel {
  format: 'vagrant';
  /** Plugins named by `Vagrant.require_plugin "…"` (a provider plugin there picks the provider when no block names one). */
  plugins?: { name: string; range: Range }[];
}

interface Literal {
  start: number;
  end: number;
  value: string;
}

interface Masked {
  /** The text with comments, string contents and heredoc bodies replaced by placeholders, same length. */
  code: string;
  /** String literals (and heredocs, keyed at their `<<~ID` token), by start offset. */
  literals: LiteralTable;
}

/** Literal offsets per chunk of the table (start and end of each): 4,096 literals. */
const CHUNK = 8192;

/**
 * Literals by start offset. The scan finds them almost in order, so each is kept as two numbers
 * (where it starts and ends) in fixed-size chunks, and found by binary search; its object and value
 * are made when it is asked for, which is rarely (1 MB of nothing but short strings has 200,000
 * literals, and an object and a string each were most of the scan's memory; one growing array was
 * copied each time it grew). The value of a quoted string or a `%w(...)` literal lies between its
 * delimiters. A heredoc's body is read after the rest of its line, so heredocs, out of order and with
 * their value elsewhere, go to a second list, sorted once when the scan ends.
 */
class LiteralTable {
  /** start, end of each quoted or `%` literal, in order, CHUNK numbers to a chunk. */
  private readonly chunks: Int32Array[] = [];
  /** Numbers written to the last chunk. */
  private filled = CHUNK;
  private readonly heredocs: Literal[] = [];

  constructor(private readonly text: string) {}

  /** A quoted or `%` literal from `start` to `end` (after its closing delimiter). */
  add(start: number, end: number): void {
    if (this.filled === CHUNK) {
      this.chunks.push(new Int32Array(CHUNK));
      this.filled = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1];
    chunk[this.filled] = start;
    chunk[this.filled + 1] = end;
    this.filled += 2;
  }
  /** A heredoc whose `<<ID` token is at `at`, its body from `from` to `to`. */
  addHeredoc(at: number, from: number, to: number): void {
    this.heredocs.push({ start: at, end: at, value: this.text.slice(from, to) });
  }
  /** Called once, when the scan has added every literal. */
  seal(): void {
    this.heredocs.sort((a, b) => a.start - b.start);
  }
  get(start: number): Literal | undefined {
    const chunks = this.chunks;
    // The last chunk whose first literal starts at or before `start`, then the literal in it.
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid][0] <= start) lo = mid;
      else hi = mid - 1;
    }
    const chunk = chunks[lo];
    if (chunk) {
      let a = 0;
      let b = (lo === chunks.length - 1 ? this.filled : CHUNK) / 2 - 1;
      while (a <= b) {
        const mid = (a + b) >> 1;
        const at = chunk[mid * 2];
        if (at === start) {
          const end = chunk[mid * 2 + 1];
          const t = this.text;
          // `%w(`, `%(`: the value starts after the opening delimiter; a quote: after the quote.
          const from = t.charCodeAt(start) !== 37 ? start + 1 : start + (/[A-Za-z]/.test(t.charAt(start + 1)) ? 3 : 2);
          return { start, end, value: t.slice(from, Math.max(from, end - 1)) };
        }
        if (at < start) a = mid + 1;
        else b = mid - 1;
      }
    }
    const heredocs = this.heredocs;
    lo = 0;
    hi = heredocs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const h = heredocs[mid];
      if (h.start === start) return h;
      if (h.start < start) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

const HEREDOC = /^<<([-~]?)(['"]?)([A-Za-z_]\w*)\2/;
const PERCENT = /^%([wWiIqQ]?)([([{<|!/])/;
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** Where the scan outside literals stops: a line end, or a character that may open a comment or a literal. */
const STOP = /[\n#"'`<%]/g;

function mask(text: string): Masked {
  // The code is built as the scan goes (it only moves forward): the text up to each blanked span, then
  // the span with every character but line breaks replaced, so that offsets keep their lines.
  // Appending pieces to one string is much cheaper here than collecting them and joining at the end.
  let code = '';
  let done = 0;
  const literals = new LiteralTable(text);
  const blank = (from: number, to: number, ch = '_') => {
    const a = Math.max(from, done);
    if (to <= a) return;
    code += text.slice(done, a);
    code += blankedSpan(text, a, to, ch);
    done = to;
  };
  const pending: { id: string; squiggly: boolean; at: number }[] = [];
  const stop = new RegExp(STOP);
  let i = 0;
  const n = text.length;
  let lineStart = true;
  while (i < n) {
    // `=begin` counts only at the very start of a line; anything else there is read as usual below.
    if (lineStart && text.charCodeAt(i) !== 10) {
      if (text.startsWith('=begin', i)) {
        const e = text.indexOf('\n=end', i);
        const stopAt = e < 0 ? n : e + 5;
        blank(i, stopAt, ' ');
        i = stopAt;
        continue;
      }
      lineStart = false;
    }
    // Nothing but a line end, a comment or a literal changes what the scan does: go straight to the next one.
    // `test`, not `exec`: the stop is one character, just before where the search stopped, and no match object is made.
    stop.lastIndex = i;
    if (!stop.test(text)) break;
    i = stop.lastIndex - 1;
    const c = text[i];
    if (c === '\n') {
      i++;
      lineStart = true;
      // Heredoc bodies start on the line after their token.
      while (pending.length) {
        const h = pending.shift()!;
        const bodyStart = i;
        let bodyEnd = n;
        let after = n;
        while (i < n) {
          let e = text.indexOf('\n', i);
          if (e < 0) e = n;
          const line = text.slice(i, e).replace(/\r$/, '');
          if ((h.squiggly ? line.trim() : line) === h.id) {
            bodyEnd = i;
            after = Math.min(e + 1, n);
            break;
          }
          i = e + 1;
        }
        blank(bodyStart, after, ' ');
        literals.addHeredoc(h.at, bodyStart, bodyEnd);
        i = after;
      }
      continue;
    }
    if (c === '#') {
      let e = text.indexOf('\n', i);
      if (e < 0) e = n;
      blank(i, e, ' ');
      i = e;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const q = text.charCodeAt(i);
      const interpolates = c !== "'";
      const start = i;
      i++;
      let depth = 0;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \\ */) {
          i += 2;
          continue;
        }
        if (interpolates && d === 35 /* # */ && text.charCodeAt(i + 1) === 123 /* { */) {
          depth++;
          i += 2;
          continue;
        }
        if (depth > 0 && d === 125 /* } */) depth--;
        else if (depth === 0 && d === q) break;
        i++;
      }
      const end = Math.min(i + 1, n);
      blank(start + 1, Math.max(start + 1, end - 1));
      literals.add(start, end);
      i = end;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const m = HEREDOC.exec(text.slice(i, i + 80));
      if (m) {
        pending.push({ id: m[3], squiggly: m[1] !== '', at: i });
        i += m[0].length;
        continue;
      }
    }
    if (c === '%') {
      const m = PERCENT.exec(text.slice(i, i + 3));
      if (m && (i === 0 || /[\s=(,[]/.test(text[i - 1]))) {
        const open = m[2];
        const close = CLOSER[open] ?? open;
        const start = i;
        let e = text.indexOf(close, i + m[0].length);
        if (e < 0) e = n - 1;
        blank(i + m[0].length, e);
        literals.add(start, e + 1);
        i = e + 1;
        continue;
      }
    }
    i++;
  }
  code += text.slice(done);
  literals.seal();
  return { code, literals };
}

/** Whether a character is whitespace as `\s`, `trim()` and friends count it. */
function isSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 160 && (c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279);
}

/** Characters a line can end in when it goes on: `,`, `\`, `||`, `&&`, `+`, `=`, `and`, `or`. */
const CONTINUES = /(,|\\|\|\||&&|\+|=|\band|\bor)$/;
const CONTINUES_LAST = new Set([',', '\\', '|', '&', '+', '=', 'd', 'r']);
const ENDS_IN_DO = /\bdo\s*(\|[^|]*\|)?$/;

/**
 * Joins physical lines into statements: open brackets, trailing commas, operators and `\` continue a
 * line. Each call of `next()` moves to the next statement and sets `start` (its first non-blank
 * character) and `end` (after the last non-blank character of its last line); it returns false at
 * the end of the code. Statements are read one at a time rather than collected: a large file has tens
 * of thousands, and the parse needs each only once.
 */
class Statements {
  start = 0;
  end = 0;
  private pos = 0;
  /** Where the next bracket is (or the code's length): brackets are found with one forward search, not per character. */
  private bracket: number;
  private readonly brackets = /[()[\]{}]/g;
  constructor(private readonly code: string) {
    this.bracket = this.nextBracket(0);
  }
  private nextBracket(from: number): number {
    // `test`, not `exec`: the match is one character, ending where the search stopped, and no match object is made.
    this.brackets.lastIndex = from;
    return this.brackets.test(this.code) ? this.brackets.lastIndex - 1 : this.code.length;
  }
  next(): boolean {
    const code = this.code;
    const n = code.length;
    let start = -1;
    let depth = 0;
    let pos = this.pos;
    while (pos <= n) {
      let e = code.indexOf('\n', pos);
      if (e < 0) e = n;
      if (start < 0) {
        let first = pos;
        while (first < e && isSpace(code.charCodeAt(first))) first++;
        if (first === e) {
          pos = e + 1;
          continue;
        }
        start = first;
      }
      // Brackets outside statements cannot occur: a line without a statement is blank.
      while (this.bracket < e) {
        const ch = code.charCodeAt(this.bracket);
        if (ch === 40 /* ( */ || ch === 91 /* [ */ || ch === 123 /* { */) depth++;
        else depth = Math.max(0, depth - 1);
        this.bracket = this.nextBracket(this.bracket + 1);
      }
      let end = e;
      while (end > pos && isSpace(code.charCodeAt(end - 1))) end--;
      let continues = depth > 0;
      // The line's last character rules most lines out before any pattern runs.
      if (!continues && end > pos && CONTINUES_LAST.has(code[end - 1])) {
        const trimmed = code.slice(pos, end);
        continues = CONTINUES.test(trimmed) && !ENDS_IN_DO.test(trimmed);
      }
      pos = e + 1;
      if (!continues || e >= n) {
        this.pos = pos;
        this.start = start;
        this.end = end;
        return true;
      }
    }
    this.pos = pos;
    return false;
  }
}

/** A configuration object a block variable stands for: the Vagrantfile's root, or a block's node (its path made when asked). */
type Ctx = ConfigNode;

/**
 * Names a block binds and what each stands for, as `[name, value, name, value, …]`: a block binds one
 * or two, and tens of thousands of blocks each holding a map was most of such a file's parse.
 */
type Bindings<T> = (string | T)[];

function boundIn<T>(bindings: Bindings<T> | undefined, name: string): T | undefined {
  if (bindings) for (let i = 0; i < bindings.length; i += 2) if (bindings[i] === name) return bindings[i + 1] as T;
  return undefined;
}

function bindIn<T>(bindings: Bindings<T>, name: string, value: T): void {
  for (let i = 0; i < bindings.length; i += 2) {
    if (bindings[i] === name) {
      bindings[i + 1] = value;
      return;
    }
  }
  bindings.push(name, value);
}

interface Frame {
  /** Block variable -> the configuration objects it stands for (several when one block serves a list of names). */
  vars?: Bindings<Ctx[]>;
  /** Block variable -> the literal list it walks (`%w(a b).each do |p|`). */
  lists?: Bindings<string[]>;
  nodes?: JoinedPathNode[];
}

/** The frame of a block that binds nothing (most of them): one for all, never written to. */
const NO_FRAME: Frame = Object.freeze({});

const OPENERS = /^(if|unless|while|until|case|begin|def|class|module|for)\b/;
const ASSIGNED_OPENER = /=\s*(if|unless|case|begin)\b/;
const LOOP_HEAD = /^(while|until|for)\b/;
/** A statement that ends in `do` or `do |a, b|`: its block's variables. */
const DO_AT_END = /\bdo\s*(?:\|([^|]*)\|)?\s*$/;
/** `config.vm.provider`: the variable and the method chain after it. */
const CHAIN = /^([A-Za-z_]\w*)\.((?:[a-z_]\w*\.)*[a-z_]\w*[?!]?)/;
/** `do` and `end` as block keywords, not as parts of names, symbols or method calls. */
const BLOCK_TOKEN = /(?<![.:\w])(do|end)(?![\w?!:])/g;
const OPTION = /^(?:([a-z_]\w*):(?!:)|:([a-z_]\w*)\s*=>|["']_*["']\s*=>)\s*/;
const NAMED = new Set(['define', 'provider', 'provision', 'network']);
/** `Vagrant.require_plugin` with the blanks and bracket before its argument (sticky: tried where a search found it). */
const REQUIRE_PLUGIN = /Vagrant\.require_plugin\s*\(?\s*/y;
const NO_PARAMS: readonly string[] = [];

function literalValue(raw: string, start: number, masked: Masked): ConfigNode['value'] | undefined {
  const t = raw.trim();
  const lit = masked.literals.get(start + (raw.length - raw.trimStart().length));
  if (lit && (lit.end === lit.start || lit.end === start + raw.trimEnd().length)) return lit.value;
  if (/^:\w+$/.test(t)) return t.slice(1);
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'nil') return null;
  return undefined;
}

/** Splits `a, b: 1, :c => "x"` (masked code between `from` and `to`) at top-level commas. */
function splitArgs(code: string, from: number, to: number): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  const push = (a: number, b: number) => {
    while (a < b && isSpace(code.charCodeAt(a))) a++;
    while (b > a && isSpace(code.charCodeAt(b - 1))) b--;
    if (b > a) parts.push({ start: a, end: b });
  };
  let depth = 0;
  let s = from;
  for (let k = from; k < to; k++) {
    const ch = code.charCodeAt(k);
    if (ch === 40 /* ( */ || ch === 91 /* [ */ || ch === 123 /* { */) depth++;
    else if (ch === 41 /* ) */ || ch === 93 /* ] */ || ch === 125 /* } */) depth--;
    else if (ch === 44 /* , */ && depth === 0) {
      push(s, k);
      s = k + 1;
    }
  }
  if (to > s) push(s, to);
  return parts;
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** The name before the first `.` when the statement starts `name.` (as CHAIN's first group would read it); else undefined. */
function leadingName(s: string): string | undefined {
  const c = s.charCodeAt(0);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return undefined;
  let k = 1;
  while (k < s.length && isWordChar(s.charCodeAt(k))) k++;
  return s.charCodeAt(k) === 46 /* . */ ? s.slice(0, k) : undefined;
}

/** An option (`ip: "..."`) read once from a statement, made into a child of each of its nodes. */
interface OptionAt {
  key: string;
  start: number;
  keyEnd: number;
  end: number;
  valueStart: number;
  value: ConfigNode['value'] | undefined;
}

/** `opts[:name]`, `opts["name"]` and `opts['name']` as one key, `opts[:name]`; other text as it is. */
function hashKeyOf(raw: string): string {
  const m = /^([a-z_]\w*)\[\s*(?::(\w+)|"(\w+)"|'(\w+)')\s*\]$/.exec(raw);
  return m ? `${m[1]}[:${m[2] ?? m[3] ?? m[4]}]` : raw;
}

/**
 * The hashes of a literal list of hashes with literal string values (`[{ :name => "web", ip: "…" }, …]`),
 * one record of key → value each; none when an element is not such a hash.
 */
function hashRecords(statement: string): Record<string, string>[] {
  const open = statement.indexOf('[');
  const close = statement.lastIndexOf(']');
  if (open < 0 || close < open) return [];
  const inner = statement.slice(open + 1, close);
  const out: Record<string, string>[] = [];
  const HASH = /\{([^{}]*)\}\s*(,|$)/g;
  let at = 0;
  for (let h = HASH.exec(inner); h; h = HASH.exec(inner)) {
    if (inner.slice(at, h.index).replace(/#[^\n]*/g, '').trim() !== '') return [];
    at = HASH.lastIndex;
    const record: Record<string, string> = {};
    const PAIR = /(?::(\w+)\s*=>|\b(\w+):(?!:)|["'](\w+)["']\s*=>)\s*(?:"([^"#\\]*)"|'([^'\\]*)')/g;
    for (let p = PAIR.exec(h[1]); p; p = PAIR.exec(h[1])) record[p[1] ?? p[2] ?? p[3]] = p[4] ?? p[5];
    out.push(record);
  }
  return inner.slice(at).replace(/#[^\n]*/g, '').trim() === '' ? out : [];
}

function parse(source: string, file: string): VagrantModel {
  const text = unifyLineBreaks(source);
  const lines = new Lines(text);
  const root: ConfigNode = { key: '', path: [], keyRange: lines.range(0, 0), range: lines.range(0, text.length), children: [] };
  const model: VagrantModel = { format: 'vagrant', file, problems: [], roots: [root] };
  let masked: Masked;
  try {
    masked = mask(text);
  } catch (e) {
    model.problems.push({ message: `could not scan: ${String(e)}`, range: lines.range(0, 0), incomplete: true });
    return model;
  }
  const code = masked.code;
  // Found by a plain search first: a pattern opening with `\b` is tried at every offset of the file.
  for (let at = code.indexOf('Vagrant.require_plugin'); at !== -1; at = code.indexOf('Vagrant.require_plugin', at + 1)) {
    REQUIRE_PLUGIN.lastIndex = at;
    const m = REQUIRE_PLUGIN.exec(code);
    if (!m || (at > 0 && isWordChar(code.charCodeAt(at - 1)))) continue;
    const lit = masked.literals.get(at + m[0].length);
    if (lit) (model.plugins ??= []).push({ name: lit.value, range: lines.range(at, lit.end) });
  }
  // Frames get their maps only when they bind something: most blocks (`if`, `each`, a provisioner's)
  // bind nothing we follow, and share one empty frame.
  const frames: Frame[] = [NO_FRAME];
  // What `Vagrant.configure do |config|` binds, the same for every such block (bindings are only read).
  const rootCtxs: Ctx[] = [root];
  // Each name's bindings, innermost last, kept as frames open and close: a name is looked up in one
  // step however deep the blocks nest (walking the frames took quadratic time: 20,000 nested blocks
  // and 20,000 statements, 0.7 s).
  const varScopes = new Map<string, Ctx[][]>();
  const listScopes = new Map<string, string[][]>();
  const innermost = <T>(scopes: Map<string, T[]>, name: string): T | undefined => {
    const stack = scopes.get(name);
    return stack && stack.length ? stack[stack.length - 1] : undefined;
  };
  const lookup = (name: string): Ctx[] | undefined => innermost(varScopes, name);
  const lookupList = (name: string): string[] | undefined => innermost(listScopes, name);
  // Lists of hashes assigned to a name (`boxes = [{ :name => "web", :ip => "…" }, …]`), for a loop
  // over them that defines one machine per hash (`boxes.each do |opts| config.vm.define opts[:name]`).
  const recordLists = new Map<string, Record<string, string>[]>();
  const enter = <T>(scopes: Map<string, T[]>, bound: Bindings<T> | undefined) => {
    if (!bound) return;
    for (let i = 0; i < bound.length; i += 2) {
      const name = bound[i] as string;
      const stack = scopes.get(name);
      if (stack) stack.push(bound[i + 1] as T);
      else scopes.set(name, [bound[i + 1] as T]);
    }
  };
  const leave = <T>(scopes: Map<string, T[]>, bound: Bindings<T> | undefined) => {
    if (bound) for (let i = 0; i < bound.length; i += 2) scopes.get(bound[i] as string)?.pop();
  };
  const pushFrame = (f: Frame) => {
    frames.push(f);
    enter(varScopes, f.vars);
    enter(listScopes, f.lists);
  };
  const popFrame = (): Frame => {
    const f = frames.pop()!;
    leave(varScopes, f.vars);
    leave(listScopes, f.lists);
    return f;
  };
  // A file repeats the same few method chains and block parameter lists: each is split once. The
  // arrays are only read (a node's path is joined from them when asked for), so one array serves
  // every statement.
  const chains = new Map<string, string[]>();
  const segmentsOf = (chain: string): string[] => {
    let segs = chains.get(chain);
    if (!segs) chains.set(chain, (segs = chain.split('.')));
    return segs;
  };
  const paramLists = new Map<string, string[]>();
  const paramsOf = (list: string): string[] => {
    let params = paramLists.get(list);
    if (!params) paramLists.set(list, (params = list.split(',').map((p) => p.trim().replace(/^[*&]/, ''))));
    return params;
  };

  const statements = new Statements(code);
  while (statements.next()) {
    const stStart = statements.start;
    const stEnd = statements.end;
    const s = code.slice(stStart, stEnd);
    // Only a statement whose last non-blank character is the `o` of `do` or a closing `|` can open a block with variables.
    let last = s.length - 1;
    while (last >= 0 && isSpace(s.charCodeAt(last))) last--;
    const lastChar = last >= 0 ? s.charCodeAt(last) : 0;
    const doMatch = lastChar === 111 /* o */ || lastChar === 124 /* | */ ? DO_AT_END.exec(s) : null;
    const params = doMatch?.[1] !== undefined ? paramsOf(doMatch[1]) : NO_PARAMS;
    const loopHead = LOOP_HEAD.test(s);
    const opensDo = !!doMatch && !loopHead;
    const leading = OPENERS.test(s) || ASSIGNED_OPENER.test(s);
    // The frame the `do` at the end of this statement opens, made when it binds something.
    let newFrame: Frame | undefined;
    const bind = (name: string, ctxs: Ctx[]) => bindIn(((newFrame ??= {}).vars ??= []), name, ctxs);

    // Most statements start with a name that stands for no configuration object (`settings`, a
    // constant, a provisioner's own variable): the chain is matched only for `Vagrant` and bound names.
    const head = leadingName(s);
    const m = head !== undefined && (head === 'Vagrant' || lookup(head)) ? CHAIN.exec(s) : null;
    if (m && m[1] === 'Vagrant' && m[2] === 'configure') {
      if (params[0]) bind(params[0], rootCtxs);
    } else if (m) {
      const ctxs = lookup(m[1]);
      if (ctxs?.length) {
        // What the statement says is read once; each configuration object it applies to gets its own nodes.
        const segs = segmentsOf(m[2]);
        const chainEnd = stStart + m[0].length;
        let bodyEnd = stStart + (doMatch ? doMatch.index : s.length);
        while (bodyEnd > stStart && isSpace(code.charCodeAt(bodyEnd - 1))) bodyEnd--;
        const rest = code.slice(chainEnd, bodyEnd);
        const named = segs.length === 2 && segs[0] === 'vm' && NAMED.has(segs[1]);
        const closesParen = /\)\s*$/.test(rest);
        let optsFrom = -1;
        // Named blocks: the names (one node each, or one unnamed node) and where their key ends.
        let names: string[] = [];
        // Other calls and assignments: the path after the chain (`vmx["memsize"]`) and the value.
        let suffix = segs;
        let keyEnd = chainEnd;
        let valueAt: { start: number; value: ConfigNode['value'] | undefined; literal: boolean } | undefined;
        if (named) {
          const args = splitArgs(code, chainEnd + (rest.match(/^\s*\(?/)?.[0].length ?? 0), bodyEnd - (closesParen ? 1 : 0));
          const first = args[0];
          if (first) {
            const raw = text.slice(first.start, first.end);
            const lit = masked.literals.get(first.start);
            const assigned = /^([a-z_]\w*)\s*=[^=]/.exec(raw);
            // A block variable walking a list (`n` of `%w(a b).each do |n|`, `opts[:name]` of a list of hashes).
            let listed: string[] | undefined;
            if (lit && lit.end === first.end) names = interpolated(lit.value, lookupList);
            else if (/^:\w+$/.test(raw)) names = [raw.slice(1)];
            else if ((listed = lookupList(hashKeyOf(raw)))) names = listed;
            else if (assigned) names = [assigned[1]];
            else if (!/^\w+:/.test(raw)) names = [raw];
            if (names.length) {
              keyEnd = assigned ? first.start + assigned[1].length : first.end;
              optsFrom = args.length > 1 ? args[1].start : -1;
            } else optsFrom = first.start;
          }
        } else {
          let restStart = chainEnd;
          if (/^\[\s*/.test(rest)) {
            const close = code.indexOf(']', chainEnd);
            if (close > 0 && close < bodyEnd) {
              const inner = text.slice(chainEnd + 1, close).trim();
              suffix = [...segs, inner.replace(/^["':]|["']$/g, '')];
              keyEnd = close + 1;
              restStart = close + 1;
            }
          }
          const after = code.slice(restStart, bodyEnd);
          const assign = /^\s*(\|\||&&)?=(?!=)\s*/.exec(after);
          if (assign) {
            const vStart = restStart + assign[0].length;
            valueAt = { start: vStart, value: literalValue(text.slice(vStart, bodyEnd), vStart, masked), literal: true };
          } else if (after.trim()) {
            const aStart = restStart + (after.length - after.trimStart().length);
            valueAt = { start: aStart, value: text.slice(aStart, bodyEnd), literal: false };
            optsFrom = aStart;
          }
        }
        // Options (`ip: "..."`, `:type => "nfs"`) become children of every node of this statement.
        const options: OptionAt[] = [];
        if (optsFrom >= 0) {
          for (const part of splitArgs(code, optsFrom, bodyEnd - (closesParen && named ? 1 : 0))) {
            const om = OPTION.exec(code.slice(part.start, part.end));
            if (!om) continue;
            const key = om[1] ?? om[2];
            if (!key) continue;
            const valueStart = part.start + om[0].length;
            options.push({ key, start: part.start, keyEnd: part.start + om[0].trimEnd().length, end: part.end, valueStart, value: literalValue(text.slice(valueStart, part.end), valueStart, masked) });
          }
        }

        const all: JoinedPathNode[] = [];
        for (const ctx of ctxs) {
          // Each node's path is its configuration object's, then the chain (and the name): joined when asked for.
          const mk = (tail: readonly string[], name: string | undefined, end: number) => new JoinedPathNode(name ?? tail[tail.length - 1], ctx, tail, name, lines, stStart, end, stEnd);
          const nodes: JoinedPathNode[] = [];
          if (named) {
            if (!names.length) nodes.push(mk(segs, undefined, chainEnd));
            for (const name of names) nodes.push(mk(segs, name, keyEnd));
          } else {
            const node = mk(suffix, undefined, keyEnd);
            if (valueAt) {
              node.vs = valueAt.start;
              node.ve = bodyEnd;
              if (valueAt.value !== undefined) node.value = valueAt.value;
            }
            nodes.push(node);
          }
          for (const o of options) {
            for (const node of nodes) {
              const opt = new JoinedPathNode(o.key, node, undefined, o.key, lines, o.start, o.keyEnd, o.end);
              opt.vs = o.valueStart;
              opt.ve = o.end;
              if (o.value !== undefined) opt.value = o.value;
              (node.children ??= []).push(opt);
            }
          }
          for (const node of nodes) (ctx.children ??= []).push(node);
          for (const node of nodes) all.push(node);
          if (opensDo && nodes.length && params[1]) bind(params[1], [...(boundIn(newFrame?.vars, params[1]) ?? []), ctx]);
        }
        if (opensDo && all.length) {
          if (params[0]) bind(params[0], all);
          (newFrame ??= {}).nodes = all;
        }
      }
    }
    const assignedList = /^([a-z_]\w*)\s*=\s*\[/.exec(s);
    if (assignedList) {
      const records = hashRecords(text.slice(stStart, stEnd));
      if (records.length) recordLists.set(assignedList[1], records);
      else recordLists.delete(assignedList[1]);
    }
    if (opensDo && params[0] && !newFrame?.vars?.length) {
      const bindList = (name: string, items: string[]) => bindIn(((newFrame ??= {}).lists ??= []), name, items);
      // `boxes.each do |opts|` over a list of hashes: `opts[:name]` stands for each hash's name, when every hash has one.
      const each = recordLists.size ? /^([a-z_]\w*)\.each(?:_with_index)?\s+do\b/.exec(s) : null;
      const records = each ? recordLists.get(each[1]) : undefined;
      for (const key of records ? Object.keys(records[0]) : []) {
        if (records!.every((r) => r[key] !== undefined)) bindList(`${params[0]}[:${key}]`, records!.map((r) => r[key]));
      }
      // `(1..3).each do |i|`: the numbers, for names such as "node#{i}".
      const range = s.charCodeAt(0) === 40 /* ( */ ? /^\(\s*(\d+)\s*\.\.(\.?)\s*(\d+)\s*\)\.each\s+do\b/.exec(s) : null;
      if (range) {
        const from = Number(range[1]);
        const to = Number(range[3]) - (range[2] ? 1 : 0);
        if (to >= from && to - from < MAX_RANGE) bindList(params[0], Array.from({ length: to - from + 1 }, (_, k) => String(from + k)));
      }
      const list = /^(\[[^\]]*\]|%w\([^)]*\))\.each\s/.exec(s);
      if (list) {
        const raw = text.slice(stStart, stStart + list[1].length);
        bindList(params[0], raw.startsWith('%w') ? raw.slice(3, -1).trim().split(/\s+/) : [...raw.matchAll(/["':]([\w.-]+)["']?/g)].map((x) => x[1]));
      }
    }

    // Block nesting, token by token: `end` closes, `do` (and a leading keyword) opens. The `do` that
    // ends the statement opens the frame holding this statement's block variables.
    if (leading) pushFrame(NO_FRAME);
    if (!s.includes('do') && !s.includes('end')) continue;
    BLOCK_TOKEN.lastIndex = 0;
    for (let t = BLOCK_TOKEN.exec(s); t; t = BLOCK_TOKEN.exec(s)) {
      if (t[1] === 'end') {
        if (frames.length > 1) {
          const f = popFrame();
          for (const node of f.nodes ?? []) node.end = stStart + t.index + 3;
        }
      } else if (!loopHead) {
        pushFrame((doMatch && t.index === doMatch.index && newFrame) || NO_FRAME);
      }
    }
  }
  return model;
}

/** The first node below `node` (depth first) at `node`'s path plus `rel`. */
function firstAt(node: ConfigNode, rel: string[]): ConfigNode | undefined {
  const want = node.path.concat(rel);
  // An explicit stack, each node before its children: the order of a depth-first walk, without generators.
  const stack: ConfigNode[] = [];
  const push = (nodes: readonly ConfigNode[] | undefined) => {
    if (nodes) for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]);
  };
  push(node.children);
  while (stack.length) {
    const n = stack.pop()!;
    if (pathEndsWith(n, want, true)) return n;
    push(n.children);
  }
  return undefined;
}

const withHint = (w: Workload, hint: Workload['roleHint']): Workload => (hint ? { ...w, roleHint: hint } : w);

function workloads(model: VagrantModel): Workload[] {
  const root = model.roots[0];
  if (!root) return [];
  const rootBox = firstAt(root, ['vm', 'box']);
  const defines = (root.children ?? []).filter((n) => pathEndsWith(n, ['vm', 'define', '*'], true));
  const make = (name: string, range: Range, extent: Range, box: ConfigNode | undefined): Workload => {
    const w: Workload = { name, kind: 'vagrant-machine', format: 'vagrant', file: model.file, range, extent };
    if (typeof box?.value === 'string') w.image = box.value;
    return w;
  };
  if (defines.length) {
    const shared = (root.children ?? []).filter((n) => n.path.length === 2);
    return defines.map((d) => withHint(make(defines.length === 1 ? machineName(d.key, model.file) : d.key, d.keyRange, d.range, firstAt(d, ['vm', 'box']) ?? rootBox), vagrantDevelopmentHint(d.children ?? [], shared)));
  }
  return [withHint(make(vagrantfileName(model.file), rootBox?.keyRange ?? root.keyRange, root.range, rootBox), vagrantDevelopmentHint(root.children ?? []))];
}

export const vagrantModule: FormatModule<VagrantModel> = {
  format: 'vagrant',
  parse,
  topicAt: (model, pos) => keyTopicAt(model, pos, VAGRANT_TOPICS),
  workloads,
};

/** Machines a numeric range may define in one loop (`(1..3).each`); a longer range keeps the expression as the name. */
const MAX_RANGE = 256;

/** A name with `#{x}` for a block variable walking a list ("node#{i}" in `(1..3).each do |i|`): one name per item; else the name itself. */
function interpolated(name: string, listOf: (variable: string) => string[] | undefined): string[] {
  const vars = new Set([...name.matchAll(/#\{\s*([a-z_]\w*)\s*\}/g)].map((m) => m[1]));
  if (vars.size !== 1 || /#\{(?!\s*[a-z_]\w*\s*\})/.test(name)) return [name];
  const [v] = vars;
  const items = listOf(v);
  return items ? items.map((item) => name.replace(/#\{\s*[a-z_]\w*\s*\}/g, item)) : [name];
}
