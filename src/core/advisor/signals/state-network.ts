// Local state and unusual networking: things that tie a workload to one host or one network segment.
import type { Signal } from '../types';
import { MS, S24 } from './cite';

export const STATE_NETWORK: Signal[] = [
  {
    id: 'state-network.database-local-disk',
    group: 'state-network',
    // A note: the text says a container is fine here, so it weighs nothing towards any verdict.
    direction: 'container',
    weight: 0,
    dimension: 'storage',
    sources: [MS.storage, S24.storage, MS.faultTolerance],
    label: 'database on local disk',
    reason:
      'A note, not a reason for a VM: a database keeps its data directory on a volume of this host. That is ordinary container storage, but the data stays on this node when the container is recreated elsewhere, so plan backups or networked storage.',
    remedy: 'Use a managed database, a replicated storage class, or a StatefulSet with persistent volume claims.',
  },
  {
    id: 'state-network.static-ip',
    group: 'state-network',
    direction: 'vm',
    weight: 0.2,
    dimension: 'networking',
    sources: [MS.networking, MS.loadBalancing],
    label: 'fixed IP address',
    reason: 'The workload expects a fixed IP address. Containers are replaced rather than moved and normally get a new address each time; a VM keeps its adapter and address across reboots.',
    remedy: 'Reach it through a service name or DNS instead of a fixed address.',
  },
  {
    id: 'state-network.multiple-nics',
    group: 'state-network',
    direction: 'vm',
    weight: 0.3,
    dimension: 'networking',
    sources: [MS.networking],
    label: 'extra network interfaces',
    reason:
      'The workload wants network interfaces of its own on a physical segment (macvlan, ipvlan, SR-IOV, Multus). A VM has real virtual adapters; a container normally has one view of a virtual adapter behind the host\'s packet filtering.',
    remedy: 'Use the normal container network with published ports, or give the workload a VM with its own adapters.',
  },
  {
    id: 'state-network.net-admin',
    group: 'state-network',
    direction: 'harden',
    weight: 0.7,
    dimension: 'networking',
    sources: [MS.networking, S24.security],
    label: 'NET_ADMIN',
    reason:
      'NET_ADMIN lets the container reconfigure the network it sits in: interfaces, routes, firewall and NAT rules, tunnels. VPNs and VM wrappers need it, and it works in a container, but a compromised process can then rewrite the rules that were meant to contain it.',
    remedy: 'Drop NET_ADMIN unless the app configures interfaces itself; set the network up outside the container (CNI, the host) and hand in only the result.',
  },
  {
    id: 'state-network.raw-network',
    group: 'state-network',
    direction: 'harden',
    weight: 0.3,
    dimension: 'networking',
    sources: [MS.networking, S24.security],
    label: 'NET_RAW',
    reason: 'NET_RAW lets the container craft raw packets (ping, packet capture, spoofed addresses). Network tools need it, but it widens what a compromised process can do on the network.',
    remedy: 'Drop the capability unless the app sends raw packets itself.',
  },
  {
    id: 'state-network.ha-protocols',
    group: 'state-network',
    direction: 'vm',
    weight: 0.4,
    dimension: 'networking',
    sources: [MS.networking, MS.faultTolerance],
    label: 'VRRP / multicast',
    reason: 'Floating IPs through VRRP (keepalived) or multicast discovery need layer-2 access to a real network segment. In a container that means host networking; VMs have their own adapters on the segment.',
    remedy: 'Use the orchestrator\'s service load balancing instead of a floating IP.',
  },
];
