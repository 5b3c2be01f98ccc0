// The claims docs/knowledge-audit.md corrected, asserted as a user meets them: in the hover at a
// position, in a workload's signals, or in the comparison data.
import * as assert from 'node:assert/strict';
import { adviseFiles } from '../../src/core/advisor/advise';
import { parseWith } from '../../src/core/cache';
import { explainAt } from '../../src/core/explain';
import { classifyImage } from '../../src/core/knowledge/dockerfile';
import { DF } from '../../src/core/knowledge/dockerfile/ids';
import { topicById } from '../../src/core/knowledge/index';
import { hoverAt as hover } from '../helpers/hoverAt';


function signalsOf(path: string, text: string) {
  const w = adviseFiles([{ path, text }]).workloads[0];
  assert.ok(w, `no workload in ${path}`);
  return w.signals;
}

describe('knowledge audit: corrected claims', () => {
  describe('Nano Server before and after 1709', () => {
    it('counts the 2016 image (ContainerAdministrator) as root and the later ones (ContainerUser) as non-root', () => {
      for (const ref of ['microsoft/nanoserver:sac2016', 'microsoft/nanoserver:10.0.14393.2551', 'microsoft/nanoserver']) {
        const ids = signalsOf('Dockerfile', `FROM ${ref}\nCMD ["cmd"]\n`).map((s) => s.id);
        assert.ok(ids.includes('hardening.root-user'), `${ref}: ${ids.join()}`);
        assert.ok(!ids.includes('cloud-native.non-root-user'), `${ref}: ${ids.join()}`);
      }
      const later = signalsOf('Dockerfile', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["cmd"]\n').map((s) => s.id);
      assert.ok(later.includes('cloud-native.non-root-user'), later.join());
      assert.ok(!later.includes('hardening.root-user'), later.join());
    });

    it('says the 2016 image has PowerShell and runs as ContainerAdministrator', () => {
      const t = topicById('dockerfile.image.windows-nanoserver')!;
      assert.match(t.does, /Windows Server 2016 image[^;]*includes PowerShell and runs as `ContainerAdministrator`/);
      assert.match(t.does, /1709 and later/);
    });
  });

  it('takes only gcr.io/distroless images for distroless, and does not promise :debug has no shell', () => {
    assert.equal(classifyImage('gcr.io/distroless/static-debian12:nonroot').family, 'distroless');
    assert.notEqual(classifyImage('example/my-distroless-app:1.0').family, 'distroless');
    assert.ok(!classifyImage('example/my-distroless-app:1.0').notes.some((n) => /no shell/i.test(n)));
    assert.ok(classifyImage('gcr.io/distroless/base-debian12:latest').notes.some((n) => /no shell/i.test(n)));
    assert.ok(classifyImage('gcr.io/distroless/base-debian12:debug').notes.some((n) => /BusyBox shell/.test(n)));
  });

  it('says which host the shared firewall is about on a compose port', () => {
    const ex = hover('compose.yaml', 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n', 'ports')!;
    assert.equal(ex.topic.id, 'compose.ports');
    assert.match(ex.markdown, /Windows containers/);
    assert.match(ex.markdown, /ufw/);
  });

  it('does not say Compose or the Engine replace an unhealthy container, and that Kubernetes ignores HEALTHCHECK', () => {
    const df = hover('Dockerfile', 'FROM alpine\nHEALTHCHECK CMD true\n', 'HEALTHCHECK')!;
    assert.match(df.markdown, /only \*\*mark\*\*/);
    assert.match(df.markdown, /Kubernetes ignores/);
    const compose = hover('compose.yaml', 'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ["CMD", "true"]\n', 'healthcheck')!;
    assert.match(compose.markdown, /only mark a failing container/);
    assert.doesNotMatch(compose.markdown, /lets an orchestrator replace/);
  });

  it('says a privileged container under Kata acts on the guest VM\'s kernel', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  runtimeClassName: kata\n  containers:\n    - name: c\n      image: busybox\n      securityContext:\n        privileged: true\n';
    const ex = hover('pod.yaml', text, 'privileged')!;
    assert.equal(ex.topic.id, 'kubernetes.securityContext.privileged');
    assert.match(ex.markdown, /`runtimeClassName: kata`: this pod runs in a Kata lightweight VM, so `privileged` acts on that guest VM's kernel/);
    const plain = hover('pod.yaml', text.replace('  runtimeClassName: kata\n', ''), 'privileged')!;
    assert.doesNotMatch(plain.markdown, /runtimeClassName/);
    assert.match(plain.markdown, /the node's/);
  });

  it('says Hyper-V isolation lets a newer host run an older image, not any host build', () => {
    const notes = classifyImage('mcr.microsoft.com/windows/servercore:ltsc2019').notes.join(' ');
    assert.match(notes, /newer host/);
    assert.doesNotMatch(notes, /matches \([^)]*\), or Hyper-V isolation/);
  });

  it('calls Compose\'s default network the project network, not the default bridge', () => {
    const ex = hover('compose.yaml', 'services:\n  web:\n    image: nginx\n    network_mode: bridge\n', 'network_mode')!;
    assert.match(ex.markdown, /<project>_default/);
    assert.doesNotMatch(ex.markdown, /otherwise the default bridge/);
  });

  it('does not call unless-stopped a restart on failure', () => {
    const signals = signalsOf('compose.yaml', 'services:\n  web:\n    image: nginx\n    restart: unless-stopped\n');
    const restart = signals.find((s) => s.id === 'cloud-native.restart-policy');
    assert.ok(restart, signals.map((s) => s.id).join());
    const text = JSON.stringify(restart);
    assert.doesNotMatch(text, /restarts on failure/);
    assert.match(text, /stopped by hand/);
    const onFailure = signalsOf('compose.yaml', 'services:\n  web:\n    image: nginx\n    restart: on-failure:3\n').find((s) => s.id === 'cloud-native.restart-policy');
    assert.match(JSON.stringify(onFailure), /restarts on failure/);
  });

  it('does not say container hardening is all decided at build time', () => {
    const all = topicById(DF.directive('check'))?.angle ?? '';
    assert.doesNotMatch(all, /hardening are decided at build time, once/);
    assert.match(all, /privileged/);
  });
});

describe('knowledge audit: every hover is about its line', () => {
  const compose =
    'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ["CMD", "true"]\n      retries: 3\n      bogus_key: 1\n    deploy:\n      update_config:\n        parallelism: 2\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              capabilities: [gpu]\n  db:\n    image: postgres\n    deploy:\n      resources:\n        reservations:\n          memory: 1G\n';

  it('compose healthcheck retries has its own topic', () => {
    const ex = hover('compose.yaml', compose, 'retries')!;
    assert.equal(ex.topic.id, 'compose.healthcheck.retries');
    assert.match(ex.markdown, /consecutive/);
  });

  it('a key with no topic of its own gets none rather than its parent\'s', () => {
    assert.equal(hover('compose.yaml', compose, 'bogus_key'), null);
    assert.equal(hover('compose.yaml', compose, 'parallelism'), null);
  });

  it('compose deploy update_config has its own topic', () => {
    const ex = hover('compose.yaml', compose, 'update_config')!;
    assert.equal(ex.topic.id, 'compose.deploy.update_config');
    assert.match(ex.markdown, /rolling|one batch|parallelism/i);
  });

  it('a GPU-only reservations speaks of devices, a memory one of CPU and memory', () => {
    const gpu = hover('compose.yaml', compose, 'reservations', 0)!;
    assert.equal(gpu.topic.id, 'compose.deploy.resources.devices');
    assert.match(gpu.markdown, /GPU/);
    assert.doesNotMatch(gpu.markdown.split('\n')[2] ?? '', /CPU and memory/);
    const mem = hover('compose.yaml', compose, 'reservations', 1)!;
    assert.equal(mem.topic.id, 'compose.deploy.resources');
  });

  it('Kubernetes probe periodSeconds has its own topic', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n      livenessProbe:\n        httpGet:\n          path: /\n          port: 80\n        periodSeconds: 10\n';
    const ex = hover('pod.yaml', pod, 'periodSeconds')!;
    assert.equal(ex.topic.id, 'kubernetes.probe.periodSeconds');
    assert.match(ex.markdown, /10 seconds/);
    assert.equal(hover('pod.yaml', pod, 'livenessProbe')!.topic.id, 'kubernetes.probes');
  });

  it('KubeVirt apic has its own topic', () => {
    const vm = 'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: v\nspec:\n  template:\n    spec:\n      domain:\n        features:\n          apic:\n            enabled: true\n        devices: {}\n';
    const ex = hover('vm.yaml', vm, 'apic')!;
    assert.equal(ex.topic.id, 'kubevirt.domain.features.apic');
    assert.match(ex.markdown, /interrupt controller/i);
  });

  it('Helm {{- end}} lines get no topic', () => {
    const files = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: c\n      image: nginx\n      {{- if .Values.p }}\n      livenessProbe:\n        periodSeconds: 10\n        {{- end}}\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  {{- if .Values.h }}\n  hostNetwork: true\n  {{- end}}\n  containers:\n    - name: c\n      image: nginx\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: c\n      image: nginx\n      args:\n        - a\n        {{- end}}\n',
    ];
    for (const text of files) {
      const line = text.split('\n').findIndex((l) => l.includes('{{- end}}'));
      const col = text.split('\n')[line].indexOf('{{- end}}');
      const model = parseWith('chart/templates/pod.yaml', text)!;
      for (let c = col; c <= col + 9; c++) assert.equal(explainAt(model, { line, character: c }, { generic: true }), null, `${text} @${c}`);
    }
  });

  it('Packer boot_wait has its own topic, with the reference of the source\'s own builder', () => {
    const hcl = 'source "qemu" "x" {\n  boot_command = ["<enter>"]\n  boot_wait    = "10s"\n}\n';
    const wait = hover('build.pkr.hcl', hcl, 'boot_wait')!;
    assert.equal(wait.topic.id, 'packer.boot_wait');
    assert.match(wait.markdown, /QEMU builder\]\(https:\/\/developer\.hashicorp\.com\/packer\/integrations\/hashicorp\/qemu\//);
    assert.doesNotMatch(wait.markdown, /VirtualBox/);
    const cmd = hover('build.pkr.hcl', hcl, 'boot_command')!;
    assert.equal(cmd.topic.id, 'packer.boot_command');
    assert.doesNotMatch(cmd.markdown, /VirtualBox/);
    const json = '{\n  "builders": [\n    {\n      "type": "virtualbox-iso",\n      "boot_wait": "5s"\n    }\n  ]\n}\n';
    assert.match(hover('template.json', json, 'boot_wait')!.markdown, /VirtualBox ISO builder/);
  });

  it('COPY --chmod=755 is described as permission bits, not read-only', () => {
    const ex = hover('Dockerfile', 'FROM alpine\nCOPY --chmod=755 run.sh /run.sh\n', '--chmod')!;
    assert.equal(ex.topic.id, 'dockerfile.flag.COPY.chmod');
    assert.match(ex.markdown, /sets permission bits: owner read, write and execute, group read and execute, others read and execute/);
    assert.match(ex.markdown, /not read-only/);
    assert.doesNotMatch(ex.markdown, /Read-only application files are a cheap hardening/);
  });
});
