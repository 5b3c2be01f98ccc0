// Docker Bake blocks and target attributes: what each does (from the Bake file reference) and what it
// says about where the image will run and how isolated its build is (from the five documents).
// Paths follow parse/bake.ts, the same in HCL and JSON: `target.<name>.<attribute>...`,
// `group.<name>...`, `variable.<name>...`, `function.<name>...`.
import { BB, DIFF, LEARN, MS, S24 } from './cite';
import type { KeyTopic } from './keyTopic';
import type { Reference } from './types';

const REF = 'https://docs.docker.com/build/bake/reference/';
const ref = (label: string, anchor: string): Reference => ({ label: `Bake file reference: ${label}`, url: `${REF}#${anchor}` });
const attrRef = (name: string): Reference => ref(`target.${name}`, `target${name.replace(/[^a-z0-9-]/g, '')}`);

type T = Omit<KeyTopic, 'format'>;
const bk = (t: T): KeyTopic => ({ ...t, format: 'bake' });

/** A target attribute, its list items and the keys of its objects. */
const attrPaths = (name: string, nested = false): string[] => [`target.*.${name}`, nested ? `target.*.${name}.**` : `target.*.${name}.#`];

/** Platforms whose binaries an x86-64 builder only runs under emulation, and the reverse. */
const NON_X86 = /^linux\/(arm64(\/v8)?|arm\/v[5-8]|arm|386|ppc64le|s390x|riscv64|mips64(le)?|mips(le)?|loong64)$/i;
const X86 = /^linux\/(amd64(\/v[2-4])?|x86_64)$/i;

export const BAKE_TOPICS: readonly KeyTopic[] = [
  bk({
    id: 'bake.target',
    title: 'target',
    summary: 'One image build: what `docker build` would be given, written down.',
    does: 'A target block stands for a single build invocation: its context, Dockerfile, tags, build arguments, platforms and outputs. `docker buildx bake <name>` builds it; several targets named on the command line, or in a group, build in parallel.',
    angle:
      'What a target produces is a container image, not a machine: user-space files that will run on the kernel of whichever host pulls them, started in seconds. Nothing in a Bake file boots a guest OS. Where the image can run is set by its `platforms` (a Linux image needs a Linux kernel, an arm64 image an arm64 CPU or emulation), and how far its build may reach into the builder host by `entitlements` and `network`.',
    dimensions: ['os-kernel', 'deployment', 'startup'],
    sources: [MS.containerArch, BB.containers, S24.portability],
    reference: ref('Target', 'target'),
    paths: ['target.*'],
    notes: [{ match: /^_/, note: 'a leading underscore is the usual mark of a template other targets inherit from; it is built only when asked for by name.' }],
  }),
  bk({
    id: 'bake.group',
    title: 'group',
    summary: 'A set of targets built together.',
    does: 'A group lists targets by name so one `docker buildx bake <group>` builds them all at once. The group named `default` is built when no target is given; a group takes precedence over a target of the same name.',
    angle:
      'A group is several images built side by side, usually the services of one application. Each becomes its own container at run time, sharing the host kernel with the others, which is the light-weight, many-small-parts layout containers suit; one of them needing its own kernel would make that one a VM candidate, not the whole group.',
    dimensions: ['deployment', 'density'],
    sources: [BB.containers, DIFF.choose, LEARN.consider],
    reference: ref('Group', 'group'),
    paths: ['group.*', 'group.*.targets', 'group.*.targets.#'],
  }),
  bk({
    id: 'bake.variable',
    title: 'variable',
    summary: 'A value the Bake file reads, with a default that the environment can override.',
    does: 'Declares a variable with an optional `default`, `type` and `description`. Attributes interpolate it (`"${TAG}"`), and an environment variable of the same name, or `--var`, overrides the default at build time. A `null` default leaves the Dockerfile\'s own `ARG` default in force.',
    angle:
      'Variables change what is built (a base image version, a tag, a platform list) without touching the file, so one definition serves every environment. That reproducible, parameterised rebuild is how container images take OS and library updates, instead of patching a machine in place.',
    dimensions: ['os-updates', 'portability'],
    sources: [MS.updates, S24.portability],
    reference: ref('Variable', 'variable'),
    paths: ['variable.*', 'variable.*.*', 'variable.*.*.**'],
  }),
  bk({
    id: 'bake.function',
    title: 'function',
    summary: 'A user-defined HCL function the attributes can call.',
    does: 'Defines a function from its `params` and a `result` expression; attributes call it like the built-in functions (`${increment(123)}`). It only computes values while the file is read: it runs nothing on the builder.',
    angle:
      'A function shapes the build definition (tags, names, argument values) and has no bearing on the image or on its isolation: the container-or-VM question is answered by what the targets build and with which privileges.',
    dimensions: ['deployment'],
    sources: [S24.portability],
    reference: ref('Function', 'function'),
    paths: ['function.*', 'function.*.*', 'function.*.*.**'],
  }),
  bk({
    id: 'bake.platforms',
    title: 'platforms',
    summary: 'The OS and CPU architectures the image is built for.',
    does: 'The same as `--platform`: one entry builds a single-platform image, several build one multi-platform image with a variant per entry (`linux/amd64`, `linux/arm64`, `linux/arm/v7`). `local` stands for the platform of the machine that runs bake (the BuildKit client), not of the builder.',
    angle:
      'A container runs on its host\'s own kernel and CPU, so each platform is a variant that runs natively only on hosts of that OS and architecture; for a CPU the builder does not have, its `RUN` steps are built under emulation, which is slow, unless the builder has a native node of that architecture or the Dockerfile cross-compiles. A `linux/*` variant needs a Linux kernel (on macOS or Windows, the Linux VM that Docker Desktop runs), a `windows/*` variant a Windows host. Several platforms in one image let each host pull its own native variant, so no VM or emulation is needed where it runs.',
    dimensions: ['guest-compat', 'portability', 'performance'],
    sources: [MS.containerArch, MS.guest, S24.portability],
    reference: attrRef('platforms'),
    paths: attrPaths('platforms'),
    notes: [
      { match: NON_X86, note: 'not an x86-64 platform: on an x86-64 builder its build steps run under emulation, and it runs natively only on hosts of that CPU.' },
      { match: X86, note: 'x86-64: on an arm64 builder (Apple silicon, Graviton) its build steps run under emulation.' },
      { match: /^windows\//i, note: 'a Windows variant: it runs on a Windows container host of a compatible version, or in a Windows VM.' },
      { match: /^darwin\//i, note: 'a macOS platform: Docker runs no containers on a macOS kernel, so this is a build output of files (binaries), not an image to run.' },
      { match: 'local', note: 'the platform of the machine running bake; the image runs natively on hosts like it, and a builder with another CPU builds it under emulation.' },
    ],
  }),
  bk({
    id: 'bake.entitlements',
    title: 'entitlements',
    summary: 'Extra permissions the build needs: `network.host` or `security.insecure`. Build time only.',
    does: 'Declares what the build requires beyond the default sandbox: `network.host` for `RUN --network=host` steps, `security.insecure` for `RUN --security=insecure` steps, which run in privileged containers. The user must still grant them when running bake (`--allow`, or confirming the prompt), and the builder must allow them.',
    angle:
      'These loosen the isolation of the **build**, not of the container the image later becomes: a `security.insecure` step is a privileged container that can reach the builder host\'s devices and kernel, a `network.host` step shares the builder host\'s network. Build such targets on a throwaway or dedicated builder (a CI VM, a remote builder) rather than a shared machine, especially for Dockerfiles you did not write.',
    dimensions: ['security', 'isolation'],
    sources: [S24.security, MS.isolation],
    reference: attrRef('entitlements'),
    paths: attrPaths('entitlements'),
    notes: [
      { match: 'security.insecure', note: '`RUN --security=insecure` steps of this build run as privileged containers on the builder host, at build time only.' },
      { match: 'network.host', note: 'build steps may use the builder host\'s network stack instead of an isolated one, at build time only.' },
    ],
  }),
  bk({
    id: 'bake.network',
    title: 'network',
    summary: 'The network mode of every `RUN` step of the build: `default`, `host` or `none`.',
    does: 'Sets the network mode for the whole build request, overriding the default for each `RUN` instruction. `host` also needs the `network.host` entitlement granted when bake runs; `none` cuts the build off from the network. The reference suggests `RUN --network=` in the Dockerfile instead, per step.',
    angle:
      'With `host`, build steps share the builder host\'s network stack: they can reach whatever the host can, services on its loopback included, so the build is no longer isolated from the machine it runs on. It says nothing about the network of the running container. `none` is the opposite: a build that cannot fetch anything it was not given.',
    dimensions: ['networking', 'isolation', 'security'],
    sources: [MS.networking, S24.security],
    reference: attrRef('network'),
    paths: ['target.*.network'],
    notes: [
      { match: 'host', note: 'every `RUN` step of this build uses the builder host\'s network (the `network.host` entitlement must be granted).' },
      { match: 'none', note: 'the build steps get no network at all.' },
    ],
  }),
  bk({
    id: 'bake.args',
    title: 'args',
    summary: 'Build arguments, as `--build-arg`.',
    does: 'A map of values for the Dockerfile\'s `ARG` instructions. A `null` value keeps the Dockerfile\'s own default.',
    angle:
      'Build arguments pick versions and variants at build time (a base image tag, a Go or Node version), so moving the image to a newer OS layer is a rebuild with a new value rather than an upgrade of a running machine. They end up in the image history, so they are no place for secrets: use `secret` for those.',
    dimensions: ['os-updates', 'security'],
    sources: [MS.updates, S24.security],
    reference: attrRef('args'),
    paths: ['target.*.args', 'target.*.args.*'],
  }),
  bk({
    id: 'bake.contexts',
    title: 'contexts',
    summary: 'Additional named build contexts, as `--build-context`.',
    does: 'Maps names to extra contexts the Dockerfile can use in `FROM` and `COPY --from`: a local folder, a Git or HTTP URL, a pinned image (`docker-image://…`) or another Bake target (`target:<name>`).',
    angle:
      'A context named after a `FROM` image replaces that base image, so this is where a Bake file can swap the OS layer an image is built on. Pinning it by digest keeps the build reproducible; pointing it at another target chains builds without pushing an intermediate image.',
    dimensions: ['os-updates', 'portability'],
    sources: [MS.updates, S24.portability],
    reference: attrRef('contexts'),
    paths: ['target.*.contexts', 'target.*.contexts.*'],
    notes: [
      { match: /^docker-image:\/\//, note: 'an image from a registry takes the place of this context (for a `FROM` of that name, the base image changes).' },
      { match: /^target:/, note: 'the result of another target of this file is used as this context.' },
    ],
  }),
  bk({
    id: 'bake.output',
    title: 'output',
    summary: 'Where the result goes, as `--output`: the local image store, a registry, files, or only the cache.',
    does: 'A list of export destinations, as strings (`type=registry`) or objects (`{ type = "local", dest = "out" }`): `docker` loads the image into the local engine, `registry` pushes it (as `image` does with `push=true`), `oci` writes an image archive, `local` and `tar` write the filesystem out as files, `cacheonly` keeps nothing but the build cache.',
    angle:
      'An image output becomes containers on whatever hosts pull it; a `local` or `tar` output is plain files, often binaries built in a container for use elsewhere, which need neither a container nor a VM to run. Either way the build ran in containers on the builder, not in a machine of its own.',
    dimensions: ['deployment', 'portability'],
    sources: [MS.deployment, S24.portability],
    reference: attrRef('output'),
    paths: attrPaths('output', true),
    notes: [
      { match: /^(type=)?(docker|image|registry|oci)\b/, note: 'an image: it will run as containers on hosts whose OS and CPU match a built platform.' },
      { match: /^(type=)?(local|tar)\b/, note: 'files, not an image: the build result is copied out of the builder.' },
      { match: /^(type=)?cacheonly\b/, note: 'nothing is exported but the build cache (a check or test target).' },
    ],
  }),
  bk({
    id: 'bake.attest',
    title: 'attest',
    summary: 'Build attestations: provenance and SBOM.',
    does: 'Adds attestations to the result, given in the long CSV form or as objects: `type=provenance` (how and from what it was built, `mode=max` for more detail) and `type=sbom` (the packages inside).',
    angle:
      'An SBOM lists the OS packages and libraries inside the image, which is what gets patched when the image is rebuilt on a newer base; provenance ties the image to its source. Both help answer what a container carries of its user-space OS, the part containers still have to keep updated.',
    dimensions: ['os-updates', 'security'],
    sources: [MS.updates, S24.security],
    reference: attrRef('attest'),
    paths: attrPaths('attest', true),
  }),
  bk({
    id: 'bake.dockerfile',
    title: 'dockerfile',
    summary: 'The Dockerfile to build, relative to the context (`Dockerfile` by default).',
    does: 'The same as `--file`. A relative path is taken inside the target\'s `context`; the default is `Dockerfile`. `dockerfile-inline` takes precedence when both are set.',
    angle:
      'The Dockerfile decides what the container will be: its base image (and so the kernel family it needs), its user, what it installs. The findings of that Dockerfile are this target\'s evidence: the advisor joins them to the target.',
    dimensions: ['os-kernel', 'os-updates'],
    sources: [MS.containerArch, MS.updates],
    reference: attrRef('dockerfile'),
    paths: ['target.*.dockerfile'],
  }),
  bk({
    id: 'bake.dockerfile-inline',
    title: 'dockerfile-inline',
    summary: 'A Dockerfile written in the Bake file itself.',
    does: 'Uses the string as the Dockerfile of the target; it takes precedence over `dockerfile`.',
    angle:
      'An inline Dockerfile still builds a container image that shares its host\'s kernel; only its instructions live in this file. Its lines are not read as a Dockerfile here, so their findings are not joined to the target.',
    dimensions: ['os-kernel'],
    sources: [MS.containerArch],
    reference: attrRef('dockerfile-inline'),
    paths: ['target.*.dockerfile-inline'],
  }),
  bk({
    id: 'bake.context',
    title: 'context',
    summary: 'The build context: a folder or a URL (`.` by default).',
    does: 'The files the build can read, as the positional argument of `docker build`: a local path or a Git/HTTP URL. Local paths are taken from the working directory bake runs in (relative to the Bake file when `BUILDX_BAKE_FILE_RELATIVE_PATHS=1`).',
    angle:
      'Only what is in the context can be copied into the image, which keeps the image a small, explicit set of user-space files rather than a whole machine\'s disk.',
    dimensions: ['portability', 'deployment'],
    sources: [BB.containers, S24.portability],
    reference: attrRef('context'),
    paths: ['target.*.context'],
  }),
  bk({
    id: 'bake.tags',
    title: 'tags',
    summary: 'The names the image is given, as `--tag`.',
    does: 'A list of image references (`org/repo:latest`, `registry.example.com/team/app:v1`) given to the result; with a registry output, these are where it is pushed.',
    angle:
      'A tag is how hosts find the image to run as containers; a moving tag such as `latest` makes two hosts run different images under one name. Shipping a new tag and recreating containers is the container way of deploying and updating, in place of upgrading a VM.',
    dimensions: ['deployment', 'os-updates'],
    sources: [MS.deployment, MS.updates],
    reference: attrRef('tags'),
    paths: attrPaths('tags'),
  }),
  bk({
    id: 'bake.cache-from',
    title: 'cache-from',
    summary: 'External build cache to import, as `--cache-from`.',
    does: 'A list of cache sources (a registry reference, `type=gha`, `type=s3`, a local folder) whose layers the builder may reuse instead of running the steps again.',
    angle:
      'Reusing cached layers is what makes rebuilding an image on a newer base cheap enough to do often, which is how a container takes its OS updates. It changes nothing about how the container runs.',
    dimensions: ['os-updates', 'startup'],
    sources: [MS.updates, BB.containerBenefits],
    reference: attrRef('cache-from'),
    paths: attrPaths('cache-from', true),
  }),
  bk({
    id: 'bake.cache-to',
    title: 'cache-to',
    summary: 'Where to export the build cache, as `--cache-to`.',
    does: 'A list of cache destinations (`type=inline`, `type=registry,ref=…`, `type=gha`, `type=s3`, a local folder) the builder writes its cache to for later builds.',
    angle:
      'Exported cache lets the next builder, often a fresh CI VM, reuse layers instead of rebuilding them; it affects build time only, not the container.',
    dimensions: ['os-updates', 'startup'],
    sources: [MS.updates, BB.containerBenefits],
    reference: attrRef('cache-to'),
    paths: attrPaths('cache-to', true),
  }),
  bk({
    id: 'bake.inherits',
    title: 'inherits',
    summary: 'Targets whose attributes this target takes over.',
    does: 'A list of target names; their attributes are copied in and this target\'s own override them. When several set the same attribute, the one listed last wins.',
    angle:
      'Inherited attributes count as this target\'s own: `platforms`, `entitlements` or `network` set in a shared template loosen or fix every target that inherits it. The advisor follows `inherits` within this file to find the Dockerfile a target builds, and shows the findings it inherits on this entry.',
    dimensions: ['security', 'portability'],
    sources: [S24.security, S24.portability],
    reference: attrRef('inherits'),
    paths: attrPaths('inherits'),
  }),
  bk({
    id: 'bake.secret',
    title: 'secret',
    summary: 'Secrets exposed to the build, as `--secret`.',
    does: 'A list of secrets taken from a file or an environment variable, each with an `id`; a `RUN --mount=type=secret,id=…` step sees it, and it is not written to the image.',
    angle:
      'Keeping credentials out of the image layers keeps the image shareable: whoever pulls it to run a container does not get the key. The secret is the build\'s, not the running container\'s.',
    dimensions: ['security'],
    sources: [S24.security],
    reference: attrRef('secret'),
    paths: attrPaths('secret', true),
  }),
  bk({
    id: 'bake.ssh',
    title: 'ssh',
    summary: 'SSH agent sockets or keys exposed to the build, as `--ssh`.',
    does: 'A list of SSH agent sockets or key files, each with an `id`; a `RUN --mount=type=ssh` step can use them, for example to clone a private repository. They are not stored in the image.',
    angle:
      'The build borrows the SSH identity of whoever runs bake, for that step only. It is no sign that the container will be reached over SSH: containers are started and entered through their engine, not logged into like a VM.',
    dimensions: ['security'],
    sources: [S24.security, BB.containers],
    reference: attrRef('ssh'),
    paths: attrPaths('ssh', true),
  }),
  bk({
    id: 'bake.target.stage',
    title: 'target (stage)',
    summary: 'The Dockerfile stage to build, as `--target`.',
    does: 'Names the stage (`FROM … AS <name>`) the build stops at; without it, the last stage is built.',
    angle:
      'The stage built is the image that runs: its base image and user decide the container. The advisor reads that stage (and the stages it builds on) of the joined Dockerfile, not the final one.',
    dimensions: ['os-kernel', 'security'],
    sources: [MS.containerArch, S24.security],
    reference: attrRef('target'),
    paths: ['target.*.target'],
  }),
];
