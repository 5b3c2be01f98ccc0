// A recorded stand-in for the `vscode` module, so the extension's bundle and providers can be loaded
// and timed in plain Node. Every namespace is a Proxy: unknown members are callable, constructible
// and return further stand-ins; registrations are recorded so a run can check what activate() did.
// Only what the timed paths read is real: settings return their defaults, no other extension is
// installed, and the value classes (Position, Range, MarkdownString, Hover) keep their fields.
import { readFileSync } from 'node:fs';
import * as l10n from '@vscode/l10n';
import Module, { createRequire } from 'node:module';

export interface Recorded {
  /** `languages.registerHoverProvider`, `commands.registerCommand`, ... in call order. */
  calls: string[];
  /** The arguments of each recorded call, by call name. */
  args: Map<string, unknown[][]>;
}

export const recorded: Recorded = { calls: [], args: new Map() };

const disposable = () => ({ dispose() {} });

/** A function that is also an object: any member, call or `new` gives another stand-in. */
function standIn(path: string): unknown {
  const target = function () {} as unknown as Record<string | symbol, unknown>;
  return new Proxy(target, {
    get(t, key) {
      if (key === 'then') return undefined; // not a thenable
      if (key === Symbol.toPrimitive) return () => path;
      if (typeof key === 'symbol') return t[key];
      if (!(key in t)) t[key] = standIn(`${path}.${key}`);
      return t[key];
    },
    apply() {
      if (/\.(register|on|create)\w*$/.test(path)) recorded.calls.push(path);
      return Object.assign(standIn(`${path}()`) as object, disposable());
    },
    construct() {
      return standIn(`new ${path}`) as object;
    },
  });
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    if (typeof a === 'number') {
      this.start = new Position(a, b as number);
      this.end = new Position(c ?? 0, d ?? 0);
    } else {
      this.start = a;
      this.end = b as Position;
    }
  }
}

class MarkdownString {
  isTrusted?: boolean | { enabledCommands: readonly string[] };
  supportHtml = false;
  constructor(public value = '') {}
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
}

class Hover {
  constructor(
    readonly contents: MarkdownString | MarkdownString[],
    readonly range?: Range,
  ) {}
}

class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: unknown,
  ) {}
}

class Diagnostic {
  source?: string;
  code?: unknown;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity?: number,
  ) {}
}

/** Records its replacements, so a quick fix's edits can be read back. */
class WorkspaceEdit {
  readonly replaced: { uri: string; range: Range; newText: string }[] = [];
  replace(uri: { toString(): string }, range: Range, newText: string): void {
    this.replaced.push({ uri: uri.toString(), range, newText });
  }
}

class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind?: unknown,
  ) {}
}

class Disposable {
  constructor(private readonly fn: () => void = () => {}) {}
  static from(...ds: { dispose(): unknown }[]) {
    return new Disposable(() => ds.forEach((d) => d.dispose()));
  }
  dispose() {
    this.fn();
  }
}

class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return disposable();
  };
  fire(e: T) {
    for (const l of this.listeners) l(e);
  }
  dispose() {
    this.listeners = [];
  }
}

/** A namespace whose listed members are real and the rest are stand-ins. */
function namespace(name: string, members: Record<string, unknown>): unknown {
  const base = standIn(name) as Record<string, unknown>;
  return new Proxy(base, {
    get(t, key) {
      if (typeof key === 'string' && key in members) {
        const m = members[key];
        if (typeof m === 'function' && /^(register|on|create)/.test(key)) {
          return (...args: unknown[]) => {
            recorded.calls.push(`${name}.${key}`);
            recorded.args.set(`${name}.${key}`, [...(recorded.args.get(`${name}.${key}`) ?? []), args]);
            return (m as (...a: unknown[]) => unknown)(...args);
          };
        }
        return m;
      }
      return Reflect.get(t, key);
    },
  });
}

const configuration = { get: <T>(_key: string, dflt?: T) => dflt, has: () => false, inspect: () => undefined, update: async () => {} };

export const fakeVscode: Record<string, unknown> = {
  Position,
  Range,
  MarkdownString,
  Hover,
  Disposable,
  EventEmitter,
  CodeLens,
  Diagnostic,
  WorkspaceEdit,
  CodeAction,
  CodeActionTriggerKind: { Invoke: 1, Automatic: 2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  // @vscode/l10n with no bundle fills in the English message as vscode.l10n.t does.
  l10n: { t: l10n.t, bundle: undefined, uri: undefined },
  Uri: namespace('Uri', {
    parse: (s: string) => ({ scheme: s.split(':')[0], toString: () => s }),
    file: (p: string) => ({ scheme: 'file', fsPath: p, path: p, toString: () => `file://${p}` }),
    joinPath: (u: { path: string }, ...parts: string[]) => ({ scheme: 'file', fsPath: [u.path, ...parts].join('/'), path: [u.path, ...parts].join('/'), toString: () => `file://${[u.path, ...parts].join('/')}` }),
  }),
  workspace: namespace('workspace', {
    getConfiguration: () => configuration,
    workspaceFolders: undefined,
    getWorkspaceFolder: () => undefined,
    textDocuments: [],
    onDidChangeConfiguration: disposable,
    onDidCloseTextDocument: disposable,
    onDidOpenTextDocument: disposable,
    onDidChangeTextDocument: disposable,
    onDidSaveTextDocument: disposable,
  }),
  extensions: namespace('extensions', { getExtension: () => undefined, all: [] }),
  languages: namespace('languages', {
    // Every document handed to the providers here is one of ours.
    match: () => 10,
    registerHoverProvider: disposable,
    registerCodeLensProvider: disposable,
    registerCodeActionsProvider: disposable,
    createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }),
  }),
  commands: namespace('commands', { registerCommand: disposable, executeCommand: async () => undefined }),
  window: namespace('window', {
    createOutputChannel: () => ({ appendLine() {}, append() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {}, show() {}, dispose() {} }),
    registerWebviewPanelSerializer: disposable,
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    onDidChangeActiveTextEditor: disposable,
    activeTextEditor: undefined,
  }),
};

// esbuild's CommonJS interop copies a module's own property names once, so every name the real API
// exports must exist up front: take them from the API's type declarations. With them, the module is a
// plain object like the real one (a Proxy would make that copy slower than VS Code's).
let complete = false;
try {
  const dts = readFileSync(createRequire(`${process.cwd()}/`).resolve('@types/vscode/index.d.ts'), 'utf8');
  for (const m of dts.matchAll(/^\s*export (?:declare )?(?:namespace|class|enum|const|let|function) (\w+)/gm)) {
    if (!(m[1] in fakeVscode)) fakeVscode[m[1]] = standIn(m[1]);
  }
  complete = true;
} catch {
  // Without the declarations only the names above (and any read before the interop copy) exist.
}

const vscodeProxy = new Proxy(fakeVscode, {
  get(t, key) {
    if (typeof key === 'string' && !(key in t)) t[key] = standIn(key);
    return Reflect.get(t, key);
  },
});

/** A stand-in for the ExtensionContext activate() receives. */
export function fakeContext(root: string): unknown {
  return new Proxy(
    {
      subscriptions: [] as { dispose(): unknown }[],
      extensionUri: { scheme: 'file', fsPath: root, path: root, toString: () => `file://${root}` },
      extensionPath: root,
      globalState: { get: () => undefined, update: async () => {}, keys: () => [] },
      workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
    } as Record<string | symbol, unknown>,
    {
      get(t, key) {
        if (typeof key === 'string' && !(key in t)) t[key] = standIn(`context.${key}`);
        return Reflect.get(t, key);
      },
    },
  );
}

const FAKE_ID = '\0bench-vscode';

/** Makes `require('vscode')` return the stand-in in this process, from now on. */
export function installFakeVscode(): void {
  const M = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
    _cache: Record<string, unknown>;
  };
  const original = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return FAKE_ID;
    return original.call(this, request, ...rest);
  };
  const m = new Module(FAKE_ID);
  m.exports = complete ? fakeVscode : vscodeProxy;
  m.loaded = true;
  M._cache[FAKE_ID] = m;
}

installFakeVscode();
