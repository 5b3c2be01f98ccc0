// Packer detector: a builder that produces a machine image is a VM; a docker builder is a container.
import type { PackerModel } from '../../parse/packer';
import type { ModelBase } from '../../parse/types';
import type { Finding } from '../types';
import { finding } from './rules';

/** Builders whose output boots as a virtual machine (hypervisor and cloud image builders). */
export const VM_BUILDERS =
  /^(virtualbox-(iso|ovf|vm)|vmware-(iso|vmx)|vsphere-(iso|clone|supervisor)|hyperv-(iso|vmcx)|parallels-(iso|pvm|ipsw)|qemu|utm-\w+|tart(-cli)?|proxmox(-iso|-clone)?|amazon-(ebs|ebssurrogate|ebsvolume|instance|chroot)|azure-(arm|chroot)|googlecompute|digitalocean|hcloud|openstack|oracle-\w+|scaleway|vultr|linode|libvirt|nutanix|cloudstack|alicloud-ecs|tencentcloud-cvm|ucloud-uhost|yandex|hyperone|ncloud|outscale-\w+|jdcloud|vagrant|xenserver-iso|bhyve)$/i;
export const CONTAINER_BUILDERS = /^(docker|podman|buildah|lxc)$/i;

export const PACKER_CODE_SIGNALS = ['existing.packer-vm-builder', 'existing.packer-container-builder'] as const;

export function detectPacker(base: ModelBase): Finding[] {
  const model = base as PackerModel;
  const out: Finding[] = [];
  for (const b of model.builders ?? []) {
    const typeNode = b.node.children?.find((c) => c.key === 'type');
    const at = model.syntax === 'json' && typeNode ? typeNode.valueRange ?? typeNode.keyRange : b.node.keyRange;
    if (VM_BUILDERS.test(b.type)) out.push(finding('existing.packer-vm-builder', model.file, at, `Builder \`${b.type}\``));
    else if (CONTAINER_BUILDERS.test(b.type)) out.push(finding('existing.packer-container-builder', model.file, at, `Builder \`${b.type}\``));
  }
  return out;
}
