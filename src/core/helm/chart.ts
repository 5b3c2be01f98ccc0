// Helm charts in a workspace: which files belong to a chart, and a chart rendered with its default
// values (values.yaml, each subchart's under its name, `global` shared), as `helm template` would
// with release name `release` in namespace `default`, keeping for every rendered line the template
// line it came from.
import { dirname } from '../fs';
import { parseTemplate, renderTemplate, TemplateSyntaxError, DEFAULT_BOUNDS, type Bounds, type ParsedTemplate, type RenderedLine, type RenderEnv, type TNode } from './template';
import { BoundsError, coalesceValues, FailError, GoMethod, isMapV, parseYamlValue, readValues, Undecided, type GoMap } from './values';

/** What a file is to the chart it lies in. */
export type ChartFileRole =
  /** Chart.yaml */
  | 'chart'
  /** `charts/<name>.tgz`: a packaged subchart, unpacked to `charts/<name>.tgz/…` (helm/archive.ts) */
  | 'archive'
  /** values.yaml */
  | 'values'
  /** a template that renders manifests */
  | 'template'
  /** `_*.tpl` and other `_` files: named templates only */
  | 'helper'
  /** templates/NOTES.txt: text shown after install */
  | 'notes'
  /** templates/tests/**: Helm test pods, run only by `helm test` */
  | 'test';

/** The release a chart is rendered as. */
export const RELEASE = { name: 'release', namespace: 'default' } as const;

const TEMPLATE_EXT = /\.(ya?ml|tpl|txt|json)$/i;

/**
 * The charts among a workspace's file paths: each folder with a Chart.yaml (or chart.yaml) that is
 * not a subchart (under another chart's `charts/`). Subcharts are rendered with their parent.
 */
export function chartRoots(paths: Iterable<string>): string[] {
  const dirs = new Set<string>();
  for (const p of paths) if (/(^|\/)Chart\.yaml$/.test(p)) dirs.add(dirname(p));
  return [...dirs].filter((d) => !isSubchartDir(d, dirs)).sort();
}

function isSubchartDir(dir: string, charts: ReadonlySet<string>): boolean {
  // a/charts/b is a subchart of a when a is a chart.
  const m = /^(.*?)\/?charts\/[^/]+$/.exec(dir);
  if (!m) return false;
  const parent = m[1] === '' ? '.' : m[1];
  return charts.has(parent) || isSubchartDir(parent, charts);
}

const inside = (dir: string, path: string) => dir === '.' || dir === '' ? !path.startsWith('../') : path.startsWith(dir + '/');
const rel = (dir: string, path: string) => (dir === '.' || dir === '' ? path : path.slice(dir.length + 1));

/**
 * What `path` is to the chart at `chartDir` (or one of its subcharts), or undefined when it is no
 * chart file (README, ci/ values, files the templates read). Chart files are read by analyzeChart,
 * not as plain manifests: their templates are not YAML until rendered.
 */
export function chartFileRole(chartDir: string, path: string): ChartFileRole | undefined {
  if (!inside(chartDir, path)) return undefined;
  let r = rel(chartDir, path);
  // Descend into subcharts: charts/<name>/…
  for (let m = /^charts\/[^/]+\/(.*)$/.exec(r); m; m = /^charts\/[^/]+\/(.*)$/.exec(r)) r = m[1];
  if (r === 'Chart.yaml' || r === 'Chart.lock' || r === 'requirements.yaml') return 'chart';
  if (/^charts\/[^/]+\.tgz$/i.test(r)) return 'archive';
  if (r === 'values.yaml' || r === 'values.yml') return 'values';
  if (!r.startsWith('templates/') || !TEMPLATE_EXT.test(r)) return undefined;
  const base = r.slice(r.lastIndexOf('/') + 1);
  if (r.startsWith('templates/tests/')) return 'test';
  if (base === 'NOTES.txt') return 'notes';
  if (base.startsWith('_')) return 'helper';
  return 'template';
}

/** Whether `path` belongs to one of the charts `roots` (chartRoots) and is read with it. */
export function isChartFile(roots: readonly string[], path: string): boolean {
  return roots.some((d) => chartFileRole(d, path) !== undefined);
}

/** One template of a chart rendered with default values. */
export interface RenderedTemplate {
  /** Workspace-relative path of the template file. */
  file: string;
  /** The `name` of the chart it belongs to (the subchart's, for a subchart's template). */
  chart: string;
  text: string;
  /** Per rendered line (index = line of `text`). */
  lines: RenderedLine[];
  /** Problems of evaluation (an unknown function, a missing named template); the first is worth a note. */
  issues: string[];
}

export interface RenderedChart {
  name: string;
  templates: RenderedTemplate[];
  /** Files that could not be rendered, or what kept the chart from rendering (one per file). */
  notes: { file: string; message: string }[];
}

interface LoadedChart {
  dir: string;
  meta: GoMap;
  name: string;
  values: GoMap;
  templates: { file: string; text: string; parsed?: ParsedTemplate; error?: TemplateSyntaxError }[];
  subcharts: LoadedChart[];
  /** The folder path from the top chart: `` for the top, `charts/redis/` for a subchart. */
  prefix: string;
}

function loadChart(dir: string, files: ReadonlyMap<string, string>, prefix: string, notes: RenderedChart['notes'], depth: number): LoadedChart | undefined {
  const chartFile = dir === '.' ? 'Chart.yaml' : `${dir}/Chart.yaml`;
  const chartText = files.get(chartFile);
  if (chartText === undefined) return undefined;
  const meta = parseYamlValue(chartText);
  const metaMap = isMapV(meta) ? meta : new Map<string, unknown>();
  const name = typeof metaMap.get('name') === 'string' ? (metaMap.get('name') as string) : dir.slice(dir.lastIndexOf('/') + 1);
  const valuesPath = dir === '.' ? 'values.yaml' : `${dir}/values.yaml`;
  const valuesText = files.get(valuesPath) ?? files.get(valuesPath.replace(/yaml$/, 'yml'));
  let values: GoMap = new Map();
  if (valuesText !== undefined) {
    const r = readValues(valuesText, `${prefix}values.yaml`);
    values = r.values;
    if (r.error) notes.push({ file: valuesPath, message: `The chart's default values could not all be read (${r.error}); the chart is rendered with what could.` });
  }
  const templates: LoadedChart['templates'] = [];
  const subDirs = new Set<string>();
  for (const [path, text] of files) {
    if (!inside(dir, path)) continue;
    const r = rel(dir, path);
    if (r.startsWith('templates/') && TEMPLATE_EXT.test(r)) templates.push({ file: path, text });
    const sub = /^charts\/([^/]+)\/Chart\.yaml$/.exec(r);
    if (sub) subDirs.add(`${dir === '.' ? '' : dir + '/'}charts/${sub[1]}`);
    // Given as it is, not unpacked (the scan unpacks it into `charts/<name>.tgz/…`).
    if (/^charts\/[^/]+\.tgz$/.test(r)) notes.push({ file: path, message: 'A packaged subchart (.tgz) is not read; its templates are not rendered.' });
  }
  templates.sort((a, b) => (a.file < b.file ? -1 : 1));
  const subcharts: LoadedChart[] = [];
  if (depth < 10)
    for (const d of [...subDirs].sort()) {
      const sub = loadChart(d, files, `${prefix}charts/${d.slice(d.lastIndexOf('/') + 1)}/`, notes, depth + 1);
      if (sub) subcharts.push(sub);
    }
  return { dir, meta: metaMap, name, values, templates, subcharts, prefix };
}

/** The values a subchart sees: its own, the parent's entry under its name (or alias) over them, and the parent's `global`. */
function subchartValues(sub: LoadedChart, key: string, parentValues: GoMap): GoMap {
  const fromParent = parentValues.get(key);
  let v = isMapV(fromParent) ? coalesceValues(sub.values, fromParent) : coalesceValues(sub.values, new Map());
  const g = parentValues.get('global');
  if (isMapV(g)) {
    const own = v.get('global');
    v.set('global', isMapV(own) ? coalesceValues(own, g) : coalesceValues(new Map(), g));
  } else if (!v.has('global')) v.set('global', new Map());
  return v;
}

/** The dependency entry (Chart.yaml `dependencies`) for a subchart folder name. */
function dependencyOf(meta: GoMap, sub: LoadedChart): GoMap | undefined {
  const deps = meta.get('dependencies');
  if (!Array.isArray(deps)) return undefined;
  const folder = sub.dir.slice(sub.dir.lastIndexOf('/') + 1);
  return deps.find((d): d is GoMap => isMapV(d) && (d.get('name') === sub.name || d.get('name') === folder)) as GoMap | undefined;
}

function pathValue(values: GoMap, path: string): unknown {
  let cur: unknown = values;
  for (const k of path.split('.')) {
    if (!isMapV(cur)) return undefined;
    cur = cur.get(k);
  }
  return cur;
}

/** Whether Helm installs a dependency: its first `condition` path that is a bool decides, else its `tags`. */
function dependencyEnabled(dep: GoMap | undefined, parentValues: GoMap): boolean {
  if (!dep) return true;
  const cond = dep.get('condition');
  if (typeof cond === 'string')
    for (const p of cond.split(',')) {
      const v = pathValue(parentValues, p.trim());
      if (typeof v === 'boolean') return v;
    }
  const tags = dep.get('tags');
  const tagValues = parentValues.get('tags');
  if (Array.isArray(tags) && isMapV(tagValues)) {
    const set = tags.map((t) => tagValues.get(String(t))).filter((x) => typeof x === 'boolean');
    if (set.length) return set.some((x) => x === true);
  }
  return true;
}

/** `.Chart`: Chart.yaml with Helm's field names. */
function chartObject(meta: GoMap, name: string, isRoot: boolean): GoMap {
  const m: GoMap = new Map();
  for (const [k, v] of meta) m.set(k.charAt(0).toUpperCase() + k.slice(1), v);
  m.set('Name', name);
  if (!m.has('Version')) m.set('Version', '');
  if (!m.has('AppVersion')) m.set('AppVersion', '');
  m.set('IsRoot', isRoot);
  return m;
}

const FILES = new Map<string, unknown>([
  ['Get', new GoMethod(() => '')],
  ['GetBytes', new GoMethod(() => [])],
  ['Lines', new GoMethod(() => [])],
  ['Glob', new GoMethod(() => new Map<string, unknown>([['AsConfig', new GoMethod(() => '')], ['AsSecrets', new GoMethod(() => '')]]))],
  ['AsConfig', new GoMethod(() => '')],
  ['AsSecrets', new GoMethod(() => '')],
]);

/** Renders a chart (and its enabled subcharts) with default values. `files`: every file under chartDir, by workspace-relative path. */
export function renderChart(chartDir: string, files: ReadonlyMap<string, string>, bounds: Bounds = { ...DEFAULT_BOUNDS }): RenderedChart | undefined {
  const notes: RenderedChart['notes'] = [];
  const top = loadChart(chartDir, files, '', notes, 0);
  if (!top) return undefined;

  // Which charts render, with which values.
  const charts: { chart: LoadedChart; values: GoMap; path: string }[] = [];
  const walk = (c: LoadedChart, values: GoMap, path: string, depth: number) => {
    charts.push({ chart: c, values, path });
    if (depth > 10) return;
    for (const sub of c.subcharts) {
      const dep = dependencyOf(c.meta, sub);
      if (!dependencyEnabled(dep, values)) continue;
      const key = typeof dep?.get('alias') === 'string' ? (dep.get('alias') as string) : sub.name;
      walk(sub, subchartValues(sub, key, values), `${path}/charts/${key}`, depth + 1);
    }
  };
  const topValues = top.values.has('global') ? top.values : coalesceValues(top.values, new Map([['global', new Map()]]));
  walk(top, topValues, top.name, 0);

  // Named templates of every chart, the top chart's last so that its own win.
  const defines = new Map<string, TNode[]>();
  for (const { chart, path } of [...charts].reverse())
    for (const t of chart.templates) {
      try {
        t.parsed ??= parseTemplate(t.text);
      } catch (e) {
        t.error = e instanceof TemplateSyntaxError ? e : new TemplateSyntaxError(String(e), 0);
        continue;
      }
      for (const [k, v] of t.parsed.defines) defines.set(k, v);
      // Each file is a named template too, by its path (`include (print $.Template.BasePath "/configmap.yaml") .`).
      defines.set(`${path}/${rel(chart.dir, t.file)}`, t.parsed.nodes);
    }

  const rendered: RenderedTemplate[] = [];
  for (const { chart, values, path } of charts) {
    const chartObj = chartObject(chart.meta, chart.name, chart === top);
    for (const t of chart.templates) {
      const role = chartFileRole(chart.dir, t.file);
      if (role !== 'template') continue;
      if (t.error) {
        notes.push({ file: t.file, message: `The template could not be read (${t.error.message}, line ${lineOfOffset(t.text, t.error.offset) + 1}); it is not rendered.` });
        continue;
      }
      const env: RenderEnv = { defines, bounds, issues: [] };
      const templateName = `${path}/${rel(chart.dir, t.file)}`;
      const dot: GoMap = new Map<string, unknown>([
        ['Values', values],
        ['Chart', chartObj],
        ['Release', new Map<string, unknown>([['Name', RELEASE.name], ['Namespace', RELEASE.namespace], ['Service', 'Helm'], ['IsInstall', true], ['IsUpgrade', false], ['Revision', 1]])],
        ['Capabilities', new Undecided('.Capabilities')],
        ['Files', FILES],
        ['Template', new Map<string, unknown>([['Name', templateName], ['BasePath', `${path}/templates`]])],
        ['Subcharts', new Map()],
      ]);
      try {
        const r = renderTemplate(t.text, t.parsed!, env, dot);
        rendered.push({ file: t.file, chart: chart.name, text: r.text, lines: r.lines, issues: env.issues });
      } catch (e) {
        if (e instanceof BoundsError) {
          notes.push({ file: t.file, message: `Rendering stopped: ${e.message}. The template is not analysed.` });
          if (bounds.steps < 0) {
            notes.push({ file: chart.dir === '.' ? 'Chart.yaml' : `${chartDir}/Chart.yaml`, message: 'The chart took more evaluation steps than allowed; its other templates are not rendered.' });
            return { name: top.name, templates: rendered, notes };
          }
        } else if (e instanceof FailError) {
          notes.push({ file: t.file, message: `With the default values the template fails ("${e.message}"), so Helm would render nothing; it is not analysed.` });
        } else {
          notes.push({ file: t.file, message: `The template could not be rendered (${e instanceof RangeError ? 'nested too deep' : e instanceof Error ? e.message : String(e)}).` });
        }
      }
    }
  }
  return { name: top.name, templates: rendered, notes };
}

function lineOfOffset(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
