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
      'The workload already asks for a sandboxed runtime. Under gVisor, Kata Containers or Firecracker each pod or container gets a user-space kernel or a kernel of its own between it and the host; Sysbox keeps the host kernel but maps the container\'s root to an unprivileged host user, so Docker or systemd can run inside without privileged mode.',
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
      'This workload runs code that its operators do not write or review: an online judge or code-execution API, a language playground, a notebook server or a hub that starts one per user, a sandbox for code an AI agent writes, or a functions platform running its tenants\' functions. Such code should not share the host kernel behind namespaces alone; a sandboxed runtime puts a boundary like a small VM around each run.',
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
      'A CI runner or build agent runs the jobs of many repositories and people, often with a container engine at hand. A malicious job gets the runner\'s privileges on the host, so runners want a sandbox or a VM per job.',
    remedy: 'Give each job a sandboxed runtime or an ephemeral VM, and never the host Docker socket.',
  },
  {
    id: 'sandboxing.container-spawner',
    group: 'sandboxing',
    direction: 'sandbox',
    weight: 0.7,
    dimension: 'security',
    sources: [MS.isolation, S24.security],
    label: 'starts containers for others',
    reason:
      'The service has the container engine\'s socket and is, by its image or its command, a spawner, runner or executor: it starts a container for each request, job or user, with whatever those bring to run. Those containers share the host kernel with everything else unless a sandboxed runtime stands between.',
    remedy: 'Have the engine start those containers under gVisor or Kata (a default runtime of runsc, or a runtime per container), or start each in a throwaway VM.',
  },
];
