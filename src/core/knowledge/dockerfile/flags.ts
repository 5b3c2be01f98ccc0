// One record per instruction flag (and per RUN --mount type). Defaults are the Dockerfile reference's.
import type { Topic } from '../types';
import { BB, DIFF, dockerfileRef, LEARN, MS, S24 } from './cite';
import { DF } from './ids';

const mountTypes: Topic[] = [
  {
    id: DF.flag('RUN', 'mount'),
    title: '--mount',
    summary: 'Mounts a filesystem into one RUN step only; nothing mounted ends up in the image.',
    does:
      '`RUN --mount=[type=<TYPE>][,option=<value>…]` attaches a mount for the duration of that command. ' +
      'Types: `bind` (the default: read-only files from the context, a stage or an image), `cache` (a persistent cache directory), `tmpfs`, `secret` and `ssh`. Needs BuildKit (Dockerfile syntax 1.2+).',
    angle:
      'Build-time mounts keep caches and credentials **out of the shipped image**, so images stay small and safe to share. ' +
      'That matters more for containers than for VMs because a container is updated by rebuilding the image and redeploying it, so fast, clean rebuilds are the update path.',
    dimensions: ['os-updates', 'security', 'density'],
    sources: [MS.updates, S24.portability, S24.security],
    reference: dockerfileRef('RUN --mount', 'run---mount'),
  },
  {
    id: DF.flag('RUN', 'mount.bind'),
    title: '--mount=type=bind',
    summary: 'Read-only access to files from the build context, another stage or an image, without copying them in.',
    does:
      'Options: `target` (also `dst`, `destination`; required) is where it appears; `from` is a stage, named context or image (default: the build context); `source` is the path inside `from` (default: its root); ' +
      '`rw` (or `readwrite`) allows writes, which are thrown away after the step. The mount is read-only by default and its files are not committed to the layer.',
    angle:
      'Using sources or tools during the build without shipping them keeps the final container image to what the app needs at run time: less to patch, smaller to move, quicker to start. ' +
      'A VM image usually keeps its build tools installed, because the guest is the build machine too.',
    dimensions: ['density', 'os-updates', 'security'],
    sources: [MS.os, BB.containerBenefits],
    reference: dockerfileRef('RUN --mount=type=bind', 'run---mounttypebind'),
  },
  {
    id: DF.flag('RUN', 'mount.cache'),
    title: '--mount=type=cache',
    summary: 'A cache directory (package manager, compiler) that survives between builds but never enters the image.',
    does:
      'Options: `target` (required) is the path; `id` names the cache (default: the `target`); `sharing` is `shared` (default, concurrent writers), `private` (a new copy per concurrent writer) or `locked` (writers wait; use it for apt); ' +
      '`ro` makes it read-only; `from` and `source` seed it from a stage or image; `mode` (default `0755`), `uid` and `gid` (default `0`) apply when the directory is created. ' +
      'The builder may empty it at any time, so the build must still work from an empty cache.',
    angle:
      'Containers are patched by **rebuilding and redeploying** rather than by updating each running machine, so rebuild speed is patching speed: a warm `apt`, `npm` or Go cache turns a slow rebuild into a quick one. ' +
      'With VMs the equivalent work happens on every guest, at update time.',
    dimensions: ['os-updates', 'deployment', 'performance'],
    sources: [MS.updates, S24.portability, LEARN.consider],
    reference: dockerfileRef('RUN --mount=type=cache', 'run---mounttypecache'),
  },
  {
    id: DF.flag('RUN', 'mount.tmpfs'),
    title: '--mount=type=tmpfs',
    summary: 'A memory-backed scratch directory for one RUN step.',
    does:
      'Options: `target` (required) is the path; `size` caps how large the filesystem may grow. The contents vanish when the step ends and never reach the image.',
    angle:
      'Scratch space that leaves no trace keeps the image lean. ' +
      'A tmpfs uses the memory of the **host** the builder runs on, which a container shares with its neighbours; a VM would spend memory from its own fixed allocation.',
    dimensions: ['density', 'storage'],
    sources: [BB.diff, BB.faq],
    reference: dockerfileRef('RUN --mount=type=tmpfs', 'run---mounttypetmpfs'),
  },
  {
    id: DF.flag('RUN', 'mount.secret'),
    title: '--mount=type=secret',
    summary: 'Gives one RUN step a secret (token, key) without storing it in the image or the build cache.',
    does:
      'Options: `id` names the secret (default: the basename of `target`); `target` is the file path (default `/run/secrets/<id>`); `env` exposes it as an environment variable, instead of the file or besides it when `target` is also set (Dockerfile 1.10+); ' +
      '`required=true` fails the step when it is missing (default `false`); `mode` (default `0400`), `uid`, `gid` (default `0`). ' +
      'Supply it with `docker build --secret id=aws,src=$HOME/.aws/credentials`.',
    angle:
      'Container images are copied to registries and hosts and anyone who can pull one can read every layer, so a secret written by `ARG`, `ENV` or `COPY` is published with it. ' +
      'Secret mounts keep credentials out, one of the practices that keep a container\'s weaker boundary from becoming a leak.',
    dimensions: ['security', 'isolation'],
    sources: [S24.security, MS.isolation],
    reference: dockerfileRef('RUN --mount=type=secret', 'run---mounttypesecret'),
  },
  {
    id: DF.flag('RUN', 'mount.ssh'),
    title: '--mount=type=ssh',
    summary: 'Forwards the SSH agent into one RUN step, for cloning private repositories.',
    does:
      'Options: `id` (default `default`) picks the agent socket or key; `target` is the socket path (default `/run/buildkit/ssh_agent.${N}`); `required=true` fails when it is unavailable (default `false`); ' +
      '`mode` (default `0600`), `uid`, `gid` (default `0`). Build with `docker build --ssh default` (uses `$SSH_AUTH_SOCK`).',
    angle:
      'Only the agent socket is visible, and only during that step, so no key ends up in a layer that ships to every host. ' +
      'On a VM you would often install a deploy key inside the guest; in a shared image that would be handed to everyone.',
    dimensions: ['security'],
    sources: [S24.security, MS.isolation],
    reference: dockerfileRef('RUN --mount=type=ssh', 'run---mounttypessh'),
  },
];

const runFlags: Topic[] = [
  {
    id: DF.flag('RUN', 'network'),
    title: '--network',
    summary: 'Chooses the network for one RUN step: default, none or host.',
    does:
      '`default` (the default) uses the build\'s usual network; `none` allows no network access (only an isolated loopback), which proves a step uses only what earlier steps provided; ' +
      '`host` uses the host\'s network stack and needs the `network.host` entitlement (on the daemon and `--allow network.host` for the build).',
    angle:
      'Containers normally get an **isolated view of a virtual network adapter** rather than adapters of their own, and `host` removes even that view. ' +
      'A VM never shares the host network stack this way. `none` is the safe choice for reproducible, hermetic builds.',
    dimensions: ['networking', 'isolation', 'security'],
    sources: [MS.networking, MS.isolation],
    reference: dockerfileRef('RUN --network', 'run---network'),
  },
  {
    id: DF.flag('RUN', 'security'),
    title: '--security',
    summary: 'Runs one RUN step with full privileges (insecure) or in the normal sandbox.',
    does:
      '`sandbox` is the default and a no-op. `insecure` runs the step without the sandbox, like `docker run --privileged`, for things such as running containerd or mounting filesystems during a build. ' +
      'It needs the `security.insecure` entitlement, enabled on the builder and requested with `--allow security.insecure`. Stable since Dockerfile syntax 1.20.',
    angle:
      'A privileged step has the host kernel\'s full set of capabilities: the container boundary is essentially gone for it. ' +
      'Disabling privileged mode is one of the basic container security practices. ' +
      'If a build really needs kernel-level access (loop devices, nested containers, kernel modules), a throwaway build VM gives it its own kernel instead of the host\'s.',
    dimensions: ['security', 'isolation', 'os-kernel'],
    sources: [S24.security, MS.isolation, DIFF.containers],
    reference: dockerfileRef('RUN --security', 'run---security'),
  },
  {
    id: DF.flag('RUN', 'device'),
    title: '--device',
    summary: 'Gives one RUN step access to a host device (for example a GPU) through CDI.',
    does:
      '`RUN --device=<name>[,required]` requests a device registered in BuildKit\'s Container Device Interface (CDI) specs, e.g. `nvidia.com/gpu=all`. ' +
      'Labs syntax only (`# syntax=docker/dockerfile:1-labs`), BuildKit 0.20+, and it needs the `device` entitlement.',
    angle:
      'A container reaches hardware through the **host\'s kernel and drivers**, so the host must have the device and a matching driver. ' +
      'A VM gets a device by passthrough and runs its own driver, which costs setup but lets the guest differ from the host.',
    dimensions: ['os-kernel', 'performance', 'isolation'],
    sources: [MS.containerArch, BB.diff, BB.faq],
    reference: dockerfileRef('RUN --device', 'run---device'),
  },
];

const copyLike = (ins: 'COPY' | 'ADD'): Topic[] => {
  const anchor = ins.toLowerCase();
  return [
    {
      id: DF.flag(ins, 'chown'),
      title: '--chown',
      summary: `Sets the owner and group of the files ${ins} creates.`,
      does:
        '`--chown=<user>[:<group>]` with names or numeric IDs; without it the files belong to UID 0 and GID 0. A user alone sets the group to the same number. ' +
        'Names are looked up in the image\'s `/etc/passwd` and `/etc/group` (the build fails if they are missing); numbers are used as they are. Not supported for Windows containers.',
      angle:
        'Files owned by the non-root user the container runs as let you avoid root at run time, which matters because a container shares the host kernel. ' +
        'Numeric IDs also line up with user-namespace remapping and with volumes shared between containers.',
      dimensions: ['security', 'isolation'],
      sources: [MS.isolation, S24.security],
      reference: dockerfileRef(`${ins} --chown`, `${anchor}---chown`),
    },
    {
      id: DF.flag(ins, 'chmod'),
      title: '--chmod',
      summary: `Sets the permissions of the files ${ins} creates.`,
      does:
        '`--chmod=<perms>` in octal (`755`, `644`) or, since Dockerfile 1.14, symbolic notation (`+x`, `u=rwX,go=rX`). Needs Dockerfile syntax 1.2+; not supported for Windows containers.',
      angle:
        'Setting modes at copy time avoids an extra `RUN chmod` layer that duplicates the files, keeping the image small. ' +
        'The bits are applied as written: `755` keeps the files writable by their owner (root unless `--chown` says otherwise) and readable and runnable by all. Files stay out of reach of the app only when the user it runs as has no write bit, which matters for a container sharing its kernel with other workloads.',
      dimensions: ['security', 'density'],
      sources: [S24.security, BB.containerBenefits],
      reference: dockerfileRef(`${ins} --chmod`, `${anchor}---chmod`),
    },
    {
      id: DF.flag(ins, 'link'),
      title: '--link',
      summary: 'Puts the copied files on an independent layer that survives changes to earlier layers.',
      does:
        '`--link[=<bool>]` copies into an empty directory and links that layer on top, so it is not invalidated when earlier steps change and can be reused with `--cache-from`. ' +
        'The image can be rebased onto an updated base without re-running the copy. The copy cannot follow symlinks already in the destination path. Needs Dockerfile syntax 1.4+.',
      angle:
        'Rebasing onto a patched base image without rebuilding everything makes the container **update cycle** (new base, rebuild, push, redeploy) cheaper. ' +
        'VMs take operating system fixes by patching each guest in place instead.',
      dimensions: ['os-updates', 'deployment'],
      sources: [MS.updates, S24.portability],
      reference: dockerfileRef(`${ins} --link`, `${anchor}---link`),
    },
    {
      id: DF.flag(ins, 'exclude'),
      title: '--exclude',
      summary: `Leaves files matching a pattern out of the ${ins}.`,
      does:
        '`--exclude=<pattern>` uses the same wildcard rules as the source (Go `filepath.Match`) and may be repeated; matching files are skipped even when the source matches them. Needs Dockerfile syntax 1.19+.',
      angle:
        'Whatever is copied ships to every host that runs the container, so excluding tests, docs and local secrets keeps images small and avoids publishing what should stay private.',
      dimensions: ['density', 'security'],
      sources: [BB.containerBenefits, S24.security],
      reference: dockerfileRef(`${ins} --exclude`, `${anchor}---exclude`),
    },
  ];
};

const copyFlags: Topic[] = [
  {
    id: DF.flag('COPY', 'from'),
    title: '--from',
    summary: 'Copies from a build stage, a named context or an image instead of the build context.',
    does:
      '`COPY --from=<stage|context|image> <src> <dest>`; the source path is resolved from the root of that stage or image. ' +
      'Typical multi-stage use: compile in a `build` stage with the full toolchain, then `COPY --from=build /app /app` into a small runtime stage such as `scratch` or distroless.',
    angle:
      'Multi-stage builds let a container ship **only the runtime user space** its app needs, not compilers and package managers: the image the documents describe as tailored to just the needed services. ' +
      'A VM carries a complete OS with its kernel whatever the app uses.',
    dimensions: ['density', 'os-updates', 'security'],
    sources: [MS.os, LEARN.know, BB.containerBenefits],
    reference: dockerfileRef('COPY --from', 'copy---from'),
  },
  ...copyLike('COPY'),
  {
    id: DF.flag('COPY', 'parents'),
    title: '--parents',
    summary: 'Keeps the source files\' parent directories under the destination.',
    does:
      '`--parents[=<bool>]` (default `false`) copies `./x/a.txt` to `<dest>/x/a.txt` instead of `<dest>/a.txt`. A `./` inside the source path marks where the kept part starts, and `**` matches any depth. ' +
      'Needs Dockerfile syntax 1.20+ (earlier only in the labs channel). `ADD` has no `--parents`.',
    angle:
      'Copying several project paths in one step, with structure intact, gives fewer layers and better cache reuse, which keeps the container rebuild-and-redeploy cycle quick.',
    dimensions: ['os-updates', 'deployment'],
    sources: [MS.updates, LEARN.consider],
    reference: dockerfileRef('COPY --parents', 'copy---parents'),
  },
];

const addFlags: Topic[] = [
  ...copyLike('ADD'),
  {
    id: DF.flag('ADD', 'checksum'),
    title: '--checksum',
    summary: 'Verifies remote content that ADD downloads or clones.',
    does:
      'For an HTTP source, `--checksum=sha256:<hex>` (SHA-256 is the only algorithm); for a Git source, the commit SHA, in full or as a prefix. The build fails on a mismatch. Needs Dockerfile syntax 1.6+.',
    angle:
      'A container image is built once and run on many hosts, so tampered or changed downloads would spread everywhere at once. ' +
      'Pinning what goes in is the container version of using verified sources, one of the practices that protect a boundary weaker than a VM\'s.',
    dimensions: ['security', 'deployment'],
    sources: [S24.security, MS.isolation],
    reference: dockerfileRef('ADD --checksum', 'add---checksum'),
  },
  {
    id: DF.flag('ADD', 'keep-git-dir'),
    title: '--keep-git-dir',
    summary: 'Keeps the .git directory when ADD clones a Git repository.',
    does:
      'When the source is a Git address, the `.git` directory is left out by default; `--keep-git-dir=true` keeps it (for tools that read the history). Needs Dockerfile syntax 1.1+.',
    angle:
      'The whole history ships in every copy of the image, which adds size and may expose more than intended. ' +
      'Prefer the default unless the app reads Git metadata at run time.',
    dimensions: ['density', 'security'],
    sources: [BB.containerBenefits, S24.security],
    reference: dockerfileRef('ADD --keep-git-dir', 'add---keep-git-dir'),
  },
  {
    id: DF.flag('ADD', 'unpack'),
    title: '--unpack',
    summary: 'Controls whether ADD extracts tar archives.',
    does:
      '`--unpack=<bool>`: local tar archives (also gzip, bzip2, xz) are extracted by default, remote ones are saved as downloaded. `--unpack=true` extracts a downloaded archive; `--unpack=false` keeps a local one as a file. Needs Dockerfile syntax 1.17+.',
    angle:
      'Extracting in one step avoids a `curl | tar` `RUN` that needs those tools in the image. Fewer tools in the final image means less to patch on every rebuild.',
    dimensions: ['density', 'os-updates'],
    sources: [MS.os, MS.updates],
    reference: dockerfileRef('ADD --unpack', 'add---unpack'),
  },
];

const healthFlags: Topic[] = [
  {
    id: DF.flag('HEALTHCHECK', 'interval'),
    title: '--interval',
    summary: 'Time between health checks (default 30s).',
    does:
      '`--interval=<duration>` (default `30s`): the first check runs one interval after the container starts, and each next one an interval after the previous check finished.',
    angle:
      'A shorter interval marks a stuck container `unhealthy` sooner. The Engine and Compose only report that status; Swarm replaces the task, and Kubernetes ignores `HEALTHCHECK` for its own probes. Checks run inside the container and cost CPU, so do not make them too frequent.',
    dimensions: ['fault-tolerance'],
    sources: [MS.faultTolerance, LEARN.know],
    reference: dockerfileRef('HEALTHCHECK', 'healthcheck'),
  },
  {
    id: DF.flag('HEALTHCHECK', 'timeout'),
    title: '--timeout',
    summary: 'How long one check may take before it counts as failed (default 30s).',
    does:
      '`--timeout=<duration>` (default `30s`): a check running longer fails and its process is killed with `SIGKILL`.',
    angle:
      'A hung app is as broken as a crashed one; a timeout lets the check report it as unhealthy. Replacing the container is up to whatever watches the status (Swarm does; the Engine and Compose only mark it).',
    dimensions: ['fault-tolerance', 'load-balancing'],
    sources: [MS.faultTolerance, MS.loadBalancing],
    reference: dockerfileRef('HEALTHCHECK', 'healthcheck'),
  },
  {
    id: DF.flag('HEALTHCHECK', 'start-period'),
    title: '--start-period',
    summary: 'Grace time after start during which failures are not counted (default 0s).',
    does:
      '`--start-period=<duration>` (default `0s`): failed checks in this window do not count towards `--retries`; the first success ends it early.',
    angle:
      'Containers usually start in seconds, but an app that warms caches or runs migrations needs time; the start period keeps early failures from marking it unhealthy (and, under Swarm, from having it replaced). ' +
      'A VM additionally waits for its OS to boot, which counts in minutes.',
    dimensions: ['startup', 'fault-tolerance'],
    sources: [BB.diff, BB.faq, DIFF.containers],
    reference: dockerfileRef('HEALTHCHECK', 'healthcheck'),
  },
  {
    id: DF.flag('HEALTHCHECK', 'start-interval'),
    title: '--start-interval',
    summary: 'Time between checks during the start period (default 5s; Docker Engine 25+).',
    does:
      '`--start-interval=<duration>` (default `5s`) replaces `--interval` while the start period lasts. It requires Docker Engine 25.0 or later.',
    angle:
      'Checking often while starting marks a fresh container healthy soon after it is ready, so it joins the load balancer quickly: fast start-up is one of the main reasons to pick containers over VMs.',
    dimensions: ['startup', 'load-balancing'],
    sources: [DIFF.containers, BB.faq, MS.loadBalancing],
    reference: dockerfileRef('HEALTHCHECK', 'healthcheck'),
  },
  {
    id: DF.flag('HEALTHCHECK', 'retries'),
    title: '--retries',
    summary: 'Consecutive failures before the container is unhealthy (default 3).',
    does:
      '`--retries=<n>` (default `3`): after that many failed checks in a row the status turns `unhealthy`; a passing check resets it to `healthy`.',
    angle:
      'An `unhealthy` status is only a signal: Swarm replaces the task, while the Engine and Compose just record it and Kubernetes ignores `HEALTHCHECK`. ' +
      'Balance it: too few retries report needless failures, too many leave a broken copy serving traffic.',
    dimensions: ['fault-tolerance', 'load-balancing'],
    sources: [MS.faultTolerance, S24.faultTolerance],
    reference: dockerfileRef('HEALTHCHECK', 'healthcheck'),
  },
];

const fromFlags: Topic[] = [
  {
    id: DF.flag('FROM', 'platform'),
    title: '--platform',
    summary: 'Chooses which platform variant of a multi-platform base image to use.',
    does:
      '`FROM --platform=<os>/<arch>[/<variant>]`, e.g. `linux/amd64`, `linux/arm64`, `windows/amd64`. The default is the build\'s target platform. ' +
      '`--platform=$BUILDPLATFORM` runs a stage natively on the build machine so it can cross-compile for `$TARGETPLATFORM`.',
    angle:
      'A container runs on the **host\'s kernel and CPU**: an image for another architecture only runs under emulation (QEMU via binfmt), which is slow, and a Windows image cannot run on a Linux kernel at all. ' +
      'A VM can emulate or be hosted on hardware of that architecture, which is the alternative when you truly need the other platform at run time.',
    dimensions: ['guest-compat', 'os-kernel', 'performance', 'portability'],
    sources: [MS.guest, MS.containerArch, BB.diff],
    reference: dockerfileRef('FROM', 'from'),
  },
];

export const FLAG_TOPICS: Topic[] = [...fromFlags, ...mountTypes, ...runFlags, ...copyFlags, ...addFlags, ...healthFlags];
