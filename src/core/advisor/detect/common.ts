// Rules that Compose, Kubernetes and devcontainer.json share once their values are read: an image,
// a host path, a device, a capability, a command, a port, an environment variable.
import type { ConfigNode } from '../../parse/types';
import { classify, sayFor, scalarText, textOf, type CodeRule, type Emit } from './rules';
import { commandTokens } from './tokens';
import {
  capabilityRule,
  commandRules,
  containerPort,
  DATABASE_DIR,
  DEVICE_RULES,
  ENV_RULES,
  envKinds,
  HOST_PATH_RULES,
  imageKinds,
  imageRules,
  PORT_RULES,
  SECURITY_OPT_RULES,
  WORKLOAD_KINDS,
} from './tables';

const ids = (...lists: (readonly { signal: string }[])[]) => [...new Set(lists.flat().map((r) => r.signal))];

export const IMAGE_SIGNALS = [
  'platform.windows-base-image',
  'platform.windows-version-pinned',
  'windows.dotnet-framework',
  'kernel.docker-in-docker',
  'kernel.systemd-init',
  'sandboxing.ci-runner',
  'sandboxing.code-execution',
  'desktop.environment',
  'desktop.vnc',
  'desktop.rdp',
  'hardening.sshd',
  'hardware.gpu',
  'hardening.latest-tag',
  ...new Set(WORKLOAD_KINDS.filter((k) => k.image).map((k) => k.signal)),
];

/**
 * An `image:` key. With `skipUnpinned(node, parent)` true (a Compose service that also has `build:`,
 * so the image is the name of what it builds), no unpinned-image finding.
 */
/**
 * An image reference through the image table. `skipUnpinned`: a locally built image, whose missing tag
 * is no loose pin. `override`: the sibling key that replaces the image's own start command (a
 * Kubernetes container's `command`, a compose service's `entrypoint`); when it starts only a no-op
 * (`echo`, `true`, `sleep`: an image pulled onto each node, a placeholder), what the image runs by
 * default (a notebook server, a CI runner) does not run. Any other command may be the image's own
 * launcher (`/home/runner/run.sh`), so the image still says what runs.
 */
export function imageRule(paths: readonly string[], skipUnpinned?: (node: ConfigNode, parent: ConfigNode | undefined) => boolean, override?: string): CodeRule {
  return {
    signals: IMAGE_SIGNALS,
    paths,
    emit: (node, parent) => {
      const image = scalarText(node.value);
      if (!image) return [];
      const local = skipUnpinned?.(node, parent) ?? false;
      const command = override === undefined ? undefined : parent?.children?.find((c) => c.key === override);
      const replaced = command !== undefined && startsOnlyNoOps(textOf(command));
      const defaults = replaced ? new Set(imageKinds(image).map((k) => `${k.signal}\u0000${k.say}`)) : undefined;
      return imageRules(image)
        .filter((h) => !(local && h.signal === 'hardening.latest-tag') && !defaults?.has(`${h.signal}\u0000${h.say}`))
        .map((h) => ({ signal: h.signal, say: `Image \`${image}\`: ${h.say}` }));
    },
  };
}

/** Programs that do nothing a workload is for: the whole command of a container kept only to pull its image or hold a place. */
const NO_OP = /^(echo|true|false|sleep|exit|printf|:|pause|date|cat|ls|env)$/;

/** Whether a command line starts nothing but no-ops (`/bin/sh -c "echo Pulling complete"`). */
function startsOnlyNoOps(text: string): boolean {
  const { programs } = commandTokens(text);
  return programs.length > 0 && programs.every((p) => NO_OP.test(p.split(' ')[0]));
}

/** A host path (bind mount source, hostPath) through the host-path table. */
export function hostPathEmit(path: string, target?: string): Emit[] {
  const out: Emit[] = [];
  // `${DOCKER_SOCK:-/var/run/docker.sock}`: the default is the path unless the variable is set.
  const p = path.trim().replace(/^\$\{\w+:?-([^}]*)\}/, '$1');
  if (p.startsWith('/')) {
    const row = classify(HOST_PATH_RULES, p.replace(/\/+$/, '') || '/');
    if (row) out.push({ signal: row.signal, say: sayFor(row, p.replace(/\/+$/, '') || '/') });
  } else if (p.startsWith('$') && target && isEngineSocket(target)) {
    // A host path a variable gives, mounted where a container engine's socket lives (`${WATCHTOWER_DOCKER_SOCKET_PATH}:/var/run/docker.sock`).
    out.push({ signal: 'hardening.docker-socket', say: `Container engine socket mounted at \`${target.trim()}\` from \`${p}\`` });
  }
  if (target && DATABASE_DIR.test(target.trim())) out.push({ signal: 'state-network.database-local-disk', say: `Database data in \`${target.trim()}\` kept on a volume of this host` });
  return out;
}

export const HOST_PATH_SIGNALS = ids(HOST_PATH_RULES, [{ signal: 'state-network.database-local-disk' }]);

/** Whether a host path is a container engine's socket. */
export const isEngineSocket = (path: string) => classify(HOST_PATH_RULES, path.trim())?.signal === 'hardening.docker-socket';

/** `src:dst[:mode]` volume strings (Compose short syntax, `-v`). */
export function splitVolume(spec: string): { source?: string; target?: string } {
  // Colons inside `${VAR:-default}` do not split.
  const parts = spec.split(/:(?![^{}]*\})/);
  // Windows drive letters (C:\x) would split too; keep them together.
  if (parts.length >= 2 && /^[A-Za-z]$/.test(parts[0])) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  if (parts.length === 1) return { target: parts[0] };
  return { source: parts[0], target: parts[1] };
}

export function deviceEmit(spec: string): Emit[] {
  // `/dev/kvm`, `/dev/ttyUSB0:/dev/ttyUSB0:rwm`, or a CDI name (`nvidia.com/gpu=all`).
  const host = spec.split(':')[0].trim();
  const row = classify(DEVICE_RULES, host);
  return row ? [{ signal: row.signal, say: sayFor(row, host) }] : [];
}

export const DEVICE_SIGNALS = ids(DEVICE_RULES);

export function capabilityEmit(cap: string): Emit[] {
  const row = capabilityRule(cap);
  return row ? [{ signal: row.signal, say: sayFor(row, cap.trim().replace(/^CAP_/i, '')) }] : [];
}

export const CAPABILITY_SIGNALS = ['kernel.cap-all', 'kernel.cap-sys-admin', 'kernel.cap-sys-module', 'kernel.cap-sys-time', 'kernel.cap-sys-rawio', 'state-network.net-admin', 'state-network.raw-network'];

export function securityOptEmit(opt: string): Emit[] {
  const row = classify(SECURITY_OPT_RULES, opt.trim());
  return row ? [{ signal: row.signal, say: sayFor(row, opt.trim()) }] : [];
}

export const SECURITY_OPT_SIGNALS = ids(SECURITY_OPT_RULES);

export const COMMAND_SIGNALS = ['kernel.module-load', 'kernel.custom-kernel', 'kernel.systemd-init', 'kernel.docker-in-docker', 'kernel.unsafe-sysctl', 'kernel.realtime-scheduling', 'kernel.fuse-mount', 'kernel.dev-kvm', 'hardening.sshd', 'hardening.passwordless-sudo', 'desktop.environment', 'desktop.vnc', 'desktop.rdp', 'state-network.ha-protocols', 'licensing.license-server', 'licensing.hardware-dongle', 'windows.ad-ds', 'windows.msmq', 'windows.iis-windows-auth', 'windows.com-registry', 'windows.msi-installer', 'windows.dotnet-framework', 'windows.server-feature', ...new Set(WORKLOAD_KINDS.filter((k) => k.program || k.pkg).map((k) => k.signal))];

/** A command node (a string or a list) read as one command line; start-time only. */
export function commandRule(paths: readonly string[]): CodeRule {
  return {
    signals: COMMAND_SIGNALS,
    paths,
    // The service or container the command belongs to names the image it runs in.
    emit: (node, parent) => commandRules(textOf(node), true, scalarText(parent?.children?.find((c) => c.key === 'image')?.value)).map((h) => ({ signal: h.signal, say: h.say, at: 'key' as const })),
  };
}

export function portEmit(spec: string): Emit[] {
  const port = containerPort(spec);
  const row = PORT_RULES.find((r) => r.test.test(port));
  return row ? [{ signal: row.signal, say: sayFor(row, port) }] : [];
}

export const PORT_SIGNALS = ['hardening.sshd', 'desktop.rdp', 'desktop.vnc'];

/** An environment entry: a map key (`DISPLAY: ":0"`) or a list item (`DISPLAY=:0`), or Kubernetes `name:`. */
export function envNameOf(node: ConfigNode, parentIsList: boolean): string {
  if (parentIsList) return (scalarText(node.value) ?? '').split('=')[0].trim();
  return node.key;
}

export function envEmit(name: string): Emit[] {
  const row = classify(ENV_RULES, name);
  const out: Emit[] = row ? [{ signal: row.signal, say: sayFor(row, name), at: 'key' }] : [];
  for (const k of envKinds(name)) out.push({ signal: k.signal, say: k.say, at: 'key' });
  return out;
}

export const ENV_SIGNALS = [...new Set([...ids(ENV_RULES), ...WORKLOAD_KINDS.filter((k) => k.env).map((k) => k.signal)])];

export const isList = (node: ConfigNode | undefined) => !!node?.children && node.children.every((c, i) => c.key === String(i));
