// A faster reading of a Dockerfile into the same data as dockerfile-library.ts, which reads it with
// dockerfile-ast. The library builds a class per instruction and reads its arguments, flags and
// heredocs again on every question asked of it, all through line/offset conversions; a 1 MB
// Dockerfile took about 300 ms. This reader follows the library's own rules character by character
// (the parser's split into directives, comments and instructions, Instruction.getRawArguments,
// getArgumentsRanges/getArgumentsContent, getHeredocs, ModifiableInstruction.getFlags, Flag's options
// and From's image, platform and stage name) in one pass over the text, quirks included, so the model
// is the same. The functions below name the library method each one mirrors.
//
// What it does not read itself it hands to the library, in small pieces:
// - the leading comment lines, where parser directives live (`# syntax=`, `# escape=`);
// - ONBUILD instructions, each parsed by the library as a document of its own lines, the positions
//   then moved back to where the lines are.
// Should anything go wrong, the whole file is read by the library instead.
// test/unit/dockerfile-reader.test.ts holds the two readings equal over the corpus, mutated corpus
// files and random text.
import type { DfArgument, DfFlag, DfFlagOption, DfHeredoc, DfInstruction, DockerfileReading, FromParts, ReadInstruction } from './dockerfile-model';
import type { Pos, Range } from './types';
import { lineAtOffset, lineStarts } from './lines';
import { readWithLibrary, RUN_COMMENT } from './dockerfile-library';

const SP = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;

/** One argument: its value with escapes resolved, and its start and end offsets as the library's ranges give them back. */
interface Arg {
  value: string;
  start: number;
  end: number;
}

/** Keywords whose class has getFlags, and the rule that stops its flag search (ModifiableInstruction subclasses). */
const FLAG_RULES: Record<string, (value: string) => boolean> = {
  ADD: (v) => v.indexOf('--') === -1,
  COPY: (v) => v.indexOf('--') === -1,
  RUN: (v) => v.indexOf('--') === -1,
  FROM: (v) => v.indexOf('--') === -1,
  HEALTHCHECK: (v) => {
    const u = v.toUpperCase();
    return u === 'CMD' || u === 'NONE';
  },
  // JSONInstruction: no flags at all.
  CMD: () => true,
  ENTRYPOINT: () => true,
  SHELL: () => true,
  VOLUME: () => true,
};

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** The library's `Util.parseHeredocName`. */
function heredocName(value: string): string | null {
  let v = value.substring(2);
  if (v.charAt(0) === '-') v = v.substring(1);
  if (v.charAt(0) === '"') {
    if (v.charAt(v.length - 1) !== '"') return null;
    v = v.substring(1, v.length - 1);
  }
  if (v.charAt(0) === "'") {
    if (v.charAt(v.length - 1) !== "'") return null;
    v = v.substring(1, v.length - 1);
  }
  if (v.charAt(0) === '<') return null;
  return v;
}

/**
 * TextDocument's positions for one text: `positionAt` and ranges, from a table of line starts.
 * Shared by the reader and by the arguments and instructions whose ranges are worked out on request.
 */
class TextPositions {
  readonly text: string;
  readonly #len: number;
  /** Offsets where lines start (after each LF; the text has no lone CRs). */
  readonly starts: number[];
  /** Line of the last position looked up: positions are mostly asked for in file order. */
  #lastLine = 0;

  /** `starts` when the caller has the table already (lineStarts of the same text). */
  constructor(t: string, starts = lineStarts(t)) {
    this.text = t;
    this.#len = t.length;
    this.starts = starts;
  }

  lineOf(offset: number): number {
    const s = this.starts;
    const line = this.#lastLine;
    if (s[line] <= offset && (line + 1 >= s.length || s[line + 1] > offset)) return line;
    if (line + 1 < s.length && s[line + 1] <= offset && (line + 2 >= s.length || s[line + 2] > offset)) return (this.#lastLine = line + 1);
    return (this.#lastLine = lineAtOffset(s, offset));
  }

  /**
   * The offset `offsetAt(positionAt(offset))` gives back: clamped to the text, and an offset between
   * a CR and its LF moved before the CR (TextDocument keeps positions before a line's end).
   */
  norm(offset: number): number {
    const o = offset < 0 ? 0 : offset > this.#len ? this.#len : offset;
    return o > 0 && this.text.charCodeAt(o - 1) === CR && o < this.#len && this.text.charCodeAt(o) === LF ? o - 1 : o;
  }

  /** TextDocument's `positionAt`. */
  pos(offset: number): Pos {
    const o = this.norm(offset);
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line] };
  }

  /** TextDocument's `offsetAt` for the start of a line: the text's end past the last line. */
  lineStart(line: number): number {
    return line < this.starts.length ? this.starts[line] : this.#len;
  }

  range(start: number, end: number): Range {
    const s = this.norm(start);
    const sl = this.lineOf(s);
    const e = this.norm(end);
    const el = this.lineOf(e);
    // One literal for the range and its two positions: cheaper to allocate and to keep than three.
    return { start: { line: sl, character: s - this.starts[sl] }, end: { line: el, character: e - this.starts[el] } };
  }
}

/**
 * The text of a Dockerfile with what reads an instruction's arguments, flags and continuation lines
 * from it. The reader uses it as it goes; an instruction keeps it, and reads its arguments and flags
 * again only when they are asked for (see OffsetInstruction).
 */
class InstructionText extends TextPositions {
  readonly esc: number;

  constructor(
    t: string,
    readonly escape: string,
    starts?: number[],
  ) {
    super(t, starts);
    this.esc = escape.charCodeAt(0);
  }

  /** The last arguments read by rawArgumentsOf: a RUN, COPY or ADD is read for heredocs, then again when recorded. */
  private lastRead: { from: number; end: number; args: Arg[] } | null = null;

  /** The arguments of the instruction whose keyword ends at `wordEnd` and which ends at `end`. */
  rawArgumentsOf(wordEnd: number, end: number): Arg[] {
    const from = this.norm(wordEnd);
    const to = this.norm(end);
    const last = this.lastRead;
    if (last && last.from === from && last.end === to) return last.args;
    const args = this.rawArguments(from, to);
    this.lastRead = { from, end: to, args };
    return args;
  }

  /** `Instruction.getRawArguments` over the text from `from` (the keyword's end) to `end`. */
  rawArguments(from: number, end: number): Arg[] {
    const t = this.text;
    const esc = this.esc;
    const args: Arg[] = [];
    const at = (i: number) => (i < end ? t.charCodeAt(i) : -1);
    let start = false;
    let comment = false;
    let found = -1;
    // A space or tab seen inside an escaped newline sequence.
    let escapedWhitespace = false;
    // Inside an escaped newline sequence.
    let escaping = false;
    let escapeMarker = -1;
    let value = '';
    // The value is the text from `run` on plus what `value` holds before it: runs of plain characters are sliced, not built up.
    let run = -1;
    const flush = (i: number) => {
      if (run !== -1) {
        value += t.substring(run, i);
        run = -1;
      }
    };
    const push = (endAt: number) => {
      args.push({ value, start: this.norm(found), end: this.norm(endAt) });
    };
    for (let i = from; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === SP || ch === TAB || ch === CR || ch === LF) {
        flush(i);
        if (escaping) {
          escapedWhitespace = true;
          if (ch === CR || ch === LF) {
            escapedWhitespace = false;
            if (comment) {
              comment = false;
              start = true;
            }
          }
          continue;
        } else if (found !== -1) {
          push(escapeMarker === -1 ? i : escapeMarker);
          escapeMarker = -1;
          value = '';
          found = -1;
        }
      } else if (ch === esc) {
        flush(i);
        const next = at(i + 1);
        if (next === SP || next === TAB) {
          for (let j = i + 2; j < end; j++) {
            const n = t.charCodeAt(j);
            if (n === SP || n === TAB) continue;
            if (n === CR || n === LF) {
              if (n === CR) j++;
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break;
            }
            escapeMarker = i;
            if (found === -1) i = j - 1;
            break;
          }
        } else if (next === CR) {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1 && escapeMarker === -1) escapeMarker = i;
          i += 2;
        } else if (next === LF) {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1 && escapeMarker === -1) escapeMarker = i;
          i++;
        } else {
          if (escapedWhitespace && escapeMarker !== -1) {
            push(escapeMarker);
            value = '';
            found = -1;
          }
          escapeMarker = -1;
          escapedWhitespace = false;
          escaping = false;
          if (next === -1) break;
          // `\$` keeps its escape (variables are expanded later); any other escaped character stands for itself.
          value += next === 36 ? t.charAt(i) + '$' : t.charAt(i + 1);
          if (found === -1) found = i;
          i++;
        }
      } else if (!comment) {
        if (start && ch === HASH) {
          comment = true;
        } else {
          if (escapedWhitespace && escapeMarker !== -1) {
            flush(i);
            push(escapeMarker);
            value = '';
            found = -1;
          }
          escapedWhitespace = false;
          escaping = false;
          escapeMarker = -1;
          if (run === -1) run = i;
          if (found === -1) found = i;
        }
        start = false;
      }
    }
    flush(end);
    if (found !== -1) push(escapeMarker === -1 ? end : escapeMarker);
    return args;
  }

  /** `Instruction.getArgumentsContent` (with `getArgumentsRanges`): the arguments' lines joined, from the first argument's start to the last one's end. */
  argumentsContent(first: number, last: number): string {
    const t = this.text;
    if (this.lineOf(first) === this.lineOf(last)) return t.substring(first, last);
    const esc = this.esc;
    const n = last;
    let content = '';
    // Offsets of the current piece; -1 for "no piece open" (the library's null start position).
    let pieceStart = first;
    let end = -1;
    let comment = false;
    const close = () => {
      if (pieceStart !== -1) content += t.substring(pieceStart, this.norm(first + end + 1));
      pieceStart = -1;
    };
    const at = (i: number) => (i < n ? t.charCodeAt(i) : -1);
    for (let k = first; k < n; k++) {
      const ch = t.charCodeAt(k);
      if (ch === esc) {
        const next = at(k + 1);
        if (next === SP || next === TAB) {
          for (let j = k + 2; j < n; j++) {
            const m = t.charCodeAt(j);
            if (m === SP || m === TAB) continue;
            if (m === CR || m === LF) {
              if (m === CR) j++;
              close();
              comment = false;
              k = j;
            }
            break;
          }
        } else if (next === CR) {
          close();
          comment = false;
          k += 2;
        } else if (next === LF) {
          close();
          comment = false;
          k++;
        } else {
          k++;
        }
      } else if (ch === CR || ch === LF) {
        if (comment) {
          pieceStart = -1;
          comment = false;
        }
      } else if (!comment) {
        if (pieceStart === -1) {
          if (ch === HASH) {
            comment = true;
            continue;
          }
          // A piece starts at its line's start, leading whitespace included, unless the character opens the line.
          if (k > 0 && t.charCodeAt(k - 1) !== LF) pieceStart = this.starts[this.lineOf(k)];
        }
        end = k - first;
      }
    }
    if (pieceStart === -1) content += t.substring(this.norm(first + end), this.norm(first + end + 1));
    else content += t.substring(pieceStart, this.norm(first + end + 1));
    return content;
  }

  /** `ModifiableInstruction.getFlags` for one `--` argument, with `Flag`'s options. */
  flag(a: Arg): DfFlag {
    const { value } = a;
    const raw = this.text.substring(a.start, a.end);
    const nameIndex = value.indexOf('=');
    const index = raw.indexOf('=');
    let first = false;
    let second = false;
    let startIndex = -1;
    for (let i = 0; i < raw.length; i++) {
      const ch = raw.charCodeAt(i);
      if (ch === 92 || ch === SP || ch === TAB || ch === CR || ch === LF) continue;
      if (ch === 45) {
        if (second) {
          startIndex = i;
          break;
        } else if (first) second = true;
        else first = true;
        continue;
      }
      startIndex = i;
      break;
    }
    const nameStart = a.start + startIndex;
    if (index === -1) return new OffsetFlag(value.substring(2), null, [], this, a.start, a.end, nameStart, a.end, -1, -1);
    const nameEnd = a.start + index;
    if (index === value.length - 1) return new OffsetFlag(value.substring(2, index), '', [], this, a.start, a.end, nameStart, nameEnd, a.end, a.end);
    const flagValue = value.substring(nameIndex + 1);
    const valueStart = this.norm(a.start + index + 1);
    return new OffsetFlag(value.substring(2, nameIndex), flagValue, this.options(flagValue, valueStart), this, a.start, a.end, nameStart, nameEnd, valueStart, a.end);
  }

  /** The `Flag` constructor's `key=value` options, the value's characters counted from `offset`. */
  private options(value: string, offset: number): DfFlagOption[] {
    const out: DfFlagOption[] = [];
    let nameStart = -1;
    let valueStart = -1;
    let hasOptions = false;
    const option = (valueEnd: number): DfFlagOption => {
      const start = offset + nameStart;
      const end = offset + valueEnd;
      if (valueStart === -1) return new OffsetOption(value.substring(nameStart, valueEnd), null, this, start, end, start, end, -1, -1);
      return new OffsetOption(value.substring(nameStart, valueStart - 1), value.substring(valueStart, valueEnd), this, start, end, start, offset + valueStart - 1, offset + valueStart, end);
    };
    for (let i = 0; i < value.length; i++) {
      const ch = value.charCodeAt(i);
      if (ch === 61) {
        hasOptions = true;
        if (valueStart === -1) valueStart = i + 1;
      } else if (ch === 44) {
        out.push(option(i));
        nameStart = -1;
        valueStart = -1;
      } else if (nameStart === -1) nameStart = i;
    }
    if (hasOptions && nameStart !== -1) out.push(option(value.length));
    return out;
  }

  /** The `--` arguments of `raw` that `ModifiableInstruction.getFlags` takes as flags (the stop rule ends the search). */
  flagArgs(keyword: string, raw: Arg[]): Arg[] {
    const stop = FLAG_RULES[keyword];
    if (!stop) return NO_ARGS;
    let out = NO_ARGS;
    for (const a of raw) {
      if (stop(a.value)) break;
      if (a.value.indexOf('--') === 0) (out === NO_ARGS ? (out = []) : out).push(a);
    }
    return out;
  }
}

/**
 * An argument that keeps its offsets and works its range out when asked: a large Dockerfile has tens
 * of thousands of arguments, whose ranges the advisor and the hovers read only for the few they point
 * at, and the three objects of each range were a large part of the parse's allocation (and of the
 * time spent collecting it). JSON.stringify gives the same fields as for a plain argument.
 */
class OffsetArgument implements DfArgument {
  readonly #at: TextPositions;
  readonly #start: number;
  readonly #end: number;

  constructor(
    readonly value: string,
    at: TextPositions,
    start: number,
    end: number,
  ) {
    this.#at = at;
    this.#start = start;
    this.#end = end;
  }

  get range(): Range {
    return this.#at.range(this.#start, this.#end);
  }

  toJSON(): DfArgument {
    return { value: this.value, range: this.range };
  }
}

/**
 * What a flag and a flag option share: a whole range, a name and a value, kept as offsets and made
 * ranges on request (see OffsetArgument). `valueStart` is -1 where there is no value.
 */
class OffsetRanges {
  readonly #at: TextPositions;
  readonly #start: number;
  readonly #end: number;
  readonly #nameStart: number;
  readonly #nameEnd: number;
  readonly #valueStart: number;
  readonly #valueEnd: number;

  constructor(at: TextPositions, start: number, end: number, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) {
    this.#at = at;
    this.#start = start;
    this.#end = end;
    this.#nameStart = nameStart;
    this.#nameEnd = nameEnd;
    this.#valueStart = valueStart;
    this.#valueEnd = valueEnd;
  }

  get range(): Range {
    return this.#at.range(this.#start, this.#end);
  }

  get nameRange(): Range {
    return this.#at.range(this.#nameStart, this.#nameEnd);
  }

  get valueRange(): Range | null {
    return this.#valueStart < 0 ? null : this.#at.range(this.#valueStart, this.#valueEnd);
  }
}

/** A `key=value` option of a flag's value. */
class OffsetOption extends OffsetRanges implements DfFlagOption {
  constructor(
    readonly name: string,
    readonly value: string | null,
    ...offsets: ConstructorParameters<typeof OffsetRanges>
  ) {
    super(...offsets);
  }

  toJSON(): DfFlagOption {
    return { name: this.name, value: this.value, range: this.range, nameRange: this.nameRange, valueRange: this.valueRange };
  }
}

/** A `--name=value` flag. */
class OffsetFlag extends OffsetRanges implements DfFlag {
  constructor(
    readonly name: string,
    readonly value: string | null,
    readonly options: DfFlagOption[],
    ...offsets: ConstructorParameters<typeof OffsetRanges>
  ) {
    super(...offsets);
  }

  toJSON(): DfFlag {
    return { name: this.name, value: this.value, range: this.range, nameRange: this.nameRange, valueRange: this.valueRange, options: this.options };
  }
}

/** Most instructions have no flags and no heredocs: one frozen empty list each serves them all. */
const NO_FLAGS: DfFlag[] = Object.freeze([]) as unknown as DfFlag[];
const NO_HEREDOCS: DfHeredoc[] = Object.freeze([]) as unknown as DfHeredoc[];
const NO_RANGES: Range[] = Object.freeze([]) as unknown as Range[];

/** The arguments of an instruction with none: one frozen list for all. */
const NO_ARGS: Arg[] = Object.freeze([]) as unknown as Arg[];

/** A comment line, from the line's start (sticky: `lastIndex` is set to it). */
const COMMENT_LINE = /\s*#/y;

/**
 * The escape characters that end a line from `first` up to (not including) `last` of the text
 * whose lines start at `starts`: an instruction's line continuations. Comment lines and lines
 * inside a heredoc's body do not count.
 */
export function continuationsOf(text: string, starts: number[], first: number, last: number, escape: number, heredocs: DfHeredoc[]): Range[] {
  let out = NO_RANGES;
  for (let line = first; line < last && line < starts.length; line++) {
    const from = starts[line];
    // The last character before a CR and trailing spaces and tabs.
    let ch = (line + 1 < starts.length ? starts[line + 1] - 1 : text.length) - 1;
    if (ch >= from && text.charCodeAt(ch) === CR) ch--;
    while (ch >= from && (text.charCodeAt(ch) === SP || text.charCodeAt(ch) === TAB)) ch--;
    if (ch < from || text.charCodeAt(ch) !== escape) continue;
    // The escape is not blank, so the match cannot run past this line.
    COMMENT_LINE.lastIndex = from;
    if (COMMENT_LINE.test(text)) continue;
    if (heredocs.length && heredocs.some((h) => line > h.startRange.start.line && line <= (h.delimiterRange?.start.line ?? last))) continue;
    const character = ch - from;
    (out === NO_RANGES ? (out = []) : out).push({ start: { line, character }, end: { line, character: character + 1 } });
  }
  return out;
}

/**
 * An instruction kept as offsets into its text. Its range and keyword range are worked out when
 * first asked for, and then kept: a hover asks for the ranges of every instruction before the one it
 * is on. Its arguments, flags, argument text and continuation lines are read from the text when first
 * asked for: a large Dockerfile has tens of thousands of them, of which the advisor reads a few kinds
 * and a hover the ones it is on, and made up front they were most of what a parse allocated and kept.
 */
export class OffsetInstruction implements DfInstruction {
  readonly #at: InstructionText;
  readonly #start: number;
  readonly #wordEnd: number;
  readonly #end: number;
  /** Where the arguments after the flags start and end; -1 when there are none. */
  readonly #argsStart: number;
  readonly #argsEnd: number;
  readonly #flagCount: number;
  #range: Range | undefined;
  #keywordRange: Range | undefined;
  #args: string | undefined;
  #arguments: DfArgument[] | undefined;
  #flags: DfFlag[] | undefined;
  #continuations: Range[] | undefined;
  stage = -1;

  constructor(
    readonly keyword: string,
    readonly heredocs: DfHeredoc[],
    at: InstructionText,
    start: number,
    wordEnd: number,
    end: number,
    args: Arg[],
    flags: DfFlag[] | number,
  ) {
    this.#at = at;
    this.#start = start;
    this.#wordEnd = wordEnd;
    this.#end = end;
    this.#argsStart = args.length ? args[0].start : -1;
    this.#argsEnd = args.length ? args[args.length - 1].end : -1;
    if (typeof flags === 'number') this.#flagCount = flags;
    else {
      this.#flagCount = flags.length;
      this.#flags = flags;
    }
  }

  get range(): Range {
    return (this.#range ??= this.#at.range(this.#start, this.#end));
  }

  /** Its range's start, a new position (or the range's own once made). */
  startPos(): Pos {
    return this.#range?.start ?? this.#at.pos(this.#start);
  }

  /** Its range's end, a new position (or the range's own once made). */
  endPos(): Pos {
    return this.#range?.end ?? this.#at.pos(this.#end);
  }

  /** The lines of its first and last characters, without making its range. */
  lines(): { first: number; last: number } {
    return { first: this.#at.lineOf(this.#at.norm(this.#start)), last: this.#at.lineOf(this.#at.norm(this.#end)) };
  }

  get keywordRange(): Range {
    return (this.#keywordRange ??= this.#at.range(this.#start, this.#wordEnd));
  }

  get args(): string {
    return (this.#args ??= this.#argsStart < 0 ? '' : this.#at.argumentsContent(this.#argsStart, this.#argsEnd));
  }

  get arguments(): DfArgument[] {
    if (this.#arguments === undefined) {
      const at = this.#at;
      const raw = at.rawArgumentsOf(this.#wordEnd, this.#end);
      const list: DfArgument[] = [];
      for (let i = this.#flagCount; i < raw.length; i++) list.push(new OffsetArgument(raw[i].value, at, raw[i].start, raw[i].end));
      this.#arguments = list;
    }
    return this.#arguments;
  }

  get flags(): DfFlag[] {
    if (this.#flags === undefined) {
      const at = this.#at;
      this.#flags = this.#flagCount === 0 ? NO_FLAGS : at.flagArgs(this.keyword, at.rawArgumentsOf(this.#wordEnd, this.#end)).map((a) => at.flag(a));
    }
    return this.#flags;
  }

  get continuations(): Range[] {
    if (this.#continuations === undefined) {
      const { first, last } = this.lines();
      const at = this.#at;
      this.#continuations = continuationsOf(at.text, at.starts, first, last, at.esc, this.heredocs);
    }
    return this.#continuations;
  }

  /** Set by the model builder where the text read is not the file's own (long continuations blanked). */
  set continuations(ranges: Range[]) {
    this.#continuations = ranges;
  }

  toJSON(): DfInstruction {
    const { keyword, range, keywordRange, args, flags, heredocs, continuations, stage } = this;
    return { keyword, range, keywordRange, args, arguments: this.arguments, flags, heredocs, continuations, stage };
  }
}

class Reader {
  private readonly len: number;
  private readonly esc: number;
  private readonly at: InstructionText;
  readonly instructions: ReadInstruction[] = [];
  readonly runComments: DockerfileReading['runComments'] = [];

  constructor(
    private readonly t: string,
    private readonly escape: string,
    starts?: number[],
  ) {
    this.len = t.length;
    this.esc = escape.charCodeAt(0);
    this.at = new InstructionText(t, escape, starts);
  }

  /** The character code at `i`, or -1 past the end (the library's `charAt` giving ''). */
  private c(i: number): number {
    return i < this.len ? this.t.charCodeAt(i) : -1;
  }

  private lineOf(offset: number): number {
    return this.at.lineOf(offset);
  }

  private norm(offset: number): number {
    return this.at.norm(offset);
  }

  pos(offset: number): Pos {
    return this.at.pos(offset);
  }

  lineStart(line: number): number {
    return this.at.lineStart(line);
  }

  private range(start: number, end: number): Range {
    return this.at.range(start, end);
  }

  /** `Parser.parse` after the directives: comments and instructions from `offset` on. */
  read(offset: number): void {
    const t = this.t;
    for (let i = offset; i < this.len; i++) {
      const ch = t.charCodeAt(i);
      if (ch === SP || ch === TAB || ch === CR || ch === LF) continue;
      if (ch === HASH) i = this.comment(i);
      else i = this.instruction(i);
    }
  }

  /** `Parser.processComment` with `Comment.getContent`, keeping the comments that document a run command. */
  private comment(start: number): number {
    let end = this.len;
    for (let i = start + 1; i < this.len; i++) {
      const ch = this.t.charCodeAt(i);
      if (ch === CR || ch === LF) {
        end = i;
        break;
      }
    }
    const from = this.norm(start);
    const to = this.norm(end);
    let s = -1;
    for (let i = from + 1; i < to; i++) {
      if (!isSpace(this.t.charCodeAt(i))) {
        s = i;
        break;
      }
    }
    if (s !== -1) {
      let e = s + 1;
      for (let i = to - 1; i > from; i--) {
        if (!isSpace(this.t.charCodeAt(i))) {
          e = i + 1;
          break;
        }
      }
      const content = this.t.substring(s, e);
      if (RUN_COMMENT.test(content)) this.runComments.push({ text: content, range: this.range(s, e) });
    }
    return end;
  }

  /** `Parser.processInstruction`: the keyword as written, then its arguments; returns where it ends. */
  private instruction(start: number): number {
    const t = this.t;
    const esc = this.esc;
    // The keyword as read: while it is the plain run of characters from `start` to `plainEnd` (the
    // usual case) it is not built up a character at a time; an escape inside it makes it `word`.
    let word = '';
    let plain = true;
    let plainEnd = start + 1;
    const spell = () => {
      if (plain) word = t.substring(start, plainEnd);
      plain = false;
    };
    let wordEnd = -1;
    let escapedWord = false;
    check: for (let i = start + 1; i < this.len; i++) {
      const ch = t.charCodeAt(i);
      if (ch === esc) {
        escapedWord = true;
        const next = this.c(i + 1);
        if (next === CR || next === LF) {
          if (wordEnd === -1) wordEnd = i;
          i++;
        } else if (next === SP || next === TAB) {
          for (let j = i + 2; j < this.len; j++) {
            const n = t.charCodeAt(j);
            if (n === SP || n === TAB) continue;
            if (n === CR || n === LF) {
              // A keyword followed straight by an escape and blanks to the end of its line
              // (`RUN\ `): dockerfile-ast reads what follows in ways this reader does not; it reads
              // such a file itself. Written Dockerfiles have a space before the escape.
              throw new Error('keyword continued after an escape and blanks');
            }
            // An argument follows: the escape ends the keyword.
            wordEnd = i + 1;
            spell();
            word += this.escape;
            i = j - 2;
            continue check;
          }
          wordEnd = i + 1;
          spell();
          word += this.escape;
          break check;
        } else {
          wordEnd = i + 1;
          spell();
          word += this.escape;
          escapedWord = false;
        }
      } else if (ch === SP || ch === TAB) {
        if (escapedWord) {
          let j = i + 1;
          for (; j < this.len; j++) {
            const n = t.charCodeAt(j);
            if (n === SP || n === TAB) continue;
            if (n === CR || n === LF) break;
            break;
          }
          if (j < this.len && (t.charCodeAt(j) === CR || t.charCodeAt(j) === LF)) {
            i = j;
            continue check;
          }
          escapedWord = false;
        }
        if (wordEnd === -1) wordEnd = i;
        const keyword = plain ? t.substring(start, plainEnd) : word;
        const end = this.argumentsEnd(keyword, wordEnd, i);
        this.add(keyword, start, wordEnd, end);
        return end;
      } else if (ch === CR || ch === LF) {
        if (escapedWord) continue;
        this.add(plain ? t.substring(start, plainEnd) : word, start, i, i);
        return i;
      } else if (ch === HASH && escapedWord) {
        continue;
      } else {
        wordEnd = i + 1;
        if (plain && i === plainEnd) plainEnd = i + 1;
        else {
          spell();
          word += t.charAt(i);
        }
        escapedWord = false;
      }
    }
    if (wordEnd === -1) wordEnd = this.len;
    this.add(plain ? t.substring(start, plainEnd) : word, start, wordEnd, this.len);
    return this.len;
  }

  /** `Parser.processArguments`: where the instruction ends, reading comments inside its continuation lines. */
  private argumentsEnd(word: string, wordEnd: number, offset: number): number {
    const t = this.t;
    let escaped = false;
    check: for (let i = offset + 1; i < this.len; i++) {
      const ch = t.charCodeAt(i);
      if (ch === CR || ch === LF) {
        if (escaped) continue;
        return this.heredocsEnd(word, wordEnd, i);
      } else if (ch === this.esc) {
        const next = this.c(i + 1);
        if (next === LF || next === CR) {
          escaped = true;
          i++;
        } else if (next === SP || next === TAB) {
          for (let j = i + 2; j < this.len; j++) {
            const n = t.charCodeAt(j);
            if (n === SP || n === TAB) continue;
            if (n === CR || n === LF) escaped = true;
            i = j;
            continue check;
          }
          return this.len;
        }
      } else if (ch === HASH) {
        if (escaped) i = this.comment(i);
      } else if (ch !== SP && ch !== TAB) {
        escaped = false;
      }
    }
    return this.len;
  }

  /** `Parser.processHeredocs`: past the bodies of the heredocs an instruction opens on its first line. */
  private heredocsEnd(word: string, wordEnd: number, end: number): number {
    let keyword = word.toUpperCase();
    let args: Arg[];
    if (keyword === 'ONBUILD') {
      const outer = this.at.rawArguments(this.norm(wordEnd), this.norm(end));
      if (outer.length === 0) return end;
      keyword = this.t.substring(outer[0].start, outer[0].end).toUpperCase();
      if (!HEREDOC_KEYWORDS.has(keyword)) return end;
      args = this.withoutFlags(keyword, this.at.rawArguments(outer[0].end, this.norm(end)));
    } else {
      if (!HEREDOC_KEYWORDS.has(keyword)) return end;
      args = this.withoutFlags(keyword, this.at.rawArgumentsOf(wordEnd, end));
    }
    const names: string[] = [];
    let tabbed = false;
    for (const a of args) {
      if (a.value.startsWith('<<') && a.value.length > 2) {
        if (a.value.startsWith('<<-')) tabbed = true;
        const name = heredocName(a.value);
        if (name !== null) names.push(name);
      }
    }
    let offset = end;
    for (const name of names) offset = this.heredocEnd(name, offset, tabbed);
    return offset;
  }

  /** `Parser.parseHeredoc`: the end of the line that closes the heredoc. */
  private heredocEnd(name: string, offset: number, tabbed: boolean): number {
    let word = -1;
    let lineStart = true;
    for (let i = offset; i < this.len; i++) {
      const ch = this.t.charCodeAt(i);
      if (ch === SP) lineStart = false;
      else if (ch === TAB) {
        if (!tabbed) lineStart = false;
      } else if (ch === CR || ch === LF) {
        if (word !== -1 && name === this.t.substring(word, i)) return i;
        word = -1;
        lineStart = true;
      } else if (lineStart) {
        word = i;
        lineStart = false;
      }
    }
    return this.len;
  }

  /** The arguments `ModifiableInstruction.getArguments` leaves: as many dropped from the front as flags were found. */
  private withoutFlags(keyword: string, args: Arg[]): Arg[] {
    const flags = this.at.flagArgs(keyword, args).length;
    return flags ? args.slice(flags) : args;
  }

  /** Keywords as written -> upper-cased, so a file's thousands of `RUN`s share one string. */
  private readonly keywords = new Map<string, string>();

  /** Records the instruction from `start` to `end`, its keyword ending at `wordEnd`. */
  private add(word: string, start: number, wordEnd: number, end: number): void {
    let keyword = this.keywords.get(word);
    if (keyword === undefined) this.keywords.set(word, (keyword = word.toUpperCase()));
    if (keyword === 'ONBUILD') return this.addWithLibrary(start, end);
    const raw = this.at.rawArgumentsOf(wordEnd, end);
    // Arguments come after their keyword. Escapes and blanks run together in ways no Dockerfile is
    // written can make this reader place one before it; the library reads such a file itself.
    if (raw.length && raw[0].start < start) throw new Error('arguments read before their keyword');
    const flagArgs = this.at.flagArgs(keyword, raw);
    const args = flagArgs.length ? raw.slice(flagArgs.length) : raw;
    // Without an argument starting `<<` the library finds no heredocs (or fails looking, which reads as none).
    const heredocs = HEREDOC_KEYWORDS.has(keyword) && args.some((a) => a.value.startsWith('<<')) ? this.heredocs(args, start, end) : NO_HEREDOCS;
    // A FROM's flags are read now, for its platform; other instructions' when asked for.
    const flags = keyword === 'FROM' && flagArgs.length ? flagArgs.map((a) => this.at.flag(a)) : flagArgs.length;
    const ins = new OffsetInstruction(keyword, heredocs, this.at, start, wordEnd, end, args, flags);
    if (keyword !== 'FROM') {
      this.instructions.push({ ins });
      return;
    }
    // From.getImage, getImageRange, getPlatformFlag, getBuildStage and getBuildStageRange.
    // The image's and the name's ranges are those of the instruction's first and third arguments.
    const from: FromParts = { rangesOfArguments: true };
    if (args.length > 0 && args[0].value) from.image = args[0].value;
    if (typeof flags !== 'number' && flags.length === 1 && flags[0].name === 'platform') from.platform = { value: flags[0].value ?? '', range: { start: { ...flags[0].range.start }, end: { ...flags[0].range.end } } };
    if (args.length > 2 && args[1].value.toUpperCase() === 'AS') {
      const name = this.t.substring(args[2].start, args[2].end);
      if (name) from.name = name;
    }
    this.instructions.push({ ins, from });
  }

  /**
   * `Instruction.getHeredocs` for the arguments (after the flags) of the instruction from `start` to
   * `end`: each `<<NAME` on the instruction's first line with its body and closing line. Where the
   * library's reading fails (a body line with no heredoc left to hold it) it has none, as here.
   */
  private heredocs(args: Arg[], start: number, end: number): DfHeredoc[] {
    if (args.length === 0) return [];
    if (this.lineOf(this.norm(start)) === this.lineOf(this.norm(end))) return this.singleLineHeredocs(args);
    const t = this.t;
    const esc = this.esc;
    const out: DfHeredoc[] = [];
    const defs: Arg[] = [];
    let processed = false;
    let escaping = false;
    // Relative to `base`, as the library counts them.
    let contentStart = -1;
    let contentEnd = -1;
    let lineStart = -1;
    let current = 0;
    const base = args[0].start;
    const stop = this.norm(end);
    for (let k = base; k < stop; k++) {
      const ch = t.charCodeAt(k);
      const i = k - base;
      if (ch === esc) {
        escaping = true;
        let j = k + 1;
        while (j < stop && (t.charCodeAt(j) === SP || t.charCodeAt(j) === TAB)) j++;
        if (j < stop) k = t.charCodeAt(j) === CR ? j + 1 : j;
        continue;
      }
      if (ch === CR) continue;
      if (ch === LF) {
        if (escaping) continue;
        if (!processed) {
          // The first line break not escaped: the heredocs are the `<<` arguments before it.
          for (const a of args) {
            if (a.start >= k) break;
            if (a.value.startsWith('<<')) defs.push(a);
          }
          processed = true;
          lineStart = -1;
          continue;
        }
        if (contentStart === -1) contentStart = i;
        contentEnd = i;
        const arg = defs[current];
        if (!arg) return [];
        const name = this.heredocNameOf(arg);
        const delimiterRange = this.delimiter(arg, name, base + lineStart, base + i);
        if (delimiterRange !== null) {
          out.push({ name, startRange: this.range(arg.start, arg.end), delimiterRange, contentRange: this.range(base + contentStart, base + lineStart - 1) });
          contentStart = -1;
          current++;
        }
        lineStart = -1;
        continue;
      }
      if ((ch === SP || ch === TAB) && escaping) continue;
      if (ch === HASH && escaping) {
        const nl = t.indexOf('\n', k + 1);
        if (nl !== -1 && nl < stop) {
          k = nl;
          continue;
        }
      }
      escaping = false;
      if (processed) {
        if (contentStart === -1) contentStart = i;
        if (lineStart === -1) lineStart = i;
      }
    }
    if (!processed) return this.singleLineHeredocs(args);
    const arg = defs[current];
    if (!arg) return [];
    const name = this.heredocNameOf(arg);
    // The instruction's last line may be the closing line of the heredoc it is in.
    const delimiterRange = this.delimiter(arg, name, base + lineStart, stop);
    let contentRange: Range | null = null;
    if (delimiterRange === null) contentRange = this.range(base + contentStart, stop);
    else if (contentEnd !== -1) contentRange = this.range(base + contentStart, base + contentEnd);
    out.push({ name, startRange: this.range(arg.start, arg.end), delimiterRange, contentRange });
    // Heredocs never reached have no body.
    for (current++; current < defs.length; current++) {
      const a = defs[current];
      out.push({ name: this.heredocNameOf(a), startRange: this.range(a.start, a.end), delimiterRange: null, contentRange: null });
    }
    return out;
  }

  /** `Instruction.createSingleLineHeredocs`: heredocs opened on a one-line instruction, with no body. */
  private singleLineHeredocs(args: Arg[]): DfHeredoc[] {
    const out: DfHeredoc[] = [];
    for (const a of args) {
      if (a.value.startsWith('<<') && heredocName(a.value) !== null) {
        out.push({ name: this.heredocNameOf(a), startRange: this.range(a.start, a.end), delimiterRange: null, contentRange: null });
      }
    }
    return out;
  }

  /** `Instruction.getDelimiterRange`: the candidate line when it is the heredoc's closing line (tabs first for `<<-`). */
  private delimiter(arg: Arg, name: string, from: number, to: number): Range | null {
    const text = this.t.substring(this.norm(from), this.norm(to));
    if (arg.value.startsWith('<<-')) {
      let index = 0;
      while (text.charCodeAt(index) === TAB) index++;
      return text.substring(index) === name ? { start: { line: this.pos(from).line, character: index }, end: this.pos(to) } : null;
    }
    return text === name ? this.range(from, to) : null;
  }

  /** `Instruction.getName` of `getNameRange`: the heredoc's name as the library reads it from its `<<` argument. */
  private heredocNameOf(a: Arg): string {
    const t = this.t;
    const esc = this.esc;
    // getNameRange, relative to the argument's start.
    const content = t.substring(a.start, a.end);
    let endFound = false;
    let searchHyphen = false;
    let start = -1;
    let end = -1;
    let escaping = false;
    let quote = -1;
    scan: for (let i = 0; i < content.length; i++) {
      const ch = content.charCodeAt(i);
      if (ch === 34 || ch === 39) {
        if (quote === ch) break;
        quote = ch;
        continue;
      }
      if (ch === esc) {
        if (content.indexOf('\n', i + 1) !== -1) escaping = true;
        continue;
      }
      if (ch === SP || ch === TAB || ch === CR || ch === LF) continue;
      if (ch === 60) {
        if (endFound) searchHyphen = true;
        else endFound = true;
        continue;
      }
      if (ch === 45 && searchHyphen) {
        searchHyphen = false;
        continue;
      }
      if ((ch === 45 || ch === HASH) && escaping) {
        const nl = content.indexOf('\n', i + 1);
        if (nl !== -1) {
          i = nl;
          continue scan;
        }
      }
      if (start === -1) start = i;
      if (quote !== -1) {
        end = i + 1;
        continue;
      }
      break;
    }
    let from: number;
    let to: number;
    if (start === -1) from = to = a.end;
    else {
      from = this.norm(a.start + start);
      to = quote !== -1 ? this.norm(a.start + end) : a.end;
    }
    // getName over that range (substring takes a reversed range the right way round, as the library's does).
    const text = t.substring(from, to);
    let escapingName = false;
    let name = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === esc) {
        escapingName = true;
        let j = i + 1;
        while (j < text.length && (text.charCodeAt(j) === SP || text.charCodeAt(j) === TAB)) j++;
        if (j < text.length) {
          const n = text.charCodeAt(j);
          if (n === CR) i = j + 1;
          else if (n === LF) i = j;
          else {
            name += text.charAt(j);
            i = j;
          }
        }
        continue;
      }
      if (ch === HASH && escapingName) {
        const nl = text.indexOf('\n', i + 1);
        if (nl !== -1) {
          i = nl;
          continue;
        }
      }
      // After an escape, whitespace and a `#` with no line break after it are left out.
      if (escapingName && (ch === HASH || isSpace(ch))) continue;
      name += text.charAt(i);
    }
    return name;
  }

  /**
   * Reads one instruction with the library, as a document of its own lines (behind an escape
   * directive when the file sets one), and moves the positions back down to its lines.
   */
  private addWithLibrary(start: number, end: number): void {
    const first = this.lineOf(start);
    const prefix = this.escape === '\\' ? '' : `# escape=${this.escape}\n`;
    const shift = first - (prefix ? 1 : 0);
    const reading = readWithLibrary(prefix + this.t.substring(this.at.starts[first], end));
    if (reading.instructions.length !== 1) throw new Error('instruction read differently alone');
    const [read] = reading.instructions;
    moveInstruction(read.ins, shift);
    if (read.from) {
      for (const r of [read.from.imageRange, read.from.platform?.range, read.from.nameRange]) if (r) moveRange(r, shift);
    }
    this.instructions.push(read);
  }
}

const isSpace = (ch: number) => ch === SP || ch === TAB || ch === CR || ch === LF;

function moveRange(r: Range, lines: number): void {
  r.start.line += lines;
  r.end.line += lines;
}

function moveInstruction(ins: DfInstruction, lines: number): void {
  moveRange(ins.range, lines);
  moveRange(ins.keywordRange, lines);
  for (const a of ins.arguments) moveRange(a.range, lines);
  for (const f of ins.flags) {
    moveRange(f.range, lines);
    moveRange(f.nameRange, lines);
    if (f.valueRange) moveRange(f.valueRange, lines);
    for (const o of f.options) {
      moveRange(o.range, lines);
      moveRange(o.nameRange, lines);
      if (o.valueRange) moveRange(o.valueRange, lines);
    }
  }
  for (const h of ins.heredocs) {
    moveRange(h.startRange, lines);
    if (h.delimiterRange) moveRange(h.delimiterRange, lines);
    if (h.contentRange) moveRange(h.contentRange, lines);
  }
  if (ins.trigger) moveInstruction(ins.trigger, lines);
}

/**
 * The leading lines that may hold parser directives: every line up to the first that cannot be one.
 * Directives can only be there, and the library stops looking at the first line that is not one: a
 * line not starting (after spaces and tabs) with `#`, or a comment with no `=` in it. Only these
 * lines go to the library, which also reads them as comments, slowly: a 250 KB comment line of
 * `#`s at the top of a file took 50 ms.
 */
function directiveLines(text: string): string {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    let j = i;
    while (j < text.length && (text.charCodeAt(j) === SP || text.charCodeAt(j) === TAB)) j++;
    if (text.charCodeAt(j) !== HASH) return text.substring(0, i);
    const nl = text.indexOf('\n', j);
    const eq = text.indexOf('=', j);
    if (eq === -1 || (nl !== -1 && eq > nl)) return text.substring(0, i);
    if (nl === -1) return text;
    i = nl + 1;
  }
}

/**
 * Reads a Dockerfile (line breaks already unified) into the data dockerfile-library.ts's
 * `readWithLibrary` gives, without falling back: throws where `readDockerfile` would hand the file to
 * the library. Exported for the tests that check the two readings agree.
 */
export function readDockerfileFast(text: string, starts?: number[]): DockerfileReading {
  // Directives (and with them the escape character) as the library reads them, from the lines they can be on.
  const head = readWithLibrary(directiveLines(text));
  const reader = new Reader(text, head.escape, starts);
  // The library starts reading instructions on the line after as many lines as there are directives.
  const lines = head.directives.length;
  reader.read(lines > 0 ? reader.lineStart(lines) : text.charCodeAt(0) === 0xfeff ? 1 : 0);
  return { escape: head.escape, directives: head.directives, runComments: reader.runComments, instructions: reader.instructions };
}

/** Reads a Dockerfile into the data `readWithLibrary` gives, faster; the library reads it should anything go wrong. */
export function readDockerfile(text: string, starts?: number[]): DockerfileReading {
  try {
    return readDockerfileFast(text, starts);
  } catch {
    return readWithLibrary(text);
  }
}
