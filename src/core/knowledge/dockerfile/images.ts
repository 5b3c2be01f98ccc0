// Base-image families and traits of an image reference, as explained on a FROM line.
import type { Reference, Topic } from '../types';
import { BB, DIFF, dockerfileRef, LEARN, MS, S24 } from './cite';
import { DF } from './ids';

const link = (label: string, url: string): Reference => ({ label, url });

const WINDOWS_BASE_IMAGES = link(
  'Microsoft Learn: Windows container base images',
  'https://learn.microsoft.com/en-us/virtualization/windowscontainers/manage-containers/container-base-images',
);

const windowsAngle =
  'A Windows container uses the **host\'s Windows kernel**: with process isolation the host\'s OS build must generally match the image\'s (an `ltsc2022` image wants Windows Server 2022, build 20348, though Windows Server 2025 and Windows 11 hosts also run it), and Linux hosts cannot run it at all. ' +
  '**Hyper-V isolation** runs each container in a lightweight VM, which allows an older image on a newer host at some cost in memory and start time. ' +
  'A full VM runs any Windows version on any hypervisor host, the simpler route for legacy or mixed-version fleets.';

export const IMAGE_TOPICS: Topic[] = [
  {
    id: DF.image('scratch'),
    title: 'scratch',
    summary: 'The empty base image: nothing but what you copy in.',
    does:
      '`FROM scratch` starts from an empty filesystem: no shell, no libc, no package manager, no users. It suits statically linked binaries (Go, Rust) copied from a build stage. Windows images cannot start from `scratch`.',
    angle:
      'The container brings **only your binary**; everything else that resembles an OS is the **host kernel**. ' +
      'That is the smallest possible attack surface and there are no OS packages to update; the trade-off is no shell for debugging. ' +
      'A VM always carries a full OS, kernel included, even for a single static binary.',
    dimensions: ['os-kernel', 'density', 'os-updates', 'security'],
    sources: [MS.containerArch, MS.os, BB.containerBenefits],
    reference: link('Docker Hub: scratch', 'https://hub.docker.com/_/scratch'),
  },
  {
    id: DF.image('alpine'),
    title: 'Alpine Linux',
    summary: 'A tiny Linux user space built on musl libc and BusyBox, with the apk package manager.',
    does:
      'Alpine images are a few megabytes; packages come from `apk add --no-cache`. Binaries built against glibc may not run unchanged on musl, and DNS or locale behaviour can differ from Debian or Ubuntu.',
    angle:
      'A small user space means fewer packages to patch and faster pulls and starts, the container benefits in their plainest form. ' +
      'The kernel is still the host\'s: Alpine in a container does not give you an Alpine kernel, which only an Alpine VM would.',
    dimensions: ['density', 'os-updates', 'startup', 'os-kernel'],
    sources: [MS.os, BB.containers, BB.containerBenefits],
    reference: link('Docker Hub: alpine', 'https://hub.docker.com/_/alpine'),
  },
  {
    id: DF.image('distroless'),
    title: 'Distroless',
    summary: 'Runtime-only images with no shell or package manager (gcr.io/distroless/…).',
    does:
      'Google\'s distroless images hold just a language runtime or the C libraries and CA certificates, based on Debian 13 (`static-debian13`, `base-`, `cc-`, `java21-`, `nodejs24-`, `python3-debian13`; `static`, `base` and `cc` also for Debian 12). ' +
      '`:nonroot` tags run as UID 65532; `:debug` tags add a BusyBox shell. Build in a full image, then `COPY --from` into distroless.',
    angle:
      'Nothing but what the app needs is the container idea of an OS tailored to its service; with no shell or package manager there is little for an attacker to use and few OS updates to ship. ' +
      'Updates arrive by rebuilding on a newer distroless tag and redeploying, not by patching inside.',
    dimensions: ['security', 'os-updates', 'density'],
    sources: [MS.os, MS.updates, S24.security, BB.containerBenefits],
    reference: link('GoogleContainerTools/distroless', 'https://github.com/GoogleContainerTools/distroless'),
  },
  {
    id: DF.image('debian'),
    title: 'Debian',
    summary: 'Debian Linux user space (glibc, apt); the default base of most official images.',
    does:
      'Tags name releases (`bookworm` = 12, `trixie` = 13) or versions; `-slim` variants drop documentation and rarely used files. Packages come from `apt-get`; clean `/var/lib/apt/lists` in the same `RUN` to keep layers small.',
    angle:
      'You get a familiar full distribution user space on top of the **host\'s kernel**, which makes lifting an app from a Debian VM fairly direct. ' +
      'Security fixes land when you rebuild on a refreshed tag and redeploy, not through `unattended-upgrades` in a running container.',
    dimensions: ['os-kernel', 'os-updates', 'portability'],
    sources: [MS.containerArch, MS.updates, BB.containers],
    reference: link('Docker Hub: debian', 'https://hub.docker.com/_/debian'),
  },
  {
    id: DF.image('ubuntu'),
    title: 'Ubuntu',
    summary: 'Ubuntu Linux user space (glibc, apt).',
    does:
      'Tags name versions or code names (`26.04`/`resolute`, `24.04`/`noble`, `22.04`/`jammy`); LTS releases get five years of standard security updates. The image is a minimal install: add packages with `apt-get`.',
    angle:
      'The container holds Ubuntu\'s **user space**; the kernel is the host\'s, whatever distribution the host runs. ' +
      'Kernel-dependent software (kernel modules, eBPF tools, specific `sysctl`s) behaves according to the host, so a workload that needs a particular Ubuntu kernel belongs in an Ubuntu VM.',
    dimensions: ['os-kernel', 'guest-compat', 'os-updates'],
    sources: [MS.containerArch, MS.vmArch, MS.guest],
    reference: link('Docker Hub: ubuntu', 'https://hub.docker.com/_/ubuntu'),
  },
  {
    id: DF.image('rhel'),
    title: 'Red Hat family (UBI, Fedora, CentOS, Rocky, Alma, Oracle, Amazon Linux)',
    summary: 'RPM-based Linux user space (dnf, microdnf or yum).',
    does:
      'Includes Red Hat Universal Base Images (`registry.access.redhat.com/ubi9`, freely redistributable, `-minimal` and `-micro` variants), Fedora, CentOS Stream, Rocky Linux, AlmaLinux, Oracle Linux and Amazon Linux. Packages come from `dnf`/`microdnf`/`yum`.',
    angle:
      'Matching the user space of your RHEL-family servers eases moving an app off a VM, but support for the stack is tied to the **host** kernel and platform as well; a container on an unsupported host may not be a supported configuration. ' +
      'Certified or vendor-supported software that requires a specific RHEL kernel is usually a VM workload.',
    dimensions: ['os-kernel', 'guest-compat', 'os-updates'],
    sources: [MS.containerArch, MS.guest, DIFF.choose],
    reference: link('Red Hat Universal Base Images', 'https://catalog.redhat.com/software/base-images'),
  },
  {
    id: DF.image('windows-servercore'),
    title: 'Windows Server Core',
    summary: 'Windows base image with broad Win32 and .NET Framework compatibility (several GB).',
    does:
      '`mcr.microsoft.com/windows/servercore:<ltsc2019|ltsc2022|ltsc2025>` includes PowerShell and the full .NET Framework, so most existing Windows server apps run. ' +
      'It is several gigabytes, and the tag names the Windows Server release it is built from.',
    angle: windowsAngle,
    dimensions: ['guest-compat', 'os-kernel', 'isolation', 'density'],
    sources: [MS.guest, MS.isolation, MS.containerArch, BB.vmBenefits],
    reference: WINDOWS_BASE_IMAGES,
  },
  {
    id: DF.image('windows-nanoserver'),
    title: 'Windows Nano Server',
    summary: 'The smallest Windows base image, for .NET (Core) and other self-contained apps.',
    does:
      '`mcr.microsoft.com/windows/nanoserver:<ltsc…>` (version 1709 and later) is a few hundred megabytes or less: no full .NET Framework, no PowerShell unless you add it, only 64-bit apps, and it runs as `ContainerUser` by default. ' +
      'The older Windows Server 2016 image (`microsoft/nanoserver`, tags `sac2016` and `10.0.14393.*`) is not like that: it includes PowerShell and runs as `ContainerAdministrator`.',
    angle: windowsAngle,
    dimensions: ['guest-compat', 'os-kernel', 'isolation', 'density'],
    sources: [MS.guest, MS.isolation, MS.os],
    reference: link('Microsoft Learn: Changes to Nano Server in Windows Server version 1709', 'https://learn.microsoft.com/en-us/windows-server/get-started/nano-in-semi-annual-channel'),
  },
  {
    id: DF.image('windows'),
    title: 'Windows / Windows Server (full)',
    summary: 'The largest Windows base images, with the fullest Windows API set (e.g. DirectX, GPU).',
    does:
      '`mcr.microsoft.com/windows/server` (Windows Server 2022 and later) and `mcr.microsoft.com/windows` (older releases) contain most Windows components, for apps that Server Core cannot run. They are the biggest Windows images.',
    angle:
      windowsAngle +
      ' An app that needs this much of Windows is already close to a whole machine, which is worth weighing against a plain VM.',
    dimensions: ['guest-compat', 'os-kernel', 'isolation', 'density'],
    sources: [MS.guest, MS.isolation, DIFF.choose],
    reference: WINDOWS_BASE_IMAGES,
  },
  {
    id: DF.image('busybox'),
    title: 'BusyBox',
    summary: 'A tiny image with one multi-call binary providing the common Unix tools.',
    does:
      'A few megabytes with `sh`, `wget`, `vi` and friends; no package manager. Variants are built on glibc, musl or uClibc. Often used for init containers, debugging and as a shell for otherwise empty images.',
    angle:
      'Handy tools with almost no OS to patch, running on the **host kernel**. ' +
      'If you need more than a toolbox, pick a distribution base; if you need a different kernel, that is a VM.',
    dimensions: ['density', 'os-updates', 'os-kernel'],
    sources: [MS.os, BB.containerBenefits],
    reference: link('Docker Hub: busybox', 'https://hub.docker.com/_/busybox'),
  },
  {
    id: DF.image('language'),
    title: 'Language runtime image',
    summary: 'An official runtime or SDK image (python, node, golang, eclipse-temurin, ruby, php, rust, dotnet…).',
    does:
      'Ships a language runtime or toolchain on a distribution: default tags are usually Debian, with `-slim` and `-alpine` variants, and some have `windowsservercore` or `nanoserver` variants. The tag names both the language version and the base OS.',
    angle:
      'The runtime and its OS user space come as one versioned package that runs the same on every host, the portability containers are known for. ' +
      'SDK images are large: build in them, then copy the result into a slim runtime image. A tag naming `windowsservercore` or `nanoserver` means a Windows container with Windows host requirements.',
    dimensions: ['portability', 'os-updates', 'density'],
    sources: [BB.containers, S24.portability, LEARN.consider],
    reference: link('Docker Official Images', 'https://hub.docker.com/search?badges=official'),
  },
  {
    id: DF.image('generic'),
    title: 'Base image',
    summary: 'An application or vendor image used as a base.',
    does:
      'Any other image: its OS user space is whatever its maintainer chose. `docker image inspect` shows its platform (`Os`, `Architecture`) and `docker history` its layers.',
    angle:
      'Whatever distribution is inside, the container will run on the **host\'s kernel** and inherit the image\'s packages and their vulnerabilities. ' +
      'Use verified publishers, and rebuild when the base is updated, since the image is how a container is patched.',
    dimensions: ['os-kernel', 'security', 'os-updates'],
    sources: [MS.containerArch, S24.security, MS.updates],
    reference: dockerfileRef('FROM', 'from'),
  },
  {
    id: DF.image('tag-latest'),
    title: ':latest',
    summary: 'The `latest` tag is just a default name; it moves whenever the publisher pushes.',
    does:
      '`latest` is the tag the builder uses when none is given. It is not guaranteed to be the newest or a stable release, and two builds a week apart may get different images.',
    angle:
      'Rebuilding is how containers take OS updates, so a moving base can change the user space under your app, even its major release, without a Dockerfile change. ' +
      'Pin a version tag (or a digest) and bump it deliberately; that is the container counterpart of a planned VM upgrade.',
    dimensions: ['os-updates', 'deployment'],
    sources: [MS.updates, S24.portability],
    reference: dockerfileRef('FROM', 'from'),
  },
  {
    id: DF.image('digest'),
    title: '@sha256 digest',
    summary: 'Pins the base to exact content: the same bytes on every build.',
    does:
      '`FROM image@sha256:<hex>` refers to one immutable manifest (for a multi-platform image, the index). A tag written next to it is only for readers; the digest decides.',
    angle:
      'Fully reproducible builds, but no security fixes arrive until you change the digest: pair it with a tool that proposes updates. ' +
      'It makes the update step explicit, like choosing a VM patch window.',
    dimensions: ['os-updates', 'security', 'deployment'],
    sources: [MS.updates, S24.security],
    reference: dockerfileRef('FROM', 'from'),
  },
  {
    id: DF.image('untagged'),
    title: 'Untagged image',
    summary: 'No tag or digest: the builder uses `:latest`.',
    does:
      'A reference without `:<tag>` or `@<digest>` means `:latest`, which can change between builds.',
    angle:
      'The OS release you ship is whatever the publisher tagged most recently. Name a version so that OS upgrades happen when you choose, through a rebuild and redeploy.',
    dimensions: ['os-updates', 'deployment'],
    sources: [MS.updates, S24.portability],
    reference: dockerfileRef('FROM', 'from'),
  },
  {
    id: DF.image('variable'),
    title: 'Base image from a variable',
    summary: 'The base image comes from a build argument and is only known at build time.',
    does:
      '`ARG BASE=debian:12` before the first `FROM`, then `FROM ${BASE}`; `docker build --build-arg BASE=…` changes it. Only `ARG`s declared before the first `FROM` can be used in `FROM`.',
    angle:
      'The operating system family, even Linux versus Windows, is decided outside this file, so host requirements cannot be read from the Dockerfile alone. ' +
      'Check the default value and what the build passes in.',
    dimensions: ['os-kernel', 'guest-compat'],
    sources: [MS.containerArch, MS.guest],
    reference: dockerfileRef('Understand how ARG and FROM interact', 'understand-how-arg-and-from-interact'),
  },
];
