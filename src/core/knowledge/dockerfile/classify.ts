// Classifies the image named on a FROM line: which base-image family it is, which OS it needs, and
// which topics explain it. The rules are data (tables below); the function only parses the reference.
import { DF, type ImageFamily } from './ids';

export type ImageOs = 'linux' | 'windows' | 'unknown';

export interface ImageRefParts {
  /** Registry host (with port) when the reference names one, e.g. `gcr.io`, `registry:5000`. */
  registry?: string;
  /** Repository path without registry, lower-cased, e.g. `library/alpine` is written `alpine`. */
  path: string;
  tag?: string;
  digest?: string;
  /** The value of a `--platform=` flag found in front of the reference. */
  platform?: string;
}

export interface ImageClass {
  /** One of IMAGE_FAMILIES, `variable` when the repository comes from a build argument, or `stage` for a build stage. */
  family: ImageFamily | 'variable' | 'stage';
  /** Most specific first: the family's topic, then the Windows base if the tag names one, then traits (latest, untagged, digest, variable). */
  topicIds: string[];
  os: ImageOs;
  /** Short remarks for a hover or a report, in plain words. */
  notes: string[];
  parts: ImageRefParts;
}

export interface ClassifyOptions {
  /** Stage names defined earlier in the Dockerfile; a reference matching one (case-insensitively) is a stage. */
  stages?: readonly string[];
}

interface FamilyRule {
  family: ImageFamily;
  os: ImageOs;
  /** Matches the registry-qualified path, lower-cased, e.g. `mcr.microsoft.com/windows/servercore`, `docker.io/library/alpine`. */
  match: RegExp;
}

// First match wins, so the specific Windows paths come before the broad ones.
const FAMILY_RULES: FamilyRule[] = [
  { family: 'windows-servercore', os: 'windows', match: /^(mcr\.microsoft\.com\/(windows\/servercore|windowsservercore-insider)|docker\.io\/microsoft\/windowsservercore|docker\.io\/microsoft\/windows-servercore)(\/|$)/ },
  { family: 'windows-nanoserver', os: 'windows', match: /^(mcr\.microsoft\.com\/(windows\/nanoserver|nanoserver-insider)|docker\.io\/microsoft\/nanoserver|docker\.io\/microsoft\/windows-nanoserver)(\/|$)/ },
  { family: 'windows', os: 'windows', match: /^(mcr\.microsoft\.com\/windows(\/server)?(\/insider)?|docker\.io\/microsoft\/windows(-server)?)$/ },
  // Only Google's images: another repository named "distroless" promises nothing about its contents.
  { family: 'distroless', os: 'linux', match: /^gcr\.io\/distroless\// },
  { family: 'alpine', os: 'linux', match: /^docker\.io\/library\/alpine$|\/alpine$/ },
  { family: 'debian', os: 'linux', match: /^docker\.io\/library\/debian$|\/debian$/ },
  { family: 'ubuntu', os: 'linux', match: /^docker\.io\/library\/ubuntu$|\/ubuntu$/ },
  { family: 'busybox', os: 'linux', match: /^docker\.io\/library\/busybox$|\/busybox$/ },
  {
    family: 'rhel',
    os: 'linux',
    match:
      /(^|\/)(ubi\d*(-(minimal|micro|init))?|ubi\d+\/ubi(-(minimal|micro|init))?|fedora|centos|rockylinux|rockylinux\/rockylinux|almalinux|oraclelinux|amazonlinux|rhel\d*)$|^registry\.access\.redhat\.com\/|^registry\.redhat\.io\/ubi/,
  },
  { family: 'language', os: 'linux', match: /^mcr\.microsoft\.com\/dotnet\// },
  {
    family: 'language',
    os: 'linux',
    match:
      /(^|\/)(python|pypy|node|golang|openjdk|eclipse-temurin|amazoncorretto|ibm-semeru-runtimes|sapmachine|ruby|php|rust|perl|erlang|elixir|julia|haskell|gcc|clojure|maven|gradle|groovy|swift|dart|r-base|bun|deno|jruby|crystal)$/,
  },
];

/**
 * Bases that official and vendor images name in their tags (`3.13-windowsservercore-ltsc2022`,
 * `1.27-alpine`, `17-jre-jammy`). Read only when the repository itself is a language, generic or
 * variable image; first match wins.
 */
const TAG_BASES: { pattern: RegExp; family: ImageFamily; os: ImageOs }[] = [
  { pattern: /windowsservercore|servercore/, family: 'windows-servercore', os: 'windows' },
  { pattern: /nanoserver/, family: 'windows-nanoserver', os: 'windows' },
  { pattern: /(^|[-_.])alpine/, family: 'alpine', os: 'linux' },
  { pattern: /(^|[-_.])(jessie|stretch|buster|bullseye|bookworm|trixie|forky)($|[-_.])/, family: 'debian', os: 'linux' },
  { pattern: /(^|[-_.])(trusty|xenial|bionic|focal|jammy|noble|resolute)($|[-_.])/, family: 'ubuntu', os: 'linux' },
];

/** Tag words that tell the OS without naming a base family. */
const TAG_OS: { pattern: RegExp; os: ImageOs }[] = [
  { pattern: /(^|[-_.])(ltsc\d{4}|windows|win\d*)($|[-_.\d])/, os: 'windows' },
  { pattern: /(^|[-_.])(slim|linux|musl|glibc)($|[-_.])/, os: 'linux' },
];

/**
 * Windows Server releases by tag, for the host-build note. `alsoOn` names the other hosts that run the
 * release with process isolation (Microsoft Learn, "Windows container version compatibility").
 */
const WINDOWS_RELEASES: { tag: RegExp; release: string; alsoOn?: string }[] = [
  { tag: /ltsc2025|10\.0\.26100/, release: 'Windows Server 2025 (build 26100)', alsoOn: 'Windows 11 24H2+' },
  { tag: /ltsc2022|10\.0\.20348/, release: 'Windows Server 2022 (build 20348)', alsoOn: 'Windows Server 2025, Windows 11' },
  { tag: /ltsc2019|1809|10\.0\.17763/, release: 'Windows Server 2019 (build 17763)' },
  { tag: /ltsc2016|1607|10\.0\.14393/, release: 'Windows Server 2016 (build 14393)' },
];

const NOTES = {
  scratch: 'Empty base: no shell or package manager; the host kernel is all the OS there is.',
  distroless: 'Google distroless: no shell or package manager, so little to attack and few OS packages to update.',
  distrolessDebug: 'Google distroless `:debug` tag: adds a BusyBox shell for debugging; the other tags have none.',
  windows: (release?: { release: string; alsoOn?: string }): string =>
    `Windows image, so a Windows host: with process isolation its build must match${release ? ` (${release.release}${release.alsoOn ? `; also ${release.alsoOn}` : ''})` : ''}; Hyper-V isolation also lets a newer host run it, not an older one.`,
  linuxOnHost: 'Linux user space only: the kernel is the host\'s (on Windows or macOS, a Linux VM provides it).',
  latest: "':latest' moves under you: a rebuild may bring a different OS release.",
  untagged: "No tag: the builder uses ':latest', which moves whenever the publisher pushes.",
  digest: 'Pinned by digest: the same bytes every build; OS fixes arrive only when you change the digest.',
  variable: 'The base image comes from a build argument: it is only known at build time.',
  tagVariable: 'The tag comes from a build argument: the OS release is only known at build time.',
  stage: 'A build stage of this Dockerfile, not an image from a registry.',
  emulation: (platform: string): string => `Built for ${platform}: on a host of another architecture it runs under emulation, which is slow.`,
} as const;

/** Splits `[--platform=…] [registry/]path[:tag][@digest] [AS name]` into parts. */
export function parseImageRef(text: string): ImageRefParts {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  let platform: string | undefined;
  let ref = '';
  for (const t of tokens) {
    if (t.startsWith('--')) {
      const m = /^--platform=(.*)$/i.exec(t);
      if (m) platform = m[1];
      continue;
    }
    ref = t;
    break;
  }
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first.toLowerCase();
      rest = rest.slice(slash + 1);
    }
  }
  const parts: ImageRefParts = { path: rest.toLowerCase() };
  if (registry !== undefined) parts.registry = registry;
  if (tag !== undefined) parts.tag = tag;
  if (digest !== undefined) parts.digest = digest;
  if (platform !== undefined) parts.platform = platform;
  return parts;
}

/**
 * Nano Server before version 1709: the Windows Server 2016 image (`microsoft/nanoserver`, whose
 * untagged and `latest` names stayed on it, or a tag naming `sac2016`, `1607` or build 14393). Unlike
 * the later images it includes PowerShell and starts as ContainerAdministrator, not ContainerUser
 * (Microsoft Learn, "Changes to Nano Server in Windows Server version 1709").
 */
export function isNanoServer2016(ref: string): boolean {
  const p = parseImageRef(ref);
  const tag = (p.tag ?? '').toLowerCase();
  if (!/nanoserver/.test(p.path) && !/nanoserver/.test(tag)) return false;
  if (/(^|[-_.])(sac2016|1607|ltsc2016)($|[-_.])|10\.0\.14393/.test(tag)) return true;
  const repo = qualified(p);
  return /^docker\.io\/microsoft\/(windows-)?nanoserver$/.test(repo) && (tag === '' || tag === 'latest') && p.digest === undefined;
}

const hasVariable = (s: string | undefined): boolean => s !== undefined && s.includes('$');

/** The registry-qualified path the family rules match, with Docker Hub's implicit names filled in. */
function qualified(p: ImageRefParts): string {
  const registry = p.registry === undefined || p.registry === 'index.docker.io' || p.registry === 'registry-1.docker.io' ? 'docker.io' : p.registry;
  const path = registry === 'docker.io' && !p.path.includes('/') ? `library/${p.path}` : p.path;
  return `${registry}/${path}`;
}

/**
 * Classifies a FROM reference such as `alpine:3.20`, `mcr.microsoft.com/windows/servercore:ltsc2022`,
 * `nginx@sha256:…`, `${BASE_IMAGE}` or a whole FROM argument (`--platform=… image AS name`).
 */
export function classifyImage(ref: string, options: ClassifyOptions = {}): ImageClass {
  const parts = parseImageRef(ref);
  const tag = (parts.tag ?? '').toLowerCase();

  if (!parts.registry && !parts.tag && !parts.digest && options.stages?.some((s) => s.toLowerCase() === parts.path)) {
    return { family: 'stage', topicIds: [DF.stageRef], os: 'unknown', notes: [NOTES.stage], parts };
  }

  let family: ImageClass['family'];
  let os: ImageOs = 'unknown';
  const notes: string[] = [];
  if (parts.path === '' || hasVariable(parts.registry) || hasVariable(parts.path)) {
    family = 'variable';
    notes.push(NOTES.variable);
  } else if (!parts.registry && parts.path === 'scratch') {
    family = 'scratch';
    os = 'linux';
    notes.push(NOTES.scratch);
  } else {
    const q = qualified(parts);
    const rule = FAMILY_RULES.find((r) => r.match.test(q));
    family = rule?.family ?? 'generic';
    os = rule?.os ?? 'unknown';
    if (q.startsWith('mcr.microsoft.com/dotnet/framework/')) os = 'windows';
  }
  const topicIds = [DF.image(family)];

  // Language, vendor and variable repositories often name their base in the tag.
  if (family === 'language' || family === 'generic' || family === 'variable') {
    const base = TAG_BASES.find((b) => b.pattern.test(tag));
    if (base) {
      os = base.os;
      topicIds.push(DF.image(base.family));
    } else if (os === 'unknown') {
      os = TAG_OS.find((t) => t.pattern.test(tag))?.os ?? 'unknown';
    }
  }
  if (os === 'unknown') os = osFromPlatform(parts.platform) ?? 'unknown';

  if (family === 'distroless') notes.push(/(^|[-_.])debug($|[-_.])/.test(tag) ? NOTES.distrolessDebug : NOTES.distroless);
  if (os === 'windows') notes.push(NOTES.windows(WINDOWS_RELEASES.find((r) => r.tag.test(tag))));
  else if (os === 'linux' && family !== 'scratch') notes.push(NOTES.linuxOnHost);

  if (family === 'variable') {
    // The repository is unknown, so the tag says nothing about pinning.
  } else if (parts.digest) {
    topicIds.push(DF.image('digest'));
    notes.push(NOTES.digest);
  } else if (hasVariable(parts.tag)) {
    topicIds.push(DF.image('variable'));
    notes.push(NOTES.tagVariable);
  } else if (tag === 'latest' || tag.endsWith('-latest')) {
    topicIds.push(DF.image('tag-latest'));
    notes.push(NOTES.latest);
  } else if (parts.tag === undefined && family !== 'scratch') {
    topicIds.push(DF.image('untagged'));
    notes.push(NOTES.untagged);
  }

  if (parts.platform && !hasVariable(parts.platform)) notes.push(NOTES.emulation(parts.platform));
  return { family, topicIds, os, notes, parts };
}

function osFromPlatform(platform: string | undefined): ImageOs | undefined {
  if (!platform || hasVariable(platform)) return undefined;
  const os = platform.toLowerCase().split('/')[0];
  return os === 'windows' ? 'windows' : os === 'linux' ? 'linux' : undefined;
}
