// Vagrantfile detector: each machine is a VM unless the only providers it runs on are container ones.
import type { VagrantModel } from '../../parse/vagrant';
import type { ConfigNode, ModelBase, Range } from '../../parse/types';
import type { Finding } from '../types';
import { finding, runRules, type Rule } from './rules';
import { pathEndsWith, pathLength, segmentFromEnd } from '../../parse/offsetNode';

const CONTAINER_PROVIDERS = /^(docker|lxc|podman)$/i;
const CONTAINER_PLUGIN = /^vagrant-(lxc|lxd|podman)$/i;

export const VAGRANT_RULES: readonly Rule[] = [
  { signal: 'state-network.static-ip', paths: ['**.vm.network.private_network.ip', '**.vm.network.public_network.ip'], say: 'The machine keeps the fixed address `{value}`' },
  { signal: 'platform.other-os-guest', paths: ['**.vm.guest'], when: /windows|darwin|freebsd|openbsd|solaris/i, say: 'The guest is `{value}`, another OS than most hosts' },
  { signal: 'platform.other-os-guest', paths: ['**.vm.communicator'], when: /winrm|winssh/i, say: 'A Windows guest (communicator `{value}`)' },
  // Box names of macOS guests: `macos-sonoma`, `ramsey/macos-catalina`, `jhcook/osx-elcapitan`.
  {
    signal: 'platform.other-os-guest',
    paths: ['**.vm.box'],
    when: /(^|[/_-])(macos|mac-os|osx|darwin|catalina|mojave|high-?sierra|big-?sur|monterey|ventura|sonoma|sequoia|tahoe)([/_.-]|\d|$)/i,
    say: 'The box `{value}` is a macOS guest',
  },
  { signal: 'licensing.mac-address', paths: ['**.vm.base_mac', '**.vm.network.*.mac', '**.vm.provider.*.mac'], say: 'The machine pins a MAC address' },
];

export const VAGRANT_CODE_SIGNALS = ['existing.vagrant-machine', 'existing.vagrant-container-provider'] as const;

/**
 * Calls `visit` on every node below `nodes`, depth first (each node before its children). A loop over
 * an explicit stack rather than nested generators: a large Vagrantfile has tens of thousands of
 * nodes, and a deeply nested one must not run out of call stack. Nothing collects them all: the
 * callers keep the few they want (an array of every node was copied over and over as it grew).
 */
function eachNode(nodes: readonly ConfigNode[], visit: (n: ConfigNode) => void): void {
  const stack: ConfigNode[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]);
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    const children = n.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** The nodes below `node` that pass `test`, depth first. */
function nodesBelow(node: ConfigNode, test: (n: ConfigNode) => boolean): ConfigNode[] {
  const out: ConfigNode[] = [];
  eachNode(node.children ?? [], (n) => {
    if (test(n)) out.push(n);
  });
  return out;
}

/** A `config.vm.provider` block: `['vm','provider',name]` below the Vagrantfile or a machine. */
const isProvider = (n: ConfigNode) => pathEndsWith(n, ['vm', 'provider', '*'], false);

/** What runs one machine: the provider blocks that apply to it, or a container provider plugin. */
interface Machine {
  /** The `config.vm.define` block; the Vagrantfile's root when it defines no machine. */
  node: ConfigNode;
  providers: ConfigNode[];
  /** Whether the providers are the machine's own (inside its block) rather than the file's top-level ones. */
  own: boolean;
  container: boolean;
}

/**
 * Each machine runs on its own provider blocks, or else on the top-level ones (settings outside
 * every `config.vm.define` apply to all machines). With no provider block at all, a required
 * container provider plugin (vagrant-lxc) is the provider; otherwise it is Vagrant's default, a VM.
 */
function machinesOf(model: VagrantModel, defines: readonly ConfigNode[], allProviders: readonly ConfigNode[]): Machine[] {
  const root = model.roots[0];
  if (!root) return [];
  const inDefine = new Set<ConfigNode>();
  const ownOf = new Map<ConfigNode, ConfigNode[]>();
  for (const d of defines) {
    const own = nodesBelow(d, isProvider);
    for (const p of own) inDefine.add(p);
    ownOf.set(d, own);
  }
  const top = allProviders.filter((n) => !inDefine.has(n));
  const plugin = model.plugins?.some((p) => CONTAINER_PLUGIN.test(p.name)) ?? false;
  return (defines.length ? defines : [root]).map((node) => {
    const mine = ownOf.get(node) ?? [];
    const providers = mine.length ? mine : top;
    const container = providers.length ? providers.every((p) => CONTAINER_PROVIDERS.test(p.key)) : plugin;
    return { node, providers, own: mine.length > 0, container };
  });
}

export function detectVagrant(base: ModelBase): Finding[] {
  const model = base as VagrantModel;
  const out = runRules(model, VAGRANT_RULES);
  const isBox = (n: ConfigNode) => n.key === 'box' && segmentFromEnd(n, 1) === 'vm';
  // The machine blocks, the provider blocks and the boxes, in file order: all the rest reads.
  const defines: ConfigNode[] = [];
  const providers: ConfigNode[] = [];
  const boxes: ConfigNode[] = [];
  eachNode(model.roots, (n) => {
    if (pathEndsWith(n, ['vm', 'define', '*'], true)) defines.push(n);
    if (isProvider(n)) providers.push(n);
    if (isBox(n)) boxes.push(n);
  });
  const machines = machinesOf(model, defines, providers);
  const plugin = model.plugins?.find((p) => CONTAINER_PLUGIN.test(p.name));
  const rootBoxes = boxes.filter((b) => pathLength(b) === 2);
  const rootBox = rootBoxes[0];
  const say = (n: ConfigNode) => (n.key === 'box' && typeof n.value === 'string' ? `box \`${n.value}\`` : pathLength(n) ? `machine \`${n.key}\`` : 'this Vagrantfile');
  // When every machine runs the same way, evidence outside every machine block may count for all of
  // them; when containers and VMs are mixed, each machine's evidence must lie inside its own block.
  const alike = machines.every((m) => m.container === machines[0].container);
  // Whether the top-level boxes shared by every machine have been reported.
  let sharedDone = false;
  const emitted = new Set<ConfigNode | undefined>();
  const push = (signal: string, key: ConfigNode | undefined, range: Range, message: string) => {
    if (key !== undefined && emitted.has(key)) return;
    emitted.add(key);
    out.push(finding(signal, model.file, range, message));
  };
  for (const m of machines) {
    if (m.container && m.providers.length === 0 && plugin) {
      const note = `\`Vagrant.require_plugin '${plugin.name}'\``;
      if (alike) push('existing.vagrant-container-provider', model.roots[0], plugin.range, `${note} makes it the provider`);
      else push('existing.vagrant-container-provider', undefined, m.node.keyRange, `${note} (line ${plugin.range.start.line + 1}) makes it the provider`);
    } else if (m.container) {
      for (const p of m.providers) {
        if (m.own || alike) push('existing.vagrant-container-provider', p, p.keyRange, `Provider \`${p.key}\` runs the machine as a container`);
        else push('existing.vagrant-container-provider', undefined, m.node.keyRange, `Provider \`${p.key}\` (line ${p.keyRange.start.line + 1}, for every machine) runs the machine as a container`);
      }
    } else {
      const own = pathLength(m.node) ? nodesBelow(m.node, isBox) : boxes;
      // A set: a file of 100,000 boxes compared each against the list took quadratic time.
      const mine = new Set(own);
      const shares = alike && rootBoxes.some((b) => !mine.has(b));
      // A box already reported is skipped before its range and message are made; the top-level boxes
      // every machine shares are all reported with the first machine that lists them.
      const emit = (b: ConfigNode) => emitted.has(b) || push('existing.vagrant-machine', b, b.keyRange, `Vagrant VM from ${say(b)}`);
      own.forEach(emit);
      if (shares && !sharedDone) {
        for (const b of rootBoxes) if (!mine.has(b)) emit(b);
        sharedDone = true;
      }
      if (own.length === 0 && !shares) push('existing.vagrant-machine', undefined, m.node.keyRange, `Vagrant VM from ${say(typeof rootBox?.value === 'string' ? rootBox : m.node)}`);
    }
  }
  return out;
}
