// cloud-init user-data (`#cloud-config`): the YAML tree, keys explained from knowledge/cloudinit.ts,
// one workload per file (the machine it configures).
import type { Workload } from '../advisor/types';
import { CLOUDINIT_TOPICS } from '../knowledge/cloudinit';
import type { ConfigModel } from './types';
import { childString } from './yaml';
import { baseName, yamlFormatModule } from './yamlModule';

export type CloudInitModel = ConfigModel & { format: 'cloud-init' };

export function cloudInitWorkloads(model: ConfigModel): Workload[] {
  const root = model.roots[0];
  // A host name a template fills in (`${hostname}`, `{{ ds.meta_data.hostname }}`) names nothing yet.
  const named = [childString(root, 'hostname'), childString(root, 'fqdn')].find((n) => n && !/\$\{|\{\{|\$\(|%\{/.test(n));
  const name = named ?? baseName(model.file);
  const start = { line: 0, character: 0 };
  const last = model.roots[model.roots.length - 1];
  return [
    {
      name,
      kind: 'cloud-init',
      format: 'cloud-init',
      file: model.file,
      // The `#cloud-config` header line.
      range: { start, end: { line: 0, character: '#cloud-config'.length } },
      extent: { start, end: last.range.end },
    },
  ];
}

export const cloudInitModule = yamlFormatModule('cloud-init', () => CLOUDINIT_TOPICS, cloudInitWorkloads);
