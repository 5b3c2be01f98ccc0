// Value tables shared by every detector: what an image name, a host path, a device, a capability,
// a command line, a port or an environment variable says about the workload. One table, many
// formats: a Compose `image:`, a Kubernetes `image:` and a Dockerfile `FROM` read the same rows.
import { classify, classifyAll, sayFor, type ValueRule } from './rules';
import { commandTokens, imageName } from './tokens';

// `dockurr/windows` is a Linux image that boots Windows in QEMU: only Microsoft's own repositories name Windows base images.
const WINDOWS_IMAGE = /windowsservercore|nanoserver|servercore|mcr\.microsoft\.com\/windows|dotnet\/framework|windows-?server|^(microsoft\/)?windows(:|$)|microsoft\/(iis|aspnet|dotnet-framework)/i;
const WINDOWS_PIN = /ltsc20\d\d|(^|[-:])(1709|1803|1809|1903|1909|2004|20h2|2009)([-.]|$)|10\.0\.\d{5}/i;

/** Image references (FROM, `image:`): every matching row applies. */
export const IMAGE_RULES: readonly ValueRule[] = [
  { signal: 'platform.windows-base-image', test: WINDOWS_IMAGE, say: 'Windows image `{match}`' },
  { signal: 'windows.dotnet-framework', test: /dotnet\/framework|microsoft\/aspnet|microsoft\/dotnet-framework/i, say: '.NET Framework image' },
  { signal: 'kernel.docker-in-docker', test: /dind/i, say: 'Docker-in-Docker image' },
  { signal: 'kernel.systemd-init', test: /[-/]systemd(\b|-)|systemd-(ubuntu|debian|centos|fedora)|docker-[a-z0-9.]+-ansible|kindest\/(node|base)|kicbase/i, say: 'image that boots systemd' },
  { signal: 'hardware.gpu', test: /(^|\/)nvidia\/cuda|nvcr\.io\/nvidia|rocm\/|tensorflow:.*-gpu|pytorch\/pytorch:.*cuda/i, say: 'GPU base image (`{match}`)' },
  { signal: 'desktop.environment', test: /\b(xfce4?|lxde|lxqt|webtop|kasmweb|mate-desktop)\b|ubuntu-desktop|docker-desktop-/i, say: 'desktop image (`{match}`)' },
  { signal: 'desktop.vnc', test: /vnc/i, say: 'VNC image' },
  { signal: 'desktop.vnc', test: /\bselkies\b/i, say: 'remote desktop streaming image (`{match}`)' },
  { signal: 'desktop.rdp', test: /xrdp|rdesktop/i, say: 'RDP image' },
  { signal: 'hardening.sshd', test: /sshd|openssh-server/i, say: 'SSH server image' },
];

/** Image rows plus the checks that need a little code (version pin, unpinned tag). */
export function imageRules(image: string): { signal: string; say: string }[] {
  const ref = image.trim();
  if (ref === '' || ref.toLowerCase() === 'scratch') return [];
  const out = classifyAll(IMAGE_RULES, ref).map((r) => ({ signal: r.signal, say: sayFor(r, ref) }));
  out.push(...imageKinds(ref));
  if (WINDOWS_IMAGE.test(ref) && WINDOWS_PIN.test(ref)) out.push({ signal: 'platform.windows-version-pinned', say: 'the tag pins one Windows Server build' });
  if (!ref.includes('$') && !ref.includes('@')) {
    const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
    if (!lastPart.includes(':') || /:latest$/i.test(ref)) out.push({ signal: 'hardening.latest-tag', say: lastPart.includes(':') ? '`:latest` is not a fixed version' : 'no tag, so no fixed version' });
  }
  return out;
}

/** Host paths bind-mounted or used as hostPath volumes: the first matching row applies. */
export const HOST_PATH_RULES: readonly ValueRule[] = [
  { signal: 'hardening.docker-socket', test: /(docker|containerd|crio|podman)\.sock$|\/var\/run\/docker\.sock|\/run\/docker\.sock/, say: 'Container engine socket `{match}` mounted' },
  { signal: 'desktop.x11-socket', test: /^\/tmp\/\.X11-unix/, say: 'Host X11 socket mounted' },
  { signal: 'kernel.cgroup-mount', test: /^\/sys\/fs\/cgroup/, say: 'Host cgroup filesystem mounted' },
  { signal: 'kernel.dev-kvm', test: /^\/dev\/kvm/, say: '/dev/kvm mounted' },
  { signal: 'hardware.usb-serial', test: /^\/dev\/(bus\/usb|ttyUSB|ttyACM|serial)/, say: 'USB or serial device `{match}` mounted' },
  { signal: 'kernel.raw-block-device', test: /^\/dev\/(sd[a-z]|nvme|vd[a-z]|xvd|loop|mapper|disk)/, say: 'Block device `{match}` mounted' },
  { signal: 'kernel.fuse-mount', test: /^\/dev\/fuse/, say: '/dev/fuse mounted' },
  { signal: 'hardware.gpu', test: /^\/dev\/(dri|nvidia|kfd|apex|accel)\S*/, say: 'GPU or accelerator `{match}` mounted' },
  // One device node (not the whole /dev, not the /dev/shm tmpfs) mounted by path is a device handed
  // in; the kernel's pseudo-devices (/dev/urandom for entropy, /dev/null) are in every container already.
  { signal: 'hardware.device-passthrough', test: /^\/dev\/(?!(shm|null|zero|full|random|urandom|tty|stdin|stdout|stderr)(\/|$))[^/\s]+\S*/, say: 'Host device `{match}` mounted' },
  { signal: 'hardening.host-root-mount', test: /^\/+$/, say: 'The host root `/` is mounted' },
  {
    signal: 'hardening.host-system-mount',
    test: /^\/(proc|sys|dev(?!\/(shm|null|zero|full|random|urandom|tty|stdin|stdout|stderr)$|\/shm\/)|etc(?!\/(localtime|timezone|hosts|resolv\.conf|ssl|pki|ca-certificates))|boot|lib\/modules|usr\/src|var\/lib\/(docker|kubelet|containerd)|var\/run(?!\/(secrets|mysqld|postgresql|redis|php[\w-]*)(\/|$))|run(?!\/(secrets|mysqld|postgresql|redis|php[\w-]*)(\/|$))|var\/log|root)(\/\S*)?$/,
    say: 'Host system path `{match}` mounted',
  },
];

/** Device paths (`devices:`, `--device`): the first matching row applies. */
export const DEVICE_RULES: readonly ValueRule[] = [
  { signal: 'kernel.dev-kvm', test: /\/dev\/kvm/, say: '/dev/kvm passed in' },
  { signal: 'hardware.usb-serial', test: /\/dev\/(bus\/usb|ttyUSB|ttyACM|ttyS\d|serial|hidraw)/, say: 'USB or serial device `{match}` passed in' },
  { signal: 'kernel.raw-block-device', test: /\/dev\/(sd[a-z]|nvme|vd[a-z]|xvd|loop|mapper|disk|md\d)/, say: 'Block device `{match}` passed in' },
  { signal: 'kernel.fuse-mount', test: /\/dev\/fuse/, say: '/dev/fuse passed in' },
  { signal: 'hardware.gpu', test: /\/dev\/(dri|nvidia|kfd|apex|accel)/, say: 'GPU or accelerator `{match}` passed in' },
  { signal: 'hardware.device-passthrough', test: /^(?!\/dev\/(null|zero|full|random|urandom|tty)(:|$))\S+/, say: 'Host device `{match}` passed in' },
];

/** Capabilities added (`cap_add`, `capabilities.add`, `--cap-add`), without the `CAP_` prefix. */
export const CAPABILITY_RULES: readonly ValueRule[] = [
  { signal: 'kernel.cap-all', test: /^ALL$/i, say: 'All capabilities added' },
  { signal: 'kernel.cap-sys-admin', test: /^SYS_ADMIN$/i, say: 'CAP_SYS_ADMIN added' },
  { signal: 'kernel.cap-sys-module', test: /^SYS_MODULE$/i, say: 'CAP_SYS_MODULE added' },
  { signal: 'kernel.cap-sys-time', test: /^SYS_TIME$/i, say: 'CAP_SYS_TIME added' },
  { signal: 'kernel.cap-sys-rawio', test: /^SYS_RAWIO$/i, say: 'CAP_SYS_RAWIO added' },
  { signal: 'state-network.net-admin', test: /^NET_ADMIN$/i, say: 'CAP_NET_ADMIN added' },
  { signal: 'state-network.raw-network', test: /^NET_RAW$/i, say: 'CAP_NET_RAW added' },
];

export function capabilityRule(cap: string): ValueRule | undefined {
  return classify(CAPABILITY_RULES, cap.trim().replace(/^CAP_/i, ''));
}

/** Security options (`security_opt`, `--security-opt`, Kubernetes annotations). */
export const SECURITY_OPT_RULES: readonly ValueRule[] = [
  { signal: 'hardening.seccomp-unconfined', test: /seccomp[=:]\s*unconfined/i, say: 'seccomp turned off' },
  { signal: 'hardening.apparmor-unconfined', test: /(apparmor[=:]\s*unconfined|label[=:]\s*disable|systempaths[=:]\s*unconfined)/i, say: 'Mandatory access control turned off (`{match}`)' },
  { signal: 'cloud-native.no-new-privileges', test: /no-new-privileges(:true|=true)?$/i, say: 'no-new-privileges set' },
];

/** Commands: RUN lines, CMD/ENTRYPOINT, Compose `command`, Kubernetes `command`/`args`. `start` rows apply only to what the container runs. */
export interface CommandRule extends ValueRule {
  start?: boolean;
  /** The row does not apply when this also matches (e.g. a modprobe run in the host's namespaces through nsenter configures the node, it does not need a kernel of its own). */
  unless?: RegExp;
}

export const COMMAND_RULES: readonly CommandRule[] = [
  { signal: 'kernel.module-load', test: /(^|[\s;&|(`"'])(sudo\s+)?(\/(usr\/)?s?bin\/)?(modprobe|insmod)(?=[\s"']|$)(?![^;&|\n]*\s(-n|--dry-run|--show-depends)\b)/, say: '`{match}` loads kernel modules', unless: /\bnsenter\b/ },
  { signal: 'kernel.custom-kernel', test: /linux-headers-(\$|\d|generic|amd64|`)|kernel-devel|\bdkms\b|modules_install|\/lib\/modules\/\S*\/build/i, say: 'Kernel build pieces (`{match}`)' },
  { signal: 'kernel.systemd-init', test: /(^|[\s"'[,])(\/(usr\/)?(s?bin|lib)\/(systemd\/systemd|init)|\/sbin\/init|systemd)(?=["'\s,\]]|$)/, say: 'Starts `{match}` as the init process', start: true },
  // `docker-init.sh` is left out: the dev container features for Docker outside of Docker start it too, to relay the host's socket.
  { signal: 'kernel.docker-in-docker', test: /\bdockerd\b|dockerd-entrypoint|docker-in-docker|\bhack\/dind\b/, say: 'Runs a Docker engine (`{match}`)', unless: /(Remove-Item|\brm\b|\bdel\b)[^;&|\n]*dockerd/ },
  // Installing the engine's package (not only the CLI) puts a Docker daemon in the image. A bare
  // `docker` package is the engine on Alpine and Fedora-like systems (on Debian it is something else).
  { signal: 'kernel.docker-in-docker', test: /\b(apt-get|apt|yum|dnf|microdnf|zypper|apk)\b[^;&|\n]*?\s(docker-ce|docker\.io|docker-engine|moby-engine)(?=\s|$|["'\\;&|])|\b(apk|yum|dnf|microdnf|zypper)\b[^;&|\n]*?\sdocker(?=\s|$|["'\\;&|])/, say: 'Installs the Docker engine (`{match}`)', unless: /(Remove-Item|\brm\b|\bdel\b)[^;&|\n]*dockerd/ },
  { signal: 'kernel.unsafe-sysctl', test: /sysctl\s+(-w\s+)?(kernel\.(?!shm|msg|sem)|vm\.|fs\.(?!mqueue))[\w.]+/, say: '`{match}` changes a host-wide setting' },
  { signal: 'kernel.realtime-scheduling', test: /\bchrt\b/, say: 'Real-time priority via `chrt`' },
  { signal: 'kernel.fuse-mount', test: /\bmount\s+(-t|-o|--bind)\b|\bsshfs\b|\bs3fs\b|rclone\s+mount|\bgcsfuse\b/, say: 'Mounts a filesystem (`{match}`)', start: true },
  { signal: 'kernel.dev-kvm', test: /\/dev\/kvm/, say: 'Uses /dev/kvm' },
  { signal: 'hardening.sshd', test: /openssh-server|(^|[\s/"'])sshd(?=[\s"']|$)/, say: 'SSH server (`{match}`)' },
  { signal: 'hardening.passwordless-sudo', test: /NOPASSWD\s*:\s*ALL\b/, say: 'A sudoers rule (`{match}`) gives root without a password' },
  { signal: 'desktop.environment', test: /\b(xfce4|xubuntu-desktop|ubuntu-desktop|gnome-session|gnome-shell|kde-plasma-desktop|kde-standard|plasma-desktop|lxde|lxqt|mate-desktop|cinnamon-desktop|task-xfce-desktop)\b/, say: 'Desktop environment `{match}` installed' },
  { signal: 'desktop.vnc', test: /\b(tigervnc|x11vnc|tightvnc\w*|vnc4server|novnc|websockify|turbovnc|kasmvnc\w*|selkies-gstreamer)\b/i, say: 'Remote desktop server `{match}`' },
  { signal: 'desktop.rdp', test: /\bxrdp\b/, say: 'RDP server `xrdp`' },
  { signal: 'state-network.ha-protocols', test: /\b(keepalived|pacemaker|corosync|ucarp)\b/, say: '`{match}` manages a floating address' },
  { signal: 'licensing.license-server', test: /\b(lmgrd|lmutil|flexlm|flexnet|rlm\.|reprise license)\b/i, say: 'Licence manager `{match}`' },
  { signal: 'licensing.hardware-dongle', test: /\b(aksusbd|haspd|hasplm|codemeter|sentinel[-_ ]?(hasp|ldk|rms)|wibu)\b/i, say: 'Licence dongle software `{match}`' },
  { signal: 'windows.ad-ds', test: /AD-Domain-Services|Install-ADDSForest|Install-ADDSDomainController|dcpromo/i, say: 'Installs Active Directory Domain Services' },
  { signal: 'windows.msmq', test: /\bMSMQ\b/i, say: 'Installs MSMQ' },
  { signal: 'windows.iis-windows-auth', test: /Web-Windows-Auth|IIS-WindowsAuthentication|windowsAuthentication/i, say: 'IIS with Windows authentication' },
  { signal: 'windows.com-registry', test: /\bregsvr32\b|\bcomadmin\b|COM\+|\breg(\.exe)?\s+import\b/i, say: 'COM or registry installation (`{match}`)' },
  { signal: 'windows.msi-installer', test: /\bmsiexec\b/i, say: 'Runs an MSI installer' },
  { signal: 'windows.dotnet-framework', test: /NET-Framework|dotnet-framework|\bndp4\d/i, say: '.NET Framework (`{match}`)' },
  { signal: 'windows.server-feature', test: /(Install|Add)-WindowsFeature|Enable-WindowsOptionalFeature|dism(\.exe)?\s+\/online\s+\/enable-feature/i, say: 'Installs a Windows feature' },
];

/** The rows that apply to a command, build-time (`RUN`) or start-time (CMD, `command:`), then what the command runs or installs (WORKLOAD_KINDS). */
export function commandRules(text: string, start: boolean, image?: string): { signal: string; say: string; test: RegExp }[] {
  const rows = COMMAND_RULES.filter((r) => (start || !r.start) && r.test.test(text) && !r.unless?.test(text)).map((r) => ({ signal: r.signal, say: sayFor(r, text), test: r.test }));
  return [...rows, ...commandKinds(text, start, image)];
}

/**
 * What a workload is, told by what it runs: a kind of software that runs code it does not control
 * (a judge, a notebook server, a CI runner, an agent sandbox, a functions platform) or a hypervisor
 * that boots a VM inside the container. Each row is matched against tokens only (tokens.ts): the
 * image name without registry and tag (`org/name:tag`), the programs a command starts
 * (`program subcommand`), the packages a build installs, environment variable names. Never against
 * paths or free text: `chown -R app /srv/jupyterhub` runs `chown`.
 */
export interface KindRule {
  signal: string;
  /** What it is, for the message: `a code-execution engine (Judge0)`. */
  what: string;
  image?: RegExp;
  /** Programs a container starts (CMD, ENTRYPOINT, `command:`). */
  program?: RegExp;
  /** Programs run at build time too (a RUN line that starts them is rare; installing them is not). */
  pkg?: RegExp;
  env?: RegExp;
  /** The program rule holds only for a container of this image (`concourse/concourse` started as `worker`). */
  withImage?: RegExp;
}

const CODE = 'sandboxing.code-execution';
const CI = 'sandboxing.ci-runner';
const HV = 'kernel.nested-hypervisor';

export const WORKLOAD_KINDS: readonly KindRule[] = [
  // Online judges and code-execution APIs.
  { signal: CODE, what: 'an online judge (Judge0)', image: /^judge0\/(judge0|api)(:|$)/ },
  { signal: CODE, what: 'a code-execution API (Piston)', image: /^engineer-man\/piston(:|$)/, program: /^piston( |$)/ },
  { signal: CODE, what: 'a code-execution service (glot)', image: /^(glot|glotcode)\/[\w.-]+(:|$)/, program: /^(glot-run|code-runner)( |$)/ },
  { signal: CODE, what: 'a code-execution sandbox (codapi)', image: /^codapi\/[\w.-]+(:|$)|(^|\/)codapi(:|$)/, program: /^codapi( |$)/ },
  { signal: CODE, what: 'a process jail for untrusted programs', program: /^(nsjail|isolate|firejail)( |$)/ },
  // Playgrounds.
  { signal: CODE, what: 'a language playground', image: /^(golang|golang-org)\/playground[\w.-]*(:|$)|(^|\/)playground-sandbox[\w.-]*(:|$)|(^|\/)rust-playground[\w./-]*(:|$)|^shepmaster\/rust-(stable|beta|nightly)(:|$)/, program: /^play-sandbox( |$)/ },
  // Notebook servers, their single-user images, and hubs that spawn them.
  // A hub starts a notebook server per user, and the users' code runs there: the sandbox belongs on
  // the servers it starts (a RuntimeClass in its spawner's pod settings), which the hub's verdict stands for.
  {
    signal: CODE,
    what: 'a notebook hub, which starts a server per user that runs their code (the sandbox belongs on those servers)',
    image: /^jupyterhub\/(jupyterhub|k8s-hub)(:|$)/,
    program: /^jupyterhub( |$)/,
    pkg: /^(jupyterhub-)?(dockerspawner|kubespawner|batchspawner|systemdspawner|sudospawner)$/,
    env: /^DOCKER_NOTEBOOK_IMAGE$/,
  },
  {
    signal: CODE,
    what: 'a notebook server',
    image: /^jupyter\/(?!repo2docker(:|$)|nbviewer(:|$))[\w.-]+(:|$)|^jupyterhub\/(singleuser|k8s-singleuser-sample|[\w.-]*singleuser[\w.-]*)(:|$)|^elyra\/(enterprise-gateway|kernel-[\w.-]+)(:|$)|^tensorflow\/tensorflow:[\w.-]*jupyter/,
    program: /^(jupyterhub-singleuser|jupyter-(notebook|lab|server|labhub|kernelgateway|enterprisegateway)|start-(notebook|singleuser)\.(sh|py)|jupyter (notebook|lab|server|labhub|kernelgateway|enterprisegateway))( |$)/,
    pkg: /^jupyter[_-](kernel|enterprise)[_-]gateway$/,
  },
  // CI runners that run the jobs of others.
  {
    signal: CI,
    what: 'a CI runner',
    image: /(^|\/)(actions-runner|github-runner|gitlab-runner|gitlab-runner-helper|act_runner|act-runner|woodpecker-agent|drone-runner-[\w-]+|buildkite-agent|teamcity-agent|azure-pipelines-agent|inbound-agent|jnlp-slave|jnlp-agent)(:|$)|^buildkite\/agent(:|$)|^jenkins\/(agent|ssh-agent|ssh-slave|slave)(:|$)|^circleci\/runner[\w.-]*(:|$)|^forgejo\/runner(:|$)/,
    program: /^(gitlab-runner|buildkite-agent|woodpecker-agent|drone-runner-[\w-]+|act_runner|forgejo-runner|jenkins-agent|jenkins-slave|Runner\.Listener|agent\.jar|remoting\.jar|slave\.jar|circleci-runner|concourse worker)( |$)/,
    env: /^(ACTIONS_RUNNER_\w+|RUNNER_TOKEN|RUNNER_EXECUTOR|BUILDKITE_AGENT_TOKEN|DRONE_RUNNER_\w+|WOODPECKER_BACKEND|WOODPECKER_MAX_WORKFLOWS|GITLAB_RUNNER_\w+)$/,
  },
  // Concourse's one image is the web node or a worker, by its first argument; the worker runs the builds.
  { signal: CI, what: 'a CI worker (Concourse)', withImage: /^concourse\/concourse(:|$)/, program: /^worker( |$)/ },
  // Sandboxes for code written by AI agents.
  {
    signal: CODE,
    what: 'an AI-agent sandbox',
    image: /^e2bdev\/[\w.-]+(:|$)|(^|\/)code-interpreter(:|$)|^(all-hands-ai|openhands)\/(runtime|openhands)(:|$)|(^|\/)openhands(:|$)|^opendevin\/[\w.-]+(:|$)|(^|\/)opendevin(:|$)/,
    program: /^(openhands|opendevin)( |$)|^(uvicorn|gunicorn) (openhands|opendevin)\./,
    env: /^SANDBOX_RUNTIME_CONTAINER_IMAGE$/,
  },
  // Functions platforms: the parts that start the functions of tenants (the sandbox belongs on what
  // they start), and the parts that run them.
  {
    signal: CODE,
    what: "a functions platform's controller, which starts its tenants' functions (the sandbox belongs on those)",
    image: /^(openfaas|functions)\/(faas-netes|faas-swarm|faas-provider)(:|$)|^fission\/fission-bundle(:|$)|^openwhisk\/controller(:|$)|^nuclio\/dashboard[\w.-]*(:|$)/,
    program: /^(faas-netes|fission-bundle)( |$)/,
  },
  {
    signal: CODE,
    what: 'a functions platform',
    image:
      /^(openfaas|functions)\/(faasd|of-watchdog|classic-watchdog)(:|$)|^fission\/(fetcher|[\w.-]+-env[\w.-]*|[\w.-]+-builder)(:|$)|^openwhisk\/(invoker|standalone|action-[\w.-]+|[\w.-]+action|dockerskeleton)(:|$)|^nuclio\/(processor[\w.-]*|handler-[\w.-]+)(:|$)|^knative\/func[\w.-]*(:|$)/,
    program: /^(fwatchdog|of-watchdog|faasd)( |$)/,
  },
  // A hypervisor inside the container: it boots a whole VM (its own kernel) there.
  {
    signal: HV,
    what: 'a hypervisor',
    image: /^(qemux\/qemu[\w.-]*|dockurr\/(windows|windows-arm|macos)|vdsm\/virtual-dsm|sickcodes\/docker-osx|weaveworks\/ignite[\w.-]*|tianon\/qemu|budtmo\/docker-android[\w.-]*)(:|$)/,
    program: /^(qemu-system-[\w-]+|qemu-kvm|libvirtd|virtqemud|virt-manager|firecracker|firectl|cloud-hypervisor|crosvm|VBoxHeadless|vboxheadless|ignite-spawn|ignite run)( |$)/,
    pkg: /^(qemu-system(-[\w-]+)?|qemu-kvm|libvirt-daemon(-system|-kvm|-driver-qemu)?|libvirt|virt-manager|virtualbox(-[\d.]+)?|firecracker|cloud-hypervisor|crosvm)$/,
  },
];

const kindSay = (r: KindRule, how: string) => (how.endsWith(' is') ? `${how} ${r.what}` : `${how}: ${r.what}`);

/** The kinds an image reference names. */
export function imageKinds(ref: string): { signal: string; say: string }[] {
  const { full } = imageName(ref);
  if (full === '') return [];
  return WORKLOAD_KINDS.filter((r) => r.image?.test(full)).map((r) => ({ signal: r.signal, say: kindSay(r, `\`${full}\` is`) }));
}

const NEVER = /$^/;

/** The kinds a command line starts (start-time commands) or installs (build-time commands); `image` is the image it runs in, when known. */
export function commandKinds(text: string, start: boolean, image?: string): { signal: string; say: string; test: RegExp }[] {
  const { programs, packages } = commandTokens(text);
  const out: { signal: string; say: string; test: RegExp }[] = [];
  const seen = new Set<KindRule>();
  const imageFull = image ? imageName(image).full : '';
  for (const r of WORKLOAD_KINDS) {
    const fits = !r.withImage || r.withImage.test(imageFull);
    const program = start && fits ? programs.find((p) => r.program?.test(p)) : undefined;
    const pkg = packages.find((p) => r.pkg?.test(p));
    if (program !== undefined && !seen.has(r)) {
      seen.add(r);
      const word = program.split(' ')[0];
      out.push({ signal: r.signal, say: kindSay(r, `Starts \`${program}\``), test: new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    } else if (pkg !== undefined && !seen.has(r)) {
      seen.add(r);
      out.push({ signal: r.signal, say: kindSay(r, `Installs \`${pkg}\``), test: pkg ? new RegExp(pkg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : NEVER });
    }
  }
  return out;
}

/** The kinds an environment variable name tells. */
/** The kinds a program put on the PATH names (`COPY … /usr/bin/gitlab-runner`): the image is made to run it. */
export function binaryKinds(path: string): { signal: string; say: string }[] {
  const m = /^\/(?:usr\/(?:local\/)?)?s?bin\/([\w.+-]+)$/.exec(path.trim());
  if (!m) return [];
  return WORKLOAD_KINDS.filter((r) => !r.withImage && r.program?.test(m[1])).map((r) => ({ signal: r.signal, say: kindSay(r, `Puts \`${m[1]}\` on the PATH`) }));
}

export function envKinds(name: string): { signal: string; say: string }[] {
  return WORKLOAD_KINDS.filter((r) => r.env?.test(name)).map((r) => ({ signal: r.signal, say: kindSay(r, `Variable \`${name}\` configures`) }));
}

/** Words in an image name or a program that say it starts containers for others. */
export const SPAWNER_WORD = /(^|[-_./])(spawner|runner|executor|sandbox|sandboxes|judge|playground)([-_./:]|$)/i;

/** Container ports published or declared. */
export const PORT_RULES: readonly ValueRule[] = [
  { signal: 'hardening.sshd', test: /^22$/, say: 'SSH port 22' },
  { signal: 'desktop.rdp', test: /^3389$/, say: 'RDP port 3389' },
  { signal: 'desktop.vnc', test: /^(59\d\d|6080)$/, say: 'VNC port {match}' },
];

/** The container side of a port spec: `8080:80/tcp` -> `80`, `127.0.0.1:22:22` -> `22`. */
export function containerPort(spec: string): string {
  const noProto = spec.trim().replace(/\/(tcp|udp|sctp)$/i, '');
  const last = noProto.slice(noProto.lastIndexOf(':') + 1);
  return last.split('-')[0];
}

/** Environment variable names. */
export const ENV_RULES: readonly ValueRule[] = [
  { signal: 'desktop.display-env', test: /^DISPLAY$/, say: 'DISPLAY is set' },
  { signal: 'licensing.license-server', test: /^(LM_LICENSE_FILE|\w+_LICENSE_FILE|RLM_LICENSE|\w+_LICENSE_SERVER)$/, say: 'Licence server variable `{match}`' },
];

/** Kernel parameters a container cannot set for itself only. */
export const UNSAFE_SYSCTL = /^(kernel\.(?!shm|msg|sem)|vm\.|fs\.(?!mqueue))/;

/** Runtime names of sandboxed runtimes (Compose `runtime:`, RuntimeClass names, `--runtime`). */
/**
 * `linux/amd64` and `windows/amd64`: the architecture of nearly every server, cloud instance and CI
 * runner (and the one Windows container hosts run), so fixing it makes no machine of another kind
 * necessary; that a Windows image needs a Windows host is the Windows base image's evidence.
 */
export const NATIVE_PLATFORM = /^(linux|windows)\/(amd64|x86_64)$/i;

export const SANDBOX_RUNTIME = /gvisor|runsc|kata|firecracker|^fc$|-fc$|cloud-hypervisor|\bclh\b|sysbox/i;

/** Container paths where database servers keep their data. */
export const DATABASE_DIR = /^\/(var\/lib\/(postgresql|pgsql|mysql|mariadb|mongodb|cassandra|neo4j|elasticsearch|clickhouse|influxdb|couchdb)|data\/db|bitnami\/(postgresql|mysql|mariadb|mongodb)|var\/opt\/mssql|usr\/share\/elasticsearch\/data|opt\/couchdb\/data)(\/|$)/;
