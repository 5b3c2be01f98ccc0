import * as assert from 'node:assert/strict';
import { adviseFiles } from '../../src/core/advisor/advise';

/** The one workload of a single file, or the named one. */
function advise(path: string, text: string, name?: string) {
  const report = adviseFiles([{ path, text }]);
  const w = name ? report.workloads.find((x) => x.name === name) : report.workloads[0];
  assert.ok(w, `no workload in ${path}: ${JSON.stringify(report.workloads.map((x) => x.name))}`);
  return { ...w, ids: w.signals.map((s) => s.id), at: (id: string) => w.signals.find((s) => s.id === id) };
}

describe('detectors on small files', () => {
  describe('Dockerfile', () => {
    it('a final stage without USER runs as root, underlined on its FROM line', () => {
      const w = advise('app/Dockerfile', 'FROM golang:1.23 AS build\nRUN go build -o /app .\nUSER nobody\n\nFROM debian:12-slim\nCOPY --from=build /app /app\nCMD ["/app"]\n');
      const root = w.at('hardening.root-user');
      assert.ok(root, w.ids.join());
      assert.equal(root.line, 5);
      assert.match(root.message, /No USER line/);
      assert.ok(w.ids.includes('cloud-native.multi-stage-build'));
      assert.equal(w.verdict, 'container');
    });

    it('USER in the final stage counts as non-root; USER root does not', () => {
      assert.ok(advise('Dockerfile', 'FROM node:22-alpine\nUSER node\nCMD ["node", "server.js"]\n').ids.includes('cloud-native.non-root-user'));
      const w = advise('Dockerfile', 'FROM node:22-alpine\nUSER root\n');
      assert.equal(w.at('hardening.root-user')?.line, 2);
    });

    it('modprobe in RUN is a kernel module load and means a VM', () => {
      const w = advise('Dockerfile', 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y kmod \\\n && modprobe br_netfilter\nUSER app\n');
      const hit = w.at('kernel.module-load');
      assert.ok(hit, w.ids.join());
      assert.equal(hit.line, 3);
      assert.match(hit.message, /modprobe/);
      assert.equal(w.verdict, 'vm');
    });

    it('a modprobe run in the host namespaces through nsenter is node configuration, not a VM need', () => {
      const w = advise('Dockerfile', 'FROM alpine:3.20\nCMD ["nsenter", "--mount=/proc/1/ns/mnt", "--", "modprobe", "iscsi_tcp"]\n');
      assert.ok(!w.ids.includes('kernel.module-load'));
    });

    it('systemd as PID 1 with SIGRTMIN+3 means a VM', () => {
      const w = advise('Dockerfile', 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y systemd\nSTOPSIGNAL SIGRTMIN+3\nENTRYPOINT ["/sbin/init"]\n');
      assert.ok(w.ids.includes('kernel.systemd-init') && w.ids.includes('kernel.systemd-stopsignal'), w.ids.join());
      assert.equal(w.verdict, 'vm');
    });

    it('a Windows base image is host coupling, not a VM by itself; AD DS is', () => {
      const plain = advise('Dockerfile', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command Write-Host hi\n');
      assert.ok(plain.ids.includes('platform.windows-base-image') && plain.ids.includes('platform.windows-version-pinned'), plain.ids.join());
      assert.equal(plain.at('platform.windows-base-image')?.line, 1);
      assert.equal(plain.verdict, 'container');
      const dc = advise('Dockerfile', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell Install-WindowsFeature AD-Domain-Services\n');
      assert.ok(dc.ids.includes('windows.ad-ds'));
      assert.equal(dc.verdict, 'vm');
    });

    it('finds a Windows image hidden behind ARGs from the escape directive', () => {
      const w = advise('Dockerfile', '# escape=`\nARG BASE\nFROM $BASE\nSHELL ["powershell", "-Command"]\n');
      assert.ok(w.ids.includes('platform.windows-base-image'), w.ids.join());
    });

    it('--platform with a build variable is the cross-build idiom; a fixed one is an architecture tie', () => {
      assert.ok(!advise('Dockerfile', 'FROM --platform=$BUILDPLATFORM golang:1.23\n').ids.includes('platform.foreign-architecture'));
      assert.equal(advise('Dockerfile', 'FROM --platform=linux/arm64 debian:12\n').at('platform.foreign-architecture')?.line, 1);
    });

    it('the dind image is a hardened container, not a VM', () => {
      const w = advise('Dockerfile', 'FROM docker:27-dind\nENTRYPOINT ["dockerd-entrypoint.sh"]\n');
      assert.ok(w.ids.includes('kernel.docker-in-docker'));
      assert.equal(w.verdict, 'container-hardened');
    });

    it('xrdp and a desktop environment mean a VM', () => {
      const w = advise('Dockerfile', 'FROM ubuntu:24.04\nRUN apt-get install -y xfce4 xrdp\nEXPOSE 3389\n');
      assert.ok(w.ids.includes('desktop.environment') && w.ids.includes('desktop.rdp'), w.ids.join());
      assert.equal(w.verdict, 'vm');
    });
  });

  describe('Compose', () => {
    it('privileged is underlined on its value and hardens the service', () => {
      const w = advise('compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n', 'web');
      const hit = w.at('hardening.privileged');
      assert.ok(hit);
      assert.equal(hit.line, 4);
      assert.equal(hit.column, 17);
      assert.match(hit.message, /Service `web` runs privileged/);
      assert.equal(w.verdict, 'container-hardened');
    });

    it('a docker.sock bind mount in short syntax', () => {
      const w = advise('compose.yaml', 'services:\n  ui:\n    image: portainer/portainer-ce:2.21\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n');
      assert.equal(w.at('hardening.docker-socket')?.line, 5);
      assert.equal(w.verdict, 'container-hardened');
    });

    it('runtime: runsc sandboxes the service; GPUs alone keep it a container', () => {
      assert.equal(advise('compose.yaml', 'services:\n  run:\n    image: example/runner:1\n    runtime: runsc\n').verdict, 'sandboxed');
      const gpu = advise(
        'compose.yaml',
        'services:\n  llm:\n    image: ollama/ollama:0.3\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              capabilities: [gpu]\n',
      );
      assert.ok(gpu.ids.includes('hardware.gpu'));
      assert.equal(gpu.verdict, 'container');
    });

    it('devices, capabilities and security options', () => {
      const w = advise(
        'compose.yaml',
        'services:\n  radio:\n    image: example/sdr:1\n    devices:\n      - /dev/ttyUSB0:/dev/ttyUSB0\n    cap_add: [SYS_ADMIN]\n    security_opt:\n      - seccomp:unconfined\n',
      );
      for (const id of ['hardware.usb-serial', 'kernel.cap-sys-admin', 'hardening.seccomp-unconfined']) assert.ok(w.ids.includes(id), `${id} in ${w.ids.join()}`);
    });

    describe('build.target', () => {
      const dockerfile =
        'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static:nonroot AS runtime\nCOPY --from=build /app /app\nHEALTHCHECK CMD ["/app", "health"]\nENTRYPOINT ["/app"]\n\n' +
        'FROM ubuntu:24.04 AS debug\nRUN apt-get update && apt-get install -y openssh-server\nCMD ["/usr/sbin/sshd", "-D"]\n';
      const service = (build: string) => adviseFiles([{ path: 'compose.yaml', text: `services:\n  api:\n    build:\n${build}` }, { path: 'app/Dockerfile', text: dockerfile }]).workloads;

      it('a service is judged on the stage it targets and the stages that one builds on, not on the last stage', () => {
        const [api, ...rest] = service('      context: ./app\n      target: runtime\n');
        assert.deepEqual(rest, []);
        assert.equal(api.verdict, 'container');
        assert.equal(api.image, 'gcr.io/distroless/static:nonroot');
        const lines = api.signals.filter((s) => s.file === 'app/Dockerfile').map((s) => `${s.id}:${s.line}`).sort();
        assert.deepEqual(lines, ['cloud-native.healthcheck:6', 'cloud-native.multi-stage-build:4', 'cloud-native.non-root-user:4']);
        assert.match(api.signals.find((s) => s.id === 'cloud-native.multi-stage-build')?.message ?? '', /stage `runtime` copies only what it needs/);
      });

      it('a target that names no stage builds the final stage', () => {
        const [api] = service('      context: ./app\n      target: nosuchstage\n');
        const lines = api.signals.map((s) => `${s.id}:${s.line}`);
        for (const want of ['hardening.root-user:9', 'hardening.sshd:10']) assert.ok(lines.includes(want), `${want} in ${lines.join()}`);
        assert.ok(!lines.includes('cloud-native.healthcheck:6'), lines.join());
        assert.equal(api.image, 'ubuntu:24.04');
      });

      it('a dev container built to a target stage is judged on that stage', () => {
        const devDockerfile = 'FROM ubuntu:24.04 AS tools\nRUN apt-get update && apt-get install -y openssh-server\n\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=tools /usr/bin/ssh /ssh\n';
        const advise = (build: string) =>
          adviseFiles([{ path: '.devcontainer/devcontainer.json', text: `{ "name": "dev", "build": ${build} }\n` }, { path: '.devcontainer/Dockerfile', text: devDockerfile }]).workloads;
        const [dev, ...rest] = advise('{ "dockerfile": "Dockerfile", "target": "tools" }');
        assert.deepEqual(rest, []);
        assert.equal(dev.image, 'ubuntu:24.04');
        assert.deepEqual(dev.signals.filter((s) => s.id === 'hardening.sshd' || s.id === 'hardening.root-user').map((s) => `${s.id}:${s.line}`).sort(), ['hardening.root-user:1', 'hardening.sshd:2']);
        assert.ok(!advise('{ "dockerfile": "Dockerfile" }')[0].signals.some((s) => s.id === 'hardening.sshd'));
      });
    });

    it('a plain web service is a container', () => {
      const w = advise('compose.yaml', 'services:\n  api:\n    image: example/api:1.4\n    user: "1000"\n    read_only: true\n    healthcheck:\n      test: ["CMD", "wget", "-q", "localhost"]\n');
      assert.equal(w.verdict, 'container');
      assert.ok(w.ids.includes('cloud-native.read-only-rootfs'));
    });
  });

  describe('Kubernetes', () => {
    it('a KubeVirt VirtualMachine is a VM', () => {
      const w = advise('vm.yaml', 'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      domain:\n        devices: {}\n');
      assert.equal(w.at('existing.kubevirt-vm')?.line, 2);
      assert.equal(w.verdict, 'vm');
    });

    it('runtimeClassName gvisor sandboxes the pod, even with every capability added', () => {
      const w = advise(
        'pod.yaml',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: dind\nspec:\n  runtimeClassName: gvisor\n  containers:\n    - name: d\n      image: docker:27-dind\n      securityContext:\n        capabilities:\n          add: ["all"]\n',
      );
      assert.ok(w.ids.includes('sandboxing.sandbox-runtime') && w.ids.includes('kernel.cap-all'));
      assert.equal(w.verdict, 'sandboxed');
    });

    it('securityContext at pod and container level', () => {
      const w = advise(
        'ds.yaml',
        'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      hostPID: true\n      securityContext:\n        runAsUser: 0\n      containers:\n        - name: a\n          image: example/agent:2\n          securityContext:\n            privileged: true\n',
      );
      assert.equal(w.at('hardening.host-pid')?.line, 8);
      assert.equal(w.at('hardening.root-user')?.line, 10);
      assert.equal(w.at('hardening.privileged')?.line, 15);
      assert.equal(w.verdict, 'container-hardened');
    });

    describe('kind: List', () => {
      const deployment = '  - apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      replicas: 3\n      template:\n        spec:\n          containers:\n            - name: web\n              image: nginx:1.27\n';
      const daemonSet =
        '  - apiVersion: apps/v1\n    kind: DaemonSet\n    metadata:\n      name: agent\n    spec:\n      template:\n        spec:\n          hostPID: true\n          containers:\n            - name: agent\n              image: example/agent:2\n' +
        '          volumes:\n            - name: sock\n              hostPath:\n                path: /var/run/docker.sock\n';
      const list = (...items: string[]) => `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;

      it('each item is a workload of its own, with only its own evidence', () => {
        const r = adviseFiles([{ path: 'all.yaml', text: list(deployment, daemonSet) }]);
        assert.deepEqual(r.workloads.map((w) => `${w.name}:${w.line}:${w.verdict}`), ['web:5:container', 'agent:16:container-hardened']);
        const [web, agent] = r.workloads;
        assert.ok(web.signals.every((s) => s.line >= 4 && s.line <= 14), web.signals.map((s) => `${s.id}:${s.line}`).join());
        assert.ok(web.signals.some((s) => s.id === 'cloud-native.replicas' && s.line === 9));
        assert.equal(agent.signals.find((s) => s.id === 'hardening.host-pid')?.line, 22);
        assert.equal(agent.signals.find((s) => s.id === 'hardening.docker-socket')?.line, 29);
      });

      it('a list beside another document keeps its items’ evidence to them', () => {
        const web = deployment.replace(/^ {2}- /, '').replace(/^ {4}/gm, '');
        const r = adviseFiles([{ path: 'all.yaml', text: `${web}---\n${list(daemonSet)}` }]);
        assert.deepEqual(r.workloads.map((w) => `${w.name}:${w.verdict}`), ['web:container', 'agent:container-hardened']);
        assert.ok(!r.workloads[0].signals.some((s) => s.id === 'hardening.host-pid' || s.id === 'hardening.docker-socket'), r.workloads[0].signals.map((s) => s.id).join());
      });
    });

    it('hostUsers: false is the safe setting and is not reported', () => {
      const w = advise('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostUsers: false\n  containers:\n    - name: c\n      image: nginx:1.27\n');
      assert.ok(!w.ids.includes('hardening.host-userns'));
    });
  });

  describe('devcontainer.json', () => {
    it('reads runArgs in both `--flag=value` and `--flag value` forms', () => {
      const w = advise('.devcontainer/devcontainer.json', '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",\n  "runArgs": ["--privileged", "--cap-add", "SYS_PTRACE", "--security-opt=seccomp=unconfined", "--device", "/dev/kvm"]\n}\n');
      for (const id of ['hardening.privileged', 'hardening.seccomp-unconfined', 'kernel.dev-kvm']) assert.ok(w.ids.includes(id), `${id} in ${w.ids.join()}`);
    });

    it('the docker-in-docker Feature makes the container privileged', () => {
      const w = advise('.devcontainer/devcontainer.json', '{ "image": "mcr.microsoft.com/devcontainers/base:bullseye", "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} } }\n');
      assert.ok(w.ids.includes('kernel.docker-in-docker') && w.ids.includes('hardening.privileged'));
      assert.equal(w.verdict, 'container-hardened');
    });
  });

  describe('VM definitions', () => {
    it('a Vagrantfile is a VM', () => {
      const w = advise('Vagrantfile', 'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\nend\n');
      assert.equal(w.at('existing.vagrant-machine')?.line, 2);
      assert.equal(w.verdict, 'vm');
    });

    it('each Vagrant machine runs on its own provider: a box without one is a VM beside a docker machine', () => {
      const text =
        'Vagrant.configure("2") do |config|\n  config.vm.define "web" do |web|\n    web.vm.box = "ubuntu/jammy64"\n  end\n' +
        '  config.vm.define "db" do |db|\n    db.vm.provider "docker" do |d|\n      d.image = "postgres:16"\n    end\n  end\nend\n';
      const web = advise('Vagrantfile', text, 'web');
      assert.equal(web.verdict, 'vm');
      assert.deepEqual(web.signals.map((s) => `${s.id}:${s.line}`), ['existing.vagrant-machine:3']);
      const db = advise('Vagrantfile', text, 'db');
      assert.equal(db.verdict, 'container');
      assert.deepEqual(db.signals.map((s) => `${s.id}:${s.line}`), ['existing.vagrant-container-provider:6']);
    });

    it('a Vagrant machine without a provider block of its own runs on the top-level one', () => {
      const text =
        'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\n  config.vm.provider "docker" do |d|\n    d.image = "nginx:1.27"\n  end\n' +
        '  config.vm.define "app"\n  config.vm.define "builder" do |b|\n    b.vm.provider :virtualbox do |vb|\n      vb.memory = 2048\n    end\n  end\nend\n';
      const app = advise('Vagrantfile', text, 'app');
      assert.equal(app.verdict, 'container');
      assert.deepEqual(app.signals.map((s) => `${s.id}:${s.line}`), ['existing.vagrant-container-provider:6']);
      assert.match(app.signals[0].message, /Provider `docker` \(line 3, for every machine\)/);
      const builder = advise('Vagrantfile', text, 'builder');
      assert.equal(builder.verdict, 'vm');
      assert.deepEqual(builder.ids, ['existing.vagrant-machine']);
    });

    it('Packer: a VM builder is a VM, the docker builder a container', () => {
      assert.equal(advise('vm.pkr.hcl', 'source "qemu" "ubuntu" {\n  iso_url = "x.iso"\n}\n').verdict, 'vm');
      const d = advise('img.pkr.hcl', 'source "docker" "app" {\n  image = "ubuntu:24.04"\n  commit = true\n}\n');
      assert.ok(d.ids.includes('existing.packer-container-builder'));
      assert.equal(d.verdict, 'container');
    });

    it('Terraform: aws_instance is a VM, aws_ecs_service runs containers', () => {
      assert.equal(advise('main.tf', 'resource "aws_instance" "web" {\n  ami = "ami-123"\n  instance_type = "t3.micro"\n}\n').verdict, 'vm');
      const ecs = advise('main.tf', 'resource "aws_ecs_service" "api" {\n  name = "api"\n}\n');
      assert.ok(ecs.ids.includes('existing.terraform-container'));
      assert.equal(ecs.verdict, 'container');
    });

    it('cloud-init user-data and a Lima template are VMs', () => {
      assert.equal(advise('user-data', '#cloud-config\npackages:\n  - nginx\n').verdict, 'vm');
      const lima = advise('lima.yaml', 'images:\n  - location: "https://example.org/ubuntu.img"\n    arch: "x86_64"\nos: Windows\n');
      assert.ok(lima.ids.includes('existing.lima-instance') && lima.ids.includes('platform.other-os-guest'), lima.ids.join());
      assert.equal(lima.verdict, 'vm');
    });
  });
});
