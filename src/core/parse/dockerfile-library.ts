// A Dockerfile read with dockerfile-ast into plain data: directives, the comments that document a
// `docker run`, and each instruction with the FROM details the stages are built from. The reference
// reading: dockerfile-reader.ts reads typical files faster into the same data and hands this module
// whatever it does not read itself.
import { DockerfileParser, From, Onbuild, type Instruction, type Flag } from 'dockerfile-ast';
import type { DfFlag, DfHeredoc, DfInstruction, DockerfileReading, FromParts } from './dockerfile-model';
import type { Pos, Range } from './types';
import { useDockerfileAstSpeedups } from './dockerfile-ast-speed';

useDockerfileAstSpeedups();

/** A comment that documents a `docker run` / `podman run` / `nerdctl run` command. */
export const RUN_COMMENT = /\b(docker|podman|nerdctl)\s+(container\s+)?run\b/;

export const rangeOf = (r: { start: Pos; end: Pos }): Range => ({
  start: { line: r.start.line, character: r.start.character },
  end: { line: r.end.line, character: r.end.character },
});

function flagOf(f: Flag): DfFlag {
  const vr = f.getValueRange();
  return {
    name: f.getName(),
    value: f.getValue(),
    range: rangeOf(f.getRange()),
    nameRange: rangeOf(f.getNameRange()),
    valueRange: vr ? rangeOf(vr) : null,
    options: f.getOptions().map((o) => {
      const ovr = o.getValueRange();
      return { name: o.getName(), value: o.getValue(), range: rangeOf(o.getRange()), nameRange: rangeOf(o.getNameRange()), valueRange: ovr ? rangeOf(ovr) : null };
    }),
  };
}

type WithFlags = Instruction & { getFlags?: () => Flag[] };
type WithHeredocs = { getHeredocs?: () => { getName(): string; getStartRange(): Range; getDelimiterRange(): Range | null; getContentRange(): Range | null }[] };

function heredocsOf(ins: Instruction): DfHeredoc[] {
  // getHeredocs is public on RUN and COPY and exists (protected) on every instruction; ADD takes heredocs too.
  const get = (ins as unknown as WithHeredocs).getHeredocs;
  if (typeof get !== 'function') return [];
  try {
    return get.call(ins).map((h) => {
      const d = h.getDelimiterRange();
      const c = h.getContentRange();
      return { name: h.getName(), startRange: rangeOf(h.getStartRange()), delimiterRange: d ? rangeOf(d) : null, contentRange: c ? rangeOf(c) : null };
    });
  } catch {
    return [];
  }
}

export const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

function instructionOf(ins: Instruction): DfInstruction {
  const keyword = (ins.getKeyword() || ins.getInstruction() || '').toUpperCase();
  const flags = typeof (ins as WithFlags).getFlags === 'function' ? (ins as WithFlags).getFlags!().map(flagOf) : [];
  const heredocs = HEREDOC_KEYWORDS.has(keyword) ? heredocsOf(ins) : [];
  const out: DfInstruction = {
    keyword,
    range: rangeOf(ins.getRange()),
    keywordRange: rangeOf(ins.getInstructionRange()),
    args: ins.getArgumentsContent() ?? '',
    arguments: ins.getArguments().map((a) => ({ value: a.getValue(), range: rangeOf(a.getRange()) })),
    flags,
    heredocs,
    continuations: [],
    stage: -1,
  };
  if (ins instanceof Onbuild) {
    const inner = ins.getTriggerInstruction();
    // The trigger shares the ONBUILD's lines; continuations belong to the outer instruction.
    if (inner) out.trigger = instructionOf(inner);
  }
  return out;
}

function fromPartsOf(ins: From): FromParts {
  const parts: FromParts = {};
  const image = ins.getImage();
  if (image) parts.image = image;
  const imageRange = ins.getImageRange();
  if (imageRange) parts.imageRange = rangeOf(imageRange);
  const platform = ins.getPlatformFlag();
  if (platform) parts.platform = { value: platform.getValue() ?? '', range: rangeOf(platform.getRange()) };
  const name = ins.getBuildStage();
  if (name) {
    parts.name = name;
    const nameRange = ins.getBuildStageRange();
    if (nameRange) parts.nameRange = rangeOf(nameRange);
  }
  return parts;
}

/** Reads a Dockerfile with dockerfile-ast. May throw on input the library cannot handle. */
export function readWithLibrary(text: string): DockerfileReading {
  const df = DockerfileParser.parse(text);
  const runComments: DockerfileReading['runComments'] = [];
  for (const c of df.getComments()) {
    const content = c.getContent();
    const r = c.getContentRange();
    if (r && RUN_COMMENT.test(content)) runComments.push({ text: content, range: rangeOf(r) });
  }
  return {
    escape: df.getEscapeCharacter() || '\\',
    directives: df.getDirectives().map((d) => ({
      name: d.getName().toLowerCase(),
      value: d.getValue(),
      range: rangeOf(d.getRange()),
      nameRange: rangeOf(d.getNameRange()),
      valueRange: rangeOf(d.getValueRange()),
    })),
    runComments,
    instructions: df.getInstructions().map((ins) => (ins instanceof From ? { ins: instructionOf(ins), from: fromPartsOf(ins) } : { ins: instructionOf(ins) })),
  };
}
