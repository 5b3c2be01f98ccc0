// The topic ids of the Dockerfile knowledge. The parser's position lookup produces exactly these strings.

export const DF = {
  instruction: (name: string): string => `dockerfile.instruction.${name.toUpperCase()}`,
  /** `flag('RUN', 'mount')`, `flag('RUN', 'mount.cache')`, `flag('COPY', 'from')`. */
  flag: (instruction: string, flag: string): string => `dockerfile.flag.${instruction.toUpperCase()}.${flag}`,
  directive: (name: string): string => `dockerfile.directive.${name.toLowerCase()}`,
  image: (family: string): string => `dockerfile.image.${family}`,
  heredoc: 'dockerfile.heredoc',
  lineContinuation: 'dockerfile.line-continuation',
  stageName: 'dockerfile.stage-name',
  stageRef: 'dockerfile.stage-ref',
} as const;

export const INSTRUCTIONS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
] as const;
export type InstructionName = (typeof INSTRUCTIONS)[number];

/** Flags per instruction, as the current Dockerfile reference lists them. `mount.<type>` ids sit under `mount`. */
export const FLAGS: Readonly<Partial<Record<InstructionName, readonly string[]>>> = {
  FROM: ['platform'],
  RUN: ['mount', 'mount.bind', 'mount.cache', 'mount.tmpfs', 'mount.secret', 'mount.ssh', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  // ADD has no --from and no --parents; it has --unpack (Dockerfile 1.17+).
  ADD: ['keep-git-dir', 'checksum', 'chown', 'chmod', 'link', 'unpack', 'exclude'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export const DIRECTIVES = ['syntax', 'escape', 'check'] as const;

export const IMAGE_FAMILIES = [
  'scratch', 'alpine', 'distroless', 'debian', 'ubuntu', 'rhel', 'windows-servercore', 'windows-nanoserver',
  'windows', 'busybox', 'language', 'generic',
] as const;
export type ImageFamily = (typeof IMAGE_FAMILIES)[number];

/** Properties of an image reference, each with its own topic. `variable` is also the family of a `${VAR}` ref. */
export const IMAGE_TRAITS = ['tag-latest', 'digest', 'untagged', 'variable'] as const;
