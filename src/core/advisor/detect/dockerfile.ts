// Dockerfile detector: evidence from the final stage and the stages it builds FROM (build-only
// stages do not run in production); for a build that targets an earlier stage (compose
// `build.target`), from that stage and the stages it builds on. Instruction rules are a table; the few checks that need the
// whole model (no USER in the final stage, a Windows image hidden behind ARGs) are small functions.
import { learnVariables, substitute, type DfInstruction, type DfStage, type DockerfileModel } from '../../parse/dockerfile';
import { baseImageOf, effectiveUser } from '../../parse/dockerfile-base';
import { isNanoServer2016 } from '../../knowledge/dockerfile/classify';
import type { ModelBase, Range } from '../../parse/types';
import type { Finding } from '../types';
import { finding, sayFor, type ValueRule } from './rules';
import { binaryKinds, commandRules, containerPort, DATABASE_DIR, imageKinds, imageRules, NATIVE_PLATFORM, PORT_RULES, SANDBOX_RUNTIME } from './tables';
import { runArgEmit } from './devcontainer';

interface InstructionRule extends ValueRule {
  keywords: readonly string[];
}

/** Instruction-level rules over the arguments text. */
export const INSTRUCTION_RULES: readonly InstructionRule[] = [
  { signal: 'kernel.systemd-stopsignal', keywords: ['STOPSIGNAL'], test: /SIGRTMIN\+3|^\s*37\s*$/i, say: '`STOPSIGNAL SIGRTMIN+3`' },
  { signal: 'kernel.cgroup-mount', keywords: ['VOLUME'], test: /\/sys\/fs\/cgroup/, say: 'VOLUME /sys/fs/cgroup' },
  { signal: 'state-network.database-local-disk', keywords: ['VOLUME'], test: new RegExp(DATABASE_DIR.source.replace(/^\^/, '(^|[\\s"\\[])')), say: 'Database data directory declared as a VOLUME' },
  { signal: 'cloud-native.healthcheck', keywords: ['HEALTHCHECK'], test: /^(?!\s*NONE\s*$)\s*\S/i, say: 'HEALTHCHECK defined' },
  { signal: 'windows.powershell-shell', keywords: ['SHELL'], test: /powershell|pwsh/i, say: '`SHELL` instruction' },
  { signal: 'desktop.display-env', keywords: ['ENV'], test: /(^|\s)DISPLAY[=\s]/, say: 'ENV DISPLAY is set' },
  { signal: 'licensing.license-server', keywords: ['ENV'], test: /(^|\s)(LM_LICENSE_FILE|RLM_LICENSE|\w+_LICENSE_SERVER)[=\s]/, say: 'Licence server variable set' },
];

/** Signals emitted by code below rather than by the tables (for the catalogue coverage test). */
export const DOCKERFILE_CODE_SIGNALS = [
  'hardening.root-user',
  'cloud-native.non-root-user',
  'platform.windows-base-image',
  'platform.foreign-architecture',
  'cloud-native.multi-stage-build',
  'hardening.insecure-build',
  'sandboxing.sandbox-runtime',
  // From a documented `docker run` comment (runArgEmit) and `COPY --from=<image>` (imageKinds).
  'hardening.privileged',
  'hardening.docker-socket',
  'hardening.host-network',
  'hardening.host-pid',
  'kernel.dev-kvm',
  'kernel.nested-hypervisor',
  'hardware.device-passthrough',
  'state-network.net-admin',
  'kernel.cap-sys-admin',
  'sandboxing.code-execution',
  'sandboxing.ci-runner',
] as const;

/** Images run once on a build host to set it up (binfmt handlers for emulated CPUs), never the image built here. */
const HOST_SETUP_IMAGE = /(^|[\s/])(tonistiigi\/binfmt|multiarch\/qemu-user-static|docker\/binfmt|linuxkit\/binfmt)(:|\s|$)/;

/** The `docker run` flags a comment may document that say how the container is meant to run. */
const RUN_COMMENT_FLAGS = /^--?(privileged|device|cap-add|v|volume|mount|network|net|pid)$/;

/** What running as ContainerAdministrator means, in Windows terms (the signal's reason speaks of Linux's user id 0). */
const WINDOWS_ADMIN =
  "the container's administrator account: whatever runs in it has full rights inside the container, and an escape would start from there. `USER ContainerUser` runs it as the unprivileged account Windows images provide.";

const ROOT_USER = /^(root|0|0:0|root:root|containeradministrator)$/i;
/**
 * Base images whose default user is not root (distroless :nonroot, Nano Server 1709 and later, which
 * start as ContainerUser; the 2016 Nano Server image starts as ContainerAdministrator).
 */
const NON_ROOT_TAG = /[:-]nonroot\b/i;
const nonRootBase = (image: string): boolean => NON_ROOT_TAG.test(image) || (/nanoserver/i.test(image) && !isNanoServer2016(image));

/**
 * Earlier stages a `FROM` names through a build variable no default resolves (`FROM build-${TARGETARCH}`,
 * the per-architecture idiom): every earlier stage whose name fits the pattern may be the one built.
 */
function templatedStages(model: DockerfileModel, st: DfStage): number[] {
  const image = st.image;
  if (st.from !== undefined || !image || !image.includes('$') || st.imageResolved) return [];
  const parts = image.split(/\$\{?\w+(?::?-[^}]*)?\}?/);
  if (parts.join('') === '') return [];
  const pattern = new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\w.-]+')}$`, 'i');
  return model.stages.filter((o) => o.index < st.index && o.name !== undefined && pattern.test(o.name)).map((o) => o.index);
}

/**
 * Earlier stages a stage copies whole (`FROM scratch` then `COPY --from=base_layer / /`, as Kasm's
 * images squash their layers): what those stages installed is in this one, as if it were built on them.
 */
function squashedStages(model: DockerfileModel, st: DfStage): number[] {
  const out: number[] = [];
  for (const i of model.instructions) {
    if (i.stage !== st.index || i.keyword !== 'COPY') continue;
    const sources = i.arguments.slice(0, -1).map((a) => a.value);
    if (!sources.some((v) => v === '/' || v === '/.')) continue;
    const index = copiedStage(model, i);
    if (index !== undefined && index < st.index) out.push(index);
  }
  return out;
}

/** The stage a `COPY --from=` names, by index or (case-insensitively) by name; undefined for an image or no `--from`. */
function copiedStage(model: DockerfileModel, i: DfInstruction): number | undefined {
  const ref = i.flags.find((f) => f.name === 'from')?.value?.trim().toLowerCase();
  if (!ref) return undefined;
  return /^\d+$/.test(ref) ? Number(ref) : model.stages.find((o) => o.name?.toLowerCase() === ref)?.index;
}

/** A stage and every stage it builds on, that stage first. */
function chainOf(model: DockerfileModel, top: number): DfStage[] {
  const out: DfStage[] = [];
  const seen = new Set<number>();
  const todo: number[] = [top];
  while (todo.length) {
    let s: number | undefined = todo.shift();
    while (s !== undefined && s >= 0 && !seen.has(s)) {
      seen.add(s);
      const st: DfStage | undefined = model.stages[s];
      if (!st) break;
      out.push(st);
      todo.push(...templatedStages(model, st), ...squashedStages(model, st));
      s = st.from;
    }
  }
  return out;
}

/** The argument whose text matches, for a precise underline; the keyword when none does alone. */
function rangeIn(ins: DfInstruction, test: RegExp): Range {
  const arg = ins.arguments.find((a) => test.test(a.value));
  if (arg) return arg.range;
  const word = /[A-Za-z][\w.+-]{2,}/.exec(test.source.replace(/\\[bsSdwW]|\(\?[=!<][^)]*\)|[()[\]^$|?*+{}]/g, ' '));
  const byWord = word ? ins.arguments.find((a) => a.value.includes(word[0])) : undefined;
  return byWord ? byWord.range : ins.keywordRange;
}

/** A RUN that installs a compiler toolchain into the image (packages or installers). */
const TOOLCHAIN = /\b(?:build-essential|gcc|g\+\+|clang|rustup|golang-go|openjdk-\d+-jdk|mingw-w64|cargo\s+install)\b|sh\.rustup\.rs/i;

/**
 * A Docker Official Image (`debian:12`, `library/python`, `docker.io/library/node`), `scratch`, or a
 * distribution's base image on another registry (Red Hat UBI, CentOS and Fedora on Quay, the ECR
 * mirror of the official images): these start as root.
 */
function officialImage(image: string): boolean {
  const ref = image.trim().toLowerCase().replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  // The tag is after the last slash (`localhost:5000/app:1` has a registry port before it).
  const digestless = ref.split('@')[0];
  const tag = digestless.indexOf(':', digestless.lastIndexOf('/') + 1);
  const name = tag < 0 ? digestless : digestless.slice(0, tag);
  if (name === '' || !name.includes('/')) return true;
  return /^(registry\.access\.redhat\.com\/ubi\d+(\/ubi)?(-minimal|-micro|-init)?|quay\.io\/(centos\/centos|fedora\/fedora)|public\.ecr\.aws\/(docker\/library\/[\w.-]+|amazonlinux\/amazonlinux))$/.test(name);
}

/** A build argument in an image reference (`${BASE_IMAGE}`, `$BASE`, `${BASE:-debian}`), its name first. */
const BUILD_ARG_REF = /\$(?:\{([A-Za-z_]\w*)(?::?[-+][^}]*)?\}|([A-Za-z_]\w*))/;

const hasWindowsSteps = (ins: DfInstruction[]) =>
  ins.some((i) => (i.keyword === 'SHELL' && /powershell|pwsh|cmd(\.exe)?["\s]/i.test(i.args)) || (i.keyword === 'RUN' && /^\s*(powershell|cmd(\.exe)?\s+\/[sc])/i.test(i.args)));

const isWindowsHint = (model: DockerfileModel, ins: DfInstruction[]) => model.escape === '`' || hasWindowsSteps(ins);

export function detectDockerfile(base: ModelBase): Finding[] {
  const model = base as DockerfileModel;
  return model.finalStage < 0 ? [] : detectStage(model, model.finalStage);
}

/** What a build that stops at a target stage gives. */
export interface TargetAnalysis {
  findings: Finding[];
  /** The external image the target stage builds on. */
  image?: string;
}

/**
 * For a Dockerfile with named stages before the final one: the evidence of a build that targets one
 * of them by name (`--target`, compose and devcontainer `build.target`), read on first use. The
 * answer is undefined when the name is no such stage, and the build then ends at the final stage.
 */
export function dockerfileTargets(base: ModelBase): ((target: string) => TargetAnalysis | undefined) | undefined {
  const model = base as DockerfileModel;
  // Stage names are case-insensitive; the parser resolves `FROM <name>` the same way.
  const named = new Map<string, number>();
  for (const s of model.stages) if (s.name !== undefined) named.set(s.name.toLowerCase(), s.index);
  for (const [name, index] of named) if (index === model.finalStage) named.delete(name);
  if (named.size === 0) return undefined;
  const done = new Map<number, TargetAnalysis>();
  return (target) => {
    const index = named.get(target.trim().toLowerCase());
    if (index === undefined) return undefined;
    let t = done.get(index);
    if (!t) {
      const image = baseImageOf(model, index);
      t = { findings: detectStage(model, index), ...(image ? { image } : {}) };
      done.set(index, t);
    }
    return t;
  };
}

/** Evidence from a stage that is built and run (the final one, or a build's target) and the stages it builds on. */
function detectStage(model: DockerfileModel, top: number): Finding[] {
  const out: Finding[] = [];
  const file = model.file;
  const chain = chainOf(model, top);
  const inChain = new Set(chain.map((s) => s.index));
  const ins = model.instructions.filter((i) => inChain.has(i.stage));
  const final = chain[0];
  const finalFrom = model.instructions[final.fromInstruction];

  // Base images of the chain (external ones only).
  let windowsSeen = false;
  for (const st of chain) {
    if (st.from !== undefined) continue;
    const image = st.imageResolved ?? st.image;
    // A template's placeholder (`{{ build_stage_image }}`) names no image yet.
    if (!image || /\{\{|\{%/.test(image)) continue;
    const at = st.imageRange ?? model.instructions[st.fromInstruction].range;
    for (const hit of imageRules(image)) {
      if (hit.signal === 'platform.windows-base-image') windowsSeen = true;
      out.push(finding(hit.signal, file, at, `\`FROM ${image}\`: ${hit.say}`));
    }
    if (st.platform && !st.platform.includes('$') && !NATIVE_PLATFORM.test(st.platform) && st.platformRange) {
      out.push(finding('platform.foreign-architecture', file, st.platformRange, `\`--platform=${st.platform}\` fixes the CPU architecture`));
    }
  }
  if (!windowsSeen && isWindowsHint(model, ins)) {
    const steps = hasWindowsSteps(ins);
    const what = model.escape === '`' ? (steps ? 'The backtick escape directive and PowerShell or cmd steps show' : 'The backtick escape directive, made for Windows paths, points to') : 'PowerShell or cmd steps show';
    out.push(finding('platform.windows-base-image', file, final.imageRange ?? finalFrom.range, `${what} a Windows base image`));
  }

  // The external image the stage that runs builds on.
  const baseImage = (final.from === undefined ? final.imageResolved ?? final.image : chain[chain.length - 1].imageResolved ?? chain[chain.length - 1].image) ?? '';

  // Instruction rules and commands; build variables as far as each line, for the ports they name.
  const vars = new Map<string, string | undefined>();
  for (const i of ins) {
    for (const r of INSTRUCTION_RULES) {
      if (r.keywords.includes(i.keyword) && r.test.test(i.args)) out.push(finding(r.signal, file, i.keywordRange.start.line === i.range.end.line ? i.range : i.keywordRange, sayFor(r, i.args)));
    }
    if (i.keyword === 'RUN' || i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') {
      const start = i.keyword !== 'RUN';
      for (const hit of commandRules(i.args, start, baseImage)) out.push(finding(hit.signal, file, rangeIn(i, hit.test), `\`${i.keyword}\`: ${hit.say}`));
    }
    if (i.keyword === 'RUN' && i.flags.some((f) => f.name === 'security' && f.value === 'insecure')) {
      const f = i.flags.find((x) => x.name === 'security')!;
      out.push(finding('hardening.insecure-build', file, f.range, '`RUN --security=insecure`'));
    }
    if (i.keyword === 'ENV' || i.keyword === 'ARG') learnVariables(i, vars);
    if (i.keyword === 'EXPOSE') {
      for (const a of i.arguments) {
        // `EXPOSE $VNC_PORT` with `ENV VNC_PORT=5901` above it.
        const port = containerPort(a.value.includes('$') ? (substitute(a.value, vars) ?? a.value) : a.value);
        const row = PORT_RULES.find((r) => r.test.test(port));
        if (row) out.push(finding(row.signal, file, a.range, `\`EXPOSE ${a.value}\`: ${sayFor(row, port)}`));
      }
    }
  }

  // Who the container runs as.
  const isFinal = top === model.finalStage;
  const which = isFinal ? 'the final stage' : `stage \`${final.name ?? final.index}\``;
  const user = isFinal ? model.finalUser : effectiveUser(model, top);
  if (!user && nonRootBase(baseImage)) {
    out.push(finding('cloud-native.non-root-user', file, finalFrom.keywordRange, `\`${baseImage}\` starts as a non-root account by default`));
  } else if (!user && isNanoServer2016(baseImage)) {
    out.push({ signal: 'hardening.root-user', file, range: finalFrom.keywordRange, message: `No USER line: the Windows Server 2016 Nano Server image runs as ContainerAdministrator, ${WINDOWS_ADMIN}` });
  } else if (!user && /servercore|windows/i.test(baseImage)) {
    out.push({ signal: 'hardening.root-user', file, range: finalFrom.keywordRange, message: `No USER line: a Windows Server Core container then runs as ContainerAdministrator, ${WINDOWS_ADMIN}` });
  } else if (!user && (BUILD_ARG_REF.test(baseImage) || !officialImage(baseImage))) {
    // The user is the base image's, which the files here do not show: one a build argument picks
    // (`FROM ${BASE_IMAGE}` with no default), or a vendor's or local image (`FROM collabora/code`)
    // that may set a user of its own; most such images still start as root.
    const m = BUILD_ARG_REF.exec(baseImage);
    const picked = m ? `, an image the build argument \`${m[1] ?? m[2]}\` picks` : '';
    out.push({
      signal: 'hardening.root-user',
      file,
      range: finalFrom.keywordRange,
      message: `No USER line in ${which} or the stages it builds on, so the container starts as the default user of \`${baseImage}\`${picked}: root unless that image sets another. Root in a container is user id 0 on the host too (unless user namespaces remap it), so an escape would start with full rights.`,
      when: `\`${baseImage}\` starts as root`,
      whenStated: true,
    });
  } else if (!user) {
    out.push(finding('hardening.root-user', file, finalFrom.keywordRange, `No USER line in ${which} or the stages it builds on`));
  } else if (ROOT_USER.test(user.value.trim())) {
    out.push(finding('hardening.root-user', file, user.range, `\`USER ${user.value}\` switches to root for the running container`));
  } else if (!out.some((f) => f.signal === 'hardening.passwordless-sudo')) {
    // A user who may sudo to root without a password is no non-root user (the sudo rule says why).
    out.push(finding('cloud-native.non-root-user', file, user.range, `\`USER ${user.value}\``));
  }

  // A multi-stage build that copies results into the final stage, and so leaves its build tools
  // behind: not when the stage that runs (or one it builds on) installs a compiler toolchain itself,
  // as a development image does (firecracker's tools/devctr copies builders' results into a stage
  // that has clang, cross gcc and rustup).
  // The copy must come from a stage the running image does not build on: `COPY --from=qemux/qemu`
  // copies an image, and a stage of the running chain is in the image whole (dockur/windows's
  // `FROM build-${TARGETARCH}` picks a full stage per architecture; nothing is left behind).
  const leftBehind = (i: DfInstruction): boolean => {
    const index = copiedStage(model, i);
    return index !== undefined && index < model.stages.length && !inChain.has(index);
  };
  if (
    model.stages.length > 1 &&
    ins.some((i) => i.keyword === 'COPY' && leftBehind(i)) &&
    !ins.some((i) => i.keyword === 'RUN' && TOOLCHAIN.test(i.args))
  ) {
    out.push(finding('cloud-native.multi-stage-build', file, finalFrom.keywordRange, `Multi-stage build: ${model.stages.length} stages, ${isFinal ? 'the final one' : which} copies only what it needs`));
  }

  // Images a stage copies from (`COPY --from=qemux/qemu / /`): what the copied image is, it brings.
  const seenKinds = new Set(out.map((f) => f.signal));
  for (const i of ins) {
    if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
    // A program copied onto the PATH is what the image is made to run (gitlab-runner's image copies
    // in /usr/bin/gitlab-runner and leaves the start to its base's entrypoint).
    const dest = i.arguments[i.arguments.length - 1];
    if (dest && i.arguments.length > 1) {
      for (const k of binaryKinds(dest.value)) {
        if (seenKinds.has(k.signal)) continue;
        seenKinds.add(k.signal);
        out.push(finding(k.signal, file, dest.range, `\`${i.keyword}\`: ${k.say}`));
      }
    }
    if (i.keyword !== 'COPY') continue;
    const from = i.flags.find((f) => f.name === 'from');
    const ref = from?.value?.trim();
    if (!ref || copiedStage(model, i) !== undefined) continue;
    for (const k of imageKinds(ref)) out.push(finding(k.signal, file, from!.range, `\`COPY --from=${ref}\`: ${k.say}`));
  }

  // The run command the author documents in a comment is how the image is meant to run: a sandboxed
  // runtime named there is the one it expects, as `runtime: sysbox-runc` in a compose file would be,
  // and `--privileged`, `--device /dev/kvm` or the engine socket there are settings it needs.
  for (const c of model.runComments ?? []) {
    // A host set-up step written beside the build (`docker run --privileged --rm tonistiigi/binfmt
    // --install all`, to build for other CPUs) runs another image, not this one.
    if (HOST_SETUP_IMAGE.test(c.text)) continue;
    const m = /--runtime[=\s]+["']?([\w.-]+)/.exec(c.text);
    if (m && SANDBOX_RUNTIME.test(m[1])) out.push(finding('sandboxing.sandbox-runtime', file, c.range, `A comment says to run the image with \`--runtime=${m[1]}\``));
    const args = c.text.slice(c.text.search(/\brun\b/) + 3).split(/\s+/).filter((a) => a !== '' && a !== '\\');
    const seen = new Set<string>();
    args.forEach((arg, n) => {
      const flag = /^(--?[\w-]+)/.exec(arg)?.[1] ?? (n > 0 ? /^(--?[\w-]+)$/.exec(args[n - 1])?.[1] : undefined);
      if (!flag || !RUN_COMMENT_FLAGS.test(flag)) return;
      for (const e of runArgEmit(arg, n > 0 ? args[n - 1] : '')) {
        if (seen.has(e.signal)) continue;
        seen.add(e.signal);
        out.push(finding(e.signal, file, c.range, `A comment documents the run command: ${e.say.replace(/ in runArgs$/, '')}`));
      }
    });
  }
  return out;
}
