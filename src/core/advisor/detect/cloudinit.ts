// cloud-init detector: user-data is read by a machine on its first boot, so the file is a VM.
import type { ConfigModel, ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import { finding } from './rules';

export const CLOUDINIT_CODE_SIGNALS = ['existing.cloud-init'] as const;

export function detectCloudInit(base: ModelBase): Finding[] {
  const model = base as ConfigModel;
  const root = model.roots.find((r) => r.children?.length);
  if (!root) return [];
  const first = root.children![0];
  return [finding('existing.cloud-init', model.file, first.keyRange, 'cloud-init user-data configures a machine on its first boot')];
}
