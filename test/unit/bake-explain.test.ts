// `container-or-vm explain` on Docker Bake files: the hover's text from a terminal, for HCL and JSON.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bake');

/** The 1-based line of the first line matching `re`. */
function lineOf(file: string, re: RegExp): number {
  const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => re.test(l)) + 1;
  assert.ok(line > 0, `${re} in ${file}`);
  return line;
}

describe('cli explain: Docker Bake', () => {
  it('explains a target attribute of a real docker-bake.hcl: topic, 1-based line and column, cited sources', async () => {
    const file = join(fixtures, 'tuwunel', 'docker-bake.hcl');
    const line = lineOf(file, /^\s+entitlements = \["network\.host"\]/);
    const r = await runCli('explain', `${file}:${line}`, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.deepEqual([row.file, row.line, row.column, row.topic], [file, line, 5, 'bake.entitlements']);
    assert.match(row.markdown, /\*\*Container or VM\?\*\* These loosen the isolation of the \*\*build\*\*/);
    assert.ok(row.sources.length > 0);
    for (const src of row.sources) assert.deepEqual(Object.keys(src), ['doc', 'title', 'section']);
  });

  it('explains the JSON form: the topic of the key, its notes for each platform listed', async () => {
    const file = join(fixtures, 'porter', 'docker-bake.json');
    const text = readFileSync(file, 'utf8');
    const line = lineOf(file, /"platforms"/);
    const column = text.split('\n')[line - 1].indexOf('"platforms"') + 2;
    const json = await runCli('explain', `${file}:${line}:${column}`, '--format', 'json');
    assert.equal(json.code, 0, json.err);
    assert.equal(JSON.parse(json.out).topic, 'bake.platforms');
    const r = await runCli('explain', `${file}:${line}:${column}`);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^#### platforms$/m);
    assert.match(r.out, /`linux\/amd64`: x86-64: on an arm64 builder/);
    assert.match(r.out, /`linux\/arm64`: not an x86-64 platform/);
  });

  it('a line with nothing to explain in a Bake file is a clear message, not a crash', async () => {
    const file = join(fixtures, 'frappe', 'docker-bake.hcl');
    const line = lineOf(file, /^# Docker Buildx Bake/);
    const r = await runCli('explain', `${file}:${line}`);
    // Exit code 1 (nothing found), as for every format; the message names the position.
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out.trim(), `Nothing to explain at \`${file}:${line}:1\`.`);
  });
});
