// The README's CLI examples run as written from the repository root: each `node dist/cli.js …` line
// of its sh blocks is run in this process (the CLI's main, from the current sources) in a copy of the
// repository's examples, so `fix --write` changes nothing here. Each must exit 0 and print something.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli';

const repo = join(__dirname, '..', '..', '..');

/** The words of a shell command line as sh splits them: blanks separate, quotes group, `#` starts a comment. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed quote in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) break;
    else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The `node dist/cli.js …` lines of the README's sh code blocks. */
export function readmeCliExamples(markdown: string): string[] {
  const out: string[] = [];
  for (const block of markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1].split('\n')) if (/^node dist\/cli\.js\s/.test(line)) out.push(line);
  }
  return out;
}

describe('README CLI examples', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const examples = readmeCliExamples(readme);
  let copy: string;
  const home = process.cwd();
  before(() => {
    copy = mkdtempSync(join(tmpdir(), 'readme-examples-'));
    cpSync(join(repo, 'examples'), join(copy, 'examples'), { recursive: true });
  });
  after(() => {
    process.chdir(home);
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('has examples for explain, compare, advise and fix, all on the demo workspace', () => {
    const commands = new Set(examples.map((l) => shellWords(l)[2]));
    for (const c of ['explain', 'compare', 'advise', 'fix']) assert.ok(commands.has(c), `no ${c} example`);
    for (const l of examples) {
      // The positional words: not an option, nor the value after one (boolean flags take none).
      const words = shellWords(l).slice(3);
      const flags = new Set(['--write', '--sandboxed', '--allow-incomplete']);
      const paths = words.filter((w, i) => !w.startsWith('-') && !(i > 0 && words[i - 1].startsWith('--') && !flags.has(words[i - 1]) && !words[i - 1].includes('=')));
      for (const p of paths) assert.match(p, /^examples\/demo-workspace(\/|$)/, `${l}: ${p} is not in the demo workspace`);
    }
  });

  it('reads quoted words and comments as sh does', () => {
    assert.deepEqual(shellWords(`node dist/cli.js advise x --exclude 'legacy/**' --size 5 # a comment`), ['node', 'dist/cli.js', 'advise', 'x', '--exclude', 'legacy/**', '--size', '5']);
    assert.deepEqual(shellWords('a "b c"d e\\ f'), ['a', 'b cd', 'e f']);
  });

  it('each runs from the repository root, exits 0 and prints something', async function () {
    this.timeout(120_000);
    assert.ok(examples.length >= 8, `only ${examples.length} examples found`);
    for (const line of examples) {
      const [, , ...args] = shellWords(line);
      process.chdir(copy);
      let r;
      try {
        r = await runCli(...args);
      } finally {
        process.chdir(home);
      }
      assert.equal(r.code, 0, `${line}\nexit ${r.code}\n${r.err}`);
      assert.ok((r.out + r.err).trim().length > 0, `${line} printed nothing`);
      assert.doesNotMatch(r.err, /internal error|cannot read|no such/i, line);
    }
  });
});
