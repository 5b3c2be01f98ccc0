// Parser directives and the pieces of Dockerfile syntax that are not instructions: heredocs, line
// continuations, stage names and references to them.
import type { Topic } from '../types';
import { BB, DIFF, dockerfileRef, LEARN, MS, S24 } from './cite';
import { DF } from './ids';

export const SYNTAX_TOPICS: Topic[] = [
  {
    id: DF.directive('syntax'),
    title: '# syntax=',
    summary: 'Picks the Dockerfile frontend (syntax version) BuildKit uses for this file.',
    does:
      '`# syntax=docker/dockerfile:1` makes BuildKit fetch the latest stable 1.x frontend before building, so newer features work without upgrading Docker; `docker/dockerfile:1-labs` adds experimental ones. ' +
      'Without it the frontend bundled with the builder is used. Like every parser directive it must come before any instruction, comment or blank line.',
    angle:
      'Pinning the syntax keeps the build reproducible on every machine and CI runner, part of what makes a container image the same everywhere it is built. ' +
      'VM image builds pin their tooling in their own way (Packer\'s `required_plugins`), but what they produce is a whole OS disk rather than layers on a base image.',
    dimensions: ['portability', 'deployment'],
    sources: [BB.containers, DIFF.choose],
    reference: dockerfileRef('syntax', 'syntax'),
  },
  {
    id: DF.directive('escape'),
    title: '# escape=',
    summary: 'Sets the escape and line-continuation character (backslash by default).',
    does:
      '`# escape=\\` (the default) or `` # escape=` ``. The escape character escapes characters in a line and, at the end of a line, continues the instruction on the next. ' +
      'A backtick is usual in Windows Dockerfiles, where `\\` is the path separator (`C:\\app\\`). Must appear at the top, before any instruction.',
    angle:
      'A backtick escape usually means a **Windows** Dockerfile: its images need a Windows host whose OS build matches under process isolation, with few exceptions such as a 2022 image on Windows Server 2025 (Hyper-V isolation also lets a newer host run an older image), while a Linux host cannot run them at all. ' +
      'A VM is the more flexible way to run a Windows workload on mixed or older hosts.',
    dimensions: ['guest-compat', 'os-kernel'],
    sources: [MS.guest, MS.containerArch],
    reference: dockerfileRef('escape', 'escape'),
  },
  {
    id: DF.directive('check'),
    title: '# check=',
    summary: 'Configures the build checks: which to skip and whether failures break the build.',
    does:
      '`# check=skip=<Name,Name|all>` turns checks off, `# check=error=true` makes failing checks fail the build (by default they are warnings and the build still succeeds); combine with a semicolon: `# check=skip=JSONArgsRecommended;error=true`. ' +
      'Check names are PascalCase. Available since Dockerfile 1.8; pin `# syntax=` when using `error=true`, since new checks arrive with new versions.',
    angle:
      'Build checks catch mistakes before an image ships to every host, such as shell-form `CMD` that breaks signal handling or secrets in `ARG`/`ENV`. ' +
      'What the image holds is settled when it is built, once, rather than per machine as with VMs; how it runs (privileged mode, capabilities, published ports and traffic rules) is still set when the container is started, so build checks cover only the image\'s part of hardening.',
    dimensions: ['security', 'deployment'],
    sources: [S24.security, S24.portability],
    reference: dockerfileRef('check', 'check'),
  },
  {
    id: DF.heredoc,
    title: 'Here-document (<<EOF)',
    summary: 'Feeds the following lines, up to a delimiter, to RUN as a script or to COPY as a file.',
    does:
      '`RUN <<EOF` … `EOF` runs the enclosed lines as one script (with a `#!` line choosing the interpreter); `COPY <<EOF /path` writes them to a file. ' +
      'Variables expand at build time unless the delimiter is quoted (`<<"EOF"`); `<<-EOF` strips leading tabs. Needs BuildKit and Dockerfile syntax 1.4+.',
    angle:
      'Scripts inlined in the Dockerfile keep the whole setup in the image recipe, so every container is rebuilt the same way. ' +
      'On a VM the same script would typically run once at provisioning time, and the machine then drifts as it is patched by hand.',
    dimensions: ['deployment', 'os-updates'],
    sources: [MS.updates, S24.portability],
    reference: dockerfileRef('Here-Documents', 'here-documents'),
  },
  {
    id: DF.lineContinuation,
    title: 'Line continuation',
    summary: 'An escape character at the end of a line continues the instruction on the next line.',
    does:
      'A trailing `\\` (or the character set by `# escape=`, often `` ` `` on Windows) joins the next line to the instruction. ' +
      'Comment lines in the middle are dropped; comments and parser directives themselves cannot be continued.',
    angle:
      'Long `RUN` lines joined with `&&` and continuations produce a single layer, so package caches deleted in the same step never reach the image. ' +
      'Smaller images move faster between hosts and start sooner, one of the container\'s advantages over a VM image.',
    dimensions: ['density', 'startup'],
    sources: [BB.containers, BB.containerBenefits],
    reference: dockerfileRef('escape', 'escape'),
  },
  {
    id: DF.stageName,
    title: 'AS <name> (build stage)',
    summary: 'Names a build stage so later stages can build on it or copy from it.',
    does:
      '`FROM <image> AS <name>` names the stage. Later lines can use it as `FROM <name>`, `COPY --from=<name>` or `RUN --mount=from=<name>`, and `docker build --target <name>` stops at it. ' +
      'Stages that the target does not need are skipped by BuildKit.',
    angle:
      'Multi-stage builds separate the toolchain from the runtime, so the shipped container holds only the app and the slice of OS user space it needs. ' +
      'A VM image nearly always ships the full OS.',
    dimensions: ['density', 'os-updates', 'security'],
    sources: [MS.os, LEARN.know, BB.containerBenefits],
    reference: dockerfileRef('FROM', 'from'),
  },
  {
    id: DF.stageRef,
    title: 'Build stage reference',
    summary: 'Refers to an earlier stage of this Dockerfile rather than an image from a registry.',
    does:
      'When the name after `FROM`, `COPY --from=` or `RUN --mount=from=` matches an earlier `AS <name>`, the builder uses that stage\'s result instead of pulling an image. ' +
      'Stage names are matched case-insensitively; a name that matches no stage is treated as an image reference.',
    angle:
      'The final image\'s OS and kernel requirements come from the **base of the chain** of stages it builds on; a stage used only as a copy source adds nothing to what runs. ' +
      'Follow the chain to its first `FROM` to see which OS user space the container will carry.',
    dimensions: ['os-kernel', 'density'],
    sources: [MS.containerArch, MS.os],
    reference: dockerfileRef('FROM', 'from'),
  },
];
