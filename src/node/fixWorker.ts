// The desktop extension's document thread (dist/fixWorker.js, a worker_threads Worker that
// src/node/documentThread.ts starts on first use). A large open document (src/node/documentProtocol.ts,
// OFF_THREAD_FROM) is sent here once per version and parsed here; its hovers, lenses, problems and
// checked quick fixes are made here (src/node/documentWork.ts), so the extension host is never held
// by a parse or an analysis of a few MB. A quick-fix check applies a fix, parses the whole edited
// text again and runs the advisor on it: seconds on such a file.
//
// Messages in: a DocumentRequest (src/node/documentProtocol.ts), or a QuickFixRequest with an id and
// no type (the fixes of a text sent whole). Out: for lenses and problems, parts of PART_SIZE items
// first, each after the host asked for more, then the answer (or the error) with the same id. The
// thread reads no file and opens nothing: text in, answers out.
import * as l10n from '@vscode/l10n';
import { parentPort, workerData } from 'node:worker_threads';
import { parseWith } from '../core/cache';
import type { ModelBase } from '../core/parse/types';
import { quickFixesOf, type QuickFixRequest } from '../core/quickFixes';
import { NOT_OPEN, PART_SIZE, type DocumentReply, type DocumentRequest } from './documentProtocol';
import { DocumentStore, NotOpen } from './documentWork';

export interface FixWorkerData {
  /** The translations the extension host configured (none in English), so titles, hovers and reasons read the same. */
  l10n?: l10n.l10nJsonFormat;
}

export type FixWorkerMessage = { id: number; answer: import('../core/quickFixes').QuickFixAnswer } | { id: number; error: string };

const data = workerData as FixWorkerData | undefined;
if (data?.l10n) l10n.config({ contents: data.l10n });

/** The last text checked whole, kept while requests name the same version of it (Ctrl+. on one line after another). */
let last: { key: string; text: string; model: ModelBase | null } | undefined;
const store = new DocumentStore();

function post(reply: DocumentReply | FixWorkerMessage): void {
  parentPort!.postMessage(reply);
}

/** Long answers being sent, by request: what is left of each. */
const outgoing = new Map<number, { items: unknown[]; next: number }>();

/**
 * A long answer in parts, each its own message, the next one sent when the host asks for it: Node
 * hands a port's queued messages over in one turn of the event loop, so parts sent all at once would
 * hold the host as long as one message with everything.
 */
function inParts(id: number, items: unknown[]): void {
  outgoing.set(id, { items, next: 0 });
  more(id);
}

function more(id: number): void {
  const o = outgoing.get(id);
  if (!o) return;
  if (o.next >= o.items.length) {
    outgoing.delete(id);
    return post({ id, answer: o.items.length });
  }
  post({ id, part: o.items.slice(o.next, o.next + PART_SIZE) });
  o.next += PART_SIZE;
}

function answer(m: DocumentRequest): void {
  switch (m.type) {
    case 'open':
      return store.open(m.uri, m.version, m.path, m.format, m.text);
    case 'forget':
      return store.forget(m.uri);
    case 'hover':
      return post({ id: m.id, answer: store.hover(m.uri, m.version, m.pos, m.withoutGeneric, m.off) });
    case 'lenses':
      return inParts(m.id, store.lenses(m.uri, m.version, m.file, m.report, m.ignore));
    case 'problems':
      return inParts(m.id, store.problems(m.uri, m.version, m.ignore));
    case 'fixes':
      return post({ id: m.id, answer: store.fixes(m.uri, m.version, m.asks, m.range) });
    case 'more':
      return more(m.id);
  }
}

parentPort?.on('message', (m: DocumentRequest | (QuickFixRequest & { id: number; type?: undefined })) => {
  try {
    if (m.type !== undefined) return answer(m);
    if (!last || last.key !== m.key || last.text !== m.text) last = { key: m.key, text: m.text, model: parseWith(m.file, m.text, m.format) };
    const model = last.model;
    post({ id: m.id, answer: model ? quickFixesOf(model, m.text, m.asks, m.healthcheck) : { fixes: m.asks.map(() => []), healthcheck: [] } });
  } catch (e) {
    if (!('id' in m)) return;
    post({ id: m.id, error: e instanceof NotOpen ? NOT_OPEN : e instanceof Error ? e.message : String(e) });
  }
});
