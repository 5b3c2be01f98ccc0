// Lima detector: a Lima template is a VM definition; its guest OS may differ from the host's.
import type { ConfigModel, ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import { finding, runRules, type Rule } from './rules';

export const LIMA_RULES: readonly Rule[] = [
  { signal: 'platform.other-os-guest', paths: ['os'], when: /^(windows|darwin)$/i, say: 'The guest OS is `{value}`' },
  { signal: 'platform.other-os-guest', paths: ['vmType'], when: /^wsl2$/i, say: 'A WSL2 VM on a Windows host' },
];

export const LIMA_CODE_SIGNALS = ['existing.lima-instance'] as const;

export function detectLima(base: ModelBase): Finding[] {
  const model = base as ConfigModel;
  const out = runRules(model, LIMA_RULES);
  const root = model.roots.find((r) => r.children?.length);
  if (!root) return out;
  const anchor = root.children!.find((c) => c.key === 'vmType' || c.key === 'images' || c.key === 'base') ?? root.children![0];
  const value = typeof anchor.value === 'string' ? anchor.value : undefined;
  const say = anchor.key === 'images' ? '`images:` lists the disk images the instance boots' : value ? `\`${anchor.key}: ${value}\`` : `\`${anchor.key}:\` in a Lima template`;
  out.push(finding('existing.lima-instance', model.file, anchor.keyRange, say));
  return out;
}
