// The desktop extension checks quick fixes on a thread of its own (dist/fixWorker.js, started by
// src/providers/codeActions.ts). What the light bulb offers must not depend on where the check ran:
// the thread answers each request with exactly the fixes the check on the spot gives, titles in the
// language the extension was configured with. `npm run test:unit` builds dist/ first.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as l10n from '@vscode/l10n';
import { findingsFor } from '../../src/core/advisor/findings';
import { parseWith } from '../../src/core/cache';
import { hasFixer } from '../../src/core/fixes';
import { quickFixesOf, type QuickFixAnswer, type QuickFixRequest } from '../../src/core/quickFixes';
import type { FixWorkerMessage } from '../../src/node/fixWorker';
import { corpusFiles, repoRoot } from '../fuzz/inputs';

const script = join(repoRoot(), 'dist', 'fixWorker.js');

/** One request per document, every fixable finding asked at once, the HEALTHCHECK too. */
function requestOf(file: string, text: string, key: string): QuickFixRequest | undefined {
  const model = parseWith(file, text);
  if (!model) return undefined;
  const asks = findingsFor(model).filter((f) => hasFixer(f.signal, model.format)).map((f) => ({ signal: f.signal, range: f.range }));
  if (!asks.length && model.format !== 'dockerfile') return undefined;
  return { key, file: model.file, format: model.format, text, asks, healthcheck: model.format === 'dockerfile' };
}

function inline(r: QuickFixRequest): QuickFixAnswer {
  const model = parseWith(r.file, r.text, r.format)!;
  return quickFixesOf(model, r.text, r.asks, r.healthcheck);
}

class Thread {
  readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<number, (m: FixWorkerMessage) => void>();
  constructor(workerData?: unknown) {
    this.worker = new Worker(script, { workerData });
    this.worker.on('message', (m: FixWorkerMessage) => {
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }
  ask(r: QuickFixRequest): Promise<FixWorkerMessage> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ ...r, id });
    });
  }
}

describe('the quick-fix thread (dist/fixWorker.js)', function () {
  this.timeout(120_000);
  let thread: Thread;
  before(function () {
    if (!existsSync(script)) throw new Error(`${script} is missing: build first (node esbuild.mjs)`);
    thread = new Thread();
  });
  after(() => thread?.worker.terminate());

  it('offers the same fixes as the check on the spot, for every fixable finding of the corpus', async () => {
    let fixes = 0;
    let asked = 0;
    for (const c of corpusFiles()) {
      const r = requestOf(c.name, c.text, c.name);
      if (!r) continue;
      const m = await thread.ask(r);
      assert.ok('answer' in m, `${c.name}: ${'error' in m ? m.error : ''}`);
      assert.deepEqual(m.answer, inline(r), c.name);
      asked += r.asks.length;
      fixes += m.answer.fixes.reduce((n, f) => n + f.length, 0) + m.answer.healthcheck.length;
    }
    // The corpus has fixable findings in several formats; a thread that answered nothing would fail above or here.
    assert.ok(asked > 20 && fixes > 20, `${asked} findings asked, ${fixes} fixes`);
  });

  it('parses a new text under the same key again (the key is only a shortcut for the same text)', async () => {
    const a = 'services:\n  web:\n    image: nginx:1\n    privileged: true\n';
    const b = 'services:\n  web:\n    image: nginx:1\n    ports:\n      - "80:80"\n    privileged: true\n';
    const first = await thread.ask(requestOf('compose.yaml', a, 'same')!);
    const second = await thread.ask(requestOf('compose.yaml', b, 'same')!);
    assert.ok('answer' in first && 'answer' in second);
    assert.deepEqual(first.answer, inline(requestOf('compose.yaml', a, 'same')!));
    assert.deepEqual(second.answer, inline(requestOf('compose.yaml', b, 'same')!));
    assert.notDeepEqual(first.answer.fixes[0][0].edits, second.answer.fixes[0][0].edits);
  });

  it('titles its fixes in the language it was started with', async () => {
    const english = 'Run as a non-root user: add `USER {0}`';
    const contents = { [english]: 'Als Benutzer ohne Root-Rechte ausführen: `USER {0}` hinzufügen' };
    const german = new Thread({ l10n: contents });
    try {
      const r = requestOf('Dockerfile', 'FROM alpine:3.20\nRUN apk add --no-cache curl\nEXPOSE 8080\nCMD ["/app"]\n', 'de')!;
      const m = await german.ask(r);
      assert.ok('answer' in m);
      const titles = m.answer.fixes.flat().map((f) => f.title);
      assert.ok(titles.includes('Als Benutzer ohne Root-Rechte ausführen: `USER 10001` hinzufügen'), titles.join(' | '));
      // This thread's check on the spot is still in English.
      assert.ok(inline(r).fixes.flat().some((f) => f.title === l10n.t(english, 10001)));
    } finally {
      await german.worker.terminate();
    }
  });
});
