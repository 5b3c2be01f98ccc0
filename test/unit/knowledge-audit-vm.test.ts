// Corrections to the Vagrant, Packer, Terraform and Lima records, asserted as a user meets them:
// the hover at a position (with what the line does) or, where the corrected sentence is past the
// two a hover shows, the record itself.
import * as assert from 'node:assert/strict';
import { parseWith } from '../../src/core/cache';
import { explainAt, type Explanation } from '../../src/core/explain';
import { topicById } from '../../src/core/knowledge/index';
import { hoverAt } from '../helpers/hoverAt';

/** The hover at the nth occurrence of `needle`; there must be one. */
function hover(file: string, text: string, needle: string, nth = 0): Explanation {
  const h = hoverAt(file, text, needle, nth);
  assert.ok(h, `no hover at '${needle}' in ${file}`);
  return h;
}


const does = (id: string): string => {
  const t = topicById(id);
  assert.ok(t, id);
  return t.does;
};

describe('knowledge audit: Vagrant, Packer, Terraform, Lima', () => {
  describe('Vagrant docker provider', () => {
    const VF = 'Vagrant.configure("2") do |config|\n  config.vm.provider "docker" do |d|\n    d.image = "nginx"\n  end\nend\n';

    it('runs containers on the host\'s own Docker, with a host VM only under force_host_vm', () => {
      const h = hover('Vagrantfile', VF, '"docker"');
      assert.equal(h.topic.id, 'vagrant.provider.docker');
      assert.match(h.markdown, /host's own Docker \(on macOS and Windows, usually Docker Desktop\)/);
      assert.doesNotMatch(h.markdown, /without a Linux kernel/);
      assert.match(does('vagrant.provider.docker'), /only with `force_host_vm`, the default only on other hosts/);
      assert.doesNotMatch(hover('Vagrantfile', VF, 'd.image').markdown, /where the host has no Linux kernel/);
    });

    it('has no hover for config.winrm.retry_limit, which is not a WinRM setting', () => {
      const text = 'Vagrant.configure("2") do |config|\n  config.winrm.retry_limit = 3\n  config.winrm.max_tries = 3\nend\n';
      const model = parseWith('Vagrantfile', text)!;
      assert.equal(explainAt(model, { line: 1, character: 18 }, { generic: true }), null);
      assert.equal(hover('Vagrantfile', text, 'max_tries').topic.id, 'vagrant.winrm');
    });
  });

  describe('Packer', () => {
    const PKR =
      'source "vmware-iso" "a" {\n  iso_url = "x.iso"\n  boot_wait = "-1s"\n  boot_command = ["<enter>"]\n}\n' +
      'source "vsphere-iso" "b" {\n  CPUs = 2\n}\n';

    it('boot_wait: zero means the 10s default, a negative duration skips the wait', () => {
      const h = hover('template.pkr.hcl', PKR, 'boot_wait');
      assert.equal(h.topic.id, 'packer.boot_wait');
      assert.match(h.markdown, /A zero or unset value means the default; a negative one such as `-1s` skips the wait/);
      assert.doesNotMatch(h.markdown, /A zero duration skips/);
    });

    it('vmware-iso builds on Workstation or Fusion and links the VMware-published plugin pages', () => {
      const h = hover('template.pkr.hcl', PKR, 'vmware-iso');
      assert.match(h.markdown, /VMware Workstation or Fusion VM/);
      assert.doesNotMatch(h.markdown, /or ESXi\)/);
      assert.match(h.markdown, /packer\/integrations\/vmware\/vmware\/latest\/components\/builder\/iso\)/);
      // A setting of that source links the same page.
      assert.match(hover('template.pkr.hcl', PKR, 'boot_command').markdown, /integrations\/vmware\/vmware\//);
      assert.match(hover('template.pkr.hcl', PKR, 'vsphere-iso').markdown, /integrations\/vmware\/vsphere\/latest\/components\/builder\/vsphere-iso\)/);
      assert.match(topicById('packer.builder.vsphere-clone')!.reference!.url, /integrations\/vmware\/vsphere\//);
    });

    it('the docker builder talks to its container through docker exec, not an API', () => {
      assert.match(does('packer.communicator'), /own `docker` communicator, which runs commands through `docker exec`/);
    });
  });

  describe('Terraform', () => {
    const TF =
      'resource "vsphere_virtual_machine" "v" {\n  num_cpus = 2\n}\n' +
      'resource "aws_instance" "a" {\n  primary_network_interface {\n    network_interface_id = "eni-1"\n  }\n}\n' +
      'resource "libvirt_domain" "d" {\n  memory = 2048\n  memory_unit = "MiB"\n  os = {\n    kernel = "/boot/vmlinuz"\n  }\n' +
      '  devices = {\n    disks = []\n    interfaces = []\n  }\n}\n';

    it('links vsphere resources to the vmware/vsphere provider', () => {
      const h = hover('main.tf', TF, 'vsphere_virtual_machine');
      assert.match(h.markdown, /registry\.terraform\.io\/providers\/vmware\/vsphere\/latest\/docs\/resources\/virtual_machine\)/);
    });

    it('AWS primary_network_interface gets the network topic, which says network_interface is deprecated', () => {
      const h = hover('main.tf', TF, 'primary_network_interface');
      assert.equal(h.topic.id, 'terraform.vm.network');
      assert.match(h.markdown, /AWS, deprecated from provider 6\.10 for `primary_network_interface`/);
    });

    it('libvirt provider 0.9: memory_unit, devices.disks, devices.interfaces and os.kernel have their topics', () => {
      const size = hover('main.tf', TF, 'memory_unit');
      assert.equal(size.topic.id, 'terraform.vm.size');
      assert.match(size.markdown, /MiB up to provider 0\.8; from 0\.9 in `memory_unit`/);
      assert.equal(hover('main.tf', TF, 'disks').topic.id, 'terraform.vm.disk');
      assert.equal(hover('main.tf', TF, 'interfaces').topic.id, 'terraform.vm.network');
      assert.equal(hover('main.tf', TF, 'kernel').topic.id, 'terraform.vm.image');
      assert.match(does('terraform.resource.libvirt_domain'), /Up to provider 0\.8 these are `disk`, `network_interface` and `cloudinit`; 0\.9 follows/);
    });
  });

  describe('Lima', () => {
    const LIMA = 'plain: true\ncontainerd:\n  user: true\nprovision:\n- mode: yq\n  path: /etc/x.json\nportForwards:\n- guestPort: 80\n  static: true\nuser:\n  passwordlessSudo: false\n';

    it('plain mode keeps static port forwards and provisioning, and links its own page', () => {
      const h = hover('lima.yaml', LIMA, 'plain');
      assert.equal(h.topic.id, 'lima.plain');
      assert.match(h.markdown, /port forwards other than `static: true` rules/);
      assert.match(h.markdown, /\(https:\/\/lima-vm\.io\/docs\/config\/plain\/\)/);
      assert.equal(hover('lima.yaml', LIMA, 'static').topic.id, 'lima.portForwards');
    });

    it('rootless containerd is the default only on x86_64 and aarch64 Linux guests', () => {
      assert.match(hover('lima.yaml', LIMA, 'containerd').markdown, /the default on x86_64 and aarch64 Linux guests/);
    });

    it('provision lists the yq mode and calls ansible deprecated', () => {
      const h = hover('lima.yaml', LIMA, 'mode');
      assert.match(h.markdown, /`yq` to edit one, `ansible` \(deprecated\)/);
    });

    it('passwordlessSudo has a hover that says macOS guests default to off', () => {
      const h = hover('lima.yaml', LIMA, 'passwordlessSudo');
      assert.equal(h.topic.id, 'lima.user');
      assert.match(h.markdown, /off by default on macOS guests/);
    });
  });
});
