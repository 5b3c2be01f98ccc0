// devcontainer.json (and devcontainer-feature.json) detector: the properties that reach `docker run`
// (privileged, capAdd, securityOpt, mounts, runArgs) and Features that bring a Docker engine.
import type { ConfigModel, ConfigNode, ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import {
  CAPABILITY_SIGNALS,
  capabilityEmit,
  DEVICE_SIGNALS,
  deviceEmit,
  ENV_SIGNALS,
  envEmit,
  HOST_PATH_SIGNALS,
  hostPathEmit,
  imageRule,
  SECURITY_OPT_SIGNALS,
  securityOptEmit,
  splitVolume,
} from './common';
import { runRules, scalarText, type Emit, type Rule } from './rules';
import { NATIVE_PLATFORM, SANDBOX_RUNTIME } from './tables';

/** `key=value,key=value` mount strings (`--mount`, devcontainer `mounts`). */
function mountParts(spec: string): { source?: string; target?: string } {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return { source: out.source ?? out.src, target: out.target ?? out.destination ?? out.dst };
}

/** One `docker run` argument, with the one before it for the `--flag value` form. */
export function runArgEmit(arg: string, prev: string): Emit[] {
  const m = /^(--?[\w-]+)(?:=(.*))?$/.exec(arg.trim());
  const [flag, value] = m && m[2] !== undefined ? [m[1], m[2]] : /^--?[\w-]+$/.test(prev.trim()) && !arg.startsWith('-') ? [prev.trim(), arg.trim()] : [m?.[1] ?? '', ''];
  switch (flag) {
    case '--privileged':
      return value === '' || value === 'true' ? [{ signal: 'hardening.privileged', say: '`--privileged` in runArgs' }] : [];
    case '--cap-add':
      return capabilityEmit(value);
    case '--cap-drop':
      return /^(CAP_)?ALL$/i.test(value) ? [{ signal: 'cloud-native.drop-capabilities', say: 'All capabilities dropped' }] : [];
    case '--security-opt':
      return securityOptEmit(value);
    case '--device':
      return deviceEmit(value);
    case '--gpus':
      return value ? [{ signal: 'hardware.gpu', say: '`--gpus` requests GPUs' }] : [];
    case '--network':
    case '--net':
      return value === 'host' ? [{ signal: 'hardening.host-network', say: '`--network=host` in runArgs' }] : [];
    case '--pid':
      return value === 'host' ? [{ signal: 'hardening.host-pid', say: '`--pid=host` in runArgs' }] : [];
    case '--ipc':
      return value === 'host' ? [{ signal: 'hardening.host-ipc', say: '`--ipc=host` in runArgs' }] : [];
    case '--userns':
      return value === 'host' ? [{ signal: 'hardening.host-userns', say: '`--userns=host` in runArgs' }] : [];
    case '--runtime':
      return SANDBOX_RUNTIME.test(value) ? [{ signal: 'sandboxing.sandbox-runtime', say: `\`--runtime=${value}\` runs the container in a sandbox` }] : [];
    case '--isolation':
      return /hyperv/i.test(value) ? [{ signal: 'platform.hyperv-isolation', say: '`--isolation=hyperv`' }] : [];
    case '-v':
    case '--volume': {
      const { source, target } = splitVolume(value);
      return hostPathEmit(source ?? '', target);
    }
    case '--mount': {
      const { source, target } = mountParts(value);
      return hostPathEmit(source ?? '', target);
    }
    case '--mac-address':
      return [{ signal: 'licensing.mac-address', say: '`--mac-address` pins the MAC address' }];
    case '--platform':
      return value && !value.includes('$') && !NATIVE_PLATFORM.test(value) ? [{ signal: 'platform.foreign-architecture', say: `\`--platform=${value}\` fixes the CPU architecture` }] : [];
    case '-u':
    case '--user':
      return /^(root|0)(:|$)/.test(value) ? [{ signal: 'hardening.root-user', say: `\`--user ${value}\` runs as root` }] : [];
    default:
      return [];
  }
}

const prevValue = (node: ConfigNode, parent: ConfigNode | undefined) => {
  const i = Number(node.key);
  return scalarText(parent?.children?.[i - 1]?.value) ?? '';
};

export const DEVCONTAINER_RULES: readonly Rule[] = [
  { signal: 'hardening.privileged', paths: ['privileged'], when: true, say: '`"privileged": true`' },
  { signals: CAPABILITY_SIGNALS, paths: ['capAdd.*'], emit: (node) => capabilityEmit(scalarText(node.value) ?? '') },
  { signals: SECURITY_OPT_SIGNALS, paths: ['securityOpt.*'], emit: (node) => securityOptEmit(scalarText(node.value) ?? '') },
  {
    signals: [...HOST_PATH_SIGNALS],
    paths: ['mounts.*'],
    emit: (node) => {
      if (node.children) return hostPathEmit(scalarText(node.children.find((c) => c.key === 'source')?.value) ?? '', scalarText(node.children.find((c) => c.key === 'target')?.value));
      const { source, target } = mountParts(scalarText(node.value) ?? '');
      return hostPathEmit(source ?? '', target);
    },
  },
  {
    signals: [
      'hardening.privileged', ...CAPABILITY_SIGNALS, 'cloud-native.drop-capabilities', ...SECURITY_OPT_SIGNALS, ...DEVICE_SIGNALS, 'hardware.gpu', 'hardening.host-network',
      'hardening.host-pid', 'hardening.host-ipc', 'hardening.host-userns', 'sandboxing.sandbox-runtime', 'platform.hyperv-isolation', ...HOST_PATH_SIGNALS, 'licensing.mac-address',
      'platform.foreign-architecture', 'hardening.root-user',
    ],
    paths: ['runArgs.*'],
    emit: (node, parent) => runArgEmit(scalarText(node.value) ?? '', prevValue(node, parent)),
  },
  imageRule(['image']),
  { signal: 'kernel.docker-in-docker', paths: ['features.*'], key: /docker-in-docker/, at: 'key', say: 'The docker-in-docker Feature runs a Docker engine inside the container' },
  { signal: 'hardening.privileged', paths: ['features.*'], key: /docker-in-docker/, at: 'key', say: 'The docker-in-docker Feature makes the container privileged' },
  { signal: 'hardening.docker-socket', paths: ['features.*'], key: /docker-(outside-of|from)-docker/, at: 'key', say: 'The docker-outside-of-docker Feature mounts the host Docker socket' },
  { signal: 'hardware.gpu', paths: ['features.*'], key: /nvidia-cuda/, at: 'key', say: 'The CUDA Feature expects a GPU' },
  { signal: 'desktop.vnc', paths: ['features.*'], key: /desktop-lite/, at: 'key', say: 'The desktop-lite Feature adds a VNC desktop' },
  { signal: 'hardware.gpu', paths: ['hostRequirements.gpu'], when: (n) => n.value === true || n.value === 'optional' || n.children !== undefined, say: 'The dev container asks for a GPU' },
  { signal: 'hardening.root-user', paths: ['remoteUser', 'containerUser'], when: /^root$/i, say: '`{key}: root`' },
  // remoteUser is only the user the editor connects as (usually with sudo); containerUser is what the container runs as.
  { signal: 'cloud-native.non-root-user', paths: ['containerUser'], when: /^(?!root$)(?!\$)\S+$/i, say: '`{key}: {value}` is not root' },
  { signals: ENV_SIGNALS, paths: ['containerEnv.*', 'remoteEnv.*'], emit: (node) => envEmit(node.key) },
];

export function detectDevcontainer(model: ModelBase): Finding[] {
  return runRules(model as ConfigModel, DEVCONTAINER_RULES);
}
