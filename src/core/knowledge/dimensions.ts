// The comparison the whole extension rests on: one record per dimension, three columns, cited.
// Cells are our own summaries of the five documents (sources.ts). The documents speak about
// Hyper-V isolation; gVisor, Kata Containers and Firecracker microVMs are named only as
// real-world examples of the same idea (a container run behind a boundary of its own).
import type { Cite, Dimension, DimensionId } from './types';

const MS = 'ms-containers-vs-vms' as const;
const DIFF = 'difference-containers-vms' as const;
const BB = 'backblaze-vms-vs-containers' as const;
const S247 = 'site24x7-containers-vs-vms' as const;
const UNIT = 'ms-learn-containers-vs-vms-unit' as const;

const msRow = (row: string): Cite => ({ doc: MS, section: `Containers vs. virtual machines: ${row}` });
const UNIT_KNOW: Cite = { doc: UNIT, section: 'Things to know about containers versus virtual machines' };
const UNIT_CONSIDER: Cite = { doc: UNIT, section: 'Things to consider when using containers' };
const DIFF_VMS: Cite = { doc: DIFF, section: 'Virtual Machines: Isolated and Versatile' };
const DIFF_CONTAINERS: Cite = { doc: DIFF, section: 'Containers: Lightweight and Efficient' };
const DIFF_CHOOSE: Cite = { doc: DIFF, section: 'Which One to Choose?' };
const BB_TABLE: Cite = { doc: BB, section: "What's the Diff: VMs vs. Containers" };
const BB_FAQ: Cite = { doc: BB, section: 'VM vs. Containers FAQs' };

export const DIMENSIONS: Dimension[] = [
  {
    id: 'isolation',
    name: 'Isolation',
    container:
      'Processes are fenced off from each other and from the host by features of the one shared kernel. The boundary is lighter than a VM\'s, and a flaw in that kernel can reach every container on the host.',
    vm:
      'Each VM has its own kernel and virtual hardware behind a hypervisor, so a guest sees neither the host nor its neighbours. This is the boundary to pick when tenants who do not trust each other share a server.',
    sandboxed:
      'Adds a second boundary around each container. Microsoft\'s Hyper-V isolation runs every container in its own small VM; Kata Containers and Firecracker microVMs apply the same idea on Linux, and gVisor puts a user-space kernel in between instead.',
    sources: [msRow('Isolation'), UNIT_KNOW, DIFF_CONTAINERS, BB_FAQ, { doc: S247, section: 'Instance Security' }],
    note:
      'The documents disagree on how strong container isolation is. The Microsoft documents call it lightweight and weaker than a VM\'s, and Backblaze calls it process-level and possibly less secure; the "Difference" page speaks of strong isolation of resources for containers too, while warning that a kernel flaw reaches them all. We follow Microsoft.',
  },
  {
    id: 'os-kernel',
    name: 'Operating system and kernel',
    container:
      'Uses the host\'s kernel and ships only the user-mode part of an OS (libraries and a few services), trimmed to what the app needs. It cannot bring a kernel, kernel version or kernel modules of its own.',
    vm:
      'Boots a full operating system with its own kernel, which costs CPU, memory and disk for every instance. In return the guest chooses its kernel version, modules and settings.',
    sandboxed:
      'Each sandbox gets a kernel of its own (the small VM\'s, or gVisor\'s user-space one), so the host kernel is not directly exposed. The workload is still an ordinary user-mode container image.',
    sources: [
      { doc: MS, section: 'Container architecture' },
      { doc: MS, section: 'Virtual machine architecture' },
      msRow('Operating system'),
      UNIT_KNOW,
      { doc: BB, section: 'What Are Containers?' },
      BB_TABLE,
    ],
    note:
      'Site24x7 says a container has no OS (no OS image, using the host\'s); the Microsoft documents say it carries the user-mode part of an OS on the host\'s kernel. Both agree there is no kernel of its own; we follow Microsoft on the user-mode part.',
  },
  {
    id: 'virtualization',
    name: 'What is virtualized',
    container:
      'The operating system is what gets virtualized: each container gets its own view of one shared kernel\'s resources (processes, files, network), with no virtual hardware underneath.',
    vm:
      'The hardware is what gets virtualized: a hypervisor presents virtual CPUs, memory, disks and adapters, and each guest runs a whole OS on them as if on a machine of its own.',
    sandboxed:
      'Both at once: the container interface stays, but the sandbox adds a small virtual machine (or, with gVisor, a kernel in user space) between the workload and the host.',
    sources: [BB_TABLE, DIFF_VMS, { doc: BB, section: 'What Is a Hypervisor?' }],
  },
  {
    id: 'guest-compat',
    name: 'Guest compatibility',
    container:
      'The image must suit the host: a Linux image needs a Linux kernel, and a Windows image must match the Windows version of the host.',
    vm:
      'Runs almost any operating system, old or new, side by side on the same hardware. That is why legacy applications and mixed-OS estates usually stay on VMs.',
    sandboxed:
      'Hyper-V isolation lets a Windows container run an earlier version of the same OS than the host, inside its small VM. The OS family of the image must still match what the sandbox provides.',
    sources: [msRow('Guest compatibility'), DIFF_VMS, DIFF_CHOOSE, { doc: BB, section: 'Benefits of VMs' }],
  },
  {
    id: 'deployment',
    name: 'Deployment',
    container:
      'One container starts from a command line (for example `docker run`); many are rolled out by an orchestrator such as Kubernetes. Small images deploy, update and roll back quickly, which suits CI/CD.',
    vm:
      'One VM is created with the hypervisor\'s manager or command line; fleets go through virtualization management tools (Hyper-V Manager, PowerShell, System Center or vSphere in the documents). Each carries a whole OS, so it is heavier and slower to roll out.',
    sandboxed:
      'Deployed like any container, with the same images and orchestrator; the sandbox runtime is chosen per workload (in Kubernetes, through a RuntimeClass) and must be installed on the nodes.',
    sources: [msRow('Deployment'), UNIT_KNOW, { doc: S247, section: 'Portability and Deployment' }, DIFF_CONTAINERS],
  },
  {
    id: 'os-updates',
    name: 'OS updates and patching',
    container:
      'Patching means rebuilding: move the Dockerfile to a newer base image, build, push to the registry and let the orchestrator roll the new image out. Running containers are replaced, not patched in place.',
    vm:
      'Updates are installed inside each guest, one VM at a time; a new OS release often means an in-place upgrade or a freshly built VM. Across many VMs this takes a lot of time.',
    sandboxed:
      'Images are rebuilt and redeployed as for plain containers. The sandbox\'s own guest kernel or runtime is updated by whoever runs the nodes, separately from the images.',
    sources: [
      msRow('Operating system updates and upgrades'),
      { doc: S247, section: 'Portability and Deployment' },
      { doc: BB, section: 'Benefits of Containers' },
    ],
  },
  {
    id: 'storage',
    name: 'Persistent storage',
    container:
      'Anything written inside the container is lost when it is replaced, so lasting data goes on volumes: a disk attached to one node, or a network file share (SMB in the documents) when several nodes need it.',
    vm:
      'A VM keeps its state on a virtual hard disk (VHD) of its own, and uses a network file share such as SMB when several servers need the same data.',
    sandboxed:
      'Uses the same volumes as containers, but they reach the workload through the sandbox boundary (a shared filesystem or a passed-through device), so file-heavy workloads are worth measuring.',
    sources: [msRow('Persistent storage'), UNIT_KNOW, { doc: S247, section: 'Persistent storage' }],
  },
  {
    id: 'load-balancing',
    name: 'Load balancing',
    container:
      'Containers are not moved: the orchestrator starts more of them, or stops some, on the cluster\'s nodes as load and availability change.',
    vm:
      'Besides starting and stopping VMs, a hypervisor cluster can balance load by moving running VMs to other servers of the cluster.',
    sandboxed:
      'Scaled by the orchestrator like any container: a sandboxed pod is started or stopped, never moved, and its extra memory counts when the scheduler fills nodes.',
    sources: [msRow('Load balancing'), { doc: S247, section: 'Load balancing' }],
  },
  {
    id: 'fault-tolerance',
    name: 'Fault tolerance',
    container:
      'When a node fails the orchestrator quickly recreates its containers on other nodes. The app has to cope with being restarted somewhere else with a fresh filesystem.',
    vm:
      'A clustered VM fails over to another server, where its operating system boots again. The application sees a reboot rather than a new instance.',
    sandboxed: 'As for containers: the orchestrator recreates the sandboxed workload on a healthy node.',
    sources: [msRow('Fault tolerance'), UNIT_KNOW, { doc: S247, section: 'Fault tolerance' }],
    note:
      'Site24x7 describes the orchestrator creating a new cluster node for the lost containers, and the hypervisor moving VMs to a new fail-over cluster before restarting their OS; the Microsoft documents say the containers are recreated on another node of the same cluster, and that a VM fails over to another server of its cluster, where its OS restarts. We follow Microsoft on both sides.',
  },
  {
    id: 'networking',
    name: 'Networking',
    container:
      'A container gets an isolated view of a virtual network adapter: slightly less virtualization than a VM, for fewer resources. Microsoft\'s table (about Windows containers) adds that the host\'s firewall is shared with them; on Linux, Docker writes its own iptables rules for published ports, which take effect before front ends such as ufw.',
    vm: 'Each VM has virtual network adapters of its own, with a full network stack and firewall inside the guest.',
    sandboxed:
      'The sandbox has a network stack of its own (the small VM\'s, or gVisor\'s), which the runtime connects to the usual container network, so ports and network policies work as for plain containers.',
    sources: [msRow('Networking')],
    note:
      'The documents disagree. Site24x7\'s table (Networking row) gives containers the virtual network adapters and VMs the isolated view of one; Microsoft\'s table, the primary source, says the reverse, so Site24x7 is not cited for these cells. The firewall remark is Microsoft\'s, for Windows hosts; Docker\'s "Packet filtering and firewalls" page describes the Linux case.',
  },
  {
    id: 'startup',
    name: 'Startup time',
    container:
      'No operating system to boot, so a container starts about as fast as its process, in seconds or less. That makes scaling out on demand practical.',
    vm: 'A whole guest OS boots first, so startup takes minutes in the documents\' terms, and scaling out is slower.',
    sandboxed:
      'Slower than a plain container and much faster than a full VM: a microVM or gVisor sandbox adds a short boot or setup step before the process runs.',
    sources: [BB_TABLE, BB_FAQ, DIFF_CONTAINERS, DIFF_VMS, { doc: BB, section: 'What Are Containers?' }],
    note: 'Backblaze\'s comparison says containers start in milliseconds; its own FAQ and the other documents say seconds.',
  },
  {
    id: 'density',
    name: 'Footprint and density',
    container:
      'No OS copy per instance, so images weigh megabytes rather than gigabytes and one server holds more applications (Backblaze estimates two to three times as many).',
    vm:
      'Every VM carries a full OS plus virtual hardware and a fixed memory allocation, so fewer fit on a host, though still far more than separate physical machines.',
    sandboxed:
      'Each sandbox adds a small kernel or runtime and some memory per workload, so density sits between plain containers and VMs.',
    sources: [
      { doc: BB, section: 'What Are Containers?' },
      { doc: BB, section: 'What Are VMs?' },
      BB_TABLE,
      UNIT_CONSIDER,
      { doc: S247, section: 'Summary' },
      msRow('Operating system'),
    ],
  },
  {
    id: 'performance',
    name: 'Performance',
    container:
      'Near-native speed: processes call the host kernel directly, with no emulated hardware in between.',
    vm:
      'Pays for the hypervisor layer and a second kernel; Backblaze rates VM performance as limited next to containers. The gap is usually widest for I/O.',
    sandboxed:
      'Overhead appears where work crosses the sandbox boundary (system calls under gVisor, disk and network I/O in a microVM); plain computation runs close to native speed.',
    sources: [BB_TABLE, BB_FAQ],
  },
  {
    id: 'portability',
    name: 'Portability',
    container:
      'The image bundles the app with its dependencies, so one artifact runs on a laptop, in a data centre or in a cloud, given a compatible kernel and CPU architecture. This removes most differences between development and production.',
    vm:
      'A VM image moves as one unit with its whole OS and can be cloned or snapshotted, but it is large and tied to a hypervisor\'s disk format.',
    sandboxed:
      'Same images as plain containers, so just as portable, provided the target offers the sandbox runtime (microVMs also need hardware virtualization, which cloud VMs do not always expose).',
    sources: [
      { doc: BB, section: 'What Are Containers?' },
      { doc: BB, section: 'What Are VMs?' },
      { doc: S247, section: 'Portability and Deployment' },
      DIFF_CHOOSE,
    ],
  },
  {
    id: 'security',
    name: 'Security',
    container:
      'Adequate for trusted code when hardened: verified base images, no privileged mode, limited traffic in and out. A vulnerability in the shared kernel can still expose every container on the host.',
    vm:
      'The stronger boundary for untrusted or multi-tenant code and regulated data, with the full range of OS security tools inside the guest. Each guest OS is also one more system to patch and harden.',
    sandboxed:
      'For untrusted or multi-tenant code that should still ship as a container: an escape has to break the sandbox as well as the container, so a host kernel bug is much harder to exploit from inside.',
    sources: [
      { doc: S247, section: 'Instance Security' },
      DIFF_CONTAINERS,
      DIFF_CHOOSE,
      BB_FAQ,
      { doc: BB, section: 'Benefits of VMs' },
      BB_TABLE,
      msRow('Isolation'),
    ],
  },
];

const byId = new Map<DimensionId, Dimension>(DIMENSIONS.map((d) => [d.id, d]));

/** The dimension record with this id; every DimensionId has one (a unit test checks it). */
export function dimensionById(id: DimensionId): Dimension {
  const d = byId.get(id);
  if (!d) throw new Error(`unknown dimension ${id}`);
  return d;
}

/** True when the string names a dimension; for validating ids that come from outside (messages, arguments). */
export function isDimensionId(value: unknown): value is DimensionId {
  return typeof value === 'string' && byId.has(value as DimensionId);
}
