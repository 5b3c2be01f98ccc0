// Which format a file is in: by name first, then, for generic names (*.yaml, *.json, *.hcl, *.tf,
// user-data), by a cheap look at its first bytes. Never parses the whole file.
import type { Format } from './types';

const base = (path: string) => path.replace(/\\/g, '/').split('/').pop() ?? path;
const dirParts = (path: string) => path.replace(/\\/g, '/').split('/').slice(0, -1);

/** Formats decided by file name alone. */
export function formatByName(path: string): Format | null {
  const name = base(path);
  const lower = name.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return 'dockerfile';
  if (/^(dockerfile|containerfile)[._-]/i.test(name)) return 'dockerfile';
  if (/^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i.test(name)) return 'compose';
  // Also `<prefix>_devcontainer.json` / `<prefix>.devcontainer.json`: copies named after their folder.
  if (/(^|[._-])devcontainer(-feature)?\.json$/i.test(name)) return 'devcontainer';
  // Not a document about one (`vagrantfile.md`).
  if (name === 'Vagrantfile' || (/^vagrantfile([._-].*)?$/i.test(name) && !/\.(md|markdown|rst|adoc|txt|html?)$/i.test(name))) return 'vagrant';
  // The four names Bake looks up by itself (Bake file reference, "File format").
  if (/^docker-bake(\.override)?\.(hcl|json)$/.test(lower)) return 'bake';
  if (lower.endsWith('.pkr.hcl') || lower.endsWith('.pkr.json')) return 'packer';
  if (lower.endsWith('.tf') || lower.endsWith('.tf.json')) return 'terraform';
  if (lower === 'lima.yaml' || lower === 'lima.yml') return 'lima';
  return null;
}

/** Names whose format can only be told from the content. */
export function isCandidateName(path: string): boolean {
  if (formatByName(path)) return true;
  const lower = base(path).toLowerCase();
  // user-data files come as `user-data`, `user-data.sample`, `node1-user-data`, `vm_userdata`…; the
  // content decides (#cloud-config, #include).
  // `.tpl`: a Helm chart's named templates (`_helpers.tpl`), read with the chart they belong to.
  // Podman Quadlet units (`web.container`, `db.volume`…): the section the content opens decides.
  return /\.(ya?ml|json|hcl|txt|tpl)$/.test(lower) || QUADLET_NAME.test(lower) || /(^|[._-])user-?data([._-]|$)/.test(lower) || lower.endsWith('.template');
}

/** File names Podman Quadlet reads (podman-systemd.unit(5)); other tools use some of them too. */
const QUADLET_NAME = /\.(container|pod|kube|volume|network|image|build)$/;
const QUADLET_SECTION: Readonly<Record<string, string>> = { container: 'Container', pod: 'Pod', kube: 'Kube', volume: 'Volume', network: 'Network', image: 'Image', build: 'Build' };
/** The keys of a Quadlet [Network] section; a systemd-networkd `.network` file uses others (DHCP=, Address=…). */
const QUADLET_NETWORK_KEYS = new Set(['ContainersConfModule', 'DisableDNS', 'DNS', 'Driver', 'Gateway', 'GlobalArgs', 'InterfaceName', 'Internal', 'IPAMDriver', 'IPRange', 'IPv6', 'Label', 'NetworkDeleteOnStop', 'NetworkName', 'Options', 'PodmanArgs', 'ServiceName', 'Subnet']);

/**
 * Whether a file with a Quadlet name is a Quadlet unit: it opens the section of its type (`[Container]`
 * in `web.container`). A `.network` file must also be no systemd-networkd file: no section but
 * [Unit], [Network], [Service], [Install], [Quadlet], and only Quadlet's keys in [Network].
 */
function isQuadlet(lower: string, text: string): boolean {
  const ext = QUADLET_NAME.exec(lower)?.[1];
  if (!ext) return false;
  const want = QUADLET_SECTION[ext];
  const headers = [...text.matchAll(/^[ \t]*\[([^\]\r\n]*)\][ \t]*\r?$/gm)].map((m) => m[1].trim());
  if (!headers.includes(want)) return false;
  if (ext !== 'network') return true;
  if (headers.some((h) => !['Unit', 'Network', 'Service', 'Install', 'Quadlet'].includes(h))) return false;
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t[0] === '#' || t[0] === ';') continue;
    const h = /^\[([^\]]*)\]$/.exec(t);
    if (h) section = h[1].trim();
    else if (section === 'Network' && t.includes('=') && !QUADLET_NETWORK_KEYS.has(t.slice(0, t.indexOf('=')).trim())) return false;
  }
  return true;
}

/** Content sniffing on the head of a file (the first few KB are enough). */
export function formatByContent(path: string, head: string): Format | null {
  const lower = base(path).toLowerCase();
  const text = head.replace(/^\uFEFF/, '');
  if (QUADLET_NAME.test(lower)) return isQuadlet(lower, text) ? 'quadlet' : null;
  // cloud-init user-data: `#cloud-config` (optionally after a `## template: jinja` line), or an
  // `#include` list of URLs.
  if (/^(## template:\s*jinja[ \t]*\r?\n)?#cloud-config/.test(text)) return 'cloud-init';
  if (/^#include(-once)?[ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*https?:\/\//.test(text)) return 'cloud-init';
  if (lower.endsWith('.json')) {
    if (/"builders"\s*:\s*\[/.test(text) && /"type"\s*:/.test(text)) return 'packer';
    if (dirParts(path).includes('.devcontainer')) return 'devcontainer';
    return null;
  }
  if (lower.endsWith('.hcl')) {
    if (/^\s*(source|build|packer)\s+("|\{)/m.test(text)) return 'packer';
    return null;
  }
  if (lower.endsWith('.template') && /Vagrant\.configure/.test(text)) return 'vagrant';
  if (/\.ya?ml$/.test(lower)) {
    if (/^\s*vmType\s*:/m.test(text) || (/^images\s*:/m.test(text) && /^\s*-\s*location\s*:/m.test(text)) || dirParts(path).includes('lima')) {
      if (/^(images|vmType|base|mounts|containerd|provision|portForwards)\s*:/m.test(text)) return 'lima';
    }
    if (/^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text)) return 'kubernetes';
    // A Kustomize file need not say its apiVersion and kind; its name and fields tell it.
    if (/^kustomization\.ya?ml$/.test(lower) && /^(resources|bases|patches|patchesStrategicMerge|patchesJson6902|components|images|namePrefix|namespace|configMapGenerator|helmCharts)\s*:/m.test(text)) return 'kubernetes';
    // Rancher 1.x's companion of a compose file (scale, health checks, load balancers per service) is
    // read by rancher-compose alone and holds no containers of its own.
    if (/^rancher-compose\.ya?ml$/.test(lower)) return null;
    if (/^services\s*:/m.test(text)) return 'compose';
    return null;
  }
  return null;
}

/** The format of a file, from its name and (when the name is generic) the head of its text. */
export function detectFormat(path: string, head?: string): Format | null {
  return formatByName(path) ?? (head === undefined ? null : formatByContent(path, head));
}
