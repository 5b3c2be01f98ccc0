// The project config file, `.container-or-vm.yaml` at a workspace root (or `--config FILE`): text in,
// a validated config or errors out. Pure: callers read the file (the CLI through Node, the editor
// through vscode.workspace.fs, the scan through the ReadOnlyFs) and hand the text here. Every error
// names the line it is on; a key this file does not know is an error, never ignored.
//
//   exclude:   [glob, …]                    added to --exclude / containerOrVm.exclude
//   fail-on:   container-hardened | sandboxed | vm    (a CLI --fail-on overrides it)
//   roles:     { glob: role, … }            as --role GLOB=ROLE (CLI rules come first)
//   ignore:    [{ signal, path?, reason }]  findings of that signal (under that path) are suppressed
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { ROLES, type Role, type RoleRule } from '../advisor/roles';
import { signalById } from '../advisor/signals';
import type { Range } from '../parse/types';

export const CONFIG_FILE_NAME = '.container-or-vm.yaml';

/** The verdicts `fail-on` takes, as `advise --fail-on`. */
export const FAIL_ON_VALUES = ['container-hardened', 'sandboxed', 'vm'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

/** The top-level keys, and the keys of an `ignore` entry (the schema must list the same). */
export const CONFIG_KEYS = ['exclude', 'fail-on', 'roles', 'ignore'] as const;
export const IGNORE_KEYS = ['signal', 'path', 'reason'] as const;
export const IGNORE_REQUIRED = ['signal', 'reason'] as const;

/** A config `ignore` entry, with the file and 1-based line it was written on. */
export interface IgnoreRule {
  signal: string;
  path?: string;
  reason: string;
  file: string;
  line: number;
}

export interface ProjectConfig {
  /** The config file's name as given (for messages). */
  file: string;
  exclude: string[];
  failOn?: FailOn;
  roles: RoleRule[];
  ignore: IgnoreRule[];
}

export interface ConfigError {
  file: string;
  /** 1-based. */
  line: number;
  message: string;
  /** 0-based, for an editor's diagnostic. */
  range: Range;
}

export interface ConfigResult {
  /** Set when there is no error. */
  config?: ProjectConfig;
  errors: ConfigError[];
}

/** `FILE:LINE: message`, as the CLI prints it. */
export function formatConfigError(e: ConfigError): string {
  return `${e.file}:${e.line}: ${e.message}`;
}

/** An empty config (no file). */
export function emptyConfig(file = CONFIG_FILE_NAME): ProjectConfig {
  return { file, exclude: [], roles: [], ignore: [] };
}

/** Validates the text of a config file. `knownSignal` defaults to the signal catalogue. */
export function parseProjectConfig(text: string, file: string = CONFIG_FILE_NAME, knownSignal: (id: string) => boolean = (id) => signalById(id) !== undefined): ConfigResult {
  const lines = new LineCounter();
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const errors: ConfigError[] = [];
  const rangeOf = (offsets: readonly number[] | undefined): Range => {
    const [s, e] = offsets ?? [0, 0];
    const a = lines.linePos(s);
    const b = lines.linePos(Math.max(s, e));
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  };
  const fail = (node: { range?: readonly number[] | null } | null | undefined, message: string) => {
    const range = rangeOf(node?.range ?? undefined);
    errors.push({ file, line: range.start.line + 1, message, range });
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    const range = rangeOf(e.pos);
    errors.push({ file, line: range.start.line + 1, message: `not valid YAML: ${e.message.split('\n')[0]}`, range });
  }
  if (errors.length) return { errors };
  const config = emptyConfig(file);
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, errors };
  if (!isMap(root)) {
    fail(root, 'the config must be a mapping of exclude, fail-on, roles and ignore');
    return { errors };
  }

  const stringOf = (node: unknown): string | undefined => (isScalar(node) && typeof node.value === 'string' ? node.value : undefined);
  const globList = (node: unknown, key: string): string[] => {
    if (!isSeq(node)) {
      fail(node as YamlNode, `${key} must be a list of globs`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      const s = stringOf(item);
      if (s === undefined || s.trim() === '') fail(item as YamlNode, `each ${key} entry must be a non-empty glob (a string)`);
      else out.push(s);
    }
    return out;
  };

  for (const pair of root.items) {
    const key = stringOf(pair.key);
    const value = pair.value;
    if (key === undefined || !(CONFIG_KEYS as readonly string[]).includes(key)) {
      fail(pair.key as YamlNode, `unknown key ${JSON.stringify(isScalar(pair.key) ? String(pair.key.value) : String(pair.key))}: the keys are ${CONFIG_KEYS.join(', ')}`);
      continue;
    }
    if (key === 'exclude') config.exclude = globList(value, 'exclude');
    else if (key === 'fail-on') {
      const s = stringOf(value);
      if (s === undefined || !(FAIL_ON_VALUES as readonly string[]).includes(s)) fail((value ?? pair.key) as YamlNode, `fail-on must be one of ${FAIL_ON_VALUES.join(', ')}`);
      else config.failOn = s as FailOn;
    } else if (key === 'roles') {
      if (!isMap(value)) {
        fail((value ?? pair.key) as YamlNode, `roles must map globs to a role (${ROLES.join(', ')})`);
        continue;
      }
      for (const r of value.items) {
        const glob = stringOf(r.key);
        const role = stringOf(r.value);
        if (glob === undefined || glob.trim() === '') fail(r.key as YamlNode, 'each roles key must be a non-empty glob');
        else if (role === undefined || !(ROLES as readonly string[]).includes(role)) fail((r.value ?? r.key) as YamlNode, `the role of ${glob} must be one of ${ROLES.join(', ')}`);
        else config.roles.push({ glob, role: role as Role });
      }
    } else {
      if (!isSeq(value)) {
        fail((value ?? pair.key) as YamlNode, 'ignore must be a list of { signal, path, reason } entries');
        continue;
      }
      for (const item of value.items) {
        if (!isMap(item)) {
          fail(item as YamlNode, 'each ignore entry must be a mapping with signal, reason and optionally path');
          continue;
        }
        const entry: Partial<IgnoreRule> = {};
        let ok = true;
        for (const p of item.items) {
          const k = stringOf(p.key);
          if (k === undefined || !(IGNORE_KEYS as readonly string[]).includes(k)) {
            fail(p.key as YamlNode, `unknown key ${JSON.stringify(isScalar(p.key) ? String(p.key.value) : String(p.key))} in an ignore entry: the keys are ${IGNORE_KEYS.join(', ')}`);
            ok = false;
            continue;
          }
          const v = stringOf(p.value);
          if (v === undefined || v.trim() === '') {
            fail((p.value ?? p.key) as YamlNode, `${k} must be a non-empty string`);
            ok = false;
          } else if (k === 'signal' && !knownSignal(v)) {
            fail(p.value as YamlNode, `unknown signal ${JSON.stringify(v)} (the ids are listed in docs/signals.md)`);
            ok = false;
          } else entry[k as 'signal' | 'path' | 'reason'] = v;
        }
        for (const k of IGNORE_REQUIRED) {
          if (ok && entry[k] === undefined) {
            fail(item, k === 'reason' ? 'an ignore entry needs a reason: say why the finding is accepted' : 'an ignore entry needs a signal id');
            ok = false;
          }
        }
        if (ok) config.ignore.push({ signal: entry.signal!, ...(entry.path !== undefined ? { path: entry.path } : {}), reason: entry.reason!, file, line: rangeOf(item.range ?? undefined).start.line + 1 });
      }
    }
  }
  return errors.length ? { errors } : { config, errors };
}
