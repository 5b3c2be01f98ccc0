// (model, position) -> what it is, what it means for container versus VM, and where that comes from.
// Format-agnostic: the format module finds the topic; the advisor's findings on the line are added.
import * as l10n from '@vscode/l10n';
import { findingsFor } from './advisor/findings';
import { signalById } from './advisor/signals/index';
import type { Direction, Finding } from './advisor/types';
import { dimensionById } from './knowledge/dimensions';
import { citation } from './knowledge/sources';
import type { Cite, DimensionId, SourceId, Topic } from './knowledge/types';
import { lineLength, lineStartsAnyBreak } from './parse/lines';
import type { ModelBase, Pos, Range } from './parse/types';
import { moduleFor } from './registry';
import { renderExplanation } from './render/explanation';

export interface ExplainOptions {
  /** Include the generic "what it does" part. */
  generic: boolean;
}

export interface Explanation {
  topic: Topic;
  /** The range the explanation is about (what a hover highlights). */
  range: Range;
  markdown: string;
  dimensions: DimensionId[];
  sources: { doc: SourceId; title: string; section: string }[];
}

/** Where a finding's evidence points, as the hover says it after "evidence toward". */
function toward(d: Direction): string {
  switch (d) {
    case 'vm':
      return l10n.t('a virtual machine');
    case 'sandbox':
      return l10n.t('a sandboxed container');
    case 'harden':
      return l10n.t('hardening the container');
    case 'container':
      return l10n.t('a plain container');
  }
}

/** Findings the hover shows: those starting inside the hovered construct, or on the hovered line. */
function belongs(f: Finding, pos: Pos, extent: Range | undefined): boolean {
  const start = f.range.start.line;
  if (extent && extent.start.line <= start && start <= extent.end.line) return true;
  return start === pos.line;
}

function dimensionName(id: DimensionId): string {
  try {
    return dimensionById(id).name;
  } catch {
    return id;
  }
}

/**
 * A file's lines numbered as its parser numbers them, which is how the editor does: LF, CRLF and a
 * lone CR each end a line (`FROM a\rUSER root\r` is two lines, USER on the second). A line break at
 * the very end starts no line of its own, so `count` is what an editor's last line number with text
 * and `wc -l` say (a file of two lines ending in a newline has two, an empty file none).
 */
export interface FileLines {
  count: number;
  /** The text of a line (0-based), without its line break; '' past the end. */
  text(source: string, line: number): string;
}

export function fileLines(source: string): FileLines {
  const starts = lineStartsAnyBreak(source);
  const last = source.charCodeAt(source.length - 1);
  const count = source.length === 0 ? 0 : last === 10 || last === 13 ? starts.length - 1 : starts.length;
  return {
    count,
    text: (text, line) => {
      if (line < 0 || line >= starts.length) return '';
      // Without its LF, CRLF or lone CR (the line's end is one before the next line's start).
      return text.slice(starts[line], starts[line] + lineLength(text, starts, line));
    },
  };
}

export function explainAt(model: ModelBase, pos: Pos, opts: ExplainOptions): Explanation | null {
  const mod = moduleFor(model.format);
  if (!mod) return null;
  let hit;
  try {
    hit = mod.topicAt(model, pos);
  } catch {
    return null;
  }
  if (!hit) return null;
  const related = hit.related ?? [];

  const findings: { label: string; message: string; toward?: string }[] = [];
  const dims: DimensionId[] = [...hit.topic.dimensions, ...related.flatMap((t) => t.dimensions)];
  const cites: Cite[] = [...hit.topic.sources, ...related.flatMap((t) => t.sources)];
  const seen = new Set<string>();
  for (const f of findingsFor(model).filter((x) => belongs(x, pos, hit.extent))) {
    const key = `${f.signal}@${f.range.start.line}:${f.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const s = signalById(f.signal);
    const entry: { label: string; message: string; toward?: string } = { label: s?.label ?? f.signal, message: f.message ?? s?.reason ?? '' };
    if (s) entry.toward = toward(s.direction);
    findings.push(entry);
    if (s) {
      dims.push(s.dimension);
      cites.push(...s.sources);
    }
  }

  const dimensions = [...new Set(dims)];
  const citeKeys = new Set<string>();
  const sources: Cite[] = [];
  for (const c of cites) {
    const k = `${c.doc}\u0000${c.section}`;
    if (citeKeys.has(k)) continue;
    citeKeys.add(k);
    sources.push(c);
  }

  const markdown = renderExplanation({
    topic: hit.topic,
    generic: opts.generic,
    notes: hit.notes ?? [],
    findings,
    related,
    dimensions,
    dimensionNames: dimensions.map(dimensionName),
    sources,
  });
  return { topic: hit.topic, range: hit.range, markdown, dimensions, sources: sources.map(citation) };
}
