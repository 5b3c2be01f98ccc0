// Docker Compose detector: rules over `services.<name>.…`, read through the shared value tables.
import type { ConfigModel, ModelBase } from '../../parse/types';
import type { ComposeModel } from '../../parse/compose';
import { composeFacts } from '../composeFacts';
import type { Finding } from '../types';
import {
  CAPABILITY_SIGNALS,
  capabilityEmit,
  commandRule,
  DEVICE_SIGNALS,
  deviceEmit,
  ENV_SIGNALS,
  envEmit,
  envNameOf,
  HOST_PATH_SIGNALS,
  hostPathEmit,
  imageRule,
  isEngineSocket,
  isList,
  PORT_SIGNALS,
  portEmit,
  SECURITY_OPT_SIGNALS,
  securityOptEmit,
  splitVolume,
} from './common';
import { runRules, scalarText, textOf, type Rule } from './rules';
import { SANDBOX_RUNTIME, SPAWNER_WORD, UNSAFE_SYSCTL } from './tables';
import { commandTokens, imageName } from './tokens';

const S = 'services.*';
const at = (...rest: string[]) => [`${S}.${rest.join('.')}`];
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

export const COMPOSE_RULES: readonly Rule[] = [
  { signal: 'hardening.privileged', paths: at('privileged'), when: true, say: 'Service `{1}` runs privileged' },
  { signal: 'hardening.host-network', paths: [...at('network_mode'), ...at('net')], when: /^host$/, say: 'Service `{1}` uses the host network' },
  { signal: 'hardening.host-pid', paths: at('pid'), when: /^host$/, say: 'Service `{1}` shares the host PID namespace' },
  { signal: 'hardening.host-ipc', paths: at('ipc'), when: /^host$/, say: 'Service `{1}` shares the host IPC namespace' },
  { signal: 'hardening.host-userns', paths: at('userns_mode'), when: /^host$/, say: 'Service `{1}` uses the host user namespace' },
  {
    signals: [...HOST_PATH_SIGNALS],
    paths: at('volumes', '*'),
    emit: (node) => {
      if (node.children) {
        const src = scalarText(node.children.find((c) => c.key === 'source')?.value);
        const dst = scalarText(node.children.find((c) => c.key === 'target')?.value);
        return hostPathEmit(src ?? '', dst);
      }
      const { source, target } = splitVolume(scalarText(node.value) ?? '');
      return hostPathEmit(source ?? '', target);
    },
  },
  { signals: DEVICE_SIGNALS, paths: at('devices', '*'), emit: (node) => deviceEmit(scalarText(node.value) ?? scalarText(node.children?.find((c) => c.key === 'source')?.value) ?? '') },
  { signals: CAPABILITY_SIGNALS, paths: at('cap_add', '*'), emit: (node) => capabilityEmit(scalarText(node.value) ?? '') },
  { signal: 'cloud-native.drop-capabilities', paths: at('cap_drop', '*'), when: /^(CAP_)?ALL$/i, say: 'All capabilities dropped' },
  { signals: SECURITY_OPT_SIGNALS, paths: at('security_opt', '*'), emit: (node) => securityOptEmit(scalarText(node.value) ?? '') },
  // A service with `build:` names the image it builds in `image:`: that name needs no pinned tag.
  imageRule(at('image'), (_node, service) => !!service?.children?.some((c) => c.key === 'build'), 'entrypoint'),
  {
    // A service that has the engine's socket and is a spawner, runner or executor by its image or
    // command starts containers for what it is asked to run.
    signals: ['sandboxing.container-spawner'],
    paths: [S],
    emit: (service) => {
      const child = (key: string) => service.children?.find((c) => c.key === key);
      const volumes = child('volumes')?.children ?? [];
      const socket = volumes.some((v) => {
        const src = v.children ? scalarText(v.children.find((c) => c.key === 'source')?.value) : splitVolume(scalarText(v.value) ?? '').source;
        return !!src && isEngineSocket(src);
      });
      if (!socket) return [];
      const image = scalarText(child('image')?.value) ?? '';
      const name = imageName(image).name;
      const programs = [child('command'), child('entrypoint')].flatMap((n) => (n ? commandTokens(textOf(n)).programs : []));
      const word = SPAWNER_WORD.test(name) ? `image \`${name}\`` : programs.find((p) => SPAWNER_WORD.test(p.split(' ')[0]));
      if (!word) return [];
      return [{ signal: 'sandboxing.container-spawner', say: `Service \`{1}\` has the engine socket and is a spawner or runner (${word.startsWith('image') ? word : `runs \`${word}\``})`, at: 'key' as const }];
    },
  },
  commandRule([...at('command'), ...at('entrypoint')]),
  { signals: PORT_SIGNALS, paths: [...at('ports', '*'), ...at('expose', '*')], emit: (node) => portEmit(scalarText(node.value) ?? scalarText(node.children?.find((c) => c.key === 'target')?.value) ?? '') },
  { signals: ENV_SIGNALS, paths: at('environment', '*'), emit: (node, parent) => envEmit(envNameOf(node, isList(parent))) },
  { signal: 'cloud-native.env-config', paths: [...at('environment'), ...at('env_file')], at: 'key', say: 'Service `{1}` is configured through its environment' },
  { signal: 'hardware.gpu', paths: at('deploy', 'resources', 'reservations', 'devices', '*', 'capabilities', '*'), when: /^gpu$/i, say: 'Service `{1}` reserves a GPU' },
  { signal: 'hardware.gpu', paths: at('gpus'), say: 'Service `{1}` requests GPUs' },
  { signal: 'hardware.gpu', paths: at('runtime'), when: /^nvidia$/i, say: 'Service `{1}` uses the NVIDIA runtime' },
  { signal: 'sandboxing.sandbox-runtime', paths: at('runtime'), when: SANDBOX_RUNTIME, say: 'Service `{1}` runs under the `{value}` runtime' },
  { signal: 'platform.hyperv-isolation', paths: at('isolation'), when: /^hyperv$/i, say: 'Service `{1}` asks for Hyper-V isolation' },
  { signal: 'platform.foreign-architecture', paths: at('platform'), when: /^linux\/(?!\$|amd64$|x86_64$)/i, say: 'Service `{1}` is fixed to `{value}`' },
  { signal: 'licensing.mac-address', paths: [...at('mac_address'), ...at('networks', '*', 'mac_address')], say: 'Service `{1}` pins the MAC address `{value}`' },
  { signal: 'licensing.hostname', paths: at('hostname'), when: (n) => n.children === undefined && n.value !== undefined && n.value !== null && String(n.value).trim() !== '', say: 'Service `{1}` pins the hostname `{value}`' },
  { signal: 'state-network.static-ip', paths: [...at('networks', '*', 'ipv4_address'), ...at('networks', '*', 'ipv6_address')], say: 'Service `{1}` takes the fixed address `{value}`' },
  { signal: 'state-network.multiple-nics', paths: ['networks.*.driver'], when: /^(macvlan|ipvlan)$/i, say: 'Network `{1}` uses the `{value}` driver: containers appear as machines on the physical segment' },
  { signal: 'cloud-native.healthcheck', paths: at('healthcheck'), when: (n) => !n.children?.some((c) => c.key === 'disable' && c.value === true), at: 'key', say: 'Service `{1}` has a health check' },
  { signal: 'cloud-native.read-only-rootfs', paths: at('read_only'), when: true, say: 'Service `{1}` has a read-only root filesystem' },
  { signal: 'hardening.writable-rootfs', paths: at('read_only'), when: false, say: 'Service `{1}` keeps its root filesystem writable' },
  { signal: 'hardening.root-user', paths: at('user'), when: /^(root|0)(:.*)?$/i, say: 'Service `{1}` runs as `{value}`' },
  { signal: 'cloud-native.non-root-user', paths: at('user'), when: /^(?!(root|0)(:|$))(?!\$)\S+/i, say: 'Service `{1}` runs as user `{value}`' },
  { signal: 'cloud-native.resource-limits', paths: [...at('deploy', 'resources', 'limits'), ...at('mem_limit'), ...at('cpus')], at: 'key', say: 'Service `{1}` has resource limits' },
  // Missing limits are not reported for Compose: most Compose files are single-host and development setups, where the remark would sit on every service.
  // `restart` values (Docker docs, "Start containers automatically"): `always` and `unless-stopped` restart whenever the container stops, the latter not once it was stopped by hand, also across daemon restarts; only `on-failure` is about failures.
  { signal: 'cloud-native.restart-policy', paths: at('restart'), when: /^unless-stopped$/i, say: 'Service `{1}` is restarted whenever it stops, unless it was stopped by hand (`unless-stopped`)' },
  { signal: 'cloud-native.restart-policy', paths: at('restart'), when: /^always$/i, say: 'Service `{1}` is restarted whenever it stops (`always`; stopped by hand, it comes back when the daemon restarts)' },
  { signal: 'cloud-native.restart-policy', paths: at('restart'), when: /^on-failure(:\d+)?$/i, say: 'Service `{1}` restarts on failure (`{value}`)' },
  { signal: 'cloud-native.restart-policy', paths: at('restart'), when: (n) => n.children !== undefined || !/^(no|unless-stopped|always|on-failure(:\d+)?)$/i.test(String(n.value)), say: 'Service `{1}` has restart policy `{value}`' },
  { signal: 'cloud-native.restart-policy', paths: at('deploy', 'restart_policy'), say: 'Service `{2}` has a deploy restart policy' },
  { signal: 'cloud-native.replicas', paths: [...at('deploy', 'replicas'), ...at('scale')], when: (n) => num(n.value) > 1, say: 'Service `{1}` runs {value} replicas' },
  {
    signal: 'kernel.unsafe-sysctl',
    paths: at('sysctls', '*'),
    when: (n, parent) => UNSAFE_SYSCTL.test(isList(parent) ? (scalarText(n.value) ?? '').split('=')[0].trim() : n.key),
    at: 'key',
    say: 'Service `{1}` sets a host-wide kernel parameter',
  },
  { signal: 'kernel.realtime-scheduling', paths: [...at('cpu_rt_runtime'), ...at('cpu_rt_period'), ...at('ulimits', 'rtprio')], at: 'key', say: 'Service `{1}` asks for real-time scheduling' },
  { signal: 'hardening.insecure-build', paths: at('build', 'privileged'), when: true, say: 'Service `{1}` builds with privileges' },
  { signal: 'hardening.insecure-build', paths: at('build', 'entitlements', '*'), when: /security\.insecure/, say: 'Service `{1}` builds with the security.insecure entitlement' },
];

/**
 * A fixed address on a network Compose makes (a bridge of this project) is the project's own wiring,
 * one container to another (mailcow's resolver at a known address); only on a macvlan or ipvlan
 * network, where the container takes an address of the host's LAN as a machine would, or on an
 * external network this file does not describe, does it say the workload wants a machine's address.
 */
function hostLevelAddresses(model: ConfigModel, found: Finding[]): Finding[] {
  if (!found.some((f) => f.signal === 'state-network.static-ip')) return found;
  const keep = new Set<string>();
  const at = (r: { start: { line: number; character: number } }) => `${r.start.line}:${r.start.character}`;
  for (const root of model.roots) {
    const nets = root.children?.find((c) => c.key === 'networks');
    const hostLevel = new Set(
      (nets?.children ?? [])
        .filter((n) => {
          const driver = scalarText(n.children?.find((c) => c.key === 'driver')?.value);
          const external = n.children?.find((c) => c.key === 'external');
          return (driver && /^(macvlan|ipvlan)$/i.test(driver)) || (external && (external.children?.length || scalarText(external.value) === 'true'));
        })
        .map((n) => n.key),
    );
    for (const svc of root.children?.find((c) => c.key === 'services')?.children ?? []) {
      for (const net of svc.children?.find((c) => c.key === 'networks')?.children ?? []) {
        if (!hostLevel.has(net.key)) continue;
        for (const a of net.children ?? []) if (a.key === 'ipv4_address' || a.key === 'ipv6_address') keep.add(at(a.valueRange ?? a.keyRange));
      }
    }
  }
  return found.filter((f) => f.signal !== 'state-network.static-ip' || keep.has(at(f.range)));
}

export function detectCompose(model: ModelBase): Finding[] {
  const found = hostLevelAddresses(model as ConfigModel, runRules(model as ConfigModel, COMPOSE_RULES));
  // What merging this file with others needs (extends, include, overrides), left on the model for the engine.
  try {
    (model as ComposeModel).compose = composeFacts(model as ConfigModel, found, COMPOSE_RULES);
  } catch {
    // Without its facts the file is judged on its own, as it reads.
  }
  return found;
}
