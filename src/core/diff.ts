// Unified diffs of two texts, line by line, as `diff -u` prints them: `---`/`+++` headers, `@@` hunks
// with three lines of context, `\ No newline at end of file` after a last line that has no line
// break. Lines end at LF, CRLF or a lone CR, as in the parser and the editor; they are compared with
// their line breaks, so a line whose break alone changed shows as changed, and printed without
// them (a terminal would show a carriage return as an escape). Pure: text in, text out.
//
// The texts a fix leaves differ from the original in a few lines: the lines both share at the start
// and at the end are set aside first, and what is left between is diffed with Myers' algorithm up to
// MAX_EDITS differing lines; past that the rest is shown as one replaced block (a correct diff, not
// the shortest), so a file rewritten from end to end costs linear time and memory.

/** Differing lines past which the middle is shown as one replaced block. */
const MAX_EDITS = 1000;

/** A text's lines, each with its line break ('' for a last line without one). A final line break starts no line. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** A line without its line break. */
function bare(line: string): string {
  if (line.endsWith('\r\n')) return line.slice(0, -2);
  if (line.endsWith('\n') || line.endsWith('\r')) return line.slice(0, -1);
  return line;
}

const hasBreak = (line: string) => line.endsWith('\n') || line.endsWith('\r');

/** Lines aStart..aEnd of the old text replaced by lines bStart..bEnd of the new one (0-based, ends excluded). */
export interface ChangedBlock {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** The blocks in which two lists of lines differ, in order; none when they are equal. */
export function changedBlocks(a: readonly string[], b: readonly string[], maxEdits = MAX_EDITS): ChangedBlock[] {
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++;
  let aHi = a.length;
  let bHi = b.length;
  while (aHi > lo && bHi > lo && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
  }
  if (lo === aHi && lo === bHi) return [];
  if (lo === aHi || lo === bHi) return [{ aStart: lo, aEnd: aHi, bStart: lo, bEnd: bHi }];
  return myers(a, b, lo, aHi, lo, bHi, maxEdits) ?? [{ aStart: lo, aEnd: aHi, bStart: lo, bEnd: bHi }];
}

/**
 * Myers' O((N+M)D) shortest edit script between a[a0..a1) and b[b0..b1), as changed blocks; undefined
 * when it takes more than maxEdits insertions and deletions. Keeps the furthest-reaching paths of every
 * step (d + 1 numbers at step d), so memory is O(D²).
 */
function myers(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, maxEdits: number): ChangedBlock[] | undefined {
  const n = a1 - a0;
  const m = b1 - b0;
  const max = Math.min(n + m, maxEdits);
  // v[k + max]: the furthest x on diagonal k (y = x - k) reached with d edits.
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  const off = max + 1;
  let found = -1;
  for (let d = 0; d <= max; d++) {
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      next[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(v.slice(off - d - 1, off + d + 2));
    v = next;
    if (found >= 0) break;
  }
  if (found < 0) return undefined;
  // Walk back from (n, m): each step is one insertion or deletion after a run of equal lines.
  const edits: { x: number; y: number; del: boolean }[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]; // the paths after d - 1 edits, indexed k + d + 1
    const at = (k: number) => prev[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    // The snake from the edit's end to (x, y) is equal lines; the edit itself:
    if (down) edits.push({ x: px, y: py, del: false });
    else edits.push({ x: px, y: py, del: true });
    x = px;
    y = py;
  }
  edits.reverse();
  // Runs of edits with no equal line between them make one block.
  const blocks: ChangedBlock[] = [];
  for (const e of edits) {
    const ax = a0 + e.x;
    const by = b0 + e.y;
    const last = blocks[blocks.length - 1];
    if (last && last.aEnd === ax && last.bEnd === by) {
      if (e.del) last.aEnd++;
      else last.bEnd++;
    } else blocks.push({ aStart: ax, aEnd: ax + (e.del ? 1 : 0), bStart: by, bEnd: by + (e.del ? 0 : 1) });
  }
  return blocks;
}

/** Where line `line` (0-based) of the new text stood in the old one; a changed line maps to where its block began. */
export function oldLineOf(blocks: readonly ChangedBlock[], line: number, oldLength: number, newLength: number): number {
  for (const bl of blocks) {
    if (line < bl.bStart) return line - bl.bStart + bl.aStart;
    if (line < bl.bEnd) return bl.aStart;
  }
  return line + oldLength - newLength;
}

export interface UnifiedDiffOptions {
  /** Lines of context around each change; 3 when absent. */
  context?: number;
}

/** `@@` ranges as diff prints them: `start,count`, `start` alone for one line, the line before for none. */
function range(start: number, count: number): string {
  if (count === 1) return String(start + 1);
  return `${count === 0 ? start : start + 1},${count}`;
}

/**
 * The unified diff from `oldText` (named `oldName`) to `newText` (`newName`); '' when they are equal.
 * Every line of it ends with '\n', the last included.
 */
export function unifiedDiff(oldName: string, newName: string, oldText: string, newText: string, options: UnifiedDiffOptions = {}): string {
  if (oldText === newText) return '';
  const context = Math.max(0, options.context ?? 3);
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const blocks = changedBlocks(a, b);
  if (blocks.length === 0) return '';
  const out: string[] = [`--- ${oldName}\n`, `+++ ${newName}\n`];
  const put = (mark: string, line: string, isLast: boolean) => {
    out.push(`${mark}${bare(line)}\n`);
    if (isLast && !hasBreak(line)) out.push('\\ No newline at end of file\n');
  };
  let i = 0;
  while (i < blocks.length) {
    // Blocks whose context touches or overlaps join one hunk.
    let j = i;
    while (j + 1 < blocks.length && blocks[j + 1].aStart - blocks[j].aEnd <= 2 * context) j++;
    const aFrom = Math.max(0, blocks[i].aStart - context);
    const bFrom = blocks[i].bStart - (blocks[i].aStart - aFrom);
    const aTo = Math.min(a.length, blocks[j].aEnd + context);
    const bTo = blocks[j].bEnd + (aTo - blocks[j].aEnd);
    out.push(`@@ -${range(aFrom, aTo - aFrom)} +${range(bFrom, bTo - bFrom)} @@\n`);
    let ax = aFrom;
    for (let k = i; k <= j; k++) {
      const bl = blocks[k];
      for (; ax < bl.aStart; ax++) put(' ', a[ax], ax === a.length - 1);
      for (let x = bl.aStart; x < bl.aEnd; x++) put('-', a[x], x === a.length - 1);
      for (let y = bl.bStart; y < bl.bEnd; y++) put('+', b[y], y === b.length - 1);
      ax = bl.aEnd;
    }
    for (; ax < aTo; ax++) put(' ', a[ax], ax === a.length - 1);
    i = j + 1;
  }
  return out.join('');
}
