// The SARIF log against the key rules of the 2.1.0 schema that GitHub code scanning enforces.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseFiles } from '../../src/core/advisor/advise';
import { FINGERPRINT_KEY, relativeUri, toSarif, type SarifLog, type SarifResult } from '../../src/core/advisor/sarif';
import { SIGNALS } from '../../src/core/advisor/signals';
import { FAKE_SIGNALS, fakeDeps } from './helpers/fakeFormats';

const root = join(__dirname, '..', '..', '..');
const signalsDoc = readFileSync(join(root, 'docs', 'signals.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository: { url: string } };

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
      need(/^https:\/\/[^\s]+$/.test(r.helpUri) && r.helpUri.startsWith(pkg.repository.url + '/'), `rule ${r.id} helpUri ${r.helpUri} is on the repository`);
      const sev = r.properties['security-severity'];
      if (sev !== undefined) need(typeof sev === 'string' && /^\d+(\.\d)?$/.test(sev) && Number(sev) >= 0 && Number(sev) <= 10, `rule ${r.id} security-severity ${sev} is a number string 0.0-10.0`);
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
      const fp = res.partialFingerprints ?? {};
      need(Object.keys(fp).length >= 1 && Object.values(fp).every((v) => typeof v === 'string' && v !== ''), `result of ${res.ruleId} has partialFingerprints of strings`);
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

  it('has a rule per catalogue signal that asks for a change, with its sources in the help', () => {
    const log = toSarif(report, FAKE_SIGNALS);
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 't.privileged')!;
    assert.equal(rule.shortDescription.text, 't.privileged');
    assert.match(rule.help.text, /Sources: Containers vs\. virtual machines, "Containers vs\. virtual machines: Isolation"/);
    assert.match(rule.help.text, /What would take it away: Drop privileged/);
    assert.ok(rule.properties.tags.includes('direction:harden'));
    const ids = log.runs[0].tool.driver.rules.map((r) => r.id);
    assert.ok(!ids.includes('t.stateless') && !ids.includes('t.healthcheck'), 'no rule for evidence that only confirms a container fits');
    const real = toSarif(report).runs[0].tool.driver.rules.map((r) => r.id);
    for (const s of SIGNALS) assert.equal(real.includes(s.id), s.direction !== 'container', s.id);
  });

  it("points each rule at its own entry in docs/signals.md, and gives hardening rules a security-severity", () => {
    const rules = toSarif(adviseFiles([{ path: 'compose.yaml', text: 'services:\n  web:\n    image: nginx\n    privileged: true\n' }])).runs[0].tool.driver.rules;
    assert.equal(rules.length, 1 + SIGNALS.filter((s) => s.direction !== 'container').length);
    const uris = new Set<string>();
    for (const r of rules) {
      assert.ok(!uris.has(r.helpUri), `${r.id} shares its helpUri`);
      uris.add(r.helpUri);
      if (r.id === 'advisor.verdict') continue;
      assert.equal(r.helpUri, `${pkg.repository.url}/blob/main/docs/signals.md#${r.id}`);
      assert.ok(signalsDoc.includes(`<a id="${r.id}"></a>`), `docs/signals.md has no anchor for ${r.id}`);
      const signal = SIGNALS.find((s) => s.id === r.id)!;
      if (signal.direction === 'harden') {
        assert.equal(r.properties['security-severity'], (Math.round(signal.weight * 100) / 10).toFixed(1), r.id);
        assert.ok(r.properties.tags.includes('security'), r.id);
      } else assert.equal(r.properties['security-severity'], undefined, r.id);
    }
    const privileged = rules.find((r) => r.id === 'hardening.privileged')!;
    assert.equal(privileged.properties['security-severity'], '9.0');
    assert.ok(signalsDoc.includes('Security severity in SARIF: 9.0'), 'docs/signals.md states the severity');
  });

  it('reports a shared Dockerfile line once, naming both workloads, and only what asks for a change', () => {
    const results = toSarif(report, FAKE_SIGNALS).runs[0].results;
    const kernel = results.filter((r) => r.ruleId === 't.kernel-module');
    assert.equal(kernel.length, 1);
    assert.deepEqual(kernel[0].properties.workloads, ['web', 'api']);
    assert.equal(kernel[0].level, 'warning');
    assert.deepEqual(kernel[0].locations[0].physicalLocation, { artifactLocation: { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 5 } });
    assert.equal(results.find((r) => r.ruleId === 't.privileged')?.level, 'warning');
    assert.equal(results.find((r) => r.ruleId === 't.stateless'), undefined, 'cloud-native evidence is not a result');
    for (const r of results) assert.notEqual(r.properties.direction, 'container');
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

describe('SARIF fingerprints', () => {
  const compose = (before: string, between: string) =>
    `services:\n${before}  web:\n    image: nginx:1.27\n    privileged: true\n${between}  agent:\n    image: example/agent:1\n    privileged: true\n    network_mode: host\n`;
  const sarifOf = (text: string) => {
    const files = [{ path: 'compose.yaml', text }];
    const r = adviseFiles(files);
    return toSarif(r, undefined, undefined, (f) => files.find((x) => x.path === f)?.text);
  };
  const prints = (results: SarifResult[], rule: string) => results.filter((r) => r.ruleId === rule).map((r) => [r.properties.workloads.join(','), r.partialFingerprints[FINGERPRINT_KEY], r.locations[0].physicalLocation.region.startLine] as const);

  it('do not change when unrelated lines move, while the line numbers do', () => {
    const a = sarifOf(compose('', ''));
    const b = sarifOf(compose('  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n', '  cache:\n    image: redis:7\n'));
    assert.deepEqual(validate(a), []);
    const pa = prints(a.runs[0].results, 'hardening.privileged');
    const pb = prints(b.runs[0].results, 'hardening.privileged');
    assert.equal(pa.length, 2);
    assert.deepEqual(pa.map(([w, f]) => [w, f]), pb.map(([w, f]) => [w, f]), 'the same fingerprints');
    assert.notDeepEqual(pa.map(([, , l]) => l), pb.map(([, , l]) => l), 'the lines did move');
    // The two equal `privileged: true` lines are told apart by their order, not their line numbers.
    assert.notEqual(pa[0][1], pa[1][1]);
    assert.deepEqual(prints(a.runs[0].results, 'hardening.host-network').map(([, f]) => f), prints(b.runs[0].results, 'hardening.host-network').map(([, f]) => f));
    for (const v of ['advisor.verdict']) assert.deepEqual(prints(a.runs[0].results, v).map(([, f]) => f), prints(b.runs[0].results, v).map(([, f]) => f));
  });

  it('change when the evidence line itself changes, and are unique within a log', () => {
    const a = sarifOf(compose('', ''));
    const c = sarifOf(compose('', '').replace('network_mode: host', 'network_mode: "host"'));
    const fa = prints(a.runs[0].results, 'hardening.host-network')[0][1];
    const fc = prints(c.runs[0].results, 'hardening.host-network')[0][1];
    assert.notEqual(fa, fc);
    const all = a.runs[0].results.map((r) => `${r.ruleId} ${r.partialFingerprints[FINGERPRINT_KEY]}`);
    assert.equal(new Set(all).size, all.length, all.join('\n'));
  });

  it('without the file text, stand on the finding itself and still ignore moved lines', () => {
    const plain = (text: string) => toSarif(adviseFiles([{ path: 'compose.yaml', text }]));
    const a = prints(plain(compose('', '')).runs[0].results, 'hardening.privileged').map(([, f]) => f);
    const b = prints(plain(compose('  db:\n    image: postgres:16\n', '')).runs[0].results, 'hardening.privileged').map(([, f]) => f);
    assert.deepEqual(a, b);
  });
});
