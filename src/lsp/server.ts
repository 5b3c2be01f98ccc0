// The language server (`container-or-vm lsp --stdio`): the extension's hovers, problems, quick fixes
// and verdict lenses for any editor with an LSP client (Neovim, Helix, Emacs, Zed...). Over the same
// core as the extension: explainAt for hovers, findingsFor for diagnostics, checkedFixesFor for code
// actions, the live workloads of one document for lenses. Full-text sync; each document is parsed
// once per version. The server reads `.container-or-vm.yaml` at the workspace root (its ignore rules
// apply as in the editor) and nothing else: the documents come from the client.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/lib/common/api';
import { TextDocuments } from 'vscode-languageserver/lib/common/api';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_DEPS } from '../core/advisor/engine';
import { suppressAnalysis } from '../core/advisor/advise';
import { findingsFor } from '../core/advisor/findings';
import { analysisOfModel, liveWorkloads } from '../core/advisor/live';
import { signalById } from '../core/advisor/signals';
import type { AdviceWorkload } from '../core/advisor/report';
import type { Direction, Finding } from '../core/advisor/types';
import { ParseCache } from '../core/cache';
import { applySuppressions, SUPPRESSION_MARKER } from '../core/config/suppressions';
import { MAX_CONFIG_SIZE } from '../core/config/load';
import { CONFIG_FILE_NAME, parseProjectConfig, type ProjectConfig } from '../core/config/projectConfig';
import { explainAt } from '../core/explain';
import { terminalMarkdown } from '../core/render/commandLinks';
import { checkedFixesFor } from '../core/fixCheck';
import { fixesFor, hasFixer } from '../core/fixes';
import type { ModelBase, Range } from '../core/parse/types';
import { lensTitle, lensTooltip } from '../core/render/lens';
import { plainMessage } from '../core/render/markdown';
import { signalDocUrl } from '../core/render/signalsDoc';

export const DIAGNOSTIC_SOURCE = 'Container or VM?';

/** LSP's DiagnosticSeverity numbers. */
const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/** As the extension's default (src/providers/diagnostics.ts): hardening and sandbox findings warn, reasons for a VM inform, cloud-native traits hint. */
const DEFAULT_LEVEL: Record<Direction, keyof typeof SEVERITY> = {
  harden: 'warning',
  sandbox: 'warning',
  vm: 'information',
  container: 'hint',
};

/** A document URI's file path: the file system path for `file:` URIs, the URI's path otherwise (as the extension's documentPath). */
export function pathOfUri(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // a file: URI with a host on a system that has none: fall through to its path
    }
  }
  const m = /^[a-z][\w+.-]*:(?:\/\/[^/]*)?([^?#]*)/i.exec(uri);
  return m ? decodeURIComponent(m[1]) : uri;
}

/** `path` relative to `root` with '/' separators, or undefined when it lies outside. */
function relativePath(root: string | undefined, path: string): string | undefined {
  if (!root) return undefined;
  const r = root.replace(/\\/g, '/').replace(/\/+$/, '');
  const p = path.replace(/\\/g, '/');
  return p.startsWith(r + '/') ? p.slice(r.length + 1) : undefined;
}

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) || b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

const sameRange = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

interface Analysed {
  version: number;
  model: ModelBase;
  findings: Finding[];
  /** What the config file and the ignore comments leave. */
  shown: Finding[];
  workloads?: AdviceWorkload[];
}

/** Starts serving on a connection; resolves when the connection closes. */
export function serve(connection: Connection): Promise<void> {
  const documents = new TextDocuments(TextDocument);
  const cache = new ParseCache(32);
  const analysed = new Map<string, Analysed>();
  let root: string | undefined;
  let config: ProjectConfig | undefined;

  const configPath = () => (root ? `${root.replace(/[\\/]+$/, '')}/${CONFIG_FILE_NAME}` : undefined);
  const isConfig = (uri: string) => {
    const p = configPath();
    return p !== undefined && pathOfUri(uri).replace(/\\/g, '/') === p.replace(/\\/g, '/');
  };
  /** The root's config file: the editor's text when it is open, else the file on disk. */
  const readConfig = (text?: string) => {
    const p = configPath();
    config = undefined;
    if (!p) return;
    if (text === undefined) {
      try {
        const st = statSync(p);
        if (!st.isFile() || st.size > MAX_CONFIG_SIZE) return;
        text = readFileSync(p, 'utf8');
      } catch {
        return;
      }
    }
    config = parseProjectConfig(text, CONFIG_FILE_NAME).config;
  };

  const analyse = (doc: TextDocument): Analysed | undefined => {
    const hit = analysed.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const model = cache.get(doc.uri, doc.version, pathOfUri(doc.uri), () => doc.getText());
    if (!model) {
      analysed.delete(doc.uri);
      return undefined;
    }
    const findings = findingsFor(model);
    const text = doc.getText();
    const rel = relativePath(root, model.file);
    const shown = config?.ignore.length || text.includes(SUPPRESSION_MARKER) ? applySuppressions(findings, text, config, rel ?? model.file).kept : findings;
    const a: Analysed = { version: doc.version, model, findings, shown };
    analysed.set(doc.uri, a);
    return a;
  };

  const workloadsOf = (doc: TextDocument, a: Analysed): AdviceWorkload[] => {
    if (a.workloads) return a.workloads;
    const file = relativePath(root, a.model.file) ?? a.model.file;
    const raw = analysisOfModel(a.model, file, DEFAULT_DEPS);
    const text = doc.getText();
    const analysis = raw && (config?.ignore.length || text.includes(SUPPRESSION_MARKER)) ? suppressAnalysis(raw, text, config) : raw;
    a.workloads = analysis ? liveWorkloads(analysis, undefined, DEFAULT_DEPS) : [];
    return a.workloads;
  };

  const diagnosticsOf = (doc: TextDocument) => {
    const a = analyse(doc);
    if (!a) return [];
    const out = [];
    for (const f of a.shown) {
      const signal = signalById(f.signal);
      if (!signal) continue;
      let message = f.message ?? signal.reason;
      if (hasFixer(signal.id, a.model.format)) {
        const r = fixesFor({ model: a.model, text: doc.getText(), finding: f, findings: a.findings });
        if (r && r.fixes.length === 0 && r.why) message += `\nNo quick fix: ${r.why}`;
      }
      out.push({
        range: f.range,
        message: plainMessage(message), // clients show diagnostics as plain text
        severity: SEVERITY[DEFAULT_LEVEL[signal.direction]],
        source: DIAGNOSTIC_SOURCE,
        code: signal.id,
        codeDescription: { href: signalDocUrl(signal.id) },
      });
    }
    return out;
  };

  const publish = (doc: TextDocument) => void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsOf(doc) });
  const publishAll = () => {
    analysed.clear();
    for (const d of documents.all()) if (!isConfig(d.uri)) publish(d);
  };

  connection.onInitialize((params) => {
    const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    root = uri ? pathOfUri(uri) : params.rootPath ?? undefined;
    readConfig();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: 1 /* full */ },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'container-or-vm' },
    };
  });

  documents.onDidChangeContent((e) => {
    if (isConfig(e.document.uri)) {
      readConfig(e.document.getText());
      publishAll();
      return;
    }
    publish(e.document);
  });
  documents.onDidClose((e) => {
    analysed.delete(e.document.uri);
    cache.delete(e.document.uri);
    if (isConfig(e.document.uri)) {
      readConfig();
      publishAll();
    }
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => isConfig(c.uri)) && !documents.all().some((d) => isConfig(d.uri))) {
      readConfig();
      publishAll();
    }
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || isConfig(doc.uri)) return null;
    const model = cache.get(doc.uri, doc.version, pathOfUri(doc.uri), () => doc.getText());
    if (!model) return null;
    const ex = explainAt(model, params.position, { generic: true });
    if (!ex) return null;
    // Other editors cannot run VS Code's commands: their links become plain text, as in the terminal.
    return { contents: { kind: 'markdown', value: terminalMarkdown(ex.markdown) }, range: ex.range };
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const a = analyse(doc);
    if (!a) return [];
    const text = doc.getText();
    const actions = [];
    for (const f of a.shown) {
      if (!overlaps(f.range, params.range) || !hasFixer(f.signal, a.model.format)) continue;
      const r = checkedFixesFor({ model: a.model, text, finding: f, findings: a.findings });
      if (!r) continue;
      const diagnostic = params.context.diagnostics.find((d) => String(d.code) === f.signal && sameRange(d.range, f.range));
      for (const fix of r.fixes) {
        actions.push({
          title: fix.title,
          kind: 'quickfix',
          edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
          ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
          ...(fix.preferred ? { isPreferred: true } : {}),
        });
      }
    }
    return actions;
  });

  connection.onCodeLens((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const a = analyse(doc);
    if (!a) return [];
    return workloadsOf(doc, a).map((w) => {
      const line = Math.max(0, w.range.start.line);
      // No client command runs it: the lens is its title (the tooltip's words as a second line would not show).
      return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title: lensTitle(w), command: '', tooltip: lensTooltip(w) } };
    });
  });

  documents.listen(connection);
  const closed = new Promise<void>((resolve) => connection.onExit(() => resolve()));
  connection.listen();
  return closed;
}
