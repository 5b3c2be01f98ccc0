// Evidence about the operating system and CPU the image expects from its host.
import type { Signal } from '../types';
import { BB, DIFF, MS, S24 } from './cite';

export const PLATFORM: Signal[] = [
  {
    id: 'platform.windows-base-image',
    group: 'platform',
    direction: 'vm',
    weight: 0.4,
    dimension: 'guest-compat',
    sources: [MS.guest, MS.containerArch],
    label: 'Windows base image',
    reason:
      'A Windows image only runs as a container on a Windows host: with process isolation the host build must generally match the image (a 2022 image also runs on Windows Server 2025 and Windows 11); Hyper-V isolation also lets a newer host run an older image. On a Linux or macOS host it can only run inside a Windows VM.',
    remedy: 'Run it on a Windows container host of the same build, or move the app to a Linux base image.',
  },
  {
    id: 'platform.windows-version-pinned',
    group: 'platform',
    direction: 'vm',
    weight: 0.1,
    dimension: 'os-updates',
    sources: [MS.guest, MS.updates],
    label: 'Windows build pinned',
    reason:
      'The tag fixes a Windows Server release (ltsc2019, ltsc2022, a build number). Process-isolated Windows containers need the host on that same release, so host upgrades and image upgrades have to move together.',
    remedy: 'Use Hyper-V isolation, which tolerates an older image on a newer host, or keep a host pool per Windows release.',
  },
  {
    id: 'platform.foreign-architecture',
    group: 'platform',
    direction: 'vm',
    weight: 0.2,
    dimension: 'portability',
    sources: [BB.containers, S24.portability],
    label: 'fixed CPU architecture',
    reason:
      'A fixed platform such as linux/arm64 or linux/386 runs natively only on hosts of that CPU type; anywhere else it runs under emulation, slowly, or needs a machine or VM of that architecture.',
    remedy: 'Build a multi-architecture image (`--platform=$BUILDPLATFORM` for the build stage, `TARGETARCH` for the output) and drop the fixed platform.',
  },
  {
    id: 'platform.hyperv-isolation',
    group: 'platform',
    direction: 'sandbox',
    weight: 0.75,
    dimension: 'isolation',
    sources: [MS.isolation, MS.guest, S24.security],
    label: 'Hyper-V isolation',
    reason:
      'Hyper-V isolation wraps each container in a small VM with its own kernel: the container keeps its image and tooling but gets a much stronger boundary, and may run an older Windows build than the host.',
    remedy: 'Use `isolation: process` when the host build matches and the code is trusted.',
  },
  {
    id: 'platform.other-os-guest',
    group: 'platform',
    direction: 'vm',
    weight: 0.7,
    dimension: 'guest-compat',
    sources: [MS.guest, DIFF.vms, BB.vmBenefits],
    label: 'different OS than the host',
    reason:
      'The definition boots an operating system of its own (Windows, macOS, a BSD) rather than sharing the host kernel. Only a VM can run a different OS family side by side with the host.',
    remedy: 'Only when the software also exists for the host OS: package that build as a container instead.',
  },
];
