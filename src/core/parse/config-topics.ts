// Position lookup and topic matching shared by the tree-shaped formats that explain keys by path
// pattern (devcontainer, Vagrant, Packer, Terraform). Knowledge stays in records (KeyTopic); this
// file only finds the node under the cursor and the first record whose pattern matches it.
import { asTopic, type KeyTopic, type ValueNote } from '../knowledge/keyTopic';
import type { ConfigModel, ConfigNode, Pos, Range } from './types';
import type { TopicHit } from './format';
import { Lines } from './lines';
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
  return topics.find((t) => t.paths.some((p) => matchesNode(p, node)));
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

/**
 * The topic at a position: the innermost node whose key (or scalar value) is under the cursor, and
 * the first topic matching that node. Unknown keys give null: no hover rather than a guess.
 */
export function keyTopicAt<T extends KeyTopic>(model: ConfigModel, pos: Pos, topics: readonly T[]): TopicHit | null {
  let best: { node: ConfigNode; range: Range } | undefined;
  for (const n of walk(model.roots)) {
    if (n.path.length === 0) continue;
    // A value counts only when scalar: hovering blank space inside a block says nothing.
    for (const r of [n.keyRange, n.value !== undefined ? n.valueRange : undefined]) {
      // Ties go to the deeper (later) node: a child's key can end where its parent's value ends.
      if (r && contains(r, pos) && (!best || size(r) <= size(best.range))) best = { node: n, range: r };
    }
  }
  if (!best) return null;
  const topic = topicForNode(topics, best.node);
  if (!topic) return null;
  const notes = notesFor(topic, best.node);
  return notes.length ? { topic: asTopic(topic), range: best.range, notes } : { topic: asTopic(topic), range: best.range };
}

/** A whole-text range. */
export function wholeRange(lines: Lines): Range {
  return lines.range(0, lines.text.length);
}

/** The folder name of a path, for naming a workload after it. */
export function folderName(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/');
  parts.pop();
  const last = parts.pop();
  return last && last !== '.' ? last : file;
}
