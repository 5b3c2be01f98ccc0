// Two places where dockerfile-ast (0.7) does the same work many times over, replaced by equivalents
// that do it once. test/unit/dockerfile-parse.test.ts checks, on every corpus Dockerfile, that the
// model comes out identical with and without them, and that each stage gets the same comments.
//
// 1. Every parse ends by handing each comment to the build stage whose range holds it: for every comment it asks every stage for its range, and a stage's range is computed afresh
// from its instructions each time. That is comments × stages range computations: a 1 MB Dockerfile
// with a thousand stages and three thousand comments spent about 70% of its parse there (0.8 s of
// 1.1 s). The replacement below gives every comment to the same stage, computing each stage's range
// once and finding the stage by binary search (stages are in file order and do not overlap).
//
// 2. An instruction re-reads its argument text on every getArguments, getArgumentsRange,
// getArgumentsContent and getFlags call, and the instruction constructors make several such calls
// (a RUN's JSON check alone makes three). What that reading depends on (the document, the
// instruction's range and escape character) is fixed once the base constructor has run, so each
// instruction keeps its first reading. A copy is handed out each time: ModifiableInstruction.getArguments
// shifts the flags off the array it gets. About a quarter of the remaining parse time.
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import type { Pos, Range } from './types';
interface CommentLike {
  getRange(): Range;
}
interface StageLike {
  getRange(): Range | null;
  addComment(c: CommentLike): void;
}
interface DockerfileInternals {
  getComments(): CommentLike[];
  initialInstructions: StageLike;
  buildStages: StageLike[];
  organizeComments(): void;
}

/** The library's `Util.isInsideRange`: both ends included. */
function inside(p: Pos, r: Range): boolean {
  if (r.start.line === r.end.line) return p.line === r.start.line && r.start.character <= p.character && p.character <= r.end.character;
  if (p.line === r.start.line) return r.start.character <= p.character;
  if (p.line === r.end.line) return p.character <= r.end.character;
  return r.start.line < p.line && p.line < r.end.line;
}

const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character <= b.character);

function organizeComments(this: DockerfileInternals): void {
  const comments = this.getComments();
  if (comments.length === 0) return;
  const initial = this.initialInstructions.getRange();
  const stages = this.buildStages.map((stage) => ({ stage, range: stage.getRange() }));
  for (const comment of comments) {
    const range = comment.getRange();
    if (initial && inside(range.end, initial)) {
      this.initialInstructions.addComment(comment);
      continue;
    }
    // The last stage starting at or before the comment; its neighbours are checked too, as the
    // library's loop would add the comment to every stage that holds it.
    let lo = 0;
    let hi = stages.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const r = stages[mid].range;
      if (r && before(r.start, range.start)) lo = mid;
      else hi = mid - 1;
    }
    for (let k = Math.max(0, lo - 1); k <= Math.min(stages.length - 1, lo + 1); k++) {
      const r = stages[k].range;
      if (r && inside(range.start, r)) stages[k].stage.addComment(comment);
    }
  }
}

const dockerfileProto = Object.getPrototypeOf(DockerfileParser.parse('')) as DockerfileInternals;
const libraryOrganizeComments = dockerfileProto.organizeComments;

type ArgumentsReader = { getRawArguments(): unknown[] };
const instructionProto = Instruction.prototype as unknown as ArgumentsReader;
const libraryGetRawArguments = instructionProto.getRawArguments;
const readings = new WeakMap<object, unknown[]>();

function getRawArguments(this: ArgumentsReader): unknown[] {
  let args = readings.get(this);
  if (!args) {
    args = libraryGetRawArguments.call(this);
    readings.set(this, args);
  }
  return args.slice();
}

/** Installs both replacements (idempotent; `false` restores the library's own, for the equivalence test). */
export function useDockerfileAstSpeedups(on = true): void {
  dockerfileProto.organizeComments = on ? organizeComments : libraryOrganizeComments;
  instructionProto.getRawArguments = on ? getRawArguments : libraryGetRawArguments;
}
