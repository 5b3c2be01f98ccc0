// The unified diffs `fix` prints: the hunks diff -u prints, lines as the editor counts them.
import * as assert from 'node:assert/strict';
import { changedBlocks, oldLineOf, splitLines, unifiedDiff } from '../../src/core/diff';

/** Applies a unified diff of LF text to the old text, as patch would: the new text, or an error. */
function applyDiff(oldText: string, diff: string): string {
  if (diff === '') return oldText;
  const old = splitLines(oldText);
  const lines = diff.split('\n');
  assert.equal(lines.pop(), '', 'a diff ends with a line break');
  assert.match(lines[0], /^--- /);
  assert.match(lines[1], /^\+\+\+ /);
  const out: string[] = [];
  let at = 0;
  for (let i = 2; i < lines.length; ) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i]);
    assert.ok(m, `a hunk header: ${lines[i]}`);
    const oldStart = Number(m[1]);
    const oldCount = m[2] === undefined ? 1 : Number(m[2]);
    const from = oldCount === 0 ? oldStart : oldStart - 1;
    assert.ok(from >= at, 'hunks in order, not overlapping');
    for (; at < from; at++) out.push(old[at]);
    let seenOld = 0;
    for (i++; i < lines.length && !lines[i].startsWith('@@'); i++) {
      const l = lines[i];
      if (l.startsWith('\\')) {
        assert.equal(l, '\\ No newline at end of file');
        continue;
      }
      const noBreak = lines[i + 1] === '\\ No newline at end of file';
      const text = l.slice(1) + (noBreak ? '' : '\n');
      if (l[0] === ' ' || l[0] === '-') {
        assert.equal(old[at], text, `context and removed lines match the old text at line ${at + 1}`);
        at++;
        seenOld++;
      }
      if (l[0] === ' ' || l[0] === '+') out.push(text);
    }
    assert.equal(seenOld, oldCount, 'the header counts the old lines');
  }
  for (; at < old.length; at++) out.push(old[at]);
  return out.join('');
}

describe('unified diff', () => {
  it('splits lines at LF, CRLF and a lone CR, keeping each break; a final break starts no line', () => {
    assert.deepEqual(splitLines(''), []);
    assert.deepEqual(splitLines('a'), ['a']);
    assert.deepEqual(splitLines('a\nb\r\nc\rd'), ['a\n', 'b\r\n', 'c\r', 'd']);
    assert.deepEqual(splitLines('a\n\n'), ['a\n', '\n']);
  });

  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a/x', 'b/x', 'same\n', 'same\n'), '');
    assert.equal(unifiedDiff('a/x', 'b/x', '', ''), '');
  });

  it('prints three lines of context and the ranges as diff -u does', () => {
    const old = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const neu = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    assert.equal(unifiedDiff('a/x', 'b/x', old, neu), '--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
    // One line: its number alone; none: the line before, with a count of 0.
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\n', 'b\n'), '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n');
    assert.equal(unifiedDiff('a/x', 'b/x', '', 'new\n'), '--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+new\n');
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\nb\n', 'a\n'), '--- a/x\n+++ b/x\n@@ -1,2 +1 @@\n a\n-b\n');
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\n', 'a\nb\nc\n'), '--- a/x\n+++ b/x\n@@ -1 +1,3 @@\n a\n+b\n+c\n');
  });

  it('joins changes six unchanged lines apart into one hunk and keeps seven apart in two', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `l${i + 1}`);
    const text = (ls: string[]) => ls.map((l) => l + '\n').join('');
    const six = lines.slice();
    six[2] = 'X';
    six[9] = 'Y'; // lines 4..9 unchanged between
    assert.equal((unifiedDiff('a', 'b', text(lines), text(six)).match(/^@@/gm) ?? []).length, 1);
    const seven = lines.slice();
    seven[2] = 'X';
    seven[10] = 'Y'; // lines 4..10 unchanged between
    const d = unifiedDiff('a', 'b', text(lines), text(seven));
    assert.deepEqual(d.match(/^@@.*$/gm), ['@@ -1,6 +1,6 @@', '@@ -8,7 +8,7 @@']);
  });

  it('says when a last line has no line break, on either side', () => {
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\nb', 'a\nb\n'), '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\nb', 'a\nB'), '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n');
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\nz', 'x\na\nz'), '--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n+x\n a\n z\n\\ No newline at end of file\n');
  });

  it('shows CRLF and lone-CR lines without their carriage returns, and compares them with their breaks', () => {
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\r\nb\r\n', 'a\r\nn\r\nb\r\n'), '--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\n+n\n b\n');
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\rb\r', 'a\rn\rb\r'), '--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\n+n\n b\n');
    // A line whose break alone changed is a changed line.
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\r\nb\r\n', 'a\nb\r\n'), '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n+a\n b\n');
  });

  it('reads back to the new text for random edits, shortest or past the edit bound', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let t = 0; t < 400; t++) {
      const a = Array.from({ length: rnd(40) }, () => `l${rnd(4)}`);
      const b = a.slice();
      for (let e = rnd(6); e > 0; e--) {
        const p = rnd(b.length + 1);
        const op = rnd(3);
        if (op === 0) b.splice(p, 1);
        else if (op === 1) b.splice(p, 0, `n${rnd(3)}`);
        else b[p] = `m${rnd(3)}`;
      }
      const old = a.join('\n') + (rnd(3) ? '\n' : '');
      const neu = b.join('\n') + (rnd(3) ? '\n' : '');
      assert.equal(applyDiff(old, unifiedDiff('a/x', 'b/x', old, neu)), neu, JSON.stringify([old, neu]));
      // Past the bound the middle is one replaced block: still a diff that reads back.
      const [x, y] = [splitLines(old), splitLines(neu)];
      const blocks = changedBlocks(x, y, 1);
      assert.ok(blocks.length <= 1);
      for (const bl of blocks) {
        assert.deepEqual(x.slice(0, bl.aStart), y.slice(0, bl.bStart));
        assert.deepEqual(x.slice(bl.aEnd), y.slice(bl.bEnd));
      }
    }
  });

  it('diffs a long file with changes far apart in hunks around the changes only', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i + 1}\n`);
    const neu = lines.slice();
    neu.splice(10, 0, 'inserted\n');
    neu[150_000] = 'changed\n';
    const d = unifiedDiff('a/x', 'b/x', lines.join(''), neu.join(''));
    assert.deepEqual(d.match(/^@@.*$/gm), ['@@ -8,6 +8,7 @@', '@@ -149997,7 +149998,7 @@']);
    assert.equal(applyDiff(lines.join(''), d), neu.join(''));
  });

  it('maps a line of the new text to where it stood in the old', () => {
    const old = splitLines('a\nb\nc\nd\n');
    const neu = splitLines('a\nx\ny\nb\nd\n');
    const blocks = changedBlocks(old, neu);
    const map = (l: number) => oldLineOf(blocks, l, old.length, neu.length);
    assert.deepEqual([0, 1, 2, 3, 4].map(map), [0, 1, 1, 1, 3]);
  });
});
