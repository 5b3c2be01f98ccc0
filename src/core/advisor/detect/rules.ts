// A small declarative rule runner for ConfigNode trees (Compose, Kubernetes, devcontainer.json,
// Vagrant, Packer, Terraform, cloud-init, Lima). A rule names a signal, the key paths it looks at
// and a test on the value; the runner walks the tree once and turns matches into findings with the
// exact range to underline and a message about that very line.
import type { ConfigModel, ConfigNode, Range } from '../../parse/types';
import { ChildNode, pathEndsWith, pathLength, segmentFromEnd } from '../../parse/offsetNode';
import { matchPath, splitPattern } from '../../parse/path';
import { signalById } from '../signals';
import type { Finding } from '../types';

export type Scalar = ConfigNode['value'];

/** A test on a node: a regex over its scalar value, an exact scalar, or a function for the rare rule that needs code. */
export type NodeTest = RegExp | string | number | boolean | ((node: ConfigNode, parent: ConfigNode | undefined) => boolean);

export interface TreeRule {
  signal: string;
  /** Key-path patterns (parse/path.ts); the node must match one of them. */
  paths: readonly string[];
  /** Test on the node's scalar value; without it, the node's presence is enough. */
  when?: NodeTest;
  /** Test on the node's key (maps keyed by name: sysctls, resource names). */
  key?: RegExp;
  /** Underline the key or the value (default: the value when it is a scalar, else the key). */
  at?: 'key' | 'value';
  /** The line-specific part of the message: `{key}`, `{value}` and `{0}`, `{1}`… (path segments) are filled in. */
  say: string;
}

/** For each node only the first matching rule of the list fires (specific cases before a catch-all). */
export interface FirstOf {
  first: readonly TreeRule[];
}

/** Fires on each scope node in which none of the relative patterns match (a service without limits). */
export interface AbsentRule {
  signal: string;
  /** The nodes that should hold something, e.g. `services.*`. */
  scope: readonly string[];
  /** Patterns relative to the scope node. */
  absent: readonly string[];
  /** Only scope nodes passing this test are checked. */
  onlyIf?: (node: ConfigNode) => boolean;
  say: string;
}

/** What a code rule reports for one node. */
export interface Emit {
  signal: string;
  say: string;
  at?: 'key' | 'value';
}

/**
 * For values that need a little reading first (a `src:dst:ro` volume string, a command list): the
 * node's paths as for a TreeRule, then a function that classifies it through the value tables.
 */
export interface CodeRule {
  /** The signals it may emit (for the catalogue coverage test). */
  signals: readonly string[];
  paths: readonly string[];
  emit: (node: ConfigNode, parent: ConfigNode | undefined) => Emit[];
}

export type Rule = TreeRule | FirstOf | AbsentRule | CodeRule;

const isFirstOf = (r: Rule): r is FirstOf => 'first' in r;
const isAbsent = (r: Rule): r is AbsentRule => 'absent' in r;
const isCode = (r: Rule): r is CodeRule => 'emit' in r;

export function scalarText(v: Scalar | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  return String(v);
}

export function testNode(test: NodeTest | undefined, node: ConfigNode, parent: ConfigNode | undefined): boolean {
  if (test === undefined) return true;
  if (typeof test === 'function') return test(node, parent);
  const text = scalarText(node.value);
  if (text === undefined) return false;
  if (test instanceof RegExp) return test.test(text);
  return text.toLowerCase() === String(test).toLowerCase();
}

function fill(template: string, node: ConfigNode): string {
  // A value computed in code (a Ruby variable, an HCL expression) has no literal to quote.
  const computed = node.value === undefined && !node.children ? template.replace(/`\{value\}`/g, '(a value set in code)') : template;
  return computed.replace(/\{(key|value|\d+)\}/g, (_m, what: string) => {
    if (what === 'key') return node.key;
    if (what === 'value') return scalarText(node.value) ?? '';
    // The path's segment, read from its end without making the path.
    const i = pathLength(node) - 1 - Number(what);
    return (i >= 0 && segmentFromEnd(node, i)) || '';
  });
}

/** A finding whose message is the line-specific sentence followed by the signal's reason. */
export function finding(signal: string, file: string, range: Range, specific: string): Finding {
  const reason = signalById(signal)?.reason ?? '';
  const head = specific.trim().replace(/[.:]?$/, '.');
  return { signal, file, range, message: reason ? `${head} ${reason}` : head };
}

function rangeFor(rule: TreeRule, node: ConfigNode): Range {
  const at = rule.at ?? (node.children === undefined && node.valueRange ? 'value' : 'key');
  return at === 'value' && node.valueRange ? node.valueRange : node.keyRange;
}

type PathTest = (node: ConfigNode) => boolean;

/**
 * Whether a node's path matches one of the patterns, with the patterns split once. Patterns without
 * `**` match only paths of their own length, and `**.a.b` only paths that end `a.b`: both are
 * compared from the last (most telling) segment back, through pathEndsWith, which reads a YAML
 * node's keys from its parents without making its path. Other patterns match the whole path.
 */
function pathTest(patterns: readonly string[]): PathTest {
  const exact: string[][] = [];
  const suffixes: string[][] = [];
  const globbed: string[][] = [];
  for (const p of patterns) {
    const segs = splitPattern(p);
    const stars = segs.filter((s) => s === '**').length;
    if (segs.includes('#')) globbed.push(segs);
    else if (stars === 0) exact.push(segs);
    else if (stars === 1 && segs[0] === '**') suffixes.push(segs.slice(1));
    else globbed.push(segs);
  }
  return (node) => {
    for (const segs of exact) if (pathEndsWith(node, segs, true)) return true;
    for (const segs of suffixes) if (pathEndsWith(node, segs, false)) return true;
    for (const segs of globbed) if (matchPath(segs, node.path)) return true;
    return false;
  };
}

type Compiled =
  | { kind: 'code'; rule: CodeRule; at: PathTest }
  | { kind: 'absent'; rule: AbsentRule; at: PathTest }
  | { kind: 'first'; first: { rule: TreeRule; at: PathTest }[] }
  | { kind: 'tree'; rule: TreeRule; at: PathTest };

interface CompiledList {
  list: Compiled[];
  /** Indexes of the rules that can only match a node whose last path segment is the key. */
  byLast: Map<string, number[]>;
  /** Indexes of the rules whose patterns end in a literal then `*` (`**.annotations.*`): the literal is the key. */
  byParent: Map<string, number[]>;
  /** Indexes of the rules with a pattern that ends otherwise (`**`, `*.*`): tried on every node. */
  anyLast: number[];
  /** Last segment -> parent segment (each one the rules file under, or NO_KEY) -> the rules a node with that path end may match, in list order. */
  merged: Map<string, Map<string, number[]>>;
}

/** Rule lists are records that never change: each is compiled once, on its first run. */
const compiledLists = new WeakMap<readonly Rule[], CompiledList>();

function compile(rules: readonly Rule[]): CompiledList {
  let out = compiledLists.get(rules);
  if (!out) {
    const list = rules.map((rule): Compiled => {
      if (isCode(rule)) return { kind: 'code', rule, at: pathTest(rule.paths) };
      if (isAbsent(rule)) return { kind: 'absent', rule, at: pathTest(rule.scope) };
      if (isFirstOf(rule)) return { kind: 'first', first: rule.first.map((r) => ({ rule: r, at: pathTest(r.paths) })) };
      return { kind: 'tree', rule, at: pathTest(rule.paths) };
    });
    const byLast = new Map<string, number[]>();
    const byParent = new Map<string, number[]>();
    const anyLast: number[] = [];
    const add = (m: Map<string, number[]>, key: string, i: number) => {
      const list = m.get(key) ?? [];
      if (list[list.length - 1] !== i) list.push(i);
      m.set(key, list);
    };
    rules.forEach((rule, i) => {
      const patterns = isFirstOf(rule) ? rule.first.flatMap((r) => r.paths) : isAbsent(rule) ? rule.scope : rule.paths;
      // What each pattern needs of a path's end: its last segment, or (after `*` or `#`) the one before.
      const literal = (seg: string | undefined) => seg !== undefined && seg !== '*' && seg !== '**' && seg !== '#';
      const needs = patterns.map((p): [Map<string, number[]>, string] | null => {
        const segs = splitPattern(p);
        const last = segs[segs.length - 1];
        const parent = segs[segs.length - 2];
        if (literal(last)) return [byLast, last];
        if ((last === '*' || last === '#') && literal(parent)) return [byParent, parent];
        return null;
      });
      // A rule is filed under every key its patterns need; one pattern that needs none puts it in anyLast.
      if (needs.some((n) => n === null)) anyLast.push(i);
      else for (const [m, key] of needs as [Map<string, number[]>, string][]) add(m, key, i);
    });
    out = { list, byLast, byParent, anyLast, merged: new Map() };
    compiledLists.set(rules, out);
  }
  return out;
}

/**
 * The rules that may match a node's path, in list order: those filed under its last segment, under the
 * segment before it, and those filed under none, merged once for each pair of keys the rules file
 * under. Only the path's end is read, so a node that can tell it without its path (segmentFromEnd)
 * makes none. The merged lists are kept by the rules' own keys, never by a file's: kept by every
 * path end ever seen, they grew with each file read and held on to the files' text (the keys were
 * slices of it) for as long as the extension ran.
 */
function candidates(c: CompiledList, node: ConfigNode): number[] {
  // The last two segments, read without an object for them: this runs for every node of a file.
  const last = segmentFromEnd(node, 0);
  const parent = last === undefined ? undefined : segmentFromEnd(node, 1);
  const keyed = last === undefined ? undefined : c.byLast.get(last);
  const parented = parent === undefined ? undefined : c.byParent.get(parent);
  if (!keyed && !parented) return c.anyLast;
  const lastKey = keyed ? last! : NO_KEY;
  const parentKey = parented ? parent! : NO_KEY;
  let byParent = c.merged.get(lastKey);
  if (!byParent) c.merged.set(lastKey, (byParent = new Map()));
  let list = byParent.get(parentKey);
  if (!list) {
    list = [...new Set([...(keyed ?? []), ...(parented ?? []), ...c.anyLast])].sort((a, b) => a - b);
    byParent.set(parentKey, list);
  }
  return list;
}

/** Stands for "no key the rules file under" in CompiledList.merged (no rule files under a lone surrogate). */
const NO_KEY = '\ud800';

function matches(rule: TreeRule, at: PathTest, node: ConfigNode, parent: ConfigNode | undefined): boolean {
  if (!at(node)) return false;
  if (rule.key && !rule.key.test(node.key)) return false;
  return testNode(rule.when, node, parent);
}

function* descendants(node: ConfigNode): Generator<ConfigNode> {
  for (const c of node.children ?? []) {
    yield c;
    yield* descendants(c);
  }
}

/** Whether a node holds something: `securityContext: {}` or `limits: null` (a chart's empty default) does not. */
const holds = (n: ConfigNode) => (n.children ? n.children.length > 0 : n.value !== null && n.value !== undefined && n.value !== '');

function hasRelative(scope: ConfigNode, patterns: readonly string[]): boolean {
  if (scope instanceof ChildNode) {
    // Below a YAML node each child adds its key to the path: the relative path is kept as a stack of
    // keys on the way down, and no descendant's own path is made.
    const rel: string[] = [];
    const below = (node: ConfigNode): boolean => {
      for (const c of node.children ?? []) {
        rel.push(c.key);
        const hit = (holds(c) && patterns.some((p) => matchPath(p, rel))) || below(c);
        rel.pop();
        if (hit) return true;
      }
      return false;
    };
    return below(scope);
  }
  const base = scope.path.length;
  for (const d of descendants(scope)) {
    const rel = d.path.slice(base);
    if (holds(d) && patterns.some((p) => matchPath(p, rel))) return true;
  }
  return false;
}

/** Runs the rules over every root of a model. */
export function runRules(model: ConfigModel, rules: readonly Rule[]): Finding[] {
  const out: Finding[] = [];
  const compiled = compile(rules);
  const visit = (node: ConfigNode, parent: ConfigNode | undefined) => {
    for (const index of candidates(compiled, node)) {
      const c = compiled.list[index];
      if (c.kind === 'code') {
        const rule = c.rule;
        if (!c.at(node)) continue;
        for (const e of rule.emit(node, parent)) {
          const range = (e.at ?? (node.valueRange ? 'value' : 'key')) === 'value' && node.valueRange ? node.valueRange : node.keyRange;
          out.push(finding(e.signal, model.file, range, fill(e.say, node)));
        }
      } else if (c.kind === 'absent') {
        const rule = c.rule;
        if (c.at(node) && (!rule.onlyIf || rule.onlyIf(node)) && !hasRelative(node, rule.absent)) {
          out.push(finding(rule.signal, model.file, node.keyRange, fill(rule.say, node)));
        }
      } else if (c.kind === 'first') {
        const hit = c.first.find((r) => matches(r.rule, r.at, node, parent))?.rule;
        if (hit) out.push(finding(hit.signal, model.file, rangeFor(hit, node), fill(hit.say, node)));
      } else if (matches(c.rule, c.at, node, parent)) {
        out.push(finding(c.rule.signal, model.file, rangeFor(c.rule, node), fill(c.rule.say, node)));
      }
    }
    for (const c of node.children ?? []) visit(c, node);
  };
  for (const root of model.roots) visit(root, undefined);
  return out;
}

/** The signal ids a rule list can emit (for the catalogue coverage test). */
export function signalsOf(rules: readonly Rule[]): string[] {
  return rules.flatMap((r) => (isFirstOf(r) ? r.first.map((x) => x.signal) : isCode(r) ? [...r.signals] : [r.signal]));
}

/** Every rule of a value table as a TreeRule over the given paths (one table, many formats). */
export function fromTable(table: readonly ValueRule[], paths: readonly string[], say: (r: ValueRule) => string = (r) => r.say): FirstOf {
  return { first: table.map((r) => ({ signal: r.signal, paths, when: r.test, say: say(r) })) };
}

/** A value-level rule: a regex over a string (an image, a path, a command) and what it means. */
export interface ValueRule {
  signal: string;
  test: RegExp;
  /** `{match}` is replaced by the matched text. */
  say: string;
}

/** The message of a value rule for a text it matched. */
export function sayFor(rule: ValueRule, text: string): string {
  const m = rule.test.exec(text);
  const match = (m?.[0] ?? '').trim().replace(/^["'\[,;&|(\s]+|["'\],\s]+$/g, '');
  return rule.say.replace('{match}', match.length > 60 ? match.slice(0, 57) + '...' : match);
}

/** Child scalars of a list node, or the node's own scalar, joined: `command: [a, b]` reads as `a b`. */
export function textOf(node: ConfigNode): string {
  if (node.children) return node.children.map((c) => scalarText(c.value) ?? '').join(' ');
  return scalarText(node.value) ?? '';
}

/** The first rule of a table whose regex matches the text. */
export function classify(table: readonly ValueRule[], text: string): ValueRule | undefined {
  return table.find((r) => r.test.test(text));
}

/** Every rule of a table whose regex matches (commands can carry several signals). */
export function classifyAll(table: readonly ValueRule[], text: string): ValueRule[] {
  return table.filter((r) => r.test.test(text));
}
