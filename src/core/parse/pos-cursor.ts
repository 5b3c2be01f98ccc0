// Helpers of the single-pass tree builders (the JSONC and HCL readers).
//
// Positions for a parser that asks for offsets mostly in increasing order (the JSONC and HCL readers):
// a running line counter instead of a binary search per offset, giving the same positions as
// Lines.pos. Consecutive asks for the same offset share one Pos object (nothing edits a position
// in place), which keeps a large file's tree from carrying twice the objects it needs.
import type { Lines } from './lines';
import type { Pos, Range } from './types';

export class PosCursor {
  /** The line the last position was on, its start offset, and the start of the next line (Infinity on the last). */
  private line = 0;
  private lineStart = 0;
  private nextStart: number;
  private lastOffset = -1;
  private last: Pos = { line: 0, character: 0 };

  constructor(private readonly lines: Lines) {
    this.nextStart = lines.lineCount > 1 ? lines.lineStart(1) : Infinity;
  }

  /** As Lines.pos: the offset is clamped to the text. */
  pos(offset: number): Pos {
    const o = Math.max(0, Math.min(offset, this.lines.text.length));
    if (o === this.lastOffset) return this.last;
    if (o < this.lineStart) {
      // A step back: look it up, then carry on counting from its line.
      const p = this.lines.pos(o);
      this.line = p.line;
      this.lineStart = this.lines.lineStart(p.line);
      this.nextStart = p.line + 1 < this.lines.lineCount ? this.lines.lineStart(p.line + 1) : Infinity;
    } else {
      while (o >= this.nextStart) {
        this.line++;
        this.lineStart = this.nextStart;
        this.nextStart = this.line + 1 < this.lines.lineCount ? this.lines.lineStart(this.line + 1) : Infinity;
      }
    }
    this.lastOffset = o;
    this.last = { line: this.line, character: o - this.lineStart };
    return this.last;
  }

  /** As Lines.range: an end before the start is taken as the start. */
  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(Math.max(start, end)) };
  }
}

/** `path` and one more key, in a new array of just that length (a copy grown by push keeps spare room in every node's path). */
export function pathWith(path: readonly string[], key: string): string[] {
  const n = path.length;
  const out = new Array<string>(n + 1);
  for (let i = 0; i < n; i++) out[i] = path[i];
  out[n] = key;
  return out;
}

/**
 * One string object per distinct key: a file repeats the same few dozen keys thousands of times,
 * and the tree then holds one copy of each instead of one per node.
 */
export class KeyStrings {
  private readonly seen = new Map<string, string>();

  get(key: string): string {
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    this.seen.set(key, key);
    return key;
  }

  /** The key of list item `i`: `'0'`, `'1'`, ... */
  index(i: number): string {
    return this.get(String(i));
  }
}
