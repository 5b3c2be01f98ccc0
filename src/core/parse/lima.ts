// Lima templates (lima.yaml): the YAML tree, keys explained from knowledge/lima.ts, one workload per
// file (the VM instance it defines).
import type { Workload } from '../advisor/types';
import { LIMA_TOPICS } from '../knowledge/lima';
import type { ConfigModel } from './types';
import { child, childString } from './yaml';
import { baseName, yamlFormatModule } from './yamlModule';

export type LimaModel = ConfigModel & { format: 'lima' };

/** The instance name Lima would derive from the template file: its name without `.yaml`. */
export function limaInstanceName(file: string): string {
  return baseName(file).replace(/\.ya?ml$/i, '') || 'default';
}

export function limaWorkloads(model: ConfigModel): Workload[] {
  const root = model.roots[0];
  const vmType = child(root, 'vmType');
  const image = childString(child(root, 'images')?.children?.[0], 'location');
  const start = { line: 0, character: 0 };
  return [
    {
      name: limaInstanceName(model.file),
      kind: 'lima-instance',
      format: 'lima',
      file: model.file,
      range: vmType ? vmType.keyRange : { start, end: start },
      extent: root.range,
      ...(image ? { image } : {}),
    },
  ];
}

export const limaModule = yamlFormatModule('lima', () => LIMA_TOPICS, limaWorkloads);
