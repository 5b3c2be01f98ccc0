// Helm charts in a scan: a folder with a Chart.yaml is read as a chart, rendered with its default
// values (../helm), rather than file by file as if its templates were plain manifests. Its chart
// files (helm/chart.ts: isChartFile) are held back from the per-file reading and given to the chart
// together; the rest of its folder (`ci/*-values.yaml`, examples) is read as usual.
import { analyzeChart } from '../helm/analyze';
import { chartFileRole, chartRoots } from '../helm/chart';
import type { EngineDeps, FileAnalysis } from './engine';

export { chartRoots };

/** The chart a file is read with (subcharts are rendered with the chart that holds them), or undefined. */
export function chartOf(path: string, roots: readonly string[]): string | undefined {
  return roots.find((d) => chartFileRole(d, path) !== undefined);
}

/** Renders each chart from its files and gives the analyses of what it renders, and the notes of its reading. */
export function analyzeCharts(texts: ReadonlyMap<string, string>, roots: readonly string[], deps: EngineDeps): { analyses: FileAnalysis[]; notes: { file: string; message: string }[] } {
  const byChart = new Map<string, Map<string, string>>(roots.map((d) => [d, new Map()]));
  for (const [path, text] of texts) {
    const chart = chartOf(path, roots);
    if (chart !== undefined) byChart.get(chart)!.set(path, text);
  }
  const analyses: FileAnalysis[] = [];
  const notes: { file: string; message: string }[] = [];
  for (const [chart, files] of byChart) {
    try {
      const r = analyzeChart(chart, files, deps);
      analyses.push(...r.analyses);
      notes.push(...r.notes);
    } catch (e) {
      notes.push({ file: chart === '.' ? 'Chart.yaml' : `${chart}/Chart.yaml`, message: `the chart could not be rendered: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
  }
  return { analyses, notes };
}
