// The Dockerfile format module, on top of the Dockerfile modules: builds the model (its types in
// dockerfile-model.ts) from what dockerfile-reader.ts reads (dockerfile-ast's reading, faster;
// dockerfile-library.ts is the library's own), and answers topics through dockerfile-topics.ts.
// Plain data so explain, the advisor and the CLI never touch the parser's classes. The modules it
// imports never import it back: dockerfile-model.ts at the bottom, the readers and the model's
// readers (dockerfile-base.ts, dockerfile-topics.ts) above it, this module on top.
import type { Workload } from '../advisor/types';
import type { FormatModule } from './format';
import type { ParseProblem, Pos, Range } from './types';
import type { DfInstruction, DfStage, DockerfileModel, DockerfileReading, FromParts } from './dockerfile-model';
import { dockerfileTopicAt } from './dockerfile-topics';
import { baseImageOf, effectiveUser } from './dockerfile-base';
import { lineLength, lineStarts, unifyLineBreaks } from './lines';
import { readWithLibrary } from './dockerfile-library';
import { continuationsOf, OffsetInstruction, readDockerfile } from './dockerfile-reader';

export type { DfArgument, DfDirective, DfFlag, DfFlagOption, DfHeredoc, DfInstruction, DfStage, DfUser, DockerfileModel } from './dockerfile-model';

const isStageRef = (image: string | undefined, names: Map<string, number>, before: number): number | undefined => {
  if (!image) return undefined;
  const idx = names.get(image.toLowerCase());
  return idx !== undefined && idx < before ? idx : undefined;
};

/** Parses a Dockerfile. Never throws: anything the parser cannot read ends up in `problems`. */
export function parseDockerfile(text: string, file: string): DockerfileModel {
  return parseWith(text, file, readDockerfile);
}

/**
 * The same model read by dockerfile-ast alone, without the faster reader (dockerfile-reader.ts): the
 * reference the tests hold the faster reading to.
 */
export function parseDockerfileWithLibrary(text: string, file: string): DockerfileModel {
  return parseWith(text, file, readWithLibrary);
}

/** Reads a text; `starts` is its table of line starts, when the caller has it. */
type Read = (text: string, starts?: number[]) => DockerfileReading;

function parseWith(text: string, file: string, read: Read): DockerfileModel {
  const model: DockerfileModel = {
    format: 'dockerfile',
    file,
    problems: [],
    directives: [],
    escape: '\\',
    stages: [],
    instructions: [],
    finalStage: -1,
    finalUser: null,
    runComments: [],
  };
  try {
    fill(model, unifyLineBreaks(text), read);
  } catch (e) {
    model.problems.push({ message: `could not parse: ${e instanceof Error ? e.message : String(e)}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, incomplete: true });
  }
  return model;
}

/** Lines of one continued instruction read in full; deeper continuation lines are read as blank. */
export const MAX_CONTINUED_LINES = 1000;

/**
 * dockerfile-ast's cost grows steeply with the lines of one instruction (a generated 200,000-line RUN
 * took over 30 seconds, holding the editor). Continuation lines past MAX_CONTINUED_LINES in a row are
 * blanked before parsing: a blank line inside a continued instruction is skipped, as Docker does, so
 * every instruction keeps its extent and every line its number. Their words are not read; a problem
 * says so. Null when nothing needs blanking.
 */
function blankLongContinuations(text: string, starts: number[], problems: ParseProblem[]): string | null {
  if (starts.length <= MAX_CONTINUED_LINES) return null;
  const escape = /^(?:[ \t]*#[^\n]*\n)*?[ \t]*#[ \t]*escape[ \t]*=[ \t]*`/i.test(text) ? 96 : 92;
  // The text up to `copied` is kept in `pieces`; blanked lines are left out of it.
  let pieces: string[] | null = null;
  let copied = 0;
  let run = 0;
  let first = -1;
  const report = (last: number) => {
    problems.push({
      message: `lines ${first + 1}-${last + 1} continue one instruction past ${MAX_CONTINUED_LINES} lines; their words were not read`,
      range: { start: { line: first, character: 0 }, end: { line: last, character: 0 } },
      incomplete: true,
    });
    first = -1;
  };
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1] - 1 : text.length;
    const continues = endsWith(text, starts[i], end, escape);
    if (continues && run >= MAX_CONTINUED_LINES) {
      (pieces ??= []).push(text.substring(copied, starts[i]));
      copied = end;
      if (first < 0) first = i;
    } else if (first >= 0) report(i - 1);
    run = continues ? run + 1 : 0;
  }
  if (first >= 0) report(starts.length - 1);
  if (!pieces) return null;
  pieces.push(text.substring(copied));
  return pieces.join('');
}

/** Whether the line from `start` to `end`, without trailing spaces, tabs and CRs, ends with the character. */
function endsWith(text: string, start: number, end: number, ch: number): boolean {
  let i = end - 1;
  for (let c = text.charCodeAt(i); i >= start && (c === 32 || c === 9 || c === 13); c = text.charCodeAt(--i));
  return i >= start && text.charCodeAt(i) === ch;
}

/** Where an instruction starts and ends, without making and keeping the reader's instructions' ranges (a hover makes those it needs). */
const startOf = (ins: DfInstruction): Pos => (ins instanceof OffsetInstruction ? ins.startPos() : { ...ins.range.start });
const endOf = (ins: DfInstruction): Pos => (ins instanceof OffsetInstruction ? ins.endPos() : ins.range.end);

/** What the stages of one model share to work out their ranges. */
interface StageText {
  text: string;
  starts: number[];
  stages: Stage[];
  /** Each stage's last instruction. */
  lastOfStage: DfInstruction[];
}

/**
 * A stage whose ranges are made when asked: a file can have tens of thousands of stages, and their
 * ranges (seven objects each) were most of such a model, while a hover or a finding needs a few.
 */
class Stage implements DfStage {
  image?: string;
  imageResolved?: string;
  platform?: string;
  platformRange?: Range;
  name?: string;
  from?: number;
  readonly #ins: DfInstruction;
  /** The library's reading of the FROM, with its ranges; undefined when they are its arguments'. */
  readonly #parts: FromParts | undefined;
  readonly #shared: StageText;
  #range: Range | undefined;

  constructor(
    readonly index: number,
    readonly fromInstruction: number,
    ins: DfInstruction,
    parts: FromParts,
    shared: StageText,
  ) {
    this.#ins = ins;
    this.#parts = parts.rangesOfArguments ? undefined : parts;
    this.#shared = shared;
  }

  /** From the FROM line to the stage's last instruction, or to the line before the next FROM when that is later (comments and blank lines in between belong to it). */
  get range(): Range {
    if (this.#range) return this.#range;
    const { text, starts, stages, lastOfStage } = this.#shared;
    let end = endOf(lastOfStage[this.index]);
    const next = stages[this.index + 1];
    if (next) {
      const endLine = next.startLine() - 1;
      if (endLine > end.line) end = { line: endLine, character: lineLength(text, starts, endLine) };
    }
    return (this.#range = { start: startOf(this.#ins), end });
  }

  private startLine(): number {
    return this.#range?.start.line ?? startOf(this.#ins).line;
  }

  get imageRange(): Range | undefined {
    if (this.#parts) return this.#parts.imageRange;
    return this.#ins.arguments[0]?.range;
  }

  get nameRange(): Range | undefined {
    if (this.name === undefined) return undefined;
    return this.#parts ? this.#parts.nameRange : this.#ins.arguments[2].range;
  }

  toJSON(): DfStage {
    const { index, fromInstruction, range, image, imageResolved, imageRange, platform, platformRange, name, nameRange, from } = this;
    const json: DfStage = { index, fromInstruction, range };
    if (image !== undefined) json.image = image;
    if (imageResolved !== undefined) json.imageResolved = imageResolved;
    if (imageRange !== undefined) json.imageRange = imageRange;
    if (platform !== undefined) json.platform = platform;
    if (platformRange !== undefined) json.platformRange = platformRange;
    if (name !== undefined) json.name = name;
    if (nameRange !== undefined) json.nameRange = nameRange;
    if (from !== undefined) json.from = from;
    return json;
  }
}

function fill(model: DockerfileModel, text: string, read: Read): void {
  const starts = lineStarts(text);
  const blanked = blankLongContinuations(text, starts, model.problems);
  // The reader shares the line table when it reads the text as given.
  const reading = read(blanked ?? text, blanked === null ? starts : undefined);
  model.escape = reading.escape;
  model.runComments = reading.runComments;
  model.directives = reading.directives;

  const names = new Map<string, number>();
  // The ARGs before the first FROM, read once: every later FROM sees the same ones.
  let globals: Map<string, string | undefined> | undefined;
  let stage = -1;
  const stages: Stage[] = [];
  const shared: StageText = { text, starts, stages, lastOfStage: [] };
  for (const { ins: dfi, from } of reading.instructions) {
    if (from) {
      stage++;
      const { image, platform, name } = from;
      const st = new Stage(stage, model.instructions.length, dfi, from, shared);
      if (image) st.image = image;
      if (image?.includes('$')) {
        globals ??= globalArgs(model.instructions);
        const resolved = substitute(image, globals);
        if (resolved !== undefined) st.imageResolved = resolved;
      }
      if (platform) {
        st.platform = platform.value;
        st.platformRange = platform.range;
      }
      if (name) st.name = name;
      // `FROM dev-${VARIANT}` names an earlier stage once its global ARGs are filled in.
      const base = isStageRef(image, names, stage) ?? isStageRef(st.imageResolved, names, stage);
      if (base !== undefined) st.from = base;
      if (name) names.set(name.toLowerCase(), stage);
      stages.push(st);
    }
    dfi.stage = stage;
    // The reader's instructions find their continuation lines when asked, in the text it read: the
    // file's own unless long continuations were blanked.
    const read = dfi instanceof OffsetInstruction ? dfi : undefined;
    if (blanked !== null || !read) {
      const span = read ? read.lines() : { first: dfi.range.start.line, last: dfi.range.end.line };
      dfi.continuations = continuationsOf(text, starts, span.first, span.last, model.escape.charCodeAt(0), dfi.heredocs);
    }
    if (dfi.trigger) dfi.trigger.stage = stage;
    model.instructions.push(dfi);
    if (stage >= 0) shared.lastOfStage[stage] = dfi;
  }
  model.stages = stages;
  model.finalStage = model.stages.length - 1;
  model.finalUser = model.finalStage >= 0 ? effectiveUser(model, model.finalStage) : null;
}

/** `NAME=default` of the ARGs before the first FROM (the only ones a FROM line can use). */
function globalArgs(instructions: DfInstruction[]): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const ins of instructions) if (ins.stage === -1 && ins.keyword === 'ARG') learnVariables(ins, m);
  return m;
}

/**
 * The variables an ARG or ENV line sets into `vars`: `NAME=value` (quotes taken off), a bare ARG
 * `NAME` with no value (unless a value is known), and ENV's older `NAME value` form.
 */
export function learnVariables(ins: DfInstruction, vars: Map<string, string | undefined>): void {
  const args = ins.arguments;
  if (ins.keyword === 'ENV' && args.length >= 2 && !args[0].value.includes('=')) {
    vars.set(args[0].value, args.slice(1).map((a) => a.value).join(' '));
    return;
  }
  for (const a of args) {
    const eq = a.value.indexOf('=');
    if (eq === 0) continue;
    if (eq < 0) {
      // A bare ARG declares the name; a value an earlier line gave it stands (ENV wins over ARG).
      if (ins.keyword === 'ARG' && !vars.has(a.value)) vars.set(a.value, undefined);
      continue;
    }
    vars.set(a.value.slice(0, eq), a.value.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2'));
  }
}

/** Where a variable name (`[A-Za-z_][A-Za-z0-9_]*`) starting at `at` ends; `at` when none starts there. */
function nameEnd(text: string, at: number): number {
  let c = text.charCodeAt(at);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return at;
  let i = at + 1;
  for (c = text.charCodeAt(i); (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95; c = text.charCodeAt(++i));
  return i;
}

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-word}` (and `${NAME-word}`: the word runs to the next `}`);
 * undefined when a variable has no value. A scan rather than a pattern: the pattern looked for a
 * closing brace from every `${` again, and a line of thousands of unclosed `${a:-` took seconds.
 */
export function substitute(text: string, vars: ReadonlyMap<string, string | undefined>): string | undefined {
  let out = '';
  let copied = 0;
  // The first `}` at or after the last offset asked for (-1: none there, so none later either).
  let close = -2;
  const closeFrom = (from: number) => (close === -1 || close >= from ? close : (close = text.indexOf('}', from)));
  for (let i = text.indexOf('$'); i !== -1; i = text.indexOf('$', i)) {
    const braced = text.charCodeAt(i + 1) === 123;
    const start = i + (braced ? 2 : 1);
    const end = nameEnd(text, start);
    let after = end;
    let word: string | undefined;
    if (end === start) {
      i++;
      continue;
    }
    if (braced) {
      const c = text.charCodeAt(end);
      const dash = c === 58 && text.charCodeAt(end + 1) === 45 ? end + 2 : c === 45 ? end + 1 : -1;
      const brace = c === 125 ? end : dash < 0 ? -1 : closeFrom(dash);
      if (brace < 0) {
        i++;
        continue;
      }
      if (dash >= 0) word = text.slice(dash, brace);
      after = brace + 1;
    }
    const v = vars.get(text.slice(start, end));
    if (v !== undefined && v !== '') out += text.slice(copied, i) + v;
    else if (word !== undefined) out += text.slice(copied, i) + word;
    else return undefined;
    copied = i = after;
  }
  return out + text.slice(copied);
}

export { baseImageOf, effectiveUser };

const baseName = (p: string) => p.replace(/\\/g, '/').split('/').filter(Boolean).pop() ?? p;

function workloadName(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/').filter(Boolean);
  const name = parts[parts.length - 1] ?? file;
  if (/^(dockerfile|containerfile)$/i.test(name) && parts.length >= 2) return parts[parts.length - 2];
  return baseName(name);
}

/**
 * Base images made to be a developer's environment, not to run a product: dev container images,
 * Google Cloud Workstations' predefined images, Gitpod's workspace images.
 */
const DEV_ENVIRONMENT_IMAGE = /^(mcr\.microsoft\.com\/(vscode\/)?devcontainers\/|[\w.-]+\/cloud-workstations-images\/|gitpod\/workspace-)/i;

/** A file name a template engine reads (Jinja, Go templates, ERB, Mustache). */
const TEMPLATE_FILE = /\.(j2|jinja2?|tmpl|tpl|template|erb|mustache|hbs)$/i;

/** Where a build image leaves what it made, for `docker build --output` or a mounted folder. */
const EXPORT_PATH = /(^|[\s"'=])\/(result|results|output|out|artifacts|export|dist-out)(\/|["'\s]|$)/;

/**
 * Why an image is a build step rather than something that runs, if it is: it starts no program of
 * its own (no CMD or ENTRYPOINT in the stage that runs or those it builds on) and either ends in an
 * empty image that only receives files (`FROM scratch`, read with `docker build --output`) or
 * writes its results to an export folder (`cp … /result/`, podman-compose's PyInstaller build);
 * or it is a Dapper build wrapper (`Dockerfile.dapper`).
 */
function buildOnly(model: DockerfileModel): string | undefined {
  if (/(^|\/)Dockerfile\.dapper$/i.test(model.file)) return 'a Dapper build wrapper (Dockerfile.dapper): the build runs in it';
  // vaultwarden's docker/Dockerfile.j2: the Dockerfiles beside it are rendered from it.
  if (TEMPLATE_FILE.test(model.file) && model.stages.some((st) => /\{\{|\{%/.test(st.image ?? ''))) return 'a template the build renders into Dockerfiles';
  const chain = new Set<number>();
  for (let s: number | undefined = model.finalStage; s !== undefined && s >= 0 && !chain.has(s); s = model.stages[s]?.from) chain.add(s);
  const ins = model.instructions.filter((i) => chain.has(i.stage));
  if (ins.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')) return undefined;
  const final = model.stages[model.finalStage];
  // An export stage copies results to its root (`FROM scratch AS export`, `COPY --from=build /out/ /`);
  // a binary copied to a path of its own (`COPY app /app`) is an image some other file starts with a command.
  const copies = ins.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
  const toRoot = (i: DfInstruction) => /^(\/|\.\/?)$/.test(i.arguments[i.arguments.length - 1]?.value ?? '');
  if (final && final.from === undefined && (final.imageResolved ?? final.image ?? '').trim().toLowerCase() === 'scratch' && copies.length > 0 && copies.every(toRoot)) {
    return 'a build image: it ends in an empty image of files copied to its root, which `docker build --output` exports, and starts no program';
  }
  const intoExport = (i: DfInstruction) => (i.keyword === 'RUN' ? EXPORT_PATH.test(i.args) : i.keyword === 'COPY' && EXPORT_PATH.test(` ${i.arguments[i.arguments.length - 1]?.value ?? ''}`));
  if (ins.some(intoExport)) return 'a build image: it writes its results to an export folder and starts no program';
  return undefined;
}

export function dockerfileWorkloads(model: DockerfileModel): Workload[] {
  const final = model.stages[model.finalStage];
  if (!final) return [];
  const w: Workload = {
    name: workloadName(model.file),
    kind: 'dockerfile',
    format: 'dockerfile',
    file: model.file,
    range: model.instructions[final.fromInstruction].range,
    extent: final.range,
  };
  const image = baseImageOf(model, model.finalStage);
  if (image) w.image = image;
  if (image && DEV_ENVIRONMENT_IMAGE.test(image)) w.roleHint = { role: 'development', reason: `builds on the development environment image ${image}` };
  else {
    const build = buildOnly(model);
    if (build) w.roleHint = { role: 'ci', reason: build };
  }
  return [w];
}

export const dockerfileModule: FormatModule<DockerfileModel> = {
  format: 'dockerfile',
  parse: parseDockerfile,
  topicAt: dockerfileTopicAt,
  workloads: dockerfileWorkloads,
};
