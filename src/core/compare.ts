// The comparison table as plain data and as Markdown: what `container-or-vm compare` prints, what
// the panel shows and what its "Copy as Markdown" button puts on the clipboard. The table's headings
// go through l10n.t; the cells are knowledge data.
import * as l10n from '@vscode/l10n';
import type { Verdict } from './advisor/types';
import { DIMENSIONS } from './knowledge/dimensions';
import { SOURCES, citation } from './knowledge/sources';
import type { DimensionId, SourceId } from './knowledge/types';

export interface CompareCite {
  doc: SourceId;
  title: string;
  section: string;
}

export interface CompareRow {
  id: DimensionId;
  name: string;
  container: string;
  vm: string;
  sandboxed: string;
  note?: string;
  sources: CompareCite[];
}

export interface CompareSource {
  id: SourceId;
  title: string;
  publisher: string;
  sections: string[];
}

export interface CompareTable {
  dimensions: CompareRow[];
  sources: CompareSource[];
}

/** One piece of workspace evidence that touched a dimension, as the panel lists it. */
export interface DimensionMark {
  /** The workload's name (compose service, Dockerfile folder, Vagrant machine...). */
  workload: string;
  verdict: Verdict;
  /** The path the panel opens: absolute where the file system has one, else as the advisor reports it. */
  file: string;
  /** The path shown, as the report names it (workspace-relative); `file` when absent. */
  display?: string;
  /** 1-based line number. */
  line: number;
  message: string;
  /** Whether this evidence decided the workload's verdict (it points the way the verdict went). */
  decided?: boolean;
}

/** Per dimension, the evidence from the last scan; dimensions nothing touched are left out. */
export type DimensionMarks = Partial<Record<DimensionId, DimensionMark[]>>;

/** The comparison, every dimension in the order of DIMENSIONS, with resolved citations. */
export function compareTable(): CompareTable {
  return {
    dimensions: DIMENSIONS.map((d) => ({
      id: d.id,
      name: d.name,
      container: d.container,
      vm: d.vm,
      sandboxed: d.sandboxed,
      ...(d.note ? { note: d.note } : {}),
      sources: d.sources.map(citation),
    })),
    sources: SOURCES.map((s) => ({ id: s.id, title: s.title, publisher: s.publisher, sections: [...s.sections] })),
  };
}

export interface CompareOptions {
  /** Add the "Sandboxed container" column. */
  sandboxed?: boolean;
}

/** The JSON the CLI prints: the sandboxed cell only when asked for, notes where the documents disagree. */
export function compareJson(options: CompareOptions = {}): unknown {
  const t = compareTable();
  return {
    dimensions: t.dimensions.map((d) => ({
      id: d.id,
      name: d.name,
      container: d.container,
      vm: d.vm,
      ...(options.sandboxed ? { sandboxed: d.sandboxed } : {}),
      ...(d.note ? { note: d.note } : {}),
      sources: d.sources,
    })),
    sources: t.sources,
  };
}

/** A table cell: pipes escaped and line breaks folded so the text cannot end the cell or the row. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** Citations as `[n] section` with n the document's number in the Sources list. */
function refs(cites: CompareCite[], numberOf: Map<SourceId, number>): string {
  return cites.map((c) => `[${numberOf.get(c.doc) ?? '?'}] ${c.section}`).join('; ');
}

/** The comparison as a Markdown table, then the notes on disagreements, then the numbered documents. */
export function renderCompareMarkdown(options: CompareOptions = {}): string {
  const t = compareTable();
  const numberOf = new Map(t.sources.map((s, i) => [s.id, i + 1] as const));
  const head = [l10n.t('Dimension'), l10n.t('Containers'), l10n.t('Virtual machines'), ...(options.sandboxed ? [l10n.t('Sandboxed container')] : []), l10n.t('Sources')];
  const lines = [
    `# ${l10n.t('Containers or virtual machines: the comparison')}`,
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
  ];
  for (const d of t.dimensions) {
    const cells = [d.name, d.container, d.vm, ...(options.sandboxed ? [d.sandboxed] : []), refs(d.sources, numberOf)];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  const notes = t.dimensions.filter((d) => d.note);
  if (notes.length) {
    lines.push('', `## ${l10n.t('Notes')}`, '');
    for (const d of notes) lines.push(`- **${d.name}**: ${d.note}`);
  }
  lines.push('', `## ${l10n.t('Sources')}`, '');
  t.sources.forEach((s, i) => lines.push(`${i + 1}. *${s.title}*, ${s.publisher}`));
  return lines.join('\n') + '\n';
}
