// Podman Quadlet units (`*.container`, `*.pod`, `*.kube`, `*.volume`, `*.network`, `*.image`,
// `*.build`): systemd unit files whose own section (`[Container]`, `[Pod]`, `[Kube]`…) Podman's
// generator turns into a `.service`. Read as Podman's unit-file parser reads them
// (pkg/systemd/parser/unitfile.go): each line is trimmed; a line starting with `#` or `;` is a
// comment, also inside a continued value; a line ending in a backslash goes on on the next line
// (the backslash dropped); `[Name]` opens a section; `Key=Value` is an entry, and a key may repeat.
//
// The tree: one root, its sections (path [Section]), their entries (path [Section, Key]), so hovers
// and advisor rules match `Container.Image` like any other key path.
import type { Workload, WorkloadKind } from '../advisor/types';
import { QUADLET_TOPICS } from '../knowledge/quadlet';
import type { FormatModule, TopicHit } from './format';
import { keyedTopicAt } from './keyed';
import type { ConfigModel, ConfigNode, ParseProblem, Pos, Range } from './types';

/** The file name without its folder (yamlModule's would pull the YAML reader into this format's bundle). */
const baseName = (file: string): string => file.replace(/\\/g, '/').slice(file.replace(/\\/g, '/').lastIndexOf('/') + 1);

export type QuadletModel = ConfigModel & {
  format: 'quadlet';
  /** The unit type, from the file name: `container`, `pod`, `kube`, `volume`, `network`, `image`, `build` (or '' for another name). */
  unit: string;
};

/** Unit types by extension, with the section Podman reads in each. */
export const QUADLET_SECTIONS: Readonly<Record<string, string>> = {
  container: 'Container',
  pod: 'Pod',
  kube: 'Kube',
  volume: 'Volume',
  network: 'Network',
  image: 'Image',
  build: 'Build',
};

/** The unit type of a file name (`web.container` → `container`), or '' when the extension is no Quadlet one. */
export function quadletUnitOf(file: string): string {
  const m = /\.([a-z]+)$/i.exec(baseName(file));
  const ext = m ? m[1].toLowerCase() : '';
  return ext in QUADLET_SECTIONS ? ext : '';
}

const MAX_LINES = 100_000;

const pos = (line: number, character: number): Pos => ({ line, character });

function parse(text: string, file: string): QuadletModel {
  const problems: ParseProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const count = Math.min(lines.length, MAX_LINES);
  if (lines.length > MAX_LINES) {
    problems.push({ message: `only the first ${MAX_LINES} lines were read`, range: { start: pos(MAX_LINES, 0), end: pos(MAX_LINES, 0) }, incomplete: true });
  }
  const lastLine = Math.max(0, count - 1);
  const root: ConfigNode = { key: '', path: [], keyRange: { start: pos(0, 0), end: pos(0, 0) }, range: { start: pos(0, 0), end: pos(lastLine, (lines[lastLine] ?? '').length) }, children: [] };
  let section: ConfigNode | undefined;
  const openSection = (name: string, line: number, from: number, to: number): ConfigNode => {
    const node: ConfigNode = { key: name, path: [name], keyRange: { start: pos(line, from), end: pos(line, to) }, range: { start: pos(line, Math.max(0, from - 1)), end: pos(line, to + 1) }, children: [] };
    root.children!.push(node);
    return node;
  };
  for (let i = 0; i < count; i++) {
    const raw = lines[i];
    const start = raw.search(/\S/);
    if (start < 0) continue;
    const trimmed = raw.trim();
    if (trimmed[0] === '#' || trimmed[0] === ';') continue;
    if (trimmed[0] === '[') {
      const close = trimmed.indexOf(']');
      if (close < 0 || trimmed.slice(close + 1).trim() !== '') {
        problems.push({ message: `line ${i + 1} is not a section header: “${trimmed.slice(0, 60)}”`, range: { start: pos(i, start), end: pos(i, raw.length) } });
        continue;
      }
      const name = trimmed.slice(1, close).trim();
      const from = raw.indexOf(name, start + 1);
      section = openSection(name, i, from, from + name.length);
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      problems.push({ message: `line ${i + 1} is not a Key=Value entry, a section header or a comment: “${trimmed.slice(0, 60)}”`, range: { start: pos(i, start), end: pos(i, raw.length) } });
      continue;
    }
    const key = trimmed.slice(0, eq).trimEnd();
    // The value: this line's rest, then each continued line (comments inside are skipped).
    const valueCol = start + eq + 1 + (trimmed.slice(eq + 1).length - trimmed.slice(eq + 1).trimStart().length);
    let value = '';
    let endLine = i;
    let endChar = raw.trimEnd().length;
    let piece = trimmed.slice(eq + 1).trimStart();
    let j = i;
    for (;;) {
      if (piece.endsWith('\\') && j < count - 1) {
        value += piece.slice(0, -1);
        let k = j + 1;
        // Comment lines inside a continued value are left out.
        while (k < count && /^\s*[#;]/.test(lines[k])) k++;
        if (k >= count) break;
        j = k;
        piece = lines[j].trim();
        endLine = j;
        endChar = lines[j].trimEnd().length;
        continue;
      }
      value += piece.endsWith('\\') ? piece.slice(0, -1) : piece;
      break;
    }
    value = value.trim();
    if (!section) {
      problems.push({ message: `line ${i + 1}: \`${key}=\` comes before any [Section]`, range: { start: pos(i, start), end: pos(i, start + key.length) } });
      section = openSection('', i, start, start);
    }
    const entry: ConfigNode = {
      key,
      path: [section.key, key],
      keyRange: { start: pos(i, start), end: pos(i, start + key.length) },
      range: { start: pos(i, start), end: pos(endLine, endChar) },
      value,
      valueRange: { start: pos(i, Math.min(valueCol, raw.length)), end: pos(endLine, endChar) },
    };
    section.children!.push(entry);
    section.range = { start: section.range.start, end: entry.range.end };
    i = j;
  }
  return { format: 'quadlet', file, problems, roots: [root], unit: quadletUnitOf(file) };
}

/** The sections of a model named `name` (a section may appear more than once; systemd merges them). */
export function sectionsNamed(model: ConfigModel, name: string): ConfigNode[] {
  return (model.roots[0]?.children ?? []).filter((s) => s.key === name);
}

/** Every entry `key` of the sections named `section`, in file order. */
export function entries(model: ConfigModel, section: string, key: string): ConfigNode[] {
  return sectionsNamed(model, section).flatMap((s) => (s.children ?? []).filter((c) => c.key === key));
}

/** The last value of an entry (a later assignment of a single-valued key wins, as in systemd). */
export function lastValue(model: ConfigModel, section: string, key: string): string | undefined {
  const all = entries(model, section, key);
  const v = all[all.length - 1]?.value;
  return typeof v === 'string' ? v : undefined;
}

const WORKLOAD_KIND: Readonly<Record<string, WorkloadKind>> = {
  container: 'quadlet-container',
  pod: 'quadlet-pod',
  kube: 'quadlet-kube',
};

/** The unit's name: the file name without its extension (`web.container` → `web`, run as `web.service`). */
export function quadletUnitName(file: string): string {
  return baseName(file).replace(/\.[a-z]+$/i, '') || baseName(file);
}

/**
 * One workload for a `.container`, `.pod` or `.kube` unit: what systemd starts on this host. Networks,
 * volumes, images and builds are resources those units use, not workloads of their own.
 */
function workloads(model: QuadletModel): Workload[] {
  const kind = WORKLOAD_KIND[model.unit];
  if (!kind) return [];
  const section = sectionsNamed(model, QUADLET_SECTIONS[model.unit])[0];
  if (!section) return [];
  const image = model.unit === 'container' ? lastValue(model, 'Container', 'Image') : undefined;
  const w: Workload = {
    name: quadletUnitName(model.file),
    kind,
    format: 'quadlet',
    file: model.file,
    range: section.keyRange,
    extent: model.roots[0].range,
  };
  if (image) w.image = image;
  return w.name ? [w] : [];
}

function topicAt(model: QuadletModel, at: Pos): TopicHit | null {
  const hit = keyedTopicAt(QUADLET_TOPICS, model.roots, at);
  if (!hit) return null;
  const { key: _k, node, ...plain } = hit;
  // An entry's findings are those that start anywhere in it, continued lines included.
  const extent: Range | undefined = node.path.length === 2 ? node.range : undefined;
  return extent ? { ...plain, extent } : plain;
}

export const quadletModule: FormatModule<QuadletModel> = {
  format: 'quadlet',
  parse,
  topicAt,
  workloads,
};
