// Docker Bake detector: what a target's own attributes say (its Dockerfile's findings are joined to
// it by the engine). A single fixed platform ties the image to one CPU type; `security.insecure`,
// `network.host` and `network = "host"` loosen the isolation of the build on the builder host.
import type { BakeModel } from '../../parse/bake';
import type { ConfigNode, ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import { finding } from './rules';

export const BAKE_CODE_SIGNALS = ['platform.foreign-architecture', 'hardening.insecure-build'] as const;

const own = (node: ConfigNode, key: string): ConfigNode | undefined => node.children?.find((c) => c.path.length === node.path.length + 1 && c.path[c.path.length - 1] === key);

/** A plain platform string (no interpolation, not Bake's `local`). */
const FIXED_PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/i;

export function detectBake(base: ModelBase): Finding[] {
  const model = base as BakeModel;
  const out: Finding[] = [];
  for (const t of model.targets ?? []) {
    const platforms = own(t.node, 'platforms');
    const items = platforms?.children ?? [];
    // One entry: the image has a single variant, which runs natively only on hosts of that CPU.
    if (platforms && items.length === 1 && typeof items[0].value === 'string' && FIXED_PLATFORM.test(items[0].value)) {
      const item = items[0];
      out.push(finding('platform.foreign-architecture', model.file, item.valueRange ?? item.keyRange, `Target \`${t.name}\` is built for \`${item.value}\` only`));
    }
    for (const e of own(t.node, 'entitlements')?.children ?? []) {
      const at = e.valueRange ?? e.keyRange;
      if (e.value === 'security.insecure') out.push(finding('hardening.insecure-build', model.file, at, `Target \`${t.name}\` asks for \`security.insecure\`: its \`RUN --security=insecure\` steps run privileged on the builder`));
      else if (e.value === 'network.host') out.push(finding('hardening.insecure-build', model.file, at, `Target \`${t.name}\` asks for \`network.host\`: its build steps may use the builder host's network`));
    }
    const network = own(t.node, 'network');
    if (network?.value === 'host') {
      out.push(finding('hardening.insecure-build', model.file, network.valueRange ?? network.keyRange, `Target \`${t.name}\` runs every \`RUN\` step on the builder host's network`));
    }
  }
  return out;
}
