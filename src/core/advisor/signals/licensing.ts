// Licences bound to a machine: they expect the host identity a container does not keep.
import type { Signal } from '../types';
import { BB, DIFF, MS } from './cite';

export const LICENSING: Signal[] = [
  {
    id: 'licensing.license-server',
    group: 'licensing',
    direction: 'vm',
    weight: 0.35,
    dimension: 'guest-compat',
    sources: [DIFF.choose, BB.uses],
    label: 'licence server',
    reason: 'A node-locked licence or licence server (FlexLM, RLM) checks the identity of the machine it runs on. Containers get a new identity whenever they are recreated, so such software usually stays on a VM.',
    remedy: 'Use a floating or cloud licence served over the network.',
  },
  {
    id: 'licensing.hardware-dongle',
    group: 'licensing',
    direction: 'vm',
    weight: 0.45,
    dimension: 'guest-compat',
    sources: [DIFF.choose, MS.isolation],
    label: 'licence dongle',
    reason: 'A licence dongle (HASP, Sentinel, CodeMeter) must be attached to the host. A VM can take the USB device by passthrough; a container has to share the host\'s drivers and stay on that machine.',
    remedy: 'Use a network licence server instead of a per-host dongle.',
  },
  {
    id: 'licensing.mac-address',
    group: 'licensing',
    direction: 'vm',
    weight: 0.35,
    dimension: 'networking',
    sources: [MS.networking, DIFF.choose],
    label: 'fixed MAC address',
    reason: 'A fixed MAC address is usually there for a licence bound to the network card or a DHCP reservation. It survives in a VM\'s virtual adapter; containers share the host\'s adapter and are recreated often.',
    remedy: 'Move to a licence that does not check the MAC address.',
  },
  {
    id: 'licensing.hostname',
    group: 'licensing',
    // A note: a container keeps a hostname that is set, so this weighs nothing towards any verdict.
    direction: 'container',
    weight: 0,
    dimension: 'portability',
    sources: [MS.faultTolerance],
    label: 'fixed hostname',
    reason: 'A note, not a reason for a VM: the hostname is set in the configuration, which a container keeps however often it is recreated. Some software ties licences or cluster membership to the name, which is why it is pinned.',
  },
];
