// `container-or-vm` asked for help, or given no command: help is printed on stdout with exit code 0;
// bad usage is one line on stderr with exit code 2.
import * as assert from 'node:assert/strict';
import { runCli } from './helpers/cli';

const run = runCli;

describe('cli help and missing command', () => {
  it('no arguments: one line on stderr, exit code 2, nothing on stdout', async () => {
    const r = await run();
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.equal(r.err, 'container-or-vm: missing command (try --help)\n');
  });

  for (const flag of ['--help', '-h', 'help']) {
    it(`${flag}: the usage on stdout, exit code 0`, async () => {
      const r = await run(flag);
      assert.equal(r.code, 0);
      assert.equal(r.err, '');
      assert.match(r.out, /^usage: container-or-vm <command> \[options\]\n/);
      for (const name of ['explain', 'compare', 'advise', 'fix']) assert.match(r.out, new RegExp(`^  ${name} `, 'm'));
    });
  }

  for (const name of ['explain', 'compare', 'advise', 'fix']) {
    it(`${name} --help, ${name} -h and help ${name}: that command's usage on stdout, exit code 0`, async () => {
      for (const argv of [[name, '--help'], [name, '-h'], ['help', name], [name, '--format', 'json', '--help']]) {
        const r = await run(...argv);
        assert.equal(r.code, 0, argv.join(' '));
        assert.equal(r.err, '', argv.join(' '));
        assert.match(r.out, new RegExp(`^usage: container-or-vm ${name} `), argv.join(' '));
      }
    });
  }

  it('help for an unknown command, and --help after --, are bad usage', async () => {
    for (const argv of [['help', 'frobnicate'], ['explain', '--', '--help']]) {
      const r = await run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, /^container-or-vm: [^\n]+\n$/);
    }
  });
});
