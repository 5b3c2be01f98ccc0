// What Packer template settings do, and what each says about building a VM image rather than a
// container image. Each record lists both syntaxes: HCL2 (`source.<type>.<name>...`, `build...`) and
// legacy JSON (`builders.<i>...`, `provisioners.<i>.type=<t>`); see parse/packer.ts.
import type { KeyTopic } from './keyTopic';
import type { Reference } from './types';
import { BB, DIFF, LEARN, MS, S24 } from './cite';

const P = 'https://developer.hashicorp.com/packer';
/** A builder's page among the Packer integrations; `org` is the plugin's publisher (the VMware plugins are VMware's own). */
const builderRef = (plugin: string, component: string, label: string, org = 'hashicorp'): Reference => ({
  label: `Packer ${label} builder`,
  url: `${P}/integrations/${org}/${plugin}/latest/components/builder/${component}`,
});
const docRef = (label: string, path: string): Reference => ({ label: `Packer documentation: ${label}`, url: `${P}/docs/${path}` });

type T = Omit<KeyTopic, 'format'>;
const pk = (t: T): KeyTopic => ({ ...t, format: 'packer' });

/** Patterns for a builder type in both syntaxes. */
const builderPaths = (type: string): string[] => [`source.${type}.*`, `builders.*.type=${type}`];
/** Patterns for a builder setting in both syntaxes. */
const settingPaths = (...keys: string[]): string[] => keys.flatMap((k) => [`source.*.*.${k}`, `builders.*.${k}`]);
/** Patterns for a provisioner type in both syntaxes. */
const provisionerPaths = (...types: string[]): string[] => types.flatMap((t) => [`build.provisioner.${t}`, `build.*.provisioner.${t}`, `provisioners.*.type=${t}`]);
const postPaths = (...types: string[]): string[] =>
  types.flatMap((t) => [`build.post-processor.${t}`, `build.post-processors.post-processor.${t}`, `post-processors.*.type=${t}`, `post-processors.*.*.type=${t}`, `post-processors.*=${t}`, `post-processors.*.*=${t}`]);

const localVm = (type: string, title: string, what: string, reference: Reference, extra = ''): KeyTopic =>
  pk({
    id: `packer.builder.${type}`,
    title: `${type} builder`,
    summary: `Builds a VM image with ${title}.`,
    does: what,
    angle:
      `The output is a complete machine image: a guest OS with its own kernel, installed and provisioned once, then copied for every VM. That is what a VM needs and a container does not: a container image holds only the user-mode files and runs on the host kernel, so it is megabytes rather than gigabytes and is rebuilt in minutes rather than reinstalled.${extra}`,
    dimensions: ['os-kernel', 'guest-compat', 'os-updates', 'startup'],
    sources: [MS.vmArch, MS.updates, BB.containers, MS.guest],
    reference,
    paths: builderPaths(type),
  });

const cloudVm = (type: string, cloud: string, what: string, reference: Reference): KeyTopic =>
  pk({
    id: `packer.builder.${type}`,
    title: `${type} builder`,
    summary: `Builds a ${cloud} VM image.`,
    does: what,
    angle:
      `A cloud machine image is a full OS disk for VM instances. Baking it ahead of time shortens instance boot, yet a new instance still boots a whole OS, which takes far longer than starting a container from an image on a running host. Cloud images are also the usual hosts for containers: the VM gives the kernel and tenant isolation, the containers the fast deployment.`,
    dimensions: ['os-kernel', 'startup', 'deployment', 'os-updates'],
    sources: [MS.vmArch, BB.diff, S24.summary, MS.updates],
    reference,
    paths: builderPaths(type),
  });

export const PACKER_TOPICS: readonly KeyTopic[] = [
  pk({
    id: 'packer.builder.docker',
    title: 'docker builder',
    summary: 'Builds a container image (not a VM) by provisioning a running container.',
    does: 'Starts a container from `image`, runs the provisioners inside it, then either commits it as an image (`commit = true`, with `changes` for CMD/ENV/...) or exports its filesystem (`export_path`). Needs a local Docker Engine. Pair with `docker-tag`/`docker-push` post-processors.',
    angle:
      'This build produces a container: no kernel, no boot, the host\'s kernel at run time. Unlike the VM builders in the same file, the result starts in seconds and many copies fit on one host, but it can only run what the host kernel supports. Provisioning a container like a server works, yet a Dockerfile keeps the steps reviewable and cacheable.',
    dimensions: ['os-kernel', 'startup', 'density', 'os-updates'],
    sources: [MS.containerArch, BB.diff, MS.updates],
    reference: builderRef('docker', 'docker', 'Docker'),
    paths: builderPaths('docker'),
    notes: [{ match: /^docker$/i, note: 'a container image build; the other builders in this template make VM images.' }],
  }),
  localVm('virtualbox-iso', 'VirtualBox from an installer ISO', 'Creates a VirtualBox VM, boots it from `iso_url`, types `boot_command` to start an unattended install, runs the provisioners over SSH/WinRM, and exports an OVF/OVA.', builderRef('virtualbox', 'iso', 'VirtualBox ISO')),
  localVm('virtualbox-ovf', 'VirtualBox from an existing OVF/OVA', 'Imports an existing OVF/OVA (`source_path`), boots it, provisions it and exports a new image: layering on an earlier build instead of installing from scratch.', builderRef('virtualbox', 'ovf', 'VirtualBox OVF')),
  localVm('vmware-iso', 'VMware from an installer ISO', 'Creates a VMware Workstation or Fusion VM, installs from `iso_url` via `boot_command`, provisions it and keeps the VMX/VMDK output. Plugin 2.0 dropped remote ESXi builds; vSphere has its own builders.', builderRef('vmware', 'iso', 'VMware ISO', 'vmware')),
  localVm('vmware-vmx', 'VMware from an existing VMX', 'Clones an existing VMware machine (`source_path` to a .vmx), provisions it and writes a new one.', builderRef('vmware', 'vmx', 'VMware VMX', 'vmware')),
  localVm('qemu', 'QEMU/KVM', 'Starts QEMU (with KVM acceleration where available) from `iso_url` or a disk image, installs via `boot_command`, provisions, and writes a qcow2 or raw disk. `qemuargs` passes raw QEMU options.', builderRef('qemu', 'qemu', 'QEMU'), ' QEMU can also emulate another CPU architecture, which a container cannot do without emulation tricks in the host.'),
  localVm('hyperv-iso', 'Hyper-V from an installer ISO', 'Creates a Hyper-V VM (generation 1 or 2), installs from `iso_url`, provisions it and exports it. Runs on a Windows host with Hyper-V.', builderRef('hyperv', 'iso', 'Hyper-V ISO'), ' Hyper-V is also what runs Windows containers in Hyper-V isolation mode, each in a lightweight VM.'),
  localVm('proxmox-iso', 'Proxmox VE from an ISO', 'Creates a VM on a Proxmox VE node through its API, installs from an ISO, provisions it and converts it to a Proxmox template.', { label: 'Packer Proxmox ISO builder', url: `${P}/integrations/hashicorp/proxmox/latest/components/builder/iso` }),
  localVm('vsphere-iso', 'VMware vSphere from an ISO', 'Creates a VM on vCenter/ESXi through the vSphere API, installs from an ISO, provisions it and can turn it into a template or content-library item.', builderRef('vsphere', 'vsphere-iso', 'vSphere ISO', 'vmware')),
  localVm('vsphere-clone', 'VMware vSphere by cloning a template', 'Clones an existing vSphere VM or template, provisions the clone and saves the result as a new template.', builderRef('vsphere', 'vsphere-clone', 'vSphere clone', 'vmware')),
  localVm('parallels-iso', 'Parallels Desktop from an ISO', 'Creates a Parallels Desktop VM on macOS, installs from `iso_url` via `boot_command`, provisions it and exports a PVM.', { label: 'Packer Parallels ISO builder', url: `${P}/integrations/Parallels/parallels/latest/components/builder/iso` }),
  localVm('parallels-ipsw', 'Parallels Desktop from a macOS restore image', 'Creates a macOS VM on Apple silicon from an IPSW restore image, provisions it and exports it.', { label: 'Packer Parallels IPSW builder', url: `${P}/integrations/Parallels/parallels/latest/components/builder/ipsw` }, ' A macOS guest is only possible as a VM: no container runs the macOS kernel.'),
  localVm('utm-iso', 'UTM on macOS', 'Creates a UTM (QEMU or Apple Virtualization) VM on macOS from an ISO, provisions it and exports it. Comes from the community UTM plugin.', { label: 'Packer UTM plugin', url: 'https://github.com/naveenrajm7/packer-plugin-utm' }),
  cloudVm('amazon-ebs', 'AWS', 'Launches an EC2 instance from `source_ami` (or a `source_ami_filter`), provisions it over SSH/WinRM, stops it and registers an EBS-backed AMI.', builderRef('amazon', 'ebs', 'Amazon EBS')),
  cloudVm('azure-arm', 'Azure', 'Creates a temporary Azure VM from a marketplace or custom image, provisions it, generalizes it and captures a managed image or a Shared Image Gallery version.', builderRef('azure', 'arm', 'Azure ARM')),
  cloudVm('googlecompute', 'Google Cloud', 'Creates a Compute Engine instance from `source_image`/`source_image_family`, provisions it and saves a GCE image.', builderRef('googlecompute', 'googlecompute', 'Google Compute')),
  pk({
    id: 'packer.iso_url',
    title: 'iso_url / iso_checksum',
    summary: 'The installer ISO the VM boots from, and its checksum.',
    does: '`iso_url` (or `iso_urls`) is a URL or path to the OS installer; `iso_checksum` (`sha256:...`, `file:...`, or `none`) verifies the download.',
    angle:
      'Starting from an installer means the build installs a whole OS, kernel included, which is why VM image builds take tens of minutes. A container build starts from a base image that already is a user-mode OS tree.',
    dimensions: ['os-kernel', 'startup'],
    sources: [MS.vmArch, MS.os],
    reference: builderRef('virtualbox', 'iso', 'VirtualBox ISO'),
    paths: [...settingPaths('iso_url', 'iso_urls', 'iso_checksum'), 'source.*.*.boot_iso.iso_url', 'source.*.*.boot_iso.iso_checksum'],
  }),
  pk({
    id: 'packer.communicator',
    title: 'communicator',
    summary: 'How Packer reaches the machine to provision it: `ssh`, `winrm` or `none`.',
    does: 'Selects the connection used by provisioners. `ssh_*` settings (username, password, timeout, keys) go with `ssh`; `winrm_*` settings with `winrm`. The docker builder has its own `docker` communicator, which runs commands through `docker exec`.',
    angle:
      'Packer waits for a booted OS with a running SSH or WinRM service, the way one manages a server. A container needs no remote login: the engine runs commands in it directly. WinRM means a Windows guest, which on a Linux host only a VM can run.',
    dimensions: ['guest-compat', 'startup'],
    sources: [MS.guest, DIFF.vms],
    reference: docRef('communicators', 'communicators'),
    paths: settingPaths('communicator', 'ssh_username', 'ssh_password', 'ssh_timeout', 'winrm_username', 'winrm_password', 'winrm_timeout'),
    notes: [{ match: /^winrm$/i, note: 'a Windows guest.' }],
  }),
  pk({
    id: 'packer.boot_command',
    title: 'boot_command',
    summary: 'Keystrokes typed into the VM console to start an unattended install.',
    does: 'A list of strings with special keys (`<enter>`, `<wait5>`, `<esc>`) that Packer types over VNC or the hypervisor console after `boot_wait`, typically pointing the installer at a kickstart/preseed/autoinstall file served over `http_directory`.',
    angle:
      'Driving an OS installer through a virtual keyboard is something only a VM needs: it has firmware, a bootloader and an installer. Container images skip installation entirely.',
    dimensions: ['os-kernel', 'startup'],
    sources: [MS.vmArch, BB.diff],
    reference: builderRef('virtualbox', 'iso', 'VirtualBox ISO'),
    paths: settingPaths('boot_command'),
  }),
  pk({
    id: 'packer.boot_wait',
    title: 'boot_wait',
    summary: 'How long Packer waits after starting the VM before typing `boot_command`.',
    does: 'A duration (`10s`, `1m30s`; the default is `10s`) between powering on the build VM and typing the first keystroke of `boot_command`, so the firmware and boot menu are ready for it. A zero or unset value means the default; a negative one such as `-1s` skips the wait.',
    angle:
      'The wait exists because a VM boots firmware and a bootloader before anything else runs; a container has neither and starts its process straight away.',
    dimensions: ['startup', 'os-kernel'],
    sources: [MS.vmArch, BB.diff],
    reference: builderRef('virtualbox', 'iso', 'VirtualBox ISO'),
    paths: settingPaths('boot_wait'),
  }),
  pk({
    id: 'packer.headless',
    title: 'headless',
    summary: 'Build without showing the VM console.',
    does: 'When `true`, the hypervisor runs the build VM without a visible window (VirtualBox, VMware, QEMU, Hyper-V). Set it for CI.',
    angle: 'The VM has its own virtual display; a container has none to hide.',
    dimensions: ['guest-compat'],
    sources: [BB.vms],
    reference: builderRef('virtualbox', 'iso', 'VirtualBox ISO'),
    paths: settingPaths('headless'),
  }),
  pk({
    id: 'packer.disk_size',
    title: 'disk_size',
    summary: 'Size of the VM\'s virtual disk (MB, or with a unit where the builder allows).',
    does: 'Sets the primary virtual disk\'s capacity. Most local builders take megabytes; cloud builders use their own volume settings (`launch_block_device_mappings`, `os_disk_size_gb`, `disk_size` in GB for googlecompute).',
    angle:
      'Every VM carries its own virtual disk with a full OS on it, usually gigabytes. Containers share image layers on the host and store data in volumes, so per-instance disk is far smaller.',
    dimensions: ['storage', 'density'],
    sources: [MS.storage, BB.containers],
    reference: builderRef('virtualbox', 'iso', 'VirtualBox ISO'),
    paths: [...settingPaths('disk_size', 'os_disk_size_gb'), 'source.*.*.disks.disk_size'],
  }),
  pk({
    id: 'packer.memory',
    title: 'memory / cpus',
    summary: 'Memory (MB) and CPUs of the build VM.',
    does: 'Sizes the temporary VM used for the build: `memory` and `cpus` (VirtualBox, VMware, QEMU, Hyper-V, Parallels), `cores`/`sockets` on Proxmox, `CPUs`/`RAM` on vSphere. Cloud builders use an instance type instead.',
    angle:
      'A VM reserves its memory and runs a whole OS in it. Containers take memory from the host as needed, so a host fits more of them.',
    dimensions: ['density', 'performance'],
    sources: [BB.diff, MS.os],
    reference: builderRef('virtualbox', 'iso', 'VirtualBox ISO'),
    paths: settingPaths('memory', 'cpus', 'cores', 'sockets', 'CPUs', 'RAM'),
  }),
  pk({
    id: 'packer.instance_type',
    title: 'instance_type / vm_size / machine_type',
    summary: 'The cloud instance size used for the build.',
    does: 'The VM size of the temporary cloud instance: `instance_type` (amazon-ebs), `vm_size` (azure-arm), `machine_type` (googlecompute).',
    angle: 'Cloud VMs come in fixed sizes, each with a full OS; containers can be packed onto such instances at whatever granularity they need.',
    dimensions: ['density'],
    sources: [LEARN.consider, BB.uses],
    reference: builderRef('amazon', 'ebs', 'Amazon EBS'),
    paths: settingPaths('instance_type', 'vm_size', 'machine_type'),
  }),
  pk({
    id: 'packer.provisioner.shell',
    title: 'provisioner "shell"',
    summary: 'Run shell commands or scripts in the machine being built.',
    does: '`inline` commands, a `script`, or several `scripts` are uploaded and run over the communicator. `execute_command` controls how (e.g. with sudo); `environment_vars` passes variables. `shell-local` runs on the Packer host instead.',
    angle:
      'Baking setup into an image is the same idea as a Dockerfile `RUN`: machines start from a known state instead of being configured after boot. The difference is the size of what gets rebuilt: a full OS disk for a VM, a few layers for a container.',
    dimensions: ['os-updates', 'deployment'],
    sources: [MS.updates, S24.portability],
    reference: { label: 'Packer shell provisioner', url: `${P}/docs/provisioners/shell` },
    paths: provisionerPaths('shell', 'shell-local', 'windows-shell'),
  }),
  pk({
    id: 'packer.provisioner.powershell',
    title: 'provisioner "powershell"',
    summary: 'Run PowerShell in a Windows machine being built.',
    does: 'Runs `inline` commands or `scripts` through PowerShell over WinRM (or SSH). `elevated_user`/`elevated_password` run them with full admin rights; `use_pwsh` picks PowerShell 7.',
    angle:
      'A Windows guest: on a non-Windows host it must be a VM, and even Windows containers require a Windows host with a matching kernel version. Images like this are how Windows workloads that cannot be containerized get a repeatable build.',
    dimensions: ['guest-compat', 'os-kernel'],
    sources: [MS.guest, DIFF.choose],
    reference: { label: 'Packer PowerShell provisioner', url: `${P}/docs/provisioners/powershell` },
    paths: provisionerPaths('powershell'),
  }),
  pk({
    id: 'packer.provisioner.windows-restart',
    title: 'provisioner "windows-restart"',
    summary: 'Reboot the Windows machine and wait for it to return.',
    does: 'Restarts the guest (`restart_command`), then waits until WinRM answers again (`restart_timeout`), so later provisioners see a rebooted system. `windows-update` (a community plugin) installs updates, rebooting as needed.',
    angle:
      'Rebooting mid-build only makes sense for a machine with its own kernel and boot sequence. A container never reboots: it is stopped and a new one started from an image.',
    dimensions: ['os-kernel', 'startup', 'os-updates'],
    sources: [MS.vmArch, MS.updates],
    reference: { label: 'Packer Windows Restart provisioner', url: `${P}/docs/provisioners/windows-restart` },
    paths: provisionerPaths('windows-restart', 'windows-update'),
  }),
  pk({
    id: 'packer.provisioner.ansible',
    title: 'provisioner "ansible"',
    summary: 'Configure the machine being built with an Ansible playbook.',
    does: '`ansible` runs `playbook_file` from the Packer host against the build machine through a local SSH proxy; `ansible-local` runs it inside the machine.',
    angle:
      'The same playbooks often manage long-lived servers; baking them into an image instead keeps every VM identical at boot. Containers push this further: the image is replaced, not reconfigured.',
    dimensions: ['os-updates', 'deployment'],
    sources: [MS.updates, MS.deployment],
    reference: { label: 'Packer Ansible provisioner', url: `${P}/integrations/hashicorp/ansible/latest/components/provisioner/ansible` },
    paths: provisionerPaths('ansible', 'ansible-local'),
  }),
  pk({
    id: 'packer.provisioner.file',
    title: 'provisioner "file"',
    summary: 'Upload files into the machine being built.',
    does: 'Copies `source` (or `sources`) from the Packer host to `destination` in the machine; `direction = "download"` copies the other way. Uploads run as the communicator user.',
    angle: 'Like `COPY` in a Dockerfile, but into a full OS image that every VM will clone.',
    dimensions: ['storage'],
    sources: [MS.storage],
    reference: { label: 'Packer file provisioner', url: `${P}/docs/provisioners/file` },
    paths: provisionerPaths('file'),
  }),
  pk({
    id: 'packer.post-processor.vagrant',
    title: 'post-processor "vagrant"',
    summary: 'Package the built VM as a Vagrant box.',
    does: 'Turns the builder\'s artifact (VirtualBox, VMware, Hyper-V, libvirt/QEMU, Parallels, cloud images...) into a `.box` file for the matching Vagrant provider; `vagrantfile_template` embeds a default Vagrantfile.',
    angle:
      'A box is a whole OS disk for a local VM: the output of this template is for workloads that need their own kernel or guest OS, not for ones a container would serve.',
    dimensions: ['os-kernel', 'guest-compat'],
    sources: [MS.vmArch, BB.vms],
    reference: { label: 'Packer Vagrant post-processor', url: `${P}/integrations/hashicorp/vagrant/latest/components/post-processor/vagrant` },
    paths: postPaths('vagrant', 'vagrant-cloud', 'vagrant-registry'),
  }),
  pk({
    id: 'packer.post-processor.docker',
    title: 'post-processor "docker-tag" / "docker-push"',
    summary: 'Tag the built container image and push it to a registry.',
    does: '`docker-tag` gives a committed image a `repository` and `tags`; `docker-import` instead turns an exported filesystem tarball into an image; `docker-push` pushes it using the engine\'s or given credentials; `docker-save` writes it to a tar file.',
    angle:
      'A container image in a registry is deployed by pulling it onto any host with a compatible kernel and starting it, in seconds; updating means pushing a new tag and redeploying, the workflow the documents describe for containers.',
    dimensions: ['deployment', 'os-updates', 'portability'],
    sources: [MS.updates, MS.deployment, S24.portability],
    reference: { label: 'Packer Docker post-processors', url: `${P}/integrations/hashicorp/docker/latest/components/post-processor/docker-tag` },
    paths: postPaths('docker-tag', 'docker-push', 'docker-import', 'docker-save'),
  }),
  pk({
    id: 'packer.post-processor.manifest',
    title: 'post-processor "manifest"',
    summary: 'Write a JSON manifest of what was built.',
    does: 'Appends each build\'s artifacts (ids such as AMI ids, files, builder type, custom data) to `output` (default `packer-manifest.json`) for later pipeline steps.',
    angle: 'Image-based delivery either way: later steps deploy exactly the image that was built rather than configuring machines in place.',
    dimensions: ['deployment'],
    sources: [MS.deployment],
    reference: { label: 'Packer manifest post-processor', url: `${P}/docs/post-processors/manifest` },
    paths: postPaths('manifest'),
  }),
  pk({
    id: 'packer.post-processor.shell-local',
    title: 'post-processor "shell-local"',
    summary: 'Run commands on the machine running Packer once the image is built.',
    does: 'Runs `inline` commands, a `script` or several `scripts` locally, after the build, with the build\'s name and builder type in environment variables; `execute_command`, `environment_vars` and `only`/`except` work as for the shell provisioners. Typical uses: convert or package the output, sign it, upload it, test it.',
    angle:
      'It acts on the finished artifact from outside and changes nothing in the machine or container itself. VM images often need such a step (converting disk formats, packing an OVA, moving gigabytes around) because each hypervisor and cloud wants its own format; a container image goes to a registry in one format and runs on any host with a compatible kernel.',
    dimensions: ['deployment', 'portability'],
    sources: [BB.containers, S24.portability],
    reference: docRef('shell-local post-processor', 'post-processors/shell-local'),
    paths: postPaths('shell-local'),
  }),
  pk({
    id: 'packer.post-processor.amazon-import',
    title: 'post-processor "amazon-import"',
    summary: 'Turn a locally built VM image into an AWS machine image (AMI).',
    does: 'Uploads the artifact of a local builder (an OVA from VirtualBox or VMware, or another disk `format` such as VMDK or VHD) to the S3 bucket `s3_bucket_name`, then runs an EC2 VM Import task that registers it as an AMI in `region`. `license_type`, `role_name` and AMI sharing settings shape the import; the uploaded file is removed afterwards unless `skip_clean` is set.',
    angle:
      'The same VM image moves from a local hypervisor into a cloud as a machine image: a complete guest OS, kernel included, that EC2 boots as an instance. Moving a container image between environments needs no import: any host with a compatible kernel pulls and starts it.',
    dimensions: ['portability', 'deployment', 'os-kernel'],
    sources: [S24.portability, MS.vmArch, BB.containers],
    reference: { label: 'Packer Amazon Import post-processor', url: `${P}/integrations/hashicorp/amazon/latest/components/post-processor/import` },
    paths: postPaths('amazon-import'),
  }),
  pk({
    id: 'packer.required_plugins',
    title: 'required_plugins',
    summary: 'The Packer plugins (builders, provisioners, post-processors) this template needs.',
    does: 'Inside `packer { }`: a map from a local name to `{ version, source }`, e.g. `qemu = { version = ">= 1.1.0", source = "github.com/hashicorp/qemu" }`. `packer init` installs them.',
    angle:
      'The plugin list tells what the template targets: hypervisor plugins (qemu, virtualbox, vmware, hyperv, parallels, proxmox, vsphere) build VM images; the docker plugin builds container images.',
    dimensions: ['deployment'],
    sources: [MS.vmArch, MS.containerArch],
    reference: docRef('required_plugins', 'templates/hcl_templates/blocks/packer'),
    paths: ['packer.required_plugins', 'packer.required_plugins.*'],
  }),

  // The template's structure. These come last: a block or entry of a type with its own record above gets that record.
  pk({
    id: 'packer.build',
    title: 'build',
    summary: 'Ties sources to the provisioning and post-processing steps run on them (HCL2).',
    does: '`sources` names the `source` blocks to start, each a separate build, run in parallel by default; the `provisioner` blocks then run in order on every one of them, and the `post-processor` / `post-processors` blocks handle the resulting artifacts. `name` labels the build; a `source` block inside can override settings for this build only.',
    angle:
      'One build can make VM images for several hypervisors or clouds, and a container image, from the same steps. What differs is what each source starts: a VM that boots its own kernel, or a container on the host\'s kernel.',
    dimensions: ['deployment', 'os-kernel'],
    sources: [MS.vmArch, MS.containerArch, MS.deployment],
    reference: docRef('build block', 'templates/hcl_templates/blocks/build'),
    paths: ['build'],
  }),
  pk({
    id: 'packer.builders',
    title: 'builders',
    summary: 'The builders of a legacy JSON template: one image build per entry.',
    does: 'Each entry\'s `type` picks a builder plugin (`virtualbox-iso`, `amazon-ebs`, `docker`...) and its other keys configure it; `name` tells entries of the same type apart. HCL2 templates use `source` blocks for this, and `packer hcl2_upgrade` converts a JSON template.',
    angle:
      'What the template produces depends on each entry\'s type: hypervisor and cloud builders make VM images, a whole OS with its own kernel; the docker builder makes a container image that will run on the host\'s kernel. One template can do both.',
    dimensions: ['os-kernel', 'deployment'],
    sources: [MS.vmArch, MS.containerArch],
    reference: docRef('builders (JSON templates)', 'templates/legacy_json_templates/builders'),
    paths: ['builders'],
  }),
  pk({
    id: 'packer.provisioners',
    title: 'provisioners / provisioner',
    summary: 'Steps that configure the machine or container while its image is being built.',
    does: 'Run in order once the builder has started the machine and can reach it: upload files, run shell or PowerShell scripts, apply Ansible, reboot. `only`/`except` limit a step to some builds; `pause_before`, `max_retries` and `timeout` shape each step. In a JSON template they are a list of objects with a `type`; in HCL2, `provisioner "<type>"` blocks inside `build`.',
    angle:
      'Provisioning happens once, when the image is built, so every VM or container started from the image begins in the same state: image-based deployment on both sides. What a change costs differs: a whole OS disk to rebuild for a VM image, a few layers for a container image.',
    dimensions: ['deployment', 'os-updates'],
    sources: [MS.updates, S24.portability],
    reference: docRef('provisioners (JSON templates)', 'templates/legacy_json_templates/provisioners'),
    paths: ['provisioners', 'provisioners.#.type', 'build.provisioner.*', 'build.*.provisioner.*'],
  }),
  pk({
    id: 'packer.post-processors',
    title: 'post-processors / post-processor',
    summary: 'What happens to a build\'s artifact afterwards: packaging, importing, uploading, recording.',
    does: 'Each post-processor takes the artifact of the builder (or of the step before it) and makes something else of it: a Vagrant box, an imported cloud image, a compressed file, a manifest entry, a tagged container image. In JSON, a nested list is a chain in which each step feeds the next; in HCL2, a `post-processors` block is such a chain, while each lone `post-processor` block starts again from the build\'s own artifact. `keep_input_artifact` keeps the intermediate result.',
    angle:
      'The end product says what the workload will be: a box or a machine image means VMs that boot a full OS; a tagged, pushed image means containers that any host with a compatible kernel can pull and start.',
    dimensions: ['deployment', 'portability'],
    sources: [MS.deployment, S24.portability],
    reference: docRef('post-processors block', 'templates/hcl_templates/blocks/build/post-processors'),
    paths: [
      'post-processors', 'post-processors.#.type', 'post-processors.#.#.type',
      'build.post-processors', 'build.post-processor.*', 'build.post-processors.post-processor.*',
    ],
  }),
];
