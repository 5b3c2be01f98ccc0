// The facts of one compose file that merging it with others needs (composeProject.ts): each service's
// slots (the keys and entries it sets, named as the merge rules match them), its `extends`, image and
// build, the file's `include:` entries, and the service and slot of each finding. Run by the compose
// detector, which leaves them on the model (ComposeModel.compose).
import type { ConfigModel, ConfigNode, Pos, Range } from '../parse/types';
import { composeServices, serviceBuildTarget, serviceDockerfile } from '../parse/compose';
import { child, childString } from '../parse/configNodes';
import { isList, splitVolume } from './detect/common';
import type { Rule } from './detect/rules';
import type { ComposeFacts, ComposeServiceFacts, Slot } from './composeProject';
import type { Finding } from './types';

/** Replaced, not appended, by a later file (merge rules, "Shell commands"). */
const REPLACED = new Set(['command', 'entrypoint', 'healthcheck.test']);
/** Sequences whose entries are `NAME=value` and merge by name, as the mapping form does. */
const KEYED_LISTS = new Set(['environment', 'labels', 'sysctls', 'annotations', 'extra_hosts', 'build.args', 'build.labels']);

const text = (v: ConfigNode['value'] | undefined) => (v === undefined || v === null ? '' : String(v));

/** What makes two entries of a top-level service sequence the same entry. */
function identityOf(slot: string, item: ConfigNode): string {
  const c = (k: string) => text(item.children?.find((x) => x.key === k)?.value);
  if (slot === 'volumes') {
    if (item.children) return c('target');
    const { source, target } = splitVolume(text(item.value));
    return target ?? source ?? '';
  }
  if (slot === 'ports' && item.children) return `${c('host_ip')}|${c('target')}|${c('published')}|${c('protocol')}`;
  if ((slot === 'secrets' || slot === 'configs') && item.children) return c('target') || c('source');
  if (slot === 'devices' && item.children) return `${c('source')}:${c('target')}`;
  return item.children ? `#${item.key}` : text(item.value);
}

function slotsOf(service: ConfigNode): Slot[] {
  const out: Slot[] = [];
  const visit = (node: ConfigNode, slot: string, top: boolean) => {
    const at = { tagAt: node.keyRange.end };
    if (REPLACED.has(slot) || node.children === undefined) {
      out.push({ key: slot, range: node.range, kind: 'set', ...at });
      return;
    }
    if (KEYED_LISTS.has(slot) && isList(node) && node.children.length) {
      out.push({ key: slot, range: node.range, kind: 'merge', ...at });
      for (const item of node.children) out.push({ key: `${slot}.${text(item.value).split('=')[0].trim()}`, range: item.range, kind: 'set', tagAt: item.keyRange.end });
      return;
    }
    if (isList(node)) {
      out.push({ key: slot, range: node.range, kind: 'append', ...at });
      // Entries of a nested sequence (a GPU reservation's `devices`) are appended whatever they hold.
      node.children.forEach((item) => out.push({ key: `${slot}[${top ? identityOf(slot, item) : `#${item.key}`}]`, range: item.range, kind: top ? 'set' : 'append', tagAt: item.keyRange.end }));
      return;
    }
    out.push({ key: slot, range: node.range, kind: 'merge', ...at });
    for (const c of node.children) visit(c, `${slot}.${c.key}`, false);
  };
  for (const c of service.children ?? []) if (c.key !== 'extends') visit(c, c.key, true);
  return out;
}

const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (r: Range, p: Pos) => before(r.start, p) && before(p, r.end);
const compare = (a: Pos, b: Pos) => a.line - b.line || a.character - b.character;

/**
 * The slot of a finding among the slots that hold its position, innermost last. Settings a YAML merge
 * key (`<<: *base`) copies in all sit where the `<<` is, so several slots hold the position alike:
 * the innermost whose key is one the finding's signal is read from (detect/compose.ts) is taken.
 */
function slotFor(f: Finding, open: readonly Slot[], keysOf: ReadonlyMap<string, ReadonlySet<string>>): string {
  if (open.length === 0) return '';
  const keys = keysOf.get(f.signal);
  const top = open[open.length - 1];
  if (!keys || keys.has(top.key.split(/[.[]/)[0])) return top.key;
  // Only slots with the very same range as the innermost are in question (at most a service's keys).
  for (let i = open.length - 2; i >= 0 && i >= open.length - 256; i--) {
    const s = open[i];
    if (compare(s.range.start, top.range.start) !== 0 || compare(s.range.end, top.range.end) !== 0) break;
    if (keys.has(s.key.split(/[.[]/)[0])) return s.key;
  }
  return keys.has('') ? '' : top.key;
}

/** The `include:` entries of a compose file. */
function includesOf(model: ConfigModel): ComposeFacts['includes'] {
  const out: ComposeFacts['includes'] = [];
  for (const root of model.roots) {
    const inc = child(root, 'include');
    for (const entry of inc?.children ?? []) {
      const pathNode = entry.children ? child(entry, 'path') : entry;
      if (!pathNode) continue;
      const paths = pathNode.children ? pathNode.children.map((p) => text(p.value)) : [text(pathNode.value)];
      const clean = paths.map((p) => p.trim()).filter((p) => p !== '');
      if (!clean.length) continue;
      const remote = clean.some((p) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || /^git@/.test(p) || p.startsWith('oci:'));
      out.push({ paths: clean, line: entry.range.start.line, ...(remote ? { remote: true as const } : {}) });
    }
  }
  return out;
}

/**
 * For each signal, the service keys its rules read (`privileged`, `cap_add`); '' for rules on the
 * service itself. What tells apart the settings a YAML merge key (`<<: *base`) copied into a service,
 * which all sit at the line of the `<<`.
 */
const keysOfRules = new WeakMap<readonly Rule[], Map<string, Set<string>>>();

function signalKeys(rules: readonly Rule[]): ReadonlyMap<string, ReadonlySet<string>> {
  const known = keysOfRules.get(rules);
  if (known) return known;
  const out = new Map<string, Set<string>>();
  const add = (signals: readonly string[], paths: readonly string[]) => {
    for (const path of paths) {
      const m = /^services\.\*(?:\.([^.]+))?/.exec(path);
      if (!m) continue;
      for (const signal of signals) {
        const set = out.get(signal) ?? new Set<string>();
        set.add(m[1] ?? '');
        out.set(signal, set);
      }
    }
  };
  const visit = (rule: Rule) => {
    if ('first' in rule) for (const r of rule.first) visit(r);
    else if ('absent' in rule) add([rule.signal], rule.scope);
    else if ('signals' in rule) add(rule.signals, rule.paths);
    else add([rule.signal], rule.paths);
  };
  for (const rule of rules) visit(rule);
  keysOfRules.set(rules, out);
  return out;
}

/**
 * What the merge needs of one compose file: its services with the slots they set, its includes, and
 * the service and slot of each finding, placed with the keys `rules` read for each signal.
 */
export function composeFacts(model: ConfigModel, findings: readonly Finding[], rules: readonly Rule[]): ComposeFacts {
  const keysOf = signalKeys(rules);
  const nodes = composeServices(model);
  const services: ComposeServiceFacts[] = nodes.map((s) => {
    const ext = child(s, 'extends');
    let extendsOf: ComposeServiceFacts['extends'];
    if (ext) {
      const service = ext.children ? childString(ext, 'service') : ext.value === null || ext.value === undefined ? undefined : String(ext.value);
      const file = ext.children ? childString(ext, 'file') : undefined;
      if (service?.trim()) extendsOf = { service: service.trim(), ...(file?.trim() ? { file: file.trim() } : {}), line: ext.range.start.line };
    }
    const image = childString(s, 'image');
    const dockerfile = serviceDockerfile(s);
    const target = dockerfile ? serviceBuildTarget(s) : undefined;
    return {
      name: s.key,
      keyRange: s.keyRange,
      ...(extendsOf ? { extends: extendsOf } : {}),
      runnable: !!(image || child(s, 'build') || extendsOf),
      ...(image ? { image } : {}),
      ...(dockerfile ? { build: { dockerfile, ...(target ? { target } : {}) } } : {}),
      slots: slotsOf(s),
    };
  });
  // Each finding's deepest slot: services and their slots come in document order, nested slots after
  // the slot holding them, so one sweep over the findings in order of position places them all.
  const homes: ComposeFacts['homes'] = new Map();
  const order = [...findings].sort((x, y) => compare(x.range.start, y.range.start));
  const byStart = nodes.map((_, i) => i).sort((x, y) => compare(nodes[x].range.start, nodes[y].range.start));
  let next = 0;
  for (const i of byStart) {
    const extent = nodes[i].range;
    while (next < order.length && !before(extent.start, order[next].range.start)) next++;
    const slots = services[i].slots;
    const open: Slot[] = [];
    let s = 0;
    for (; next < order.length && contains(extent, order[next].range.start); next++) {
      const p = order[next].range.start;
      while (s < slots.length && before(slots[s].range.start, p)) {
        while (open.length && !contains(open[open.length - 1].range, slots[s].range.start)) open.pop();
        open.push(slots[s++]);
      }
      while (open.length && !contains(open[open.length - 1].range, p)) open.pop();
      homes.set(order[next], { service: i, slot: slotFor(order[next], open, keysOf) });
    }
  }
  return { services, includes: includesOf(model), homes };
}
