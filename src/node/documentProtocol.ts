// What the extension host and its document thread (dist/fixWorker.js, src/node/fixWorker.ts) say to
// each other about a large open document, and the few pure helpers both sides share so that an
// answer made on the thread reads exactly as the one made on the spot. No vscode, no Node module:
// the web extension imports the helpers too (it answers everything on the spot).
import type { AdviceReport, AdviceWorkload } from '../core/advisor/report';
import type { IgnoreRule } from '../core/config/projectConfig';
import type { DimensionId } from '../core/knowledge/types';
import type { Format, Pos, Range } from '../core/parse/types';
import type { FixAsk, QuickFixAnswer } from '../core/quickFixes';
import { decidingDimension, lensTitle, lensTooltip } from '../core/render/lens';

/** Documents at least this long (in UTF-16 units) are parsed and analysed on the thread, on the desktop. */
export const OFF_THREAD_FROM = 64 * 1024;

/** How many items (lenses, problems) one message carries: each message is one short stretch on the host. */
export const PART_SIZE = 1000;

/** The error a reply carries for a document the thread no longer holds at that version (the host sends it again). */
export const NOT_OPEN = 'not open';

/** What a workload's two lenses need, made where the workload is: where it goes and what it says. */
export interface LensPart {
  /** The workload's kind ('dockerfile' gets the "built by" lenses). */
  kind: AdviceWorkload['kind'];
  /** The 0-based line the lenses go on. */
  at: number;
  /** The workload's file and 1-based line as the report names them (what "open the report" takes). */
  file: string;
  line: number;
  title: string;
  tooltip: string;
  dimension?: DimensionId;
}

export function lensPartOf(w: AdviceWorkload): LensPart {
  const dimension = decidingDimension(w);
  return { kind: w.kind, at: Math.max(0, w.range.start.line), file: w.file, line: w.line, title: lensTitle(w), tooltip: lensTooltip(w), ...(dimension ? { dimension } : {}) };
}

/** One diagnostic before the editor's settings (severity) apply: the finding and, when it has a fixer but no fix, why. */
export interface ProblemItem {
  signal: string;
  range: Range;
  message?: string;
  why?: string;
}

export interface HoverAnswer {
  markdown: string;
  range: Range;
}

/** Which document a request is about: the thread answers only for the version it was sent. */
export interface DocRef {
  uri: string;
  version: number;
}

export type DocumentRequest =
  | { type: 'open'; uri: string; version: number; path: string; format?: Format; text: string }
  | { type: 'forget'; uri: string }
  | ({ type: 'hover'; id: number; pos: Pos; withoutGeneric: string[]; off: string[] } & DocRef)
  | ({ type: 'lenses'; id: number; file: string; report?: Pick<AdviceReport, 'workloads'>; ignore: IgnoreRule[] } & DocRef)
  | ({ type: 'problems'; id: number; ignore: IgnoreRule[] } & DocRef)
  | ({ type: 'fixes'; id: number; asks: FixAsk[]; range: Range } & DocRef)
  /** The next part of a long answer: asked for once the host has taken the last one, so parts never queue up on the host. */
  | { type: 'more'; id: number };

/** The thread's replies: parts of a long answer first (same id), then the answer, or an error. */
export type DocumentReply =
  | { id: number; part: unknown[] }
  | { id: number; answer: HoverAnswer | null | number | QuickFixAnswer | true }
  | { id: number; error: string };
