// cloud-init detector: user-data is read by a machine on its first boot, so the file is a VM.
import type { ConfigModel, ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import { finding } from './rules';

const HEADER = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

export const CLOUDINIT_CODE_SIGNALS = ['existing.cloud-init'] as const;

export function detectCloudInit(base: ModelBase): Finding[] {
  const model = base as ConfigModel;
  const root = model.roots.find((r) => r.children?.length);
  // Recognised as user-data but with no keys of its own (`#include` URL lists, `#cloud-config-archive`
  // parts): still a file that a machine reads on its first boot.
  if (!root) return model.roots.length ? [finding('existing.cloud-init', model.file, HEADER, 'User-data in another cloud-init form (an include list or an archive)')] : [];
  const first = root.children![0];
  return [finding('existing.cloud-init', model.file, first.keyRange, /^\d+$/.test(first.key) ? 'User-data parts (a cloud-init archive)' : `\`${first.key}:\` is read by cloud-init`)];
}
