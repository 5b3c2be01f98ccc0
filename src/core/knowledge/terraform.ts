// What Terraform resources and arguments do for VM and container workloads, and what each says
// about the choice. Patterns follow parse/hcl.ts paths: `resource.<type>.<name>.<argument>`; `dynamic`
// blocks are covered by a second pattern. Resource-type records come after argument records.
import type { KeyTopic } from './keyTopic';
import type { Reference } from './types';
import { BB, DIFF, LEARN, MS, S24 } from './cite';

/** Resource types that create a virtual machine. */
export const TERRAFORM_VM_RESOURCES: ReadonlySet<string> = new Set([
  'libvirt_domain', 'vsphere_virtual_machine', 'aws_instance', 'aws_spot_instance_request',
  'azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine',
  'google_compute_instance', 'google_compute_instance_template', 'google_compute_instance_from_template',
  'proxmox_vm_qemu', 'proxmox_virtual_environment_vm', 'oci_core_instance', 'digitalocean_droplet', 'hcloud_server',
  'linode_instance', 'scaleway_instance_server', 'vultr_instance', 'openstack_compute_instance_v2',
  'aws_autoscaling_group', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set',
  'harvester_virtualmachine', 'nutanix_virtual_machine', 'xenorchestra_vm', 'aws_elastic_beanstalk_environment',
]);

/**
 * Resource types that create the VMs of a managed Kubernetes cluster's node pool, with the platform's
 * name: VMs whose job is to run containers.
 */
export const TERRAFORM_NODE_POOLS: ReadonlyMap<string, string> = new Map([
  ['aws_eks_node_group', 'EKS'],
  ['google_container_node_pool', 'GKE'],
  ['azurerm_kubernetes_cluster', 'AKS'],
  ['azurerm_kubernetes_cluster_node_pool', 'AKS'],
  ['digitalocean_kubernetes_cluster', 'DigitalOcean Kubernetes'],
  ['linode_lke_cluster', 'LKE'],
]);

/** Module sources that create a managed Kubernetes cluster with its node pools. */
export const TERRAFORM_CLUSTER_MODULES: readonly { source: RegExp; platform: string }[] = [
  { source: /^terraform-aws-modules\/eks\/aws(\/\/|$)/i, platform: 'EKS' },
  { source: /^terraform-google-modules\/kubernetes-engine\/google(\/\/|$)/i, platform: 'GKE' },
  { source: /^azure\/aks\/azurerm(\/\/|$)/i, platform: 'AKS' },
];

/** Resource types whose `type` argument chooses between a system container (the default) and a VM. */
export const TERRAFORM_LXC_INSTANCES: ReadonlySet<string> = new Set(['incus_instance', 'lxd_instance']);

/** Resource types that run containers. */
export const TERRAFORM_CONTAINER_RESOURCES: ReadonlySet<string> = new Set([
  'docker_container', 'kubernetes_pod', 'kubernetes_pod_v1', 'kubernetes_deployment', 'kubernetes_deployment_v1',
  'kubernetes_daemonset', 'kubernetes_daemon_set_v1', 'kubernetes_stateful_set', 'kubernetes_stateful_set_v1',
  'kubernetes_job', 'kubernetes_job_v1', 'kubernetes_cron_job', 'kubernetes_cron_job_v1',
  'aws_ecs_task_definition', 'aws_ecs_service', 'aws_ecs_task_set', 'google_cloud_run_service', 'google_cloud_run_v2_service',
  'google_cloud_run_v2_job', 'azurerm_container_group', 'azurerm_container_app',
]);

const K8S = [...TERRAFORM_CONTAINER_RESOURCES].filter((t) => t.startsWith('kubernetes_'));

const REG = 'https://registry.terraform.io/providers';
const providerOf: Record<string, string> = {
  aws: 'hashicorp/aws', azurerm: 'hashicorp/azurerm', google: 'hashicorp/google', kubernetes: 'hashicorp/kubernetes',
  docker: 'kreuzwerker/docker', libvirt: 'dmacvicar/libvirt', vsphere: 'vmware/vsphere', oci: 'oracle/oci',
  digitalocean: 'digitalocean/digitalocean', hcloud: 'hetznercloud/hcloud', linode: 'linode/linode', scaleway: 'scaleway/scaleway',
  vultr: 'vultr/vultr', openstack: 'terraform-provider-openstack/openstack', incus: 'lxc/incus', lxd: 'terraform-lxd/lxd',
  harvester: 'harvester/harvester', nutanix: 'nutanix/nutanix', xenorchestra: 'vatesfr/xenorchestra',
};
/** The registry page of a resource type. */
export function resourceRef(type: string): Reference {
  if (type === 'proxmox_vm_qemu') return { label: 'Terraform: proxmox_vm_qemu (Telmate provider)', url: `${REG}/Telmate/proxmox/latest/docs/resources/vm_qemu` };
  if (type === 'proxmox_virtual_environment_vm') return { label: 'Terraform: proxmox_virtual_environment_vm (bpg provider)', url: `${REG}/bpg/proxmox/latest/docs/resources/virtual_environment_vm` };
  const prefix = type.split('_')[0];
  const provider = providerOf[prefix] ?? `hashicorp/${prefix}`;
  return { label: `Terraform: ${type}`, url: `${REG}/${provider}/latest/docs/resources/${type.slice(prefix.length + 1)}` };
}

type T = Omit<KeyTopic, 'format'>;
const tf = (t: T): KeyTopic => ({ ...t, format: 'terraform' });

/** `resource.<type>.*.<arg>` for each type and argument, plus the `dynamic "<arg>"` form. */
const args = (types: readonly string[], ...names: string[]): string[] =>
  types.flatMap((t) => names.flatMap((a) => [`resource.${t}.*.${a}`, `resource.${t}.*.dynamic.${a}`]));
const VMS = [...TERRAFORM_VM_RESOURCES];

const vmResource = (type: string, what: string, extra = ''): KeyTopic =>
  tf({
    id: `terraform.resource.${type}`,
    title: type,
    summary: 'Creates a virtual machine.',
    does: what,
    angle:
      `A VM with its own kernel and guest OS: strong isolation from other tenants and free choice of OS, at the price of booting a full system and keeping it patched machine by machine (or replacing it from a new image). Containers, if any, would run on top of it.${extra}`,
    dimensions: ['isolation', 'os-kernel', 'guest-compat', 'os-updates'],
    sources: [MS.vmArch, MS.isolation, MS.updates, S24.summary],
    reference: resourceRef(type),
    paths: [`resource.${type}.*`],
  });

const containerResource = (type: string, what: string, angle: string, extraSources = [MS.containerArch, MS.loadBalancing]): KeyTopic =>
  tf({
    id: `terraform.resource.${type}`,
    title: type,
    summary: 'Runs containers.',
    does: what,
    angle,
    dimensions: ['os-kernel', 'deployment', 'load-balancing', 'fault-tolerance'],
    sources: extraSources,
    reference: resourceRef(type),
    paths: [`resource.${type}.*`],
  });

const K8S_ANGLE =
  'Kubernetes schedules the containers onto cluster nodes and, if a node fails, starts them again on another; load is handled by starting or stopping replicas, not by moving running machines. All containers on a node share its kernel, so isolation between workloads depends on the node and on settings such as `security_context`.';

export const TERRAFORM_TOPICS: readonly KeyTopic[] = [
  // VM arguments
  tf({
    id: 'terraform.vm.size',
    title: 'instance_type / size / machine_type / vcpu / memory',
    summary: 'How big the VM is.',
    does: 'Picks the VM\'s CPU and memory: `instance_type` (AWS), `size` or `vm_size` (Azure), `machine_type` (Google), `vcpu`/`memory` (libvirt: MiB up to provider 0.8; from 0.9 in `memory_unit`, as in libvirt\'s XML, where a bare number means KiB), `num_cpus`/`memory` (vSphere), `cores`/`memory` (Proxmox).',
    angle:
      'The whole size is reserved for one guest OS, whether the application uses it or not. Containers on a shared host draw CPU and memory as they need them, which is how far more of them fit on the same hardware.',
    dimensions: ['density', 'performance', 'os-kernel'],
    sources: [BB.diff, MS.os, LEARN.consider],
    reference: resourceRef('aws_instance'),
    paths: [
      ...args(VMS, 'instance_type', 'size', 'vm_size', 'machine_type', 'vcpu', 'memory', 'memory_unit', 'num_cpus', 'cores', 'sockets', 'cpu'),
      'module.*.instance_type', 'module.*.machine_type',
    ],
  }),
  tf({
    id: 'terraform.vm.image',
    title: 'ami / source_image_reference / boot_disk image',
    summary: 'The OS image the VM boots.',
    does: 'The machine image to start from: `ami` (AWS), `source_image_reference` (publisher/offer/sku/version) or `source_image_id` (Azure), `boot_disk.initialize_params.image` or a template `disk.source_image` (Google), a `disk` volume or `kernel` (libvirt; from provider 0.9 a disk in `devices` or `os.kernel`), `clone.template_uuid` (vSphere), `clone` (Proxmox).',
    angle:
      'A machine image carries a full OS with its own kernel, so the VM can run an OS unlike the host. Updating it means a new image and replacing VMs (or patching each one); for a container, a new image is rebuilt and redeployed by an orchestrator in minutes.',
    dimensions: ['os-kernel', 'guest-compat', 'os-updates'],
    sources: [MS.guest, MS.updates, MS.vmArch],
    reference: resourceRef('aws_instance'),
    paths: [
      ...args(VMS, 'ami', 'source_image_reference', 'source_image_id', 'storage_image_reference', 'boot_disk', 'source_image', 'source_image_family', 'kernel', 'clone'),
      'resource.google_compute_instance.*.boot_disk.initialize_params.image',
      'resource.google_compute_instance_template.*.disk.source_image',
      'resource.google_compute_instance_template.*.dynamic.disk.content.source_image',
      'resource.libvirt_domain.*.os.kernel',
      'module.*.ami',
    ],
  }),
  tf({
    id: 'terraform.vm.disk',
    title: 'disks (root_block_device, os_disk, disk)',
    summary: 'The VM\'s virtual disks.',
    does: 'Disk settings: `root_block_device`/`ebs_block_device` (AWS), `os_disk`/`storage_os_disk` and attached managed disks (Azure), `boot_disk`/`attached_disk`/`disk` (Google), `disk` (libvirt, vSphere, Proxmox; `devices.disks` from libvirt provider 0.9) with size, type and encryption.',
    angle:
      'A VM keeps its OS and data on its own virtual disk (a VHD-style block device), or on a shared file service for data several servers need. Containers are disposable; their lasting data lives in volumes, local to a node or shared, outside the container.',
    dimensions: ['storage'],
    sources: [MS.storage, S24.storage],
    reference: resourceRef('aws_instance'),
    paths: [...args(VMS, 'root_block_device', 'ebs_block_device', 'os_disk', 'storage_os_disk', 'storage_data_disk', 'attached_disk', 'disk', 'scratch_disk', 'filesystem', 'disks'), 'resource.libvirt_domain.*.devices.disks'],
  }),
  tf({
    id: 'terraform.vm.network',
    title: 'network_interface',
    summary: 'The VM\'s virtual network adapters.',
    does: 'Attaches the VM to networks: `network_interface` blocks (Google, vSphere; AWS, deprecated from provider 6.10 for `primary_network_interface`; libvirt up to 0.8, `devices.interfaces` from 0.9), `network_interface_ids` (Azure), `network` (Proxmox), with subnet, addresses and access config.',
    angle:
      'Each VM gets its own virtual network adapters. Containers usually get an isolated view of a virtual network adapter, which costs less but virtualizes less (on Windows hosts the host firewall is shared with them; on Linux, Docker\'s own iptables rules handle published ports).',
    dimensions: ['networking'],
    sources: [MS.networking],
    reference: resourceRef('aws_instance'),
    paths: [...args(VMS, 'network_interface', 'primary_network_interface', 'network_interface_ids', 'network', 'network_interfaces'), 'resource.libvirt_domain.*.devices.interfaces', 'module.*.network_interface'],
  }),
  tf({
    id: 'terraform.vm.user_data',
    title: 'user_data / custom_data / metadata_startup_script',
    summary: 'First-boot configuration for the VM (usually cloud-init).',
    does: 'Data handed to the guest at first boot, usually a `#cloud-config` document or a script that cloud-init runs: `user_data`/`user_data_base64` (AWS, Azure), `custom_data` (Azure), `metadata_startup_script` or `metadata.user-data` (Google), a `libvirt_cloudinit_disk` (libvirt).',
    angle:
      'The VM configures itself after booting a full OS, so every instance pays boot plus setup time. A container image arrives already configured and starts in seconds; configuration that must vary comes through environment variables or mounted files.',
    dimensions: ['startup', 'os-updates', 'deployment'],
    sources: [BB.diff, MS.updates, DIFF.containers],
    reference: resourceRef('aws_instance'),
    paths: [
      ...args(VMS, 'user_data', 'user_data_base64', 'custom_data', 'metadata_startup_script', 'cloudinit'),
      'resource.google_compute_instance.*.metadata.user-data', 'resource.google_compute_instance_template.*.metadata.user-data',
      'resource.libvirt_cloudinit_disk.*.user_data', 'resource.libvirt_cloudinit_disk.*.meta_data', 'resource.libvirt_cloudinit_disk.*.network_config',
      'module.*.user_data', 'module.*.user_data_base64',
    ],
  }),
  tf({
    id: 'terraform.vm.os_profile',
    title: 'os_profile / admin_username',
    summary: 'Guest OS accounts and login settings.',
    does: 'The guest OS administrator and login: `admin_username`, `admin_password`, `admin_ssh_key`, `computer_name`, `disable_password_authentication` (Azure; `os_profile` on the older `azurerm_virtual_machine`), `key_name` (AWS).',
    angle:
      'A VM has a full OS with its own users and remote login to manage; that is part of its upkeep. A container runs an application process, normally without logins, and is replaced rather than administered.',
    dimensions: ['security', 'os-updates'],
    sources: [S24.security, BB.vmBenefits],
    reference: resourceRef('azurerm_linux_virtual_machine'),
    paths: args(VMS, 'os_profile', 'os_profile_linux_config', 'os_profile_windows_config', 'admin_username', 'admin_password', 'admin_ssh_key', 'computer_name', 'key_name', 'disable_password_authentication'),
  }),
  tf({
    id: 'terraform.vm.placement',
    title: 'availability_zone / zone / placement',
    summary: 'Where the VM is placed, for fault tolerance.',
    does: 'Places the VM: `availability_zone`, `placement_group`, `tenancy`, `host_id` (AWS), `zone`/`zones`, `availability_set_id`, `platform_fault_domain`, `proximity_placement_group_id` (Azure), `zone` and `scheduling` (Google).',
    angle:
      'Spreading VMs across zones or fault domains is how VM workloads survive a host failure: a failed VM is restarted elsewhere and boots its OS again. An orchestrator does the equivalent for containers by recreating them quickly on a healthy node.',
    dimensions: ['fault-tolerance', 'load-balancing'],
    sources: [MS.faultTolerance, LEARN.know, S24.faultTolerance],
    reference: resourceRef('aws_instance'),
    paths: [...args(VMS, 'availability_zone', 'placement_group', 'placement_partition_number', 'tenancy', 'host_id', 'zone', 'zones', 'availability_set_id', 'platform_fault_domain', 'proximity_placement_group_id', 'scheduling'), 'module.*.availability_zone'],
  }),
  // Container arguments
  tf({
    id: 'terraform.docker_container.image',
    title: 'image (container)',
    summary: 'The container image to run.',
    does: 'The image reference (or a `docker_image` resource\'s id) the container or pod is created from.',
    angle:
      'A container image holds user-mode files only and runs on the host kernel: megabytes, seconds to start, and updated by rebuilding and redeploying. It cannot bring its own kernel or another OS family.',
    dimensions: ['os-kernel', 'startup', 'os-updates'],
    sources: [MS.containerArch, BB.containers, MS.updates],
    reference: resourceRef('docker_container'),
    paths: [...args(['docker_container', 'azurerm_container_group'], 'image'), ...K8S.map((t) => `resource.${t}.*.**.container.image`), 'resource.google_cloud_run_service.*.**.containers.image', 'resource.google_cloud_run_v2_service.*.**.containers.image', 'resource.azurerm_container_group.*.container.image'],
  }),
  tf({
    id: 'terraform.docker_container.privileged',
    title: 'privileged',
    summary: 'Run the container privileged.',
    does: 'When `true`, the container gets all capabilities and host devices and loses seccomp/AppArmor confinement (docker_container `privileged`; Kubernetes `security_context { privileged = true }`).',
    angle:
      'Only namespaces remain between a privileged container and the shared kernel. The documents advise keeping this off; a workload that needs it is a candidate for a VM, or at least a sandboxed runtime.',
    dimensions: ['isolation', 'security'],
    sources: [S24.security, MS.isolation],
    reference: resourceRef('docker_container'),
    paths: [...args(['docker_container'], 'privileged'), ...K8S.map((t) => `resource.${t}.*.**.security_context.privileged`)],
    notes: [{ match: /^true$/i, note: 'privileged: the container boundary is mostly gone.' }],
  }),
  tf({
    id: 'terraform.docker_container.capabilities',
    title: 'capabilities',
    summary: 'Linux capabilities added to or dropped from the container.',
    does: '`capabilities { add = [...], drop = [...] }` on docker_container; `security_context { capabilities { add, drop } }` in Kubernetes.',
    angle: 'Dropping capabilities narrows what a container can ask of the shared kernel; adding broad ones such as `SYS_ADMIN` widens it towards privileged.',
    dimensions: ['isolation', 'security'],
    sources: [S24.security, MS.isolation],
    reference: resourceRef('docker_container'),
    paths: [...args(['docker_container'], 'capabilities'), ...K8S.map((t) => `resource.${t}.*.**.security_context.capabilities`)],
  }),
  tf({
    id: 'terraform.k8s.security_context',
    title: 'security_context',
    summary: 'Security settings of a pod or container.',
    does: 'Pod- or container-level settings: `run_as_user`, `run_as_non_root`, `privileged`, `allow_privilege_escalation`, `read_only_root_filesystem`, `capabilities`, `seccomp_profile`.',
    angle:
      'These are the container\'s isolation controls. Tight settings (non-root, read-only, dropped capabilities) keep a shared-kernel workload contained; loose ones mean the VM-grade boundary the workload may need is missing.',
    dimensions: ['isolation', 'security'],
    sources: [S24.security, MS.isolation, DIFF.containers],
    reference: resourceRef('kubernetes_pod'),
    paths: K8S.map((t) => `resource.${t}.*.**.security_context`),
  }),
  tf({
    id: 'terraform.container.volumes',
    title: 'volumes / mounts',
    summary: 'Storage mounted into the container.',
    does: '`volumes` and `mounts` blocks on docker_container (host paths, named volumes, tmpfs); `volume`/`volume_mount` in Kubernetes specs; `volume` in ECS task definitions.',
    angle:
      'Containers are disposable; data that must outlive them goes to volumes, local to a node or shared over the network. A VM keeps its state on its own virtual disk. Mounting the host Docker socket hands over control of the host.',
    dimensions: ['storage', 'isolation'],
    sources: [MS.storage, S24.storage],
    reference: resourceRef('docker_container'),
    paths: [...args(['docker_container', 'aws_ecs_task_definition', 'azurerm_container_group'], 'volumes', 'mounts', 'volume'), ...K8S.map((t) => `resource.${t}.*.**.volume`), ...K8S.map((t) => `resource.${t}.*.**.volume_mount`)],
    notes: [{ match: /docker\.sock/i, note: 'the host Docker socket: whoever controls the container controls the host daemon, and so the host.' }],
  }),
  tf({
    id: 'terraform.container.network_mode',
    title: 'network_mode / host_network',
    summary: 'How the container is networked.',
    does: '`network_mode` on docker_container (`bridge`, `host`, `none`, `container:<id>`) and on ECS task definitions (`awsvpc`, `bridge`, `host`, `none`); `host_network`/`host_pid`/`host_ipc` in Kubernetes pod specs.',
    angle:
      'By default a container gets its own isolated view of the network. Host networking removes that view and puts the container on the host\'s stack; ECS `awsvpc` instead gives each task its own network interface, closer to how a VM is networked.',
    dimensions: ['networking', 'isolation'],
    sources: [MS.networking],
    reference: resourceRef('docker_container'),
    paths: [...args(['docker_container', 'aws_ecs_task_definition'], 'network_mode'), ...K8S.flatMap((t) => [`resource.${t}.*.**.host_network`, `resource.${t}.*.**.host_pid`, `resource.${t}.*.**.host_ipc`])],
    notes: [{ match: /^host$/i, note: 'host networking: no network isolation from the host.' }, { match: /^awsvpc$/i, note: 'each task gets its own elastic network interface.' }],
  }),
  tf({
    id: 'terraform.docker_container.devices',
    title: 'devices',
    summary: 'Host devices passed into the container.',
    does: '`devices { host_path, container_path, permissions }` maps a host device node into the container.',
    angle: 'The device\'s driver stays in the host kernel the container shares. A VM would get an emulated or passed-through device and drive it itself.',
    dimensions: ['isolation', 'os-kernel'],
    sources: [MS.containerArch, MS.isolation],
    reference: resourceRef('docker_container'),
    paths: args(['docker_container'], 'devices'),
  }),
  tf({
    id: 'terraform.k8s.container',
    title: 'container',
    summary: 'A container in a Kubernetes pod spec.',
    does: 'Declares one container of the pod: `image`, `name`, `command`/`args`, `env`, `port`, `resources` (requests/limits), probes, `volume_mount`, `security_context`.',
    angle: K8S_ANGLE,
    dimensions: ['os-kernel', 'fault-tolerance', 'load-balancing'],
    sources: [MS.containerArch, MS.faultTolerance, MS.loadBalancing],
    reference: resourceRef('kubernetes_pod'),
    paths: K8S.flatMap((t) => [`resource.${t}.*.**.container`, `resource.${t}.*.**.init_container`]),
  }),
  tf({
    id: 'terraform.ecs.requires_compatibilities',
    title: 'requires_compatibilities',
    summary: 'Where an ECS task may run: on Fargate or on your EC2 instances.',
    does: 'A list of launch types the task definition is valid for: `"FARGATE"`, `"EC2"`, `"EXTERNAL"`. Fargate requires `network_mode = "awsvpc"` and task-level `cpu`/`memory`.',
    angle:
      'On EC2 the containers share the kernel of VMs you run and patch. On Fargate each task gets its own microVM-isolated environment managed by AWS: container packaging and start-up with a VM-style boundary between tasks.',
    dimensions: ['isolation', 'deployment', 'os-updates'],
    sources: [MS.isolation, S24.security, MS.updates],
    reference: resourceRef('aws_ecs_task_definition'),
    paths: [...args(['aws_ecs_task_definition'], 'requires_compatibilities'), 'module.*.requires_compatibilities'],
    notes: [
      { match: /FARGATE/i, note: 'Fargate: each task runs in its own microVM-isolated environment; no shared kernel with other tasks.' },
      { match: /^EC2$/i, note: 'EC2: tasks share the kernel of container instances you manage.' },
    ],
  }),
  tf({
    id: 'terraform.ecs.launch_type',
    title: 'launch_type / capacity_provider_strategy',
    summary: 'Where an ECS service\'s tasks run.',
    does: '`launch_type` (`FARGATE`, `EC2`, `EXTERNAL`) or a `capacity_provider_strategy` spreading tasks over Fargate, Fargate Spot or Auto Scaling groups of EC2 instances.',
    angle: 'The same trade-off as `requires_compatibilities`: your own VMs sharing a kernel among tasks, or Fargate\'s per-task isolation managed by AWS.',
    dimensions: ['isolation', 'deployment'],
    sources: [MS.isolation, MS.deployment],
    reference: resourceRef('aws_ecs_service'),
    paths: [...args(['aws_ecs_service', 'aws_ecs_task_set'], 'launch_type', 'capacity_provider_strategy'), 'module.*.launch_type'],
    notes: [{ match: /FARGATE/i, note: 'Fargate: microVM-isolated tasks.' }],
  }),
  tf({
    id: 'terraform.ecs.container_definitions',
    title: 'container_definitions',
    summary: 'The containers of an ECS task (JSON).',
    does: 'A JSON list (usually `jsonencode(...)`) of containers: `name`, `image`, `cpu`, `memory`, `portMappings`, `environment`, `essential`, `privileged`, `linuxParameters`, mounts.',
    angle:
      'The task is a group of containers ECS places and replaces for you: a failed task is started again, and scaling means more tasks, not bigger machines.',
    dimensions: ['deployment', 'fault-tolerance', 'load-balancing'],
    sources: [MS.faultTolerance, MS.loadBalancing, MS.deployment],
    reference: resourceRef('aws_ecs_task_definition'),
    paths: [...args(['aws_ecs_task_definition'], 'container_definitions'), 'module.*.container_definitions'],
  }),
  tf({
    id: 'terraform.ecs.cpu',
    title: 'cpu / memory (task)',
    summary: 'CPU units and memory (MiB) reserved for an ECS task.',
    does: 'Task-level size: `cpu` in CPU units (1024 = 1 vCPU) and `memory` in MiB. Required for Fargate, which only accepts certain combinations.',
    angle: 'Containers are sized per task and packed onto shared capacity, far finer-grained than whole VM sizes.',
    dimensions: ['density'],
    sources: [LEARN.consider, BB.diff],
    reference: resourceRef('aws_ecs_task_definition'),
    paths: args(['aws_ecs_task_definition'], 'cpu', 'memory'),
  }),
  tf({
    id: 'terraform.cloud_run.template',
    title: 'template / containers (Cloud Run)',
    summary: 'The revision template of a Cloud Run service.',
    does: '`template` describes each revision: `containers` (image, ports, env, resources), scaling, service account, execution environment (`EXECUTION_ENVIRONMENT_GEN1`/`GEN2`).',
    angle:
      'Cloud Run starts and stops container instances with the traffic, down to zero. Each instance runs in a gVisor or microVM sandbox, so tenants are separated more strongly than plain containers on a shared kernel.',
    dimensions: ['startup', 'load-balancing', 'isolation'],
    sources: [MS.loadBalancing, BB.diff, MS.isolation],
    reference: resourceRef('google_cloud_run_v2_service'),
    paths: [...args(['google_cloud_run_service', 'google_cloud_run_v2_service', 'google_cloud_run_v2_job'], 'template'), 'resource.google_cloud_run_service.*.**.containers', 'resource.google_cloud_run_v2_service.*.**.containers'],
  }),
  // Resource types
  vmResource('aws_instance', 'An EC2 instance: a VM from an AMI, sized by `instance_type`, in a subnet, configured at boot through `user_data`.'),
  vmResource('aws_spot_instance_request', 'Requests an EC2 Spot instance (spare capacity at a discount, reclaimable at short notice) with the same arguments as `aws_instance`.', ' Spot VMs can be taken back at any time, so the workload must tolerate losing a machine, as container workloads usually are built to.'),
  vmResource('azurerm_linux_virtual_machine', 'An Azure Linux VM: `size`, `source_image_reference`/`source_image_id`, `os_disk`, `network_interface_ids`, `admin_username` with SSH keys, `custom_data`.'),
  vmResource('azurerm_windows_virtual_machine', 'An Azure Windows VM: `size`, image, `os_disk`, `network_interface_ids`, `admin_username`/`admin_password`, `custom_data`.', ' Windows guests run here regardless of host; Windows containers instead need a Windows host of a compatible version.'),
  vmResource('azurerm_virtual_machine', 'The older, generic Azure VM resource (`vm_size`, `storage_image_reference`, `storage_os_disk`, `os_profile`), superseded by the Linux/Windows specific ones.'),
  vmResource('google_compute_instance', 'A Compute Engine VM: `machine_type`, `zone`, `boot_disk` with an image, `network_interface`, `metadata`/`metadata_startup_script`.'),
  vmResource('google_compute_instance_template', 'A template for Compute Engine VMs, used by managed instance groups to create identical VMs (autoscaling, autohealing).', ' Managed instance groups recreate failed VMs and scale by adding VMs, each booting its own OS; orchestrators do the same for containers much faster.'),
  vmResource('google_compute_instance_from_template', 'A Compute Engine VM created from an instance template, with overrides.'),
  vmResource('libvirt_domain', 'A libvirt domain (KVM/QEMU VM): `vcpu`, `memory`, disks from `libvirt_volume`s, networks, optional direct `kernel`/`initrd` boot and a cloud-init disk. Up to provider 0.8 these are `disk`, `network_interface` and `cloudinit`; 0.9 follows libvirt\'s domain XML (`devices` with `disks` and `interfaces`, `os` for the boot).'),
  vmResource('vsphere_virtual_machine', 'A VMware vSphere VM: `num_cpus`, `memory`, `guest_id`, `disk`, `network_interface`, usually `clone`d from a template.'),
  vmResource('proxmox_vm_qemu', 'A Proxmox VE QEMU VM (Telmate provider): `cores`, `memory`, `disk`, `network`, usually cloned from a template, with cloud-init settings.'),
  vmResource('proxmox_virtual_environment_vm', 'A Proxmox VE VM (bpg provider): `cpu`, `memory`, `disk`, `network_device`, `clone`, `initialization` (cloud-init).'),
  vmResource('oci_core_instance', 'An Oracle Cloud Infrastructure compute instance: `shape` (with `shape_config` for flexible shapes), `source_details` naming the image or boot volume, `create_vnic_details`, `metadata` with SSH keys and `user_data`.'),
  vmResource('digitalocean_droplet', 'A DigitalOcean Droplet (a VM): `image`, `size`, `region`, `ssh_keys`, `user_data` for cloud-init.'),
  vmResource('hcloud_server', 'A Hetzner Cloud server (a VM): `server_type`, `image`, `location`, `ssh_keys`, `user_data` for cloud-init.'),
  vmResource('linode_instance', 'A Linode (Akamai) instance, a VM: `type` (the plan), `image`, `region`, `authorized_keys`, optional `metadata.user_data` for cloud-init.'),
  vmResource('scaleway_instance_server', 'A Scaleway Instance (a VM): `type`, `image`, `zone`, volumes, `user_data` with a `cloud-init` key.'),
  vmResource('vultr_instance', 'A Vultr cloud compute instance (a VM): `plan`, `region`, `os_id` or `image_id`, `ssh_key_ids`, `user_data`.'),
  vmResource('openstack_compute_instance_v2', 'An OpenStack Nova server (a VM): `flavor_name`/`flavor_id`, `image_name`/`image_id` or a `block_device`, `key_pair`, `network`, `user_data`.'),
  vmResource('aws_elastic_beanstalk_environment', 'An Elastic Beanstalk environment: an application version run on EC2 instances Beanstalk manages (`solution_stack_name` or `platform_arn` picks the platform, `setting` blocks the instance type, scaling and load balancer).', ' Beanstalk runs the application on VMs it patches and scales; on a Docker platform (`solution_stack_name` naming Docker, or ECS), the instances run the application as containers.'),
  vmResource('harvester_virtualmachine', 'A Harvester HCI VM (KubeVirt underneath): `cpu`, `memory`, `disk` blocks from images or volumes, `network_interface`, `cloudinit` user and network data, `run_strategy`.'),
  vmResource('nutanix_virtual_machine', 'A Nutanix AHV VM: `num_vcpus_per_socket`/`num_sockets`, `memory_size_mib`, `disk_list` (often cloned from an image), `nic_list`, `guest_customization_cloud_init_user_data`.'),
  vmResource('xenorchestra_vm', 'A XCP-ng/XenServer VM through Xen Orchestra: `template`, `cpus`, `memory_max`, `disk` and `network` blocks, `cloud_config`.'),
  vmResource('aws_autoscaling_group', 'An EC2 Auto Scaling group: keeps between `min_size` and `max_size` instances running from a `launch_template` (or launch configuration), across `vpc_zone_identifier` subnets, replacing unhealthy ones.', ' The group replaces failed VMs and scales by adding VMs, each booting its own OS; an orchestrator does the same for containers, faster and more densely.'),
  vmResource('azurerm_linux_virtual_machine_scale_set', 'An Azure scale set of identical Linux VMs: `sku`, `instances`, `source_image_reference`, `os_disk`, `network_interface`, `custom_data`, upgrade and automatic-repair policies.', ' The scale set replaces failed VMs and scales by adding VMs, each booting its own OS; an orchestrator does the same for containers, faster and more densely.'),
  vmResource('azurerm_windows_virtual_machine_scale_set', 'An Azure scale set of identical Windows VMs: `sku`, `instances`, `source_image_reference`, `os_disk`, `network_interface`, `admin_username`/`admin_password`.', ' The scale set replaces failed VMs and scales by adding VMs, each booting its own OS; an orchestrator does the same for containers, faster and more densely.'),
  ...[...TERRAFORM_NODE_POOLS].map(([t, platform]) =>
    tf({
      id: `terraform.resource.${t}`,
      title: t,
      summary: `Creates the VMs of a ${platform} node pool: hosts for containers.`,
      does: `${
        t === 'azurerm_kubernetes_cluster'
          ? 'An AKS cluster with its `default_node_pool` (`vm_size`, `node_count` or autoscaling bounds)'
          : t === 'digitalocean_kubernetes_cluster'
            ? 'A DigitalOcean Kubernetes cluster with its `node_pool` (`size`, `node_count` or autoscaling bounds)'
            : t === 'linode_lke_cluster'
              ? 'A Linode Kubernetes Engine cluster with its `pool` blocks (`type`, `count` or autoscaling bounds)'
              : `A ${platform} node pool: the machine type, the node count or autoscaling bounds, labels and taints`
      }. The provider runs the control plane; the nodes are VMs in your account.`,
      angle:
        'Node pools are VMs, kept by the platform, whose job is to run containers: the workloads scheduled onto them share each node\'s kernel, and their isolation comes from the node and the pods\' settings. Choosing this is choosing containers for the workloads, with VMs underneath.',
      dimensions: ['os-kernel', 'density', 'fault-tolerance'],
      sources: [MS.containerArch, MS.vmArch, MS.faultTolerance],
      reference: resourceRef(t),
      paths: [`resource.${t}.*`],
    })),
  ...[...TERRAFORM_LXC_INSTANCES].map((t) =>
    tf({
      id: `terraform.resource.${t}`,
      title: t,
      summary: 'Creates a system container, or a VM when `type = "virtual-machine"`.',
      does: `An ${t.startsWith('incus') ? 'Incus' : 'LXD'} instance: \`image\`, \`type\` (\`container\`, the default, or \`virtual-machine\`), \`profiles\`, \`config\` (such as \`limits.cpu\`, \`security.nesting\`), \`device\` blocks.`,
      angle:
        'The same resource makes either kind: a system container runs a whole distribution\'s init and services but shares the host\'s kernel, so it starts quickly and packs densely; `type = "virtual-machine"` boots the image with its own kernel under QEMU, trading that for a hypervisor boundary and a free choice of kernel.',
      dimensions: ['isolation', 'os-kernel', 'startup', 'density'],
      sources: [MS.containerArch, MS.vmArch, MS.isolation, BB.diff],
      reference: resourceRef(t),
      paths: [`resource.${t}.*`],
    })),
  containerResource('docker_container', 'A Docker container on the provider\'s Docker host: `image`, `ports`, `env`, `volumes`/`mounts`, `privileged`, `capabilities`, `network_mode`, `restart`.',
    'A single container on a single Docker host: it shares that host\'s kernel and starts in seconds, but nothing moves it if the host fails; recovery and scaling come from an orchestrator, which this is not.', [MS.containerArch, MS.faultTolerance]),
  ...K8S.map((t) => containerResource(t, `A Kubernetes ${t.replace(/^kubernetes_|_v1$/g, '').replace(/_/g, ' ')}: \`metadata\` and a \`spec\` whose pod template lists \`container\`s.`, K8S_ANGLE, [MS.containerArch, MS.faultTolerance, MS.loadBalancing])),
  containerResource('aws_ecs_task_definition', 'An ECS task definition: `family`, `container_definitions` (JSON), `requires_compatibilities`, `network_mode`, task `cpu`/`memory`, volumes.',
    'ECS runs the task\'s containers on Fargate (each task in its own microVM-isolated environment) or on EC2 instances you manage (tasks share their kernel). Either way, failed tasks are replaced and scaling adds tasks.', [MS.faultTolerance, MS.isolation, MS.loadBalancing]),
  containerResource('aws_ecs_service', 'An ECS service: keeps `desired_count` tasks of a task definition running, with `launch_type` or capacity providers, load balancers and deployment settings.',
    'The service is the orchestrator\'s promise: tasks that die are started again, and scaling changes the count. Running VMs are not moved; containers are simply recreated.', [MS.faultTolerance, MS.loadBalancing]),
  containerResource('aws_ecs_task_set', 'One set of tasks inside an ECS service whose deployment controller is `EXTERNAL` (blue/green or canary rollouts driven by another tool): `service`, `cluster`, `task_definition`, `launch_type` or capacity providers, `scale` (a percentage of the service\'s desired count), load balancers and service registries.',
    'Several task sets of one service can run side by side, each from its own task definition, while traffic moves from one to the next: a new version ships as new containers started next to the old ones, which are then retired, rather than as changes to running machines. Where the tasks run (Fargate or your own EC2 instances) decides their isolation, as for the service.', [MS.updates, MS.loadBalancing, MS.deployment]),
  containerResource('google_cloud_run_service', 'A Cloud Run (v1 API) service: `template.spec.containers`, traffic split, autoscaling annotations.', 'Serverless containers started on demand and scaled to zero; each instance is sandboxed, so tenants get stronger separation than plain shared-kernel containers.', [MS.loadBalancing, MS.isolation]),
  containerResource('google_cloud_run_v2_service', 'A Cloud Run (v2 API) service: `template.containers`, `scaling`, `ingress`, `traffic`.', 'Serverless containers started on demand and scaled to zero; each instance is sandboxed, so tenants get stronger separation than plain shared-kernel containers.', [MS.loadBalancing, MS.isolation]),
  containerResource('google_cloud_run_v2_job', 'A Cloud Run job: containers that run to completion, in parallel tasks.', 'Batch work as containers: started quickly, billed while running, sandboxed per instance.', [BB.diff, MS.isolation]),
  containerResource('azurerm_container_group', 'An Azure Container Instances group: `container` blocks (image, cpu, memory, ports), `os_type`, networking.', 'Containers without a cluster: Azure runs each group with hypervisor isolation, so groups do not share a kernel with other customers.', [MS.isolation, MS.deployment]),
  containerResource('azurerm_container_app', 'An Azure Container App: a `template` with containers, scaling rules and ingress, on a managed Kubernetes-based environment.',
    'Azure starts, stops and replaces the app\'s container replicas with the load (down to zero) and after failures, rather than moving machines. The nodes and their kernel are Azure\'s to run, so isolation is set by the platform, not by settings in this file.', [MS.loadBalancing, MS.faultTolerance]),
];
