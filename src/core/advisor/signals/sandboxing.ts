// Untrusted or multi-tenant code: a container is the right package, but it wants a second boundary.
import type { Signal } from '../types';
import { BB, DIFF, MS, S24 } from './cite';

export const SANDBOXING: Signal[] = [
  {
    id: 'sandboxing.sandbox-runtime',
    group: 'sandboxing',
    direction: 'sandbox',
    weight: 0.8,
    dimension: 'isolation',
    sources: [MS.isolation, S24.security],
    label: 'sandboxed runtime',
    reason:
      'The workload already asks for a sandboxed runtime (gVisor, Kata Containers, Firecracker): each pod or container gets its own kernel or a user-space kernel between it and the host.',
    remedy: 'Use the default runtime (runc) when the code is trusted.',
  },
  {
    id: 'sandboxing.code-execution',
    group: 'sandboxing',
    direction: 'sandbox',
    weight: 0.7,
    dimension: 'security',
    sources: [MS.isolation, DIFF.choose, BB.faq],
    label: 'runs submitted code',
    reason:
      'This service executes code that users submit (a judge, notebook kernel, playground or sandbox runner). Code from strangers should not share a kernel with the host unguarded; a sandboxed runtime gives each run a boundary like a small VM.',
    remedy: 'Run it under gVisor, Kata or Firecracker (a RuntimeClass, `runtime: runsc`), or in throwaway VMs.',
  },
  {
    id: 'sandboxing.ci-runner',
    group: 'sandboxing',
    direction: 'sandbox',
    weight: 0.7,
    dimension: 'security',
    sources: [MS.isolation, S24.security],
    label: 'shared CI runner',
    reason:
      'A CI runner or build agent runs jobs from many repositories and people, often with a Docker engine at hand. A malicious job gets the runner\'s privileges on the host, so runners want a sandbox or a VM per job.',
    remedy: 'Give each job a sandboxed runtime or an ephemeral VM, and never the host Docker socket.',
  },
];
