// Vagrantfile detector: every machine is a VM unless the only providers are container ones.
import type { VagrantModel } from '../../parse/vagrant';
import type { ConfigModel, ConfigNode, ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import { finding, runRules, type Rule } from './rules';

const CONTAINER_PROVIDERS = /^(docker|lxc|podman)$/i;
const CONTAINER_PLUGIN = /^vagrant-(lxc|lxd|podman)$/i;

export const VAGRANT_RULES: readonly Rule[] = [
  { signal: 'state-network.static-ip', paths: ['**.vm.network.private_network.ip', '**.vm.network.public_network.ip'], say: 'The machine keeps the fixed address `{value}`' },
  { signal: 'platform.other-os-guest', paths: ['**.vm.guest'], when: /windows|darwin|freebsd|openbsd|solaris/i, say: 'The guest is `{value}`, another OS than most hosts' },
  { signal: 'platform.other-os-guest', paths: ['**.vm.communicator'], when: /winrm|winssh/i, say: 'A Windows guest (communicator `{value}`)' },
  { signal: 'licensing.mac-address', paths: ['**.vm.base_mac', '**.vm.network.*.mac', '**.vm.provider.*.mac'], say: 'The machine pins a MAC address' },
];

export const VAGRANT_CODE_SIGNALS = ['existing.vagrant-machine', 'existing.vagrant-container-provider'] as const;

function* walk(nodes: readonly ConfigNode[]): Generator<ConfigNode> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.children ?? []);
  }
}

export function detectVagrant(base: ModelBase): Finding[] {
  const model = base as ConfigModel;
  const out = runRules(model, VAGRANT_RULES);
  const nodes = [...walk(model.roots)];
  const providers = nodes.filter((n) => n.path.length >= 3 && n.path[n.path.length - 2] === 'provider' && n.path[n.path.length - 3] === 'vm');
  const containersOnly = providers.length > 0 && providers.every((p) => CONTAINER_PROVIDERS.test(p.key));
  if (containersOnly) {
    for (const p of providers) out.push(finding('existing.vagrant-container-provider', model.file, p.keyRange, `Provider \`${p.key}\` runs the machine as a container`));
    return out;
  }
  // No provider block, but the file requires a container provider plugin (vagrant-lxc): that plugin is the provider.
  const plugin = providers.length === 0 ? (base as VagrantModel).plugins?.find((p) => CONTAINER_PLUGIN.test(p.name)) : undefined;
  if (plugin) {
    out.push(finding('existing.vagrant-container-provider', model.file, plugin.range, `\`Vagrant.require_plugin '${plugin.name}'\` makes it the provider`));
    return out;
  }
  const boxes = nodes.filter((n) => n.key === 'box' && n.path[n.path.length - 2] === 'vm');
  const anchors = boxes.length ? boxes : nodes.filter((n) => n.path.length === 3 && n.path[0] === 'vm' && n.path[1] === 'define');
  const at = anchors.length ? anchors : model.roots.slice(0, 1);
  for (const n of at) {
    const what = n.key === 'box' && typeof n.value === 'string' ? `box \`${n.value}\`` : n.path.length ? `machine \`${n.key}\`` : 'this Vagrantfile';
    out.push(finding('existing.vagrant-machine', model.file, n.keyRange, `Vagrant VM from ${what}`));
  }
  return out;
}
