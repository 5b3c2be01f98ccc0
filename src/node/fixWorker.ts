// The quick-fix checks of the desktop extension, on a thread of their own (dist/fixWorker.js, a
// worker_threads Worker that src/providers/codeActions.ts starts on first use): each check applies a
// fix, parses the whole edited text again and runs the advisor on it, which on a file of a few MB
// would hold the extension host for seconds. Messages in: a QuickFixRequest with an id; out: the
// answer (or the error) with the same id. The thread reads no file and opens nothing: text in, fixes out.
import * as l10n from '@vscode/l10n';
import { parentPort, workerData } from 'node:worker_threads';
import { parseWith } from '../core/cache';
import type { ModelBase } from '../core/parse/types';
import { quickFixesOf, type QuickFixRequest } from '../core/quickFixes';

export interface FixWorkerData {
  /** The translations the extension host configured (none in English), so fix titles and reasons read the same. */
  l10n?: l10n.l10nJsonFormat;
}

export type FixWorkerMessage = { id: number; answer: import('../core/quickFixes').QuickFixAnswer } | { id: number; error: string };

const data = workerData as FixWorkerData | undefined;
if (data?.l10n) l10n.config({ contents: data.l10n });

/** The last document parsed, kept while requests name the same version of it (Ctrl+. on one line after another). */
let last: { key: string; text: string; model: ModelBase | null } | undefined;

parentPort?.on('message', (m: QuickFixRequest & { id: number }) => {
  let reply: FixWorkerMessage;
  try {
    if (!last || last.key !== m.key || last.text !== m.text) last = { key: m.key, text: m.text, model: parseWith(m.file, m.text, m.format) };
    const model = last.model;
    reply = { id: m.id, answer: model ? quickFixesOf(model, m.text, m.asks, m.healthcheck) : { fixes: m.asks.map(() => []), healthcheck: [] } };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
