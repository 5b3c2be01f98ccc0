// The contract each file format implements. The registry (../registry.ts) maps a file to its module;
// explain, the advisor, the providers and the CLI only speak to this interface.
import type { Workload } from '../advisor/types';
import type { Topic } from '../knowledge/types';
import type { Format, ModelBase, Pos, Range } from './types';

/** What a hover points at: the topic, the exact range hovered, and line-specific facts. */
export interface TopicHit {
  topic: Topic;
  range: Range;
  /** Markdown lines about this very line (e.g. "`USER 1000`: runs as a non-root user"), beyond the generic topic. */
  notes?: string[];
  /** Further topics this position also concerns (ONBUILD's inner instruction, a base image on a FROM line). */
  related?: Topic[];
  /**
   * The whole construct the position belongs to (a multi-line instruction, a key with its value).
   * The hover lists the advisor's findings that start inside it; without it, those on the hovered line.
   */
  extent?: Range;
}

export interface FormatModule<M extends ModelBase = ModelBase> {
  format: Format;
  /** Parses text; never throws (problems go to `model.problems`). */
  parse(text: string, file: string): M;
  /** The topic at a position, or null where there is nothing to explain (unknown keys get nothing). */
  topicAt(model: M, pos: Pos): TopicHit | null;
  /** The workloads this file defines. Signal occurrences are found by the advisor (advisor/findings.ts). */
  workloads(model: M): Workload[];
}
