// The overall answer as a platform engineer gives it, in the real editor: a workspace with a product
// compose file, a KubeVirt manifest under testdata/ and a Helm chart whose hostNetwork is guarded by
// a value that is off by default. The answer is the product's; the fixture is listed under tests;
// the guarded setting is no evidence.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AdviceReport } from '../../../../src/core/advisor/report';
import { extension } from '../helpers';

describe('roles and Helm charts in the report', () => {
  let r: AdviceReport;
  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await extension().activate();
    const report = await vscode.commands.executeCommand<AdviceReport | undefined>('containerOrVm.advise');
    assert.ok(report, 'the command returns the report');
    r = report;
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it("gives the product's answer, decided by the product's workloads", () => {
    assert.equal(r.overallFrom, 'product');
    assert.notEqual(r.verdict, 'vm');
    const deciders = r.decidedBy.map((i) => r.workloads[i]);
    assert.ok(deciders.length > 0);
    for (const w of deciders) assert.equal(w.role, 'product', `${w.name} decided the answer`);
    assert.ok(deciders.some((w) => w.file === 'compose.yaml' && w.name === 'web'));
  });

  it('lists the KubeVirt manifest under tests and fixtures', () => {
    const vm = r.workloads.find((w) => w.file.startsWith('testdata/'));
    assert.ok(vm, r.workloads.map((w) => w.file).join(', '));
    assert.equal(vm.kind, 'kubevirt-vm');
    assert.equal(vm.verdict, 'vm');
    assert.equal(vm.role, 'test');
  });

  it("reads the chart with its defaults: the guarded hostNetwork is not evidence", () => {
    const agent = r.workloads.find((w) => w.file === 'charts/agent/templates/deployment.yaml');
    assert.ok(agent, r.workloads.map((w) => `${w.name} ${w.file}`).join(', '));
    assert.match(agent.name, /^agent: Deployment\/release-agent$/);
    assert.ok(!agent.signals.some((s) => /host-?network/i.test(s.id)), agent.signals.map((s) => s.id).join(', '));
    assert.equal(agent.verdict, 'container');
    assert.ok(!r.notes.some((n) => n.file.startsWith('charts/agent/templates/') && /parse|YAML/i.test(n.message)), JSON.stringify(r.notes));
  });
});
