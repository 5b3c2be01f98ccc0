// The document thread's work (src/node/fixWorker.ts runs it): the large open documents it was sent,
// each parsed once per version, and what the editor asks of them, made by the same core functions
// the extension host calls for a small document. No vscode, no Node module: tests call it directly.
import { DEFAULT_DEPS } from '../core/advisor/engine';
import { suppressAnalysis } from '../core/advisor/advise';
import { findingsFor } from '../core/advisor/findings';
import { analysisOfModel, liveWorkloads } from '../core/advisor/live';
import type { AdviceReport } from '../core/advisor/report';
import { signalById } from '../core/advisor/signals';
import type { Finding } from '../core/advisor/types';
import { parseWith } from '../core/cache';
import type { IgnoreRule } from '../core/config/projectConfig';
import { applySuppressions, SUPPRESSION_MARKER } from '../core/config/suppressions';
import { explainAt } from '../core/explain';
import { fixesFor, hasFixer } from '../core/fixes';
import type { Format, ModelBase, Pos, Range } from '../core/parse/types';
import { showsGeneric } from '../core/render/explanation';
import { quickFixesAt, type FixAsk, type QuickFixAnswer } from '../core/quickFixes';
import { lensPartOf, type HoverAnswer, type LensPart, type ProblemItem } from './documentProtocol';

/** What suppresses findings, as the editor's project config gives it: none means no config rule. */
const configOf = (ignore: readonly IgnoreRule[]) => (ignore.length ? { ignore: [...ignore] } : undefined);

/**
 * The hover at a position: what the line is and means, or null. `withoutGeneric`: formats whose hovers
 * leave out what the line does (`'*'`: all); `off`: formats whose hovers are off.
 */
export function hoverOf(model: ModelBase, pos: Pos, withoutGeneric: readonly string[], off: readonly string[]): HoverAnswer | null {
  if (off.includes(model.format)) return null;
  const ex = explainAt(model, pos, { generic: showsGeneric(withoutGeneric, model.format) });
  return ex ? { markdown: ex.markdown, range: ex.range } : null;
}

/** The lenses of a document's workloads, judged on its text with what the report (or its slice for `file`) linked in. */
export function lensPartsOf(model: ModelBase, text: string, file: string, report: Pick<AdviceReport, 'workloads'> | undefined, ignore: readonly IgnoreRule[]): LensPart[] {
  const raw = analysisOfModel(model, file, DEFAULT_DEPS);
  if (!raw) return [];
  const config = configOf(ignore);
  const analysis = config || text.includes(SUPPRESSION_MARKER) ? suppressAnalysis(raw, text, config) : raw;
  return liveWorkloads(analysis, report, DEFAULT_DEPS).map(lensPartOf);
}

/** Why a finding has no quick fix, when its signal has a fixer here that offers none. */
export function whyNoFix(model: ModelBase, text: string, f: Finding, all: readonly Finding[]): string | undefined {
  if (!hasFixer(f.signal, model.format)) return undefined;
  const r = fixesFor({ model, text, finding: f, findings: all });
  return r && r.fixes.length === 0 && r.why ? r.why : undefined;
}

/** The problems of a document: its findings less the suppressed ones, each with why it has no quick fix. */
export function problemsOf(model: ModelBase, text: string, ignore: readonly IgnoreRule[]): ProblemItem[] {
  const findings = findingsFor(model);
  const config = configOf(ignore);
  const shown = config || text.includes(SUPPRESSION_MARKER) ? applySuppressions(findings, text, config).kept : findings;
  const out: ProblemItem[] = [];
  for (const f of shown) {
    // A signal the catalogue does not know is shown as nothing, on the spot too.
    if (!signalById(f.signal)) continue;
    const why = whyNoFix(model, text, f, findings);
    out.push({ signal: f.signal, range: f.range, ...(f.message !== undefined ? { message: f.message } : {}), ...(why !== undefined ? { why } : {}) });
  }
  return out;
}

interface Open {
  version: number;
  text: string;
  model: ModelBase | null;
}

/** Thrown for a document the store does not hold at the version asked (evicted, or never sent). */
export class NotOpen extends Error {
  constructor(uri: string, version: number) {
    super(`${uri} is not open at version ${version}`);
  }
}

/** The documents sent to the thread, one version each, parsed when they arrive; the least recently used go first. */
export class DocumentStore {
  private readonly docs = new Map<string, Open>();

  constructor(private readonly capacity = 8) {}

  open(uri: string, version: number, path: string, format: Format | undefined, text: string): void {
    this.docs.delete(uri);
    this.docs.set(uri, { version, text, model: parseWith(path, text, format) });
    while (this.docs.size > this.capacity) this.docs.delete(this.docs.keys().next().value!);
  }

  forget(uri: string): void {
    this.docs.delete(uri);
  }

  /** The document at this version; NotOpen when the store has another or none. */
  get(uri: string, version: number): Open {
    const d = this.docs.get(uri);
    if (!d || d.version !== version) throw new NotOpen(uri, version);
    this.docs.delete(uri);
    this.docs.set(uri, d);
    return d;
  }

  hover(uri: string, version: number, pos: Pos, withoutGeneric: readonly string[], off: readonly string[]): HoverAnswer | null {
    const d = this.get(uri, version);
    return d.model ? hoverOf(d.model, pos, withoutGeneric, off) : null;
  }

  lenses(uri: string, version: number, file: string, report: Pick<AdviceReport, 'workloads'> | undefined, ignore: readonly IgnoreRule[]): LensPart[] {
    const d = this.get(uri, version);
    return d.model ? lensPartsOf(d.model, d.text, file, report, ignore) : [];
  }

  problems(uri: string, version: number, ignore: readonly IgnoreRule[]): ProblemItem[] {
    const d = this.get(uri, version);
    return d.model ? problemsOf(d.model, d.text, ignore) : [];
  }

  fixes(uri: string, version: number, asks: readonly FixAsk[], range: Range): QuickFixAnswer {
    const d = this.get(uri, version);
    return d.model ? quickFixesAt(d.model, d.text, asks, range) : { fixes: asks.map(() => []), healthcheck: [] };
  }
}
