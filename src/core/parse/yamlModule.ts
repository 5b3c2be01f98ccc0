// The FormatModule shape every YAML format shares: parse to a ConfigModel, explain keys from a
// KeyTopic table, and a format-specific workload finder.
import type { Workload } from '../advisor/types';
import type { KeyTopic } from '../knowledge/keyTopic';
import type { FormatModule } from './format';
import { keyedTopicAt } from './keyed';
import type { ConfigModel, Format, Range } from './types';
import { parseYamlTree } from './yaml';

export function parseYamlModel(format: ConfigModel['format'], text: string, file: string): ConfigModel {
  const { roots, problems } = parseYamlTree(text);
  return { format, file, roots, problems };
}

export function yamlFormatModule(
  format: Exclude<Format, 'dockerfile'>,
  topics: () => readonly KeyTopic[],
  workloads: (model: ConfigModel) => Workload[],
): FormatModule<ConfigModel> {
  return {
    format,
    parse: (text, file) => parseYamlModel(format, text, file),
    topicAt: (model, pos) => {
      const hit = keyedTopicAt(topics(), model.roots, pos);
      if (!hit) return null;
      const { key: _k, node: _n, ...plain } = hit;
      return plain;
    },
    workloads: (model) => (model.roots.length ? workloads(model) : []),
  };
}

/** The folder part of a path as given (forward slashes), '' for a bare name. */
export function dirOf(file: string): string {
  const f = file.replace(/\\/g, '/');
  const i = f.lastIndexOf('/');
  return i < 0 ? '' : f.slice(0, i);
}

export function baseName(file: string): string {
  const f = file.replace(/\\/g, '/');
  return f.slice(f.lastIndexOf('/') + 1);
}

/** The first line of a range, for lenses that sit on a whole document. */
export function firstLine(r: Range): Range {
  return { start: r.start, end: { line: r.start.line, character: Math.max(r.start.character, 0) } };
}
