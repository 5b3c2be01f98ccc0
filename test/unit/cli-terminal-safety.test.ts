// Names and values from a workspace reach the CLI's output: no escape sequence, C1 control, bidi
// override or CR among them is written raw, in any command or format, and Markdown keeps its shape.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellCode, code, commentText, escapeText } from '../../src/core/render/markdown';
import { terminalSafe } from '../../src/core/render/terminal';
import { runCli, type CliRun } from './helpers/cli';

/** What must never reach a terminal raw: ESC, BEL, C1 CSI, RLO, CR, and the other controls terminalSafe names. */
const RAW = ['\x1b', '\x07', '\x9b', '\x85', '\u202e', '\u2066', '\u200f', '\u061c', '\r', '\x00', '\x7f', '\u2028', '\u2029', '\x0b', '\x0c'];

function assertNoRaw(r: CliRun, what: string): void {
  for (const c of RAW) {
    const at = (r.out + r.err).indexOf(c);
    assert.equal(at, -1, `${what}: U+${c.charCodeAt(0).toString(16).padStart(4, '0')} raw at ${at}: ${JSON.stringify((r.out + r.err).slice(Math.max(0, at - 30), at + 30))}`);
  }
}

/** The cells of a GFM table row: split at each `|` no backslash escapes, as GitHub and VS Code split them. */
const cellsOf = (row: string): string[] => row.split(/(?<!\\)\|/);

// An OSC 8 hyperlink, a clear-screen, a C1 CSI, a right-to-left override, a CR and a newline, table
// pipes, an HTML comment's end and a backtick.
const HOSTILE = 'evil\x1b]8;;https:x.test\x07link\x1b]8;;\x07 \x1b[2J\x9b31m\u202eRTL\r|pipe|-->\nname`tick';

describe('terminal safety of the CLI', () => {
  let dir: string;
  let dockerfile: string;
  let compose: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cov-hostile-'));
    // A Dockerfile whose folder (its workload's name) holds it all, with the same in a RUN line.
    mkdirSync(join(dir, HOSTILE));
    dockerfile = join(dir, HOSTILE, 'Dockerfile');
    writeFileSync(dockerfile, `FROM ubuntu:22.04\nUSER root\nRUN echo "${HOSTILE}"\n`);
    // A compose service whose name and image hold it through YAML's escapes (\e, \a, \x9b, \u202e, \r, \n).
    compose = join(dir, 'compose.yaml');
    writeFileSync(
      compose,
      [
        'services:',
        '  "svc\\e]8;;https:x.test\\alink\\e]8;;\\a \\e[2J\\x9b31m\\u202e\\u2066\\x85\\r|a|-->\\nb`":',
        '    image: "nginx\\e[2J|-->\\u202e"',
        '    privileged: true',
        '    cap_add: ["SYS_ADMIN\\e[2J"]',
        '',
      ].join('\n'),
    );
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('terminalSafe shows every control as a \\u escape, keeps tab and newline, and leaves JSON valid and equal', () => {
    const all = '\x00\x07\x08\x0b\x0c\r\x1b\x1f\x7f\x80\x85\x9b\x9f\u061c\u200e\u200f\u202a\u202e\u2066\u2069\u2028\u2029';
    const safe = terminalSafe(`a\t${all}\nb`);
    assert.equal(safe, 'a\t\\u0000\\u0007\\u0008\\u000b\\u000c\\u000d\\u001b\\u001f\\u007f\\u0080\\u0085\\u009b\\u009f\\u061c\\u200e\\u200f\\u202a\\u202e\\u2066\\u2069\\u2028\\u2029\nb');
    // Plain text, accents, emoji and other scripts are left alone.
    assert.equal(terminalSafe('héllo → 日本 🐳 \u00a0x'), 'héllo → 日本 🐳 \u00a0x');
    const value = { name: `x${all}"\\y`, list: [all] };
    assert.deepEqual(JSON.parse(terminalSafe(JSON.stringify(value, null, 2))), value);
  });

  it('Markdown helpers: names fold their line breaks, cells escape pipes, comments cannot be ended', () => {
    assert.equal(escapeText('a\nb\r\nc\rd\u2028e'), 'a b c d e');
    assert.equal(escapeText('a|b'), 'a\\|b');
    assert.equal(cellCode('x|y\\|z'), '`x\\|y\\\\|z`');
    assert.equal(code('a ` b\nc'), '``a ` b c``');
    assert.equal(commentText('a-->b\nc\rd--->e--!>'), 'a-\\->b\\nc\\rd-\\-\\->e-\\-!>');
    assert.ok(!commentText('x--->y').includes('--'));
  });

  it('advise: no raw control in any format; JSON and SARIF parse and keep the names; Markdown keeps its table and headings', async () => {
    const help = await runCli('advise', '--help');
    const formats = /--format ([a-z|]+)/.exec(help.out)![1].split('|');
    assert.ok(formats.includes('json') && formats.includes('markdown') && formats.includes('sarif') && formats.includes('text'), help.out);
    for (const format of formats) {
      const r = await runCli('advise', dir, '--format', format);
      assert.equal(r.code, 0, `${format}: ${r.err}`);
      assertNoRaw(r, `advise --format ${format}`);
      if (format === 'json') {
        const report = JSON.parse(r.out);
        const names = report.workloads.map((w: { name: string }) => w.name).sort();
        assert.equal(names.length, 2);
        assert.ok(names.some((n: string) => n === HOSTILE), `the Dockerfile's folder name comes back whole: ${JSON.stringify(names)}`);
        assert.ok(names.some((n: string) => n.startsWith('svc\x1b]8;;') && n.includes('\u202e\u2066\x85\r|a|-->\nb`')), JSON.stringify(names));
      }
      if (format === 'sarif') {
        const sarif = JSON.parse(r.out);
        const text = JSON.stringify(sarif);
        assert.ok(text.includes('\\u001b[2J') || text.includes('\\u001b'), 'the escapes decode to the characters the files hold');
        assert.ok(sarif.runs[0].results.length > 0);
      }
      if (format === 'markdown') {
        const lines = r.out.split('\n');
        const header = lines.findIndex((l) => l.startsWith('| Workload'));
        assert.ok(header >= 0, r.out);
        const width = cellsOf(lines[header]).length;
        const rows: string[] = [];
        for (let i = header + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
        assert.equal(rows.length, 2, 'one row per workload, none split by a newline');
        for (const row of rows) assert.equal(cellsOf(row).length, width, row);
        assert.equal(lines.filter((l) => l.startsWith('<details><summary>')).length, 2, 'one folded section per workload');
        // Every list item and heading holds its own text: no line of a name begins a block of its own.
        assert.ok(!lines.some((l) => l.startsWith('name`tick') || l.startsWith('b`')), r.out);
      }
      if (format === 'text') {
        assert.ok(r.out.includes('\\u001b]8;;https:x.test\\u0007link'), 'the OSC 8 link is shown, not made');
        assert.ok(r.out.includes('\\u202e') && r.out.includes('\\u009b'));
      }
    }
  });

  it('explain: Markdown and JSON of hostile lines and file names, one comment per position that the name cannot end', async () => {
    const md = await runCli('explain', `${dockerfile}:2`, `${dockerfile}:3`, `${compose}:2`, `${compose}:3`);
    assertNoRaw(md, 'explain markdown');
    assert.equal(md.err, '');
    // Four separators, each one line: `<!-- ` at the start, the only `-->` at its end (a `-->` in the
    // explained line's code span ends nothing: only a comment can be ended).
    const comments = md.out.split('\n').filter((l) => l.includes('<!--'));
    assert.equal(comments.length, 4, md.out);
    for (const c of comments) {
      assert.ok(c.startsWith('<!-- ') && c.endsWith(' -->'), c);
      assert.equal(c.indexOf('-->'), c.length - 3, c);
    }
    const json = await runCli('explain', `${dockerfile}:3`, `${compose}:2`, `${compose}:3`, '--format', 'json');
    assertNoRaw(json, 'explain json');
    const rows = json.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 3);
    assert.equal(rows[0].file, dockerfile, 'the file name decodes to what was asked');
    assert.equal(rows[0].topic, 'dockerfile.instruction.RUN');
  });

  it('explain: nothing to explain at a hostile name, and errors quoting one, stay one safe line', async () => {
    const comment = join(dir, HOSTILE, 'Dockerfile.comment');
    writeFileSync(comment, '# only a comment\nFROM x\n');
    const nothing = await runCli('explain', `${comment}:1`);
    assert.equal(nothing.code, 1);
    assertNoRaw(nothing, 'nothing to explain');
    assert.equal(nothing.out.trim().split('\n').length, 1, nothing.out);
    for (const argv of [
      ['explain', `${join(dir, HOSTILE, 'missing')}:1`],
      ['explain', `${dockerfile}:99`],
      ['advise', join(dir, HOSTILE, 'missing')],
      [`no-such-command${HOSTILE}`],
      ['help', HOSTILE],
      ['explain', HOSTILE],
    ]) {
      const r = await runCli(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assertNoRaw(r, argv.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, /^container-or-vm: /);
    }
  });

  it('compare and every other command listed by --help write no raw control, even when handed hostile paths', async () => {
    for (const format of ['markdown', 'json']) {
      const r = await runCli('compare', '--format', format);
      assert.equal(r.code, 0);
      assertNoRaw(r, `compare ${format}`);
      if (format === 'json') JSON.parse(r.out);
    }
    const help = await runCli('--help');
    const names = [...help.out.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]);
    assert.ok(names.includes('explain') && names.includes('advise') && names.includes('compare'), help.out);
    // Whatever a command makes of a hostile file or folder (a command added later included), what it
    // prints and every message quoting the name stays inert.
    for (const name of names) {
      for (const arg of [dockerfile, join(dir, HOSTILE), compose]) {
        const r = await runCli(name, arg);
        assertNoRaw(r, `${name} ${JSON.stringify(arg)}`);
      }
    }
  });
});
