// A fixed copy of the Vagrantfile reader and detector, kept as the yardstick the current ones must
// match exactly (only imports and exported names differ from the code it was copied from):
// test/unit/vagrant-reference.test.ts compares models, workloads and findings on the corpus, mutated
// corpus files and random text. The line table is a copy too, so a change to the shared one is
// measured against the original. Do not edit the logic here; it is the yardstick. One addition since,
// made to both readers: a loop over a literal list of hashes defines one machine per hash
// (`boxes.each do |opts| config.vm.define opts[:name]`), written here the plain way.
import type { Finding, Workload } from '../../../src/core/advisor/types';
import { machineName, vagrantDevelopmentHint, vagrantfileName, walk } from '../../../src/core/parse/config-topics';
import { finding, runRules } from '../../../src/core/advisor/detect/rules';
import { VAGRANT_RULES } from '../../../src/core/advisor/detect/vagrant';
import type { VagrantModel } from '../../../src/core/parse/vagrant';
import type { ConfigNode, ModelBase, Pos, Range } from '../../../src/core/parse/types';

// src/core/parse/lines.ts as it was.
function unifyLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

class Lines {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  pos(offset: number): Pos {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(Math.max(start, end)) };
  }
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
  literals: Map<number, Literal>;
}

const HEREDOC = /^<<([-~]?)(['"]?)([A-Za-z_]\w*)\2/;
const PERCENT = /^%([wWiIqQ]?)([([{<|!/])/;
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

function mask(text: string): Masked {
  // Blanked spans, in text order (the scan only moves forward); the code is built from them at the end.
  const spans: { from: number; to: number; ch: string }[] = [];
  const literals = new Map<number, Literal>();
  const blank = (from: number, to: number, ch = '_') => {
    if (to > from) spans.push({ from, to, ch });
  };
  const pending: { id: string; squiggly: boolean; at: number }[] = [];
  let i = 0;
  const n = text.length;
  let lineStart = true;
  while (i < n) {
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
        literals.set(h.at, { start: h.at, end: h.at, value: text.slice(bodyStart, bodyEnd) });
        i = after;
      }
      continue;
    }
    if (lineStart && text.startsWith('=begin', i)) {
      const e = text.indexOf('\n=end', i);
      const stop = e < 0 ? n : e + 5;
      blank(i, stop, ' ');
      i = stop;
      continue;
    }
    lineStart = false;
    if (c === '#') {
      let e = text.indexOf('\n', i);
      if (e < 0) e = n;
      blank(i, e, ' ');
      i = e;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      i++;
      let depth = 0;
      while (i < n) {
        const d = text[i];
        if (d === '\\') {
          i += 2;
          continue;
        }
        if (c !== "'" && d === '#' && text[i + 1] === '{') {
          depth++;
          i += 2;
          continue;
        }
        if (depth > 0 && d === '}') depth--;
        else if (depth === 0 && d === c) break;
        i++;
      }
      const end = Math.min(i + 1, n);
      blank(start + 1, Math.max(start + 1, end - 1));
      literals.set(start, { start, end, value: text.slice(start + 1, Math.max(start + 1, end - 1)) });
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
        literals.set(start, { start, end: e + 1, value: text.slice(i + m[0].length, e) });
        i = e + 1;
        continue;
      }
    }
    i++;
  }
  const parts: string[] = [];
  let done = 0;
  for (const { from, to, ch } of spans) {
    const a = Math.max(from, done);
    if (to <= a) continue;
    parts.push(text.slice(done, a), text.slice(a, to).replace(/[^\r\n]/g, ch));
    done = to;
  }
  parts.push(text.slice(done));
  return { code: parts.join(''), literals };
}

interface Statement {
  start: number;
  end: number;
}

/** Joins physical lines into statements: open brackets, trailing commas, operators and `\` continue a line. */
function statements(code: string): Statement[] {
  const out: Statement[] = [];
  let start = -1;
  let depth = 0;
  let pos = 0;
  while (pos <= code.length) {
    let e = code.indexOf('\n', pos);
    if (e < 0) e = code.length;
    const line = code.slice(pos, e);
    if (start < 0) {
      if (line.trim() === '') {
        pos = e + 1;
        continue;
      }
      start = pos + (line.length - line.trimStart().length);
    }
    for (const ch of line) {
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    }
    const trimmed = line.trimEnd();
    const continues = depth > 0 || /(,|\\|\|\||&&|\+|=|\band|\bor)$/.test(trimmed) && !/\bdo\s*(\|[^|]*\|)?$/.test(trimmed);
    if (!continues || e >= code.length) {
      out.push({ start, end: pos + trimmed.length });
      start = -1;
      depth = 0;
    }
    pos = e + 1;
  }
  return out;
}

interface Ctx {
  path: string[];
  node: ConfigNode;
}

interface Frame {
  /** Block variable -> the configuration objects it stands for (several when one block serves a list of names). */
  vars: Map<string, Ctx[]>;
  lists: Map<string, string[]>;
  nodes?: ConfigNode[];
}

const OPENERS = /^(if|unless|while|until|case|begin|def|class|module|for)\b/;
const NAMED = new Set(['define', 'provider', 'provision', 'network']);

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
  let depth = 0;
  let s = from;
  for (let k = from; k < to; k++) {
    const ch = code[k];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push({ start: s, end: k });
      s = k + 1;
    }
  }
  if (to > s) parts.push({ start: s, end: to });
  return parts
    .map((p) => {
      let a = p.start;
      let b = p.end;
      while (a < b && /\s/.test(code[a])) a++;
      while (b > a && /\s/.test(code[b - 1])) b--;
      return { start: a, end: b };
    })
    .filter((p) => p.end > p.start);
}

export function referenceParse(source: string, file: string): VagrantModel {
  const text = unifyLineBreaks(source);
  const lines = new Lines(text);
  const root: ConfigNode = { key: '', path: [], keyRange: lines.range(0, 0), range: lines.range(0, text.length), children: [] };
  const model: VagrantModel = { format: 'vagrant', file, problems: [], roots: [root] };
  let masked: Masked;
  try {
    masked = mask(text);
  } catch (e) {
    model.problems.push({ message: `could not scan: ${String(e)}`, range: lines.range(0, 0) });
    return model;
  }
  const code = masked.code;
  for (const m of code.matchAll(/\bVagrant\.require_plugin\s*\(?\s*/g)) {
    const lit = masked.literals.get(m.index + m[0].length);
    if (lit) (model.plugins ??= []).push({ name: lit.value, range: lines.range(m.index, lit.end) });
  }
  const frames: Frame[] = [{ vars: new Map(), lists: new Map() }];
  const lookup = (name: string): Ctx[] | undefined => {
    for (let k = frames.length - 1; k >= 0; k--) {
      const hit = frames[k].vars.get(name);
      if (hit) return hit;
    }
    return undefined;
  };
  const lookupList = (name: string): string[] | undefined => {
    for (let k = frames.length - 1; k >= 0; k--) {
      const hit = frames[k].lists.get(name);
      if (hit) return hit;
    }
    return undefined;
  };
  const range = (a: number, b: number): Range => lines.range(a, b);

  const hashLists = new Map<string, Record<string, string>[]>();
  for (const st of statements(code)) {
    const s = code.slice(st.start, st.end);
    const doMatch = /\bdo\s*(?:\|([^|]*)\|)?\s*$/.exec(s);
    const params = doMatch?.[1]?.split(',').map((p) => p.trim().replace(/^[*&]/, '')) ?? [];
    const opensDo = !!doMatch && !/^(while|until|for)\b/.test(s);
    const leading = OPENERS.test(s) || /=\s*(if|unless|case|begin)\b/.test(s);
    const newFrame: Frame = { vars: new Map(), lists: new Map() };

    const m = /^([A-Za-z_]\w*)\.((?:[a-z_]\w*\.)*[a-z_]\w*[?!]?)/.exec(s);
    const body = doMatch ? s.slice(0, doMatch.index) : s;
    if (m && m[1] === 'Vagrant' && m[2] === 'configure') {
      if (params[0]) newFrame.vars.set(params[0], [{ path: [], node: root }]);
    } else if (m) {
      const all: ConfigNode[] = [];
      for (const ctx of lookup(m[1]) ?? []) {
        const segs = m[2].split('.');
        const chainEnd = st.start + m[0].length;
        let restStart = chainEnd;
        const bodyEnd = st.start + body.trimEnd().length;
        const rest = code.slice(chainEnd, bodyEnd);
        const named = segs.length === 2 && segs[0] === 'vm' && NAMED.has(segs[1]);
        const nodes: ConfigNode[] = [];
        const mk = (path: string[], keyEnd: number): ConfigNode => ({
          key: path[path.length - 1],
          path,
          keyRange: range(st.start, keyEnd),
          range: range(st.start, st.end),
        });
        let optsFrom = -1;
        if (named) {
          const args = splitArgs(code, chainEnd + (rest.match(/^\s*\(?/)?.[0].length ?? 0), bodyEnd - (/\)\s*$/.test(rest) ? 1 : 0));
          const first = args[0];
          let names: string[] = [];
          let keyEnd = chainEnd;
          if (first) {
            const raw = text.slice(first.start, first.end);
            const lit = masked.literals.get(first.start);
            const assigned = /^([a-z_]\w*)\s*=[^=]/.exec(raw);
            if (lit && lit.end === first.end) names = interpolated(lit.value, lookupList);
            else if (/^:\w+$/.test(raw)) names = [raw.slice(1)];
            else if (/^[a-z_]\w*$/.test(raw) && lookupList(raw)) names = lookupList(raw)!;
            else if (lookupList(plainHashKey(raw))) names = lookupList(plainHashKey(raw))!;
            else if (assigned) names = [assigned[1]];
            else if (!/^\w+:/.test(raw)) names = [raw];
            if (names.length) {
              keyEnd = assigned ? first.start + assigned[1].length : first.end;
              optsFrom = args.length > 1 ? args[1].start : -1;
            } else optsFrom = first.start;
          }
          if (!names.length) nodes.push(mk([...ctx.path, ...segs], chainEnd));
          for (const name of names) nodes.push(mk([...ctx.path, ...segs, name], keyEnd));
        } else {
          const idx = /^\[\s*/.exec(rest);
          let path = [...ctx.path, ...segs];
          let keyEnd = chainEnd;
          if (idx) {
            const close = code.indexOf(']', chainEnd);
            if (close > 0 && close < bodyEnd) {
              const inner = text.slice(chainEnd + 1, close).trim();
              path = [...path, inner.replace(/^["':]|["']$/g, '')];
              keyEnd = close + 1;
              restStart = close + 1;
            }
          }
          const node = mk(path, keyEnd);
          const after = code.slice(restStart, bodyEnd);
          const assign = /^\s*(\|\||&&)?=(?!=)\s*/.exec(after);
          if (assign) {
            const vStart = restStart + assign[0].length;
            node.valueRange = range(vStart, bodyEnd);
            const v = literalValue(text.slice(vStart, bodyEnd), vStart, masked);
            if (v !== undefined) node.value = v;
          } else if (after.trim()) {
            const lead = after.length - after.trimStart().length;
            const aStart = restStart + lead;
            node.valueRange = range(aStart, bodyEnd);
            node.value = text.slice(aStart, bodyEnd);
            optsFrom = aStart;
          }
          nodes.push(node);
        }
        // Options (`ip: "..."`, `:type => "nfs"`) become children of every node of this statement.
        if (optsFrom >= 0) {
          for (const part of splitArgs(code, optsFrom, bodyEnd - (/\)\s*$/.test(rest) && named ? 1 : 0))) {
            const seg = code.slice(part.start, part.end);
            const om = /^(?:([a-z_]\w*):(?!:)|:([a-z_]\w*)\s*=>|["']_*["']\s*=>)\s*/.exec(seg);
            if (!om) continue;
            const key = om[1] ?? om[2];
            if (!key) continue;
            const vStart = part.start + om[0].length;
            for (const node of nodes) {
              const opt: ConfigNode = {
                key,
                path: [...node.path, key],
                keyRange: range(part.start, part.start + om[0].trimEnd().length),
                range: range(part.start, part.end),
                valueRange: range(vStart, part.end),
              };
              const v = literalValue(text.slice(vStart, part.end), vStart, masked);
              if (v !== undefined) opt.value = v;
              (node.children ??= []).push(opt);
            }
          }
        }
        for (const node of nodes) (ctx.node.children ??= []).push(node);
        all.push(...nodes);
        if (opensDo && nodes.length && params[1]) newFrame.vars.set(params[1], [...(newFrame.vars.get(params[1]) ?? []), ctx]);
      }
      if (opensDo && all.length) {
        if (params[0]) newFrame.vars.set(params[0], all.map((n) => ({ path: n.path, node: n })));
        newFrame.nodes = all;
      }
    }
    const assigned = /^([a-z_]\w*)\s*=\s*\[/.exec(s);
    if (assigned) {
      const records = plainHashes(text.slice(st.start, st.end));
      if (records.length) hashLists.set(assigned[1], records);
      else hashLists.delete(assigned[1]);
    }
    if (opensDo && params[0] && newFrame.vars.size === 0) {
      const each = /^([a-z_]\w*)\.each(?:_with_index)?\s+do\b/.exec(s);
      const records = each ? hashLists.get(each[1]) : undefined;
      for (const key of records ? Object.keys(records[0]) : []) {
        if (records!.every((r) => key in r)) newFrame.lists.set(`${params[0]}[:${key}]`, records!.map((r) => r[key]));
      }
    }
    if (opensDo && params[0] && newFrame.vars.size === 0) {
      const range = /^\(\s*(\d+)\s*\.\.(\.?)\s*(\d+)\s*\)\.each\s+do\b/.exec(s);
      if (range) {
        const from = Number(range[1]);
        const to = Number(range[3]) - (range[2] ? 1 : 0);
        if (to >= from && to - from < MAX_RANGE) newFrame.lists.set(params[0], Array.from({ length: to - from + 1 }, (_, k) => String(from + k)));
      }
      const list = /^(\[[^\]]*\]|%w\([^)]*\))\.each\s/.exec(s);
      if (list) {
        const raw = text.slice(st.start, st.start + list[1].length);
        const names = raw.startsWith('%w') ? raw.slice(3, -1).trim().split(/\s+/) : [...raw.matchAll(/["':]([\w.-]+)["']?/g)].map((x) => x[1]);
        newFrame.lists.set(params[0], names);
      }
    }

    // Block nesting, token by token: `end` closes, `do` (and a leading keyword) opens. The `do` that
    // ends the statement opens the frame holding this statement's block variables.
    const loopHead = /^(while|until|for)\b/.test(s);
    if (leading) frames.push({ vars: new Map(), lists: new Map() });
    const tokens = /(?<![.:\w])(do|end)(?![\w?!:])/g;
    for (let t = tokens.exec(s); t; t = tokens.exec(s)) {
      if (t[1] === 'end') {
        if (frames.length > 1) {
          const f = frames.pop()!;
          for (const node of f.nodes ?? []) node.range = { start: node.range.start, end: lines.pos(st.start + t.index + 3) };
        }
      } else if (!loopHead) {
        frames.push(doMatch && t.index === doMatch.index ? newFrame : { vars: new Map(), lists: new Map() });
      }
    }
  }
  return model;
}

function firstAt(node: ConfigNode, rel: string[]): ConfigNode | undefined {
  const want = [...node.path, ...rel].join('\u0000');
  for (const n of walk(node.children ?? [])) if (n.path.join('\u0000') === want) return n;
  return undefined;
}

const withHint = (w: Workload, hint: Workload['roleHint']): Workload => (hint ? { ...w, roleHint: hint } : w);

export function referenceWorkloads(model: VagrantModel): Workload[] {
  const root = model.roots[0];
  if (!root) return [];
  const rootBox = firstAt(root, ['vm', 'box']);
  const defines = (root.children ?? []).filter((n) => n.path.length === 3 && n.path[0] === 'vm' && n.path[1] === 'define');
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

// src/core/advisor/detect/vagrant.ts as it was (its rule table is the current one: data, not logic).
const CONTAINER_PROVIDERS = /^(docker|lxc|podman)$/i;
const CONTAINER_PLUGIN = /^vagrant-(lxc|lxd|podman)$/i;

function* walkAll(nodes: readonly ConfigNode[]): Generator<ConfigNode> {
  for (const n of nodes) {
    yield n;
    yield* walkAll(n.children ?? []);
  }
}

/** A `config.vm.provider` block: `['vm','provider',name]` below the Vagrantfile or a machine. */
const isProvider = (n: ConfigNode) => n.path.length >= 3 && n.path[n.path.length - 2] === 'provider' && n.path[n.path.length - 3] === 'vm';

/** What runs one machine: the provider blocks that apply to it, or a container provider plugin. */
interface Machine {
  /** The `config.vm.define` block; the Vagrantfile's root when it defines no machine. */
  node: ConfigNode;
  providers: ConfigNode[];
  /** Whether the providers are the machine's own (inside its block) rather than the file's top-level ones. */
  own: boolean;
  container: boolean;
}

/**
 * Each machine runs on its own provider blocks, or else on the top-level ones (settings outside
 * every `config.vm.define` apply to all machines). With no provider block at all, a required
 * container provider plugin (vagrant-lxc) is the provider; otherwise it is Vagrant's default, a VM.
 */
function machinesOf(model: VagrantModel, nodes: readonly ConfigNode[]): Machine[] {
  const root = model.roots[0];
  if (!root) return [];
  const defines = nodes.filter((n) => n.path.length === 3 && n.path[0] === 'vm' && n.path[1] === 'define');
  const inDefine = new Set<ConfigNode>();
  const ownOf = new Map<ConfigNode, ConfigNode[]>();
  for (const d of defines) {
    const own = [...walkAll(d.children ?? [])].filter(isProvider);
    for (const p of own) inDefine.add(p);
    ownOf.set(d, own);
  }
  const top = nodes.filter((n) => isProvider(n) && !inDefine.has(n));
  const plugin = model.plugins?.some((p) => CONTAINER_PLUGIN.test(p.name)) ?? false;
  return (defines.length ? defines : [root]).map((node) => {
    const mine = ownOf.get(node) ?? [];
    const providers = mine.length ? mine : top;
    const container = providers.length ? providers.every((p) => CONTAINER_PROVIDERS.test(p.key)) : plugin;
    return { node, providers, own: mine.length > 0, container };
  });
}

export function referenceDetect(base: ModelBase): Finding[] {
  const model = base as VagrantModel;
  const out = runRules(model, VAGRANT_RULES);
  const nodes = [...walkAll(model.roots)];
  const machines = machinesOf(model, nodes);
  const plugin = model.plugins?.find((p) => CONTAINER_PLUGIN.test(p.name));
  const isBox = (n: ConfigNode) => n.key === 'box' && n.path[n.path.length - 2] === 'vm';
  const boxes = nodes.filter(isBox);
  const rootBox = boxes.find((b) => b.path.length === 2);
  const say = (n: ConfigNode) => (n.key === 'box' && typeof n.value === 'string' ? `box \`${n.value}\`` : n.path.length ? `machine \`${n.key}\`` : 'this Vagrantfile');
  // When every machine runs the same way, evidence outside every machine block may count for all of
  // them; when containers and VMs are mixed, each machine's evidence must lie inside its own block.
  const alike = machines.every((m) => m.container === machines[0].container);
  const emitted = new Set<ConfigNode | undefined>();
  const push = (signal: string, key: ConfigNode | undefined, range: Range, message: string) => {
    if (key !== undefined && emitted.has(key)) return;
    emitted.add(key);
    out.push(finding(signal, model.file, range, message));
  };
  for (const m of machines) {
    if (m.container && m.providers.length === 0 && plugin) {
      const note = `\`Vagrant.require_plugin '${plugin.name}'\``;
      if (alike) push('existing.vagrant-container-provider', model.roots[0], plugin.range, `${note} makes it the provider`);
      else push('existing.vagrant-container-provider', undefined, m.node.keyRange, `${note} (line ${plugin.range.start.line + 1}) makes it the provider`);
    } else if (m.container) {
      for (const p of m.providers) {
        if (m.own || alike) push('existing.vagrant-container-provider', p, p.keyRange, `Provider \`${p.key}\` runs the machine as a container`);
        else push('existing.vagrant-container-provider', undefined, m.node.keyRange, `Provider \`${p.key}\` (line ${p.keyRange.start.line + 1}, for every machine) runs the machine as a container`);
      }
    } else {
      const own = m.node.path.length ? [...walkAll(m.node.children ?? [])].filter(isBox) : boxes;
      const shared = alike ? boxes.filter((b) => b.path.length === 2 && !own.includes(b)) : [];
      for (const b of [...own, ...shared]) push('existing.vagrant-machine', b, b.keyRange, `Vagrant VM from ${say(b)}`);
      if (own.length === 0 && shared.length === 0) push('existing.vagrant-machine', undefined, m.node.keyRange, `Vagrant VM from ${say(typeof rootBox?.value === 'string' ? rootBox : m.node)}`);
    }
  }
  return out;
}

/** `opts[:name]`, `opts["name"]`, `opts['name']` → `opts[:name]`. */
function plainHashKey(raw: string): string {
  const m = /^([a-z_]\w*)\[\s*(?::(\w+)|"(\w+)"|'(\w+)')\s*\]$/.exec(raw);
  return m ? `${m[1]}[:${m[2] ?? m[3] ?? m[4]}]` : raw;
}

/** The hashes of `[{ :k => "v", k: 'v', "k" => "v" }, …]` with string values; none when anything else stands in the list. */
function plainHashes(statement: string): Record<string, string>[] {
  const inner = statement.slice(statement.indexOf('[') + 1, statement.lastIndexOf(']'));
  const noComments = (t: string) => t.replace(/#[^\n]*/g, '').trim();
  const out: Record<string, string>[] = [];
  let rest = inner;
  for (;;) {
    const m = /\{([^{}]*)\}\s*(,|$)/.exec(rest);
    if (!m) break;
    if (noComments(rest.slice(0, m.index)) !== '') return [];
    const record: Record<string, string> = {};
    for (const p of m[1].matchAll(/(?::(\w+)\s*=>|\b(\w+):(?!:)|["'](\w+)["']\s*=>)\s*(?:"([^"#\\]*)"|'([^'\\]*)')/g)) record[p[1] ?? p[2] ?? p[3]] = p[4] ?? p[5];
    out.push(record);
    rest = rest.slice(m.index + m[0].length);
  }
  return noComments(rest) === '' ? out : [];
}

/** Machines a numeric range may define in one loop (`(1..3).each`); a longer range keeps the expression as the name. */
const MAX_RANGE = 256;

/** "node#{i}" with `i` walking a list: one name per item (the plain way: split at the interpolations). */
function interpolated(name: string, listOf: (variable: string) => string[] | undefined): string[] {
  const pieces = name.split(/#\{\s*([a-z_]\w*)\s*\}/);
  if (pieces.length === 1) return [name];
  const vars = pieces.filter((_, k) => k % 2 === 1);
  if (vars.some((v) => v !== vars[0]) || pieces.some((p, k) => k % 2 === 0 && p.includes('#{'))) return [name];
  const items = listOf(vars[0]);
  return items ? items.map((item) => pieces.map((p, k) => (k % 2 ? item : p)).join('')) : [name];
}
