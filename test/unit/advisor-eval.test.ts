import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLASSES, evaluate, formatResult, labelFiles, loadLabels, MIN_OVERALL, NONE } from '../../scripts/eval-core';
import { compileGlob } from '../../src/core/advisor/glob';
import { VERDICT_ORDER } from '../../src/core/advisor/types';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'advisor');
const ROLES = new Set(['product', 'development', 'test', 'example', 'ci', 'host']);

const walk = (dir: string, rel: string): string[] =>
  readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(dir, join(rel, e.name)) : [join(rel, e.name).replace(/\\/g, '/')]));

describe('advisor accuracy on the labelled fixtures', () => {
  const result = evaluate(FIXTURES);

  it(`agrees with the labels on at least ${100 * MIN_OVERALL}% of verdicts`, () => {
    const share = result.overall.agree / result.overall.total;
    const list = result.confusions.map((c) => `${c.case}${c.workload ? `/${c.workload}` : ''}: ${c.expected ?? NONE} -> ${c.actual ?? NONE}`).join('\n');
    assert.ok(share >= MIN_OVERALL, `overall ${(100 * share).toFixed(1)}%\n${list}`);
  });

  it('never calls a workload that needs a VM a plain container', () => {
    assert.deepEqual(result.vmAsContainer, []);
  });

  it('finds a workload in every labelled case that expects one', () => {
    assert.deepEqual(result.items.filter((i) => i.expected !== null && (i.actual === null || i.actual === 'missing')), []);
  });

  it('has at least 30 cases and 6 per verdict, each with a reason', () => {
    const labels = loadLabels(FIXTURES);
    assert.ok(Object.keys(labels).length >= 30);
    for (const v of VERDICT_ORDER) assert.ok(Object.values(labels).filter((l) => l.verdict === v).length >= 6, `fewer than 6 ${v} cases`);
    for (const [name, l] of Object.entries(labels)) {
      assert.ok(l.why.length > 20, `${name} has no reason`);
      assert.ok(existsSync(join(FIXTURES, name)), `${name} has no folder`);
      assert.ok(l.verdict === null || VERDICT_ORDER.includes(l.verdict), `${name}: ${String(l.verdict)} is no verdict`);
    }
  });

  it('has at least 6 cases of each class roles, helm, kustomize and no-evidence, and only known classes', () => {
    const labels = Object.values(loadLabels(FIXTURES));
    for (const c of ['roles', 'helm', 'kustomize', 'no-evidence']) assert.ok(labels.filter((l) => l.class?.includes(c)).length >= 6, `fewer than 6 ${c} cases`);
    for (const l of labels) for (const c of l.class ?? []) assert.ok((CLASSES as readonly string[]).includes(c), `unknown class ${c}`);
  });

  it('labels a case no-evidence exactly when it expects no workload', () => {
    for (const [name, l] of Object.entries(loadLabels(FIXTURES))) {
      assert.equal(l.class?.includes('no-evidence') ?? false, l.verdict === null, `${name}: class and verdict disagree`);
    }
  });

  it('names in each role rule a file of its case, and only known roles', () => {
    for (const [name, l] of Object.entries(loadLabels(FIXTURES))) {
      if (!l.roles) continue;
      const files = walk(join(FIXTURES, name), '');
      for (const [glob, role] of Object.entries(l.roles)) {
        assert.ok(ROLES.has(role), `${name}: ${role} is no role`);
        const m = compileGlob(glob);
        assert.ok(files.some((f) => m(f)), `${name}: ${glob} matches no file`);
      }
    }
  });

  it('records the origin of every fixture file', () => {
    const rows = readFileSync(join(FIXTURES, 'ORIGIN.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const listed = new Set(rows.map((r) => `${r[0]}/${r[1]}`));
    for (const r of rows) assert.equal(r.length, 6, `row ${r.join(' ')}`);
    for (const c of Object.keys(loadLabels(FIXTURES))) {
      for (const f of walk(join(FIXTURES, c), '')) assert.ok(listed.has(`${c}/${f}`), `${c}/${f} has no ORIGIN.tsv row`);
    }
  });

  it('prints a row per class that has cases', () => {
    const text = formatResult(result);
    for (const c of CLASSES) if (result.perClass[c]?.total) assert.match(text, new RegExp(`^${c.replace('-', '\\-')} +\\d+ / \\d+`, 'm'));
  });
});

describe('advisor eval label files', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labels-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads labels.json first and merges every other labels*.json by case', () => {
    writeFileSync(join(dir, 'labels.json'), JSON.stringify({ a: { verdict: 'vm', why: 'a VM image' } }));
    writeFileSync(join(dir, 'labels.more.json'), JSON.stringify({ a: { class: ['roles'] }, b: { verdict: null, why: 'nothing runs' } }));
    writeFileSync(join(dir, 'labels-notes.txt'), 'not a label file');
    assert.deepEqual(labelFiles(dir), ['labels.json', 'labels.more.json']);
    assert.deepEqual(loadLabels(dir), { a: { verdict: 'vm', why: 'a VM image', class: ['roles'] }, b: { verdict: null, why: 'nothing runs' } });
  });

  it('refuses two files that give one case different verdicts', () => {
    writeFileSync(join(dir, 'labels.json'), JSON.stringify({ a: { verdict: 'vm', why: 'a VM image' } }));
    writeFileSync(join(dir, 'labels.x.json'), JSON.stringify({ a: { verdict: 'container', why: 'other' } }));
    assert.throws(() => loadLabels(dir), /different|another label file/);
  });

  it('counts a case without workloads as the answer none, and a workload-less case that expects one as a miss', () => {
    mkdirCase(dir, 'empty', 'notes.txt', 'just text');
    mkdirCase(dir, 'web', 'Dockerfile', 'FROM nginx:1.27\n');
    writeFileSync(join(dir, 'labels.json'), JSON.stringify({ empty: { verdict: null, class: ['no-evidence'], why: 'only a note' }, web: { verdict: 'container', why: 'a web server' } }));
    writeFileSync(join(dir, 'labels.wrong.json'), JSON.stringify({ empty2: { verdict: 'container', why: 'should find one' } }));
    mkdirCase(dir, 'empty2', 'notes.txt', 'just text');
    const r = evaluate(dir);
    assert.deepEqual(r.items.map((i) => [i.case, i.expected, i.actual]), [['empty', null, null], ['web', 'container', 'container'], ['empty2', 'container', null]]);
    assert.deepEqual(r.perVerdict[NONE], { total: 1, agree: 1 });
    assert.deepEqual(r.perClass['no-evidence'], { total: 1, agree: 1 });
    assert.deepEqual(r.perClass['(no class)'], { total: 2, agree: 1 });
    assert.match(formatResult(r), /empty2: container -> none/);
  });
});

function mkdirCase(root: string, name: string, file: string, text: string): void {
  const d = join(root, name);
  if (!existsSync(d)) mkdirSync(d);
  writeFileSync(join(d, file), text);
}
