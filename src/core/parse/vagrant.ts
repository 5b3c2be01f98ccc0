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
import { Lines, folderName, keyTopicAt, walk } from './config-topics';
import { unifyLineBreaks } from './lines';
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

function parse(source: string, file: string): VagrantModel {
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
            if (lit && lit.end === first.end) names = [lit.value];
            else if (/^:\w+$/.test(raw)) names = [raw.slice(1)];
            else if (/^[a-z_]\w*$/.test(raw) && lookupList(raw)) names = lookupList(raw)!;
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
    if (opensDo && params[0] && newFrame.vars.size === 0) {
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

function workloads(model: VagrantModel): Workload[] {
  const root = model.roots[0];
  if (!root) return [];
  const rootBox = firstAt(root, ['vm', 'box']);
  const defines = (root.children ?? []).filter((n) => n.path.length === 3 && n.path[0] === 'vm' && n.path[1] === 'define');
  const make = (name: string, range: Range, extent: Range, box: ConfigNode | undefined): Workload => {
    const w: Workload = { name, kind: 'vagrant-machine', format: 'vagrant', file: model.file, range, extent };
    if (typeof box?.value === 'string') w.image = box.value;
    return w;
  };
  if (defines.length) return defines.map((d) => make(d.key, d.keyRange, d.range, firstAt(d, ['vm', 'box']) ?? rootBox));
  return [make(folderName(model.file), rootBox?.keyRange ?? root.keyRange, root.range, rootBox)];
}

export const vagrantModule: FormatModule<VagrantModel> = {
  format: 'vagrant',
  parse,
  topicAt: (model, pos) => keyTopicAt(model, pos, VAGRANT_TOPICS),
  workloads,
};
