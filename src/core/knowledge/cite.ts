// Short names for the citations the knowledge records (topics, dimensions) and the signal catalogue
// use, so each record stays one readable block. Sections are the headings listed in sources.ts.
import type { Cite } from './types';

const ms = (row: string): Cite => ({ doc: 'ms-containers-vs-vms', section: `Containers vs. virtual machines: ${row}` });

/** Microsoft's comparison, the primary source. */
export const MS = {
  containerArch: { doc: 'ms-containers-vs-vms', section: 'Container architecture' },
  vmArch: { doc: 'ms-containers-vs-vms', section: 'Virtual machine architecture' },
  isolation: ms('Isolation'),
  os: ms('Operating system'),
  guest: ms('Guest compatibility'),
  deployment: ms('Deployment'),
  updates: ms('Operating system updates and upgrades'),
  storage: ms('Persistent storage'),
  loadBalancing: ms('Load balancing'),
  faultTolerance: ms('Fault tolerance'),
  networking: ms('Networking'),
} satisfies Record<string, Cite>;

export const DIFF = {
  vms: { doc: 'difference-containers-vms', section: 'Virtual Machines: Isolated and Versatile' },
  containers: { doc: 'difference-containers-vms', section: 'Containers: Lightweight and Efficient' },
  choose: { doc: 'difference-containers-vms', section: 'Which One to Choose?' },
} satisfies Record<string, Cite>;

export const BB = {
  hypervisor: { doc: 'backblaze-vms-vs-containers', section: 'What Is a Hypervisor?' },
  vms: { doc: 'backblaze-vms-vs-containers', section: 'What Are VMs?' },
  vmBenefits: { doc: 'backblaze-vms-vs-containers', section: 'Benefits of VMs' },
  containers: { doc: 'backblaze-vms-vs-containers', section: 'What Are Containers?' },
  containerBenefits: { doc: 'backblaze-vms-vs-containers', section: 'Benefits of Containers' },
  diff: { doc: 'backblaze-vms-vs-containers', section: "What's the Diff: VMs vs. Containers" },
  uses: { doc: 'backblaze-vms-vs-containers', section: 'Uses for VMs vs. Uses for Containers' },
  faq: { doc: 'backblaze-vms-vs-containers', section: 'VM vs. Containers FAQs' },
} satisfies Record<string, Cite>;

/** Site24x7. Its Networking row swaps the two sides, so networking cites MS instead. */
export const S24 = {
  security: { doc: 'site24x7-containers-vs-vms', section: 'Instance Security' },
  portability: { doc: 'site24x7-containers-vs-vms', section: 'Portability and Deployment' },
  storage: { doc: 'site24x7-containers-vs-vms', section: 'Persistent storage' },
  loadBalancing: { doc: 'site24x7-containers-vs-vms', section: 'Load balancing' },
  faultTolerance: { doc: 'site24x7-containers-vs-vms', section: 'Fault tolerance' },
  summary: { doc: 'site24x7-containers-vs-vms', section: 'Summary' },
} satisfies Record<string, Cite>;

export const LEARN = {
  know: { doc: 'ms-learn-containers-vs-vms-unit', section: 'Things to know about containers versus virtual machines' },
  consider: { doc: 'ms-learn-containers-vs-vms-unit', section: 'Things to consider when using containers' },
} satisfies Record<string, Cite>;

/** The training unit under the name the signal records use. */
export const UNIT = LEARN;
