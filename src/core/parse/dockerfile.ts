// The Dockerfile model: directives, stages and instructions with their positions, read by
// dockerfile-reader.ts (dockerfile-ast's reading, faster; dockerfile-library.ts is the library's own).
// Plain data so explain, the advisor and the CLI never touch the parser's classes.
import type { Workload } from '../advisor/types';
import type { FormatModule } from './format';
import type { ModelBase, ParseProblem, Range } from './types';
import { dockerfileTopicAt } from './dockerfile-topics';
import { baseImageOf, effectiveUser } from './dockerfile-base';
import { unifyLineBreaks } from './lines';
import { readWithLibrary, type DockerfileReading } from './dockerfile-library';
import { OffsetInstruction, readDockerfile } from './dockerfile-reader';

export interface DfFlagOption {
  name: string;
  value: string | null;
  range: Range;
  nameRange: Range;
  valueRange: Range | null;
}

export interface DfFlag {
  /** Without the leading `--`, e.g. `mount`, `platform`. */
  name: string;
  value: string | null;
  /** From `--` to the end of the value. */
  range: Range;
  nameRange: Range;
  valueRange: Range | null;
  /** `key=value` pairs of a comma-separated value (`--mount=type=cache,target=/x`). */
  options: DfFlagOption[];
}

export interface DfHeredoc {
  name: string;
  /** `<<EOF` (with `-` and quotes when written). */
  startRange: Range;
  /** The closing delimiter line, when present. */
  delimiterRange: Range | null;
  contentRange: Range | null;
}

export interface DfArgument {
  value: string;
  range: Range;
}

export interface DfInstruction {
  /** Upper-cased keyword, e.g. `RUN`; unknown keywords are kept as written, upper-cased. */
  keyword: string;
  range: Range;
  keywordRange: Range;
  /** Arguments without flags, continuation lines joined. */
  args: string;
  /** Arguments after the flags, each with its range. */
  arguments: DfArgument[];
  flags: DfFlag[];
  heredocs: DfHeredoc[];
  /** Escape characters that end a line inside this instruction (line continuations). */
  continuations: Range[];
  /** Index of the stage the instruction belongs to; -1 for ARGs before the first FROM. */
  stage: number;
  /** ONBUILD's inner instruction. */
  trigger?: DfInstruction;
}

export interface DfDirective {
  /** Lower-cased name: `syntax`, `escape`, `check`. */
  name: string;
  value: string;
  range: Range;
  nameRange: Range;
  valueRange: Range;
}

export interface DfStage {
  index: number;
  /** The `AS name` part. */
  name?: string;
  nameRange?: Range;
  /** The image reference as written (`python:3.12-slim`, `${BASE}`, or an earlier stage's name). */
  image?: string;
  imageRange?: Range;
  /** The image with the defaults of the ARGs before the first FROM filled in, when it uses them and all resolve. */
  imageResolved?: string;
  /** `--platform` value as written. */
  platform?: string;
  platformRange?: Range;
  /** Index of the earlier stage this one builds on (`FROM build`), when it does. */
  from?: number;
  /** Index of the FROM instruction in `instructions`. */
  fromInstruction: number;
  /** From the FROM line to the last line before the next FROM (or the end of the file). */
  range: Range;
}

export interface DfUser {
  value: string;
  range: Range;
  /** The stage whose USER line it is. */
  stage: number;
}

export interface DockerfileModel extends ModelBase {
  format: 'dockerfile';
  directives: DfDirective[];
  /** `\` by default, a backtick when `# escape=\`` is set (Windows files). */
  escape: string;
  stages: DfStage[];
  /** Top-level instructions in file order (ONBUILD triggers hang off their ONBUILD). */
  instructions: DfInstruction[];
  /** Index of the final stage, -1 when there is no FROM. */
  finalStage: number;
  /** The USER in force in the final stage, following `FROM <stage>` chains; null when none is set anywhere. */
  finalUser: DfUser | null;
  /**
   * Comments that show how the image is meant to be run (`# docker run --runtime=sysbox-runc …`,
   * `podman run`), as written without the `#`: the author's word on the runtime it expects.
   */
  runComments: { text: string; range: Range }[];
}

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

function parseWith(text: string, file: string, read: (text: string) => DockerfileReading): DockerfileModel {
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
    model.problems.push({ message: `could not parse: ${e instanceof Error ? e.message : String(e)}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
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
function blankLongContinuations(lines: string[], text: string, problems: ParseProblem[]): string | null {
  if (lines.length <= MAX_CONTINUED_LINES) return null;
  const escape = /^(?:[ \t]*#[^\n]*\n)*?[ \t]*#[ \t]*escape[ \t]*=[ \t]*`/i.test(text) ? '`' : '\\';
  let out: string[] | null = null;
  let run = 0;
  let first = -1;
  const report = (last: number) => {
    problems.push({
      message: `lines ${first + 1}-${last + 1} continue one instruction past ${MAX_CONTINUED_LINES} lines; their words were not read`,
      range: { start: { line: first, character: 0 }, end: { line: last, character: 0 } },
    });
    first = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const continues = endsWith(lines[i], escape);
    if (continues && run >= MAX_CONTINUED_LINES) {
      out ??= lines.slice();
      out[i] = '';
      if (first < 0) first = i;
    } else if (first >= 0) report(i - 1);
    run = continues ? run + 1 : 0;
  }
  if (first >= 0) report(lines.length - 1);
  return out ? out.join('\n') : null;
}

/** Whether the line, without trailing spaces, tabs and CRs, ends with the character. */
function endsWith(line: string, ch: string): boolean {
  let i = line.length - 1;
  for (let c = line.charCodeAt(i); c === 32 || c === 9 || c === 13; c = line.charCodeAt(--i));
  return i >= 0 && line[i] === ch;
}

/** Escape characters that end a line inside an instruction (line continuations), outside heredoc bodies and comment lines. */
/** What continuationsOf gives an instruction on one line (most are): one frozen array for all. */
const NO_RANGES: Range[] = Object.freeze([]) as unknown as Range[];

function continuationsOf(lines: string[], first: number, last: number, escape: string, heredocs: DfHeredoc[]): Range[] {
  if (first >= last) return NO_RANGES;
  const out: Range[] = [];
  const inHeredocBody = (line: number) =>
    heredocs.some((h) => line > h.startRange.start.line && line <= (h.delimiterRange?.start.line ?? last));
  const esc = escape.charCodeAt(0);
  for (let line = first; line < last; line++) {
    const text = lines[line] ?? '';
    // The last character before a CR and trailing spaces and tabs (character codes: no string copies per line).
    let ch = text.length - 1;
    if (ch >= 0 && text.charCodeAt(ch) === 13) ch--;
    while (ch >= 0 && (text.charCodeAt(ch) === 32 || text.charCodeAt(ch) === 9)) ch--;
    if (ch < 0 || text.charCodeAt(ch) !== esc || /^\s*#/.test(text) || inHeredocBody(line)) continue;
    out.push({ start: { line, character: ch }, end: { line, character: ch + 1 } });
  }
  return out;
}

function fill(model: DockerfileModel, text: string, read: (text: string) => DockerfileReading): void {
  const lines = text.split('\n');
  const reading = read(blankLongContinuations(lines, text, model.problems) ?? text);
  model.escape = reading.escape;
  model.runComments = reading.runComments;
  model.directives = reading.directives;

  const names = new Map<string, number>();
  // The ARGs before the first FROM, read once: every later FROM sees the same ones.
  let globals: Map<string, string | undefined> | undefined;
  let stage = -1;
  /** Each stage's last instruction, where the stage's range ends (before the widening below). */
  const lastOfStage: DfInstruction[] = [];
  for (const { ins: dfi, from } of reading.instructions) {
    if (from) {
      stage++;
      const { image, imageRange, platform, name, nameRange } = from;
      const st: DfStage = {
        index: stage,
        fromInstruction: model.instructions.length,
        range: { start: { ...dfi.range.start }, end: { ...dfi.range.end } },
      };
      if (image) st.image = image;
      if (image?.includes('$')) {
        globals ??= globalArgs(model.instructions);
        const resolved = substitute(image, globals);
        if (resolved !== undefined) st.imageResolved = resolved;
      }
      if (imageRange) st.imageRange = imageRange;
      if (platform) {
        st.platform = platform.value;
        st.platformRange = platform.range;
      }
      if (name) {
        st.name = name;
        if (nameRange) st.nameRange = nameRange;
      }
      // `FROM dev-${VARIANT}` names an earlier stage once its global ARGs are filled in.
      const base = isStageRef(image, names, stage) ?? isStageRef(st.imageResolved, names, stage);
      if (base !== undefined) st.from = base;
      if (name) names.set(name.toLowerCase(), stage);
      model.stages.push(st);
    }
    dfi.stage = stage;
    // The lines an instruction spans, without making its range (the reader works ranges out on request).
    const span = dfi instanceof OffsetInstruction ? dfi.lines() : { first: dfi.range.start.line, last: dfi.range.end.line };
    dfi.continuations = continuationsOf(lines, span.first, span.last, model.escape, dfi.heredocs);
    if (dfi.trigger) dfi.trigger.stage = stage;
    model.instructions.push(dfi);
    if (stage >= 0) lastOfStage[stage] = dfi;
  }
  lastOfStage.forEach((dfi, stage) => (model.stages[stage].range.end = dfi.range.end));
  // A stage runs until the line before the next FROM, so comments and blank lines in between belong to it.
  for (let i = 0; i + 1 < model.stages.length; i++) {
    const nextLine = model.stages[i + 1].range.start.line;
    const endLine = Math.max(model.stages[i].range.end.line, nextLine - 1);
    if (endLine > model.stages[i].range.end.line) model.stages[i].range.end = { line: endLine, character: (lines[endLine] ?? '').replace(/\r$/, '').length };
  }
  model.finalStage = model.stages.length - 1;
  model.finalUser = model.finalStage >= 0 ? effectiveUser(model, model.finalStage) : null;
}

/** `NAME=default` of the ARGs before the first FROM (the only ones a FROM line can use). */
function globalArgs(instructions: DfInstruction[]): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const ins of instructions) {
    if (ins.stage !== -1 || ins.keyword !== 'ARG') continue;
    for (const a of ins.arguments) {
      const eq = a.value.indexOf('=');
      const name = eq < 0 ? a.value : a.value.slice(0, eq);
      const value = eq < 0 ? undefined : a.value.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2');
      m.set(name, value);
    }
  }
  return m;
}

/** Expands `$NAME`, `${NAME}`, `${NAME:-word}`; undefined when a variable has no value. */
function substitute(text: string, vars: Map<string, string | undefined>): string | undefined {
  let missing = false;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced: string | undefined, word: string | undefined, bare: string | undefined) => {
    const v = vars.get((braced ?? bare)!);
    if (v !== undefined && v !== '') return v;
    if (word !== undefined) return word;
    missing = true;
    return '';
  });
  return missing ? undefined : out;
}

export { baseImageOf, effectiveUser };

const baseName = (p: string) => p.replace(/\\/g, '/').split('/').filter(Boolean).pop() ?? p;

function workloadName(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/').filter(Boolean);
  const name = parts[parts.length - 1] ?? file;
  if (/^(dockerfile|containerfile)$/i.test(name) && parts.length >= 2) return parts[parts.length - 2];
  return baseName(name);
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
  return [w];
}

export const dockerfileModule: FormatModule<DockerfileModel> = {
  format: 'dockerfile',
  parse: parseDockerfile,
  topicAt: dockerfileTopicAt,
  workloads: dockerfileWorkloads,
};
