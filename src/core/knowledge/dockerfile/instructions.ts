// One record per Dockerfile instruction: what the line does (from the Dockerfile reference) and what it
// says about running the workload in a container rather than a virtual machine (from the five documents).
import type { Topic } from '../types';
import { BB, DIFF, dockerfileRef, LEARN, MS, S24 } from './cite';
import { DF } from './ids';

export const INSTRUCTION_TOPICS: Topic[] = [
  {
    id: DF.instruction('FROM'),
    title: 'FROM',
    summary: 'Starts a build stage on top of a base image.',
    does:
      'Begins a new build stage and names the image it builds on: `FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]`. ' +
      'Without a tag or digest the builder uses `latest`. Only `ARG` may come before the first `FROM`, and each later `FROM` starts over with a fresh stage.',
    angle:
      'A container from this image runs on the **kernel of its host**, while a VM boots a kernel of its own: the base image brings only the OS **user space** (libraries, package manager, shell). ' +
      'So the base decides your patching work and image size, but not which kernel features, drivers or OS version you get: the host does.',
    dimensions: ['os-kernel', 'guest-compat', 'os-updates', 'density'],
    sources: [MS.containerArch, MS.vmArch, MS.os, BB.containers],
    reference: dockerfileRef('FROM', 'from'),
  },
  {
    id: DF.instruction('RUN'),
    title: 'RUN',
    summary: 'Runs a command at build time and commits the result as a new layer.',
    does:
      'Executes a command while the image is being built and saves the changed files as a layer. ' +
      'Shell form (`RUN apt-get update`) runs through the default shell (`/bin/sh -c` on Linux, `cmd /S /C` on Windows); exec form (`RUN ["exe", "arg"]`) runs the program directly. ' +
      'Options: `--mount`, `--network`, `--security` (and `--device` in the labs syntax). The layer is cached and reused until an earlier step changes or you build with `--no-cache`.',
    angle:
      'Installing software with `RUN` happens **once, at build time**, not on each running machine. ' +
      'To patch a container you change the Dockerfile, rebuild, push and redeploy; a VM is usually patched in place, one guest at a time, and drifts apart from its siblings. ' +
      'Anything `RUN` needs from a kernel (modules, sysctls) comes from the build host, and will come from the run host later.',
    dimensions: ['os-updates', 'deployment', 'os-kernel'],
    sources: [MS.updates, S24.portability, DIFF.containers],
    reference: dockerfileRef('RUN', 'run'),
  },
  {
    id: DF.instruction('CMD'),
    title: 'CMD',
    summary: 'The default command (or default arguments) for a container started from the image.',
    does:
      'Sets what runs when a container starts and no command is given: `CMD ["exe","arg"]` (exec form, preferred), `CMD ["arg"]` (default arguments for `ENTRYPOINT`) or `CMD exe arg` (shell form, wrapped in `/bin/sh -c`). ' +
      'Only the last `CMD` counts, and arguments to `docker run` replace it. It does nothing at build time.',
    angle:
      'A container runs **one process tree** started from this command; it does not boot an init system with a set of services the way a VM does. ' +
      'When that process exits, the container stops, and an orchestrator may start a fresh one elsewhere. ' +
      'If your workload needs several daemons, cron and `systemd`, it behaves more like a VM guest and may fit better in one.',
    dimensions: ['startup', 'os-kernel', 'fault-tolerance'],
    sources: [MS.containerArch, MS.os, BB.containers, MS.faultTolerance],
    reference: dockerfileRef('CMD', 'cmd'),
  },
  {
    id: DF.instruction('LABEL'),
    title: 'LABEL',
    summary: 'Adds key-value metadata to the image.',
    does:
      'Attaches metadata such as `LABEL org.opencontainers.image.source="https://…"` to the image config. ' +
      'Labels from the base image are inherited and a later value for the same key wins; `docker image inspect` shows them. Use double quotes when a value contains a variable.',
    angle:
      'Labels travel **with the image** through registries, so tools that scan, sign or deploy containers can read owner, source and version without opening the image. ' +
      'VMs keep similar facts in the hypervisor or the management tool, outside the disk image. ' +
      'Good labels help the rebuild-and-redeploy update cycle find what to rebuild.',
    dimensions: ['deployment', 'os-updates', 'portability'],
    sources: [MS.deployment, MS.updates, BB.containers],
    reference: dockerfileRef('LABEL', 'label'),
  },
  {
    id: DF.instruction('MAINTAINER'),
    title: 'MAINTAINER (deprecated)',
    summary: 'Deprecated: sets the image author field. Use a LABEL instead.',
    does:
      'Sets the *Author* field of the image. It is deprecated; write `LABEL org.opencontainers.image.authors="…"` instead, which `docker inspect` shows with the other labels.',
    angle:
      'Nothing here changes how the workload runs, in a container or a VM. ' +
      'Who owns an image matters for updates, though: someone has to rebuild it whenever its base gets security fixes, because a container is patched by shipping a new image.',
    dimensions: ['os-updates', 'deployment'],
    sources: [MS.updates, S24.portability],
    reference: dockerfileRef('MAINTAINER', 'maintainer-deprecated'),
  },
  {
    id: DF.instruction('EXPOSE'),
    title: 'EXPOSE',
    summary: 'Documents which ports the container listens on; it does not publish them.',
    does:
      'Records that the container listens on a port, TCP unless you write `/udp` (`EXPOSE 80/tcp 53/udp`). ' +
      'It opens nothing by itself: publish with `docker run -p host:container` or `-P` (every exposed port to a random high host port). Containers on the same user-defined network reach each other on any port anyway.',
    angle:
      'A VM gets **its own virtual network adapter**; a container gets an **isolated view of a shared one**, which costs less but virtualizes less. Microsoft adds that Windows containers share the host firewall; on Linux, Docker\'s own iptables rules for published ports take effect before ufw. ' +
      'Published ports are mapped by the host, so two containers can both listen on 80 inside. ' +
      '`EXPOSE 22` for an SSH daemon is a VM habit: with a container you usually `docker exec` in, or rebuild instead of logging in to change things.',
    dimensions: ['networking', 'isolation', 'security'],
    sources: [MS.networking, S24.security],
    reference: dockerfileRef('EXPOSE', 'expose'),
  },
  {
    id: DF.instruction('ENV'),
    title: 'ENV',
    summary: 'Sets an environment variable for later build steps and for the running container.',
    does:
      'Sets `ENV KEY=value [KEY2=value2 …]` for the rest of the stage, for child stages, and in every container started from the image; `docker run --env` can override it. ' +
      'Values stay visible in `docker inspect` and the image history. For build-only values use `ARG` or set the variable on a single `RUN`.',
    angle:
      'Configuration by environment variable is how one container image runs unchanged on a laptop, in test and in production: the image stays the same and only the settings around it change. ' +
      'A VM is more often configured by editing files inside the guest. ' +
      'Never put secrets in `ENV`: they are baked into the image that everyone who can pull it can read.',
    dimensions: ['portability', 'deployment', 'security'],
    sources: [BB.containers, S24.portability, S24.security],
    reference: dockerfileRef('ENV', 'env'),
  },
  {
    id: DF.instruction('ADD'),
    title: 'ADD',
    summary: 'Copies files into the image, and can also fetch URLs, clone Git repositories and unpack tar archives.',
    does:
      'Like `COPY`, plus: a local tar archive is extracted (see `--unpack`), a URL is downloaded, and a Git address is cloned. ' +
      'Options: `--chown`, `--chmod`, `--link`, `--exclude`, `--checksum`, `--keep-git-dir`, `--unpack`. ' +
      'Prefer `COPY` for plain local files; use `ADD` with `--checksum` when fetching remote content.',
    angle:
      'Whatever `ADD` pulls in becomes part of an **immutable image**: every container started from it gets the same bytes, unlike a VM where each guest downloads its own copy at setup time. ' +
      'That makes the source worth pinning (`--checksum`), since a bad download is shipped everywhere at once.',
    dimensions: ['deployment', 'portability', 'security'],
    sources: [BB.containers, S24.portability, S24.security],
    reference: dockerfileRef('ADD', 'add'),
  },
  {
    id: DF.instruction('COPY'),
    title: 'COPY',
    summary: 'Copies files from the build context, another stage or an image into the image.',
    does:
      'Copies `<src>… <dest>` into the image filesystem; a relative `<dest>` is resolved against `WORKDIR`, and several sources need a directory destination ending in `/`. ' +
      'Options: `--from`, `--chown`, `--chmod`, `--link`, `--parents`, `--exclude`. Files are owned by UID 0 and GID 0 unless `--chown` says otherwise; `.dockerignore` filters the context.',
    angle:
      'Your application and its dependencies go **into the image**, which is what makes a container portable: the same package runs on any host with a compatible kernel. ' +
      'A VM image carries a whole OS as well, so it is gigabytes where a container is often megabytes. ' +
      'Copy only what the app needs; everything copied ships to every host and must be kept patched.',
    dimensions: ['portability', 'deployment', 'density'],
    sources: [BB.containers, BB.containerBenefits, S24.summary],
    reference: dockerfileRef('COPY', 'copy'),
  },
  {
    id: DF.instruction('ENTRYPOINT'),
    title: 'ENTRYPOINT',
    summary: 'The executable a container from this image runs; CMD supplies its default arguments.',
    does:
      'Makes the container run like one program: in exec form (`ENTRYPOINT ["/app/server"]`) the arguments given to `docker run` are appended, or `CMD` when there are none, and it runs as **PID 1**. ' +
      'The shell form runs under `/bin/sh -c`, ignores `CMD` and run arguments, and the program does not receive `SIGTERM` from `docker stop`. Only the last `ENTRYPOINT` counts; `docker run --entrypoint` overrides it.',
    angle:
      'A container is **a process, not a machine**: PID 1 is your program, not an init system, so it must handle signals and reap children itself (or use `docker run --init` / `tini`). ' +
      'This is why containers start in about the time the app takes to start, while a VM first boots a kernel and services. ' +
      'Workloads that need `systemd` or many cooperating daemons fit a VM more naturally, or need special setup.',
    dimensions: ['startup', 'os-kernel', 'fault-tolerance'],
    sources: [MS.containerArch, MS.vmArch, BB.diff, BB.faq],
    reference: dockerfileRef('ENTRYPOINT', 'entrypoint'),
  },
  {
    id: DF.instruction('VOLUME'),
    title: 'VOLUME',
    summary: 'Declares a mount point whose data lives outside the container filesystem.',
    does:
      'Marks paths (`VOLUME ["/data"]` or `VOLUME /var/log /var/db`) as external mount points; `docker run` creates an anonymous volume there, seeded with what the image holds at that path. ' +
      'You cannot name a host directory in the Dockerfile: that is chosen at run time. On Windows the target must be empty or on a drive other than `C:`.',
    angle:
      'A container is meant to be **disposable**: anything written to its own filesystem disappears when it is replaced, so state must sit in a volume, a network share or a managed disk. ' +
      'A VM keeps state on its virtual hard disk and survives a reboot with it. ' +
      'If the orchestrator recreates the container on another node, its storage has to be reachable from there too.',
    dimensions: ['storage', 'fault-tolerance'],
    sources: [MS.storage, S24.storage, LEARN.know, MS.faultTolerance],
    reference: dockerfileRef('VOLUME', 'volume'),
  },
  {
    id: DF.instruction('USER'),
    title: 'USER',
    summary: 'Sets the user (and group) that later RUN steps and the container process run as.',
    does:
      'Sets `USER <name|UID>[:<group|GID>]` for the rest of the stage: later `RUN` steps and the container\'s `ENTRYPOINT`/`CMD` run as that user. ' +
      'Without it the user comes from the base image, which is usually root. Giving a group replaces the user\'s other group memberships; on Windows the account must exist first (for example `RUN net user /add app`).',
    angle:
      'A container **shares the host kernel**, so root inside it is one kernel bug (or one careless mount) away from root on the host unless user namespaces remap it. ' +
      'Root inside a VM is confined by the VM\'s own kernel and the hypervisor. ' +
      'Running as a non-root user is the cheapest way to narrow that gap; if untrusted code must run as root, consider a VM or a sandboxed runtime.',
    dimensions: ['isolation', 'security'],
    sources: [MS.isolation, BB.faq, DIFF.containers, S24.security],
    reference: dockerfileRef('USER', 'user'),
  },
  {
    id: DF.instruction('WORKDIR'),
    title: 'WORKDIR',
    summary: 'Sets the working directory for the instructions that follow and for the container.',
    does:
      'Sets the directory for later `RUN`, `CMD`, `ENTRYPOINT`, `COPY` and `ADD`, creating it if missing. ' +
      'A relative path builds on the previous `WORKDIR`; it can use variables set with `ENV`. The default is `/`, but base images often set their own, so set it explicitly.',
    angle:
      'Nothing here differs between a container and a VM. ' +
      'The point is reproducibility: an image that states its own paths behaves the same on every host, which is much of why containers port well between laptop, test and production.',
    dimensions: ['portability'],
    sources: [BB.containers, DIFF.choose],
    reference: dockerfileRef('WORKDIR', 'workdir'),
  },
  {
    id: DF.instruction('ARG'),
    title: 'ARG',
    summary: 'Declares a build-time variable, settable with --build-arg.',
    does:
      'Declares `ARG <name>[=<default>]`, set with `docker build --build-arg name=value`, in scope to the end of the stage; one declared before the first `FROM` serves only `FROM` lines unless redeclared. ' +
      'It is not kept in the container\'s environment, but values show in `docker history` and provenance, so **never pass secrets** this way (use `RUN --mount=type=secret`). Predefined: the proxy variables and, with BuildKit, `TARGETPLATFORM`, `BUILDPLATFORM` and friends.',
    angle:
      'Build arguments let one Dockerfile produce variants (base version, architecture) that are rebuilt and redeployed as a whole, instead of reconfiguring each running machine as you would with VMs. ' +
      'Because a built image is shared and inspectable, a secret passed as an `ARG` leaks to everyone who can pull it.',
    dimensions: ['os-updates', 'security', 'portability'],
    sources: [MS.updates, S24.security, S24.portability],
    reference: dockerfileRef('ARG', 'arg'),
  },
  {
    id: DF.instruction('ONBUILD'),
    title: 'ONBUILD',
    summary: 'Registers an instruction that runs later, when another build uses this image as its base.',
    does:
      'Stores a trigger (`ONBUILD COPY . /app/src`) in the image; when a downstream Dockerfile does `FROM` this image, the triggers run right after its `FROM`, in order. ' +
      'Triggers are not passed on to grandchildren; `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` are not allowed.',
    angle:
      'Build-time templates like this fit the container update model, where a fix in a shared base image reaches every app on its next rebuild and redeploy. ' +
      'The VM equivalent is a golden image that every guest is cloned from, but existing VMs must still be patched one by one. ' +
      'Hidden triggers also make a Dockerfile harder to read: check the base image when a build does something the file does not show.',
    dimensions: ['os-updates', 'deployment'],
    sources: [MS.updates, S24.portability],
    reference: dockerfileRef('ONBUILD', 'onbuild'),
  },
  {
    id: DF.instruction('STOPSIGNAL'),
    title: 'STOPSIGNAL',
    summary: 'The signal sent to the container process to ask it to stop.',
    does:
      'Sets the signal `docker stop` (and the daemon) sends to stop the container, by name (`STOPSIGNAL SIGQUIT`) or number. The default is `SIGTERM`; after the grace period the process is killed. ' +
      '`docker run --stop-signal` overrides it; Ctrl+C still sends `SIGINT`.',
    angle:
      'Containers are stopped, replaced and rescheduled all the time, so a clean, quick shutdown matters: orchestrators move load by stopping and starting containers rather than migrating them live as VMs can be. ' +
      'An app that drains on the right signal lets that happen in seconds without dropping requests.',
    dimensions: ['startup', 'load-balancing', 'fault-tolerance'],
    sources: [MS.loadBalancing, DIFF.containers, BB.diff],
    reference: dockerfileRef('STOPSIGNAL', 'stopsignal'),
  },
  {
    id: DF.instruction('HEALTHCHECK'),
    title: 'HEALTHCHECK',
    summary: 'A command Docker runs inside the container to decide whether it is healthy.',
    does:
      '`HEALTHCHECK [OPTIONS] CMD <command>` adds a health status (`starting`, `healthy`, `unhealthy`) next to the running state; exit code 0 means healthy, 1 unhealthy. ' +
      'Defaults: `--interval=30s`, `--timeout=30s`, `--start-period=0s`, `--start-interval=5s`, `--retries=3`. `HEALTHCHECK NONE` turns off one inherited from the base image; only the last one counts.',
    angle:
      'The Docker Engine and Compose only **mark** a failing container `unhealthy` (and Compose can wait for `healthy` before starting dependants); they do not restart or replace it. Swarm services do replace unhealthy tasks, and Kubernetes ignores this instruction and uses its own probes. ' +
      'Where something acts on health, recovery means starting a fresh copy rather than repairing one; VMs recover by failing over and rebooting their OS on another server, which takes longer.',
    dimensions: ['fault-tolerance', 'load-balancing'],
    sources: [MS.faultTolerance, MS.loadBalancing, LEARN.know, S24.faultTolerance],
    reference: dockerfileRef('HEALTHCHECK', 'healthcheck'),
  },
  {
    id: DF.instruction('SHELL'),
    title: 'SHELL',
    summary: 'Changes the shell used by the shell form of RUN, CMD and ENTRYPOINT.',
    does:
      'Overrides the default shell (`["/bin/sh", "-c"]` on Linux, `["cmd", "/S", "/C"]` on Windows); it must be written as a JSON array and applies to later shell-form `RUN`, `CMD` and `ENTRYPOINT`. ' +
      'Common on Windows: `SHELL ["powershell", "-Command"]`, often with `# escape=` set to a backtick.',
    angle:
      'A PowerShell or cmd shell means a **Windows image**, and Windows containers with process isolation need a Windows host whose OS build matches the image, with few exceptions such as a 2022 image on Windows Server 2025 (Hyper-V isolation also lets a newer host run an older image); Linux hosts cannot run them. ' +
      'A VM can run whatever guest OS you like on any hypervisor host, which is the simpler choice for mixed or older Windows versions.',
    dimensions: ['guest-compat', 'os-kernel'],
    sources: [MS.guest, MS.containerArch, BB.vmBenefits],
    reference: dockerfileRef('SHELL', 'shell'),
  },
];
