import * as assert from 'node:assert/strict';
import { adviseFiles } from '../../src/core/advisor/advise';
import { signalById } from '../../src/core/advisor/signals';
import { THRESHOLD } from '../../src/core/advisor/verdict';

type Input = { path: string; text: string };

/** The named workload of a set of files (or the only one), with what a user sees of it. */
function advise(files: Input[] | Input, name?: string) {
  const report = adviseFiles(Array.isArray(files) ? files : [files]);
  const w = name ? report.workloads.find((x) => x.name === name) : report.workloads[0];
  assert.ok(w, `no workload ${name ?? ''}: ${JSON.stringify(report.workloads.map((x) => x.name))}`);
  return { ...w, ids: w.signals.map((s) => s.id), at: (id: string) => w.signals.find((s) => s.id === id), messages: w.signals.map((s) => s.message).join('\n') };
}

const compose = (text: string): Input => ({ path: 'compose.yaml', text });
const dockerfile = (text: string, path = 'Dockerfile'): Input => ({ path, text });

describe('recalibrated signals', () => {
  describe('1. a sandbox need is read from what a workload runs, as tokens', () => {
    it('Judge0 (its own compose file): server and workers run submitted code', () => {
      const files = compose(
        'services:\n  server:\n    image: judge0/judge0:1.13.1\n    volumes:\n      - ./judge0.conf:/judge0.conf:ro\n    ports:\n      - "2358:2358"\n    privileged: true\n    restart: always\n' +
          '  workers:\n    image: judge0/judge0:1.13.1\n    command: ["./scripts/workers"]\n    privileged: true\n  db:\n    image: postgres:16.2\n  redis:\n    image: redis:7.2.4\n',
      );
      for (const name of ['server', 'workers']) {
        const w = advise(files, name);
        assert.equal(w.verdict, 'sandboxed', `${name}: ${w.ids.join()}`);
        assert.match(w.at('sandboxing.code-execution')!.message, /online judge/);
      }
      assert.equal(advise(files, 'db').verdict, 'container');
    });

    it('Piston, glot, codapi and playground images are code-execution services', () => {
      for (const image of ['ghcr.io/engineer-man/piston', 'glot/python:latest', 'codapi/python:3.12', 'golang/playground-sandbox:latest']) {
        const w = advise(compose(`services:\n  api:\n    image: ${image}\n`));
        assert.ok(w.ids.includes('sandboxing.code-execution'), `${image}: ${w.ids.join()}`);
        assert.equal(w.verdict, 'sandboxed', image);
      }
    });

    it('the Go playground sandbox server starts `play-sandbox` with the engine socket', () => {
      const w = advise(
        dockerfile('FROM golang:1.25-trixie AS build\nRUN go install\n\nFROM debian:trixie\nRUN apt-get update && apt-get install --yes docker-ce-cli\nCOPY --from=build /go/bin/sandbox /usr/local/bin/play-sandbox\nENTRYPOINT ["/usr/local/bin/play-sandbox"]\n'),
      );
      assert.ok(w.ids.includes('sandboxing.code-execution'), w.ids.join());
      assert.ok(!w.ids.includes('kernel.docker-in-docker'), 'the Docker CLI is not the engine');
    });

    it('notebook images, single-user images and a hub with DockerSpawner are sandboxed', () => {
      for (const image of ['jupyter/scipy-notebook:2024-04-22', 'quay.io/jupyter/base-notebook:latest', 'jupyterhub/singleuser:5', 'quay.io/jupyterhub/k8s-singleuser-sample:4.0.0']) {
        const w = advise(compose(`services:\n  nb:\n    image: ${image}\n`));
        assert.equal(w.verdict, 'sandboxed', `${image}: ${w.ids.join()}`);
      }
      // jupyterhub/docker-image's basic example: a hub built locally that starts a notebook container per user.
      const hub = advise(
        [
          compose(
            'services:\n  hub:\n    build:\n      context: .\n      dockerfile: Dockerfile.jupyterhub\n    image: jupyterhub\n    volumes:\n      - "./jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py:ro"\n      - "/var/run/docker.sock:/var/run/docker.sock:rw"\n    environment:\n      DOCKER_NOTEBOOK_IMAGE: quay.io/jupyter/base-notebook:latest\n',
          ),
          dockerfile('ARG JUPYTERHUB_VERSION\nFROM quay.io/jupyterhub/jupyterhub:$JUPYTERHUB_VERSION\nRUN python3 -m pip install --no-cache-dir dockerspawner jupyterhub-nativeauthenticator\nCMD ["jupyterhub", "-f", "/srv/jupyterhub/jupyterhub_config.py"]\n', 'Dockerfile.jupyterhub'),
        ],
        'hub',
      );
      assert.equal(hub.verdict, 'sandboxed', hub.ids.join());
      assert.match(hub.messages, /Installs `dockerspawner`/);
      assert.match(hub.messages, /Starts `jupyterhub/);
    });

    it('a path that mentions jupyterhub runs nothing (negative)', () => {
      const w = advise(dockerfile('FROM python:3.12-slim\nRUN useradd app && mkdir -p /srv/jupyterhub && chown -R app /srv/jupyterhub\nWORKDIR /srv/jupyterhub\nUSER app\nCMD ["python", "-m", "http.server"]\n'));
      assert.ok(!w.ids.some((id) => id.startsWith('sandboxing.')), w.ids.join());
      assert.equal(w.verdict, 'container');
      // A mount target with the word in it is a path too.
      const c = advise(compose('services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site:/srv/jupyterhub/static:ro\n'));
      assert.ok(!c.ids.some((id) => id.startsWith('sandboxing.')), c.ids.join());
    });

    it('CI runners by image, by program and by Concourse worker command', () => {
      for (const image of ['ghcr.io/actions/actions-runner:2.321.0', 'gitlab/gitlab-runner:v17.6.0', 'buildkite/agent:3', 'woodpeckerci/woodpecker-agent:v2', 'drone/drone-runner-docker:1', 'jenkins/inbound-agent:3273.v4cfe589b_fd83-1']) {
        const w = advise(compose(`services:\n  runner:\n    image: ${image}\n`));
        assert.ok(w.ids.includes('sandboxing.ci-runner'), `${image}: ${w.ids.join()}`);
      }
      // actions-runner-controller is the controller, not a runner.
      assert.ok(!advise(compose('services:\n  arc:\n    image: summerwind/actions-runner-controller:v0.27.6\n')).ids.includes('sandboxing.ci-runner'));
      const concourse = compose('services:\n  web:\n    image: concourse/concourse:7.11\n    command: web\n  worker:\n    image: concourse/concourse:7.11\n    command: worker\n    privileged: true\n');
      assert.equal(advise(concourse, 'worker').verdict, 'sandboxed');
      assert.ok(!advise(concourse, 'web').ids.includes('sandboxing.ci-runner'));
      const gitlab = advise(dockerfile('FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y gitlab-runner\nENTRYPOINT ["/usr/bin/dumb-init", "--", "gitlab-runner"]\nCMD ["run", "--user=gitlab-runner"]\n'));
      assert.ok(gitlab.ids.includes('sandboxing.ci-runner'), gitlab.ids.join());
    });

    it('AI-agent sandboxes and functions platforms', () => {
      for (const image of ['e2bdev/code-interpreter:latest', 'docker.all-hands.dev/all-hands-ai/runtime:0.9-nikolaik', 'ghcr.io/openfaas/faas-netes:0.18.3', 'fission/fission-bundle:1.20.0', 'openwhisk/invoker:nightly', 'quay.io/nuclio/dashboard:1.13.0-amd64']) {
        const w = advise(compose(`services:\n  svc:\n    image: ${image}\n`));
        assert.equal(w.verdict, 'sandboxed', `${image}: ${w.ids.join()}`);
      }
      // OpenWhisk's lean compose file names the image through a variable with a default.
      const ow = advise(compose('services:\n  controller:\n    image: ${DOCKER_IMAGE_PREFIX:-openwhisk}/controller:${DOCKER_IMAGE_TAG:-latest}\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n'));
      assert.equal(ow.verdict, 'sandboxed', ow.ids.join());
      // The API gateway beside it runs no function.
      assert.ok(!advise(compose('services:\n  apigateway:\n    image: openwhisk/apigateway:nightly\n')).ids.some((id) => id.startsWith('sandboxing.')));
    });

    it('a service with the engine socket that is a spawner or runner starts containers for others', () => {
      const w = advise(compose('services:\n  exec:\n    image: example/code-executor:1.2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n'));
      assert.ok(w.ids.includes('sandboxing.container-spawner'), w.ids.join());
      assert.equal(w.verdict, 'sandboxed');
      // The socket alone is a hardening problem, not a sandbox need.
      const portainer = advise(compose('services:\n  portainer:\n    image: portainer/portainer-ce:2.21.4\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n'));
      assert.equal(portainer.verdict, 'container-hardened');
      assert.ok(!portainer.ids.includes('sandboxing.container-spawner'));
    });

    it('a plain nginx that mounts nothing stays a container (negative)', () => {
      const w = advise(compose('services:\n  web:\n    image: nginx:1.27-alpine\n    ports:\n      - "8080:80"\n'));
      assert.equal(w.verdict, 'container');
      assert.ok(!w.ids.some((id) => id.startsWith('sandboxing.') || id.startsWith('kernel.')), w.ids.join());
    });

    it('a Dockerfile comment that documents the run command is how it runs', () => {
      const sysbox = advise(dockerfile('# Jenkins with a Docker engine of its own\n# docker run --runtime=sysbox-runc -it --rm example/jenkins\nFROM jenkins/jenkins:2.479.2-lts\n'));
      assert.ok(sysbox.ids.includes('sandboxing.sandbox-runtime'), sysbox.ids.join());
      // moby's Dockerfile.simple documents a privileged run: the image expects it.
      const moby = advise(dockerfile('# docker build -t docker:simple -f Dockerfile.simple .\n# docker run --rm --privileged docker:simple hack/dind hack/make.sh test-unit\nFROM golang:1.23-bookworm\nCMD ["hack/make.sh"]\n'));
      assert.match(moby.at('hardening.privileged')!.message, /comment documents the run command: `--privileged`/);
      assert.equal(moby.verdict, 'container-hardened');
      // jessfraz/dockerfiles kvm: the header runs libvirt privileged.
      const kvm = advise(dockerfile('# Run libvirt daemon in a container\n#\n# docker run -d \\\n#\t--privileged \\\n#\t-v /var/run/libvirt:/var/run/libvirt \\\n#\t--name kvm \\\n#\tjess/kvm\nFROM debian:sid-slim\nRUN apt-get update && apt-get install -y libvirt-daemon-system qemu-kvm virt-manager --no-install-recommends\nCMD ["virt-manager", "--no-fork"]\n'));
      assert.equal(kvm.verdict, 'vm', kvm.ids.join());
      assert.ok(kvm.ids.includes('kernel.nested-hypervisor'));
    });
  });

  describe('2. a VM wrapped in a container decides vm', () => {
    it('/dev/kvm alone reaches the vm threshold', () => {
      assert.ok(signalById('kernel.dev-kvm')!.weight >= THRESHOLD);
      assert.ok(signalById('kernel.nested-hypervisor')!.weight >= THRESHOLD);
    });

    it('qemus/qemu compose file and Kubernetes manifest', () => {
      const c = advise(compose('services:\n  qemu:\n    image: qemux/qemu\n    environment:\n      BOOT: "mint"\n    devices:\n      - /dev/kvm\n      - /dev/net/tun\n    cap_add:\n      - NET_ADMIN\n    ports:\n      - 8006:8006\n    volumes:\n      - ./qemu:/storage\n    restart: always\n'));
      assert.equal(c.verdict, 'vm', c.ids.join());
      const k = advise({
        path: 'kubernetes.yml',
        text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: qemu\nspec:\n  template:\n    spec:\n      containers:\n      - name: qemu\n        image: qemux/qemu\n        securityContext:\n          capabilities:\n            add:\n            - NET_ADMIN\n          privileged: true\n        volumeMounts:\n        - mountPath: /dev/kvm\n          name: dev-kvm\n      volumes:\n      - name: dev-kvm\n        hostPath:\n          path: /dev/kvm\n',
      });
      assert.equal(k.verdict, 'vm', k.ids.join());
    });

    it('dockur/windows and dockur/macos Dockerfiles: QEMU copied in from its image', () => {
      const win = advise(
        dockerfile(
          'ARG VERSION_ARG="latest"\nFROM scratch AS build-amd64\nCOPY --from=qemux/qemu:7.48 / /\nARG TARGETARCH\nRUN apt-get update && apt-get install -y samba wimtools\n\nFROM dockurr/windows-arm:${VERSION_ARG} AS build-arm64\nFROM build-${TARGETARCH}\nEXPOSE 3389 8006\nENTRYPOINT ["/usr/bin/tini", "-s", "/run/entry.sh"]\n',
        ),
      );
      assert.equal(win.verdict, 'vm', win.ids.join());
      assert.ok(!win.ids.includes('platform.windows-base-image'), 'dockurr/windows is a Linux image that boots Windows in QEMU');
      const mac = advise(dockerfile('FROM scratch AS base\nCOPY --from=qemux/qemu:7.48 / /\nRUN apt-get update && apt-get install -y mtools xmlstarlet\nVOLUME /storage\nENTRYPOINT ["/usr/bin/tini", "-s", "/run/entry.sh"]\n'));
      assert.equal(mac.verdict, 'vm', mac.ids.join());
    });

    it('qemu-system installed, sickcodes/Docker-OSX image, --device /dev/kvm in devcontainer runArgs', () => {
      const q = advise(dockerfile('FROM debian:trixie-slim\nRUN apt-get update && apt-get --no-install-recommends -y install "qemu-system-x86=1:11.1.0+ds-2" ovmf\nENTRYPOINT ["/run/entry.sh"]\n'));
      assert.equal(q.verdict, 'vm', q.ids.join());
      assert.equal(advise(compose('services:\n  osx:\n    image: sickcodes/docker-osx:latest\n')).verdict, 'vm');
      const dc = advise({ path: '.devcontainer/devcontainer.json', text: '{ "image": "mcr.microsoft.com/devcontainers/base:ubuntu", "runArgs": ["--device", "/dev/kvm"] }' });
      assert.equal(dc.verdict, 'vm', dc.ids.join());
    });

    it('binfmt emulation (qemu-user-static) is no hypervisor (negative)', () => {
      const w = advise(dockerfile('FROM debian:12\nRUN apt-get update && apt-get install -y qemu-user-static qemu-utils binfmt-support\nUSER nobody\n'));
      assert.ok(!w.ids.includes('kernel.nested-hypervisor'), w.ids.join());
      assert.equal(w.verdict, 'container');
    });
  });

  describe('3. macOS guests in any builder decide vm', () => {
    it('Anka create and clone sources (veertu/anka-packer)', () => {
      const w = advise({ path: 'create-from-installer.pkr.hcl', text: 'source "veertu-anka-vm-create" "base" {\n  installer = "/Applications/Install macOS Sonoma.app/"\n  vm_name = "sonoma"\n}\n\nbuild {\n  sources = ["source.veertu-anka-vm-create.base"]\n}\n' });
      assert.equal(w.verdict, 'vm', w.ids.join());
      assert.ok(w.ids.includes('platform.other-os-guest'));
      assert.match(w.at('platform.other-os-guest')!.message, /macOS/);
      const clone = advise({ path: 'clone.pkr.hcl', text: 'source "veertu-anka-vm-clone" "template" {\n  vm_name        = "build-1"\n  source_vm_name = "macos-15"\n}\nbuild {\n  sources = ["source.veertu-anka-vm-clone.template"]\n}\n' });
      assert.equal(clone.verdict, 'vm');
    });

    it('Tart, Parallels ipsw and VMware with a darwin guest type', () => {
      const tart = advise({ path: 'vanilla.pkr.hcl', text: 'source "tart-cli" "tart" {\n  from_ipsw    = "latest"\n  vm_name      = "sequoia-vanilla"\n  cpu_count    = 4\n}\nbuild {\n  sources = ["source.tart-cli.tart"]\n}\n' });
      assert.equal(tart.verdict, 'vm');
      assert.ok(tart.ids.includes('platform.other-os-guest'));
      const prl = advise({ path: 'macvm.pkr.hcl', text: 'source "parallels-macvm" "image" {\n  vm_name = "macos"\n}\nbuild {\n  sources = ["source.parallels-macvm.image"]\n}\n' });
      assert.equal(prl.verdict, 'vm', prl.ids.join());
      const vmw = advise({ path: 'template.json', text: '{ "builders": [ { "type": "vmware-iso", "guest_os_type": "darwin12-64", "iso_url": "macos.iso" } ] }' });
      assert.equal(vmw.verdict, 'vm');
      assert.match(vmw.at('platform.other-os-guest')!.message, /darwin12-64/);
    });

    it('a macOS Vagrant box names its guest', () => {
      const w = advise({ path: 'Vagrantfile', text: 'Vagrant.configure("2") do |config|\n  config.vm.box = "ramsey/macos-catalina"\n  config.vm.provider "vmware_desktop" do |v|\n    v.gui = true\n  end\nend\n' });
      assert.equal(w.verdict, 'vm');
      assert.ok(w.ids.includes('platform.other-os-guest'), w.ids.join());
    });
  });

  describe('4. NET_ADMIN reaches container-hardened', () => {
    it('compose cap_add, with and without /dev/net/tun', () => {
      assert.equal(advise(compose('services:\n  vpn:\n    image: qmcgaw/gluetun:v3.39\n    cap_add:\n      - NET_ADMIN\n    devices:\n      - /dev/net/tun:/dev/net/tun\n')).verdict, 'container-hardened');
      const w = advise(compose('services:\n  vpn:\n    image: example/vpn:1.0\n    cap_add:\n      - NET_ADMIN\n'));
      assert.equal(w.verdict, 'container-hardened');
      assert.match(w.at('state-network.net-admin')!.message, /CAP_NET_ADMIN added/);
    });

    it('Kubernetes capabilities.add and devcontainer capAdd / runArgs', () => {
      const k = advise({ path: 'pod.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: vpn\nspec:\n  containers:\n  - name: vpn\n    image: example/vpn:1.0\n    securityContext:\n      capabilities:\n        add: ["NET_ADMIN"]\n' });
      assert.equal(k.verdict, 'container-hardened', k.ids.join());
      assert.equal(advise({ path: '.devcontainer/devcontainer.json', text: '{ "image": "mcr.microsoft.com/devcontainers/base:ubuntu", "capAdd": ["NET_ADMIN"] }' }).verdict, 'container-hardened');
      assert.equal(advise({ path: '.devcontainer/devcontainer.json', text: '{ "image": "mcr.microsoft.com/devcontainers/base:ubuntu", "runArgs": ["--cap-add=NET_ADMIN", "--device=/dev/net/tun"] }' }).verdict, 'container-hardened');
    });

    it('NET_RAW alone does not (it is in the engine default set)', () => {
      assert.equal(advise(compose('services:\n  ping:\n    image: example/ping:1.0\n    cap_add:\n      - NET_RAW\n')).verdict, 'container');
    });
  });

  describe('5. state and hostname are notes, not VM weight', () => {
    it('a database volume and a fixed hostname weigh nothing and never show in what would change it', () => {
      for (const id of ['state-network.database-local-disk', 'licensing.hostname', 'hardware.gpu']) {
        const s = signalById(id)!;
        assert.equal(s.weight, 0, id);
        assert.notEqual(s.direction, 'vm', id);
      }
      const w = advise(compose('services:\n  db:\n    image: postgres:16.2\n    hostname: db1\n    volumes:\n      - /srv/pg:/var/lib/postgresql/data\n'));
      assert.ok(w.ids.includes('state-network.database-local-disk') && w.ids.includes('licensing.hostname'), w.ids.join());
      assert.equal(w.verdict, 'container');
      assert.ok(!w.changes.some((c) => /database on local disk|fixed hostname|→ vm/.test(c)), w.changes.join(' | '));
    });

    it('next to real VM evidence they are not listed as reasons to change it', () => {
      const w = advise(compose('services:\n  db:\n    image: postgres:16.2\n    hostname: db1\n    cap_add:\n      - SYS_TIME\n    volumes:\n      - /srv/pg:/var/lib/postgresql/data\n      - /dev/kvm:/dev/kvm\n'));
      assert.equal(w.verdict, 'vm');
      assert.ok(!w.changes.some((c) => /database|hostname/i.test(c)), w.changes.join(' | '));
    });

    it('a custom resource whose spec.hostname is a map has no hostname', () => {
      const w = advise({
        path: 'gateway.yaml',
        text: 'apiVersion: example.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  hostname:\n    prefix: api\n    domain: example.com\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gw\nspec:\n  template:\n    spec:\n      containers:\n      - name: gw\n        image: example/gw:1.0\n',
      });
      assert.ok(!w.ids.includes('licensing.hostname'), w.messages);
      assert.doesNotMatch(w.messages, /Fixed hostname ``/);
      const pod = advise({ path: 'pod.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostname: build-1\n  containers:\n  - name: c\n    image: busybox:1.36\n' });
      assert.match(pod.at('licensing.hostname')!.message, /Fixed hostname `build-1`/);
    });
  });

  describe('6. devices are named in full', () => {
    it('an unlisted device prints its whole path', () => {
      const w = advise(compose('services:\n  audio:\n    image: example/audio:1.0\n    devices:\n      - /dev/snd:/dev/snd\n      - /dev/net/tun\n'));
      assert.match(w.messages, /Host device `\/dev\/snd` passed in/);
      assert.match(w.messages, /Host device `\/dev\/net\/tun` passed in/);
      assert.doesNotMatch(w.messages, /Host device `\/`/);
    });

    it('a device node mounted by hostPath is a device, named in full', () => {
      const w = advise({ path: 'pod.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: example/vpn:1.0\n  volumes:\n  - name: tun\n    hostPath:\n      path: /dev/net/tun\n' });
      assert.match(w.at('hardware.device-passthrough')!.message, /`\/dev\/net\/tun`/);
    });
  });

  describe('7. a locally built image is not unpinned', () => {
    it('image: next to build: names what is built', () => {
      const built = advise(compose('services:\n  app:\n    build: .\n    image: myapp\n'));
      assert.ok(!built.ids.includes('hardening.latest-tag'), built.ids.join());
      const pulled = advise(compose('services:\n  app:\n    image: myapp\n'));
      assert.ok(pulled.ids.includes('hardening.latest-tag'));
    });
  });

  describe('catalogue review', () => {
    it('capabilities that are permissions to take back are hardening, not VM evidence', () => {
      for (const id of ['kernel.cap-sys-time', 'kernel.cap-sys-rawio', 'kernel.cap-sys-module']) assert.equal(signalById(id)!.direction, 'harden', id);
    });

    it('a GPU is a note: containers use it at native speed', () => {
      const w = advise(compose('services:\n  llm:\n    image: vllm/vllm-openai:v0.6.4\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              capabilities: [gpu]\n'));
      assert.ok(w.ids.includes('hardware.gpu'));
      assert.equal(w.verdict, 'container');
      assert.ok(!w.changes.some((c) => /GPU/.test(c)), w.changes.join(' | '));
    });
  });
});
