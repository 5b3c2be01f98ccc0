// Host hardware handed to the workload. Containers can use devices; these are weak signals that
// mostly mean the workload is tied to one kind of host.
import type { Signal } from '../types';
import { BB, MS, S24 } from './cite';

export const HARDWARE: Signal[] = [
  {
    id: 'hardware.device-passthrough',
    group: 'hardware',
    direction: 'harden',
    weight: 0.25,
    dimension: 'isolation',
    sources: [MS.isolation, S24.security],
    label: 'host device',
    reason: 'A host device node is passed into the container. It works, but the container now reaches host hardware through the shared kernel and only runs on hosts that have that device.',
    remedy: 'Use a device plugin or CDI so the orchestrator hands out the device, and drop the raw device path.',
  },
  {
    id: 'hardware.gpu',
    group: 'hardware',
    // A note: the text says a container uses the GPU at native speed, so it weighs nothing towards a VM.
    direction: 'container',
    weight: 0,
    dimension: 'performance',
    sources: [BB.diff, BB.faq],
    label: 'GPU',
    reason: 'A note, not a reason for a VM: the workload asks for a GPU. Containers use GPUs at native speed through the vendor runtime or a device plugin; it only ties the workload to GPU hosts. A VM is needed only to split one GPU between distrusting tenants or to run another OS on it.',
    remedy: 'Nothing to change for a container; request the GPU through the orchestrator (nvidia.com/gpu, deploy.resources.reservations.devices).',
  },
  {
    id: 'hardware.usb-serial',
    group: 'hardware',
    direction: 'harden',
    weight: 0.3,
    dimension: 'portability',
    sources: [S24.portability, MS.isolation],
    label: 'USB or serial device',
    reason: 'A USB or serial device (a dongle, a radio, a controller) is mapped in. The container can only run on the machine it is plugged into, and hot-plugging needs broad device rules.',
    remedy: 'Pin the workload to that node and map the one device by a stable path (/dev/serial/by-id).',
  },
];
