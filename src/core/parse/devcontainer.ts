// devcontainer.json, .devcontainer.json and devcontainer-feature.json: JSON with comments, read
// with jsonc-parser into a ConfigNode tree. One workload per file.
import type { Workload } from '../advisor/types';
import { DEVCONTAINER_TOPICS } from '../knowledge/devcontainer';
import { folderName, keyTopicAt } from './config-topics';
import type { FormatModule } from './format';
import { child, childString, parseJsonTree } from './jsonc-tree';
import type { ConfigModel } from './types';

export interface DevcontainerModel extends ConfigModel {
  format: 'devcontainer';
  /** A Feature's own manifest (devcontainer-feature.json) rather than a container definition. */
  isFeature: boolean;
  /** `dockerComposeFile` as written (a string or a list), relative to the file's folder. */
  composeFiles: string[];
  /** `service`: the compose service the editor attaches to. */
  service?: string;
}

function parse(text: string, file: string): DevcontainerModel {
  const tree = parseJsonTree(text);
  const root = tree.roots[0];
  const compose = child(root, 'dockerComposeFile');
  const composeFiles =
    typeof compose?.value === 'string'
      ? [compose.value]
      : (compose?.children ?? []).flatMap((c) => (typeof c.value === 'string' ? [c.value] : []));
  const model: DevcontainerModel = {
    format: 'devcontainer',
    file,
    problems: tree.problems,
    roots: tree.roots,
    isFeature: /devcontainer-feature\.json$/i.test(file),
    composeFiles,
  };
  const service = childString(root, 'service');
  if (service !== undefined) model.service = service;
  return model;
}

function workloads(model: DevcontainerModel): Workload[] {
  const root = model.roots[0];
  if (!root) return [];
  const build = child(root, 'build');
  const dockerfileNode = child(build, 'dockerfile') ?? child(build, 'dockerFile') ?? child(root, 'dockerFile') ?? child(root, 'dockerfile');
  const imageNode = child(root, 'image');
  const anchor = imageNode ?? dockerfileNode ?? child(root, 'dockerComposeFile') ?? child(root, 'id') ?? child(root, 'name');
  const name = childString(root, 'name') ?? childString(root, 'id') ?? folderName(model.file);
  const w: Workload = {
    name: model.isFeature ? `feature ${name}` : name,
    kind: 'devcontainer',
    format: 'devcontainer',
    file: model.file,
    range: anchor ? anchor.keyRange : { start: root.range.start, end: root.range.start },
    extent: root.range,
  };
  if (typeof imageNode?.value === 'string') w.image = imageNode.value;
  if (typeof dockerfileNode?.value === 'string') w.buildsFrom = dockerfileNode.value;
  const target = childString(build, 'target')?.trim();
  if (w.buildsFrom && target) w.buildTarget = target;
  if (model.service && model.composeFiles.length) w.attachesTo = { files: model.composeFiles, service: model.service };
  return [w];
}

export const devcontainerModule: FormatModule<DevcontainerModel> = {
  format: 'devcontainer',
  parse,
  topicAt: (model, pos) => keyTopicAt(model, pos, DEVCONTAINER_TOPICS),
  workloads,
};
