// The functions Helm charts call: Go's built-ins, the sprig functions charts use, and Helm's own
// (toYaml, fromYaml, required, lookup…). Each takes evaluated arguments (a pipeline's value last).
// What cannot be decided from the chart's files (lookup, random or time values, certificates, an
// unknown function) gives `Undecided`, never a guess; an Undecided argument makes the result
// Undecided unless the function is one that passes values through (dict, list, default…).
import {
  BoundsError,
  deepCopy,
  firstUndecided,
  GoMethod,
  isMapV,
  isStr,
  MAX_LIST,
  MAX_STRING,
  mergeInto,
  numText,
  parseYamlValue,
  printValue,
  RichStr,
  str,
  toGo,
  toJson,
  toYaml,
  truthy,
  Undecided,
  type GoMap,
  type LineMark,
} from './values';

/** What a function may ask of the renderer. */
export interface FuncContext {
  /** Notes an issue of the file once (unknown function…). */
  issue(message: string): void;
  /** `fail`: stops rendering, or, inside a branch no file decides, is Undecided. */
  fail(message: string): unknown;
  /** Inside a branch no file decides. */
  readonly undecidedContext: boolean;
  /** Counts work against the chart's budget. */
  step(n?: number): void;
}

type Fn = (args: unknown[], ctx: FuncContext, src: string) => unknown;

const s = (v: unknown): string => (v === null || v === undefined ? '' : isStr(v) ? str(v) : printValue(v));

function toNum(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isStr(v)) {
    const n = Number(str(v).trim());
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

const toInt = (v: unknown): number => Math.trunc(toNum(v));

function checkStr(x: string): string {
  if (x.length > MAX_STRING) throw new BoundsError(`a string over ${MAX_STRING} characters`);
  return x;
}

function checkList(n: number): void {
  if (n > MAX_LIST) throw new BoundsError(`a list over ${MAX_LIST} items`);
}

/** Text that keeps its per-line marks through functions that add or drop whole lines. */
function rich(v: unknown): { text: string; marks: readonly (LineMark | undefined)[] | undefined } {
  return v instanceof RichStr ? { text: v.text, marks: v.marks } : { text: s(v), marks: undefined };
}

const mk = (text: string, marks: readonly (LineMark | undefined)[] | undefined): string | RichStr => (marks ? new RichStr(checkStr(text), marks) : checkStr(text));

function indentText(n: number, v: unknown, leadingNewline: boolean): string | RichStr {
  const pad = ' '.repeat(Math.max(0, Math.min(toInt(n), 10_000)));
  const { text, marks } = rich(v);
  const out = pad + text.replace(/\n/g, '\n' + pad);
  if (!leadingNewline) return mk(out, marks);
  return mk('\n' + out, marks ? [undefined, ...marks] : undefined);
}

/** Drops `lead` characters from the start and `trail` from the end, keeping the marks of the lines left. */
function cut(v: unknown, lead: number, trail: number): string | RichStr {
  const { text, marks } = rich(v);
  const out = text.slice(lead, text.length - trail);
  if (!marks) return out;
  const dropped = text.slice(0, lead).split('\n').length - 1;
  const keep = out.split('\n').length;
  return new RichStr(out, marks.slice(dropped, dropped + keep));
}

/** Go's fmt verbs, the common ones. */
function sprintf(format: string, args: readonly unknown[]): string {
  let i = 0;
  const out = format.replace(/%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d+))?([a-zA-Z%])/g, (_m, flags: string, w: string | undefined, p: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const width = w === '*' ? toInt(args[i++]) : w ? Number(w) : 0;
    const prec = p === '*' ? toInt(args[i++]) : p !== undefined ? Number(p) : undefined;
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const a = args[i++];
    let r: string;
    switch (verb) {
      case 'd':
        r = typeof a === 'number' ? numText(Math.trunc(a)) : `%!d(${typeName(a)}=${s(a)})`;
        break;
      case 's':
      case 'v':
        r = a === null || a === undefined ? (verb === 's' ? '%!s(<nil>)' : '<nil>') : s(a);
        if (prec !== undefined && verb === 's') r = r.slice(0, prec);
        break;
      case 'q':
        r = JSON.stringify(s(a));
        break;
      case 't':
        r = typeof a === 'boolean' ? String(a) : `%!t(${typeName(a)}=${s(a)})`;
        break;
      case 'f':
      case 'F':
        r = toNum(a).toFixed(prec ?? 6);
        break;
      case 'e':
        r = toNum(a).toExponential(prec ?? 6);
        break;
      case 'g':
        r = prec !== undefined ? String(Number(toNum(a).toPrecision(prec))) : numText(toNum(a));
        break;
      case 'x':
      case 'X': {
        const t = typeof a === 'number' ? Math.trunc(a).toString(16) : [...new TextEncoder().encode(s(a))].map((b) => b.toString(16).padStart(2, '0')).join('');
        r = verb === 'X' ? t.toUpperCase() : t;
        break;
      }
      case 'o':
        r = Math.trunc(toNum(a)).toString(8);
        break;
      case 'b':
        r = Math.trunc(toNum(a)).toString(2);
        break;
      case 'c':
        r = String.fromCodePoint(toInt(a));
        break;
      case 'T':
        r = typeName(a);
        break;
      default:
        r = `%!${verb}(${typeName(a)}=${s(a)})`;
    }
    if (flags.includes('+') && /[dfeg]/.test(verb) && toNum(a) >= 0) r = '+' + r;
    if (r.length < width) r = flags.includes('-') ? r.padEnd(width) : flags.includes('0') && /[dfegxXob]/.test(verb) ? r.padStart(width, '0') : r.padStart(width);
    return r;
  });
  const extra = args.slice(i);
  return extra.length ? `${out}%!(EXTRA ${extra.map((a) => `${typeName(a)}=${s(a)}`).join(', ')})` : out;
}

/** Go's type names as charts test them with typeOf / typeIs. */
function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (isStr(v)) return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Map) return 'map[string]interface {}';
  return 'interface {}';
}

function kindName(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  if (isStr(v)) return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  return 'ptr';
}

function equal(a: unknown, b: unknown): boolean {
  if (isStr(a) && isStr(b)) return str(a) === str(b);
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  return a === b;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (isStr(a) && isStr(b)) return str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0;
  return toNum(a) - toNum(b);
}

function len(v: unknown): number {
  if (isStr(v)) return str(v).length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map) return v.size;
  return 0;
}

function list(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) return [];
  return [v];
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function b64enc(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

function b64dec(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => B64.indexOf(clean[i + k] ?? 'A'));
    const v = (n[0] << 18) | (n[1] << 12) | (n[2] << 6) | n[3];
    bytes.push((v >> 16) & 255);
    if (i + 2 < clean.length) bytes.push((v >> 8) & 255);
    if (i + 3 < clean.length) bytes.push(v & 255);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** SHA-256, so checksum annotations are what Helm writes for the same text. */
function sha256(bytes: Uint8Array): string {
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  const H = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const total = Math.ceil((bytes.length + 9) / 64) * 64;
  const m = new Uint8Array(total);
  m.set(bytes);
  m[bytes.length] = 0x80;
  const view = new DataView(m.buffer);
  view.setUint32(total - 4, (bytes.length * 8) >>> 0);
  view.setUint32(total - 8, Math.floor((bytes.length * 8) / 2 ** 32));
  const w = new Uint32Array(64);
  const r = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < total; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(off + t * 4);
    for (let t = 16; t < 64; t++) {
      const s0 = r(w[t - 15], 7) ^ r(w[t - 15], 18) ^ (w[t - 15] >>> 3);
      const s1 = r(w[t - 2], 17) ^ r(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, h] = H;
    for (let t = 0; t < 64; t++) {
      const t1 = (h + (r(e, 6) ^ r(e, 11) ^ r(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) >>> 0;
      const t2 = ((r(a, 2) ^ r(a, 13) ^ r(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    H[0] += a;
    H[1] += b;
    H[2] += c;
    H[3] += d;
    H[4] += e;
    H[5] += f;
    H[6] += g;
    H[7] += h;
  }
  return [...H].map((x) => x.toString(16).padStart(8, '0')).join('');
}

// --- semver, for semverCompare -----------------------------------------------------------------

type Ver = { n: [number, number, number]; pre: string };

function parseVer(text: string): Ver | undefined {
  const m = /^\s*v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\s*$/.exec(text);
  if (!m) return undefined;
  const part = (x: string | undefined) => (x === undefined || /[xX*]/.test(x) ? 0 : Number(x));
  return { n: [Number(m[1]), part(m[2]), part(m[3])], pre: m[4] ?? '' };
}

function cmpVer(a: Ver, b: Ver): number {
  for (let i = 0; i < 3; i++) if (a.n[i] !== b.n[i]) return a.n[i] - b.n[i];
  if (a.pre === b.pre) return 0;
  if (!a.pre) return 1;
  if (!b.pre) return -1;
  return a.pre < b.pre ? -1 : 1;
}

/** Masterminds semver constraints: `>=1.19-0`, `^1.2`, `~1.2.3`, `1.x`, joined by `,`/space (and) and `||` (or). undefined when unreadable. */
function semverMatch(constraint: string, version: string): boolean | undefined {
  const v = parseVer(version);
  if (!v) return undefined;
  // A constraint without a pre-release part does not match pre-release versions (Masterminds' rule); `-0` lets them in.
  const orParts = constraint.split('||');
  let any = false;
  for (const part of orParts) {
    const terms = part.trim().replace(/([<>=!~^]+)\s+/g, '$1').split(/[\s,]+/).filter(Boolean);
    let all = true;
    for (const term of terms) {
      const m = /^(>=|<=|!=|=>|=<|==|>|<|=|~>|~|\^)?(.*)$/.exec(term)!;
      const op = m[1] ?? '=';
      const wanted = parseVer(m[2]);
      if (!wanted) return undefined;
      const wild = /(^|\.)[xX*](\.|$)/.test(m[2]) || m[2].split('.').length < 3;
      if (v.pre && !wanted.pre) {
        all = false;
        break;
      }
      const c = cmpVer({ n: v.n, pre: wanted.pre && v.pre ? v.pre : v.pre }, wanted);
      const parts = m[2].replace(/^v/, '').split('-')[0].split('.').filter((x) => !/[xX*]/.test(x)).length;
      let ok: boolean;
      switch (op) {
        case '>=':
        case '=>':
          ok = c >= 0;
          break;
        case '<=':
        case '=<':
          ok = wild ? v.n[0] < wanted.n[0] || (parts > 1 && v.n[0] === wanted.n[0] && v.n[1] <= wanted.n[1]) || (parts <= 1 && v.n[0] === wanted.n[0]) || c <= 0 : c <= 0;
          break;
        case '>':
          ok = wild && parts < 3 ? (parts <= 1 ? v.n[0] > wanted.n[0] : v.n[0] > wanted.n[0] || (v.n[0] === wanted.n[0] && v.n[1] > wanted.n[1])) : c > 0;
          break;
        case '<':
          ok = c < 0;
          break;
        case '!=':
          ok = c !== 0;
          break;
        case '~':
        case '~>':
          ok = c >= 0 && v.n[0] === wanted.n[0] && (parts <= 1 || v.n[1] === wanted.n[1]);
          break;
        case '^':
          ok = c >= 0 && (wanted.n[0] > 0 ? v.n[0] === wanted.n[0] : wanted.n[1] > 0 ? v.n[0] === 0 && v.n[1] === wanted.n[1] : v.n[0] === 0 && v.n[1] === 0 && (parts < 3 || v.n[2] === wanted.n[2]));
          break;
        default:
          ok = wild ? v.n[0] === wanted.n[0] && (parts <= 1 || v.n[1] === wanted.n[1]) && (parts <= 2 || v.n[2] === wanted.n[2]) : c === 0;
      }
      if (!ok) {
        all = false;
        break;
      }
    }
    if (all) any = true;
  }
  return any;
}

/** A regular expression Go's RE2 would take; undefined for one that could backtrack without end in JS. */
function regex(pattern: string, flags = ''): RegExp | undefined {
  if (pattern.length > 1000 || /\([^)]*[+*}][^)]*\)[+*{]/.test(pattern) || /\\[1-9]/.test(pattern)) return undefined;
  try {
    return new RegExp(pattern.replace(/\(\?P</g, '(?<').replace(/^\(\?i\)/, () => ((flags += 'i'), '')), flags);
  } catch {
    return undefined;
  }
}

function dictOf(args: readonly unknown[]): GoMap {
  const m: GoMap = new Map();
  for (let i = 0; i + 1 < args.length || i < args.length; i += 2) m.set(s(args[i]), i + 1 < args.length ? args[i + 1] : '');
  return m;
}

function dig(keys: readonly unknown[], dflt: unknown, m: unknown): unknown {
  let cur = m;
  for (const k of keys) {
    if (!isMapV(cur) || !cur.has(s(k))) return dflt;
    cur = cur.get(s(k));
  }
  return cur;
}

const undecided = (src: string) => (_: unknown[]): unknown => new Undecided(src);

/** Functions that take Undecided arguments themselves (as values they hold or pass on); every other function gives Undecided for one. */
const PASS_THROUGH = new Set(['default', 'coalesce', 'dict', 'list', 'tuple', 'set', 'append', 'mustAppend', 'push', 'prepend', 'mustPrepend', 'concat', 'ternary', 'required', 'fail']);

const URL_PARTS = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(.*)$/s;

/** Percent-decoding as Go's url.Parse does for a path; the text as it is when it is not valid. */
function unescapeUrl(t: string): string {
  try {
    return decodeURIComponent(t);
  } catch {
    return t;
  }
}

/** Sprig's urlParse: Go's url.Parse, as a dict of scheme, host, hostname, path, query, opaque, fragment and userinfo. */
function urlParse(text: string): GoMap | undefined {
  const m = URL_PARTS.exec(text);
  if (!m || /[\x00-\x1f\x7f]/.test(text)) return undefined;
  const scheme = m[1] ?? '';
  let rest = m[2];
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = unescapeUrl(rest.slice(hash + 1));
    rest = rest.slice(0, hash);
  }
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let opaque = '';
  let host = '';
  let userinfo = '';
  let path = '';
  if (scheme && !rest.startsWith('/')) opaque = rest;
  else if (rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    path = unescapeUrl(end < 0 ? '' : rest.slice(end));
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      userinfo = authority.slice(0, at);
      host = authority.slice(at + 1);
    } else host = authority;
  } else path = unescapeUrl(rest);
  const hostname = host.startsWith('[') ? host.slice(1, host.indexOf(']') < 0 ? host.length : host.indexOf(']')) : host.replace(/:\d*$/, '');
  return new Map<string, unknown>([
    ['scheme', scheme.toLowerCase()],
    ['host', host],
    ['hostname', hostname],
    ['path', path],
    ['query', query],
    ['opaque', opaque],
    ['fragment', fragment],
    ['userinfo', userinfo],
  ]);
}

/** Sprig's urlJoin: the URL a urlParse dict describes, as Go's url.URL.String writes it. */
function urlJoin(d: GoMap): string {
  const get = (k: string) => (d.has(k) ? s(d.get(k)) : '');
  const [scheme, host, path, query, opaque, fragment, userinfo] = ['scheme', 'host', 'path', 'query', 'opaque', 'fragment', 'userinfo'].map(get);
  let out = '';
  if (opaque) out = `${scheme ? `${scheme}:` : ''}${opaque}`;
  else {
    if (scheme) out += `${scheme}:`;
    if (scheme || host || userinfo) out += `//${userinfo ? `${userinfo}@` : ''}${host}`;
    const escaped = encodeURI(path).replace(/[?#]/g, (c) => encodeURIComponent(c));
    out += host && escaped && !escaped.startsWith('/') ? `/${escaped}` : escaped;
  }
  if (query) out += `?${query}`;
  if (fragment) out += `#${encodeURI(fragment)}`;
  return out;
}

const FUNCS: Record<string, Fn> = {
  // Go's built-ins
  eq: ([a, ...rest]) => rest.some((b) => equal(a, b)),
  ne: ([a, b]) => !equal(a, b),
  lt: ([a, b]) => compare(a, b) < 0,
  le: ([a, b]) => compare(a, b) <= 0,
  gt: ([a, b]) => compare(a, b) > 0,
  ge: ([a, b]) => compare(a, b) >= 0,
  not: ([a]) => !truthy(a),
  len: ([a]) => (a instanceof Undecided ? a : len(a)),
  index: ([m, ...keys]) => {
    let cur = m;
    for (const k of keys) {
      if (isMapV(cur)) cur = cur.has(s(k)) ? cur.get(s(k)) : null;
      else if (Array.isArray(cur) || isStr(cur)) cur = Array.isArray(cur) ? (cur[toInt(k)] ?? null) : (str(cur).charCodeAt(toInt(k)) ?? null);
      else return null;
    }
    return cur;
  },
  slice: ([v, ...idx]) => {
    const a = toInt(idx[0] ?? 0);
    if (isStr(v)) return str(v).slice(a, idx.length > 1 ? toInt(idx[1]) : undefined);
    return list(v).slice(a, idx.length > 1 ? toInt(idx[1]) : undefined);
  },
  print: (args) => checkStr(args.map((a, i) => (i > 0 && !isStr(a) && !isStr(args[i - 1]) ? ' ' : '') + printValue(a, 0, '<nil>')).join('')),
  println: (args) => checkStr(args.map((a) => printValue(a, 0, '<nil>')).join(' ') + '\n'),
  printf: ([f, ...args]) => checkStr(sprintf(s(f), args)),
  html: ([a]) => s(a).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  js: ([a]) => JSON.stringify(s(a)).slice(1, -1),
  urlquery: ([a]) => encodeURIComponent(s(a)),

  // defaults and flow
  default: ([d, v]) => (v instanceof Undecided ? v : truthy(v) ? v : d),
  empty: ([v]) => (v instanceof Undecided ? v : !truthy(v)),
  coalesce: (args) => {
    for (const a of args) {
      if (a instanceof Undecided) return a;
      if (truthy(a)) return a;
    }
    return null;
  },
  ternary: ([a, b, c]) => (c instanceof Undecided ? c : truthy(c) ? a : b),
  required: ([, v], _ctx, src) => (v instanceof Undecided ? v : v === null || v === undefined || (isStr(v) && !str(v)) ? new Undecided(src) : v),
  fail: ([msg], ctx) => ctx.fail(s(msg)),

  // strings
  quote: (args) => args.map((a) => JSON.stringify(a === null || a === undefined ? '' : s(a))).join(' '),
  squote: (args) => args.map((a) => `'${a === null || a === undefined ? '' : s(a)}'`).join(' '),
  upper: ([a]) => s(a).toUpperCase(),
  lower: ([a]) => s(a).toLowerCase(),
  title: ([a]) => s(a).replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase()),
  untitle: ([a]) => s(a).replace(/(^|\s)(\S)/g, (_, p: string, c: string) => p + c.toLowerCase()),
  trim: ([a]) => {
    const t = s(a);
    const lead = /^\s*/.exec(t)![0].length;
    return lead === t.length ? '' : cut(a, lead, /\s*$/.exec(t)![0].length);
  },
  trimAll: ([chars, a]) => {
    const set = new Set(s(chars));
    const t = s(a);
    let i = 0;
    let j = t.length;
    while (i < j && set.has(t[i])) i++;
    while (j > i && set.has(t[j - 1])) j--;
    return cut(a, i, t.length - j);
  },
  trimSuffix: ([suffix, a]) => (s(suffix) && s(a).endsWith(s(suffix)) ? cut(a, 0, s(suffix).length) : a === null || a === undefined ? '' : a),
  trimPrefix: ([prefix, a]) => (s(prefix) && s(a).startsWith(s(prefix)) ? cut(a, s(prefix).length, 0) : a === null || a === undefined ? '' : a),
  trunc: ([n, a]) => {
    const k = toInt(n);
    const t = s(a);
    return k >= 0 ? (t.length > k ? t.slice(0, k) : a ?? '') : t.length > -k ? t.slice(t.length + k) : a ?? '';
  },
  nindent: ([n, a]) => indentText(toInt(n), a, true),
  indent: ([n, a]) => indentText(toInt(n), a, false),
  replace: ([old, nw, a]) => checkStr(s(a).split(s(old)).join(s(nw))),
  contains: ([sub, a]) => s(a).includes(s(sub)),
  hasPrefix: ([p, a]) => s(a).startsWith(s(p)),
  hasSuffix: ([p, a]) => s(a).endsWith(s(p)),
  repeat: ([n, a]) => {
    const k = toInt(n);
    if (k * s(a).length > MAX_STRING) throw new BoundsError('repeat makes a string too long');
    return s(a).repeat(Math.max(0, k));
  },
  substr: ([a, b, t]) => {
    const text = s(t);
    const start = toInt(a);
    const end = toInt(b);
    return start < 0 ? text.slice(0, end) : end < 0 || end > text.length ? text.slice(start) : text.slice(start, end);
  },
  nospace: ([a]) => s(a).replace(/\s+/g, ''),
  abbrev: ([n, a]) => (s(a).length > toInt(n) ? s(a).slice(0, Math.max(0, toInt(n) - 3)) + '...' : s(a)),
  cat: (args) => checkStr(args.filter((a) => a !== null && a !== undefined).map((a) => s(a)).join(' ')),
  join: ([sep, l]) => checkStr(list(l).map((a) => s(a)).join(s(sep))),
  split: ([sep, a]) => {
    const m: GoMap = new Map();
    s(a).split(s(sep)).forEach((p, i) => m.set(`_${i}`, p));
    return m;
  },
  splitList: ([sep, a]) => s(a).split(s(sep)),
  splitn: ([sep, n, a]) => {
    const parts = s(a).split(s(sep));
    const k = toInt(n);
    const out = k > 0 && parts.length > k ? [...parts.slice(0, k - 1), parts.slice(k - 1).join(s(sep))] : parts;
    const m: GoMap = new Map();
    out.forEach((p, i) => m.set(`_${i}`, p));
    return m;
  },
  toStrings: ([l]) => list(l).map((a) => s(a)),
  snakecase: ([a]) => s(a).replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase(),
  kebabcase: ([a]) => s(a).replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[_\s]+/g, '-').toLowerCase(),
  camelcase: ([a]) => s(a).replace(/(?:^|[_-])([a-z])/g, (_, c: string) => c.toUpperCase()),
  wrap: ([, a]) => s(a),
  plural: ([one, many, n]) => (toInt(n) === 1 ? s(one) : s(many)),
  regexMatch: ([re, a], _ctx, src) => regex(s(re))?.test(s(a)) ?? new Undecided(src),
  mustRegexMatch: (args, c, src) => FUNCS.regexMatch(args, c, src),
  regexFind: ([re, a], _ctx, src) => {
    const r = regex(s(re));
    return r ? (r.exec(s(a))?.[0] ?? '') : new Undecided(src);
  },
  regexFindAll: ([re, a, n], _ctx, src) => {
    const r = regex(s(re), 'g');
    if (!r) return new Undecided(src);
    const all = s(a).match(r) ?? [];
    return toInt(n) >= 0 ? all.slice(0, toInt(n)) : all;
  },
  regexReplaceAll: ([re, a, repl], _ctx, src) => {
    const r = regex(s(re), 'g');
    return r ? checkStr(s(a).replace(r, s(repl).replace(/\$\{(\w+)\}/g, '$<$1>').replace(/\$<(\d+)>/g, '$$$1'))) : new Undecided(src);
  },
  regexReplaceAllLiteral: ([re, a, repl], _ctx, src) => {
    const r = regex(s(re), 'g');
    return r ? checkStr(s(a).replace(r, () => s(repl))) : new Undecided(src);
  },
  regexSplit: ([re, a, n], _ctx, src) => {
    const r = regex(s(re));
    if (!r) return new Undecided(src);
    const parts = s(a).split(r);
    return toInt(n) >= 0 ? parts.slice(0, toInt(n)) : parts;
  },
  regexQuoteMeta: ([a]) => s(a).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  base: ([a]) => s(a).replace(/\/+$/, '').split('/').pop() || '.',
  dir: ([a]) => {
    const t = s(a).replace(/\/+$/, '');
    const i = t.lastIndexOf('/');
    return i < 0 ? '.' : i === 0 ? '/' : t.slice(0, i);
  },
  ext: ([a]) => /\.[^./]*$/.exec(s(a))?.[0] ?? '',
  clean: ([a]) => {
    const abs = s(a).startsWith('/');
    const out: string[] = [];
    for (const p of s(a).split('/')) {
      if (!p || p === '.') continue;
      if (p === '..' && out.length && out[out.length - 1] !== '..') out.pop();
      else if (p !== '..' || !abs) out.push(p);
    }
    return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
  },
  isAbs: ([a]) => s(a).startsWith('/'),
  urlParse: ([a], _ctx, src) => urlParse(s(a)) ?? new Undecided(src),
  urlJoin: ([d]) => urlJoin(isMapV(d) ? d : new Map()),
  b64enc: ([a]) => b64enc(utf8(s(a))),
  b64dec: ([a]) => b64dec(s(a)),
  sha256sum: ([a]) => sha256(utf8(s(a))),
  sha1sum: ([a]) => sha256(utf8(s(a))).slice(0, 40),
  adler32sum: ([a]) => {
    let x = 1;
    let y = 0;
    for (const b of utf8(s(a))) {
      x = (x + b) % 65521;
      y = (y + x) % 65521;
    }
    return String(((y << 16) | x) >>> 0);
  },

  // numbers
  int: ([a]) => toInt(a),
  int64: ([a]) => toInt(a),
  float64: ([a]) => toNum(a),
  atoi: ([a]) => toInt(a),
  toDecimal: ([a]) => parseInt(s(a), 8) || 0,
  add: (args) => args.reduce<number>((t, a) => t + toNum(a), 0),
  add1: ([a]) => toNum(a) + 1,
  sub: ([a, b]) => toNum(a) - toNum(b),
  mul: (args) => args.reduce<number>((t, a) => t * toNum(a), 1),
  div: ([a, b]) => (toNum(b) === 0 ? 0 : Math.trunc(toNum(a) / toNum(b))),
  mod: ([a, b]) => (toNum(b) === 0 ? 0 : toNum(a) % toNum(b)),
  max: (args) => Math.max(...args.map(toNum)),
  min: (args) => Math.min(...args.map(toNum)),
  floor: ([a]) => Math.floor(toNum(a)),
  ceil: ([a]) => Math.ceil(toNum(a)),
  round: ([a, p]) => Number(toNum(a).toFixed(toInt(p ?? 0))),
  until: ([n]) => {
    checkList(toInt(n));
    return Array.from({ length: Math.max(0, toInt(n)) }, (_, i) => i);
  },
  untilStep: ([a, b, st]) => {
    const start = toInt(a);
    const stop = toInt(b);
    const step = toInt(st);
    if (step === 0 || (stop - start) / step < 0) return [];
    checkList(Math.ceil((stop - start) / step));
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
    return out;
  },
  seq: (args) => {
    const [a, b] = args.length === 1 ? [1, toInt(args[0])] : [toInt(args[0]), toInt(args[args.length - 1])];
    checkList(Math.abs(b - a) + 1);
    const out: number[] = [];
    for (let i = a; a <= b ? i <= b : i >= b; a <= b ? i++ : i--) out.push(i);
    return out.join(' ');
  },

  // lists
  list: (args) => [...args],
  tuple: (args) => [...args],
  first: ([l]) => list(l)[0] ?? null,
  last: ([l]) => list(l)[list(l).length - 1] ?? null,
  rest: ([l]) => list(l).slice(1),
  initial: ([l]) => list(l).slice(0, -1),
  append: ([l, v]) => {
    checkList(list(l).length + 1);
    return [...list(l), v];
  },
  prepend: ([l, v]) => [v, ...list(l)],
  concat: (args) => {
    const out = args.flatMap((a) => list(a));
    checkList(out.length);
    return out;
  },
  reverse: ([l]) => [...list(l)].reverse(),
  uniq: ([l]) => list(l).filter((v, i, a) => a.findIndex((x) => equal(x, v)) === i),
  compact: ([l]) => list(l).filter(truthy),
  without: ([l, ...vs]) => list(l).filter((x) => !vs.some((v) => equal(x, v))),
  has: ([v, l]) => list(l).some((x) => equal(x, v)),
  sortAlpha: ([l]) => list(l).map((a) => s(a)).sort(),
  chunk: ([n, l]) => {
    const k = Math.max(1, toInt(n));
    const a = list(l);
    const out: unknown[][] = [];
    for (let i = 0; i < a.length; i += k) out.push(a.slice(i, i + k));
    return out;
  },

  // maps
  dict: (args) => dictOf(args),
  get: ([m, k]) => (isMapV(m) && m.has(s(k)) ? m.get(s(k)) : ''),
  set: ([m, k, v]) => {
    if (isMapV(m)) m.set(s(k), v);
    return m;
  },
  unset: ([m, k]) => {
    if (isMapV(m)) m.delete(s(k));
    return m;
  },
  hasKey: ([m, k]) => (m instanceof Undecided ? m : isMapV(m) && m.has(s(k))),
  keys: (args) => args.flatMap((m) => (isMapV(m) ? [...m.keys()] : [])),
  values: ([m]) => (isMapV(m) ? [...m.values()] : []),
  pick: ([m, ...ks]) => {
    const out: GoMap = new Map();
    if (isMapV(m)) for (const k of ks.map((x) => s(x))) if (m.has(k)) out.set(k, m.get(k));
    return out;
  },
  omit: ([m, ...ks]) => {
    const out: GoMap = new Map();
    const drop = new Set(ks.map((x) => s(x)));
    if (isMapV(m)) for (const [k, v] of m) if (!drop.has(k)) out.set(k, v);
    return out;
  },
  dig: (args) => dig(args.slice(0, -2), args[args.length - 2], args[args.length - 1]),
  merge: ([dst, ...srcs]) => {
    if (!isMapV(dst)) return dst;
    for (const src of srcs) if (isMapV(src)) mergeInto(dst, deepCopy(src) as GoMap, false);
    return dst;
  },
  mergeOverwrite: ([dst, ...srcs]) => {
    if (!isMapV(dst)) return dst;
    for (const src of srcs) if (isMapV(src)) mergeInto(dst, deepCopy(src) as GoMap, true);
    return dst;
  },
  deepCopy: ([v]) => deepCopy(v),
  pluck: ([k, ...ms]) => ms.filter((m) => isMapV(m) && m.has(s(k))).map((m) => (m as GoMap).get(s(k))),

  // types
  kindIs: ([k, v]) => (v instanceof Undecided ? v : kindName(v) === s(k)),
  kindOf: ([v]) => (v instanceof Undecided ? v : kindName(v)),
  typeOf: ([v]) => (v instanceof Undecided ? v : typeName(v)),
  typeIs: ([t, v]) => (v instanceof Undecided ? v : typeName(v) === s(t)),
  typeIsLike: ([t, v]) => typeName(v) === s(t).replace(/^\*/, ''),
  deepEqual: ([a, b]) => toJson(a) === toJson(b),

  // data
  toYaml: ([v]) => toYaml(v),
  toYamlPretty: ([v]) => toYaml(v),
  toJson: ([v]) => toJson(v),
  toRawJson: ([v]) => toJson(v),
  toPrettyJson: ([v]) => toJson(v, '  '),
  fromYaml: ([t]) => {
    const v = parseYamlValue(s(t));
    return isMapV(v) ? v : v === undefined ? new Map([['Error', 'error converting YAML to JSON']]) : new Map();
  },
  fromYamlArray: ([t]) => {
    const v = parseYamlValue(s(t));
    return Array.isArray(v) ? v : [];
  },
  fromJson: ([t]) => {
    try {
      const v = toGo(JSON.parse(s(t)), 0);
      return isMapV(v) ? v : new Map();
    } catch {
      return new Map([['Error', 'error converting JSON']]);
    }
  },
  fromJsonArray: ([t]) => {
    try {
      const v = toGo(JSON.parse(s(t)), 0);
      return Array.isArray(v) ? v : [];
    } catch {
      return [];
    }
  },
  toToml: ([v]) => toJson(v),
  semverCompare: ([c, v], _ctx, src) => semverMatch(s(c), s(v)) ?? new Undecided(src),
  semver: ([v], _ctx, src) => {
    const p = parseVer(s(v));
    return p ? new Map<string, unknown>([['Major', p.n[0]], ['Minor', p.n[1]], ['Patch', p.n[2]], ['Prerelease', p.pre], ['Original', s(v)]]) : new Undecided(src);
  },
  // Stable stand-ins: the same text on every run, so nothing downstream flickers.
  randAlphaNum: ([n]) => 'x'.repeat(Math.max(0, Math.min(toInt(n), 4096))),
  randAlpha: ([n]) => 'x'.repeat(Math.max(0, Math.min(toInt(n), 4096))),
  randNumeric: ([n]) => '0'.repeat(Math.max(0, Math.min(toInt(n), 4096))),
  randAscii: ([n]) => 'x'.repeat(Math.max(0, Math.min(toInt(n), 4096))),
  uuidv4: () => '00000000-0000-4000-8000-000000000000',
  shuffle: ([a]) => s(a),
};

// Functions no file decides: the cluster, the clock, generated keys.
for (const name of ['lookup', 'now', 'date', 'dateInZone', 'date_in_zone', 'unixEpoch', 'ago', 'toDate', 'mustToDate', 'dateModify', 'htmlDate', 'htmlDateInZone', 'duration', 'durationRound', 'genCA', 'genCAWithKey', 'genPrivateKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey', 'derivePassword', 'buildCustomCert', 'encryptAES', 'decryptAES', 'htpasswd', 'bcrypt', 'randInt', 'getHostByName', 'env', 'expandenv', 'osBase', 'osDir']) {
  FUNCS[name] = (args, _ctx, src) => undecided(src)(args);
}

// sprig's must… variants behave alike here.
for (const [must, base] of [
  ['mustMerge', 'merge'],
  ['mustMergeOverwrite', 'mergeOverwrite'],
  ['mustToJson', 'toJson'],
  ['mustToRawJson', 'toRawJson'],
  ['mustToPrettyJson', 'toPrettyJson'],
  ['mustFromJson', 'fromJson'],
  ['mustAppend', 'append'],
  ['mustPrepend', 'prepend'],
  ['mustFirst', 'first'],
  ['mustLast', 'last'],
  ['mustRest', 'rest'],
  ['mustInitial', 'initial'],
  ['mustUniq', 'uniq'],
  ['mustCompact', 'compact'],
  ['mustWithout', 'without'],
  ['mustHas', 'has'],
  ['mustReverse', 'reverse'],
  ['mustSlice', 'slice'],
  ['mustDeepCopy', 'deepCopy'],
  ['mustChunk', 'chunk'],
  ['mustRegexFind', 'regexFind'],
  ['mustRegexFindAll', 'regexFindAll'],
  ['mustRegexReplaceAll', 'regexReplaceAll'],
  ['mustRegexReplaceAllLiteral', 'regexReplaceAllLiteral'],
  ['mustRegexSplit', 'regexSplit'],
  ['mustDateModify', 'dateModify'],
  ['toJSON', 'toJson'],
  ['fromJSON', 'fromJson'],
  ['trimall', 'trimAll'],
  ['upperFirst', 'title'],
  ['biggest', 'max'],
  ['addf', 'add'],
  ['add1f', 'add1'],
  ['subf', 'sub'],
  ['mulf', 'mul'],
  ['divf', 'div'],
  ['maxf', 'max'],
  ['minf', 'min'],
  ['push', 'append'],
] as const)
  FUNCS[must] = FUNCS[base];
FUNCS['toString'] = ([a]: unknown[]) => s(a);
FUNCS.divf = ([a, b]) => (toNum(b) === 0 ? 0 : toNum(a) / toNum(b));

/** Whether the evaluator knows a function. */
export function isKnownFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCS, name) || name === 'include' || name === 'tpl' || name === 'and' || name === 'or';
}

/** Calls a function by name; an unknown one is Undecided and noted once. */
export function callFunction(ctx: FuncContext, name: string, args: unknown[], src: string): unknown {
  const fn = Object.prototype.hasOwnProperty.call(FUNCS, name) ? FUNCS[name] : undefined;
  if (!fn) {
    ctx.issue(`unknown function "${name}"`);
    return new Undecided(src);
  }
  if (!PASS_THROUGH.has(name)) {
    const u = firstUndecided(args);
    if (u) return u;
  }
  for (const a of args) if (a instanceof GoMethod) return new Undecided(src);
  return fn(args, ctx, src);
}
