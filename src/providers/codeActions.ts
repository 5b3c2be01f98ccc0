// Quick fixes for the advisor's diagnostics. The edits come from core/fixes.ts, each checked by
// core/fixCheck.ts on the document's text before it is offered; here they become a WorkspaceEdit the
// user picks (and can undo), attached to the diagnostic it fixes. Where a fix could
// quietly break the workload none is offered, and the diagnostic says why instead.
//
// A check parses the whole edited text again and runs the advisor on it: on a file of a few MB that
// is seconds. So the desktop extension checks on a thread of its own, dist/fixWorker.js (a
// worker_threads Worker, one for the extension, started on first use and ended with it), and answers
// with a promise; files under INLINE_BELOW are checked on the spot, as are all of them when the thread
// cannot start. The web extension has no worker_threads and checks on the spot (the web build defines
// __WEB_BUILD__, which leaves the thread out of its bundle).
import * as vscode from 'vscode';
import type { Worker } from 'node:worker_threads';
import type { Fix } from '../core/fixes';
import { hasFixer } from '../core/fixes';
import type { DockerfileModel } from '../core/parse/dockerfile';
import type { ModelBase } from '../core/parse/types';
import { quickFixesOf, type FixAsk, type QuickFixAnswer, type QuickFixRequest } from '../core/quickFixes';
import type { FixWorkerData, FixWorkerMessage } from '../node/fixWorker';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { LiveAdviceCache } from './liveAdvice';
import { allSelectors } from './selectors';
import { toRange } from './model';

declare const __WEB_BUILD__: boolean | undefined;

/** Documents shorter than this (in UTF-16 units) are checked on the extension host: a round trip to the thread would cost more. */
export const INLINE_BELOW = 64 * 1024;

/** Checks the fixes of one request: on the spot, or elsewhere with a promise. */
export interface FixChecker extends vscode.Disposable {
  check(model: ModelBase, request: QuickFixRequest): QuickFixAnswer | Promise<QuickFixAnswer>;
}

const inline = (model: ModelBase, r: QuickFixRequest): QuickFixAnswer => quickFixesOf(model, r.text, r.asks, r.healthcheck);

/** Checks on the extension host (the web extension, and tests that want an answer at once). */
export const inlineChecker: FixChecker = { check: inline, dispose() {} };

/** Checks large documents on one worker thread running `script` (dist/fixWorker.js); on the spot when the thread fails. */
export class WorkerFixChecker implements FixChecker {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (a: QuickFixAnswer) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly script: string,
    private readonly inlineBelow = INLINE_BELOW,
  ) {}

  check(model: ModelBase, request: QuickFixRequest): QuickFixAnswer | Promise<QuickFixAnswer> {
    if (request.text.length < this.inlineBelow) return inline(model, request);
    const worker = this.start();
    if (!worker) return inline(model, request);
    const id = this.nextId++;
    const answer = new Promise<QuickFixAnswer>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    // Held open only while it has work, so an idle thread never keeps a process alive.
    worker.ref();
    worker.postMessage({ ...request, id });
    // A thread that fails is not asked again; this request is checked here instead.
    return answer.catch(() => inline(model, request));
  }

  /** How many requests wait for the thread. */
  get waiting(): number {
    return this.pending.size;
  }

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    if (typeof __WEB_BUILD__ !== 'undefined') return undefined;
    try {
      const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
      const data: FixWorkerData = { l10n: vscode.l10n.bundle as FixWorkerData['l10n'] };
      const worker = new WorkerThread(this.script, { workerData: data });
      worker.unref();
      worker.on('message', (m: FixWorkerMessage) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (this.pending.size === 0) worker.unref();
        if ('answer' in m) p.resolve(m.answer);
        else p.reject(new Error(m.error));
      });
      worker.on('error', (e) => this.fail(worker, e));
      worker.on('exit', () => this.fail(worker, new Error('the fix-check thread ended')));
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  private fail(worker: Worker, e: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failed = true;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failed = true;
    for (const p of this.pending.values()) p.reject(new Error('disposed'));
    this.pending.clear();
    if (worker) void worker.terminate();
  }
}

/** The checker of the running extension: the thread next to the Node bundle (dist/fixWorker.js), or on the spot on the web. */
export function defaultFixChecker(): FixChecker {
  return typeof __WEB_BUILD__ !== 'undefined' ? inlineChecker : new WorkerFixChecker(`${__dirname}/fixWorker.js`);
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

function toAction(doc: vscode.TextDocument, fix: Fix, diagnostic?: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
  action.edit = edit;
  if (diagnostic) action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}

export class AdvisorCodeActionProvider implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly advice: LiveAdviceCache,
    readonly checker: FixChecker = defaultFixChecker(),
  ) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] | Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // VS Code asks on its own after every cursor move, so after every keystroke: with none of our
    // diagnostics here and no Dockerfile, there is nothing to offer; and a version not parsed yet is
    // left to the debounced diagnostics, which parse it once typing pauses (VS Code asks again when they
    // change). Asked for explicitly (Ctrl+., the light bulb), the document is parsed if need be.
    const ours = context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours && doc.languageId !== 'dockerfile' && !/(?:^|[/\\])(?:Dockerfile|Containerfile)|\.(?:dockerfile|containerfile)$/i.test(doc.uri.path)) return [];
    if (context.triggerKind === vscode.CodeActionTriggerKind.Automatic && !this.advice.hasModel(doc)) return [];
    const model = this.advice.model(doc);
    if (!model) return [];
    // Only diagnostics whose signal has a fixer in this format can have fixes.
    const diagnostics: vscode.Diagnostic[] = [];
    const asks: FixAsk[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const id = codeOf(d);
      if (!id || !hasFixer(id, model.format)) continue;
      diagnostics.push(d);
      asks.push({ signal: id, range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } } });
    }
    // A HEALTHCHECK is no finding of its own; offer it on the final stage's EXPOSE line when it is safe.
    let healthcheck = false;
    if (model.format === 'dockerfile') {
      const df = model as DockerfileModel;
      healthcheck = df.instructions.some((i) => i.stage === df.finalStage && i.keyword === 'EXPOSE' && toRange(i.range).intersection(range) !== undefined);
    }
    if (asks.length === 0 && !healthcheck) return [];
    const request: QuickFixRequest = { key: `${doc.uri.toString()}#${doc.version}`, file: model.file, format: model.format, text: doc.getText(), asks, healthcheck };
    const toActions = (a: QuickFixAnswer): vscode.CodeAction[] => {
      const actions: vscode.CodeAction[] = [];
      a.fixes.forEach((fixes, i) => fixes.forEach((fix) => actions.push(toAction(doc, fix, diagnostics[i]))));
      for (const fix of a.healthcheck) actions.push(toAction(doc, fix));
      return actions;
    };
    const answer = this.checker.check(model, request);
    return answer instanceof Promise ? answer.then(toActions) : toActions(answer);
  }

  dispose(): void {
    this.checker.dispose();
  }
}

export function registerCodeActions(advice: LiveAdviceCache): vscode.Disposable {
  const provider = new AdvisorCodeActionProvider(advice);
  return vscode.Disposable.from(provider, vscode.languages.registerCodeActionsProvider(allSelectors(), provider, AdvisorCodeActionProvider.metadata));
}
