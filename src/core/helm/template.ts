// A reader and evaluator for the part of Go's text/template that Helm charts use (docs/helm.md):
// actions with `{{-`/`-}}` trimming, comments, fields, variables, pipelines, parentheses, if / else
// if / else, with, range, define / template / block, break / continue, and the function table of
// funcs.ts (sprig's and Helm's). What no file decides evaluates to `Undecided`; an `if` on it takes
// its first branch and marks the lines it writes with the condition, so no finding silently becomes
// true or false. Every run is bounded (steps, nesting of includes, output size).
import { lineAtOffset } from '../parse/lines';
import { callFunction, type FuncContext } from './funcs';
import {
  BoundsError,
  entryOrigin,
  FailError,
  GoMethod,
  isMapV,
  MAX_STRING,
  printValue,
  RichStr,
  selfOrigin,
  str,
  truthy,
  Undecided,
  type LineMark,
  type ValueOrigin,
} from './values';

// ---------------------------------------------------------------------------------------------
// Syntax

type Operand =
  | { t: 'dot'; fields: string[] }
  | { t: 'field'; fields: string[] }
  | { t: 'var'; name: string; fields: string[] }
  | { t: 'ident'; name: string }
  | { t: 'lit'; value: unknown }
  | { t: 'paren'; pipe: Pipe; fields: string[] };

interface Cmd {
  args: Operand[];
  src: string;
}

interface Pipe {
  decls: string[];
  /** `=` (assign to a declared variable) rather than `:=`. */
  assign: boolean;
  cmds: Cmd[];
  src: string;
}

export type TNode =
  | { t: 'text'; text: string; offset: number }
  | { t: 'action'; pipe: Pipe; offset: number }
  | { t: 'if'; branches: { cond: Pipe; body: TNode[]; with?: boolean }[]; otherwise?: TNode[]; offset: number }
  | { t: 'with'; pipe: Pipe; body: TNode[]; otherwise?: TNode[]; offset: number }
  | { t: 'range'; pipe: Pipe; body: TNode[]; otherwise?: TNode[]; offset: number }
  | { t: 'template'; name: string; pipe?: Pipe; offset: number }
  | { t: 'break' | 'continue'; offset: number };

/** A template file's body and the named templates it defines. */
export interface ParsedTemplate {
  nodes: TNode[];
  defines: Map<string, TNode[]>;
}

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_NESTING = 200;

interface Tok {
  k: 'field' | 'dot' | 'var' | 'ident' | 'str' | 'num' | 'bool' | 'nil' | '(' | ')' | '|' | ',' | ':=' | '=';
  v: string;
  value?: unknown;
  /** Whether whitespace precedes it (fields chain only onto what they touch). */
  spaced: boolean;
  start: number;
}

const WS = /[ \t\r\n]/;

/** Go's escapes in an interpreted string literal. */
function unquote(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, e: string) => {
    const c = e[0];
    if (c === 'x' || c === 'u' || c === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/[0-7]/.test(c) && e.length === 3) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" } as Record<string, string>)[c] ?? e;
  });
}

/**
 * The tokens of one action from `at` (just after `{{` and its trim marker) to its closing `}}`.
 * Returns the tokens, where the `}}` starts, and whether it is `-}}`.
 */
function lexAction(src: string, at: number): { toks: Tok[]; close: number; end: number; trimRight: boolean } {
  const toks: Tok[] = [];
  let i = at;
  let spaced = true;
  const n = src.length;
  for (;;) {
    if (i >= n) throw new TemplateSyntaxError('unclosed action', at);
    const c = src[i];
    if (WS.test(c)) {
      // ` -}}` closes with a right trim.
      if (src.startsWith('-}}', i + 1) && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) return { toks, close: i, end: i + 4, trimRight: true };
      i++;
      spaced = true;
      continue;
    }
    if (c === '}' && src[i + 1] === '}') return { toks, close: i, end: i + 2, trimRight: false };
    const start = i;
    const push = (k: Tok['k'], v: string, value?: unknown) => {
      toks.push({ k, v, value, spaced, start });
      spaced = false;
    };
    if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"') {
        if (src[j] === '\\') j++;
        if (src[j] === '\n') throw new TemplateSyntaxError('unterminated quoted string', i);
        j++;
      }
      if (j >= n) throw new TemplateSyntaxError('unterminated quoted string', i);
      push('str', src.slice(i, j + 1), unquote(src.slice(i + 1, j)));
      i = j + 1;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new TemplateSyntaxError('unterminated raw string', i);
      push('str', src.slice(i, j + 1), src.slice(i + 1, j));
      i = j + 1;
    } else if (c === "'") {
      let j = i + 1;
      if (src[j] === '\\') j++;
      while (j < n && src[j] !== "'") j++;
      if (j >= n) throw new TemplateSyntaxError('unterminated character constant', i);
      const ch = unquote(src.slice(i + 1, j));
      push('num', src.slice(i, j + 1), ch.codePointAt(0) ?? 0);
      i = j + 1;
    } else if (c === '(' || c === ')' || c === '|' || c === ',') {
      push(c, c);
      i++;
    } else if (c === ':' && src[i + 1] === '=') {
      push(':=', ':=');
      i += 2;
    } else if (c === '=') {
      push('=', '=');
      i++;
    } else if (c === '.' && !/[0-9]/.test(src[i + 1] ?? '')) {
      const m = /^\.[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256));
      if (m) {
        push('field', m[0].slice(1));
        i += m[0].length;
      } else {
        push('dot', '.');
        i++;
      }
    } else if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*/.exec(src.slice(i, i + 256))!;
      push('var', m[0]);
      i += m[0].length;
    } else if (/[0-9+\-.]/.test(c)) {
      const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+(?![0-9.eE])|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(i, i + 256));
      const text = m?.[0] ?? '';
      if (!text || !/[0-9]/.test(text)) throw new TemplateSyntaxError(`unexpected "${c}" in action`, i);
      const clean = text.replace(/_/g, '');
      const value = /^[+-]?0[xX]/.test(clean) ? parseInt(clean, 16) : /^[+-]?0[oO]?[0-7]+$/.test(clean) && clean.replace(/^[+-]/, '').length > 1 ? parseInt(clean.replace(/[oO]/, ''), 8) : Number(clean);
      push('num', text, value);
      i += text.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256))!;
      const w = m[0];
      if (w === 'true' || w === 'false') push('bool', w, w === 'true');
      else if (w === 'nil') push('nil', w, null);
      else push('ident', w);
      i += w.length;
    } else {
      throw new TemplateSyntaxError(`unexpected "${c}" in action`, i);
    }
  }
}

/** One action or text run before the tree is built. */
type Item = { t: 'text'; text: string; offset: number } | { t: 'action'; toks: Tok[]; src: string; offset: number };

function scan(src: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let trimNext = false;
  for (;;) {
    const open = src.indexOf('{{', pos);
    const textEnd = open < 0 ? src.length : open;
    let text = src.slice(pos, textEnd);
    let offset = pos;
    if (trimNext) {
      const lead = /^[ \t\r\n]*/.exec(text)![0].length;
      text = text.slice(lead);
      offset += lead;
    }
    if (open < 0) {
      if (text) items.push({ t: 'text', text, offset });
      return items;
    }
    let at = open + 2;
    const trimLeft = src[at] === '-' && WS.test(src[at + 1] ?? '');
    if (trimLeft) {
      at += 2;
      text = text.replace(/[ \t\r\n]+$/, '');
    }
    if (text) items.push({ t: 'text', text, offset });
    // A comment: `{{/* … */}}`, with optional trim markers around it.
    let k = at;
    while (trimLeft && WS.test(src[k] ?? '')) k++;
    if (src.startsWith('/*', k)) {
      const close = src.indexOf('*/', k + 2);
      if (close < 0) throw new TemplateSyntaxError('unclosed comment', open);
      let e = close + 2;
      let trimRight = false;
      if (/^[ \t\r\n]-}}/.test(src.slice(e, e + 4))) {
        trimRight = true;
        e += 4;
      } else if (src.startsWith('}}', e)) e += 2;
      else throw new TemplateSyntaxError('comment ends before closing delimiter', open);
      pos = e;
      trimNext = trimRight;
      continue;
    }
    const lexed = lexAction(src, at);
    items.push({ t: 'action', toks: lexed.toks, src: src.slice(at, lexed.close).trim(), offset: open });
    pos = lexed.end;
    trimNext = lexed.trimRight;
  }
}

class Parser {
  private i = 0;
  readonly defines = new Map<string, TNode[]>();
  constructor(
    private readonly items: Item[],
    private readonly text: string,
  ) {}

  /** Nodes until one of `stops` (`end`, `else`) at this level; returns the stop keyword's item. */
  list(depth: number, stops: readonly string[]): { nodes: TNode[]; stop?: { word: string; toks: Tok[]; src: string; offset: number } } {
    if (depth > MAX_NESTING) throw new TemplateSyntaxError('blocks nested too deep', this.items[this.i]?.offset ?? 0);
    const nodes: TNode[] = [];
    while (this.i < this.items.length) {
      const it = this.items[this.i++];
      if (it.t === 'text') {
        nodes.push(it);
        continue;
      }
      const first = it.toks[0];
      const word = first?.k === 'ident' ? first.v : '';
      if (word === 'end' || word === 'else') {
        if (!stops.includes(word)) throw new TemplateSyntaxError(`unexpected {{${word}}}`, it.offset);
        return { nodes, stop: { word, toks: it.toks, src: it.src, offset: it.offset } };
      }
      nodes.push(this.node(it, word, depth));
    }
    if (stops.length) throw new TemplateSyntaxError('unexpected end of template: missing {{end}}', this.text.length);
    return { nodes };
  }

  private node(it: Extract<Item, { t: 'action' }>, word: string, depth: number): TNode {
    const rest = it.toks.slice(1);
    const restSrc = it.src.replace(/^[A-Za-z]+\s*/, '');
    switch (word) {
      case 'if':
        return this.ifChain(rest, restSrc, it.offset, depth, false);
      case 'with': {
        const n = this.ifChain(rest, restSrc, it.offset, depth, true);
        if (n.t === 'if' && n.branches.length === 1) return { t: 'with', pipe: n.branches[0].cond, body: n.branches[0].body, otherwise: n.otherwise, offset: it.offset };
        return n;
      }
      case 'range': {
        const pipe = parsePipe(rest, restSrc, it.offset, true);
        const body = this.list(depth + 1, ['end', 'else']);
        let otherwise: TNode[] | undefined;
        if (body.stop?.word === 'else') otherwise = this.list(depth + 1, ['end']).nodes;
        return { t: 'range', pipe, body: body.nodes, otherwise, offset: it.offset };
      }
      case 'define':
      case 'block': {
        const nameTok = rest[0];
        if (nameTok?.k !== 'str') throw new TemplateSyntaxError(`${word} needs a template name`, it.offset);
        const name = nameTok.value as string;
        const body = this.list(depth + 1, ['end']);
        this.defines.set(name, body.nodes);
        if (word === 'define') return { t: 'text', text: '', offset: it.offset };
        const pipe = rest.length > 1 ? parsePipe(rest.slice(1), restSrc.slice(nameTok.v.length).trim(), it.offset, false) : undefined;
        return { t: 'template', name, pipe, offset: it.offset };
      }
      case 'template': {
        const nameTok = rest[0];
        if (nameTok?.k !== 'str') throw new TemplateSyntaxError('template needs a template name', it.offset);
        const pipe = rest.length > 1 ? parsePipe(rest.slice(1), restSrc.slice(nameTok.v.length).trim(), it.offset, false) : undefined;
        return { t: 'template', name: nameTok.value as string, pipe, offset: it.offset };
      }
      case 'break':
      case 'continue':
        return { t: word, offset: it.offset };
      default:
        return { t: 'action', pipe: parsePipe(it.toks, it.src, it.offset, false), offset: it.offset };
    }
  }

  /** `if` (or `with`) with its `else if` / `else with` / `else` branches, up to the one `end`. */
  private ifChain(toks: Tok[], src: string, offset: number, depth: number, isWith: boolean): TNode {
    const branches: { cond: Pipe; body: TNode[]; with?: boolean }[] = [];
    let cond = parsePipe(toks, src, offset, false);
    let w = isWith;
    for (;;) {
      const body = this.list(depth + 1, ['end', 'else']);
      branches.push({ cond, body: body.nodes, ...(w ? { with: true } : {}) });
      const stop = body.stop!;
      if (stop.word === 'end') return { t: 'if', branches, offset };
      const after = stop.toks.slice(1);
      if (after[0]?.k === 'ident' && (after[0].v === 'if' || after[0].v === 'with')) {
        w = after[0].v === 'with';
        cond = parsePipe(after.slice(1), stop.src.replace(/^else\s+(if|with)\s*/, ''), stop.offset, false);
        continue;
      }
      if (after.length) throw new TemplateSyntaxError('unexpected words after {{else}}', stop.offset);
      const otherwise = this.list(depth + 1, ['end']).nodes;
      return { t: 'if', branches, otherwise, offset };
    }
  }
}

function parsePipe(toks: Tok[], src: string, offset: number, inRange: boolean): Pipe {
  let i = 0;
  const decls: string[] = [];
  let assign = false;
  // `$x :=`, `$x =`, and in range `$i, $v :=`.
  if (toks[0]?.k === 'var') {
    if (inRange && toks[1]?.k === ',' && toks[2]?.k === 'var' && (toks[3]?.k === ':=' || toks[3]?.k === '=')) {
      decls.push(toks[0].v, toks[2].v);
      assign = toks[3].k === '=';
      i = 4;
    } else if (toks[1]?.k === ':=' || toks[1]?.k === '=') {
      decls.push(toks[0].v);
      assign = toks[1].k === '=';
      i = 2;
    }
  }
  const state = { i, depth: 0 };
  const pipe = parseCmds(toks, state, src, offset);
  if (state.i < toks.length) throw new TemplateSyntaxError(`unexpected "${toks[state.i].v}" in action`, offset);
  if (!pipe.length) throw new TemplateSyntaxError('missing value for command', offset);
  const body = decls.length ? src.replace(/^[^:=]*:?=\s*/, '') : src;
  return { decls, assign, cmds: pipe, src: body };
}

function srcOf(toks: Tok[], from: number, to: number): string {
  return toks
    .slice(from, to)
    .map((t, k) => (k > 0 && t.spaced ? ' ' : '') + (t.k === 'field' ? '.' + t.v : t.v))
    .join('');
}

function parseCmds(toks: Tok[], st: { i: number; depth: number }, src: string, offset: number): Cmd[] {
  if (++st.depth > MAX_NESTING) throw new TemplateSyntaxError('parentheses nested too deep', offset);
  const cmds: Cmd[] = [];
  for (;;) {
    const from = st.i;
    const args: Operand[] = [];
    while (st.i < toks.length && toks[st.i].k !== '|' && toks[st.i].k !== ')') args.push(parseOperand(toks, st, src, offset));
    if (!args.length) throw new TemplateSyntaxError('missing value for command', offset);
    cmds.push({ args, src: srcOf(toks, from, st.i) });
    if (toks[st.i]?.k === '|') {
      st.i++;
      continue;
    }
    st.depth--;
    return cmds;
  }
}

function trailingFields(toks: Tok[], st: { i: number }): string[] {
  const fields: string[] = [];
  while (toks[st.i]?.k === 'field' && !toks[st.i].spaced) fields.push(toks[st.i++].v);
  return fields;
}

function parseOperand(toks: Tok[], st: { i: number; depth: number }, src: string, offset: number): Operand {
  const t = toks[st.i++];
  switch (t.k) {
    case 'field': {
      const fields = [t.v, ...trailingFields(toks, st)];
      return { t: 'field', fields };
    }
    case 'dot':
      return { t: 'dot', fields: trailingFields(toks, st) };
    case 'var':
      return { t: 'var', name: t.v, fields: trailingFields(toks, st) };
    case 'ident':
      return { t: 'ident', name: t.v };
    case 'str':
    case 'num':
    case 'bool':
    case 'nil':
      return { t: 'lit', value: t.value };
    case '(': {
      const from = st.i;
      const cmds = parseCmds(toks, st, src, offset);
      if (toks[st.i]?.k !== ')') throw new TemplateSyntaxError('unclosed left paren', offset);
      const inner = srcOf(toks, from, st.i);
      st.i++;
      return { t: 'paren', pipe: { decls: [], assign: false, cmds, src: inner }, fields: trailingFields(toks, st) };
    }
    default:
      throw new TemplateSyntaxError(`unexpected "${t.v}" in operand`, offset);
  }
}

/** Parses a template text; throws TemplateSyntaxError (with the offset) on what Go would reject. */
export function parseTemplate(text: string): ParsedTemplate {
  const p = new Parser(scan(text), text);
  const { nodes } = p.list(0, []);
  return { nodes, defines: p.defines };
}

// ---------------------------------------------------------------------------------------------
// Output with a line map

/** What the renderer knows of each line it wrote. */
export interface RenderedLine {
  /** The template line (0-based) its first non-blank character came from; for text written by an action, the action's line. */
  origin: number;
  when?: string[];
  from?: ValueOrigin[];
}

interface LineInfo {
  origin?: number;
  first?: number;
  when?: string[];
  from?: ValueOrigin[];
}

const addAll = <T>(into: T[] | undefined, more: readonly T[] | undefined, same: (a: T, b: T) => boolean): T[] | undefined => {
  if (!more?.length) return into;
  const out = into ?? [];
  for (const m of more) if (!out.some((x) => same(x, m))) out.push(m);
  return out;
};
const sameOrigin = (a: ValueOrigin, b: ValueOrigin) => a.file === b.file && a.line === b.line;
const sameStr = (a: string, b: string) => a === b;

class Out {
  private parts: string[] = [];
  private size = 0;
  readonly lines: LineInfo[] = [{}];
  constructor(private readonly max: number) {}

  /**
   * Writes `text`. `origin`: the template line of its first character, `advance` when later lines
   * of the text are later template lines (literal text), else every line is the action's.
   * `mark` applies to each line the text puts a non-blank character on; `force` also to the
   * current line when the text is empty (an undecided value written as nothing).
   */
  write(text: string, origin: number, advance: boolean, mark: LineMark | undefined, rich?: readonly (LineMark | undefined)[], force = false): void {
    this.size += text.length;
    if (this.size > this.max) throw new BoundsError(`output over ${this.max} characters`);
    this.parts.push(text);
    let seg = 0;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      const piece = nl < 0 ? text.slice(from) : text.slice(from, nl);
      const info = this.lines[this.lines.length - 1];
      const o = origin + (advance ? seg : 0);
      if (piece.length && info.first === undefined) info.first = o;
      const solid = /\S/.test(piece);
      if (solid && info.origin === undefined) info.origin = o;
      if (solid || (force && seg === 0)) {
        const m = rich?.[seg];
        info.when = addAll(addAll(info.when, mark?.when, sameStr), m?.when, sameStr);
        info.from = addAll(addAll(info.from, mark?.from, sameOrigin), m?.from, sameOrigin);
      }
      if (nl < 0) break;
      if (info.first === undefined) info.first = o;
      this.lines.push({});
      seg++;
      from = nl + 1;
    }
  }

  text(): string {
    return this.parts.join('');
  }

  rich(): RichStr {
    return new RichStr(
      this.text(),
      this.lines.map((l) => (l.when || l.from ? { ...(l.when ? { when: l.when } : {}), ...(l.from ? { from: l.from } : {}) } : undefined)),
    );
  }

  map(): RenderedLine[] {
    let last = 0;
    return this.lines.map((l) => {
      const origin = l.origin ?? l.first ?? last;
      last = origin;
      return { origin, ...(l.when ? { when: l.when } : {}), ...(l.from ? { from: l.from } : {}) };
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Bounds of one chart's rendering (all its files share the step budget). */
export interface Bounds {
  /** Evaluation steps (nodes, commands, range iterations) left for the whole chart. */
  steps: number;
  /** Evaluation steps one template file may take. */
  fileSteps: number;
  /** Nesting of include / template / tpl. */
  maxDepth: number;
  /** Characters one file may render. */
  maxOutput: number;
}

export const DEFAULT_BOUNDS: Readonly<Bounds> = { steps: 4_000_000, fileSteps: 1_000_000, maxDepth: 64, maxOutput: 4 << 20 };

/** The named templates a chart's files define, and the issues met while rendering. */
export interface RenderEnv {
  defines: Map<string, TNode[]>;
  bounds: Bounds;
  /** Issues of the current file (unknown functions, missing templates), each said once. */
  issues: string[];
}

interface Var {
  v: unknown;
  from?: ValueOrigin[];
  /** How many undecided conditions were open where it was declared. */
  level?: number;
}

class Control {
  constructor(readonly kind: 'break' | 'continue') {}
}

const lineStarts = (text: string): number[] => {
  const s = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) s.push(i + 1);
  return s;
};

const lineAt = lineAtOffset;

const assigned = new WeakMap<readonly TNode[], string[]>();

/** The variables a block sets with `=` (not those it declares), at any depth. */
function assignedVars(nodes: readonly TNode[]): string[] {
  let names = assigned.get(nodes);
  if (names) return names;
  const out = new Set<string>();
  const pipe = (p: Pipe | undefined) => {
    if (p?.assign) for (const d of p.decls) out.add(d);
  };
  const walk = (list: readonly TNode[], depth: number) => {
    if (depth > MAX_NESTING) return;
    for (const n of list) {
      if (n.t === 'action') pipe(n.pipe);
      else if (n.t === 'if')
        for (const br of n.branches) {
          pipe(br.cond);
          walk(br.body, depth + 1);
        }
      else if (n.t === 'with' || n.t === 'range') {
        pipe(n.pipe);
        walk(n.body, depth + 1);
      }
      if ((n.t === 'if' || n.t === 'with' || n.t === 'range') && n.otherwise) walk(n.otherwise, depth + 1);
    }
  };
  walk(nodes, 0);
  assigned.set(nodes, (names = [...out]));
  return names;
}

const b = (v: unknown): string => (v instanceof Undecided ? v.why : 'a value set in a branch no file decides');

const tplCache = new Map<string, ParsedTemplate | TemplateSyntaxError>();

class Renderer implements FuncContext {
  private scopes: Map<string, Var>[] = [];
  private whenStack: string[] = [];
  /** Values-file lines read by the action being evaluated. */
  private touched: ValueOrigin[] | undefined;
  private depth = 0;
  private out: Out;
  private starts: readonly number[];
  private topLevel = true;
  /** The template line of the outermost action when inside include / template / tpl. */
  private callLine = 0;

  constructor(
    private readonly env: RenderEnv,
    text: string,
  ) {
    this.out = new Out(env.bounds.maxOutput);
    this.starts = lineStarts(text);
    this.fileSteps = env.bounds.fileSteps;
  }

  private fileSteps: number;

  step(n = 1): void {
    this.env.bounds.steps -= n;
    this.fileSteps -= n;
    if (this.fileSteps < 0 || this.env.bounds.steps < 0) throw new BoundsError('evaluation steps exhausted');
  }

  issue(message: string): void {
    if (!this.env.issues.includes(message) && this.env.issues.length < 20) this.env.issues.push(message);
  }

  /** Conditions open in the callers of the template being rendered (include inside an undecided branch). */
  private outerWhen = 0;

  get undecidedContext(): boolean {
    return this.whenStack.length + this.outerWhen > 0;
  }

  renderTop(nodes: TNode[], dot: unknown): { text: string; lines: RenderedLine[] } {
    this.scopes = [new Map([['$', { v: dot }]])];
    this.exec(nodes, dot, undefined);
    return { text: this.out.text(), lines: this.out.map() };
  }

  private lineOf(offset: number): number {
    return this.topLevel ? lineAt(this.starts, offset) : this.callLine;
  }

  private lookupVar(name: string): Var | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v) return v;
    }
    return undefined;
  }

  private markNow(extraWhen?: string): LineMark | undefined {
    const when = extraWhen ? [...this.whenStack, extraWhen] : this.whenStack.length ? [...this.whenStack] : undefined;
    const from = this.touched?.length ? this.touched : undefined;
    return when || from ? { ...(when ? { when } : {}), ...(from ? { from } : {}) } : undefined;
  }

  private exec(nodes: readonly TNode[], dot: unknown, dotFrom: ValueOrigin[] | undefined): void {
    for (const n of nodes) {
      this.step();
      // What an include or template writes lands on the line of the top-level action that called it.
      if (this.topLevel) this.callLine = lineAt(this.starts, n.offset);
      switch (n.t) {
        case 'text':
          if (n.text) this.out.write(n.text, this.lineOf(n.offset), this.topLevel, this.markNow());
          break;
        case 'action': {
          this.touched = [];
          const v = this.pipe(n.pipe, dot, dotFrom);
          if (!n.pipe.decls.length) this.emit(v, n.offset);
          this.touched = undefined;
          break;
        }
        case 'if':
          this.execIf(n, dot, dotFrom);
          break;
        case 'with':
          this.execIf({ t: 'if', branches: [{ cond: n.pipe, body: n.body, with: true }], otherwise: n.otherwise, offset: n.offset }, dot, dotFrom);
          break;
        case 'range':
          this.execRange(n, dot, dotFrom);
          break;
        case 'template': {
          this.touched = [];
          const arg = n.pipe ? this.pipe(n.pipe, dot, dotFrom) : null;
          this.touched = undefined;
          this.emit(this.include(n.name, arg), n.offset);
          break;
        }
        case 'break':
        case 'continue':
          throw new Control(n.t);
      }
    }
  }

  /** Writes an action's value at the action's line. */
  private emit(v: unknown, offset: number): void {
    const line = this.lineOf(offset);
    if (v instanceof Undecided) {
      this.out.write('', line, false, this.markNow(v.why), undefined, true);
      return;
    }
    if (v instanceof RichStr) {
      this.out.write(v.text, line, false, this.markNow(), v.marks);
      return;
    }
    this.out.write(printValue(v), line, false, this.markNow());
  }

  private withScope<T>(f: () => T): T {
    this.scopes.push(new Map());
    try {
      return f();
    } finally {
      this.scopes.pop();
    }
  }

  private execIf(n: Extract<TNode, { t: 'if' }>, dot: unknown, dotFrom: ValueOrigin[] | undefined): void {
    this.withScope(() => {
      for (const b of n.branches) {
        this.touched = [];
        const c = this.pipe(b.cond, dot, dotFrom);
        const condFrom = this.touched;
        this.touched = undefined;
        if (c instanceof Undecided) {
          // No file decides it: the first such branch is rendered, each line marked with the condition,
          // and a variable that any branch from here on sets holds an undecided value after the block.
          this.whenStack.push(b.cond.src);
          try {
            this.withScope(() => this.exec(b.body, b.with ? c : dot, b.with ? condFrom : dotFrom));
          } finally {
            this.whenStack.pop();
          }
          const rest = n.branches.slice(n.branches.indexOf(b)).map((x) => x.body);
          if (n.otherwise) rest.push(n.otherwise);
          for (const body of rest)
            for (const name of assignedVars(body)) {
              const v = this.lookupVar(name);
              if (v) v.v = new Undecided(b.cond.src);
            }
          return;
        }
        if (truthy(c)) {
          this.withScope(() => this.exec(b.body, b.with ? c : dot, b.with ? (selfOrigin(c) ? [selfOrigin(c)!] : condFrom) : dotFrom));
          return;
        }
      }
      if (n.otherwise) this.withScope(() => this.exec(n.otherwise!, dot, dotFrom));
    });
  }

  private execRange(n: Extract<TNode, { t: 'range' }>, dot: unknown, dotFrom: ValueOrigin[] | undefined): void {
    this.withScope(() => {
      this.touched = [];
      const over = this.pipe({ ...n.pipe, decls: [] }, dot, dotFrom);
      this.touched = undefined;
      let entries: [unknown, unknown, ValueOrigin | undefined][] = [];
      if (Array.isArray(over)) entries = over.map((v, i) => [i, v, entryOrigin(over, i)]);
      else if (isMapV(over)) entries = [...over.keys()].sort().map((k) => [k, over.get(k), entryOrigin(over, k)]);
      else if (typeof over === 'number' && Number.isInteger(over) && over > 0) {
        if (over > 1_000_000) throw new BoundsError(`range over ${over}`);
        entries = Array.from({ length: over }, (_, i) => [i, i, undefined]);
      } else if (over instanceof Undecided) {
        // No file decides what it ranges over: the body is rendered once, marked, over an undecided value.
        const u = new Undecided(n.pipe.src);
        this.whenStack.push(n.pipe.src);
        try {
          const scope = new Map<string, Var>();
          for (const d of n.pipe.decls) scope.set(d, { v: u, level: this.whenStack.length + this.outerWhen });
          this.scopes.push(scope);
          this.exec(n.body, u, undefined);
        } catch (e) {
          if (!(e instanceof Control)) throw e;
        } finally {
          this.scopes.pop();
          this.whenStack.pop();
        }
        return;
      }
      if (!entries.length) {
        if (n.otherwise) this.withScope(() => this.exec(n.otherwise!, dot, dotFrom));
        return;
      }
      for (const [k, v, at] of entries) {
        this.step();
        const scope = new Map<string, Var>();
        const from = at ? [at] : undefined;
        if (n.pipe.decls.length === 1) scope.set(n.pipe.decls[0], { v, from });
        else if (n.pipe.decls.length === 2) {
          scope.set(n.pipe.decls[0], { v: k });
          scope.set(n.pipe.decls[1], { v, from });
        }
        this.scopes.push(scope);
        try {
          this.exec(n.body, v, from);
        } catch (e) {
          if (e instanceof Control) {
            if (e.kind === 'break') break;
            continue;
          }
          throw e;
        } finally {
          this.scopes.pop();
        }
      }
    });
  }

  private pipe(p: Pipe, dot: unknown, dotFrom: ValueOrigin[] | undefined): unknown {
    let v: unknown = undefined;
    let has = false;
    for (const c of p.cmds) {
      v = this.cmd(c, dot, dotFrom, has ? [v] : []);
      has = true;
    }
    if (p.decls.length) {
      const from = this.touched?.length ? [...this.touched] : undefined;
      const name = p.decls[p.decls.length - 1];
      if (p.assign) {
        const target = this.lookupVar(name);
        if (target) {
          // Set inside a branch no file decides, a variable from outside it holds an undecided value after it.
          const level = this.whenStack.length + this.outerWhen;
          target.v = level > (target.level ?? 0) ? new Undecided(this.whenStack[this.whenStack.length - 1] ?? b(v)) : v;
          target.from = from;
        } else this.issue(`undefined variable ${name}`);
      } else this.scopes[this.scopes.length - 1].set(name, { v, from, level: this.whenStack.length + this.outerWhen });
    }
    return v;
  }

  private cmd(c: Cmd, dot: unknown, dotFrom: ValueOrigin[] | undefined, piped: unknown[]): unknown {
    this.step();
    const head = c.args[0];
    if (head.t === 'ident') {
      const name = head.name;
      if (name === 'and' || name === 'or') return this.andOr(name, c, dot, dotFrom, piped);
      const args = c.args.slice(1).map((a) => this.operand(a, dot, dotFrom, c.src));
      args.push(...piped);
      return this.call(name, args, c.src);
    }
    const first = this.operand(head, dot, dotFrom, c.src, c.args.length > 1 || piped.length > 0);
    if (first instanceof GoMethod) {
      const args = c.args.slice(1).map((a) => this.operand(a, dot, dotFrom, c.src));
      args.push(...piped);
      return first.call(args);
    }
    if (first instanceof Undecided && (c.args.length > 1 || piped.length)) return new Undecided(c.src);
    if (c.args.length > 1) {
      this.issue(`can't give arguments to a non-function (${c.src})`);
      return new Undecided(c.src);
    }
    return first;
  }

  private andOr(name: 'and' | 'or', c: Cmd, dot: unknown, dotFrom: ValueOrigin[] | undefined, piped: unknown[]): unknown {
    const ops = c.args.slice(1);
    const n = ops.length + piped.length;
    if (n === 0) return new Undecided(c.src);
    let undecided: Undecided | undefined;
    let last: unknown;
    for (let i = 0; i < n; i++) {
      const v = i < ops.length ? this.operand(ops[i], dot, dotFrom, c.src) : piped[i - ops.length];
      if (v instanceof Undecided) {
        undecided ??= v;
        continue;
      }
      last = v;
      // `and` stops at the first false, `or` at the first true: then the rest cannot change it.
      if (name === 'and' ? !truthy(v) : truthy(v)) return v;
    }
    if (undecided) return new Undecided(c.src.includes(undecided.why) ? undecided.why : c.src);
    return last;
  }

  private operand(o: Operand, dot: unknown, dotFrom: ValueOrigin[] | undefined, src: string, asHead = false): unknown {
    switch (o.t) {
      case 'lit':
        return o.value;
      case 'ident': {
        if (o.name === 'and' || o.name === 'or' || o.name === 'not') return new Undecided(src);
        return this.call(o.name, [], o.name);
      }
      case 'dot':
        if (!o.fields.length && dotFrom) this.touch(dotFrom);
        return this.fields(dot, o.fields, '.' + o.fields.join('.'), asHead);
      case 'field':
        return this.fields(dot, o.fields, '.' + o.fields.join('.'), asHead);
      case 'var': {
        const v = this.lookupVar(o.name);
        if (!v) {
          this.issue(`undefined variable ${o.name}`);
          return new Undecided(o.name);
        }
        if (!o.fields.length && v.from) this.touch(v.from);
        return this.fields(v.v, o.fields, o.name + o.fields.map((f) => '.' + f).join(''), asHead);
      }
      case 'paren': {
        const v = this.pipe(o.pipe, dot, dotFrom);
        return this.fields(v, o.fields, `(${o.pipe.src})` + o.fields.map((f) => '.' + f).join(''), asHead);
      }
    }
  }

  private touch(from: readonly ValueOrigin[]): void {
    if (this.touched) this.touched.push(...from.filter((f) => !this.touched!.some((t) => sameOrigin(t, f))));
  }

  /** `.a.b.c` from `v`; a missing key is nil, as Helm leaves it; a method without arguments is called. */
  private fields(v: unknown, names: readonly string[], src: string, asHead: boolean): unknown {
    let cur = v;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (cur instanceof Undecided) return new Undecided(src);
      if (isMapV(cur)) {
        const at = entryOrigin(cur, name);
        cur = cur.has(name) ? cur.get(name) : null;
        if (at && i === names.length - 1) this.touch([at]);
        else if (i === names.length - 1 && selfOrigin(cur)) this.touch([selfOrigin(cur)!]);
      } else {
        cur = null;
      }
      if (cur instanceof GoMethod && !(asHead && i === names.length - 1)) cur = cur.call([]);
    }
    return cur;
  }

  private call(name: string, args: unknown[], src: string): unknown {
    switch (name) {
      case 'include': {
        if (args[0] instanceof Undecided) return args[0];
        return this.include(str(args[0] ?? '') ?? '', args[1] ?? null);
      }
      case 'tpl': {
        if (args[0] instanceof Undecided) return args[0];
        return this.tpl(printValue(args[0]), args[1] ?? null);
      }
    }
    const r = callFunction(this, name, args, src);
    if (typeof r === 'string' && r.length > MAX_STRING) throw new BoundsError(`${name} made a string over ${MAX_STRING} characters`);
    return r;
  }

  /** Renders a named template into a string that keeps its lines' marks. */
  include(name: string, arg: unknown): unknown {
    const body = this.env.defines.get(name);
    if (!body) {
      this.issue(`no template named "${name}"`);
      return new Undecided(`include "${name}"`);
    }
    return this.sub(body, arg);
  }

  tpl(text: string, arg: unknown): unknown {
    let parsed = tplCache.get(text);
    if (!parsed) {
      try {
        parsed = parseTemplate(text);
      } catch (e) {
        parsed = e instanceof TemplateSyntaxError ? e : new TemplateSyntaxError(String(e), 0);
      }
      if (tplCache.size > 2000) tplCache.clear();
      tplCache.set(text, parsed);
    }
    if (parsed instanceof TemplateSyntaxError) {
      this.issue(`tpl: ${parsed.message}`);
      return new Undecided('tpl');
    }
    for (const [k, v] of parsed.defines) if (!this.env.defines.has(k)) this.env.defines.set(k, v);
    return this.sub(parsed.nodes, arg);
  }

  private sub(nodes: readonly TNode[], arg: unknown): RichStr {
    if (this.depth >= this.env.bounds.maxDepth) throw new BoundsError(`templates nested deeper than ${this.env.bounds.maxDepth} (a template that includes itself?)`);
    const saved = { out: this.out, scopes: this.scopes, touched: this.touched, topLevel: this.topLevel, callLine: this.callLine, when: this.whenStack, outer: this.outerWhen };
    this.outerWhen += this.whenStack.length;
    const line = this.callLine;
    this.depth++;
    this.out = new Out(this.env.bounds.maxOutput);
    this.scopes = [new Map([['$', { v: arg }]])];
    this.touched = undefined;
    this.topLevel = false;
    this.callLine = line;
    this.whenStack = [];
    try {
      this.exec(nodes, arg, undefined);
      return this.out.rich();
    } catch (e) {
      if (e instanceof Control) return this.out.rich();
      throw e;
    } finally {
      this.depth--;
      this.out = saved.out;
      this.scopes = saved.scopes;
      this.touched = saved.touched;
      this.topLevel = saved.topLevel;
      this.callLine = saved.callLine;
      this.whenStack = saved.when;
      this.outerWhen = saved.outer;
    }
  }

  fail(message: string): unknown {
    if (this.undecidedContext) return new Undecided(`fail ${JSON.stringify(message)}`);
    throw new FailError(message);
  }
}

/**
 * Renders one template file: its text, and for each rendered line where it came from in the file
 * and what could not be decided. Throws BoundsError, FailError or TemplateSyntaxError.
 */
export function renderTemplate(text: string, parsed: ParsedTemplate, env: RenderEnv, dot: unknown): { text: string; lines: RenderedLine[] } {
  return new Renderer(env, text).renderTop(parsed.nodes, dot);
}
