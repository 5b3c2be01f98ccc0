// A Helm chart as the advisor reads it: each template rendered with the chart's default values,
// read as Kubernetes manifests, and every workload, finding and problem placed back on the template
// line it came from. A finding on a line that depends on what no file decides gets `when`; one whose
// value is a default from values.yaml says where that default is set.
import { analyzeText, DEFAULT_DEPS, type EngineDeps, type FileAnalysis } from '../advisor/engine';
import type { Finding } from '../advisor/types';
import type { Pos, Range } from '../parse/types';
import { renderChart, type RenderedTemplate } from './chart';
import type { RenderedLine } from './template';
import type { ValueOrigin } from './values';

export { chartFileRole, chartRoots, isChartFile, RELEASE, type ChartFileRole } from './chart';

/** Something about a chart file the user should know (it could not be rendered or read). */
export interface ChartNote {
  file: string;
  message: string;
}

export interface ChartAnalysis {
  analyses: FileAnalysis[];
  notes: ChartNote[];
}

/**
 * Renders the chart at `chartDir` with its default values and analyses each rendered template.
 * `files`: workspace-relative path → text of every file under chartDir (Chart.yaml, values.yaml,
 * templates/**, charts/<sub>/**); other files are ignored. Each analysis is for a template file,
 * with positions in that file; `problems` stay empty, as a template's problems are its notes (at most
 * one per file).
 */
export function analyzeChart(chartDir: string, files: ReadonlyMap<string, string>, deps: EngineDeps = DEFAULT_DEPS): ChartAnalysis {
  const chart = renderChart(chartDir, files);
  if (!chart) return { analyses: [], notes: [{ file: chartDir === '.' ? 'Chart.yaml' : `${chartDir}/Chart.yaml`, message: 'No Chart.yaml was given; the chart is not rendered.' }] };
  const notes: ChartNote[] = [...chart.notes];
  const analyses: FileAnalysis[] = [];
  const off: string[] = [];
  for (const t of chart.templates) {
    if (!/\S/.test(t.text)) {
      if (t.issues.length) notes.push({ file: t.file, message: issueNote(t.issues) });
      else if (WORKLOAD_KIND.test(files.get(t.file) ?? '')) off.push(t.file);
      continue;
    }
    const a = analyzeText(t.file, t.text, 'kubernetes', deps);
    if (!a) continue;
    const mapped = mapAnalysis(a, t, files.get(t.file) ?? '', deps);
    analyses.push(mapped.analysis);
    const problem = a.problems[0];
    if (t.issues.length) notes.push({ file: t.file, message: issueNote(t.issues) + (problem ? ' The rendered YAML has problems too.' : '') });
    else if (problem) {
      const line = (t.lines[problem.range.start.line]?.origin ?? 0) + 1;
      notes.push({ file: t.file, message: `Rendered with the chart's default values, the manifest is not valid YAML near template line ${line} (${problem.message.split('\n')[0]}); what could be read is analysed.` });
    }
  }
  if (off.length) {
    const shown = off.slice(0, 5).map((f) => (chartDir === '.' ? f : f.slice(chartDir.length + 1)).replace(/(^|\/)templates\//, '$1')).join(', ');
    const more = off.length > 5 ? ` and ${off.length - 5} more` : '';
    notes.push({
      file: chartDir === '.' ? 'Chart.yaml' : `${chartDir}/Chart.yaml`,
      message: `With the chart's default values, ${off.length === 1 ? 'one template that defines a workload renders' : `${off.length} templates that define workloads render`} nothing (${shown}${more}): components the chart leaves off by default are not judged.`,
    });
  }
  return { analyses, notes };
}

/** A template that writes a workload when it renders (`kind: Deployment`). */
const WORKLOAD_KIND = /^\s*kind:\s*["']?(Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob|Pod|VirtualMachine|VirtualMachineInstance)["']?\s*$/m;

function issueNote(issues: readonly string[]): string {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `Rendered with the chart's default values, some of the template could not be evaluated: ${issues[0]}${more}. What depends on it is treated as undecided.`;
}

/** Positions of the rendered text back to the template's. */
class LineMap {
  private readonly rendered: string[];
  private readonly template: string[];
  constructor(
    renderedText: string,
    templateText: string,
    private readonly lines: readonly RenderedLine[],
  ) {
    this.rendered = renderedText.split('\n');
    this.template = templateText.split('\n');
  }

  info(line: number): RenderedLine | undefined {
    return this.lines[Math.min(Math.max(line, 0), this.lines.length - 1)];
  }

  /** The template position of a rendered one: the same column when the line is the template's own text, else where the same text stands in the template line, else the line's first non-blank column. */
  pos(p: Pos, probe?: string): Pos {
    const line = this.info(p.line)?.origin ?? 0;
    const tl = this.template[line] ?? '';
    const rl = this.rendered[p.line] ?? '';
    if (rl === tl) return { line, character: p.character };
    const word = probe ?? /^[^\s:]+/.exec(rl.slice(p.character))?.[0];
    if (word) {
      const at = tl.indexOf(word);
      if (at >= 0) return { line, character: at };
    }
    return { line, character: /^\s*/.exec(tl)![0].length };
  }

  range(r: Range): Range {
    const probe = r.start.line === r.end.line ? (this.rendered[r.start.line] ?? '').slice(r.start.character, r.end.character) : undefined;
    const start = this.pos(r.start, probe || undefined);
    const tl = this.template[start.line] ?? '';
    if (probe && tl.startsWith(probe, start.character)) return { start, end: { line: start.line, character: start.character + probe.length } };
    let end = this.pos(r.end);
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = { line: start.line, character: tl.length };
    if (end.line === start.line && end.character === start.character) end = { line: start.line, character: Math.max(tl.length, start.character) };
    return { start, end };
  }
}

function whereSet(from: readonly ValueOrigin[]): string {
  const byFile = new Map<string, number[]>();
  for (const o of from) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o.line + 1]);
  const parts = [...byFile].map(([f, ls]) => `${f} line${ls.length > 1 ? 's' : ''} ${[...new Set(ls)].sort((a, b) => a - b).join(', ')}`);
  return `(default in ${parts.join('; ')})`;
}

function mapAnalysis(a: FileAnalysis, t: RenderedTemplate, templateText: string, deps: EngineDeps): { analysis: FileAnalysis } {
  const map = new LineMap(t.text, templateText, t.lines);
  const rendered = t.text.split('\n');
  const workloads = a.workloads.map((w) => {
    const kind = kindNear(rendered, w.range.start.line, w.extent);
    const own = w.name && w.name !== kind ? w.name : '';
    return { ...w, name: `${t.chart}: ${kind ?? 'workload'}${own ? '/' + own : ''}`, range: map.range(w.range), extent: map.range(w.extent) };
  });
  const findings: Finding[] = a.findings.map((f) => {
    const info = map.info(f.range.start.line);
    const out: Finding = { ...f, range: map.range(f.range) };
    if (info?.when?.length) out.when = info.when.join(' and ');
    if (info?.from?.length) {
      const base = f.message ?? deps.signalById(f.signal)?.reason ?? '';
      out.message = `${base} ${whereSet(info.from)}`.trim();
    }
    return out;
  });
  return { analysis: { ...a, workloads, findings, problems: [] } };
}

/** The `kind:` of the manifest a workload was read from, from its rendered lines. */
function kindNear(lines: readonly string[], at: number, extent: Range): string | undefined {
  const own = /^\s*kind:\s*["']?([A-Za-z0-9]+)/.exec(lines[at] ?? '');
  if (own) return own[1];
  for (let i = extent.start.line; i <= Math.min(extent.end.line, lines.length - 1); i++) {
    const m = /^kind:\s*["']?([A-Za-z0-9]+)/.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}
