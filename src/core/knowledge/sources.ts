// The five documents the explanations rest on. Titles are the documents' own; sections are their headings.
import type { Cite, Source, SourceId } from './types';

export const SOURCES: readonly Source[] = [
  {
    id: 'ms-containers-vs-vms',
    title: 'Containers vs. virtual machines',
    short: 'Microsoft Learn',
    publisher: 'Microsoft Learn (Windows containers documentation, 2019)',
    sections: [
      'Container architecture',
      'Virtual machine architecture',
      'Containers vs. virtual machines: Isolation',
      'Containers vs. virtual machines: Operating system',
      'Containers vs. virtual machines: Guest compatibility',
      'Containers vs. virtual machines: Deployment',
      'Containers vs. virtual machines: Operating system updates and upgrades',
      'Containers vs. virtual machines: Persistent storage',
      'Containers vs. virtual machines: Load balancing',
      'Containers vs. virtual machines: Fault tolerance',
      'Containers vs. virtual machines: Networking',
    ],
  },
  {
    id: 'difference-containers-vms',
    title: 'The Difference Between Containers and Virtual Machines',
    short: 'Difference guide',
    publisher: 'documentation page (publisher not named)',
    sections: [
      'Virtual Machines: Isolated and Versatile',
      'Containers: Lightweight and Efficient',
      'Which One to Choose?',
    ],
  },
  {
    id: 'backblaze-vms-vs-containers',
    title: "What's the Diff: VMs vs. Containers",
    short: 'Backblaze',
    publisher: 'Backblaze blog (Molly Clancy, 2018, updated 2021)',
    sections: [
      'What Is a Hypervisor?',
      'What Are VMs?',
      'Benefits of VMs',
      'What Are Containers?',
      'Benefits of Containers',
      "What's the Diff: VMs vs. Containers",
      'Uses for VMs vs. Uses for Containers',
      'VM vs. Containers FAQs',
    ],
  },
  {
    id: 'site24x7-containers-vs-vms',
    title: 'Containers vs Virtual Machines',
    short: 'Site24x7',
    publisher: 'Site24x7 Learn',
    sections: [
      'Instance Security',
      'Portability and Deployment',
      'Persistent storage',
      'Load balancing',
      'Fault tolerance',
      'Networking',
      'Summary',
    ],
  },
  {
    id: 'ms-learn-containers-vs-vms-unit',
    title: 'Microsoft Learn training unit: Things to know about containers versus virtual machines',
    short: 'Microsoft Learn training',
    publisher: 'Microsoft Learn (training)',
    sections: [
      'Things to know about containers versus virtual machines',
      'Things to consider when using containers',
    ],
  },
];

const byId = new Map<SourceId, Source>(SOURCES.map((s) => [s.id, s]));

export function sourceById(id: SourceId): Source {
  const s = byId.get(id);
  if (!s) throw new Error(`unknown source ${id}`);
  return s;
}

/** A citation as printed by the CLI's JSON and the SARIF output: doc id, the document's title, the section. */
export function citation(c: Cite): { doc: SourceId; title: string; section: string } {
  return { doc: c.doc, title: sourceById(c.doc).title, section: c.section };
}
