// Packer detector: a builder that produces a machine image is a VM; a docker builder is a container.
import type { PackerModel } from '../../parse/packer';
import type { ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import { finding } from './rules';

/** Builders whose output boots as a virtual machine (hypervisor and cloud image builders). */
export const VM_BUILDERS =
  /^(virtualbox-(iso|ovf|vm)|vmware-(iso|vmx)|vsphere-(iso|clone|supervisor)|hyperv-(iso|vmcx)|parallels-(iso|pvm|ipsw|macvm)|qemu|utm-\w+|tart(-cli)?|veertu-anka-vm-(create|clone)|anka(-[\w-]+)?|proxmox(-iso|-clone)?|amazon-(ebs|ebssurrogate|ebsvolume|instance|chroot)|azure-(arm|chroot)|googlecompute|digitalocean|hcloud|openstack|oracle-\w+|scaleway|vultr|linode|libvirt|nutanix|cloudstack|alicloud-ecs|tencentcloud-cvm|ucloud-uhost|yandex|hyperone|ncloud|outscale-\w+|jdcloud|vagrant|xenserver-iso|bhyve)$/i;
export const CONTAINER_BUILDERS = /^(docker|podman|buildah|lxc)$/i;

/** Builders that only boot macOS guests (Anka, Tart, Parallels' Apple-silicon builders). */
const MACOS_BUILDERS = /^(veertu-anka-vm-(create|clone)|anka(-[\w-]+)?|tart(-cli)?|parallels-(ipsw|macvm))$/i;
/** A guest OS type naming macOS (VMware `darwin*-64`, VirtualBox `MacOS*`, Parallels `macosx`). */
const MACOS_GUEST = /darwin|mac_?os|osx/i;

export const PACKER_CODE_SIGNALS = ['existing.packer-vm-builder', 'existing.packer-container-builder', 'platform.other-os-guest'] as const;

export function detectPacker(base: ModelBase): Finding[] {
  const model = base as PackerModel;
  const out: Finding[] = [];
  for (const b of model.builders ?? []) {
    const typeNode = b.node.children?.find((c) => c.key === 'type');
    const at = model.syntax === 'json' && typeNode ? typeNode.valueRange ?? typeNode.keyRange : b.node.keyRange;
    if (VM_BUILDERS.test(b.type)) out.push(finding('existing.packer-vm-builder', model.file, at, `Builder \`${b.type}\``));
    else if (CONTAINER_BUILDERS.test(b.type)) out.push(finding('existing.packer-container-builder', model.file, at, `Builder \`${b.type}\``));
    // The null builder runs the provisioners over SSH or WinRM on a machine that already exists.
    else if (b.type === 'null') out.push(finding('existing.packer-vm-builder', model.file, at, 'Builder `null`: it provisions an existing machine over SSH or WinRM'));
    const guest = b.node.children?.find((c) => c.key === 'guest_os_type' || c.key === 'guest_os');
    const guestText = typeof guest?.value === 'string' ? guest.value : '';
    if (MACOS_BUILDERS.test(b.type)) out.push(finding('platform.other-os-guest', model.file, at, `Builder \`${b.type}\` boots a macOS guest`));
    else if (guest && MACOS_GUEST.test(guestText)) out.push(finding('platform.other-os-guest', model.file, guest.valueRange ?? guest.keyRange, `Guest OS type \`${guestText}\` is macOS`));
  }
  return out;
}
