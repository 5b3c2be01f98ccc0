// Offsets to (line, character) through a sorted table of line starts: every text-based parser's positions.
import type { Pos, Range } from './types';

/**
 * The text with every lone CR (classic Mac line ends) made an LF: the editor and YAML count a lone
 * CR as a line break, and the parsers and this line table then agree with them. Same length, so
 * every offset stays where it was.
 */
export function unifyLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/**
 * Where each line starts when a lone CR ends a line too, as for the editor: 0, then the offset after
 * each LF and each CR not followed by an LF. The same table as lineStarts gives for the text after
 * unifyLineBreaks, without making that copy of the text (a reader that reads line by line needs none).
 */
export function lineStartsAnyBreak(text: string): number[] {
  if (!text.includes('\r')) return lineStarts(text);
  // Counted first, then written, as lineStarts does.
  let count = 1;
  eachLineStartAfterBreak(text, () => count++);
  const starts = new Array<number>(count);
  starts[0] = 0;
  let k = 1;
  eachLineStartAfterBreak(text, (start) => (starts[k++] = start));
  return starts;
}

/**
 * Calls `at` with the offset after each line break (LF, CRLF or lone CR), in order, hopping from
 * break to break with two searches, one for LFs and one for CRs (a CRLF is counted at its LF).
 */
function eachLineStartAfterBreak(text: string, at: (start: number) => void): void {
  for (let lf = text.indexOf('\n'), cr = text.indexOf('\r'); lf !== -1 || cr !== -1; ) {
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      if (cr + 1 !== lf) at(cr + 1);
      cr = text.indexOf('\r', cr + 1);
    } else {
      at(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
}

/** Where each line of the text starts: 0, then the offset after each LF. */
export function lineStarts(text: string): number[] {
  // Counted first, then written into an array of that length: growing it by pushes copied it over
  // and over, and fresh memory is what costs most here (a 1 MB file has tens of thousands of lines).
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Array<number>(count);
  starts[0] = 0;
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/** The length of a line without its line break (LF or CRLF); 0 past the last line. */
/** The line (0-based) holding an offset, given the text's line starts. */
export function lineAtOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function lineLength(text: string, starts: number[], line: number): number {
  if (line < 0 || line >= starts.length) return 0;
  let end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end - starts[line];
}

/** Flat runs of each fill character: a blanked run is a slice of one. */
const FILLS: Record<string, string> = { _: '_'.repeat(4096), ' ': ' '.repeat(4096) };

function fillOf(ch: string, len: number): string {
  const run = FILLS[ch];
  return run && len <= run.length ? run.slice(0, len) : ch.repeat(len);
}

/**
 * The text from `from` to `to` with every character but line breaks (CR, LF) made `ch`: same length,
 * same lines. Built from flat runs, one per line: a character-by-character pattern replace over a
 * large span was most of the time of the scans that blank (a Vagrantfile's heredocs, deep JSON).
 */
export function blankedSpan(text: string, from: number, to: number, ch: string): string {
  let out = '';
  while (from < to) {
    let e = from;
    while (e < to && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    if (e > from) out += fillOf(ch, e - from);
    let b = e;
    while (b < to && (text.charCodeAt(b) === 10 || text.charCodeAt(b) === 13)) b++;
    if (b > e) out += text.slice(e, b);
    from = b;
  }
  return out;
}

export class Lines {
  /** Where each line starts (after each LF). */
  readonly starts: number[];
  /** `starts`: the text's line starts when the caller has them (lineStartsAnyBreak's, for a text with lone CRs). */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    this.starts = starts ?? lineStarts(text);
  }
  /**
   * The line of the last lookup: parsers mostly look offsets up in text order, so that line or the
   * next is tried first. A private field, so two tables of the same text compare equal.
   */
  #last = 0;
  pos(offset: number): Pos {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    for (let line = this.#last; line <= this.#last + 1 && line < starts.length; line++) {
      if (starts[line] <= o && (line + 1 === starts.length || starts[line + 1] > o)) {
        this.#last = line;
        return { line, character: o - starts[line] };
      }
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    this.#last = lo;
    return { line: lo, character: o - this.starts[lo] };
  }
  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(Math.max(start, end)) };
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** A line table whose ranges leave out trailing whitespace and line breaks, which YAML counts into a block. */
export class LineIndex extends Lines {
  override range(start: number, end: number): Range {
    let e = Math.max(start, Math.min(end, this.text.length));
    while (e > start && isSpace(this.text.charCodeAt(e - 1))) e--;
    return { start: this.pos(start), end: this.pos(e) };
  }
}
