// A small declarative rule runner for ConfigNode trees (Compose, Kubernetes, devcontainer.json,
// Vagrant, Packer, Terraform, cloud-init, Lima). A rule names a signal, the key paths it looks at
// and a test on the value; the runner walks the tree once and turns matches into findings with the
// exact range to underline and a message about that very line.
import type { ConfigModel, ConfigNode, Range } from '../../parse/types';
import { matchPath } from '../../parse/path';
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
  return template.replace(/\{(key|value|\d+)\}/g, (_m, what: string) => {
    if (what === 'key') return node.key;
    if (what === 'value') return scalarText(node.value) ?? '';
    return node.path[Number(what)] ?? '';
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

function matches(rule: TreeRule, node: ConfigNode, parent: ConfigNode | undefined): boolean {
  if (!rule.paths.some((p) => matchPath(p, node.path))) return false;
  if (rule.key && !rule.key.test(node.key)) return false;
  return testNode(rule.when, node, parent);
}

function* descendants(node: ConfigNode): Generator<ConfigNode> {
  for (const c of node.children ?? []) {
    yield c;
    yield* descendants(c);
  }
}

function hasRelative(scope: ConfigNode, patterns: readonly string[]): boolean {
  const base = scope.path.length;
  for (const d of descendants(scope)) {
    const rel = d.path.slice(base);
    if (patterns.some((p) => matchPath(p, rel))) return true;
  }
  return false;
}

/** Runs the rules over every root of a model. */
export function runRules(model: ConfigModel, rules: readonly Rule[]): Finding[] {
  const out: Finding[] = [];
  const visit = (node: ConfigNode, parent: ConfigNode | undefined) => {
    for (const rule of rules) {
      if (isCode(rule)) {
        if (!rule.paths.some((p) => matchPath(p, node.path))) continue;
        for (const e of rule.emit(node, parent)) {
          const range = (e.at ?? (node.valueRange ? 'value' : 'key')) === 'value' && node.valueRange ? node.valueRange : node.keyRange;
          out.push(finding(e.signal, model.file, range, fill(e.say, node)));
        }
      } else if (isAbsent(rule)) {
        if (rule.scope.some((p) => matchPath(p, node.path)) && (!rule.onlyIf || rule.onlyIf(node)) && !hasRelative(node, rule.absent)) {
          out.push(finding(rule.signal, model.file, node.keyRange, fill(rule.say, node)));
        }
      } else if (isFirstOf(rule)) {
        const hit = rule.first.find((r) => matches(r, node, parent));
        if (hit) out.push(finding(hit.signal, model.file, rangeFor(hit, node), fill(hit.say, node)));
      } else if (matches(rule, node, parent)) {
        out.push(finding(rule.signal, model.file, rangeFor(rule, node), fill(rule.say, node)));
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
