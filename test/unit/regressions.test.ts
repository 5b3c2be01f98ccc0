// Inputs that once crashed, hung or misbehaved, found by fuzzing or the hostile workspace. Each test
// is named after what went wrong.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseCache } from '../../src/core/cache';
import { explainAt } from '../../src/core/explain';
import { MAX_CONTINUED_LINES, parseDockerfile } from '../../src/core/parse/dockerfile';
import { cliFromSources } from '../fuzz/tree';

/** The shape make-workspace.mjs --hostile writes: one RUN continued over `n` lines. */
const longRun = (n: number, eol = '\n') => ['FROM alpine', 'RUN echo start \\', ...Array(n).fill('  && echo more \\'), '  && echo end', ''].join(eol);

describe('regressions', () => {
  describe('a 200,000-line continued RUN took over 30 seconds to parse, holding the editor', () => {
    // Without the fix this test does not finish within mocha's timeout.
    it('parses with the instruction spanning every line, and says which lines were not read', () => {
      const m = parseDockerfile(longRun(200_000), 'Dockerfile');
      assert.equal(m.instructions.length, 2);
      assert.equal(m.instructions[1].keyword, 'RUN');
      assert.deepEqual(m.instructions[1].range.end, { line: 200_002, character: '  && echo end'.length });
      assert.equal(m.problems.length, 1);
      assert.match(m.problems[0].message, /^lines 1002-200002 continue one instruction past 1000 lines/);
    });

    it('the hover on line 199,999 (through the editor parse cache) explains RUN', () => {
      const cache = new ParseCache();
      const model = cache.get('file:///w/hostile/long/Dockerfile', 1, '/w/hostile/long/Dockerfile', () => longRun(200_000, '\r\n'))!;
      const ex = explainAt(model, { line: 199_998, character: 4 }, { generic: true });
      assert.equal(ex?.topic.id, 'dockerfile.instruction.RUN');
      assert.equal(explainAt(model, { line: 200_002, character: 6 }, { generic: false })?.topic.id, 'dockerfile.instruction.RUN');
    });

    it('reads an instruction of up to MAX_CONTINUED_LINES lines in full, and what follows the long one', () => {
      const text = longRun(MAX_CONTINUED_LINES - 2) + longRun(5000).replace('FROM alpine', 'FROM debian AS two') + 'USER root\nEXPOSE 22\n';
      const m = parseDockerfile(text, 'Dockerfile');
      assert.equal(m.problems.length, 1);
      assert.equal(m.instructions[1].args.split('echo more').length - 1, MAX_CONTINUED_LINES - 2);
      assert.deepEqual(m.instructions.map((i) => i.keyword), ['FROM', 'RUN', 'FROM', 'RUN', 'USER', 'EXPOSE']);
      assert.equal(m.stages[1].name, 'two');
      assert.equal(m.finalUser?.value, 'root');
    });

    it('honours the escape directive when blanking', () => {
      const text = '# escape=`\n' + longRun(3000).replace(/\\$/gm, '`');
      const m = parseDockerfile(text, 'Dockerfile');
      assert.equal(m.escape, '`');
      assert.equal(m.instructions.length, 2);
      assert.equal(m.instructions[1].range.end.line, 3003);
    });
  });

  describe('explain on a FIFO waited forever for a writer', () => {
    it('exits 2 with one line instead', function () {
      const dir = mkdtempSync(join(tmpdir(), 'fifo-'));
      try {
        const fifo = join(dir, 'Dockerfile');
        if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
        // In a child with a time limit: the old code blocked the process reading the FIFO.
        const r = spawnSync(process.execPath, [cliFromSources(), 'explain', `${fifo}:1`], { encoding: 'utf8', timeout: 15_000 });
        assert.equal(r.signal, null, 'explain was still waiting after 15 s');
        assert.equal(r.status, 2);
        assert.equal(r.stderr, `container-or-vm: cannot read ${fifo}: not a regular file\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
