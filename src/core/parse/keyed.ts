// topicAt for tree-shaped formats: find the node under the cursor, then the first KeyTopic whose
// path patterns match it. Keys no topic lists get nothing. A sequence item (a `- value` line) is
// explained by the key that holds the list, with the item's value picking the notes.
import { asTopic, ownPaths, type KeyTopic } from '../knowledge/keyTopic';
import type { TopicHit } from './format';
import { matchPath } from './path';
import type { ConfigNode, Pos, Range } from './types';

export function contains(r: Range, p: Pos): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

/**
 * The innermost node whose key (or scalar value) is under `pos`, with its ancestors. Values count
 * only when they are scalars, so hovering a nested block's blank area shows nothing. Siblings are
 * tried last-first: a block scalar's range can end where the next key begins.
 */
export function nodeAt(roots: readonly ConfigNode[], pos: Pos): ConfigNode[] | null {
  const find = (n: ConfigNode, isRoot: boolean): ConfigNode[] | null => {
    const kids = n.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) {
      if (!contains(kids[i].range, pos)) continue;
      const hit = find(kids[i], false);
      if (hit) return [n, ...hit];
    }
    if (isRoot) return null;
    if (contains(n.keyRange, pos) || (n.children === undefined && n.valueRange && contains(n.valueRange, pos))) return [n];
    return null;
  };
  for (const root of roots) {
    if (!contains(root.range, pos)) continue;
    const hit = find(root, true);
    if (hit) return hit;
  }
  return null;
}

const isIndex = (key: string) => /^\d+$/.test(key);

export function topicForPath(topics: readonly KeyTopic[], path: readonly string[]): KeyTopic | undefined {
  return topics.find((t) => ownPaths(t).some((p) => matchPath(p, path)));
}

function valueNotes(topic: KeyTopic, node: ConfigNode): string[] {
  if (!topic.notes || node.value === undefined || node.value === null) return [];
  const v = node.value;
  return topic.notes
    .filter((n) => (n.match instanceof RegExp ? n.match.test(String(v)) : n.match === v || String(n.match) === String(v)))
    .map((n) => n.note);
}

/** The hit for a position: the node's own topic, or for a list item the topic of the list's key. */
export function keyedTopicAt(topics: readonly KeyTopic[], roots: readonly ConfigNode[], pos: Pos): (TopicHit & { key: KeyTopic; node: ConfigNode }) | null {
  const chain = nodeAt(roots, pos);
  if (!chain) return null;
  const node = chain[chain.length - 1];
  for (let i = chain.length - 1; i >= 1; i--) {
    const n = chain[i];
    const topic = topicForPath(topics, n.path);
    if (topic) {
      const notes = [...valueNotes(topic, node)];
      return { topic: asTopic(topic), key: topic, node: n, range: node.keyRange, ...(notes.length ? { notes } : {}) };
    }
    // Only list items defer to their list's key; an unknown key gets nothing.
    if (!isIndex(n.key)) return null;
  }
  return null;
}
