// A report's evidence grouped by comparison dimension, for the comparison panel's "in this workspace" marks.
// Evidence that decided its workload's verdict is flagged, so the panel can single out the rows that decided.
import type { DimensionMarks } from '../compare';
import { decidingSignals } from '../render/lens';
import type { AdviceReport } from './report';

/** `pathOf` turns a report file into the path the panel opens (absolute where the file system has one). */
export function marksOf(report: AdviceReport, pathOf: (file: string) => string = (f) => f): DimensionMarks {
  const marks: DimensionMarks = {};
  for (const w of report.workloads) {
    const deciding = new Set(decidingSignals(w));
    for (const s of w.signals) {
      const list = marks[s.dimension] ?? (marks[s.dimension] = []);
      const file = pathOf(s.file);
      list.push({ workload: w.name, verdict: w.verdict, file, ...(file !== s.file ? { display: s.file } : {}), line: s.line, message: s.message, decided: deciding.has(s) });
    }
  }
  // Evidence that decided a verdict comes first in each row (a stable sort keeps the report's order otherwise).
  for (const list of Object.values(marks)) list?.sort((a, b) => Number(!!b.decided) - Number(!!a.decided));
  return marks;
}
