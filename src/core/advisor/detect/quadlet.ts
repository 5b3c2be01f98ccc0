// Podman Quadlet detector: a `.container`, `.pod` or `.kube` unit runs containers under systemd on
// this host. Its keys map to `podman run` options (podman-systemd.unit(5)), read here through the
// value tables every container format shares; `PodmanArgs=` is read as the `podman run` arguments
// it adds. Networks, volumes, images and builds are no workloads: their files give no findings.
import type { ConfigModel, ConfigNode, ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import {
  CAPABILITY_SIGNALS,
  capabilityEmit,
  COMMAND_SIGNALS,
  DEVICE_SIGNALS,
  deviceEmit,
  ENV_SIGNALS,
  envEmit,
  HOST_PATH_SIGNALS,
  hostPathEmit,
  imageRule,
  PORT_SIGNALS,
  portEmit,
  splitVolume,
} from './common';
import { runArgEmit } from './devcontainer';
import { finding, runRules, scalarText, type CodeRule, type Emit, type Rule } from './rules';
import { commandRules, UNSAFE_SYSCTL } from './tables';

/** systemd's booleans (systemd.syntax(7)): what switches a setting on, and off. */
const YES = /^(1|yes|y|true|t|on)$/i;
const NO = /^(0|no|n|false|f|off)$/i;

const C = (...keys: string[]) => keys.map((k) => `Container.${k}`);
const RUNNING = (key: string) => ['Container', 'Pod', 'Kube'].map((s) => `${s}.${key}`);

/** The words of a value as Quadlet splits them: by whitespace, with "double" or 'single' quotes keeping a word together. */
export function quadletWords(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] !== undefined ? m[2] : m[3]);
  }
  return out;
}

const text = (node: ConfigNode) => scalarText(node.value) ?? '';

/** `PodmanArgs=` read as `podman run` arguments, each through the same reading as a dev container's `runArgs`. */
function podmanArgsEmit(node: ConfigNode): Emit[] {
  const words = quadletWords(text(node));
  const out: Emit[] = [];
  words.forEach((w, i) => {
    for (const e of runArgEmit(w, words[i - 1] ?? '')) out.push({ ...e, say: e.say.replace(/ in runArgs$/, ' in `PodmanArgs=`') });
  });
  return out;
}

/** `Mount=type=bind,source=/x,destination=/y`: its source and target. */
function mountEmit(spec: string): Emit[] {
  const fields = new Map(spec.split(',').map((kv) => {
    const i = kv.indexOf('=');
    return (i < 0 ? [kv.trim(), ''] : [kv.slice(0, i).trim().toLowerCase(), kv.slice(i + 1).trim()]) as [string, string];
  }));
  const type = fields.get('type') ?? '';
  const source = fields.get('source') ?? fields.get('src') ?? '';
  const target = fields.get('destination') ?? fields.get('dst') ?? fields.get('target') ?? '';
  return type === 'bind' || type === '' ? hostPathEmit(source, target) : hostPathEmit('', target);
}

const IMAGE = imageRule(C('Image'));
/** `Image=` names an image, or (ending `.image`/`.build`) the unit that pulls or builds it: only the former is read as an image. */
const imageOfUnit: CodeRule = {
  signals: IMAGE.signals,
  paths: IMAGE.paths,
  emit: (node, parent) => (/\.(image|build)$/.test(text(node).trim()) ? [] : IMAGE.emit(node, parent)),
};

export const QUADLET_RULES: readonly Rule[] = [
  imageOfUnit,
  {
    signals: ['hardening.privileged', ...CAPABILITY_SIGNALS, 'cloud-native.drop-capabilities', 'hardening.seccomp-unconfined', 'hardening.apparmor-unconfined', 'cloud-native.no-new-privileges', ...DEVICE_SIGNALS, 'hardware.gpu', 'hardening.host-network', 'hardening.host-pid', 'hardening.host-ipc', 'hardening.host-userns', 'sandboxing.sandbox-runtime', 'platform.hyperv-isolation', ...HOST_PATH_SIGNALS, 'licensing.mac-address', 'platform.foreign-architecture', 'hardening.root-user'],
    paths: RUNNING('PodmanArgs'),
    emit: podmanArgsEmit,
  },
  { signals: CAPABILITY_SIGNALS, paths: C('AddCapability'), emit: (node) => quadletWords(text(node)).flatMap(capabilityEmit) },
  { signal: 'cloud-native.drop-capabilities', paths: C('DropCapability'), when: /(^|\s)(CAP_)?ALL(\s|$)/i, say: 'All capabilities dropped (`DropCapability={value}`)' },
  { signal: 'hardening.apparmor-unconfined', paths: C('SecurityLabelDisable'), when: YES, say: 'SELinux label separation turned off (`SecurityLabelDisable={value}`)' },
  { signal: 'hardening.apparmor-unconfined', paths: C('AppArmor'), when: /^unconfined$/i, say: 'AppArmor turned off (`AppArmor=unconfined`)' },
  { signal: 'hardening.seccomp-unconfined', paths: C('SeccompProfile'), when: /^unconfined$/i, say: 'seccomp turned off (`SeccompProfile=unconfined`)' },
  { signal: 'cloud-native.seccomp-default', paths: C('SeccompProfile'), when: /^(?!unconfined$)\S/i, say: 'seccomp profile `{value}`' },
  { signal: 'hardening.host-network', paths: RUNNING('Network'), when: /^host$/, say: '`Network=host`: the host\'s network stack' },
  { signal: 'hardening.host-userns', paths: RUNNING('UserNS'), when: /^host$/, say: '`UserNS=host`: no user namespace of its own' },
  { signal: 'cloud-native.user-namespace', paths: [...RUNNING('UserNS'), ...RUNNING('RemapUsers')], when: /^(keep-id|auto|nomap|manual)(:|$)/, say: '`{key}={value}`' },
  { signal: 'cloud-native.user-namespace', paths: C('UIDMap', 'SubUIDMap'), at: 'key', say: '`{key}=` maps the container\'s user IDs' },
  { signal: 'hardening.root-user', paths: C('User'), when: /^(root|0)(:.*)?$/i, say: 'Runs as `{value}` (`User=`)' },
  { signal: 'cloud-native.non-root-user', paths: C('User'), when: /^(?!(root|0)(:|$))(?![%$])\S+/i, say: 'Runs as user `{value}` (`User=`)' },
  { signal: 'cloud-native.read-only-rootfs', paths: C('ReadOnly'), when: YES, say: 'Read-only root filesystem (`ReadOnly={value}`)' },
  { signal: 'hardening.writable-rootfs', paths: C('ReadOnly'), when: NO, say: 'Root filesystem kept writable (`ReadOnly={value}`)' },
  { signal: 'cloud-native.no-new-privileges', paths: C('NoNewPrivileges'), when: YES, say: 'no-new-privileges set (`NoNewPrivileges={value}`)' },
  {
    signals: HOST_PATH_SIGNALS,
    paths: [...C('Volume'), 'Pod.Volume'],
    emit: (node) => {
      const { source, target } = splitVolume(text(node).trim());
      return hostPathEmit(source ?? '', target);
    },
  },
  { signals: HOST_PATH_SIGNALS, paths: C('Mount'), emit: (node) => mountEmit(text(node)) },
  { signals: DEVICE_SIGNALS, paths: C('AddDevice'), emit: (node) => deviceEmit(text(node).trim().replace(/^-/, '')) },
  { signals: PORT_SIGNALS, paths: [...RUNNING('PublishPort'), ...C('ExposeHostPort')], emit: (node) => portEmit(text(node)) },
  { signals: ENV_SIGNALS, paths: C('Environment'), emit: (node) => quadletWords(text(node)).flatMap((w) => envEmit(w.split('=')[0])) },
  { signal: 'cloud-native.env-config', paths: C('Environment', 'EnvironmentFile'), at: 'key', say: 'Configured through its environment (`{key}=`)' },
  {
    signals: COMMAND_SIGNALS,
    paths: C('Exec'),
    emit: (node, section) => {
      const image = scalarText(section?.children?.filter((c) => c.key === 'Image').pop()?.value);
      return commandRules(text(node), true, image).map((h) => ({ signal: h.signal, say: h.say, at: 'key' as const }));
    },
  },
  { signal: 'cloud-native.healthcheck', paths: C('HealthCmd'), when: /^(?!none$)\S/i, at: 'key', say: 'Has a health check (`HealthCmd=`)' },
  { signal: 'cloud-native.resource-limits', paths: C('Memory', 'PidsLimit'), at: 'key', say: 'Has resource limits (`{key}={value}`)' },
  {
    signal: 'kernel.unsafe-sysctl',
    paths: C('Sysctl'),
    when: (node) => quadletWords(text(node)).some((w) => UNSAFE_SYSCTL.test(w.split('=')[0].trim())),
    at: 'key',
    say: 'Sets a host-wide kernel parameter (`Sysctl={value}`)',
  },
  { signal: 'licensing.hostname', paths: C('HostName'), when: /\S/, say: 'Pins the hostname `{value}`' },
  { signal: 'state-network.static-ip', paths: [...C('IP', 'IP6'), 'Pod.IP', 'Pod.IP6'], when: /\S/, say: 'Takes the fixed address `{value}`' },
  { signal: 'cloud-native.restart-policy', paths: ['Service.Restart'], when: /^(always|on-failure|on-abnormal|on-abort|on-watchdog|on-success)$/, say: 'systemd restarts it (`Restart={value}`)' },
];

export const QUADLET_CODE_SIGNALS = ['existing.quadlet-unit'] as const;

const UNIT_SECTION: Readonly<Record<string, string>> = { container: 'Container', pod: 'Pod', kube: 'Kube' };

export function detectQuadlet(base: ModelBase): Finding[] {
  const model = base as ConfigModel & { unit?: string };
  const own = UNIT_SECTION[model.unit ?? ''];
  if (!own) return [];
  const section = model.roots[0]?.children?.find((s) => s.key === own);
  if (!section) return [];
  const out = runRules(model, QUADLET_RULES);
  const what = own === 'Container' ? 'a container' : own === 'Pod' ? 'a pod of containers' : 'the containers of a Kubernetes YAML (`podman kube play`)';
  out.unshift(finding('existing.quadlet-unit', model.file, section.keyRange, `\`[${own}]\`: a Quadlet unit that runs ${what} as a systemd service`));
  return out;
}
