// Position lookup and topic matching shared by the tree-shaped formats that explain keys by path
// pattern (devcontainer, Vagrant, Packer, Terraform). Knowledge stays in records (KeyTopic); this
// file only finds the node under the cursor and the first record whose pattern matches it.
import { asTopic, ownPaths, type KeyTopic, type ValueNote } from '../knowledge/keyTopic';
import type { ConfigModel, ConfigNode, Pos, Range } from './types';
import type { TopicHit } from './format';
import { Lines } from './lines';
import { pathLength } from './offsetNode';
import { matchPath } from './path';

export { Lines };

/**
 * Topics are the shared KeyTopic records (knowledge/keyTopic.ts). A pattern here may also end in
 * `=value` to match only nodes whose scalar value equals it (case-insensitive): that is how
 * `builders.*.type=qemu` in a JSON Packer template finds the same topic as `source.qemu.*` in HCL.
 */
export type { KeyTopic };


export function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether `pos` is inside `r` (end inclusive, so a cursor just after a key still counts). */
export function contains(r: Range, pos: Pos): boolean {
  return !before(pos, r.start) && !before(r.end, pos);
}

function size(r: Range): number {
  return (r.end.line - r.start.line) * 100000 + (r.end.character - r.start.character);
}

/** Every node of the model, depth first. */
export function* walk(nodes: readonly ConfigNode[]): Generator<ConfigNode> {
  for (const n of nodes) {
    yield n;
    if (n.children) yield* walk(n.children);
  }
}

/** Whether a pattern (optionally with `=value`) matches a node. */
export function matchesNode(pattern: string, node: ConfigNode): boolean {
  const eq = pattern.indexOf('=');
  if (eq < 0) return matchPath(pattern, node.path);
  if (!matchPath(pattern.slice(0, eq), node.path)) return false;
  return node.value !== undefined && node.value !== null && String(node.value).toLowerCase() === pattern.slice(eq + 1).toLowerCase();
}

/** The first topic (in table order) one of whose patterns matches the node. */
export function topicForNode<T extends KeyTopic>(topics: readonly T[], node: ConfigNode): T | undefined {
  return topics.find((t) => ownPaths(t).some((p) => matchesNode(p, node)));
}

/** What notes are tested on: the node's own value, its key (a Feature id, a provider name), its items' values. */
function scalarValues(node: ConfigNode): string[] {
  const out: string[] = [];
  if (node.value !== undefined && node.value !== null) out.push(String(node.value));
  if (!/^\d+$/.test(node.key)) out.push(node.path[node.path.length - 1] ?? node.key);
  for (const c of node.children ?? []) if (c.value !== undefined && c.value !== null) out.push(String(c.value));
  return out;
}

function noteMatches(n: ValueNote, value: string): boolean {
  return n.match instanceof RegExp ? n.match.test(value) : String(n.match) === value;
}

/** Line notes for a node: each value (its own, or its items') that a topic's note matches. */
export function notesFor(topic: KeyTopic, node: ConfigNode): string[] {
  const out: string[] = [];
  for (const value of scalarValues(node)) {
    for (const n of topic.notes ?? []) {
      if (noteMatches(n, value)) {
        const line = `\`${value.length > 80 ? value.slice(0, 77) + '...' : value}\`: ${n.note}`;
        if (!out.includes(line)) out.push(line);
      }
    }
  }
  return out;
}

/** The ranges a hover can land on (keys, scalar values), in walk order, sorted by start. */
interface TopicIndex {
  nodes: ConfigNode[];
  ranges: Range[];
  /** Each range's place in walk order (a node's key before its value). */
  seq: Int32Array;
  /** Per block of BLOCK ranges in start order, the latest end among them. */
  blockEnds: Pos[];
}

const BLOCK = 32;

/** Built on a model's first hover: models are read only once parsed. */
const indexes = new WeakMap<ConfigModel, TopicIndex>();

function topicIndexOf(model: ConfigModel): TopicIndex {
  let index = indexes.get(model);
  if (index) return index;
  const nodes: ConfigNode[] = [];
  const ranges: Range[] = [];
  // An explicit stack, each node before its children: walk's order, without a generator per level.
  const stack: ConfigNode[] = [];
  for (let i = model.roots.length - 1; i >= 0; i--) stack.push(model.roots[i]);
  while (stack.length) {
    const n = stack.pop()!;
    if (pathLength(n) > 0) {
      for (const r of [n.keyRange, n.value !== undefined ? n.valueRange : undefined]) {
        if (!r) continue;
        nodes.push(n);
        ranges.push(r);
      }
    }
    const children = n.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  const order = ranges.map((_, i) => i).sort((a, b) => compare(ranges[a].start, ranges[b].start) || a - b);
  const seq = new Int32Array(order);
  const sortedNodes = order.map((i) => nodes[i]);
  const sortedRanges = order.map((i) => ranges[i]);
  const blockEnds: Pos[] = [];
  for (let b = 0; b < sortedRanges.length; b += BLOCK) {
    let end = sortedRanges[b].end;
    for (let i = b + 1; i < Math.min(b + BLOCK, sortedRanges.length); i++) if (before(end, sortedRanges[i].end)) end = sortedRanges[i].end;
    blockEnds.push(end);
  }
  index = { nodes: sortedNodes, ranges: sortedRanges, seq, blockEnds };
  indexes.set(model, index);
  return index;
}

const compare = (a: Pos, b: Pos) => a.line - b.line || a.character - b.character;

/**
 * The topic at a position: the innermost node whose key (or scalar value) is under the cursor, and
 * the first topic matching that node. Unknown keys give null: no hover rather than a guess.
 * The ranges are indexed once per model, sorted by start, with the latest end of each block of them:
 * only blocks that reach the position are read (walking the whole tree on every hover took 100 ms on
 * a 2 MB Vagrantfile).
 */
export function keyTopicAt<T extends KeyTopic>(model: ConfigModel, pos: Pos, topics: readonly T[]): TopicHit | null {
  const { nodes, ranges, seq, blockEnds } = topicIndexOf(model);
  // The ranges that start at or before the position: a prefix in start order.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(pos, ranges[mid].start)) hi = mid;
    else lo = mid + 1;
  }
  let best = -1;
  for (let b = 0; b * BLOCK < lo; b++) {
    if (before(blockEnds[b], pos)) continue;
    for (let i = b * BLOCK; i < Math.min((b + 1) * BLOCK, lo); i++) {
      const r = ranges[i];
      if (!contains(r, pos)) continue;
      // Ties go to the deeper (later) node: a child's key can end where its parent's value ends.
      if (best < 0 || size(r) < size(ranges[best]) || (size(r) === size(ranges[best]) && seq[i] > seq[best])) best = i;
    }
  }
  if (best < 0) return null;
  const node = nodes[best];
  const topic = topicForNode(topics, node);
  if (!topic) return null;
  const notes = notesFor(topic, node);
  return notes.length ? { topic: asTopic(topic), range: ranges[best], notes } : { topic: asTopic(topic), range: ranges[best] };
}

/** A whole-text range. */
export function wholeRange(lines: Lines): Range {
  return lines.range(0, lines.text.length);
}

/**
 * The name of the one machine a Vagrantfile defines without `config.vm.define`: its folder's for a
 * file named Vagrantfile, else the file's own (`vagrantfile-windows.template`, kept beside others).
 */
export function vagrantfileName(file: string): string {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? file;
  return /^vagrantfile$/i.test(base) || base === '' ? folderName(file) : base;
}

/**
 * The name of the one machine a Vagrantfile's `config.vm.define` names: the name as written, or,
 * when it is a Ruby expression the files do not decide (`vconfig['vagrant_machine_name']`,
 * `settings.name`), the Vagrantfile's, as for a file that defines one machine without a name. (Of
 * several, each keeps its expression: `o[:name]` says it comes from a loop.) An interpolated name (`"node-#{i}"`) reads
 * well as it is.
 */
export function machineName(key: string, file: string): string {
  return /[[\]()]|^[a-z_]\w*\.\w/.test(key) ? vagrantfileName(file) : key;
}

const REPOSITORY_MOUNT = /^\s*["']\.\/?["']\s*,/;
/** `disabled: true` (`:disabled => true`): the box's image templates turn the default mount off. */
const DISABLED = /\bdisabled\s*(:|=>)\s*true\b/;

/**
 * Why a Vagrant machine is a development environment, if it mounts the repository's own folder
 * (`synced_folder '.', 'C:\GitLab-Runner'`) to build or run the code from it: `own` are the nodes of
 * its define block (or of the whole file for its one machine), `shared` the file's top-level ones.
 */
export function vagrantDevelopmentHint(own: readonly ConfigNode[], shared: readonly ConfigNode[] = []): { role: 'development'; reason: string; weak: true } | undefined {
  const mounts = (n: ConfigNode) => {
    const p = n.path;
    return p.length >= 2 && p[p.length - 1] === 'synced_folder' && p[p.length - 2] === 'vm' && typeof n.value === 'string' && REPOSITORY_MOUNT.test(n.value) && !DISABLED.test(n.value);
  };
  const hit = [...walk(own)].some(mounts) || shared.some(mounts);
  return hit ? { role: 'development', reason: "it mounts the repository's own folder (`synced_folder '.'`) to work on the code", weak: true } : undefined;
}

/** The folder name of a path, for naming a workload after it. */
export function folderName(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/');
  parts.pop();
  const last = parts.pop();
  return last && last !== '.' ? last : file;
}
