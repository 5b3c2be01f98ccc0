// What a position in a Dockerfile is about: the topic (instruction, flag, directive, base image,
// stage, heredoc) and notes that speak to this very line. The words live in the knowledge records;
// the notes here only state facts read off the line.
import { classifyImage } from '../knowledge/dockerfile';
import { isNanoServer2016 } from '../knowledge/dockerfile/classify';
import { topicById } from '../knowledge/index';
import type { Topic } from '../knowledge/types';
import { code } from '../render/markdown';
import type { TopicHit } from './format';
import { baseImageOf } from './dockerfile-base';
import type { DfFlag, DfInstruction, DfStage, DockerfileModel } from './dockerfile-model';
import type { Pos, Range } from './types';

const within = (r: Range, p: Pos): boolean =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

const topics = (ids: string[]): Topic[] => ids.map(topicById).filter((t): t is Topic => t !== undefined);

const lineOf = (r: Range) => r.start.line + 1;

function hit(id: string | string[], range: Range, notes: string[] = [], related: Topic[] = [], extent?: Range): TopicHit | null {
  const [topic] = topics(Array.isArray(id) ? id : [id]);
  if (!topic) return null;
  const h: TopicHit = { topic, range };
  if (extent) h.extent = extent;
  const n = notes.filter(Boolean);
  if (n.length) h.notes = n;
  const rel = related.filter((t) => t.id !== topic.id);
  if (rel.length) h.related = rel;
  return h;
}

export function dockerfileTopicAt(model: DockerfileModel, pos: Pos): TopicHit | null {
  for (const d of model.directives) {
    if (within(d.range, pos)) return hit(`dockerfile.directive.${d.name}`, d.range, directiveNotes(d.name, d.value), [], d.range);
  }
  const ins = model.instructions.find((i) => within(i.range, pos));
  if (!ins) return null;
  const h = instructionHit(model, ins, pos);
  if (h) h.extent = ins.range;
  return h;
}

function instructionHit(model: DockerfileModel, ins: DfInstruction, pos: Pos): TopicHit | null {
  if (ins.trigger && !within(ins.keywordRange, pos) && within(ins.trigger.range, pos)) {
    const inner = instructionHit(model, ins.trigger, pos);
    if (inner) {
      inner.notes = [onbuildNote(ins.trigger), ...(inner.notes ?? [])];
      inner.related = [...(inner.related ?? []), ...topics(['dockerfile.instruction.ONBUILD'])].filter((t) => t.id !== inner.topic.id);
      return inner;
    }
  }
  const stage = ins.keyword === 'FROM' ? model.stages[ins.stage] : undefined;

  if (!within(ins.keywordRange, pos)) {
    for (const f of ins.flags) {
      if (!within(f.range, pos)) continue;
      const h = flagHit(model, ins, f, pos);
      if (h) return h;
    }
    if (stage) {
      if (stage.imageRange && within(stage.imageRange, pos)) {
        const h = imageHit(model, stage);
        if (h) return h;
      }
      if (stage.nameRange && within(stage.nameRange, pos)) {
        const h = hit('dockerfile.stage-name', stage.nameRange, stageNameNotes(model, stage));
        if (h) return h;
      }
    }
    for (const d of ins.heredocs) {
      const r = within(d.startRange, pos) ? d.startRange : d.delimiterRange && within(d.delimiterRange, pos) ? d.delimiterRange : null;
      if (r) {
        const h = hit('dockerfile.heredoc', r, [`Here-document ${code(d.name)}: the lines up to the closing ${code(d.name)} are the ${ins.keyword === 'RUN' ? 'script this step runs' : 'content of the file it writes'}.`]);
        if (h) return h;
      }
    }
    for (const c of ins.continuations) {
      if (within(c, pos)) {
        const h = hit('dockerfile.line-continuation', c);
        if (h) return h;
      }
    }
  }
  const related: Topic[] = [];
  if (ins.keyword === 'ONBUILD' && ins.trigger) related.push(...topics([`dockerfile.instruction.${ins.trigger.keyword}`]));
  if (stage && stage.from === undefined && stage.image) related.push(...imageTopics(imageRef(stage)).slice(0, 1));
  return hit(`dockerfile.instruction.${ins.keyword}`, ins.keywordRange, instructionNotes(model, ins), related);
}

// ---------------------------------------------------------------------------------------------
// Flags

function flagTopicIds(keyword: string, f: DfFlag): string[] {
  if (keyword === 'RUN' && f.name === 'mount') {
    const type = f.options.find((o) => o.name === 'type')?.value ?? 'bind';
    return [`dockerfile.flag.RUN.mount.${type}`, 'dockerfile.flag.RUN.mount'];
  }
  if (keyword === 'ADD') return [`dockerfile.flag.ADD.${f.name}`, `dockerfile.flag.COPY.${f.name}`];
  return [`dockerfile.flag.${keyword}.${f.name}`];
}

function flagHit(model: DockerfileModel, ins: DfInstruction, f: DfFlag, pos: Pos): TopicHit | null {
  if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && f.name === 'from' && f.valueRange && within(f.valueRange, pos)) {
    const target = stageByRef(model, f.value ?? '', ins.stage);
    if (target) {
      const h = hit('dockerfile.stage-ref', f.valueRange, [stageRefNote(target)]);
      if (h) return h;
    }
  }
  return hit(flagTopicIds(ins.keyword, f), f.range, flagNotes(model, ins, f));
}

function flagNotes(model: DockerfileModel, ins: DfInstruction, f: DfFlag): string[] {
  const v = f.value ?? '';
  if (ins.keyword === 'FROM' && f.name === 'platform') return [platformNote(v)];
  if (ins.keyword === 'RUN' && f.name === 'security') return v === 'insecure' ? [insecureNote()] : [];
  if (ins.keyword === 'RUN' && f.name === 'network') {
    if (v === 'host') return [`${code('--network=host')}: this step uses the build host's own network stack, not an isolated one; BuildKit only allows it with the \`network.host\` entitlement.`];
    if (v === 'none') return [`${code('--network=none')}: this step has no network access, only its own loopback interface.`];
    return [];
  }
  if (ins.keyword === 'RUN' && f.name === 'mount') {
    const type = f.options.find((o) => o.name === 'type')?.value ?? 'bind';
    if (type === 'secret' || type === 'ssh') return [`${code(`type=${type}`)}: available to this step only; it is not written into an image layer.`];
    return [];
  }
  if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && f.name === 'chmod') {
    const note = chmodNote(v);
    return note ? [note] : [];
  }
  if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && f.name === 'from') {
    const target = stageByRef(model, v, ins.stage);
    return [target ? stageRefNote(target) : `${code(v)} is not a stage of this file, so it is read as an image and pulled at build time.`];
  }
  return [];
}

const PERM_WORDS = ['no access', 'execute', 'write', 'write and execute', 'read', 'read and execute', 'read and write', 'read, write and execute'];

/** What an octal `--chmod` grants, in words; symbolic modes are left to the reference. */
function chmodNote(value: string): string | undefined {
  const m = /^0?([0-7]{3})$/.exec(value.trim());
  if (!m) return undefined;
  const [o, g, a] = [...m[1]].map((d) => PERM_WORDS[Number(d)]);
  const owner = /[2367]/.test(m[1][0]) ? ' The owner can still write them, so they are not read-only.' : ' No write bit for the owner, though root ignores permission bits.';
  const others = /[2367]/.test(m[1].slice(1)) ? ' Group or others may write to them too.' : '';
  return `${code(`--chmod=${value}`)} sets permission bits: owner ${o}, group ${g}, others ${a}.${owner}${others}`;
}

function platformNote(value: string): string {
  if (/\$\{?BUILDPLATFORM\b/.test(value)) return `${code(`--platform=${value}`)}: this stage runs on the builder's own CPU architecture, so no emulation is involved; the usual way to cross-compile for other targets.`;
  if (/\$\{?TARGETPLATFORM\b/.test(value)) return `${code(`--platform=${value}`)}: this stage runs as the target platform; when that differs from the builder's architecture, its steps run under CPU emulation.`;
  if (value.includes('$')) return `${code(`--platform=${value}`)}: the platform comes from a build argument.`;
  const [os] = value.split('/');
  if (os === 'windows') return `${code(`--platform=${value}`)}: a Windows image; it needs a Windows host, because a container uses its host's kernel.`;
  return `${code(`--platform=${value}`)}: pinned to one OS and CPU architecture. A container runs on its host's kernel and CPU, so on a host of another architecture this stage runs under emulation (QEMU through binfmt_misc), much more slowly than native.`;
}

const insecureNote = () =>
  `${code('--security=insecure')}: this step runs without the build sandbox, with privileges much like a privileged container. BuildKit refuses it unless the build is started with the \`security.insecure\` entitlement (\`--allow security.insecure\`).`;

// ---------------------------------------------------------------------------------------------
// Images and stages

/** The image a stage names, with global ARG defaults filled in when it uses them. */
function imageRef(stage: DfStage): string {
  return stage.imageResolved ?? stage.image ?? '';
}

function imageTopics(ref: string): Topic[] {
  try {
    return topics(classifyImage(ref).topicIds);
  } catch {
    return [];
  }
}

function imageHit(model: DockerfileModel, stage: DfStage): TopicHit | null {
  const range = stage.imageRange!;
  if (stage.from !== undefined) {
    const base = model.stages[stage.from];
    return hit('dockerfile.stage-ref', range, [stageRefNote(base)]);
  }
  const ref = imageRef(stage);
  const found = imageTopics(ref);
  const [primary, ...rest] = found;
  if (!primary) return null;
  return hit(primary.id, range, imageNotes(model, stage), rest);
}

function imageNotes(model: DockerfileModel, stage: DfStage): string[] {
  const notes: string[] = [];
  const ref = imageRef(stage);
  if (stage.imageResolved && stage.image !== stage.imageResolved) notes.push(`With the default build arguments this is ${code(stage.imageResolved)}.`);
  let os: string = 'unknown';
  let account: string | undefined;
  try {
    // The classifier's notes cover the OS, tag, digest and build-argument cases.
    const c = classifyImage(ref);
    os = c.os;
    notes.push(...c.notes);
    if (c.family === 'windows-nanoserver') account = isNanoServer2016(ref) ? 'ContainerAdministrator, the default of the 2016 Nano Server image' : 'ContainerUser, the default on Nano Server 1709 and later';
    else if (c.family === 'windows-servercore' || c.family === 'windows') account = 'ContainerAdministrator, the base image\'s default account';
  } catch {
    // An image the classifier cannot read gets no notes of its own.
  }
  if (os === 'unknown' && stage.platform?.startsWith('windows')) {
    os = 'windows';
    notes.push(windowsNote());
  } else if (os === 'unknown' && model.escape === '`') {
    notes.push('The file sets the backtick escape character, usual for Windows images; if this base is Windows, it needs a Windows host.');
  }
  if (stage.index === model.finalStage) notes.push(finalStageNote(model, os, account));
  return dedupe(notes);
}

const windowsNote = () =>
  `Windows base image: a container shares its host's kernel, so it needs a Windows host. With process isolation the image's Windows version has to match the host's; Hyper-V isolation runs the container in a lightweight VM with its own kernel, which also lets an older image version run on a newer host.`;

function finalStageNote(model: DockerfileModel, os: string, account?: string): string {
  const u = model.finalUser;
  if (!u) {
    const base = baseImageOf(model, model.finalStage) ?? '';
    if (/:(.*[-_])?nonroot([-_].*)?$/.test(base)) {
      return `Final stage, the one that ships: no ${code('USER')} line, but the base tag ${code(base)} is built to run as a non-root user by default.`;
    }
    const who = account ?? (os === 'windows' ? 'the base image\'s default account (ContainerAdministrator on Server Core and on the 2016 Nano Server image, ContainerUser on Nano Server 1709 and later)' : 'the base image\'s default user, which is root for most Linux images');
    return `Final stage, the one that ships: no ${code('USER')} here or in the stages it builds on, so the container runs as ${who}.`;
  }
  const where = `${code(`USER ${u.value}`)}, line ${lineOf(u.range)}`;
  return isRootUser(u.value)
    ? `Final stage, the one that ships: it runs as root (${where}).`
    : `Final stage, the one that ships: it runs as ${code(u.value)} (${where}).`;
}

function stageByRef(model: DockerfileModel, ref: string, before: number): DfStage | undefined {
  const r = ref.toLowerCase();
  if (/^\d+$/.test(r)) {
    const i = Number(r);
    return i < before ? model.stages[i] : undefined;
  }
  return model.stages.find((s) => s.index < before && s.name?.toLowerCase() === r);
}

function stageRefNote(target: DfStage): string {
  const label = target.name ? `stage ${code(target.name)}` : `stage ${target.index}`;
  return `Refers to ${label}, defined on line ${lineOf(target.range)}${target.image ? ` from ${code(target.image)}` : ''}.`;
}

function stageNameNotes(model: DockerfileModel, stage: DfStage): string[] {
  const name = stage.name?.toLowerCase() ?? '';
  const users: number[] = [];
  for (const ins of model.instructions) {
    if (ins.stage <= stage.index) continue;
    const st = model.stages[ins.stage];
    if (ins.keyword === 'FROM' && st?.from === stage.index) users.push(lineOf(ins.range));
    const from = ins.flags.find((f) => f.name === 'from');
    if (from && (from.value ?? '').toLowerCase() === name) users.push(lineOf(ins.range));
  }
  const notes: string[] = [];
  if (stage.index === model.finalStage) notes.push('This is the final stage: what it contains is what ships.');
  else if (users.length) notes.push(`Used on line${users.length > 1 ? 's' : ''} ${users.join(', ')}.`);
  else notes.push('No later line refers to this stage; unless a build targets it, only the final stage ships.');
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Whole-instruction notes

export const isRootUser = (value: string): boolean => /^(root|0)(:.*)?$/i.test(value.trim());

const DB_DATA_DIRS = [
  '/var/lib/postgresql', '/var/lib/pgsql', '/var/lib/mysql', '/var/lib/mariadb', '/data/db', '/var/lib/mongodb',
  '/var/lib/redis', '/var/lib/cassandra', '/usr/share/elasticsearch/data', '/var/opt/mssql', '/var/lib/neo4j',
  '/var/lib/couchdb', '/opt/couchdb/data', '/var/lib/influxdb', '/var/lib/clickhouse',
];

function volumePaths(ins: DfInstruction): string[] {
  const t = ins.args.trim();
  if (t.startsWith('[')) {
    try {
      const a: unknown = JSON.parse(t);
      if (Array.isArray(a)) return a.map(String);
    } catch {
      // fall through to the plain form
    }
  }
  return ins.arguments.map((a) => a.value);
}

function instructionNotes(model: DockerfileModel, ins: DfInstruction): string[] {
  switch (ins.keyword) {
    case 'USER':
      return [userNote(model, ins)];
    case 'FROM': {
      const st = model.stages[ins.stage];
      if (!st) return [];
      const notes: string[] = [];
      if (st.platform !== undefined) notes.push(platformNote(st.platform));
      if (st.from !== undefined) notes.push(stageRefNote(model.stages[st.from]));
      else if (st.image) notes.push(...imageNotes(model, st));
      else if (st.index === model.finalStage) notes.push(finalStageNote(model, 'unknown'));
      return dedupe(notes);
    }
    case 'EXPOSE': {
      const ports = ins.arguments.map((a) => a.value.split('/')[0]);
      const notes: string[] = [];
      if (ports.includes('22')) notes.push(`${code('EXPOSE 22')}: an SSH server is a habit carried over from VMs; \`docker exec\` (or \`kubectl exec\`) gives a shell without one. Logins over SSH that you really need point to a VM.`);
      if (ports.includes('3389')) notes.push(`${code('EXPOSE 3389')}: Remote Desktop is how you reach a full Windows desktop, which is what a VM gives; a container has no desktop session.`);
      return notes;
    }
    case 'RUN':
      return ins.flags.some((f) => f.name === 'security' && f.value === 'insecure') ? [insecureNote()] : [];
    case 'VOLUME': {
      const db = volumePaths(ins).filter((p) => DB_DATA_DIRS.some((d) => p === d || p.startsWith(d + '/')));
      return db.length
        ? [`${code(db[0])} holds database files: a volume keeps them outside the container's writable layer, so they outlive the container, which can be replaced or rescheduled. A VM keeps the same files on its own virtual disk.`]
        : [];
    }
    case 'ONBUILD':
      return ins.trigger ? [onbuildNote(ins.trigger)] : [];
    case 'SHELL':
      return /powershell|pwsh|cmd(\.exe)?\b/i.test(ins.args) ? [`${code(ins.args)}: a Windows shell, so this image is for Windows containers and needs a Windows host.`] : [];
    case 'HEALTHCHECK':
      return /^\s*NONE\b/i.test(ins.args) ? [`${code('HEALTHCHECK NONE')}: switches off any health check inherited from the base image.`] : [];
    default:
      return [];
  }
}

function userNote(model: DockerfileModel, ins: DfInstruction): string {
  const value = ins.args.trim();
  const u = code(`USER ${value}`);
  const final = model.finalUser;
  const isFinal = final !== null && final.range.start.line === ins.keywordRange.start.line && final.stage === ins.stage;
  let scope: string;
  if (isFinal) scope = 'This is the user the container runs as.';
  else if (ins.stage === model.finalStage || inFinalChain(model, ins.stage)) scope = 'A later USER line changes it again before the image ships.';
  else scope = 'This stage does not ship, so this only affects its build steps.';
  if (value.includes('$')) return `${u}: the user comes from a build variable, so whether it is root depends on the build. ${scope}`;
  if (isRootUser(value)) return `${u}: the steps below run as root (uid 0), root on the host's shared kernel unless the runtime remaps users; in a VM, root stays behind the hypervisor. ${scope}`;
  if (/^containeradministrator$/i.test(value)) return `${u}: the administrator account of a Windows container. ${scope}`;
  return `${u}: the steps below run as a non-root user, which narrows what a process could reach through the shared kernel if it escaped. ${scope}`;
}

function inFinalChain(model: DockerfileModel, stage: number): boolean {
  const seen = new Set<number>();
  let s: number | undefined = model.finalStage;
  while (s !== undefined && s >= 0 && !seen.has(s)) {
    if (s === stage) return true;
    seen.add(s);
    s = model.stages[s]?.from;
  }
  return false;
}

function onbuildNote(trigger: DfInstruction): string {
  return `${code(`ONBUILD ${trigger.keyword}`)}: nothing happens in this build; the ${code(trigger.keyword)} runs later, in the build of any image that starts ${code('FROM')} this one.`;
}

function directiveNotes(name: string, value: string): string[] {
  if (name === 'escape' && value === '`') return ['The backtick escape leaves `\\` free for Windows paths; it is the usual choice in Windows Dockerfiles.'];
  if (name === 'syntax') return [`Builds with the frontend ${code(value)}, which decides which Dockerfile features are available.`];
  return [];
}

function dedupe(notes: string[]): string[] {
  return [...new Set(notes)];
}
