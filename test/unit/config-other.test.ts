// devcontainer.json, Vagrantfile, Packer and Terraform over the shared corpus: detection, parsing,
// a hover on every explained key, nothing on unknown keys, line notes, and the workloads found.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { Workload } from '../../src/core/advisor/types';
import { DEVCONTAINER_TOPICS } from '../../src/core/knowledge/devcontainer';
import type { KeyTopic } from '../../src/core/knowledge/keyTopic';
import { PACKER_TOPICS } from '../../src/core/knowledge/packer';
import { TERRAFORM_TOPICS } from '../../src/core/knowledge/terraform';
import { VAGRANT_TOPICS } from '../../src/core/knowledge/vagrant';
import { topicForNode, walk } from '../../src/core/parse/config-topics';
import { detectFormat } from '../../src/core/parse/detect';
import type { FormatModule } from '../../src/core/parse/format';
import type { ConfigModel, ConfigNode, Pos } from '../../src/core/parse/types';
import { moduleFor } from '../../src/core/registry';

const repoRoot = path.join(__dirname, '..', '..', '..');
const corpus = path.join(repoRoot, '..', 'shared', 'corpus');

type Fmt = 'devcontainer' | 'vagrant' | 'packer' | 'terraform';
const TOPICS: Record<Fmt, readonly KeyTopic[]> = {
  devcontainer: DEVCONTAINER_TOPICS,
  vagrant: VAGRANT_TOPICS,
  packer: PACKER_TOPICS,
  terraform: TERRAFORM_TOPICS,
};

function filesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const mod = (f: Fmt) => moduleFor(f) as FormatModule<ConfigModel>;
const parseFile = (f: Fmt, file: string) => mod(f).parse(fs.readFileSync(file, 'utf8'), file);
const corpusFile = (f: Fmt, name: string) => {
  const hit = filesOf(path.join(corpus, f)).find((p) => p.endsWith(name));
  assert.ok(hit, `corpus file ${name}`);
  return hit;
};
const nodes = (m: ConfigModel) => [...walk(m.roots)].filter((n) => n.path.length > 0);
const find = (m: ConfigModel, dotted: string): ConfigNode => {
  const n = nodes(m).find((x) => x.path.join('.') === dotted);
  assert.ok(n, `node ${dotted}`);
  return n;
};
const at = (text: string, needle: string, offset = 0): Pos => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
};

for (const fmt of ['devcontainer', 'vagrant', 'packer', 'terraform'] as const) {
  describe(`${fmt} corpus`, () => {
    const files = filesOf(path.join(corpus, fmt));

    it('has files, each detected as this format', () => {
      assert.ok(files.length >= 10);
      for (const f of files) assert.equal(detectFormat(f, fs.readFileSync(f, 'utf8').slice(0, 4096)), fmt, f);
    });

    it('parses every file without throwing or problems', () => {
      for (const f of files) {
        const m = parseFile(fmt, f);
        assert.equal(m.format, fmt);
        assert.deepEqual(m.problems, [], f);
        assert.ok(nodes(m).length > 0, `${f} has keys`);
      }
    });

    it('explains every listed key at its key position, and nothing else', () => {
      let explained = 0;
      let silent = 0;
      for (const f of files) {
        const m = parseFile(fmt, f);
        const all = nodes(m);
        // One Vagrant line can configure several providers (`%w(a b).each`): their nodes share a key.
        const byKey = new Map<string, ConfigNode[]>();
        for (const x of all) byKey.set(JSON.stringify(x.keyRange), [...(byKey.get(JSON.stringify(x.keyRange)) ?? []), x]);
        for (const n of all) {
          const twins = byKey.get(JSON.stringify(n.keyRange)) ?? [n];
          const expected = topicForNode(TOPICS[fmt], n);
          const allowed = twins.map((x) => topicForNode(TOPICS[fmt], x)?.id).filter((id) => id !== undefined);
          const hit = mod(fmt).topicAt(m, n.keyRange.start);
          if (expected) {
            explained++;
            assert.ok(hit && allowed.includes(hit.topic.id), `${f}: ${n.path.join('.')} at ${n.keyRange.start.line + 1}:${n.keyRange.start.character + 1} wants ${expected.id}, got ${hit?.topic.id}`);
            assert.ok(hit.topic.sources.length > 0 && hit.topic.reference, `${expected.id} cites and links`);
          } else if (!n.children?.length && allowed.length === 0) {
            silent++;
            assert.equal(hit, null, `${f}: unknown key ${n.path.join('.')} gets no hover, got ${hit?.topic.id}`);
          }
        }
      }
      assert.ok(explained > 20 && silent > 0);
    });
  });
}

/** Topic ids hit anywhere in a corpus folder. */
function idsHit(fmt: Fmt): Set<string> {
  const ids = new Set<string>();
  for (const f of filesOf(path.join(corpus, fmt))) {
    const m = parseFile(fmt, f);
    for (const n of nodes(m)) {
      const hit = mod(fmt).topicAt(m, n.keyRange.start);
      if (hit) ids.add(hit.topic.id);
    }
  }
  return ids;
}

describe('keys the corpus uses get their topic', () => {
  const expectIds = (fmt: Fmt, ids: string[]) => {
    const hit = idsHit(fmt);
    const missing = ids.filter((id) => !hit.has(id));
    assert.deepEqual(missing, [], `${fmt} keys without a hover`);
  };
  it('devcontainer', () =>
    expectIds('devcontainer', [
      'devcontainer.image', 'devcontainer.build', 'devcontainer.build.dockerfile', 'devcontainer.build.context', 'devcontainer.build.args',
      'devcontainer.dockerComposeFile', 'devcontainer.service', 'devcontainer.features', 'devcontainer.runArgs', 'devcontainer.mounts',
      'devcontainer.privileged', 'devcontainer.capAdd', 'devcontainer.securityOpt', 'devcontainer.remoteUser', 'devcontainer.init',
      'devcontainer.forwardPorts', 'devcontainer.workspaceMount', 'devcontainer.postCreateCommand', 'devcontainer.feature.entrypoint',
    ]));
  it('Vagrant', () =>
    expectIds('vagrant', [
      'vagrant.vm.box', 'vagrant.vm.define', 'vagrant.vm.hostname', 'vagrant.vm.communicator', 'vagrant.vm.guest',
      'vagrant.provider.virtualbox', 'vagrant.provider.libvirt', 'vagrant.provider.hyperv', 'vagrant.provider.vmware_fusion',
      'vagrant.provider.vmware_workstation', 'vagrant.provider.parallels', 'vagrant.provider.cloud', 'vagrant.provider.memory',
      'vagrant.provider.customize', 'vagrant.provider.gui', 'vagrant.network.private_network', 'vagrant.network.forwarded_port',
      'vagrant.synced_folder', 'vagrant.provision.shell', 'vagrant.provision.ansible',
    ]));
  it('Packer', () =>
    expectIds('packer', [
      'packer.builder.virtualbox-iso', 'packer.builder.virtualbox-ovf', 'packer.builder.vmware-iso', 'packer.builder.vmware-vmx',
      'packer.builder.qemu', 'packer.builder.hyperv-iso', 'packer.builder.proxmox-iso', 'packer.builder.vsphere-iso',
      'packer.builder.vsphere-clone', 'packer.builder.parallels-iso', 'packer.builder.amazon-ebs', 'packer.builder.azure-arm',
      'packer.builder.googlecompute', 'packer.builder.docker', 'packer.builder.utm-iso', 'packer.iso_url', 'packer.communicator',
      'packer.boot_command', 'packer.headless', 'packer.disk_size', 'packer.memory', 'packer.provisioner.shell',
      'packer.provisioner.powershell', 'packer.provisioner.windows-restart', 'packer.provisioner.ansible', 'packer.provisioner.file',
      'packer.post-processor.vagrant', 'packer.post-processor.manifest', 'packer.required_plugins',
      'packer.post-processor.shell-local', 'packer.post-processor.amazon-import', 'packer.build', 'packer.builders',
      'packer.provisioners', 'packer.post-processors',
    ]));
  it('Terraform', () =>
    expectIds('terraform', [
      'terraform.resource.aws_instance', 'terraform.resource.aws_spot_instance_request', 'terraform.resource.azurerm_linux_virtual_machine',
      'terraform.resource.azurerm_windows_virtual_machine', 'terraform.resource.google_compute_instance', 'terraform.resource.google_compute_instance_template',
      'terraform.resource.libvirt_domain', 'terraform.resource.aws_ecs_task_definition', 'terraform.resource.aws_ecs_service', 'terraform.resource.aws_ecs_task_set',
      'terraform.resource.kubernetes_deployment_v1', 'terraform.resource.kubernetes_daemonset', 'terraform.resource.kubernetes_pod',
      'terraform.vm.size', 'terraform.vm.image', 'terraform.vm.disk', 'terraform.vm.network', 'terraform.vm.user_data',
      'terraform.vm.os_profile', 'terraform.vm.placement', 'terraform.k8s.container', 'terraform.docker_container.image',
      'terraform.ecs.container_definitions', 'terraform.ecs.cpu', 'terraform.ecs.launch_type',
    ]));
});

describe('devcontainer.json', () => {
  it('notes --privileged on the runArgs line, and nothing on customizations', () => {
    const file = corpusFile('devcontainer', 'containerd_containerd_.devcontainer_devcontainer.json');
    const text = fs.readFileSync(file, 'utf8');
    const m = mod('devcontainer').parse(text, file);
    const hit = mod('devcontainer').topicAt(m, at(text, '"--privileged"', 2));
    assert.equal(hit?.topic.id, 'devcontainer.runArgs');
    assert.ok(hit.notes?.some((n) => n.startsWith('`--privileged`') && /VM/.test(n)), JSON.stringify(hit.notes));
    assert.equal(mod('devcontainer').topicAt(m, find(m, 'name').keyRange.start), null);
  });

  it('reads JSONC with comments and trailing commas, and finds the workload and its Dockerfile', () => {
    const text = '// dev\n{\n  "name": "api",\n  /* build */\n  "build": { "dockerfile": "../Dockerfile", "context": "..", },\n  "mounts": ["source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",],\n}\n';
    const m = mod('devcontainer').parse(text, '/ws/.devcontainer/devcontainer.json');
    assert.deepEqual(m.problems, []);
    const [w] = mod('devcontainer').workloads(m);
    assert.equal(w.kind, 'devcontainer');
    assert.equal(w.name, 'api');
    assert.equal(w.buildsFrom, '../Dockerfile');
    assert.deepEqual(w.range.start, at(text, '"dockerfile"'));
    const mounts = mod('devcontainer').topicAt(m, at(text, 'docker.sock'));
    assert.equal(mounts?.topic.id, 'devcontainer.mounts');
    assert.ok(mounts.notes?.some((n) => /host daemon/.test(n)));
  });

  it('gets no hover on a made-up child of hostRequirements, or on a key inside a list setting', () => {
    const text = '{\n  "hostRequirements": { "bogusKey": 1, "cpus": 4 },\n  "runArgs": { "bogusKey": 1 },\n  "capAdd": ["SYS_PTRACE"]\n}\n';
    const m = mod('devcontainer').parse(text, '.devcontainer/devcontainer.json');
    const id = (needle: string) => mod('devcontainer').topicAt(m, at(text, needle, 1))?.topic.id ?? null;
    assert.equal(id('"bogusKey": 1,'), null);
    assert.equal(id('"bogusKey": 1 }'), null, 'runArgs is a list; a key in it means nothing');
    assert.equal(id('"cpus"'), 'devcontainer.hostRequirements');
    assert.equal(id('"SYS_PTRACE"'), 'devcontainer.capAdd');
  });

  it('names image-based workloads after their image', () => {
    const file = corpusFile('devcontainer', 'devcontainers_templates_src_universal_.devcontainer_devcontainer.json');
    const [w] = mod('devcontainer').workloads(parseFile('devcontainer', file));
    assert.equal(w.image, 'mcr.microsoft.com/devcontainers/universal:5-linux');
  });
});

describe('Vagrantfile', () => {
  const text = [
    'Vagrant.configure("2") do |config|',
    '  config.vm.box = "generic/ubuntu2204"',
    '  config.ssh.insert_key = false',
    '  config.vm.provider :virtualbox do |vb|',
    '    vb.memory = 2048 # MB',
    '    vb.customize ["modifyvm", :id, "--nested-hw-virt", "on"]',
    '  end',
    '  %w(vmware_fusion vmware_workstation).each do |p|',
    '    config.vm.provider p do |v|',
    '      v.vmx["memsize"] = "2048"',
    '    end',
    '  end',
    '  config.vm.define "web", primary: true do |web|',
    '    web.vm.network "private_network", ip: "10.0.0.2"',
    '    web.vm.provision "shell", inline: <<-SHELL',
    '      echo "end do if"',
    '    SHELL',
    '  end',
    '  config.vm.define :db do |db|',
    '    db.vm.box = "generic/debian12"',
    '    db.vm.provider "docker" do |d, override|',
    '      d.image = "postgres:16"',
    '      override.vm.synced_folder ".", "/vagrant", disabled: true',
    '    end',
    '  end',
    'end',
    '',
  ].join('\n');
  const m = mod('vagrant').parse(text, 'Vagrantfile');
  const topicAt = (needle: string, offset = 0) => mod('vagrant').topicAt(m, at(text, needle, offset))?.topic.id ?? null;

  it('builds the documented paths, through heredocs, loops and block variables', () => {
    assert.equal(find(m, 'vm.box').value, 'generic/ubuntu2204');
    assert.equal(find(m, 'vm.provider.virtualbox.memory').value, 2048);
    assert.equal(find(m, 'vm.provider.vmware_workstation.vmx.memsize').value, '2048');
    assert.equal(find(m, 'vm.define.web.vm.network.private_network.ip').value, '10.0.0.2');
    assert.match(String(find(m, 'vm.define.web.vm.provision.shell.inline').value), /echo "end do if"/);
    assert.equal(find(m, 'vm.define.db.vm.box').value, 'generic/debian12');
    assert.equal(find(m, 'vm.define.db.vm.provider.docker.image').value, 'postgres:16');
    assert.equal(find(m, 'vm.define.db.vm.synced_folder.disabled').value, true, 'override stands for the machine');
    assert.equal(find(m, 'vm.define.db').range.end.line, 24);
  });

  it('hovers known keys, not unknown ones', () => {
    assert.equal(topicAt('vm.box'), 'vagrant.vm.box');
    assert.equal(topicAt('vb.memory'), 'vagrant.provider.memory');
    assert.equal(topicAt(':virtualbox'), 'vagrant.provider.virtualbox');
    assert.equal(topicAt('config.vm.define "web"'), 'vagrant.vm.define');
    assert.equal(topicAt('"private_network"', 1), 'vagrant.network.private_network');
    assert.equal(topicAt('ssh.insert_key'), null);
    assert.equal(topicAt('primary:'), null);
  });

  it('notes nested virtualization and a docker provider', () => {
    const custom = mod('vagrant').topicAt(m, at(text, 'vb.customize'));
    assert.ok(custom?.notes?.some((n) => /nested virtualization/.test(n)));
    const docker = mod('vagrant').topicAt(m, at(text, '"docker" do', 1));
    assert.equal(docker?.topic.id, 'vagrant.provider.docker');
    assert.ok(docker.notes?.some((n) => /container, not a VM/.test(n)));
  });

  it('says once, on the provider name, that a docker machine is a container, and explains its image line', () => {
    const docker = mod('vagrant').topicAt(m, at(text, '"docker" do', 1));
    assert.deepEqual(docker?.notes, ['`docker`: this machine is a container, not a VM.'], 'not repeated for the block\'s settings');
    const image = mod('vagrant').topicAt(m, at(text, 'd.image'));
    assert.equal(image?.topic.id, 'vagrant.provider.docker.image');
    assert.equal(image.notes, undefined);
    assert.equal(mod('vagrant').topicAt(m, at(text, '"postgres:16"', 1))?.topic.id, 'vagrant.provider.docker.image');
  });

  it('gets no hover on a made-up winrm setting', () => {
    const w = 'Vagrant.configure("2") do |config|\n  config.winrm.bogus_key = 1\n  config.winrm.username = "vagrant"\nend\n';
    const wm = mod('vagrant').parse(w, 'Vagrantfile');
    assert.equal(mod('vagrant').topicAt(wm, at(w, 'bogus_key')), null);
    assert.equal(mod('vagrant').topicAt(wm, at(w, 'username'))?.topic.id, 'vagrant.winrm');
  });

  it('finds one workload per machine', () => {
    const ws = mod('vagrant').workloads(m);
    assert.deepEqual(ws.map((w) => [w.name, w.image]), [['web', 'generic/ubuntu2204'], ['db', 'generic/debian12']]);
    assert.deepEqual(ws[0].range.start, at(text, 'config.vm.define "web"'));
  });

  it('finds the machines of corpus multi-machine files, and one machine otherwise', () => {
    const names = (name: string) => mod('vagrant').workloads(parseFile('vagrant', corpusFile('vagrant', name))).map((w: Workload) => w.name);
    assert.deepEqual(names('geerlingguy_ansible-for-devops_orchestration/Vagrantfile'), ['app1', 'app2', 'db']);
    assert.deepEqual(names('geerlingguy_ansible-for-devops_lamp-infrastructure/Vagrantfile'), ['varnish', 'www1', 'www2', 'db1', 'db2', 'memcached']);
    assert.equal(names('StefanScherer_windows-docker-machine/Vagrantfile').length, 13);
    const [single] = mod('vagrant').workloads(parseFile('vagrant', corpusFile('vagrant', 'opencontainers_runc/Vagrantfile.fedora')));
    assert.equal(single.image, 'fedora-41');
    assert.equal(single.kind, 'vagrant-machine');
  });

  it('reads every machine\'s box in a file of thousands of string literals', () => {
    const machines = Array.from({ length: 3000 }, (_, i) => `  config.vm.define "m${i}" do |m|\n    m.vm.box = "box/${i}"\n  end\n`);
    const big = `Vagrant.configure("2") do |config|\n${machines.join('')}end\n`;
    const workloads = mod('vagrant').workloads(mod('vagrant').parse(big, 'Vagrantfile'));
    assert.equal(workloads.length, 3000);
    for (const i of [0, 2047, 2048, 2999]) assert.deepEqual([workloads[i].name, workloads[i].image], [`m${i}`, `box/${i}`]);
  });

  it('survives unbalanced or odd Ruby', () => {
    for (const t of ['end end end', 'Vagrant.configure("2") do |c|\n  c.vm.box = "x"\n', '<<-EOS\nno end', '"unterminated', '=begin\nx', '']) {
      const mm = mod('vagrant').parse(t, 'Vagrantfile');
      assert.equal(mm.format, 'vagrant');
      mod('vagrant').workloads(mm);
    }
  });
});

describe('Vagrantfile: machines defined in a loop', () => {
  const text = [
    'Vagrant.configure("2") do |config|',
    '  config.vm.box = "generic/ubuntu2204"',
    '  boxes = [',
    '    { :name => "bal1", :ip => "192.168.56.2" },',
    '    { name: "app1", ip: "192.168.56.3" }, # the first app server',
    '    { "name" => \'app2\', "ip" => "192.168.56.4" }',
    '  ]',
    '  boxes.each do |opts|',
    '    config.vm.define opts[:name] do |node|',
    '      node.vm.network "private_network", ip: opts[:ip]',
    '    end',
    '  end',
    '  others = [{ :name => "x#{n}" }]',
    '  others.each do |o|',
    '    config.vm.define o[:name] do |node|',
    '    end',
    '  end',
    'end',
    '',
  ].join('\n');

  it('names one machine per hash, at the define line', () => {
    const mod = moduleFor('vagrant') as FormatModule;
    const ws = mod.workloads(mod.parse(text, 'Vagrantfile'));
    const machines = ws.filter((w) => w.kind === 'vagrant-machine');
    assert.deepEqual(machines.map((w) => w.name), ['bal1', 'app1', 'app2', 'o[:name]']);
    for (const w of machines.slice(0, 3)) assert.equal(w.range.start.line, 8, w.name);
  });

  it('names one machine per number of a range loop, "node#{i}" in (1..3).each do |i|', () => {
    const mod = moduleFor('vagrant') as FormatModule;
    const loop = (range: string) =>
      `Vagrant.configure("2") do |config|\n  ${range}.each do |i|\n    config.vm.define "node-#{i}" do |n|\n      n.vm.box = "x"\n    end\n  end\nend\n`;
    const names = (text: string) => mod.workloads(mod.parse(text, 'Vagrantfile')).filter((w) => w.kind === 'vagrant-machine').map((w) => w.name);
    assert.deepEqual(names(loop('(1..3)')), ['node-1', 'node-2', 'node-3']);
    assert.deepEqual(names(loop('(0...2)')), ['node-0', 'node-1']);
    // A range too long to spell out, or a bound that is not a number, keeps the expression.
    assert.deepEqual(names(loop('(1..1000)')), ['node-#{i}']);
    assert.deepEqual(names(loop('(1..N)')), ['node-#{i}']);
  });
});

describe('Packer', () => {
  it('gives HCL and JSON builders the same topics', () => {
    const hcl = 'source "qemu" "vm" {\n  iso_url = "https://x/iso"\n  communicator = "winrm"\n}\nbuild {\n  sources = ["source.qemu.vm"]\n  provisioner "shell" { inline = ["true"] }\n  post-processor "vagrant" {}\n}\n';
    const json = '{"builders":[{"type":"qemu","iso_url":"https://x/iso","communicator":"winrm"}],"provisioners":[{"type":"shell"}],"post-processors":[["vagrant"]]}';
    const h = mod('packer').parse(hcl, 't.pkr.hcl');
    const j = mod('packer').parse(json, 't.json');
    const ids = (m: ConfigModel, text: string, needles: string[]) => needles.map((n) => mod('packer').topicAt(m, at(text, n, 1))?.topic.id);
    const expected = ['packer.builder.qemu', 'packer.iso_url', 'packer.communicator', 'packer.provisioner.shell', 'packer.post-processor.vagrant'];
    assert.deepEqual(ids(h, hcl, ['"qemu"', 'iso_url', 'communicator', '"shell"', '"vagrant"']), expected);
    assert.deepEqual(ids(j, json, ['"qemu"', 'iso_url', 'communicator', '"shell"', '"vagrant"']), expected);
    assert.ok(mod('packer').topicAt(h, at(hcl, '"winrm"', 1))?.notes?.some((n) => /Windows/.test(n)));
    assert.equal(mod('packer').topicAt(h, at(hcl, 'sources')), null);
  });

  it('explains the template structure in both syntaxes, and the shell-local and amazon-import post-processors', () => {
    const hcl = [
      'build {',
      '  sources = ["source.qemu.vm"]',
      '  provisioner "breakpoint" {}',
      '  post-processor "shell-local" { inline = ["./convert.sh"] }',
      '  post-processors {',
      '    post-processor "amazon-import" { region = "eu-west-1" }',
      '    post-processor "compress" {}',
      '  }',
      '}',
      '',
    ].join('\n');
    const json = '{\n"builders": [{"type": "virtualbox-iso"}],\n"provisioners": [{"type": "breakpoint"}],\n"post-processors": [[{"type": "amazon-import"}], {"type": "shell-local"}, {"type": "compress"}]\n}\n';
    const h = mod('packer').parse(hcl, 't.pkr.hcl');
    const j = mod('packer').parse(json, 't.json');
    const id = (m: ConfigModel, text: string, needle: string, offset = 0) => mod('packer').topicAt(m, at(text, needle, offset))?.topic.id ?? null;
    assert.equal(id(h, hcl, 'build'), 'packer.build');
    assert.equal(id(h, hcl, 'provisioner "breakpoint"'), 'packer.provisioners');
    assert.equal(id(h, hcl, '"shell-local"', 1), 'packer.post-processor.shell-local');
    assert.equal(id(h, hcl, 'post-processors {'), 'packer.post-processors');
    assert.equal(id(h, hcl, '"amazon-import"', 1), 'packer.post-processor.amazon-import');
    assert.equal(id(h, hcl, '"compress"', 1), 'packer.post-processors');
    assert.equal(id(h, hcl, 'region'), null);
    assert.equal(id(j, json, '"builders"', 1), 'packer.builders');
    assert.equal(id(j, json, '"provisioners"', 1), 'packer.provisioners');
    assert.equal(id(j, json, '"breakpoint"', 1), 'packer.provisioners');
    assert.equal(id(j, json, '"post-processors"', 1), 'packer.post-processors');
    assert.equal(id(j, json, '"amazon-import"', 1), 'packer.post-processor.amazon-import');
    assert.equal(id(j, json, '"shell-local"', 1), 'packer.post-processor.shell-local');
    assert.equal(id(j, json, '"compress"', 1), 'packer.post-processors');
  });

  it('finds one workload per builder, with its type', () => {
    const types = (name: string) => mod('packer').workloads(parseFile('packer', corpusFile('packer', name))).map((w: Workload) => w.name);
    assert.deepEqual(types('rgl_windows-vagrant_windows-2022-uefi.pkr.hcl'), ['qemu.windows-2022-uefi-amd64', 'proxmox-iso.windows-2022-uefi-amd64', 'hyperv-iso.windows-2022-uefi-amd64']);
    assert.deepEqual(types('StefanScherer_packer-windows_windows_2019_docker.json'), ['qemu', 'hyperv-iso', 'vmware-iso', 'parallels-iso', 'virtualbox-iso']);
    assert.deepEqual(types('StefanScherer_packer-windows_windows_2016_core_ami.json'), ['virtualbox-iso'], 'the name misleads; the builder decides');
    assert.deepEqual(types('kubernetes-sigs_image-builder_images_capi_packer_qemu_config.pkr.hcl'), [], 'plugins only');
    const [docker] = mod('packer').workloads(parseFile('packer', corpusFile('packer', 'hashicorp_packer-plugin-docker_builder_docker_test-fixtures_fix_upload_owner.json')));
    assert.equal(docker.kind, 'packer-build');
    assert.equal(docker.image, 'ubuntu');
  });

  it('notes that the docker builder makes a container image', () => {
    const file = corpusFile('packer', 'hashicorp_packer-plugin-docker_builder_docker_test-fixtures_fix_upload_owner.json');
    const text = fs.readFileSync(file, 'utf8');
    const m = mod('packer').parse(text, file);
    const hit = mod('packer').topicAt(m, at(text, '"docker"', 1));
    assert.equal(hit?.topic.id, 'packer.builder.docker');
    assert.ok(hit.notes?.some((n) => /container image/.test(n)));
  });
});

describe('Terraform', () => {
  it('reads a heredoc inside a template interpolation (`"${base64encode(<<EOF` … `EOF` `)}"`) and goes on after it', () => {
    // aws-samples/terraform-aws-windows-workloads-on-aws writes its ECS user data so; it was "unmatched `}`".
    const text = 'resource "aws_launch_template" "ecs" {\n  user_data = "${base64encode(<<EOF\n<powershell>\nInitialize-ECSAgent -Cluster ${var.cluster}\n</powershell>\nEOF\n)}"\n  name_prefix = "ecs"\n}\nresource "aws_instance" "web" {\n  ami = "ami-1"\n}\n';
    const m = mod('terraform').parse(text, 'main.tf') as ConfigModel;
    assert.deepEqual(m.problems, []);
    assert.deepEqual(mod('terraform').workloads(m).map((w: Workload) => w.name), ['aws_instance.web']);
    const template = m.roots[0].children?.[0]?.children ?? [];
    assert.deepEqual(template.map((c) => c.key), ['user_data', 'name_prefix']);
  });

  const kinds = (name: string) =>
    mod('terraform').workloads(parseFile('terraform', corpusFile('terraform', name))).map((w: Workload) => `${w.kind} ${w.name}`);

  it('tells VM resources from container resources', () => {
    assert.deepEqual(kinds('dmacvicar_terraform-provider-libvirt_examples_two_vms_with_cloudinit.tf'), ['terraform-vm libvirt_domain.vm1', 'terraform-vm libvirt_domain.vm2']);
    assert.deepEqual(kinds('Azure_terraform-azurerm-virtual-machine_main.tf'), ['terraform-vm azurerm_linux_virtual_machine.vm_linux', 'terraform-vm azurerm_windows_virtual_machine.vm_windows']);
    assert.deepEqual(kinds('terraform-aws-modules_terraform-aws-ec2-instance_main.tf'), ['terraform-vm aws_instance.this', 'terraform-vm aws_instance.ignore_ami', 'terraform-vm aws_spot_instance_request.this']);
    assert.deepEqual(kinds('hashicorp_terraform-provider-kubernetes_examples_resources_pod_example_1.tf'), ['terraform-container kubernetes_pod.test']);
    assert.ok(kinds('terraform-aws-modules_terraform-aws-ecs_modules_service_main.tf').includes('terraform-container aws_ecs_task_definition.this'));
    assert.ok(kinds('terraform-aws-modules_terraform-aws-ecs_modules_service_main.tf').includes('terraform-container aws_ecs_task_set.this'));
    assert.ok(kinds('terraform-aws-modules_terraform-aws-ec2-instance_examples_complete_main.tf').includes('terraform-vm module.ec2_complete'), 'modules, best effort');
    const [pod] = mod('terraform').workloads(parseFile('terraform', corpusFile('terraform', 'hashicorp_terraform-provider-kubernetes_examples_resources_pod_example_1.tf')));
    assert.equal(pod.image, 'nginx:1.21.6');
  });

  it('explains resource headers and arguments, with FARGATE and privileged notes', () => {
    const text = 'resource "aws_ecs_task_definition" "app" {\n  requires_compatibilities = ["FARGATE"]\n  network_mode = "awsvpc"\n  family = "app"\n}\nresource "docker_container" "c" {\n  image = "nginx"\n  privileged = true\n}\n';
    const m = mod('terraform').parse(text, 'main.tf');
    assert.deepEqual(m.problems, []);
    const t = (needle: string, offset = 0) => mod('terraform').topicAt(m, at(text, needle, offset));
    assert.equal(t('resource "aws_ecs')?.topic.id, 'terraform.resource.aws_ecs_task_definition');
    const fargate = t('requires_compatibilities');
    assert.equal(fargate?.topic.id, 'terraform.ecs.requires_compatibilities');
    assert.ok(fargate.notes?.some((n) => /microVM/.test(n)));
    assert.equal(t('network_mode')?.topic.id, 'terraform.container.network_mode');
    assert.equal(t('family'), null);
    const priv = t('privileged');
    assert.equal(priv?.topic.id, 'terraform.docker_container.privileged');
    assert.ok(priv.notes?.length);
    assert.deepEqual(mod('terraform').workloads(m).map((w) => w.kind), ['terraform-container', 'terraform-container']);
  });

  it('explains an ECS task set like the other ECS resources', () => {
    const text = 'resource "aws_ecs_task_set" "green" {\n  service = aws_ecs_service.app.id\n  launch_type = "FARGATE"\n}\n';
    const m = mod('terraform').parse(text, 'main.tf');
    assert.equal(mod('terraform').topicAt(m, at(text, 'resource'))?.topic.id, 'terraform.resource.aws_ecs_task_set');
    const launch = mod('terraform').topicAt(m, at(text, 'launch_type'));
    assert.equal(launch?.topic.id, 'terraform.ecs.launch_type');
    assert.ok(launch.notes?.some((n) => /microVM/.test(n)));
    assert.deepEqual(mod('terraform').workloads(m).map((w) => `${w.kind} ${w.name}`), ['terraform-container aws_ecs_task_set.green']);
  });

  it('never throws on broken HCL', () => {
    for (const t of ['resource "x" "y" {', '}}}', 'a = { b = 1 ] )', ']', 'a = "${unterminated', 'x = <<EOF\nno end', '/* open', '']) {
      const mm = mod('terraform').parse(t, 'main.tf');
      mod('terraform').workloads(mm);
    }
  });
});

describe('scanners on arbitrary input', () => {
  // Truncations and splices of real files: the shapes an editor sees while someone types.
  it('parse every prefix-and-suffix splice of corpus files without throwing', () => {
    for (const fmt of ['vagrant', 'packer', 'terraform', 'devcontainer'] as const) {
      for (const file of filesOf(path.join(corpus, fmt)).slice(0, 6)) {
        const text = fs.readFileSync(file, 'utf8');
        fc.assert(
          fc.property(fc.nat(text.length), fc.nat(text.length), (a, b) => {
            const spliced = text.slice(0, Math.min(a, b)) + text.slice(Math.max(a, b));
            const m = mod(fmt).parse(spliced, file);
            mod(fmt).workloads(m);
            mod(fmt).topicAt(m, { line: 0, character: 0 });
          }),
          { numRuns: 40 },
        );
      }
    }
  });

  it('parse random text without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('d', 'o', 'e', 'n', ' ', '\n', '"', "'", '{', '}', '[', ']', '<', '-', 'E', 'O', 'F', '#', '=', '|', '%', 'w', '(', ')', ',', ':', '.', 'x', '\\', '$') }), (s) => {
        for (const fmt of ['vagrant', 'terraform', 'packer'] as const) mod(fmt).workloads(mod(fmt).parse(s, fmt === 'vagrant' ? 'Vagrantfile' : 'main.tf'));
      }),
      { numRuns: 300 },
    );
  });
});
