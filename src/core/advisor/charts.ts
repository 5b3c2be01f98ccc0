// Helm charts in a scan: a folder with a Chart.yaml is read as a chart, rendered with its default
// values (../helm), rather than file by file as if its templates were plain manifests. Its files are
// held back from the per-file reading and given to the chart together.
import { analyzeChart } from '../helm/analyze';
import type { EngineDeps, FileAnalysis } from './engine';

/** The chart folders among a scan's files: each folder holding a `Chart.yaml` ('' for the scanned folder itself). */
export function chartDirs(paths: Iterable<string>): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const m = /(^|\/)Chart\.ya?ml$/.exec(p);
    if (m) out.push(p.slice(0, m.index));
  }
  // Deepest first, so a subchart under `charts/` is found before the chart that holds it.
  return out.sort((a, b) => b.length - a.length);
}

/** The chart a file belongs to (the top chart: its subcharts are rendered with it), or undefined. */
export function chartOf(path: string, dirs: readonly string[]): string | undefined {
  let top: string | undefined;
  for (const d of dirs) if (d === '' || path.startsWith(`${d}/`)) top = top === undefined || d.length < top.length ? d : top;
  return top;
}

/** Whether a file name can be part of a chart's reading (templates and helpers, values, Chart.yaml). */
export function isChartFileName(name: string): boolean {
  return /\.(ya?ml|tpl|txt|json)$/i.test(name);
}

/** Renders each chart from its files and gives the analyses of what it renders, and the notes of its reading. */
export function analyzeCharts(texts: ReadonlyMap<string, string>, dirs: readonly string[], deps: EngineDeps): { analyses: FileAnalysis[]; notes: { file: string; message: string }[] } {
  const byChart = new Map<string, Map<string, string>>();
  for (const [path, text] of texts) {
    const chart = chartOf(path, dirs);
    if (chart === undefined) continue;
    let files = byChart.get(chart);
    if (!files) byChart.set(chart, (files = new Map()));
    files.set(path, text);
  }
  const analyses: FileAnalysis[] = [];
  const notes: { file: string; message: string }[] = [];
  for (const [chart, files] of [...byChart].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    try {
      const r = analyzeChart(chart, files, deps);
      analyses.push(...r.analyses);
      notes.push(...r.notes);
    } catch (e) {
      notes.push({ file: chart ? `${chart}/Chart.yaml` : 'Chart.yaml', message: `the chart could not be rendered: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
  }
  return { analyses, notes };
}
