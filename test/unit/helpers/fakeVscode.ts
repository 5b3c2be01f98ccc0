// A stand-in for the `vscode` module, just large enough to activate a built extension bundle outside
// the editor and call the providers it registers. Namespaces are strict: reading an API the fake does
// not have throws, so a bundle that starts using a new API fails loudly here instead of passing quietly.

type Listener = (e: unknown) => void;

class Disposable {
  constructor(private readonly fn: () => void = () => {}) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

class EventEmitter {
  private readonly listeners = new Set<Listener>();
  readonly event = (l: Listener): Disposable => {
    this.listeners.add(l);
    return new Disposable(() => this.listeners.delete(l));
  };
  fire(e?: unknown): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Position {
  constructor(readonly line: number, readonly character: number) {}
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c as number, d as number) : (b as Position);
  }
}

class MarkdownString {
  isTrusted: unknown;
  constructor(public value = '') {}
}

class Hover {
  constructor(readonly contents: MarkdownString, readonly range?: Range) {}
}

class CodeLens {
  constructor(readonly range: Range, readonly command?: { title: string; command: string; tooltip?: string; arguments?: unknown[] }) {}
}

class Uri {
  private constructor(readonly scheme: string, readonly authority: string, readonly path: string) {}
  static file(p: string): Uri {
    return new Uri('file', '', p.replace(/\\/g, '/'));
  }
  static parse(s: string): Uri {
    const m = /^([a-z][\w+.-]*):\/\/([^/]*)(.*)$/i.exec(s);
    return m ? new Uri(m[1], m[2], m[3] || '/') : new Uri('file', '', s);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return base.with({ path: [base.path.replace(/\/+$/, ''), ...parts].join('/') });
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string }): Uri {
    return new Uri(this.scheme, this.authority, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
}

/** Throws on a read of anything `target` lacks. */
function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === 'symbol' || key in t) return Reflect.get(t, key);
      if (key === 'then') return undefined; // not a thenable
      throw new Error(`the fake vscode has no ${name}.${key}`);
    },
  });
}

const event = (emitter: EventEmitter) => emitter.event;

export interface FakeDocument {
  uri: Uri;
  fileName: string;
  languageId: string;
  version: number;
  getText(): string;
}

export interface Fake {
  /** The module the bundle gets from `require('vscode')`. */
  api: Record<string, unknown>;
  hoverProviders: { provideHover(doc: FakeDocument, pos: Position, token: unknown): unknown }[];
  codeLensProviders: { provideCodeLenses(doc: FakeDocument, token: unknown): unknown }[];
  commands: Map<string, (...args: unknown[]) => unknown>;
  /** Context keys set with `setContext`. */
  contexts: Map<string, unknown>;
  serializers: string[];
  /** Settings by full key (`containerOrVm.hover.enabled`); change them, then `fireConfigurationChange()`. */
  settings: Record<string, unknown>;
  fireConfigurationChange(): void;
  document(path: string, languageId: string, text: string): FakeDocument;
  Position: typeof Position;
}

export function fakeVscode(): Fake {
  const hoverProviders: Fake['hoverProviders'] = [];
  const codeLensProviders: Fake['codeLensProviders'] = [];
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const serializers: string[] = [];
  const settings: Record<string, unknown> = {};
  const contexts = new Map<string, unknown>();
  const emitters = {
    configuration: new EventEmitter(),
    change: new EventEmitter(),
    open: new EventEmitter(),
    close: new EventEmitter(),
    folders: new EventEmitter(),
    save: new EventEmitter(),
  };
  const log = strict('LogOutputChannel', {
    name: 'log',
    trace() {}, debug() {}, info() {}, warn() {}, error() {}, append() {}, appendLine() {}, show() {}, dispose() {},
  });
  const registered = <T>(list: T[], provider: T) => {
    list.push(provider);
    return new Disposable(() => list.splice(list.indexOf(provider), 1));
  };
  const api = {
    Disposable, EventEmitter, Position, Range, MarkdownString, Hover, CodeLens, Uri,
    CodeAction: class { constructor(readonly title: string, readonly kind: unknown) {} },
    Diagnostic: class { constructor(readonly range: Range, readonly message: string, readonly severity: number) {} },
    WorkspaceEdit: class { replace() {} insert() {} delete() {} },
    CodeActionKind: { QuickFix: { value: 'quickfix', intersects: () => true, contains: () => true } },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    window: strict('window', {
      activeTextEditor: undefined,
      createOutputChannel: () => log,
      createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
      registerWebviewPanelSerializer: (viewType: string) => registered(serializers, viewType),
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showErrorMessage: async () => undefined,
    }),
    workspace: strict('workspace', {
      workspaceFolders: undefined,
      // No folder is open, so no document belongs to one.
      getWorkspaceFolder: () => undefined,
      textDocuments: [],
      getConfiguration: (section: string) => ({
        get: (key: string, fallback?: unknown) => (`${section}.${key}` in settings ? settings[`${section}.${key}`] : fallback),
      }),
      onDidChangeConfiguration: event(emitters.configuration),
      onDidChangeTextDocument: event(emitters.change),
      onDidOpenTextDocument: event(emitters.open),
      onDidCloseTextDocument: event(emitters.close),
      onDidChangeWorkspaceFolders: event(emitters.folders),
      onDidSaveTextDocument: event(emitters.save),
      createFileSystemWatcher: () => {
        const watcher = { change: new EventEmitter(), create: new EventEmitter(), delete: new EventEmitter() };
        return strict('FileSystemWatcher', {
          onDidChange: event(watcher.change),
          onDidCreate: event(watcher.create),
          onDidDelete: event(watcher.delete),
          dispose() {},
        });
      },
    }),
    languages: strict('languages', {
      registerHoverProvider: (_s: unknown, p: Fake['hoverProviders'][number]) => registered(hoverProviders, p),
      registerCodeLensProvider: (_s: unknown, p: Fake['codeLensProviders'][number]) => registered(codeLensProviders, p),
      registerCodeActionsProvider: () => new Disposable(),
      createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }),
      match: (selector: { language?: string; pattern?: string }[], doc: FakeDocument) =>
        selector.some((f) => f.language === doc.languageId) ? 10 : 0,
    }),
    commands: strict('commands', {
      executeCommand: async (id: string, ...args: unknown[]) => {
        if (id === 'setContext') contexts.set(String(args[0]), args[1]);
        else return commands.get(id)?.(...args);
        return undefined;
      },
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        commands.set(id, fn);
        return new Disposable(() => commands.delete(id));
      },
    }),
    extensions: strict('extensions', { getExtension: () => undefined }),
    l10n: strict('l10n', {
      t: (message: string | { message: string; args?: unknown[] }, ...args: unknown[]) => {
        const text = typeof message === 'string' ? message : message.message;
        const values = typeof message === 'string' ? args : message.args ?? [];
        return text.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < values.length ? String(values[Number(i)]) : m));
      },
      bundle: undefined,
      uri: undefined,
    }),
  };
  let version = 0;
  return {
    api,
    hoverProviders,
    codeLensProviders,
    commands,
    contexts,
    serializers,
    settings,
    fireConfigurationChange: () => emitters.configuration.fire({ affectsConfiguration: (s: string) => s.startsWith('containerOrVm') || 'containerOrVm'.startsWith(s) }),
    document: (path, languageId, text) => ({ uri: Uri.file(path), fileName: path, languageId, version: ++version, getText: () => text }),
    Position,
  };
}
