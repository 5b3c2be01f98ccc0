// A report's evidence grouped by comparison dimension, for the comparison panel's "in this workspace" marks.
import type { DimensionMarks } from '../compare';
import type { AdviceReport } from './report';

/** `pathOf` turns a report file into the path the panel opens (absolute where the file system has one). */
export function marksOf(report: AdviceReport, pathOf: (file: string) => string = (f) => f): DimensionMarks {
  const marks: DimensionMarks = {};
  for (const w of report.workloads) {
    for (const s of w.signals) {
      const list = marks[s.dimension] ?? (marks[s.dimension] = []);
      list.push({ workload: w.name, verdict: w.verdict, file: pathOf(s.file), line: s.line, message: s.message });
    }
  }
  return marks;
}
