// The Dockerfile model as plain data, and the reading both readers hand the model builder: the
// bottom of the Dockerfile modules. dockerfile-library.ts (dockerfile-ast's reading) and
// dockerfile-reader.ts (the faster one) read a text into a DockerfileReading; dockerfile-base.ts and
// dockerfile-topics.ts read a model; dockerfile.ts builds the model and is the format module. Nothing
// here imports any of them.
import type { ModelBase, Range } from './types';

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

/** What a FROM line says about its stage, as dockerfile-ast's `From` reads it. */
export interface FromParts {
  image?: string;
  imageRange?: Range;
  platform?: { value: string; range: Range };
  name?: string;
  nameRange?: Range;
  /**
   * Set instead of `imageRange` and `nameRange` when those are the ranges of the instruction's first
   * and third arguments (the faster reader's FROM): made when asked, not for every stage of a file.
   */
  rangesOfArguments?: true;
}

export interface ReadInstruction {
  /** `stage` and `continuations` are left for the model builder to fill in (-1 and []). */
  ins: DfInstruction;
  /** Present on FROM instructions. */
  from?: FromParts;
}

/** A Dockerfile as read, before stages are formed. */
export interface DockerfileReading {
  escape: string;
  directives: DfDirective[];
  runComments: { text: string; range: Range }[];
  instructions: ReadInstruction[];
}
