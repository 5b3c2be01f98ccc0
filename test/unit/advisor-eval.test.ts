import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, loadLabels, MIN_OVERALL } from '../../scripts/eval-core';
import { VERDICT_ORDER } from '../../src/core/advisor/types';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'advisor');

describe('advisor accuracy on the labelled fixtures', () => {
  const result = evaluate(FIXTURES);

  it(`agrees with the labels on at least ${100 * MIN_OVERALL}% of verdicts`, () => {
    const share = result.overall.agree / result.overall.total;
    const list = result.confusions.map((c) => `${c.case}${c.workload ? `/${c.workload}` : ''}: ${c.expected} -> ${c.actual}`).join('\n');
    assert.ok(share >= MIN_OVERALL, `overall ${(100 * share).toFixed(1)}%\n${list}`);
  });

  it('never calls a workload that needs a VM a plain container', () => {
    assert.deepEqual(result.vmAsContainer, []);
  });

  it('finds a workload in every labelled case', () => {
    assert.deepEqual(result.items.filter((i) => i.actual === 'missing'), []);
  });

  it('has at least 30 cases and 6 per verdict, each with a reason', () => {
    const labels = loadLabels(FIXTURES);
    assert.ok(Object.keys(labels).length >= 30);
    for (const v of VERDICT_ORDER) assert.ok(Object.values(labels).filter((l) => l.verdict === v).length >= 6, `fewer than 6 ${v} cases`);
    for (const [name, l] of Object.entries(labels)) {
      assert.ok(l.why.length > 20, `${name} has no reason`);
      assert.ok(existsSync(join(FIXTURES, name)), `${name} has no folder`);
    }
  });

  it('records the origin of every fixture file', () => {
    const rows = readFileSync(join(FIXTURES, 'ORIGIN.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const listed = new Set(rows.map((r) => `${r[0]}/${r[1]}`));
    for (const r of rows) assert.equal(r.length, 6, `row ${r.join(' ')}`);
    const walk = (dir: string, rel: string): string[] =>
      readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(dir, join(rel, e.name)) : [join(rel, e.name).replace(/\\/g, '/')]));
    for (const c of Object.keys(loadLabels(FIXTURES))) {
      for (const f of walk(join(FIXTURES, c), '')) assert.ok(listed.has(`${c}/${f}`), `${c}/${f} has no ORIGIN.tsv row`);
    }
  });
});
