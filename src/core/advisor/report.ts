// The advice report: what the CLI prints as JSON, what the editor's report panel, CodeLens and status
// bar read. Files are relative to the scanned folder ('/' separated); `line` and `column` are 1-based,
// `range` is 0-based like the rest of the core.
import type { DimensionId, SourceId } from '../knowledge/types';
import type { Range } from '../parse/types';
import type { Direction, Verdict, WorkloadKind } from './types';
import type { Format } from '../parse/types';
import type { Skipped } from './scan';
import type { Role } from './roles';
import type { SuppressedFinding, SuppressionProblem, UnusedSuppression } from '../config/suppressions';

export type { SuppressedFinding, SuppressionProblem, UnusedSuppression } from '../config/suppressions';

export interface AdviceSource {
  doc: SourceId;
  title: string;
  section: string;
}

/** One occurrence of a signal that counts for a workload. */
export interface AdviceSignal {
  id: string;
  direction: Direction;
  file: string;
  line: number;
  column: number;
  message: string;
  dimension: DimensionId;
  sources: AdviceSource[];
  /** The signal's short label, e.g. `privileged`. */
  label: string;
  weight: number;
}

export interface AdviceWorkload {
  name: string;
  kind: WorkloadKind;
  format: Format;
  file: string;
  line: number;
  verdict: Verdict;
  confidence: number;
  /** Strongest first. */
  signals: AdviceSignal[];
  /** What would change the verdict: "remedy → verdict". */
  changes: string[];
  /** Where the workload is defined (0-based), for the CodeLens and "jump to". */
  range: Range;
  /** Every file its evidence comes from: its own, and the Dockerfile it is built from when linked. */
  files: string[];
  /** Per-direction scores the verdict came from (hardening before container evidence is taken off). */
  scores: Record<Direction, number>;
  image?: string;
  /** What the workload is to the repository: the product, or its development environment, tests, examples, CI or a host. */
  role: Role;
  /** Why it has that role, in a few words (`under testdata/`, `a dev container`). */
  roleReason: string;
}

/** A file that could not be read completely: what the advisor says of it may miss something. */
export interface IncompleteFile {
  file: string;
  reason: string;
}

export interface AdviceNote {
  file: string;
  message: string;
}

export interface AdviceStats {
  /** Files seen (skipped folders not counted). */
  files: number;
  /** Files recognised as a configuration format and parsed (or reused from the cache). */
  configFiles: number;
  ms: number;
  /** Files parsed in this run. */
  parsed: number;
  /** Files whose earlier result was reused because they had not changed. */
  reused: number;
}

export interface AdviceReport {
  /** The advisor's version (the extension's). */
  version: string;
  /** The folder scanned, as given; several folders are joined with ', '. */
  root: string;
  /**
   * The overall answer: the most demanding verdict among the product workloads, or among the rest when
   * none is the product; null when there is no workload at all (no evidence is no answer).
   */
  verdict: Verdict | null;
  /** Where the overall answer comes from: the product workloads, the others (no product found), or none. */
  overallFrom: 'product' | 'other' | 'none';
  /** The workloads whose verdict is the overall answer (indexes into `workloads`). */
  decidedBy: number[];
  /** Files that could not be read completely (broken, nested too deep, too large), with the reason. */
  incomplete: IncompleteFile[];
  workloads: AdviceWorkload[];
  /** Every file left out, and why. */
  skipped: Skipped[];
  /** Files read with a caveat (invalid UTF-8 replaced, a parse problem). */
  notes: AdviceNote[];
  stats: AdviceStats;
  /** In a multi-folder scan: each folder's label (the prefix of its files) and path. */
  roots?: { label: string; path: string }[];
  /** Findings left out of every verdict by a suppression comment or the config's `ignore`, with the reason. */
  suppressed?: SuppressedFinding[];
  /** Suppressions that suppressed nothing: a comment's line and signal, or a config entry's. */
  unusedSuppressions?: UnusedSuppression[];
  /** Suppression comments that were not understood (no reason, an unknown signal): they suppress nothing. */
  suppressionProblems?: SuppressionProblem[];
  /** The project config files applied (`.container-or-vm.yaml`, `--config`). */
  config?: string[];
}
