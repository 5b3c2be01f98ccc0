// Compose, Kubernetes (with KubeVirt), cloud-init and Lima over the shared corpus: every file parses
// and is detected as its format, every key the extension promises to explain gets its topic when
// hovered, unknown keys get nothing, and the workloads a user would see are found.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyTopic } from '../../src/core/knowledge/keyTopic';
import { CLOUDINIT_TOPICS } from '../../src/core/knowledge/cloudinit';
import { COMPOSE_TOPICS } from '../../src/core/knowledge/compose';
import { topicById } from '../../src/core/knowledge/index';
import { KUBERNETES_TOPICS } from '../../src/core/knowledge/kubernetes';
import { LIMA_TOPICS } from '../../src/core/knowledge/lima';
import { SOURCES } from '../../src/core/knowledge/sources';
import { moduleFor } from '../../src/core/registry';
import { detectFormat } from '../../src/core/parse/detect';
import type { FormatModule } from '../../src/core/parse/format';
import { matchPath } from '../../src/core/parse/path';
import type { ConfigModel, ConfigNode, Format, Pos } from '../../src/core/parse/types';
import { walkNodes } from '../../src/core/parse/yaml';

const repoRoot = join(__dirname, '..', '..', '..');
const corpus = join(repoRoot, '..', 'shared', 'corpus');

type YamlFormat = 'compose' | 'kubernetes' | 'cloud-init' | 'lima';
const mod = (f: YamlFormat) => {
  const m = moduleFor(f);
  assert.ok(m, `a module is registered for ${f}`);
  return m as unknown as FormatModule<ConfigModel>;
};
const filesOf = (f: YamlFormat) => readdirSync(join(corpus, f)).map((name) => join(corpus, f, name));
const read = (p: string) => readFileSync(p, 'utf8');
const parse = (f: YamlFormat, text: string, file = `test.${f}.yaml`) => mod(f).parse(text, file);
const nodeAt = (model: ConfigModel, path: string): ConfigNode => {
  for (const n of walkNodes(model.roots)) if (n.path.join('.') === path) return n;
  throw new Error(`no node ${path}`);
};
const hoverId = (f: YamlFormat, model: ConfigModel, at: Pos) => mod(f).topicAt(model, at)?.topic.id ?? null;

/** Key paths the extension promises to explain, with the topic each must get. Written out here, not derived from the topics. */
const PROMISED: Record<YamlFormat, [string, string][]> = {
  compose: [
    ['services', 'compose.services'],
    ['services.*.image', 'compose.image'],
    ['services.*.build', 'compose.build'],
    ['services.*.build.privileged', 'compose.build.privileged'],
    ['services.*.build.entitlements', 'compose.build.entitlements'],
    ['services.*.privileged', 'compose.privileged'],
    ['services.*.cap_add', 'compose.cap_add'],
    ['services.*.cap_drop', 'compose.cap_drop'],
    ['services.*.security_opt', 'compose.security_opt'],
    ['services.*.user', 'compose.user'],
    ['services.*.network_mode', 'compose.network_mode'],
    ['services.*.pid', 'compose.pid'],
    ['services.*.ipc', 'compose.ipc'],
    ['services.*.devices', 'compose.devices'],
    ['services.*.volumes', 'compose.volumes.service'],
    ['services.*.ports', 'compose.ports'],
    ['services.*.deploy.resources', 'compose.deploy.resources'],
    ['services.*.deploy.resources.limits', 'compose.deploy.resources'],
    ['services.*.deploy.resources.reservations.devices', 'compose.deploy.resources.devices'],
    ['services.*.healthcheck', 'compose.healthcheck'],
    ['services.*.healthcheck.start_interval', 'compose.healthcheck.start_interval'],
    ['services.*.restart', 'compose.restart'],
    ['services.*.runtime', 'compose.runtime'],
    ['services.*.isolation', 'compose.isolation'],
    ['services.*.read_only', 'compose.read_only'],
    ['services.*.sysctls', 'compose.sysctls'],
    ['services.*.ulimits', 'compose.ulimits'],
    ['services.*.tmpfs', 'compose.tmpfs'],
    ['services.*.init', 'compose.init'],
    ['services.*.platform', 'compose.platform'],
    ['services.*.secrets', 'compose.secrets.service'],
    ['services.*.networks', 'compose.networks.service'],
    ['volumes', 'compose.volumes'],
    ['networks', 'compose.networks'],
    ['secrets', 'compose.secrets'],
  ],
  kubernetes: [
    ['kind', 'kubernetes.kind'],
    ['**.securityContext', 'kubernetes.securityContext'],
    ['**.securityContext.privileged', 'kubernetes.securityContext.privileged'],
    ['**.securityContext.allowPrivilegeEscalation', 'kubernetes.securityContext.allowPrivilegeEscalation'],
    ['**.securityContext.runAsNonRoot', 'kubernetes.securityContext.runAsNonRoot'],
    ['**.securityContext.runAsUser', 'kubernetes.securityContext.runAsUser'],
    ['**.securityContext.capabilities', 'kubernetes.securityContext.capabilities'],
    ['**.securityContext.seccompProfile', 'kubernetes.securityContext.seccompProfile'],
    ['**.securityContext.readOnlyRootFilesystem', 'kubernetes.securityContext.readOnlyRootFilesystem'],
    ['**.securityContext.procMount', 'kubernetes.securityContext.procMount'],
    ['**.spec.hostNetwork', 'kubernetes.hostNetwork'],
    ['**.spec.hostPID', 'kubernetes.hostPID'],
    ['**.spec.hostIPC', 'kubernetes.hostIPC'],
    ['**.volumes.*.hostPath', 'kubernetes.volumes.hostPath'],
    ['spec.hostPath', 'kubernetes.persistentVolume.hostPath'],
    ['spec.hostPath.path', 'kubernetes.persistentVolume.hostPath'],
    ['**.runtimeClassName', 'kubernetes.runtimeClassName'],
    ['**.containers.*.resources', 'kubernetes.resources'],
    ['**.containers.*.resources.limits', 'kubernetes.resources'],
    ['**.containers.*.resources.requests', 'kubernetes.resources'],
    ['**.livenessProbe', 'kubernetes.probes'],
    ['**.readinessProbe', 'kubernetes.probes'],
    ['**.startupProbe', 'kubernetes.probes'],
    ['**.nodeSelector.kubernetes\\.io/os', 'kubernetes.nodeSelector.os'],
    ['handler', 'kubernetes.runtimeclass.handler'],
    ['**.domain.devices', 'kubevirt.domain.devices'],
    ['**.domain.devices.disks', 'kubevirt.domain.devices.disks'],
    ['**.domain.devices.interfaces', 'kubevirt.domain.devices.interfaces'],
    ['**.domain.devices.gpus', 'kubevirt.domain.devices.gpus'],
    ['**.domain.devices.hostDevices', 'kubevirt.domain.devices.gpus'],
    ['**.domain.cpu', 'kubevirt.domain.cpu'],
    ['**.domain.memory', 'kubevirt.domain.memory'],
    ['**.domain.resources', 'kubevirt.domain.resources'],
    ['**.domain.firmware', 'kubevirt.domain.firmware'],
    ['**.domain.firmware.bootloader', 'kubevirt.domain.firmware.bootloader'],
    ['**.domain.firmware.bootloader.efi.secureBoot', 'kubevirt.domain.firmware.secureBoot'],
    ['**.domain.firmware.kernelBoot', 'kubevirt.domain.firmware.kernelBoot'],
  ],
  'cloud-init': [
    ['packages', 'cloud-init.packages'],
    ['package_update', 'cloud-init.package_update'],
    ['package_upgrade', 'cloud-init.package_update'],
    ['runcmd', 'cloud-init.runcmd'],
    ['bootcmd', 'cloud-init.bootcmd'],
    ['users', 'cloud-init.users'],
    ['write_files', 'cloud-init.write_files'],
    ['mounts', 'cloud-init.mounts'],
    ['ssh_authorized_keys', 'cloud-init.ssh_authorized_keys'],
    ['disk_setup', 'cloud-init.disk_setup'],
    ['fs_setup', 'cloud-init.fs_setup'],
    ['apt', 'cloud-init.apt'],
    ['yum_repos', 'cloud-init.yum_repos'],
    ['ntp', 'cloud-init.ntp'],
    ['timezone', 'cloud-init.timezone'],
    ['hostname', 'cloud-init.hostname'],
    ['power_state', 'cloud-init.power_state'],
    ['lxd', 'cloud-init.lxd'],
    ['wireguard', 'cloud-init.wireguard'],
    ['ansible', 'cloud-init.ansible'],
    ['autoinstall', 'cloud-init.autoinstall'],
    ['ssh_pwauth', 'cloud-init.ssh'],
    ['chpasswd', 'cloud-init.chpasswd'],
    ['coreos', 'cloud-init.coreos'],
    ['snap', 'cloud-init.snap'],
    ['snap.commands', 'cloud-init.snap'],
    ['ca_certs', 'cloud-init.ca_certs'],
    ['ca_certs.trusted', 'cloud-init.ca_certs'],
    ['ca-certs', 'cloud-init.ca_certs'],
    ['keyboard', 'cloud-init.keyboard'],
    ['rsyslog', 'cloud-init.rsyslog'],
    ['rsyslog.remotes', 'cloud-init.rsyslog'],
    ['puppet', 'cloud-init.puppet'],
    ['chef', 'cloud-init.chef'],
    ['chef.run_list', 'cloud-init.chef'],
    ['salt_minion', 'cloud-init.salt_minion'],
    ['mcollective', 'cloud-init.mcollective'],
    ['landscape', 'cloud-init.landscape'],
    ['ubuntu_pro', 'cloud-init.ubuntu_pro'],
    ['ubuntu_pro.enable', 'cloud-init.ubuntu_pro'],
    ['drivers', 'cloud-init.ubuntu_drivers'],
    ['drivers.nvidia.license-accepted', 'cloud-init.ubuntu_drivers'],
    ['random_seed', 'cloud-init.random_seed'],
    ['manage_resolv_conf', 'cloud-init.resolv_conf'],
    ['resolv_conf', 'cloud-init.resolv_conf'],
    ['rh_subscription', 'cloud-init.rh_subscription'],
    ['zypper', 'cloud-init.zypper'],
    ['apk_repos', 'cloud-init.apk_repos'],
    ['apk_repos.alpine_repo.version', 'cloud-init.apk_repos'],
    ['disable_ec2_metadata', 'cloud-init.disable_ec2_metadata'],
  ],
  lima: [
    ['vmType', 'lima.vmType'],
    ['images', 'lima.images'],
    ['images.*.location', 'lima.images'],
    ['images.*.arch', 'lima.images'],
    ['arch', 'lima.arch'],
    ['cpus', 'lima.cpus'],
    ['memory', 'lima.memory'],
    ['disk', 'lima.disk'],
    ['mounts', 'lima.mounts'],
    ['mounts.*.writable', 'lima.mounts'],
    ['mountType', 'lima.mounts'],
    ['containerd', 'lima.containerd'],
    ['provision', 'lima.provision'],
    ['provision.*.mode', 'lima.provision'],
    ['portForwards', 'lima.portForwards'],
    ['rosetta', 'lima.rosetta'],
    ['nestedVirtualization', 'lima.nestedVirtualization'],
    ['base', 'lima.base'],
    ['vmOpts', 'lima.vmOpts'],
    ['video', 'lima.video'],
    ['firmware', 'lima.firmware'],
    ['networks', 'lima.networks'],
    ['ssh', 'lima.ssh'],
  ],
};

/**
 * Small files that use promised keys the corpus lacks, walked with the corpus files. Written here
 * after the tools' own reference examples, not copied from them.
 */
const SAMPLES: Partial<Record<YamlFormat, string[]>> = {
  'cloud-init': [
    [
      '#cloud-config',
      'snap:',
      '  commands:',
      '    00: snap install hello-world',
      'ca_certs:',
      '  remove_defaults: false',
      '  trusted:',
      '  - |',
      '    -----BEGIN CERTIFICATE-----',
      '    MIIB',
      '    -----END CERTIFICATE-----',
      'keyboard: {layout: de, variant: nodeadkeys}',
      'rsyslog:',
      '  remotes: {central: "@@logs.example.net:514"}',
      'puppet:',
      '  install_type: aio',
      '  conf: {agent: {server: puppet.example.net}}',
      'chef:',
      '  server_url: https://chef.example.net/organizations/acme',
      '  run_list: ["role[web]"]',
      'salt_minion:',
      '  conf: {master: salt.example.net}',
      'mcollective:',
      '  conf: {loglevel: info}',
      'landscape:',
      '  client: {account_name: acme, computer_title: web-1}',
      'ubuntu_pro:',
      '  token: not-a-real-token',
      '  enable: [esm-infra, livepatch]',
      'drivers:',
      '  nvidia: {license-accepted: true}',
      'random_seed: {file: /dev/urandom, data: abc, encoding: raw}',
      'manage_resolv_conf: true',
      'resolv_conf:',
      '  nameservers: [10.0.0.53]',
      'rh_subscription: {activation_key: key, org: "12345"}',
      'zypper:',
      '  repos: [{id: extra, baseurl: "https://repo.example.net/extra"}]',
      'apk_repos:',
      '  alpine_repo: {version: v3.20, community_enabled: true}',
      'disable_ec2_metadata: true',
      '',
    ].join('\n'),
    '#cloud-config\nca-certs:\n  trusted: [abc]\n',
  ],
};

const FORMATS: YamlFormat[] = ['compose', 'kubernetes', 'cloud-init', 'lima'];
const TOPICS: Record<YamlFormat, readonly KeyTopic[]> = {
  compose: COMPOSE_TOPICS,
  kubernetes: KUBERNETES_TOPICS,
  'cloud-init': CLOUDINIT_TOPICS,
  lima: LIMA_TOPICS,
};

for (const format of FORMATS) {
  describe(`${format} over the corpus`, () => {
    const files = filesOf(format);

    it('has corpus files', () => assert.ok(files.length >= 15, `${files.length} files`));

    it('detects every file as this format', () => {
      const wrong = files.filter((f) => detectFormat(f, read(f).slice(0, 4096)) !== format);
      assert.deepEqual(wrong, []);
    });

    it('parses every file without throwing, and finds workloads in each', () => {
      for (const f of files) {
        const model = parse(format, read(f), f);
        assert.equal(model.format, format);
        const workloads = mod(format).workloads(model);
        for (const w of workloads) {
          assert.equal(w.file, f);
          assert.ok(w.name.length > 0);
        }
      }
    });

    it('hovering each promised key shows its topic', () => {
      const seen = new Map<string, number>();
      const texts: [string, string][] = [...files.map((f): [string, string] => [f, read(f)]), ...(SAMPLES[format] ?? []).map((t, i): [string, string] => [`sample ${i + 1}`, t])];
      for (const [f, text] of texts) {
        const model = parse(format, text, f);
        const nodes = [...walkNodes(model.roots)].filter((n) => n.path.length > 0);
        // Alias copies and a list item's first key share a position with another node; skip those.
        const starts = new Map<string, number>();
        for (const n of nodes) {
          const k = `${n.keyRange.start.line}:${n.keyRange.start.character}`;
          starts.set(k, (starts.get(k) ?? 0) + 1);
        }
        for (const n of nodes) {
          if ((starts.get(`${n.keyRange.start.line}:${n.keyRange.start.character}`) ?? 0) > 1) continue;
          for (const [pattern, id] of PROMISED[format]) {
            if (!matchPath(pattern, n.path)) continue;
            assert.equal(hoverId(format, model, n.keyRange.start), id, `${f}: ${n.path.join('.')} (line ${n.keyRange.start.line + 1})`);
            seen.set(pattern, (seen.get(pattern) ?? 0) + 1);
          }
        }
      }
      // The walk must actually have met most of the promised keys in the corpus.
      assert.ok(seen.size >= PROMISED[format].length * 0.6, `met ${seen.size} of ${PROMISED[format].length} promised keys: missing ${PROMISED[format].map(([p]) => p).filter((p) => !seen.has(p)).join(', ')}`);
    });

    it('answers a hover anywhere in every file without throwing', () => {
      for (const f of files) {
        const text = read(f);
        const model = parse(format, text, f);
        text.split('\n').forEach((line, i) => {
          for (const character of [0, Math.floor(line.length / 2), line.length, line.length + 5]) {
            const hit = mod(format).topicAt(model, { line: i, character });
            if (hit) assert.ok(hit.topic.title && hit.range.start.line <= i, `${f}:${i + 1}:${character}`);
          }
        });
      }
    });

    it('every topic is cited, referenced and reachable by id', () => {
      const ids = new Set<string>();
      for (const t of TOPICS[format]) {
        assert.ok(!ids.has(t.id), `unique id ${t.id}`);
        ids.add(t.id);
        assert.equal(t.format, format);
        assert.ok(t.paths.length > 0, t.id);
        assert.ok(t.sources.length > 0, `${t.id} cites a document`);
        for (const c of t.sources) {
          const doc = SOURCES.find((s) => s.id === c.doc);
          assert.ok(doc?.sections.includes(c.section), `${t.id}: ${c.doc} / ${c.section}`);
        }
        assert.match(t.reference?.url ?? '', /^https:\/\//, `${t.id} has a reference`);
        assert.ok(t.summary && t.does && t.angle && t.dimensions.length > 0, t.id);
        assert.equal(topicById(t.id)?.title, t.title);
      }
    });
  });
}

describe('unknown keys and blank positions', () => {
  it('gets no hover on a made-up Compose key, but does on a known one next to it', () => {
    const model = parse('compose', 'services:\n  web:\n    foo: bar\n    privileged: true\n');
    assert.equal(hoverId('compose', model, { line: 2, character: 5 }), null);
    assert.equal(hoverId('compose', model, { line: 3, character: 5 }), 'compose.privileged');
  });
  it('gets no hover on made-up keys in the other formats', () => {
    const k = parse('kubernetes', 'apiVersion: v1\nkind: Pod\nspec:\n  fooBar: 1\n  hostNetwork: true\n');
    assert.equal(hoverId('kubernetes', k, { line: 3, character: 3 }), null);
    assert.equal(hoverId('kubernetes', k, { line: 4, character: 3 }), 'kubernetes.hostNetwork');
    const c = parse('cloud-init', '#cloud-config\nnot_a_module: 1\nruncmd: [ls]\n');
    assert.equal(hoverId('cloud-init', c, { line: 1, character: 2 }), null);
    assert.equal(hoverId('cloud-init', c, { line: 2, character: 2 }), 'cloud-init.runcmd');
    const l = parse('lima', 'notAKey: 1\nvmType: qemu\n');
    assert.equal(hoverId('lima', l, { line: 0, character: 2 }), null);
    assert.equal(hoverId('lima', l, { line: 1, character: 2 }), 'lima.vmType');
  });
  it('gets no hover on a made-up child of a key whose children are fixed, but does on the real children', () => {
    /** The topic at the n-th occurrence of `needle` (0-based). */
    const at = (f: YamlFormat, text: string, needle: string, nth = 0) => {
      let i = -1;
      for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
      assert.ok(i >= 0, needle);
      const before = text.slice(0, i);
      return hoverId(f, parse(f, text), { line: before.split('\n').length - 1, character: i - before.lastIndexOf('\n') - 1 });
    };
    const compose = 'services:\n  web:\n    healthcheck:\n      bogus_key: 1\n      interval: 5s\n    deploy:\n      bogus_key: 1\n      replicas: 2\n      resources:\n        bogus_key: 1\n        limits:\n          bogus_key: 1\n          cpus: "1"\n    ports: {bogus_key: 1}\n';
    for (let n = 0; n < 5; n++) assert.equal(at('compose', compose, 'bogus_key', n), null, `compose bogus_key #${n}`);
    assert.equal(at('compose', compose, 'interval'), 'compose.healthcheck.interval');
    assert.equal(at('compose', compose, 'replicas'), 'compose.deploy');
    assert.equal(at('compose', compose, 'cpus'), 'compose.deploy.resources');
    const k8s = [
      'kind: Pod', 'spec:', '  securityContext:', '    bogusKey: 1', '    fsGroup: 2000', '  containers:', '  - name: a',
      '    securityContext:', '      bogusKey: 1', '      runAsUser: 1000', '    livenessProbe:', '      bogusKey: 1', '      periodSeconds: 5',
      '---', 'kind: VirtualMachine', 'spec:', '  template:', '    spec:', '      domain:', '        cpu:', '          bogusKey: 1', '          cores: 2',
      '        devices:', '          bogusKey: 1', '          rng: {}', '        firmware:', '          bogusKey: 1', '      volumes:', '      - name: d',
      '        containerDisk:', '          bogusKey: 1', '          image: x', '',
    ].join('\n');
    for (let n = 0; n < 7; n++) assert.equal(at('kubernetes', k8s, 'bogusKey', n), null, `kubernetes bogusKey #${n}`);
    assert.equal(at('kubernetes', k8s, 'fsGroup'), 'kubernetes.securityContext');
    assert.equal(at('kubernetes', k8s, 'runAsUser'), 'kubernetes.securityContext.runAsUser');
    assert.equal(at('kubernetes', k8s, 'periodSeconds'), 'kubernetes.probe.periodSeconds');
    assert.equal(at('kubernetes', k8s, 'cores'), 'kubevirt.domain.cpu');
    assert.equal(at('kubernetes', k8s, 'rng'), 'kubevirt.domain.devices');
    assert.equal(at('kubernetes', k8s, 'image: x'), 'kubevirt.volumes.containerDisk');
    const ci = '#cloud-config\npower_state:\n  bogus_key: 1\n  mode: reboot\nntp:\n  bogus_key: 1\n  servers: [a]\npackages:\n  bogus_key: 1\nswap:\n  bogus_key: 1\n  size: auto\n';
    for (let n = 0; n < 4; n++) assert.equal(at('cloud-init', ci, 'bogus_key', n), null, `cloud-init bogus_key #${n}`);
    assert.equal(at('cloud-init', ci, 'mode'), 'cloud-init.power_state');
    assert.equal(at('cloud-init', ci, 'servers'), 'cloud-init.ntp');
    assert.equal(at('cloud-init', ci, 'size'), 'cloud-init.mounts');
    const lima = 'ssh:\n  bogusKey: 1\n  localPort: 60022\nuser:\n  bogusKey: 1\n  name: me\nvideo:\n  bogusKey: 1\n  display: none\n';
    for (let n = 0; n < 3; n++) assert.equal(at('lima', lima, 'bogusKey', n), null, `lima bogusKey #${n}`);
    assert.equal(at('lima', lima, 'localPort'), 'lima.ssh');
    assert.equal(at('lima', lima, 'name: me'), 'lima.user');
    assert.equal(at('lima', lima, 'display'), 'lima.video');
  });
  it('gets no hover on a comment or an empty line', () => {
    const model = parse('compose', '# a comment\nservices:\n\n  web:\n    image: nginx\n');
    assert.equal(hoverId('compose', model, { line: 0, character: 4 }), null);
    assert.equal(hoverId('compose', model, { line: 2, character: 0 }), null);
  });
});

describe('line notes', () => {
  const notesAt = (f: YamlFormat, model: ConfigModel, at: Pos) => mod(f).topicAt(model, at)?.notes ?? [];
  it('Compose: privileged, host network and a Docker socket mount get notes on their line', () => {
    const model = parse('compose', 'services:\n  a:\n    privileged: true\n    network_mode: host\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n');
    assert.match(notesAt('compose', model, { line: 2, character: 4 }).join(' '), /privileged: true/);
    assert.match(notesAt('compose', model, { line: 3, character: 4 }).join(' '), /network_mode: host/);
    const sock = mod('compose').topicAt(model, { line: 5, character: 10 });
    assert.equal(sock?.topic.id, 'compose.volumes.service');
    assert.match(sock?.notes?.join(' ') ?? '', /Docker socket/);
  });
  it('Compose: build.privileged is called build-time', () => {
    const f = join(corpus, 'compose', 'docker_compose_pkg_e2e_fixtures_build-test_privileged_compose.yaml');
    const model = parse('compose', read(f), f);
    const node = [...walkNodes(model.roots)].find((n) => n.key === 'privileged' && n.path.includes('build'));
    assert.ok(node);
    const hit = mod('compose').topicAt(model, node.keyRange.start);
    assert.equal(hit?.topic.id, 'compose.build.privileged');
    assert.match(hit?.notes?.join(' ') ?? '', /build/);
  });
  it('Kubernetes: runtimeClassName gvisor and kata are explained as sandboxes', () => {
    const g = join(corpus, 'kubernetes', 'google_gvisor_g3doc_user_guide_tutorials_docker-in-gke-sandbox_docker.yaml');
    const gm = parse('kubernetes', read(g), g);
    assert.match(notesAt('kubernetes', gm, nodeAt(gm, 'spec.runtimeClassName').keyRange.start).join(' '), /gvisor/);
    const k = join(corpus, 'kubernetes', 'kata-containers_kata-containers_tests_integration_kubernetes_runtimeclass_workloads_pod-privileged.yaml');
    const km = parse('kubernetes', read(k), k);
    assert.match(notesAt('kubernetes', km, nodeAt(km, 'spec.runtimeClassName').keyRange.start).join(' '), /lightweight VM/);
  });
  it('Kubernetes: a PersistentVolume\'s hostPath is node-local storage, with the same sensitive-path notes as a pod\'s', () => {
    const f = join(corpus, 'kubernetes', 'kubernetes_examples_AI_model-serving-tensorflow_pv.yaml');
    const model = parse('kubernetes', read(f), f);
    const hit = mod('kubernetes').topicAt(model, nodeAt(model, 'spec.hostPath').keyRange.start);
    assert.equal(hit?.range.start.line, 10);
    assert.equal(hit?.topic.id, 'kubernetes.persistentVolume.hostPath');
    assert.match(hit?.topic.does ?? '', /single-node/);
    const sock = parse('kubernetes', 'kind: PersistentVolume\nspec:\n  hostPath:\n    path: /var/run/docker.sock\n');
    assert.match(notesAt('kubernetes', sock, { line: 3, character: 12 }).join(' '), /runtime socket/);
    const pod = parse('kubernetes', 'kind: Pod\nspec:\n  volumes:\n  - name: a\n    hostPath:\n      path: /data\n');
    assert.equal(hoverId('kubernetes', pod, { line: 4, character: 5 }), 'kubernetes.volumes.hostPath');
  });
  it('Lima: vmType vz gets its note', () => {
    const f = join(corpus, 'lima', 'lima-vm_lima__images_macos-26.yaml');
    const model = parse('lima', read(f), f);
    assert.match(notesAt('lima', model, nodeAt(model, 'vmType').keyRange.start).join(' '), /Virtualization\.framework/);
  });
});

describe('workloads', () => {
  it('Compose: one per service, with image and the Dockerfile it builds from', () => {
    const f = join(corpus, 'compose', 'docker_awesome-compose_flask-redis_compose.yaml');
    const model = parse('compose', read(f), f);
    const ws = mod('compose').workloads(model);
    assert.deepEqual(ws.map((w) => w.name), ['redis', 'web']);
    assert.equal(ws[0].kind, 'compose-service');
    assert.equal(ws[0].image, 'redislabs/redismod');
    assert.equal(ws[1].buildsFrom, 'Dockerfile');
    assert.deepEqual(ws[1].range.start, { line: 5, character: 2 }, 'the lens sits on the service key');
    const g = join(corpus, 'compose', 'docker_awesome-compose_react-express-mysql_compose.yaml');
    const byName = new Map(mod('compose').workloads(parse('compose', read(g), g)).map((w) => [w.name, w]));
    assert.equal(byName.get('backend')?.buildsFrom, 'backend/Dockerfile');
  });
  it('Compose: build.dockerfile joins the context folder', () => {
    const model = parse('compose', 'services:\n  api:\n    build:\n      context: ./svc/api\n      dockerfile: ../Dockerfile.api\n');
    assert.equal(mod('compose').workloads(model)[0].buildsFrom, 'svc/Dockerfile.api');
  });
  it('Kubernetes: pod templates and KubeVirt VMs, named by metadata.name', () => {
    const vm = join(corpus, 'kubernetes', 'kubevirt_kubevirt_examples_vm-cirros.yaml');
    const ws = mod('kubernetes').workloads(parse('kubernetes', read(vm), vm));
    assert.deepEqual(ws.map((w) => [w.kind, w.name]), [['kubevirt-vm', 'vm-cirros']]);
    const gb = join(corpus, 'kubernetes', 'kubernetes_examples_web_guestbook_all-in-one_guestbook-all-in-one.yaml');
    const gws = mod('kubernetes').workloads(parse('kubernetes', read(gb), gb));
    assert.ok(gws.length >= 3 && gws.every((w) => w.kind === 'kubernetes-workload'), gws.map((w) => w.name).join());
    assert.ok(gws.some((w) => w.name === 'redis-master' && w.image));
    const rc = join(corpus, 'kubernetes', 'kata-containers_kata-containers_tests_integration_kubernetes_runtimeclass_workloads_kata-runtimeclass.yaml');
    assert.deepEqual(mod('kubernetes').workloads(parse('kubernetes', read(rc), rc)), [], 'a RuntimeClass is not a workload');
  });
  it('cloud-init and Lima: one workload per file', () => {
    const c = join(corpus, 'cloud-init', 'canonical_cloud-init_doc_examples_cloud-config-run-cmds.txt');
    const cws = mod('cloud-init').workloads(parse('cloud-init', read(c), c));
    assert.deepEqual(cws.map((w) => w.kind), ['cloud-init']);
    const l = join(corpus, 'lima', 'lima-vm_lima__images_macos-26.yaml');
    const lws = mod('lima').workloads(parse('lima', read(l), l));
    assert.deepEqual(lws.map((w) => [w.kind, w.name]), [['lima-instance', 'lima-vm_lima__images_macos-26']]);
    assert.equal(lws[0].range.start.line, 10, 'the lens sits on vmType');
  });
});

describe('hostile YAML through a format module', () => {
  it('an alias bomb and a 6 MB file come back with a problem, not a crash', () => {
    let bomb = 'services:\n  a: &a [x, x, x, x, x, x, x, x, x]\n';
    let prev = 'a';
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) {
      bomb += `  ${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
      prev = name;
    }
    for (const f of FORMATS) {
      const m = parse(f, bomb);
      assert.ok(m.problems.length > 0, `${f}: alias bomb reported`);
      mod(f).workloads(m);
      mod(f).topicAt(m, { line: 10, character: 4 });
    }
    const big = parse('kubernetes', `data: "${'y'.repeat(6 * 1024 * 1024)}"\n`);
    assert.ok(big.problems.length > 0);
    assert.deepEqual(mod('kubernetes').workloads(big), []);
  });
});

/** Keeps the format list honest: each of these is registered. */
describe('registry', () => {
  it('has a module for each YAML format', () => {
    for (const f of FORMATS as Format[]) assert.equal(moduleFor(f)?.format, f);
  });
});
