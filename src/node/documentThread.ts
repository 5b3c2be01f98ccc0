// The extension host's side of the document thread (dist/fixWorker.js, src/node/fixWorker.ts): one
// worker_threads Worker for the extension, started on first use and ended with it. A large document
// is sent once per version (open); hovers, lenses, problems and quick fixes are asked of that version
// and come back as promises, long answers in parts of PART_SIZE items, each handed to `onPart` as its
// message arrives (one short stretch on the host each), the next asked for after other work had a
// turn. The web extension has no worker_threads (its build defines __WEB_BUILD__, which leaves the
// thread out of the bundle): `available` is false there, as it is once the thread fails, and the
// editor answers on the spot. No vscode here.
import type { Worker } from 'node:worker_threads';
import type { AdviceReport } from '../core/advisor/report';
import type { IgnoreRule } from '../core/config/projectConfig';
import type { Format, Pos, Range } from '../core/parse/types';
import type { FixAsk, QuickFixAnswer } from '../core/quickFixes';
import { NOT_OPEN, type DocumentReply, type DocumentRequest, type HoverAnswer, type LensPart, type ProblemItem } from './documentProtocol';
import type { FixWorkerData } from './fixWorker';

declare const __WEB_BUILD__: boolean | undefined;

/** A document as the thread needs it: its text is read only when this version has not been sent. */
export interface ThreadDoc {
  uri: string;
  version: number;
  /** The path the model reports and the format is told from. */
  path: string;
  format?: Format;
  /** The text's length: a document of the same URI and version but another length (closed and opened again unseen) is sent again. */
  length: number;
  text(): string;
  /** Whether the document has moved on from this version (or closed): it is not sent again then. */
  stale?(): boolean;
}

/** Thrown (as a rejection) for a request about a version the document has moved on from. */
export class StaleVersion extends Error {}

type Ask = DocumentRequest & { id: number };
type AskBody = Ask extends infer A ? (A extends { id: number } ? Omit<A, 'id' | 'uri' | 'version'> : never) : never;

interface Pending {
  resolve(answer: unknown): void;
  reject(e: Error): void;
  onPart?(items: unknown[]): void;
}

/** Thrown (as a rejection) when the thread cannot answer: it failed, ended or was disposed. */
export class ThreadUnavailable extends Error {}

export class DocumentThread {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  /** The version of each document the thread holds, as far as this side knows. */
  private readonly sent = new Map<string, { version: number; length: number }>();

  constructor(
    private readonly script: string,
    private readonly l10n?: FixWorkerData['l10n'],
  ) {}

  /** Whether requests can go to the thread (false on the web and once it failed). */
  get available(): boolean {
    return !this.failed && typeof __WEB_BUILD__ === 'undefined';
  }

  /** Whether this version of the document was sent already. */
  isOpen(uri: string, version: number): boolean {
    return this.sent.get(uri)?.version === version;
  }

  /** Sends the document's text unless this version was sent already; false when the thread cannot start. */
  open(doc: ThreadDoc): boolean {
    const worker = this.start();
    if (!worker) return false;
    const sent = this.sent.get(doc.uri);
    if (sent && sent.version === doc.version && sent.length === doc.length) return true;
    const m: DocumentRequest = { type: 'open', uri: doc.uri, version: doc.version, path: doc.path, ...(doc.format ? { format: doc.format } : {}), text: doc.text() };
    worker.postMessage(m);
    this.sent.set(doc.uri, { version: doc.version, length: doc.length });
    return true;
  }

  /** Lets the thread drop a document (closed). */
  forget(uri: string): void {
    if (!this.sent.delete(uri) || !this.worker) return;
    this.worker.postMessage({ type: 'forget', uri } satisfies DocumentRequest);
  }

  hover(doc: ThreadDoc, pos: Pos, withoutGeneric: readonly string[], off: readonly string[]): Promise<HoverAnswer | null> {
    return this.ask(doc, { type: 'hover', pos, withoutGeneric: [...withoutGeneric], off: [...off] }) as Promise<HoverAnswer | null>;
  }

  /** The lenses of the document's workloads, handed to `onPart` a part at a time; resolves with how many there were. */
  lenses(doc: ThreadDoc, file: string, report: Pick<AdviceReport, 'workloads'> | undefined, ignore: readonly IgnoreRule[], onPart: (parts: LensPart[]) => void): Promise<number> {
    return this.ask(doc, { type: 'lenses', file, ...(report ? { report } : {}), ignore: [...ignore] }, onPart as Pending['onPart']) as Promise<number>;
  }

  /** The document's problems, handed to `onPart` a part at a time; resolves with how many there were. */
  problems(doc: ThreadDoc, ignore: readonly IgnoreRule[], onPart: (items: ProblemItem[]) => void): Promise<number> {
    return this.ask(doc, { type: 'problems', ignore: [...ignore] }, onPart as Pending['onPart']) as Promise<number>;
  }

  /** The checked quick fixes of a request on `range` for these diagnostics (see core/quickFixes.ts quickFixesAt). */
  fixes(doc: ThreadDoc, asks: FixAsk[], range: Range): Promise<QuickFixAnswer> {
    return this.ask(doc, { type: 'fixes', asks, range }) as Promise<QuickFixAnswer>;
  }

  /** How many requests wait for the thread. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Asks about this version of the document; sends it again once if the thread no longer holds it. */
  private async ask(doc: ThreadDoc, body: AskBody, onPart?: Pending['onPart']): Promise<unknown> {
    try {
      return await this.send(doc, body, onPart);
    } catch (e) {
      if (!(e instanceof Error) || e.message !== NOT_OPEN) throw e;
      this.sent.delete(doc.uri);
      return this.send(doc, body, onPart);
    }
  }

  private send(doc: ThreadDoc, body: AskBody, onPart?: Pending['onPart']): Promise<unknown> {
    if (doc.stale?.()) return Promise.reject(new StaleVersion(`${doc.uri} has changed since version ${doc.version}`));
    if (!this.open(doc)) return Promise.reject(new ThreadUnavailable('the document thread is not running'));
    const worker = this.worker!;
    const id = this.nextId++;
    const answer = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject, onPart }));
    // Held open only while it has work, so an idle thread never keeps a process alive.
    worker.ref();
    worker.postMessage({ ...body, id, uri: doc.uri, version: doc.version } as Ask);
    return answer;
  }

  private start(): Worker | undefined {
    if (this.worker || !this.available) return this.worker;
    if (typeof __WEB_BUILD__ !== 'undefined') return undefined;
    try {
      const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
      const data: FixWorkerData = this.l10n ? { l10n: this.l10n } : {};
      const worker = new WorkerThread(this.script, { workerData: data });
      worker.unref();
      worker.on('message', (m: DocumentReply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        if ('part' in m) {
          p.onPart?.(m.part);
          // The next part once other work had its turn.
          const next = () => this.worker === worker && worker.postMessage({ type: 'more', id: m.id } satisfies DocumentRequest);
          return void (typeof setImmediate === 'function' ? setImmediate(next) : setTimeout(next, 0));
        }
        this.pending.delete(m.id);
        if (this.pending.size === 0) worker.unref();
        if ('answer' in m) p.resolve(m.answer);
        else p.reject(new Error(m.error));
      });
      worker.on('error', (e) => this.fail(worker, e));
      worker.on('exit', () => this.fail(worker, new ThreadUnavailable('the document thread ended')));
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
    this.sent.clear();
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failed = true;
    this.sent.clear();
    for (const p of this.pending.values()) p.reject(new ThreadUnavailable('disposed'));
    this.pending.clear();
    if (worker) void worker.terminate();
  }
}
