// The values a Helm template works with, as plain data: maps are `Map`s (no prototype keys), lists
// are arrays, scalars are strings, numbers, booleans and null (Go's nil). Three kinds of our own:
// `Undecided` (what no file decides: lookup, .Capabilities, a missing required value), `RichStr`
// (rendered text that keeps, per line, the conditions and the values.yaml lines it came from) and
// `GoMethod` (`.Files.Get`). Also here: where each value of a values file is written, YAML and JSON
// as Helm prints them, and the deep merge Helm applies to values.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';

/** A value no file decides. `why` is the expression as written, e.g. `.Capabilities.APIVersions.Has "x"`. */
export class Undecided {
  constructor(readonly why: string) {}
}

/** Where a value is set: a values file (as shown to the user) and its 0-based line. */
export interface ValueOrigin {
  file: string;
  line: number;
}

/** What a rendered line carries besides its text. */
export interface LineMark {
  /** Conditions that could not be decided, outermost first. */
  when?: string[];
  /** The values-file lines whose values were written into the line. */
  from?: ValueOrigin[];
}

/** Rendered text (an include, a tpl) with a mark per line (index = line of `text`). */
export class RichStr {
  constructor(
    readonly text: string,
    readonly marks: readonly (LineMark | undefined)[],
  ) {}
  toString(): string {
    return this.text;
  }
}

/** A method of a built-in object (`.Files.Get`, `.Files.Glob`); called with the command's arguments. */
export class GoMethod {
  constructor(readonly call: (args: unknown[]) => unknown) {}
}

/** Raised when a chart goes past the bounds that keep a hostile chart from hanging the scan. */
export class BoundsError extends Error {}

/** Raised by `fail` in a branch that is certainly taken. */
export class FailError extends Error {}

export const MAX_STRING = 1 << 20;
export const MAX_LIST = 100_000;

export type GoMap = Map<string, unknown>;

export const isMapV = (v: unknown): v is GoMap => v instanceof Map;
export const isStr = (v: unknown): v is string | RichStr => typeof v === 'string' || v instanceof RichStr;
export const str = (v: unknown): string => (v instanceof RichStr ? v.text : (v as string));

/** Go template truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0) return false;
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof RichStr) return v.text.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true;
}

/** The first Undecided among `vs`, if any. */
export function firstUndecided(vs: readonly unknown[]): Undecided | undefined {
  for (const v of vs) if (v instanceof Undecided) return v;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Where values are written

/** For each map or list read from a values file: where it is written and where each entry is. */
const origins = new WeakMap<object, { self?: ValueOrigin; entries: Map<string | number, ValueOrigin> }>();

function originsOf(o: object) {
  let rec = origins.get(o);
  if (!rec) origins.set(o, (rec = { entries: new Map() }));
  return rec;
}

/** Where `container[key]` is written, when it came from a values file. */
export function entryOrigin(container: unknown, key: string | number): ValueOrigin | undefined {
  return container && typeof container === 'object' ? origins.get(container)?.entries.get(key) : undefined;
}

/** Where a map or list itself is written (its key's line). */
export function selfOrigin(v: unknown): ValueOrigin | undefined {
  return v && typeof v === 'object' ? origins.get(v)?.self : undefined;
}

function setEntryOrigin(container: object, key: string | number, o: ValueOrigin | undefined): void {
  if (o) originsOf(container).entries.set(key, o);
}

/** Nodes built from one values file: a bound against alias bombs. */
const MAX_VALUE_NODES = 500_000;

/**
 * A values file as data, each map and list remembering where its entries are written. `file` is the
 * name shown in messages (`values.yaml`, `charts/redis/values.yaml`). A file that is not YAML, or
 * whose top is not a map, reads as an empty map; `error` says why.
 */
export function readValues(text: string, file: string): { values: GoMap; error?: string } {
  const lc = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    return { values: new Map(), error: String(e) };
  }
  const lineOf = (offset: number) => lc.linePos(offset).line - 1;
  let budget = MAX_VALUE_NODES;
  const build = (node: unknown, depth: number, self?: ValueOrigin): unknown => {
    if (--budget < 0 || depth > 200) throw new BoundsError('values file too large or too deep');
    if (isAlias(node)) return build(node.resolve(doc), depth + 1, self);
    if (isMap(node)) {
      const m: GoMap = new Map();
      if (self) originsOf(m).self = self;
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const keyNode = item.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String((keyNode as { toJSON?: () => unknown }).toJSON?.()) : '';
        if (key === '<<' && item.value) {
          // A merge key: the entries of the aliased map(s), unless set here.
          const merged = build(item.value, depth + 1);
          const srcs = Array.isArray(merged) ? merged : [merged];
          for (const src of srcs) if (isMapV(src)) for (const [k, v] of src) if (!m.has(k)) m.set(k, v);
          continue;
        }
        const at = keyNode?.range ? { file, line: lineOf(keyNode.range[0]) } : undefined;
        m.set(key, build(item.value, depth + 1, at));
        setEntryOrigin(m, key, at);
      }
      return m;
    }
    if (isSeq(node)) {
      const a: unknown[] = [];
      if (self) originsOf(a).self = self;
      node.items.forEach((item, i) => {
        const n = item as YamlNode | null;
        a.push(build(n, depth + 1, n?.range ? { file, line: lineOf(n.range[0]) } : undefined));
        if (n?.range) setEntryOrigin(a, i, { file, line: lineOf(n.range[0]) });
      });
      return a;
    }
    if (isScalar(node)) return scalarValue(node.value);
    return null;
  };
  try {
    const top = build(doc.contents, 0);
    const error = doc.errors.length ? doc.errors[0].message.split('\n')[0] : undefined;
    if (isMapV(top)) return { values: top, ...(error ? { error } : {}) };
    return { values: new Map(), ...(error ? { error } : top === null ? {} : { error: 'the top of the file is not a map' }) };
  } catch (e) {
    return { values: new Map(), error: e instanceof Error ? e.message : String(e) };
  }
}

function scalarValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return '';
  return v as string | number | boolean | null;
}

/** YAML text as data without origins (`fromYaml`, Chart.yaml); null when it is not YAML. */
export function parseYamlValue(text: string): unknown {
  try {
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length) return undefined;
    return toGo(doc.toJS({ maxAliasCount: 1000 }), 0);
  } catch {
    return undefined;
  }
}

/** Plain JS data (JSON.parse, yaml's toJS) as Go data. */
export function toGo(v: unknown, depth: number): unknown {
  if (depth > 200) throw new BoundsError('value nested too deep');
  if (Array.isArray(v)) return v.map((x) => toGo(x, depth + 1));
  if (v instanceof Map) {
    const m: GoMap = new Map();
    for (const [k, x] of v) m.set(String(k), toGo(x, depth + 1));
    return m;
  }
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const m: GoMap = new Map();
    for (const k of Object.keys(v)) m.set(k, toGo((v as Record<string, unknown>)[k], depth + 1));
    return m;
  }
  return scalarValue(v);
}

// ---------------------------------------------------------------------------------------------
// Copying and merging

/** A deep copy that keeps where each entry is written. */
export function deepCopy(v: unknown, depth = 0): unknown {
  if (depth > 200) throw new BoundsError('value nested too deep');
  if (v instanceof Map) {
    const m: GoMap = new Map();
    for (const [k, x] of v) {
      m.set(k, deepCopy(x, depth + 1));
      setEntryOrigin(m, k, entryOrigin(v, k));
    }
    const self = selfOrigin(v);
    if (self) originsOf(m).self = self;
    return m;
  }
  if (Array.isArray(v)) {
    const a = v.map((x) => deepCopy(x, depth + 1));
    v.forEach((_, i) => setEntryOrigin(a, i, entryOrigin(v, i)));
    const self = selfOrigin(v);
    if (self) originsOf(a).self = self;
    return a;
  }
  return v;
}

/**
 * Helm's coalescing of values: `over` wins, maps merge key by key, a null in `over` removes the
 * key. Returns a new map; neither input changes.
 */
export function coalesceValues(base: GoMap, over: GoMap, depth = 0): GoMap {
  if (depth > 200) throw new BoundsError('values nested too deep');
  const out = deepCopy(base) as GoMap;
  for (const [k, v] of over) {
    const had = out.get(k);
    if (v === null) {
      out.delete(k);
      continue;
    }
    if (isMapV(v) && isMapV(had)) out.set(k, coalesceValues(had, v, depth + 1));
    else out.set(k, deepCopy(v));
    setEntryOrigin(out, k, entryOrigin(over, k) ?? entryOrigin(base, k));
  }
  return out;
}

/** sprig's merge (dst wins; `overwrite`: src wins), changing `dst` in place as sprig does. */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean, depth = 0): GoMap {
  if (depth > 200) throw new BoundsError('values nested too deep');
  for (const [k, v] of src) {
    const had = dst.get(k);
    if (isMapV(had) && isMapV(v)) {
      mergeInto(had, v, overwrite, depth + 1);
      continue;
    }
    // mergo's rules: without overwrite an entry is set where dst has none or an empty one; with
    // overwrite, src's entry wins unless it is empty.
    if (!dst.has(k) || (overwrite ? truthy(v) : !truthy(had))) {
      dst.set(k, v);
      setEntryOrigin(dst, k, entryOrigin(src, k));
    }
  }
  return dst;
}

// ---------------------------------------------------------------------------------------------
// Printing

/** A number as Go's %v prints it (integers without a fraction). */
export function numText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : n.toExponential().replace(/e\+?(-?)(\d)$/, 'e+$1' + '0$2');
  return String(n);
}

/** A value as Go's %v / print writes it (nil as empty, as Helm leaves a missing value). */
export function printValue(v: unknown, depth = 0, nil = ''): string {
  if (depth > 50) throw new BoundsError('value nested too deep to print');
  if (v === null || v === undefined) return nil;
  if (typeof v === 'string') return v;
  if (v instanceof RichStr) return v.text;
  if (typeof v === 'number') return numText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Undecided) return '';
  if (Array.isArray(v)) return `[${v.map((x) => printValue(x, depth + 1, '<nil>')).join(' ')}]`;
  if (v instanceof Map) {
    const keys = [...v.keys()].sort();
    return `map[${keys.map((k) => `${k}:${printValue(v.get(k), depth + 1, '<nil>')}`).join(' ')}]`;
  }
  if (v instanceof GoMethod) return '';
  return String(v);
}

const PLAIN_SAFE = /^[A-Za-z0-9_/.][A-Za-z0-9_ ./()@+-]*$/;
const LOOKS_TYPED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o?[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[0-9]{4}-[0-9]{2}-[0-9]{2}.*)$/;

function yamlScalar(s: string): string {
  if (s === '') return '""';
  if (PLAIN_SAFE.test(s) && !LOOKS_TYPED.test(s) && !s.endsWith(' ')) return s;
  return JSON.stringify(s);
}

/** Data as YAML the way Helm's toYaml writes it: keys sorted, lists under a key not indented, no final newline. */
export function toYaml(v: unknown): string {
  const out: string[] = [];
  let size = 0;
  const push = (line: string) => {
    size += line.length + 1;
    if (size > MAX_STRING) throw new BoundsError('toYaml output too large');
    out.push(line);
  };
  const scalar = (x: unknown): string | undefined => {
    if (x === null || x === undefined || x instanceof Undecided || x instanceof GoMethod) return 'null';
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'number') return Number.isFinite(x) ? numText(x) : x > 0 ? '.inf' : x < 0 ? '-.inf' : '.nan';
    if (isStr(x)) {
      const t = str(x);
      if (!t.includes('\n')) return yamlScalar(t);
      // A block literal keeps a script readable line by line; text it could not hold exactly is quoted.
      return /^\s|[\r\u0000-\u0008\u000b-\u001f\u007f]|[ \t]\n/.test(t) ? JSON.stringify(t) : undefined;
    }
    if (x instanceof Map && x.size === 0) return '{}';
    if (Array.isArray(x) && x.length === 0) return '[]';
    return undefined;
  };
  const block = (s: string, indent: string): string[] => {
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const body = s.replace(/\n$/, '').split('\n');
    return [`|${chomp}`, ...body.map((l) => (l ? indent + l : ''))];
  };
  const emit = (x: unknown, indent: string, depth: number, lead: string): void => {
    if (depth > 100) throw new BoundsError('toYaml value nested too deep');
    const s = scalar(x);
    if (s !== undefined) return push(lead + s);
    if (isStr(x)) {
      const [head, ...rest] = block(str(x), indent + '  ');
      push(lead + head);
      for (const l of rest) push(l);
      return;
    }
    if (Array.isArray(x)) {
      let first = lead;
      for (const item of x) {
        const pre = first ? first : indent;
        first = '';
        emitItem(item, indent, depth, pre + '- ');
      }
      return;
    }
    if (x instanceof Map) {
      const keys = [...x.keys()].sort();
      let first = lead;
      for (const k of keys) {
        const pre = (first || indent) + yamlScalar(k) + ':';
        first = '';
        const val = x.get(k);
        const sv = scalar(val);
        if (sv !== undefined) push(`${pre} ${sv}`);
        else if (isStr(val)) {
          const [head, ...rest] = block(str(val), indent + '  ');
          push(`${pre} ${head}`);
          for (const l of rest) push(l);
        } else if (Array.isArray(val)) {
          push(pre);
          emit(val, indent, depth + 1, '');
        } else {
          push(pre);
          emit(val, indent + '  ', depth + 1, '');
        }
      }
      return;
    }
    push(lead + JSON.stringify(String(x)));
  };
  const emitItem = (item: unknown, indent: string, depth: number, lead: string) => {
    // The first entry of a map or list item sits on the dash's line; the rest align under it.
    emit(item, indent + '  ', depth + 1, lead);
  };
  emit(v, '', 0, '');
  return out.join('\n');
}

/** Data as JSON the way Go writes it: keys sorted, no spaces; `indent` for toPrettyJson. */
export function toJson(v: unknown, indent?: string): string {
  const conv = (x: unknown, depth: number): unknown => {
    if (depth > 100) throw new BoundsError('toJson value nested too deep');
    if (x instanceof Map) {
      const o: Record<string, unknown> = {};
      for (const k of [...x.keys()].sort()) o[k] = conv(x.get(k), depth + 1);
      return o;
    }
    if (Array.isArray(x)) return x.map((e) => conv(e, depth + 1));
    if (x instanceof RichStr) return x.text;
    if (x === undefined || x instanceof Undecided || x instanceof GoMethod) return null;
    return x;
  };
  const s = JSON.stringify(conv(v, 0), null, indent) ?? 'null';
  if (s.length > MAX_STRING) throw new BoundsError('toJson output too large');
  return s;
}
