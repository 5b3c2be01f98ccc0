// What Vagrantfile settings do, and what each says about the workload living in a VM rather than a
// container. Paths follow parse/vagrant.ts (`**.` so the same record covers single machines and
// `config.vm.define` blocks). Order matters: specific records before the generic provider record.
import type { KeyTopic } from './keyTopic';
import type { Reference } from './types';
import { BB, DIFF, LEARN, MS, S24 } from './cite';

const V = 'https://developer.hashicorp.com/vagrant/docs';
const ref = (label: string, path: string): Reference => ({ label: `Vagrant documentation: ${label}`, url: `${V}/${path}` });

type T = Omit<KeyTopic, 'format'>;
const vg = (t: T): KeyTopic => ({ ...t, format: 'vagrant' });

/** One record per hypervisor provider; they share the angle, differ in what runs the guest. */
const hypervisor = (name: string, title: string, what: string, reference: Reference, extra = ''): KeyTopic =>
  vg({
    id: `vagrant.provider.${name}`,
    title: `provider "${name}"`,
    summary: `Settings for when ${title} runs this machine.`,
    does: `A block of ${title}-specific settings (memory, CPUs, disks, firmware...). Vagrant uses the block only when this provider is the one bringing the machine up (\`vagrant up --provider=${name}\`, or the first usable one listed). ${what}`,
    angle:
      `${title} is a hypervisor: the machine gets virtual hardware and boots its own kernel, so the guest can be any OS the hypervisor supports, isolated from the host and its neighbours. The cost is a full OS per machine: more memory and disk, and boot times in minutes rather than the seconds a container takes.${extra}`,
    dimensions: ['isolation', 'os-kernel', 'guest-compat', 'startup'],
    sources: [MS.vmArch, MS.isolation, BB.hypervisor, BB.diff],
    reference,
    paths: [`**.vm.provider.${name}`],
  });

export const VAGRANT_TOPICS: readonly KeyTopic[] = [
  vg({
    id: 'vagrant.vm.box',
    title: 'vm.box',
    summary: 'The base image (box) the machine is cloned from.',
    does: 'Names the box to start from, e.g. `bento/ubuntu-24.04` from Vagrant Cloud or a locally added one. A box is a packaged disk image plus metadata for one or more providers; `box_url` and `box_version` say where it comes from and which version to use.',
    angle:
      'A box is a whole operating system, kernel included, typically hundreds of megabytes to gigabytes. That is what buys a VM its own kernel and its choice of guest OS; a container image carries only the user-mode part and borrows the host kernel, so it is far smaller and starts faster.',
    dimensions: ['os-kernel', 'guest-compat', 'startup'],
    sources: [MS.vmArch, MS.os, BB.containers],
    reference: ref('config.vm.box', 'vagrantfile/machine_settings'),
    paths: ['**.vm.box', '**.vm.box_url'],
    notes: [
      { match: /windows|win10|win11|win20/i, note: 'a Windows guest: a Linux host can only run it as a VM.' },
      { match: /bsd|solaris|illumos/i, note: 'a non-Linux Unix guest: it needs its own kernel, so it cannot be a container on a Linux host.' },
    ],
  }),
  vg({
    id: 'vagrant.vm.box_version',
    title: 'vm.box_version',
    summary: 'Which version(s) of the box to use.',
    does: 'A version constraint such as `">= 20240101.0"` or `"1.2.3"`. Vagrant picks the newest box version that satisfies it; `vagrant box outdated` reports newer ones.',
    angle:
      'Pinning a box version fixes the guest OS for new machines, but existing machines do not move when the box changes: each one is patched in place or recreated. Container images are rebuilt and redeployed instead, which is quicker at scale.',
    dimensions: ['os-updates'],
    sources: [MS.updates, S24.portability],
    reference: ref('config.vm.box_version', 'vagrantfile/machine_settings'),
    paths: ['**.vm.box_version', '**.vm.box_check_update'],
  }),
  vg({
    id: 'vagrant.provider.docker',
    title: 'provider "docker"',
    summary: 'Vagrant drives Docker containers instead of VMs.',
    does: 'With the docker provider, each machine is a container started from `image` or `build_dir` instead of a box, by the host\'s own Docker (on macOS and Windows, usually Docker Desktop). Vagrant starts a host VM to run Docker in (`vagrant_vagrantfile`) only with `force_host_vm`, the default only on other hosts such as FreeBSD.',
    angle:
      'Here the "machine" shares a kernel with the host (or with the proxy VM), so it starts in seconds and uses less memory than a VM, but it is a container: no own kernel, no other OS family, weaker isolation. Vagrant only manages it; the container-or-VM trade-off is that of Docker.',
    dimensions: ['os-kernel', 'isolation', 'startup', 'density'],
    sources: [MS.containerArch, MS.isolation, BB.diff],
    reference: ref('Docker provider configuration', 'providers/docker/configuration'),
    paths: ['**.vm.provider.docker'],
    // Matched on the provider name only: the block's settings (an image name, a flag) are not the provider.
    notes: [{ match: /^docker$/i, note: 'this machine is a container, not a VM.' }],
  }),
  vg({
    id: 'vagrant.provider.docker.image',
    title: 'image / build_dir (docker provider)',
    summary: 'The container image this machine is started from, in place of a box.',
    does: '`image` names an image to pull and run, such as `"nginx"` or `"postgres:16"`; `build_dir` instead builds one from the Dockerfile in that folder (`dockerfile` names another file, `build_args` adds `docker build` arguments), and `git_repo` builds from a Git repository. One of the three is required; the docker provider does not need `vm.box`.',
    angle:
      'An image carries only user-mode files, so the machine starts in seconds on the kernel that runs Docker (the Linux host\'s, Docker Desktop\'s VM, or a host VM Vagrant starts), without the OS boot a box goes through. The same fact limits it: it cannot bring its own kernel or another OS family.',
    dimensions: ['os-kernel', 'startup'],
    sources: [MS.containerArch, BB.containers],
    reference: ref('Docker provider configuration', 'providers/docker/configuration'),
    paths: ['image', 'build_dir', 'dockerfile', 'build_args', 'git_repo'].map((k) => `**.vm.provider.docker.${k}`),
  }),
  vg({
    id: 'vagrant.provider.lxc',
    title: 'provider "lxc"',
    summary: 'Vagrant drives LXC system containers instead of VMs (vagrant-lxc plugin).',
    does: 'The vagrant-lxc plugin creates each machine as an LXC container from an LXC box. Settings in this block are passed to LXC (e.g. `customize "cgroup.memory.limit_in_bytes", "1024M"`).',
    angle:
      'LXC is the original Linux container technology: a full distribution userland with an init, but on the host kernel. It boots fast and packs densely, yet it cannot run another kernel or OS family and isolates less strongly than a VM.',
    dimensions: ['os-kernel', 'isolation', 'density', 'startup'],
    sources: [BB.containers, MS.containerArch, MS.isolation],
    reference: { label: 'vagrant-lxc plugin', url: 'https://github.com/fgrehm/vagrant-lxc#configuration' },
    paths: ['**.vm.provider.lxc'],
  }),
  hypervisor('virtualbox', 'VirtualBox', 'Common settings: `memory`, `cpus`, `gui`, `linked_clone`, `name`, and `customize` for raw `VBoxManage` calls.', ref('VirtualBox provider configuration', 'providers/virtualbox/configuration'), ' VirtualBox is a type 2 hypervisor, running as an application on the host OS.'),
  hypervisor('libvirt', 'libvirt (KVM/QEMU)', 'Common settings: `memory`, `cpus`, `cpu_mode`, `nested`, `machine_type`, `loader` (UEFI firmware), `storage` (extra disks).', { label: 'vagrant-libvirt configuration', url: 'https://vagrant-libvirt.github.io/vagrant-libvirt/configuration.html' }),
  hypervisor('hyperv', 'Hyper-V', 'Common settings: `cpus`, `memory`, `maxmemory` (dynamic memory), `linked_clone`, `enable_virtualization_extensions`, `vm_integration_services`.', ref('Hyper-V provider configuration', 'providers/hyperv/configuration'), ' Hyper-V is a type 1 hypervisor; the same technology isolates Windows containers in Hyper-V isolation mode.'),
  hypervisor('vmware_desktop', 'VMware Desktop', 'Common settings: `gui`, `linked_clone`, and `vmx["..."]` entries (`memsize`, `numvcpus`) written into the machine\'s .vmx file.', ref('VMware provider configuration', 'providers/vmware/configuration')),
  hypervisor('vmware_fusion', 'VMware Fusion', 'The older provider name for VMware on macOS; today `vmware_desktop` covers Fusion and Workstation. `vmx["..."]` entries are written into the .vmx file.', ref('VMware provider configuration', 'providers/vmware/configuration')),
  hypervisor('vmware_workstation', 'VMware Workstation', 'The older provider name for VMware on Windows and Linux; today `vmware_desktop` covers it. `vmx["..."]` entries are written into the .vmx file.', ref('VMware provider configuration', 'providers/vmware/configuration')),
  hypervisor('parallels', 'Parallels Desktop', 'Common settings: `memory`, `cpus`, `linked_clone`, `update_guest_tools`, and `customize` for raw `prlctl` calls.', { label: 'vagrant-parallels configuration', url: 'https://parallels.github.io/vagrant-parallels/docs/configuration.html' }),
  hypervisor('qemu', 'QEMU', 'The vagrant-qemu plugin, mostly used on Apple silicon: `arch`, `machine`, `cpu`, `memory`, `smp`, `qemu_dir`.', { label: 'vagrant-qemu plugin', url: 'https://github.com/ppggff/vagrant-qemu#configuration' }),
  vg({
    id: 'vagrant.provider.cloud',
    title: 'cloud provider (openstack, linode, aws, azure, google...)',
    summary: 'Vagrant creates this machine as a cloud VM.',
    does: 'Provider plugins such as vagrant-openstack-provider, vagrant-linode, vagrant-aws or vagrant-azure create the machine as an instance in that cloud: flavor/plan/size, image, region, keys and networks come from this block instead of a local box.',
    angle:
      'A cloud instance is still a VM with its own kernel, placed on someone else\'s hypervisor. Cloud platforms also run containers (often inside such VMs), so the choice stays about what the workload needs: its own OS and strong isolation, or density and fast starts.',
    dimensions: ['isolation', 'deployment', 'os-kernel'],
    sources: [MS.vmArch, MS.deployment, BB.uses],
    reference: { label: 'Vagrant providers', url: `${V}/providers` },
    paths: ['**.vm.provider.openstack', '**.vm.provider.linode', '**.vm.provider.aws', '**.vm.provider.azure', '**.vm.provider.google', '**.vm.provider.digital_ocean'],
  }),
  vg({
    id: 'vagrant.provider.memory',
    title: 'memory / cpus',
    summary: 'Memory (MB) and virtual CPUs given to the machine.',
    does: 'Provider settings sizing the VM: `memory`/`cpus` (VirtualBox, libvirt, Parallels, Hyper-V), `maxmemory` (Hyper-V dynamic memory), `vmx["memsize"]`/`vmx["numvcpus"]` (VMware). Equivalent raw calls: `customize ["modifyvm", :id, "--memory", ...]`.',
    angle:
      'A VM is given its memory up front and its guest OS takes a share of it before the application gets any. A container has no guest OS to feed and draws on host memory as it goes (optionally capped), which is why many more containers than VMs fit on one host.',
    dimensions: ['density', 'performance', 'os-kernel'],
    sources: [BB.diff, MS.os, LEARN.consider],
    reference: ref('VirtualBox provider configuration', 'providers/virtualbox/configuration'),
    paths: [
      '**.vm.provider.*.memory', '**.vm.provider.*.cpus', '**.vm.provider.*.maxmemory',
      '**.vm.provider.*.vmx.memsize', '**.vm.provider.*.vmx.numvcpus',
    ],
  }),
  vg({
    id: 'vagrant.provider.customize',
    title: 'customize',
    summary: 'Raw hypervisor commands run when the machine is created.',
    does: 'VirtualBox: each call runs `VBoxManage` with the given arguments (`:id` becomes the VM\'s id), e.g. `["modifyvm", :id, "--nested-hw-virt", "on"]`. Parallels: the same through `prlctl`. LXC: sets a raw LXC config key.',
    angle:
      'This reaches down to virtual hardware: video memory, clipboard, extra disks, nested virtualization. A container has no virtual hardware to tune; it gets host devices passed through, or nothing.',
    dimensions: ['isolation', 'performance'],
    sources: [BB.vms, MS.vmArch],
    reference: ref('VirtualBox provider configuration', 'providers/virtualbox/configuration'),
    paths: ['**.vm.provider.*.customize'],
    notes: [
      { match: /nested-hw-virt/i, note: 'nested virtualization: the guest can run its own hypervisor (VMs inside this VM).' },
      { match: /--memory|--cpus/i, note: 'sets the VM\'s memory or CPU count directly.' },
      { match: /createhd|storageattach/i, note: 'adds a virtual disk: storage that belongs to this VM alone.' },
    ],
  }),
  vg({
    id: 'vagrant.provider.gui',
    title: 'gui',
    summary: 'Show the machine\'s console window.',
    does: 'When `true`, the provider (VirtualBox, VMware) starts the VM with its display window instead of headless. Useful for desktops and debugging boot problems.',
    angle:
      'A graphical console is a VM thing: the guest drives a virtual display with its own drivers. Containers have no display of their own; desktop software in a container needs the host\'s display server forwarded in.',
    dimensions: ['guest-compat', 'os-kernel'],
    sources: [BB.vmBenefits, DIFF.vms],
    reference: ref('VirtualBox provider configuration', 'providers/virtualbox/configuration'),
    paths: ['**.vm.provider.*.gui'],
  }),
  vg({
    id: 'vagrant.provider.nested',
    title: 'nested',
    summary: 'Nested virtualization for a libvirt machine.',
    does: 'When `true`, vagrant-libvirt exposes the CPU\'s virtualization extensions to the guest so it can run KVM itself.',
    angle:
      'Running VMs (or Kata-style sandboxed containers) inside the guest needs hardware virtualization, which a VM hands on to its guest. A container has no virtual CPU of its own: it can only run VMs by being given the host\'s `/dev/kvm`, that is, the host\'s hypervisor.',
    dimensions: ['os-kernel', 'isolation'],
    sources: [BB.hypervisor, MS.vmArch],
    reference: { label: 'vagrant-libvirt configuration', url: 'https://vagrant-libvirt.github.io/vagrant-libvirt/configuration.html' },
    paths: ['**.vm.provider.libvirt.nested', '**.vm.provider.hyperv.enable_virtualization_extensions'],
  }),
  vg({
    id: 'vagrant.provider.generic',
    title: 'vm.provider',
    summary: 'Settings for one provider (the software that runs the machine).',
    does: 'A block of settings applied only when this provider runs the machine. Providers are hypervisors (VirtualBox, libvirt, Hyper-V, VMware, Parallels), cloud plugins, or container engines (docker, lxc).',
    angle:
      'Most providers are hypervisors, so the machine is a VM with its own kernel; docker and lxc make it a container on a shared kernel instead. Which one you list decides the isolation and the start-up cost.',
    dimensions: ['isolation', 'os-kernel'],
    sources: [MS.vmArch, MS.containerArch, BB.hypervisor],
    reference: ref('providers', 'providers/basic_usage'),
    paths: ['**.vm.provider.*'],
  }),
  vg({
    id: 'vagrant.network.private_network',
    title: 'vm.network "private_network"',
    summary: 'A host-only network between the host and its machines.',
    does: 'Adds a network adapter on a network reachable from the host and other machines but not from outside. `ip:` sets a static address, `type: "dhcp"` asks for one.',
    angle:
      'Each VM gets its own virtual network adapter with its own address; containers normally get an isolated view of one adapter, behind the host\'s packet filtering (the host firewall on Windows, Docker\'s iptables rules on Linux). Several machines on one private network is how Vagrant builds a small cluster, one OS per node.',
    dimensions: ['networking'],
    sources: [MS.networking],
    reference: ref('private networks', 'networking/private_network'),
    paths: ['**.vm.network.private_network'],
  }),
  vg({
    id: 'vagrant.network.public_network',
    title: 'vm.network "public_network"',
    summary: 'A bridged adapter on the host\'s physical network.',
    does: 'Bridges a virtual adapter to a host interface (`bridge:`), so the machine appears on the LAN like another computer with its own address.',
    angle:
      'The VM is a full peer on the network with its own virtual adapter. Containers reach the outside through the host\'s stack (NAT and published ports) unless given host networking or a macvlan network.',
    dimensions: ['networking', 'isolation'],
    sources: [MS.networking],
    reference: ref('public networks', 'networking/public_network'),
    paths: ['**.vm.network.public_network'],
  }),
  vg({
    id: 'vagrant.network.forwarded_port',
    title: 'vm.network "forwarded_port"',
    summary: 'Forward a host port to a port in the machine.',
    does: 'Maps `host:` port on the host to `guest:` port in the machine (over the NAT adapter). With most providers the host port listens on every interface, so other machines on the network reach it unless `host_ip: "127.0.0.1"` keeps it local; `auto_correct: true` picks another host port on collision.',
    angle:
      'The same idea as publishing a container port (`-p host:container`): the workload stays on its own network and only chosen ports are exposed.',
    dimensions: ['networking'],
    sources: [MS.networking],
    reference: ref('forwarded ports', 'networking/forwarded_ports'),
    paths: ['**.vm.network.forwarded_port'],
  }),
  vg({
    id: 'vagrant.synced_folder',
    title: 'vm.synced_folder',
    summary: 'Share a host folder with the machine.',
    does: 'Makes a host path (first argument) available at a guest path (second). `type:` picks the mechanism: the provider\'s shared folders (default), `nfs`, `rsync` (one-way copy), `smb`, or `virtiofs`/`9p` for libvirt. `disabled: true` turns the default `/vagrant` share off.',
    angle:
      'Crossing into a VM needs a file-sharing protocol or a copy, because the guest has its own kernel and disk; a container simply bind-mounts host paths. Data the machine writes to its own disk stays with that VM, much as a virtual hard disk does.',
    dimensions: ['storage'],
    sources: [MS.storage, S24.storage],
    reference: ref('synced folders', 'synced-folders/basic_usage'),
    paths: ['**.vm.synced_folder'],
  }),
  vg({
    id: 'vagrant.provision.shell',
    title: 'vm.provision "shell"',
    summary: 'Run a shell script in the machine after it boots.',
    does: 'Runs `inline:` commands or a `path:` script inside the guest on first `vagrant up` (and on `vagrant provision`). `privileged: true` (the default) runs it as root; `run: "always"` on every boot.',
    angle:
      'Provisioning changes a live machine, and each machine drifts with its own history; updating the OS later means running updates on every VM. A container image bakes the same steps into a Dockerfile and is rebuilt and redeployed instead.',
    dimensions: ['os-updates', 'deployment'],
    sources: [MS.updates, S24.portability],
    reference: ref('shell provisioner', 'provisioning/shell'),
    paths: ['**.vm.provision.shell'],
  }),
  vg({
    id: 'vagrant.provision.ansible',
    title: 'vm.provision "ansible"',
    summary: 'Configure the machine with an Ansible playbook.',
    does: '`ansible` runs the playbook from the host over SSH; `ansible_local` installs Ansible in the guest and runs it there. `playbook`, `groups`, `extra_vars`, `limit` shape the run.',
    angle:
      'Configuration management keeps long-lived VMs consistent, and the same playbook can target real servers. For containers, the equivalent work moves into the image build, and running instances are replaced rather than reconfigured.',
    dimensions: ['os-updates', 'deployment'],
    sources: [MS.updates, MS.deployment],
    reference: ref('Ansible provisioner', 'provisioning/ansible'),
    paths: ['**.vm.provision.ansible', '**.vm.provision.ansible_local'],
  }),
  vg({
    id: 'vagrant.provision.file',
    title: 'vm.provision "file"',
    summary: 'Upload a file or folder into the machine.',
    does: 'Copies `source:` from the host to `destination:` in the guest, as the SSH/WinRM user (not root).',
    angle: 'Files pushed into a running VM become part of its state; in a container they would be copied into the image (`COPY`) or mounted.',
    dimensions: ['storage', 'deployment'],
    sources: [MS.storage],
    reference: ref('file provisioner', 'provisioning/file'),
    paths: ['**.vm.provision.file'],
  }),
  vg({
    id: 'vagrant.provision.docker',
    title: 'vm.provision "docker"',
    summary: 'Install Docker in the VM and pull or run containers there.',
    does: 'Installs Docker in the guest if needed, then `pull_images`, `build_image` or `run` containers inside the VM.',
    angle:
      'Containers inside a VM: the common layering in the cloud. The VM supplies the kernel and a strong boundary towards other tenants; the containers give fast, dense, image-based deployment on top.',
    dimensions: ['isolation', 'deployment', 'density'],
    sources: [S24.summary, BB.uses, MS.isolation],
    reference: ref('Docker provisioner', 'provisioning/docker'),
    paths: ['**.vm.provision.docker', '**.vm.provision.podman', '**.vm.provision.docker_compose'],
  }),
  vg({
    id: 'vagrant.provision.cm',
    title: 'vm.provision (Salt, Puppet, Chef)',
    summary: 'Configure the machine with a configuration-management tool.',
    does: 'Runs Salt (`salt`), Puppet (`puppet`, `puppet_server`) or Chef (`chef_solo`, `chef_zero`, `chef_client`) against the guest to converge it to a declared state.',
    angle:
      'Tools built to keep many long-lived servers in shape, which is how VM fleets are usually maintained. Containers skip most of it: the image is the declared state, and changes ship as a new image.',
    dimensions: ['os-updates'],
    sources: [MS.updates, BB.containerBenefits],
    reference: ref('provisioning', 'provisioning'),
    paths: ['**.vm.provision.salt', '**.vm.provision.puppet', '**.vm.provision.puppet_server', '**.vm.provision.chef_solo', '**.vm.provision.chef_zero', '**.vm.provision.chef_client', '**.vm.provision.chef_apply'],
  }),
  vg({
    id: 'vagrant.vm.define',
    title: 'vm.define',
    summary: 'One machine of a multi-machine environment.',
    does: 'Declares a named machine with its own settings (box, network, provisioning) inside the block; settings outside apply to all machines. `primary: true` makes it the default target; `autostart: false` keeps it down until named.',
    angle:
      'Each machine is a separate VM with its own OS instance, memory and boot. A cluster of N nodes costs N guest OSes; the same topology as containers (a Compose file or a pod set) shares one kernel and starts in seconds, trading away per-node isolation and the option of different kernels.',
    dimensions: ['density', 'isolation', 'deployment'],
    sources: [MS.deployment, BB.diff, LEARN.consider],
    reference: ref('multi-machine', 'multi-machine'),
    paths: ['**.vm.define.*'],
  }),
  vg({
    id: 'vagrant.vm.communicator',
    title: 'vm.communicator',
    summary: 'How Vagrant talks to the machine: `ssh` (default), `winrm` or `winssh`.',
    does: '`"winrm"` makes Vagrant use Windows Remote Management (settings under `config.winrm`) for commands, provisioning and file uploads; `"ssh"` uses SSH (settings under `config.ssh`).',
    angle:
      'WinRM means a Windows guest. On a Linux host Windows can only run in a VM, and Windows containers need a Windows host whose version matches the image; the VM can run any Windows release.',
    dimensions: ['guest-compat', 'os-kernel'],
    sources: [MS.guest, DIFF.vms],
    reference: ref('config.vm.communicator', 'vagrantfile/machine_settings'),
    paths: ['**.vm.communicator'],
    notes: [{ match: /^winrm$/i, note: 'a Windows guest, managed over WinRM.' }],
  }),
  vg({
    id: 'vagrant.vm.guest',
    title: 'vm.guest',
    summary: 'The guest operating system family.',
    does: 'Tells Vagrant which guest OS it is talking to (`:linux`, `:windows`, `:freebsd`, `:darwin`, ...) instead of detecting it, so it uses the right commands for hostnames, networks and shares.',
    angle:
      'A VM can run an OS family unrelated to the host; a container always runs on the host\'s kernel (or a compatible one). A non-Linux guest here is a firm reason this workload is a VM.',
    dimensions: ['guest-compat', 'os-kernel'],
    sources: [MS.guest, DIFF.vms, BB.vmBenefits],
    reference: ref('config.vm.guest', 'vagrantfile/machine_settings'),
    paths: ['**.vm.guest'],
    notes: [{ match: /^windows$/i, note: 'Windows guest: needs a VM on a Linux or macOS host.' }, { match: /bsd|solaris|darwin/i, note: 'a non-Linux kernel: only a VM can run it.' }],
  }),
  vg({
    id: 'vagrant.vm.hostname',
    title: 'vm.hostname',
    summary: 'The hostname set inside the machine.',
    does: 'Vagrant sets the guest\'s hostname on boot (and an /etc/hosts entry on Linux guests).',
    angle: 'The machine is a named host with its own OS identity, managed like a small server. A container\'s hostname is just a setting of its namespace.',
    dimensions: ['networking'],
    sources: [MS.networking],
    reference: ref('config.vm.hostname', 'vagrantfile/machine_settings'),
    paths: ['**.vm.hostname'],
  }),
  vg({
    id: 'vagrant.winrm',
    title: 'winrm',
    summary: 'WinRM connection settings for a Windows guest.',
    does: '`config.winrm.username`, `password`, `port`, `transport`, `timeout` and friends, used when `vm.communicator` is `"winrm"`.',
    angle: 'Another sign of a Windows guest, which on a non-Windows host only a VM can run.',
    dimensions: ['guest-compat'],
    sources: [MS.guest],
    reference: ref('WinRM settings', 'vagrantfile/winrm_settings'),
    paths: [
      '**.winrm.username', '**.winrm.password', '**.winrm.host', '**.winrm.port', '**.winrm.guest_port', '**.winrm.transport',
      '**.winrm.basic_auth_only', '**.winrm.ssl_peer_verification', '**.winrm.execution_time_limit', '**.winrm.timeout',
      '**.winrm.retry_delay', '**.winrm.max_tries', '**.winrm.codepage',
    ],
  }),
];
