// The SARIF log against the key rules of the 2.1.0 schema that GitHub code scanning enforces.
import * as assert from 'node:assert/strict';
import { adviseFiles } from '../../src/core/advisor/advise';
import { relativeUri, toSarif, type SarifLog } from '../../src/core/advisor/sarif';
import { SIGNALS } from '../../src/core/advisor/signals';
import { FAKE_SIGNALS, fakeDeps } from './helpers/fakeFormats';

function validate(log: SarifLog): string[] {
  const errors: string[] = [];
  const need = (ok: unknown, msg: string) => {
    if (!ok) errors.push(msg);
  };
  need(log.version === '2.1.0', 'version is 2.1.0');
  need(typeof log.$schema === 'string' && /sarif-2\.1\.0/.test(log.$schema), '$schema names 2.1.0');
  need(Array.isArray(log.runs) && log.runs.length >= 1, 'runs is a non-empty array');
  for (const run of log.runs) {
    const d = run.tool?.driver;
    need(typeof d?.name === 'string' && d.name.length > 0, 'tool.driver.name');
    need(/^\d+\.\d+\.\d+/.test(d?.semanticVersion ?? ''), 'semanticVersion');
    need(/^https:\/\//.test(d?.informationUri ?? ''), 'informationUri is absolute');
    const ids = new Set<string>();
    for (const r of d.rules) {
      need(typeof r.id === 'string' && r.id !== '', 'rule id');
      need(!ids.has(r.id), `rule ${r.id} is unique`);
      ids.add(r.id);
      need(r.shortDescription?.text && r.fullDescription?.text && r.help?.text, `rule ${r.id} has descriptions and help`);
      need(Array.isArray(r.properties?.tags), `rule ${r.id} has tags`);
      need(['none', 'note', 'warning', 'error'].includes(r.defaultConfiguration.level), `rule ${r.id} level`);
    }
    for (const res of run.results) {
      need(ids.has(res.ruleId), `result's rule ${res.ruleId} is in the rules`);
      need(d.rules[res.ruleIndex]?.id === res.ruleId, `ruleIndex of ${res.ruleId} points at it`);
      need(['none', 'note', 'warning', 'error'].includes(res.level), 'result level');
      need(typeof res.message?.text === 'string' && res.message.text !== '', 'result message.text');
      need(res.locations.length >= 1, 'result has a location');
      for (const l of res.locations) {
        const a = l.physicalLocation.artifactLocation;
        need(a.uriBaseId === '%SRCROOT%', 'uriBaseId');
        need(!/^[a-z]+:|^\//i.test(a.uri) && !/[ #?]/.test(a.uri), `uri ${a.uri} is a relative reference`);
        need(Number.isInteger(l.physicalLocation.region.startLine) && l.physicalLocation.region.startLine >= 1, 'startLine >= 1');
        need(Number.isInteger(l.physicalLocation.region.startColumn) && l.physicalLocation.region.startColumn >= 1, 'startColumn >= 1');
      }
    }
  }
  return errors;
}

describe('SARIF output', () => {
  const report = adviseFiles(
    [
      { path: 'compose.yaml', text: 'service web\n  build ./app\n!t.privileged\nservice api\n  build ./app\n' },
      { path: 'app/Dockerfile', text: 'FROM x\nRUN !t.kernel-module !t.stateless\n' },
      { path: 'my folder/Dockerfile', text: 'FROM y\n' },
    ],
    { deps: fakeDeps },
  );

  it('passes the key rules of the 2.1.0 schema', () => {
    const log = toSarif(report, FAKE_SIGNALS, 'file:///work/ws');
    assert.deepEqual(validate(log), []);
    assert.equal(log.runs[0].originalUriBaseIds?.['%SRCROOT%'].uri, 'file:///work/ws/');
  });

  it('has a rule per catalogue signal, with its sources in the help', () => {
    const log = toSarif(report, FAKE_SIGNALS);
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 't.privileged')!;
    assert.equal(rule.shortDescription.text, 't.privileged');
    assert.match(rule.help.text, /Sources: Containers vs\. virtual machines, "Containers vs\. virtual machines: Isolation"/);
    assert.match(rule.help.text, /What would take it away: Drop privileged/);
    assert.ok(rule.properties.tags.includes('direction:harden'));
    const real = toSarif(report).runs[0].tool.driver.rules.map((r) => r.id);
    for (const s of SIGNALS) assert.ok(real.includes(s.id), s.id);
  });

  it('reports a shared Dockerfile line once, naming both workloads, with levels by direction', () => {
    const results = toSarif(report, FAKE_SIGNALS).runs[0].results;
    const kernel = results.filter((r) => r.ruleId === 't.kernel-module');
    assert.equal(kernel.length, 1);
    assert.deepEqual(kernel[0].properties.workloads, ['web', 'api']);
    assert.equal(kernel[0].level, 'warning');
    assert.deepEqual(kernel[0].locations[0].physicalLocation, { artifactLocation: { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 5 } });
    assert.equal(results.find((r) => r.ruleId === 't.stateless')?.level, 'note');
    const verdicts = results.filter((r) => r.ruleId === 'advisor.verdict').map((r) => r.message.text);
    assert.equal(verdicts.length, 2);
    assert.match(verdicts[0], /^web \(compose-service\): vm, confidence 0\.\d\d\. What would change it: Drop the kernel module load → container/);
  });

  it('still points every result at a rule when a signal is not in the given catalogue', () => {
    const log = toSarif(report, []);
    assert.deepEqual(validate(log), []);
  });

  it('percent-encodes file names', () => {
    assert.equal(relativeUri('my folder/Dockerfile#1'), 'my%20folder/Dockerfile%231');
  });
});
