// The quick fixes of one code-action request, without the editor: for each diagnostic the editor
// asks about (its signal and range), the checked fixes of the finding behind it, and the checked
// HEALTHCHECK of a Dockerfile when the request is on its final stage's EXPOSE line. Pure, so the
// extension can run it on its own thread (src/node/fixWorker.ts) or inline (the web extension).
import { findingsFor } from './advisor/findings';
import type { Finding } from './advisor/types';
import { checkedFixesFor, checkedHealthcheck } from './fixCheck';
import type { Fix } from './fixes';
import type { DockerfileModel } from './parse/dockerfile';
import { hasFixer } from './fixes';
import type { Format, ModelBase, Pos, Range } from './parse/types';

/** A diagnostic of ours as the editor hands it back: its signal and where it is now. */
export interface FixAsk {
  signal: string;
  range: Range;
}

/** What a fix check needs to start from nothing: the document's text and what the editor asks about. */
export interface QuickFixRequest {
  /** The document's URI and version: the same key means the same text, so a parse can be reused. */
  key: string;
  file: string;
  format: Format;
  text: string;
  asks: FixAsk[];
  /** Whether to offer the Dockerfile's HEALTHCHECK (the request is on the final stage's EXPOSE). */
  healthcheck: boolean;
}

export interface QuickFixAnswer {
  /** The checked fixes of each ask, in order. */
  fixes: Fix[][];
  healthcheck: Fix[];
}

/** The checked fixes for each ask, and the HEALTHCHECK when asked. */
export function quickFixesOf(model: ModelBase, text: string, asks: readonly FixAsk[], healthcheck: boolean): QuickFixAnswer {
  const findings = findingsFor(model);
  const fixes = asks.map((ask) => {
    // The current finding behind the diagnostic (same signal, same start); the diagnostic itself when edits moved it.
    const { start, end } = ask.range;
    const finding: Finding =
      findings.find((f) => f.signal === ask.signal && f.range.start.line === start.line && f.range.start.character === start.character) ??
      { signal: ask.signal, file: model.file, range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } } };
    return checkedFixesFor({ model, text, finding, findings })?.fixes ?? [];
  });
  return { fixes, healthcheck: healthcheck && model.format === 'dockerfile' ? checkedHealthcheck(model as DockerfileModel, text) : [] };
}

const atOrBefore = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** Whether a request on `range` offers the Dockerfile's HEALTHCHECK: it touches an EXPOSE of the final stage. */
export function healthcheckAt(model: ModelBase, range: Range): boolean {
  if (model.format !== 'dockerfile') return false;
  const df = model as DockerfileModel;
  return df.instructions.some((i) => i.stage === df.finalStage && i.keyword === 'EXPOSE' && atOrBefore(i.range.start, range.end) && atOrBefore(range.start, i.range.end));
}

/**
 * The quick fixes of a request on `range` for the editor's diagnostics `asks`, in order: none for a
 * signal with no fixer in this format, and the HEALTHCHECK when the range touches the final EXPOSE.
 */
export function quickFixesAt(model: ModelBase, text: string, asks: readonly FixAsk[], range: Range): QuickFixAnswer {
  const fixable = asks.map((a) => hasFixer(a.signal, model.format));
  const healthcheck = healthcheckAt(model, range);
  if (!fixable.includes(true) && !healthcheck) return { fixes: asks.map(() => []), healthcheck: [] };
  const answer = quickFixesOf(model, text, asks.filter((_, i) => fixable[i]), healthcheck);
  let next = 0;
  return { fixes: asks.map((_, i) => (fixable[i] ? answer.fixes[next++] : [])), healthcheck: answer.healthcheck };
}
