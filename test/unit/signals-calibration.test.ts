// Mistakes found by reading the advisor's verdicts over the corpus, kept fixed on small inline files
// (the labelled cases in test/fixtures/advisor hold the real files).
import * as assert from 'node:assert/strict';
import { adviseFiles, adviseWorkspace } from '../../src/core/advisor/advise';
import { MemoryFs } from '../../src/core/memoryFs';
import { renderAdviceText } from '../../src/core/render/adviceText';

const names = (files: { path: string; text: string }[]) => adviseFiles(files).workloads.map((w) => `${w.name}:${w.verdict}`);

describe('calibration on the corpus', () => {
  it('a dev container that attaches to a compose service is that service, with the evidence of both files', () => {
    const r = adviseFiles([
      { path: '.devcontainer/devcontainer.json', text: '{ "name": "Dev", "dockerComposeFile": "../docker-compose.yml", "service": "app", "runArgs": ["--privileged"] }\n' },
      { path: 'docker-compose.yml', text: 'services:\n  app:\n    image: python:3.12\n  db:\n    image: postgres:16\n' },
    ]);
    assert.deepEqual(r.workloads.map((w) => w.name), ['app', 'db']);
    const app = r.workloads[0];
    assert.deepEqual(app.files, ['docker-compose.yml', '.devcontainer/devcontainer.json']);
    assert.equal(app.verdict, 'container-hardened');
  });

  it('a PodSecurityPolicy is no workload, and its allowances do not count for the Deployment beside it', () => {
    const psp = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: privileged\nspec:\n  privileged: true\n  hostPID: true\n  hostNetwork: true\n';
    const deploy =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n      - name: web\n        image: nginx:1.27\n        resources:\n          limits:\n            memory: 128Mi\n';
    assert.deepEqual(names([{ path: 'k8s.yaml', text: `${psp}---\n${deploy}` }]), ['web:container']);
    assert.deepEqual(names([{ path: 'psp.yaml', text: psp }]), []);
  });

  it('a Vagrantfile that requires the vagrant-lxc plugin and names no provider runs LXC containers', () => {
    const text = "Vagrant.require_plugin 'vagrant-lxc'\nVagrant.configure('2') do |config|\n  config.vm.box = 'quantal64'\nend\n";
    assert.deepEqual(adviseFiles([{ path: 'Vagrantfile', text }]).workloads.map((w) => w.verdict), ['container']);
    assert.equal(adviseFiles([{ path: 'Vagrantfile', text: text.replace("Vagrant.require_plugin 'vagrant-lxc'\n", '') }]).workloads[0].verdict, 'vm');
  });

  it('an image that deletes dockerd runs no Docker engine; one that starts it does', () => {
    const cli = adviseFiles([{ path: 'Dockerfile', text: "FROM alpine:3.20\nRUN tar -xzf docker.tgz && rm -f docker/dockerd docker/containerd\nUSER app\n" }]).workloads[0];
    assert.ok(!cli.signals.some((s) => s.id === 'kernel.docker-in-docker'), cli.signals.map((s) => s.id).join());
    const engine = adviseFiles([{ path: 'Dockerfile', text: 'FROM alpine:3.20\nRUN apk add docker\nCMD ["dockerd"]\n' }]).workloads[0];
    assert.equal(engine.verdict, 'container-hardened');
  });

  it('a privileged service stays container-hardened however many good habits it has', () => {
    const compose =
      'services:\n  app:\n    image: myapp:1.2\n    privileged: true\n    read_only: true\n    user: "1000"\n    restart: unless-stopped\n' +
      '    healthcheck:\n      test: ["CMD", "wget", "-q", "http://localhost/"]\n    deploy:\n      replicas: 3\n      resources: { limits: { memory: 256m, cpus: "0.5" } }\n';
    assert.deepEqual(names([{ path: 'compose.yaml', text: compose }]), ['app:container-hardened']);
    const k8s =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: csi-node\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: node\n        image: csi:1.0\n' +
      '        securityContext:\n          privileged: true\n          runAsNonRoot: true\n          readOnlyRootFilesystem: true\n        livenessProbe:\n          httpGet: {path: /healthz, port: 9808}\n' +
      '        readinessProbe:\n          httpGet: {path: /ready, port: 9808}\n        resources:\n          limits: {memory: 128Mi}\n';
    assert.deepEqual(names([{ path: 'deploy.yaml', text: k8s }]), ['csi-node:container-hardened']);
    const tf = 'resource "docker_container" "web" {\n  name = "web"\n  image = "nginx:1.27"\n  privileged = true\n}\n';
    assert.deepEqual(names([{ path: 'main.tf', text: tf }]), ['docker_container.web:container-hardened']);
    // Without the privileged flag the same habits make it a plain container.
    assert.deepEqual(names([{ path: 'compose.yaml', text: compose.replace('    privileged: true\n', '') }]), ['app:container']);
  });

  it('a Dockerfile whose header documents a sandboxed runtime (`docker run --runtime=sysbox-runc`) expects that runtime', () => {
    const body = 'FROM jenkins/jenkins:lts\nUSER root\nRUN apt-get update && apt-get install -y docker-ce\n';
    const hinted = adviseFiles([{ path: 'Dockerfile', text: `# System container\n# Run with: docker run --runtime=sysbox-runc -d -P me/jenkins\n${body}` }]).workloads[0];
    assert.equal(hinted.verdict, 'sandboxed');
    const s = hinted.signals.find((x) => x.id === 'sandboxing.sandbox-runtime');
    assert.equal(s?.line, 2);
    assert.match(s?.message ?? '', /^A comment says to run the image with `--runtime=sysbox-runc`/);
    // An ordinary runtime, a comment that is no run command, or no comment: no such evidence.
    for (const header of ['# docker run --runtime=runc -d me/jenkins\n', '# sysbox-runc is nice\n', '']) {
      const w = adviseFiles([{ path: 'Dockerfile', text: header + body }]).workloads[0];
      assert.ok(!w.signals.some((x) => x.id === 'sandboxing.sandbox-runtime'), header);
    }
  });

  it('one host namespace (network, PID or IPC) is a hardening matter on its own, as in the baseline Pod Security profile', () => {
    assert.deepEqual(names([{ path: 'compose.yaml', text: 'services:\n  plex:\n    image: plexinc/pms-docker:1.40\n    network_mode: host\n' }]), ['plex:container-hardened']);
    assert.deepEqual(names([{ path: 'compose.yaml', text: 'services:\n  top:\n    image: htop:1\n    pid: host\n' }]), ['top:container-hardened']);
    const pod = (key: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  ${key}: true\n  containers:\n  - name: c\n    image: busybox:1.36\n`;
    for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) assert.deepEqual(names([{ path: 'pod.yaml', text: pod(key) }]), ['p:container-hardened'], key);
  });

  it('an image that installs the Docker engine or starts hack/dind runs Docker inside; the CLI alone or docker-init.sh does not', () => {
    const dind = (run: string) => adviseFiles([{ path: 'Dockerfile', text: `FROM debian:12\n${run}\nUSER 1000\n` }]).workloads[0].signals.some((s) => s.id === 'kernel.docker-in-docker');
    assert.ok(dind('RUN apt-get update && apt-get install -y docker-ce containerd.io'));
    assert.ok(dind('RUN apt-get install -y docker.io'));
    assert.ok(dind('RUN apk add --no-cache docker'));
    assert.ok(dind('ENTRYPOINT ["hack/dind"]'));
    assert.ok(!dind('RUN apt-get install -y docker-ce-cli'));
    assert.ok(!dind('RUN apk add --no-cache docker-cli docker-cli-compose'));
    assert.ok(!dind('RUN apt-get install -y docker'), 'Debian\'s `docker` package is not the engine');
    assert.ok(!dind('ENTRYPOINT ["/usr/local/share/docker-init.sh"]'), 'the Docker-outside-of-Docker feature starts it too');
  });

  it('a FROM that names an earlier stage through a global ARG builds on that stage', () => {
    const text = 'ARG VARIANT=false\nFROM alpine:3.20 AS dev-false\nENTRYPOINT ["hack/dind"]\nFROM dev-${VARIANT} AS dev\nRUN echo ok\n';
    const w = adviseFiles([{ path: 'Dockerfile', text }]).workloads[0];
    assert.equal(w.verdict, 'container-hardened');
    assert.ok(!w.signals.some((s) => /no tag/.test(s.message)), 'the stage is not read as an image without a tag');
  });

  it('a workspace scan reads user-data files whatever surrounds the name, when their content is cloud-init', async () => {
    const cloud = '#cloud-config\npackages: [nginx]\n';
    const fs = new MemoryFs({ ws: { 'user-data.sample': cloud, http: { 'ubuntu_user-data': cloud }, 'node1-userdata': cloud, 'userdataset.csv': 'a,b\n', notes: 'user data\n' } });
    const r = await adviseWorkspace(fs, ['/ws']);
    assert.deepEqual(r.workloads.map((w) => `${w.file}:${w.verdict}`).sort(), ['http/ubuntu_user-data:vm', 'node1-userdata:vm', 'user-data.sample:vm']);
  });

  it('evidence lines say what they saw: an address set in code is not quoted as empty, a lone backtick escape is not "PowerShell steps"', () => {
    const vagrant = "Vagrant.configure('2') do |config|\n  config.vm.box = 'ubuntu/jammy64'\n  config.vm.network 'private_network', ip: node_ip\nend\n";
    const ip = adviseFiles([{ path: 'Vagrantfile', text: vagrant }]).workloads[0].signals.find((s) => s.id === 'state-network.static-ip');
    assert.match(ip?.message ?? '', /^The machine keeps the fixed address \(a value set in code\)\./);
    const literal = adviseFiles([{ path: 'Vagrantfile', text: vagrant.replace('node_ip', '"10.0.0.5"') }]).workloads[0].signals.find((s) => s.id === 'state-network.static-ip');
    assert.match(literal?.message ?? '', /^The machine keeps the fixed address `10\.0\.0\.5`\./);
    const windows = (text: string) => adviseFiles([{ path: 'Dockerfile', text }]).workloads[0].signals.find((s) => s.id === 'platform.windows-base-image')?.message ?? '';
    assert.match(windows('# escape=`\nFROM base:1\nRUN echo hi\n'), /^The backtick escape directive, made for Windows paths, points to a Windows base image/);
    assert.match(windows('# escape=`\nFROM base:1\nSHELL ["powershell", "-Command"]\n'), /^The backtick escape directive and PowerShell or cmd steps show a Windows base image/);
  });

  it('SYS_MODULE alone is a hardening matter, not a VM', () => {
    const r = names([{ path: 'compose.yaml', text: 'services:\n  vpn:\n    image: wg:1\n    cap_add:\n      - SYS_MODULE\n      - NET_ADMIN\n    volumes:\n      - /lib/modules:/lib/modules\n' }]);
    assert.deepEqual(r, ['vpn:container-hardened']);
  });

  it('#include user-data is cloud-init too', () => {
    const r = adviseFiles([{ path: 'user-data', text: '#include\nhttps://example.com/one.txt\n' }]);
    assert.deepEqual(r.workloads.map((w) => w.verdict), ['vm']);
  });

  it('the text report gives a signal’s reason once per workload, and line messages do not restate it', () => {
    const k8s =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n  - name: a\n    image: agent:1\n    livenessProbe:\n      exec: {command: [true]}\n  volumes:\n  - name: p\n    hostPath: {path: /proc}\n  - name: s\n    hostPath: {path: /sys}\n';
    const text = renderAdviceText(adviseFiles([{ path: 'pod.yaml', text: k8s }]));
    const reason = 'exposes host state';
    assert.equal(text.split(reason).length - 1, 1, text);
    assert.doesNotMatch(text, /lets Kubernetes notice and replace a broken container\. A health check/);
    const image = adviseFiles([{ path: 'compose.yaml', text: 'services:\n  r:\n    image: redis\n' }]).workloads[0].signals.find((s) => s.id === 'hardening.latest-tag');
    assert.ok(image && !/`redis`: `redis`/.test(image.message), image?.message);
  });

  it('a development image that copies builders\' results into a stage with a compiler toolchain is no multi-stage good habit', () => {
    // The shape of firecracker's tools/devctr/Dockerfile: builders, then the running stage on top of a
    // toolchain stage (clang, rustup) that copies what the builders made.
    const dev =
      'FROM ubuntu:24.04 AS base\nFROM base AS qemu-builder\nRUN make -C qemu\n' +
      'FROM base AS apt-base\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    clang \\\n    cmake\n' +
      'FROM apt-base AS rust-toolchain\nRUN curl https://sh.rustup.rs -sSf | sh -s -- -y\n' +
      'FROM rust-toolchain AS devctr\nCOPY --from=qemu-builder /usr/local/bin/vhost-user-blk /usr/local/bin/\n';
    const ids = (text: string) => adviseFiles([{ path: 'Dockerfile', text }]).workloads[0].signals.map((s) => s.id);
    assert.ok(!ids(dev).includes('cloud-native.multi-stage-build'), ids(dev).join());
    // A build stage with the toolchain and a runtime stage without it is one.
    const slim = 'FROM rust:1.80 AS build\nRUN cargo build --release\nFROM debian:12-slim\nCOPY --from=build /app/target/release/app /usr/local/bin/app\nUSER 1000\n';
    assert.ok(ids(slim).includes('cloud-native.multi-stage-build'), ids(slim).join());
    // dockur/windows: the running stage is a whole earlier stage picked per architecture, and the copy
    // comes from an image; no builder is left behind.
    const perArch = 'FROM scratch AS build-amd64\nCOPY --from=qemux/qemu:7.48 / /\nRUN apt-get update\nFROM dockurr/windows-arm:1 AS build-arm64\nFROM build-${TARGETARCH}\nENTRYPOINT ["/run/entry.sh"]\n';
    assert.ok(!ids(perArch).includes('cloud-native.multi-stage-build'), ids(perArch).join());
    // Kasm's images squash their layers: the running stage copies the whole of an earlier one, which is then in it.
    const squashed = 'FROM ubuntu:22.04 AS base_layer\nRUN apt-get update && apt-get install -y xfce4 kasmvncserver\nFROM scratch\nCOPY --from=base_layer / /\nENTRYPOINT ["/dockerstartup/kasm_default_profile.sh"]\n';
    assert.ok(!ids(squashed).includes('cloud-native.multi-stage-build'), ids(squashed).join());
    assert.ok(ids(squashed).includes('desktop.environment') && ids(squashed).includes('desktop.vnc'), ids(squashed).join());
    // Kasm's `EXPOSE $VNC_PORT` reads the port from an ENV line above it.
    const vnc = ids('FROM debian:12\nENV VNC_PORT=5901 \\\n    NO_VNC_PORT=6901\nEXPOSE $VNC_PORT ${NO_VNC_PORT}\nUSER 1000\n');
    assert.ok(vnc.includes('desktop.vnc'), vnc.join());
    const byIndex = 'FROM golang:1.23\nRUN go build -o /out/app\nFROM scratch\nCOPY --from=0 /out/app /app\n';
    assert.ok(ids(byIndex).includes('cloud-native.multi-stage-build'), ids(byIndex).join());
  });
  it('Terraform instances of the common clouds are VMs; an Incus or LXD instance is one only with `type = "virtual-machine"`; a Docker container may name a sandbox runtime', () => {
    // The shapes of coder/registry's templates (hcloud, DigitalOcean, OCI, Incus, Docker with sysbox).
    const tf = [
      'resource "hcloud_server" "dev" {\n  server_type = "cx22"\n  image = "ubuntu-24.04"\n}',
      'resource "digitalocean_droplet" "workspace" {\n  size = "s-1vcpu-1gb"\n  image = "ubuntu-22-04-x64"\n}',
      'resource "oci_core_instance" "dev" {\n  shape = "VM.Standard.E4.Flex"\n}',
      'resource "incus_instance" "vm" {\n  image = "images:debian/12"\n  type = "virtual-machine"\n}',
      'resource "incus_instance" "ct" {\n  image = "images:debian/12"\n}',
      'resource "docker_container" "ws" {\n  image = "codercom/enterprise-base:ubuntu"\n  runtime = "sysbox-runc"\n}',
      'resource "docker_container" "plain" {\n  image = "codercom/enterprise-base:ubuntu"\n  runtime = "runc"\n}',
      'resource "harvester_virtualmachine" "ci" {\n  cpu = 2\n  memory = "4Gi"\n}',
    ].join('\n');
    const r = adviseFiles([{ path: 'main.tf', text: tf }]);
    const by = Object.fromEntries(r.workloads.map((w) => [w.name, w]));
    for (const n of ['hcloud_server.dev', 'digitalocean_droplet.workspace', 'oci_core_instance.dev', 'incus_instance.vm', 'harvester_virtualmachine.ci']) assert.equal(by[n]?.verdict, 'vm', n);
    assert.equal(by['incus_instance.ct']?.kind, 'terraform-container');
    assert.equal(by['incus_instance.ct']?.verdict, 'container');
    const ws = by['docker_container.ws'];
    assert.equal(ws?.verdict, 'sandboxed');
    assert.match(ws.signals.find((s) => s.id === 'sandboxing.sandbox-runtime')?.message ?? '', /`runtime = "sysbox-runc"`/);
    assert.equal(by['docker_container.plain']?.verdict, 'container');
  });
  it('with no USER line and a base image a build argument picks, "runs as root" is said as the chosen image\'s default, at a conditional weight', () => {
    const root = (text: string) => adviseFiles([{ path: 'Dockerfile', text }]).workloads[0].signals.find((s) => s.id === 'hardening.root-user');
    const open = root('ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN make install\n');
    assert.match(open?.message ?? '', /^No USER line in the final stage or the stages it builds on, so the container starts as the default user of `\$\{BASE_IMAGE\}`, an image the build argument `BASE_IMAGE` picks: root unless that image sets another\./);
    // A dev container template's option is no build argument; the image is a vendor's, whose default user the files do not show.
    assert.match(root('FROM mcr.microsoft.com/devcontainers/base:0-${templateOption:imageVariant}\n')?.message ?? '', /^No USER line in the final stage or the stages it builds on, so the container starts as the default user of `mcr\.microsoft\.com\/devcontainers\/base:0-\$\{templateOption:imageVariant\}`: root unless that image sets another\./);
    // A vendor's image may set a user of its own: not known, so conditional, as for a build argument.
    const vendor = root('FROM collabora/code:24.04\nRUN true\n');
    assert.match(vendor?.message ?? '', /default user of `collabora\/code:24\.04`: root unless that image sets another/);
    assert.match(root('FROM localhost:5000/app:1\n')?.message ?? '', /default user of `localhost:5000\/app:1`/);
    assert.doesNotMatch(open?.message ?? '', /^Only when/);
    const known = root('ARG BASE_IMAGE=debian:12\nFROM ${BASE_IMAGE}\nRUN make install\n');
    assert.equal(known?.message.startsWith('No USER line in the final stage or the stages it builds on. The process runs as root.'), true, known?.message);
    assert.ok(open && known && open.weight < known.weight, `${open?.weight} < ${known?.weight}`);
    assert.ok(vendor && vendor.weight < known.weight);
  });
  it('a container whose command replaces its image\'s start command with a no-op is not what the image runs by default', () => {
    // zero-to-jupyterhub's image pullers: the single-user notebook image, started as `echo` to pull it onto each node.
    const ds = (command: string) =>
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: puller\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: pull\n        image: quay.io/jupyterhub/k8s-singleuser-sample:4.1.0\n${command}      containers:\n      - name: pause\n        image: registry.k8s.io/pause:3.10\n`;
    const verdict = (text: string) => adviseFiles([{ path: 'daemonset.yaml', text }]).workloads[0].verdict;
    assert.equal(verdict(ds('        command: ["/bin/sh", "-c", "echo Pulling complete"]\n')), 'container');
    assert.equal(verdict(ds('')), 'sandboxed');
    assert.equal(verdict(ds('        command: ["jupyterhub-singleuser"]\n')), 'sandboxed');
    // A command that may be the image's own launcher keeps what the image is (actions-runner-controller's `run.sh`).
    assert.equal(verdict(ds('        command: ["/usr/local/bin/start.sh"]\n')), 'sandboxed');
    const runner = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: runner\nspec:\n  containers:\n  - name: runner\n    image: ghcr.io/actions/actions-runner:2.321.0\n    command: ["/home/runner/run.sh"]\n';
    assert.equal(verdict(runner), 'sandboxed');
    const compose = (extra: string) => adviseFiles([{ path: 'compose.yaml', text: `services:\n  nb:\n    image: jupyter/base-notebook:2024-05-01\n${extra}` }]).workloads[0].verdict;
    assert.equal(compose('    entrypoint: ["sleep", "infinity"]\n'), 'container');
    assert.equal(compose(''), 'sandboxed');
  });

  it('a cloud-init file whose host name a template fills in is named after the file', () => {
    const r = adviseFiles([{ path: 'cloud-init/user-data.tftpl', text: '#cloud-config\nhostname: ${hostname}\npackages: [git]\n' }]);
    assert.equal(r.workloads[0].name, 'user-data.tftpl');
    assert.equal(adviseFiles([{ path: 'user-data', text: '#cloud-config\nhostname: web-1\n' }]).workloads[0].name, 'web-1');
  });
  it('Vagrantfile templates kept side by side are named after their files, a Vagrantfile after its folder', () => {
    // chef/bento's packer_templates/vagrantfile-*.template: five machines that were all "packer_templates".
    const text = 'Vagrant.configure(2) do |config|\n  config.vm.guest = :windows\n  config.vm.communicator = "winrm"\nend\n';
    const r = adviseFiles([
      { path: 'packer_templates/vagrantfile-windows.template', text },
      { path: 'packer_templates/vagrantfile-windows-utm.template', text },
      { path: 'boxes/win/Vagrantfile', text },
    ]);
    assert.deepEqual(r.workloads.map((w) => w.name).sort(), ['vagrantfile-windows-utm.template', 'vagrantfile-windows.template', 'win']);
    // drupal-vm names its machine from its settings file: `config.vm.define vconfig['vagrant_machine_name']`.
    const computed = 'Vagrant.configure("2") do |config|\n  config.vm.define vconfig[\'vagrant_machine_name\']\n  config.vm.box = "geerlingguy/ubuntu2204"\nend\n';
    assert.deepEqual(adviseFiles([{ path: 'drupal-vm/Vagrantfile', text: computed }]).workloads.map((w) => w.name), ['drupal-vm']);
  });
  it('`windows/amd64` is no foreign CPU architecture: a Windows image built for it is a Windows container, not a VM', () => {
    // jenkinsci/docker's windowsservercore target: the Windows facts alone made the whole repository a VM.
    const df = 'ARG WINDOWS_VERSION=ltsc2022\nFROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}\nSHELL ["powershell", "-Command"]\nRUN Write-Host hi\nUSER ContainerUser\n';
    const bake = 'target "windowsservercore" {\n  dockerfile = "windows/Dockerfile"\n  platforms = ["windows/amd64"]\n}\n';
    const r = adviseFiles([{ path: 'windows/Dockerfile', text: df }, { path: 'docker-bake.hcl', text: bake }]);
    const ids = r.workloads.flatMap((w) => w.signals.map((s) => s.id));
    assert.ok(ids.includes('platform.windows-base-image'), ids.join());
    assert.ok(!ids.includes('platform.foreign-architecture'), ids.join());
    assert.deepEqual([...new Set(r.workloads.map((w) => w.verdict))], ['container']);
    const arm = adviseFiles([{ path: 'Dockerfile', text: 'FROM --platform=linux/arm64 debian:12\nUSER 1000\n' }]).workloads[0].signals.map((s) => s.id);
    assert.ok(arm.includes('platform.foreign-architecture'), arm.join());
  });
  it('workloads of different files that share a name are told apart by the fewest folders that differ', () => {
    // coder/registry: every template keeps its image in build/Dockerfile, so each workload was "build".
    const df = 'FROM debian:12\nUSER 1000\n';
    const r = adviseFiles([
      { path: 'registry/a/templates/railway/build/Dockerfile', text: df },
      { path: 'registry/b/templates/docker-build/build/Dockerfile', text: df },
      { path: 'setup/docker/arm64/compose.yaml', text: 'services:\n  photoprism:\n    image: photoprism/photoprism:250101\n' },
      { path: 'setup/docker/armv7/compose.yaml', text: 'services:\n  photoprism:\n    image: photoprism/photoprism:250101\n' },
      { path: 'app/Dockerfile', text: df },
    ]);
    assert.deepEqual(r.workloads.map((w) => w.name).sort(), ['app', 'build (docker-build)', 'build (railway)', 'photoprism (arm64)', 'photoprism (armv7)']);
  });
  it('an engine socket mounted from a variable counts; pseudo-devices and application sockets are no host devices or system paths', () => {
    // nextcloud/all-in-one mounts `${WATCHTOWER_DOCKER_SOCKET_PATH}:/var/run/docker.sock:ro`; Airflow's
    // dev container `/dev/urandom:/dev/random`; a mailcow overlay the host's MySQL socket.
    const ids = (volumes: string[], devices: string[] = []) =>
      adviseFiles([{ path: 'compose.yaml', text: `services:\n  s:\n    image: alpine:3.20\n    volumes:\n${volumes.map((v) => `      - ${v}\n`).join('')}${devices.length ? `    devices:\n${devices.map((d) => `      - ${d}\n`).join('')}` : ''}` }]).workloads[0].signals.map((x) => x.id);
    assert.ok(ids(['${WATCHTOWER_DOCKER_SOCKET_PATH}:/var/run/docker.sock:ro']).includes('hardening.docker-socket'));
    assert.ok(ids(['${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock']).includes('hardening.docker-socket'));
    assert.ok(!ids(['engine:/var/run/docker.sock']).includes('hardening.docker-socket'), 'a named volume is no host socket');
    assert.deepEqual(ids(['/dev/urandom:/dev/random', '/var/run/mysqld/mysqld.sock:/var/run/mysqld/mysqld.sock'], ['/dev/urandom']).filter((x) => /device|system-mount/.test(x)), []);
    assert.ok(ids(['/dev/net/tun:/dev/net/tun']).includes('hardware.device-passthrough'));
    assert.ok(ids(['/var/run/dbus:/var/run/dbus']).includes('hardening.host-system-mount'));
  });
  it('managed Kubernetes node pools in Terraform are VMs that host the containers; files that declare nothing that runs are said to', () => {
    // hashicorp/learn-terraform-provision-eks-cluster: the EKS module and its node groups were "no workloads".
    const eks = 'module "eks" {\n  source  = "terraform-aws-modules/eks/aws"\n  version = "20.8.5"\n  eks_managed_node_groups = {\n    one = { instance_types = ["t3.small"] }\n  }\n}\n';
    const pool = 'resource "google_container_node_pool" "primary" {\n  cluster    = "c"\n  node_count = 3\n}\n';
    const app = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n';
    const r = adviseFiles([{ path: 'infra/eks.tf', text: eks }, { path: 'infra/gke.tf', text: pool }, { path: 'k8s/web.yaml', text: app }]);
    const by = Object.fromEntries(r.workloads.map((w) => [w.name, w]));
    assert.equal(by['module.eks']?.role, 'host');
    assert.equal(by['module.eks']?.roleReason, "EKS node pools: VMs that run the cluster's containers");
    assert.equal(by['google_container_node_pool.primary']?.role, 'host');
    assert.equal(r.verdict, 'container', 'the product is what runs on the cluster');
    assert.match(by['module.eks'].signals.find((s) => s.id === 'existing.terraform-vm')?.message ?? '', /^Module `eks` creates EKS node pools, VMs that run the cluster's containers\./);
    // aws-samples' Windows workloads: an Auto Scaling group whose user data joins the ECS cluster is a host too;
    // Beanstalk is VMs, or containers on a Docker platform.
    const ecs = 'resource "aws_autoscaling_group" "ecs" {\n  max_size = 3\n  min_size = 1\n}\nresource "aws_launch_template" "ecs" {\n  user_data = base64encode("<powershell>Initialize-ECSAgent -Cluster prod</powershell>")\n}\n';
    const beanstalk = 'resource "aws_elastic_beanstalk_environment" "iis" {\n  solution_stack_name = "64bit Windows Server 2022 v2.15.0 running IIS 10.0"\n}\nresource "aws_elastic_beanstalk_environment" "docker" {\n  solution_stack_name = "64bit Amazon Linux 2023 v4.3.0 running Docker"\n}\n';
    const more = Object.fromEntries(adviseFiles([{ path: 'ecs/main.tf', text: ecs }, { path: 'beanstalk/main.tf', text: beanstalk }, { path: 'k8s/web.yaml', text: app }]).workloads.map((w) => [w.name, w]));
    assert.equal(more['aws_autoscaling_group.ecs']?.role, 'host');
    assert.equal(more['aws_elastic_beanstalk_environment.iis']?.verdict, 'vm');
    assert.equal(more['aws_elastic_beanstalk_environment.docker']?.kind, 'terraform-container');
    const none = adviseFiles([{ path: 'vpc.tf', text: 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n' }]);
    assert.match(renderAdviceText(none), /No workloads found: the configuration files read here declare no container, VM or machine image/);
  });
  it('an empty securityContext or limits map (a chart\'s `{}` default) sets nothing', () => {
    // actions-runner-controller's chart renders `securityContext: {}` from values.yaml.
    const pod = (sc: string, limits: string) =>
      adviseFiles([{ path: 'pod.yaml', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  securityContext: ${sc}\n  containers:\n  - name: a\n    image: nginx:1.27\n    securityContext: ${sc}\n    resources:\n      limits: ${limits}\n` }]).workloads[0].signals.map((x) => x.id);
    const empty = pod('{}', '{}');
    assert.ok(empty.includes('hardening.no-security-context'), empty.join());
    assert.ok(empty.includes('hardening.no-resource-limits') && !empty.includes('cloud-native.resource-limits'), empty.join());
    const set = pod('{runAsNonRoot: true}', '{memory: 256Mi}');
    assert.ok(!set.includes('hardening.no-security-context') && set.includes('cloud-native.resource-limits') && !set.includes('hardening.no-resource-limits'), set.join());
  });
  it('a desktop streamed to the browser by Selkies is a remote desktop, as one served by KasmVNC is', () => {
    // linuxserver/docker-webtop builds on baseimage-selkies, and on baseimage-kasmvnc in older releases.
    const body = 'RUN apk add --no-cache xfce4 xfce4-terminal\nEXPOSE 3000\n';
    const verdict = (base: string) => adviseFiles([{ path: 'Dockerfile', text: `FROM ${base}\n${body}` }]).workloads[0].verdict;
    assert.equal(verdict('ghcr.io/linuxserver/baseimage-selkies:alpine324'), 'vm');
    assert.equal(verdict('ghcr.io/linuxserver/baseimage-kasmvnc:alpine321'), 'vm');
  });
  it('a user who may sudo to root without a password is no non-root user', () => {
    // actions-runner-controller's runner images and code-server's release image add `NOPASSWD:ALL`.
    const df = (sudo: string) => `FROM ubuntu:24.04\nRUN useradd -m runner${sudo}\nUSER runner\n`;
    const ids = (text: string) => adviseFiles([{ path: 'Dockerfile', text }]).workloads[0].signals.map((x) => x.id);
    const sudo = ids(df(" \\\n && echo '%sudo ALL=(ALL:ALL) NOPASSWD:ALL' > /etc/sudoers.d/runner"));
    assert.ok(sudo.includes('hardening.passwordless-sudo') && !sudo.includes('cloud-native.non-root-user'), sudo.join());
    const plain = ids(df(''));
    assert.ok(plain.includes('cloud-native.non-root-user') && !plain.includes('hardening.passwordless-sudo'), plain.join());
  });
  it('CAP_SYS_ADMIN alone, or seccomp and AppArmor both unconfined, asks for hardening', () => {
    // nextcloud/all-in-one's collabora service adds SYS_ADMIN; photoprism's main service drops both profiles.
    const verdict = (extra: string) => adviseFiles([{ path: 'compose.yaml', text: `services:\n  s:\n    image: collabora/code:24.04\n${extra}` }]).workloads[0].verdict;
    assert.equal(verdict('    cap_add:\n      - SYS_ADMIN\n'), 'container-hardened');
    assert.equal(verdict('    security_opt:\n      - seccomp:unconfined\n      - apparmor:unconfined\n'), 'container-hardened');
    assert.equal(verdict('    security_opt:\n      - apparmor:unconfined\n'), 'container');
  });
  it('a fixed address on a project network is wiring between containers; on a macvlan network it is a machine\'s address', () => {
    // mailcow pins its resolver at 172.22.1.254 on its own bridge; Pi-hole setups take a LAN address through macvlan.
    const text = 'services:\n  unbound:\n    image: ghcr.io/mailcow/unbound:1.24\n    networks:\n      mailcow:\n        ipv4_address: 172.22.1.254\n  pihole:\n    image: pihole/pihole:2024.07.0\n    networks:\n      lan:\n        ipv4_address: 192.168.1.53\nnetworks:\n  mailcow:\n    driver: bridge\n  lan:\n    driver: macvlan\n';
    const by = Object.fromEntries(adviseFiles([{ path: 'compose.yaml', text }]).workloads.map((w) => [w.name, w.signals.map((x) => x.id)]));
    assert.ok(!by.unbound.includes('state-network.static-ip'), by.unbound.join());
    assert.ok(by.pihole.includes('state-network.static-ip'), by.pihole.join());
  });
  it('no evidence from a host set-up command, a dry-run modprobe or depmod, a comment that mentions Docker, or amd64 pinned', () => {
    const ids = (path: string, text: string) => adviseFiles([{ path, text }]).workloads.flatMap((w) => w.signals.map((x) => x.id));
    // vaultwarden's Dockerfiles document `docker run --privileged --rm tonistiigi/binfmt --install arm64` for cross builds.
    assert.ok(!ids('Dockerfile', '# To build for arm64 first run:\n# docker run --privileged --rm tonistiigi/binfmt --install arm64\nFROM debian:12\nUSER 1000\n').includes('hardening.privileged'));
    assert.ok(ids('Dockerfile', '# docker run --privileged -d me/app\nFROM debian:12\nUSER 1000\n').includes('hardening.privileged'));
    // k3os builds an initrd: depmod writes modules.dep under -b, nothing is loaded.
    assert.ok(!ids('Dockerfile', 'FROM alpine:3.20\nRUN depmod -b /output 6.1.0 && modprobe -n --show-depends overlay\nUSER 1000\n').includes('kernel.module-load'));
    assert.ok(ids('Dockerfile', 'FROM alpine:3.20\nCMD modprobe overlay && app\n').includes('kernel.module-load'));
    // k3os's Vagrantfile keeps `vagrant init`'s comment "Puppet, Chef, Ansible, Salt, and Docker are also available".
    const vagrant = 'Vagrant.configure("2") do |config|\n  config.vm.box = "k3os"\n  # Puppet, Chef, Ansible, Salt, and Docker are also available.\nend\n';
    assert.match(adviseFiles([{ path: 'Vagrantfile', text: vagrant }]).workloads[0].role ?? '', /^product$/);
    assert.equal(adviseFiles([{ path: 'docs/vagrantfile.md', text: vagrant }]).workloads.length, 0, 'a document about a Vagrantfile is none');
    // amd64 is what nearly every server runs; arm64 is not.
    assert.ok(!ids('compose.yaml', 'services:\n  s:\n    image: alpine:3.20\n    platform: linux/amd64\n').includes('platform.foreign-architecture'));
    assert.ok(ids('compose.yaml', 'services:\n  s:\n    image: alpine:3.20\n    platform: linux/arm64\n').includes('platform.foreign-architecture'));
  });
  it('a KubeVirt VM with a GPU or host device by passthrough, or a pool of replicas, is not given container reasons', () => {
    // kubevirt/kubevirt's examples/vmi-gpu.yaml, vmi-usb.yaml and vm-pool-cirros.yaml.
    const vmi = 'apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: gpu\nspec:\n  domain:\n    devices:\n      gpus:\n      - deviceName: nvidia.com/TU104GL_Tesla_T4\n        name: gpu1\n      hostDevices:\n      - deviceName: kubevirt.io/usb\n        name: usb\n';
    const pool = 'apiVersion: pool.kubevirt.io/v1alpha1\nkind: VirtualMachinePool\nmetadata:\n  name: pool\nspec:\n  replicas: 3\n  virtualMachineTemplate:\n    spec:\n      template:\n        spec:\n          domain:\n            devices: {}\n';
    for (const text of [vmi, pool]) {
      const w = adviseFiles([{ path: 'vm.yaml', text }]).workloads[0];
      assert.equal(w.verdict, 'vm');
      const ids = w.signals.map((x) => x.id);
      assert.ok(!ids.some((x) => /hardware\.(gpu|device-passthrough)|cloud-native\.replicas/.test(x)), ids.join());
    }
    const dep = adviseFiles([{ path: 'd.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n' }]).workloads[0];
    assert.ok(dep.signals.some((x) => x.id === 'cloud-native.replicas'));
  });
  it('a hub or a functions controller is told apart from what it starts: the sandbox belongs on the servers and functions', () => {
    const msg = (image: string) => adviseFiles([{ path: 'compose.yaml', text: `services:\n  s:\n    image: ${image}\n` }]).workloads[0].signals.find((x) => x.id === 'sandboxing.code-execution')?.message ?? '';
    assert.match(msg('jupyterhub/k8s-hub:4.1.0'), /is a notebook hub, which starts a server per user that runs their code \(the sandbox belongs on those servers\)/);
    assert.match(msg('jupyterhub/k8s-singleuser-sample:4.1.0'), /is a notebook server\./);
    assert.match(msg('openfaas/faas-netes:0.18.10'), /functions platform's controller, which starts its tenants' functions/);
    assert.match(msg('openfaas/of-watchdog:0.10.4'), /is a functions platform\./);
  });
  it('a KubeVirt Windows guest is a VM for its OS, not only for being a VirtualMachine', () => {
    // kubevirt's examples/vmi-windows.yaml (Hyper-V enlightenments) and vm-windows-clarge-windows.yaml (a windows preference).
    const vmi = 'apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: win\nspec:\n  domain:\n    features:\n      hyperv:\n        relaxed: {}\n    devices: {}\n';
    const w = adviseFiles([{ path: 'vmi.yaml', text: vmi }]).workloads[0];
    assert.ok(w.signals.some((x) => x.id === 'platform.other-os-guest' && /Hyper-V enlightenments/.test(x.message)));
    // Removing the VirtualMachine alone no longer reads as the way to a container.
    assert.ok(w.changes.every((c) => !/^When the guest only runs one Linux app, a Deployment with a container image is lighter → container$/.test(c)), w.changes.join('\n'));
  });
  it('a Windows image with no USER is said to run as ContainerAdministrator, in Windows terms, not as Linux\'s user id 0', () => {
    // jenkinsci/docker's Windows images were told "the same user id 0 as on the host".
    const root = (image: string) => adviseFiles([{ path: 'Dockerfile', text: `FROM ${image}\nRUN echo hi\n` }]).workloads[0].signals.find((x) => x.id === 'hardening.root-user')?.message ?? '';
    for (const image of ['mcr.microsoft.com/windows/servercore:ltsc2022', 'mcr.microsoft.com/windows/nanoserver:sac2016']) {
      assert.match(root(image), /runs as ContainerAdministrator, the container's administrator account/);
      assert.doesNotMatch(root(image), /user id 0/);
    }
  });
});
