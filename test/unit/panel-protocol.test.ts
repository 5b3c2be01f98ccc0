import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { MAX_STORED_MARKS, parseDimensionMarks, parsePanelState, parseWebviewMessage, pathsInsideRoots } from '../../src/core/panelProtocol';

describe('panel protocol: messages from the webview', () => {
  it('accepts each well-formed message and returns a fresh copy', () => {
    const open = { type: 'openFile', file: 'svc/Dockerfile', line: 3 };
    const parsed = parseWebviewMessage(open);
    assert.deepEqual(parsed, open);
    assert.notEqual(parsed, open);
    assert.deepEqual(parseWebviewMessage({ type: 'copyMarkdown' }), { type: 'copyMarkdown' });
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'state', state: { filter: 'net', sandboxed: false, focus: 'networking' } }), {
      type: 'state',
      state: { filter: 'net', sandboxed: false, focus: 'networking' },
    });
  });

  const rejected: [string, unknown][] = [
    ['null', null],
    ['a string', 'openFile'],
    ['an array', [{ type: 'ready' }]],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
    ['a non-string type', { type: 1 }],
    ['openFile without a file', { type: 'openFile', line: 1 }],
    ['openFile without a line', { type: 'openFile', file: 'a' }],
    ['a non-string file', { type: 'openFile', file: { path: 'a' }, line: 1 }],
    ['an empty file', { type: 'openFile', file: '', line: 1 }],
    ['a huge file name', { type: 'openFile', file: 'a'.repeat(100_000), line: 1 }],
    ['a NUL in the file name', { type: 'openFile', file: 'a\0b', line: 1 }],
    ['a line given as text', { type: 'openFile', file: 'a', line: '1' }],
    ['line 0', { type: 'openFile', file: 'a', line: 0 }],
    ['a fractional line', { type: 'openFile', file: 'a', line: 1.5 }],
    ['a NaN line', { type: 'openFile', file: 'a', line: NaN }],
    ['extra fields', { type: 'ready', extra: true }],
    ['a state with a huge filter', { type: 'state', state: { filter: 'x'.repeat(100_000), sandboxed: true } }],
    ['a state with an unknown dimension', { type: 'state', state: { filter: '', sandboxed: true, focus: 'toString' } }],
    ['a state without sandboxed', { type: 'state', state: { filter: '' } }],
    ['an object with a class prototype', Object.assign(Object.create({ polluted: true }), { type: 'ready' })],
  ];
  for (const [what, message] of rejected) {
    it(`rejects ${what}`, () => assert.equal(parseWebviewMessage(message), null));
  }

  it('rejects prototype-pollution keys without polluting anything', () => {
    const hostile = [
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
      JSON.parse('{"type":"openFile","file":"a","line":1,"constructor":{"prototype":{"polluted":true}}}'),
      JSON.parse('{"type":"state","state":{"filter":"","sandboxed":true,"__proto__":{"focus":"isolation"}}}'),
    ];
    for (const m of hostile) assert.equal(parseWebviewMessage(m), null);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('restores a saved panel state only when it is well formed', () => {
    assert.deepEqual(parsePanelState({ filter: 'a', sandboxed: true }), { filter: 'a', sandboxed: true });
    assert.equal(parsePanelState(undefined), null);
    assert.equal(parsePanelState({ filter: 1, sandboxed: true }), null);
  });
});

describe('panel protocol: files the webview may open', () => {
  const root = path.resolve('/work/project');
  const other = path.resolve('/work/other');

  it('resolves relative paths against each workspace folder', () => {
    assert.deepEqual(pathsInsideRoots('svc/Dockerfile', [root, other]), [path.join(root, 'svc/Dockerfile'), path.join(other, 'svc/Dockerfile')]);
  });

  it('accepts an absolute path only inside a folder', () => {
    assert.deepEqual(pathsInsideRoots(path.join(other, 'Vagrantfile'), [root, other]), [path.join(other, 'Vagrantfile')]);
    assert.deepEqual(pathsInsideRoots(path.resolve('/etc/passwd'), [root]), []);
  });

  it('does not let .. climb out of a folder, but allows names that start with dots', () => {
    assert.deepEqual(pathsInsideRoots('../other/secret', [root]), []);
    assert.deepEqual(pathsInsideRoots('a/../../x', [root]), []);
    assert.deepEqual(pathsInsideRoots('..hidden/Dockerfile', [root]), [path.join(root, '..hidden/Dockerfile')]);
  });
});

describe('panel protocol: marks kept across a reload', () => {
  const good = { workload: 'web', verdict: 'vm', file: '/ws/web/Dockerfile', display: 'web/Dockerfile', line: 3, message: 'loads kernel modules', decided: true };

  it('reads back well-formed marks and drops malformed items and unknown dimensions', () => {
    const read = parseDimensionMarks({
      'os-kernel': [good, { ...good, line: 0 }, { ...good, decided: 'yes' }, { ...good, extra: 1 }, { ...good, file: 7 }, 'x'],
      nope: [good],
      storage: 'not a list',
    });
    assert.deepEqual(read, { 'os-kernel': [good] });
    assert.notEqual(read?.['os-kernel']?.[0], good, 'a fresh copy');
    const { decided: _d, display: _s, ...older } = good;
    assert.deepEqual(parseDimensionMarks({ security: [older] }), { security: [older] }, 'marks from before `decided` existed');
  });

  it('is null for what is not a marks object, and keeps at most the stored number per dimension', () => {
    for (const v of [undefined, null, 'x', [], 3, Object.create({ polluted: true })]) assert.equal(parseDimensionMarks(v), null);
    const many = Array.from({ length: MAX_STORED_MARKS + 5 }, (_, i) => ({ ...good, line: i + 1 }));
    assert.equal(parseDimensionMarks({ security: many })?.security?.length, MAX_STORED_MARKS);
    const polluted = JSON.parse('{"__proto__": [{"workload":"w","verdict":"vm","file":"f","line":1,"message":"m"}]}');
    assert.deepEqual(parseDimensionMarks(polluted), {});
    assert.equal(({} as Record<string, unknown>).workload, undefined);
  });
});
